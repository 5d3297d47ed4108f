// A host-facing port below 1024: a Kubernetes hostPort, any containerPort of a hostNetwork pod,
// a Compose published port, or the target port of a `network_mode: host` Compose service.
//
// Calibrated to how things run. Rootful dockerd and the CNI portmap plugin bind as root, so a
// port below 1024 only fails to bind where the binder is unprivileged: rootless Docker and
// Podman, or a host whose net.ipv4.ip_unprivileged_port_start is left at 1024 for them. That is a
// warning. 80 and 443 are a site's entry points and allowed by default (`webPorts: []` takes the
// allowance away). A port a daemon of the host itself commonly holds (sshd 22, resolved or
// dnsmasq 53, ...; shared/host-daemons.ts) published on every interface collides with it: the
// bind fails with "address already in use" (a hostPort's DNAT cuts the daemon off), an error.
// On a specific address, or through host networking (the process picks its address), it may
// not collide: a warning.
import { formatRange, type PortBinding, type PortRange } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { portListOption } from '../config/options.js'
import { describeHostClaim, hostClaim, type HostClaim } from './shared/host-ports.js'
import { allowListOption, allowedPorts, type AllowEntry } from './shared/allow-list.js'
import { objectKey } from './shared/describe.js'
import { normaliseAddress } from './shared/addresses.js'
import { hostDaemonAt, type HostDaemonPort } from './shared/host-daemons.js'
import {
  DAEMON_COLLISION,
  hostDaemonPortMessage,
  privilegedPortMessage
} from './shared/messages.js'

/** Ports below this need CAP_NET_BIND_SERVICE (Linux `ip_unprivileged_port_start` default). */
export const FIRST_UNPRIVILEGED_PORT = 1024

/** The web entry points allowed by default. */
export const DEFAULT_WEB_PORTS = [80, 443]

export interface PrivilegedPortOptions {
  allow: AllowEntry[]
  webPorts: number[]
}

export const privilegedPort: Rule<PrivilegedPortOptions> = {
  meta: {
    id: 'privileged-port',
    description: 'A host-facing port (hostPort, hostNetwork, Compose published) below 1024.',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'a Compose published port or a hostPort on every interface where a host daemon commonly listens (sshd 22, an MTA 25, systemd-resolved or dnsmasq 53, rpcbind 111, NTP 123, CUPS 631): the bind collides with the daemon, or the portmap DNAT cuts it off',
        source:
          'https://www.freedesktop.org/software/systemd/man/latest/resolved.conf.html#DNSStubListener='
      },
      {
        severity: 'warning',
        when: 'any other port below 1024 (80 and 443 allowed by `webPorts`), or a host-daemon port that may not collide (a specific address, host networking): the bind fails under rootless Docker and Podman and wherever net.ipv4.ip_unprivileged_port_start is 1024 for the binder',
        source: 'https://docs.docker.com/engine/security/rootless/#exposing-privileged-ports'
      }
    ]
  },
  options: { allow: allowListOption(), webPorts: portListOption(DEFAULT_WEB_PORTS) },
  check(model, context) {
    const findings: RuleFinding[] = []
    for (const binding of model.bindings) {
      const claim = hostClaim(binding)
      if (!claim) continue
      const privileged = privilegedPart(claim.ports)
      if (!privileged) continue
      const allowed = allowedPorts(context.options.allow, binding)
      for (const port of context.options.webPorts) allowed.add(port)
      if (everyPortAllowed(privileged, allowed)) continue
      findings.push(toFinding(claim, privileged, daemonCollision(claim, privileged, allowed)))
    }
    return findings
  }
}

/** The part of a range below 1024, if any. */
function privilegedPart(range: PortRange): PortRange | undefined {
  if (range.start >= FIRST_UNPRIVILEGED_PORT) return undefined
  return { start: range.start, end: Math.min(range.end, FIRST_UNPRIVILEGED_PORT - 1) }
}

function everyPortAllowed(range: PortRange, allowed: Set<number>): boolean {
  for (let port = range.start; port <= range.end; port++) if (!allowed.has(port)) return false
  return true
}

/** Every interface: no host IP, 0.0.0.0 or `::`. */
function onEveryInterface(binding: PortBinding): boolean {
  return ['', '0.0.0.0', '::'].includes(normaliseAddress(binding.hostIP))
}

/** A host daemon's port, not allowed, in the range; undefined when none or it may not collide. */
function daemonCollision(
  claim: HostClaim,
  privileged: PortRange,
  allowed: Set<number>
): HostDaemonPort | undefined {
  for (let port = privileged.start; port <= privileged.end; port++) {
    if (allowed.has(port)) continue
    const daemon = hostDaemonAt(port, claim.binding.protocol)
    if (daemon) return daemon
  }
  return undefined
}

function toFinding(
  claim: HostClaim,
  privileged: PortRange,
  daemon: HostDaemonPort | undefined
): RuleFinding {
  const { binding } = claim
  const what = describeHostClaim(claim, privileged)
  // On every interface the port cannot serve both: Docker's bind (docker-proxy, its port
  // allocator) fails next to the daemon, and for a hostPort the CNI portmap plugin, which binds
  // nothing, DNATs the node's port to the pod, so the daemon is cut off instead. Through host
  // networking the process picks its own address: it may not collide.
  const certain = daemon !== undefined && !claim.viaHostNetwork && onEveryInterface(binding)
  const collision = !certain
    ? DAEMON_COLLISION.uncertain
    : binding.format === 'kubernetes'
      ? DAEMON_COLLISION.portmap
      : DAEMON_COLLISION.bind
  const message = daemon
    ? hostDaemonPortMessage(what, daemon.daemon, String(daemon.port), collision)
    : privilegedPortMessage(what, String(FIRST_UNPRIVILEGED_PORT))
  return {
    message,
    location: claim.location,
    object: binding.object,
    key: [
      objectKey(binding.object),
      binding.container,
      claim.viaHostNetwork ? 'host-network' : 'host-port',
      normaliseAddress(binding.hostIP),
      formatRange(claim.ports),
      binding.protocol.toLowerCase()
    ].join('/'),
    ...(certain ? {} : { severity: 'warning' as const })
  }
}
