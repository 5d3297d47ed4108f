// The sentences a port is rejected with, in one place: the CI rules write them with the values
// of a finding, and `port-hygiene policy` (src/policy/) writes the same functions into CEL, with
// each value an expression, so that admission rejects with the very words the CI check reports.
// A sentence changes here, or nowhere.

/** `Service port 8080`, `nodePort 32080`, `Host port 9100 of container "exporter"`. */
export function outOfRangeMessage(
  subject: string,
  min: string,
  max: string,
  whose: string
): string {
  return `${subject} is outside the allowed range ${min}-${max} for ${whose}.`
}

/**
 * A port below 1024 that no host daemon commonly holds (a warning):
 * `Host port 8080/TCP of Deployment web/shop (container "nginx")` (see describeHostClaim).
 * Rootful dockerd and the CNI portmap plugin bind as root, so it fails only where the binder is
 * unprivileged.
 */
export function privilegedPortMessage(subject: string, firstUnprivileged: string): string {
  return (
    `${subject} is privileged (below ${firstUnprivileged}): the bind fails under rootless ` +
    'Docker or Podman and wherever net.ipv4.ip_unprivileged_port_start is 1024 for the ' +
    'binder; use a port of 1024 or above, or allow it in the config.'
  )
}

/** How a port collides with the host daemon that commonly holds it, by how it is bound. */
export const DAEMON_COLLISION = {
  /** A specific address, or host networking: only if the daemon listens there too. */
  uncertain: 'the bind collides with it if it listens on the same address; ',
  /** A Kubernetes hostPort on every interface. */
  portmap: "the CNI portmap plugin redirects the node's port to the pod, cutting the daemon off; ",
  /** A Compose (or dev-cluster) published port on every interface. */
  bind: 'on every interface the bind collides with it ("address already in use"); '
} as const

/** A port a host daemon commonly holds (`sshd`, port `22`); `collision` is a DAEMON_COLLISION. */
export function hostDaemonPortMessage(
  subject: string,
  daemon: string,
  port: string,
  collision: string
): string {
  return (
    `${subject} is where ${daemon} commonly listens on the host (port ${port}): ${collision}` +
    'use a port of 1024 or above, or allow it in the config if the host runs no such daemon.'
  )
}
