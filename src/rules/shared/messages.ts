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

/** `Host port 80/TCP of Deployment web/shop (container "nginx")` (see describeHostClaim). */
export function privilegedPortMessage(subject: string, firstUnprivileged: string): string {
  return (
    `${subject} is privileged (below ${firstUnprivileged}): it needs root on the host and ` +
    'competes with system services; use a port of 1024 or above, or allow it in the config.'
  )
}
