// A host-facing port below 1024: a Kubernetes hostPort, any containerPort of a hostNetwork pod,
// a Compose published port, or the target port of a `network_mode: host` Compose service.
import { formatRange, type PortRange } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { describeHostClaim, hostClaim, type HostClaim } from './shared/host-ports.js'
import { allowListOption, allowedPorts, type AllowEntry } from './shared/allow-list.js'
import { objectKey } from './shared/describe.js'
import { normaliseAddress } from './shared/addresses.js'
import { privilegedPortMessage } from './shared/messages.js'

/** Ports below this need CAP_NET_BIND_SERVICE (Linux `ip_unprivileged_port_start` default). */
export const FIRST_UNPRIVILEGED_PORT = 1024

export interface PrivilegedPortOptions {
  allow: AllowEntry[]
}

export const privilegedPort: Rule<PrivilegedPortOptions> = {
  meta: {
    id: 'privileged-port',
    description: 'A host-facing port (hostPort, hostNetwork, Compose published) below 1024.',
    defaultSeverity: 'error'
  },
  options: { allow: allowListOption() },
  check(model, context) {
    const findings: RuleFinding[] = []
    for (const binding of model.bindings) {
      const claim = hostClaim(binding)
      if (!claim) continue
      const privileged = privilegedPart(claim.ports)
      if (!privileged) continue
      const allowed = allowedPorts(context.options.allow, binding)
      if (everyPortAllowed(privileged, allowed)) continue
      findings.push(toFinding(claim, privileged))
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

function toFinding(claim: HostClaim, privileged: PortRange): RuleFinding {
  const { binding } = claim
  const what = describeHostClaim(claim, privileged)
  return {
    message: privilegedPortMessage(what, String(FIRST_UNPRIVILEGED_PORT)),
    location: claim.location,
    object: binding.object,
    key: [
      objectKey(binding.object),
      binding.container,
      claim.viaHostNetwork ? 'host-network' : 'host-port',
      normaliseAddress(binding.hostIP),
      formatRange(claim.ports),
      binding.protocol.toLowerCase()
    ].join('/')
  }
}
