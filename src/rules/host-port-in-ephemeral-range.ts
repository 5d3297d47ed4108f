// A host port inside the range the kernel hands out to outgoing connections. Linux picks the
// local port of every outgoing TCP/UDP socket from net.ipv4.ip_local_port_range, 32768-60999 by
// default (Documentation/networking/ip-sysctl.rst). A listener on a port in that range can find
// it taken by some client socket when it starts — the bind fails with "address already in use",
// at random, on some nodes only. Kubernetes keeps its own nodePort range (30000-32767) below it.
import { formatRange, type PortRange } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { portSpanOption, type PortSpan } from '../config/options.js'
import { describeHostClaim, hostClaim, isPortPool, type HostClaim } from './shared/host-ports.js'
import { objectKey } from './shared/describe.js'

export interface HostPortInEphemeralRangeOptions {
  /** The nodes' ip_local_port_range. */
  range: PortSpan
}

export const hostPortInEphemeralRange: Rule<HostPortInEphemeralRangeOptions> = {
  meta: {
    id: 'host-port-in-ephemeral-range',
    description:
      'A host port inside the Linux ephemeral port range (32768-60999), where outgoing connections can take it.',
    defaultSeverity: 'warning',
    cases: [
      {
        severity: 'warning',
        when: 'a host port inside the Linux ephemeral range (32768-60999), which an outgoing connection can hold first',
        source: 'https://www.kernel.org/doc/html/latest/networking/ip-sysctl.html'
      }
    ]
  },
  options: { range: portSpanOption({ start: 32768, end: 60999 }) },
  check(model, context) {
    const findings: RuleFinding[] = []
    const seen = new Set<string>()
    for (const binding of model.bindings) {
      const claim = hostClaim(binding)
      // A pool (`"40000-40100:80"`) lets Docker pick a port that is free at start: no clash.
      if (!claim || isPortPool(claim)) continue
      const inside = overlap(claim.ports, context.options.range)
      if (!inside) continue
      const { file, line, column } = claim.location
      const at = `${objectKey(binding.object)}/${binding.container}/${file}:${line}:${column}/${binding.protocol}`
      if (seen.has(at)) continue
      seen.add(at)
      findings.push(toFinding(claim, inside, context.options.range))
    }
    return findings
  }
}

function overlap(ports: PortRange, range: PortSpan): PortRange | undefined {
  const start = Math.max(ports.start, range.start)
  const end = Math.min(ports.end, range.end)
  return start <= end ? { start, end } : undefined
}

function toFinding(claim: HostClaim, inside: PortRange, range: PortSpan): RuleFinding {
  const { binding } = claim
  const what = describeHostClaim(claim, inside)
  const { file, line, column } = claim.location
  return {
    message:
      `${what} is inside the ephemeral port range ${range.start}-${range.end} ` +
      '(net.ipv4.ip_local_port_range), which the kernel hands to outgoing connections: the port ' +
      'can be taken when the container starts and the bind fails with "address already in use"; ' +
      `use a port below ${range.start}, or reserve it on the hosts with net.ipv4.ip_local_reserved_ports.`,
    location: { file, line, column },
    object: binding.object,
    key: [
      objectKey(binding.object),
      binding.container,
      claim.viaHostNetwork ? 'host-network' : 'host-port',
      formatRange(claim.ports),
      binding.protocol.toLowerCase()
    ].join('/')
  }
}
