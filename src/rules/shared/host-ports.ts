// Which port a binding claims on the host, and where a finding about it points. Shared by every
// rule that looks at the host side (duplicates, privileged host ports, ranges).
import { formatRange, type PortBinding, type PortRange, type SourceLocation } from '../../model.js'
import { describeAddress } from './addresses.js'
import { describeBinding, describeProtocol } from './describe.js'

export interface HostClaim {
  binding: PortBinding
  ports: PortRange
  /** Where the host side of the binding is written. */
  location: SourceLocation
  /** True when the port comes from the container side (host network), not from a hostPort/published value. */
  viaHostNetwork: boolean
}

/**
 * The host port a binding occupies, or undefined when it binds none.
 * - An explicit hostPort / published port.
 * - Host networking (Kubernetes `hostNetwork: true`, Compose `network_mode: host`): the process
 *   binds its container port on the node itself. Kubernetes even defaults `hostPort` to
 *   `containerPort` for such pods (pkg/apis/core/v1/defaults.go), and Docker ignores `ports:`
 *   under host networking, so the container port is what is bound.
 * A binding with an unknown interpolated value claims nothing: rules must stay silent about it.
 */
export function hostClaim(binding: PortBinding): HostClaim | undefined {
  if (binding.unresolved) return undefined
  if (binding.hostNetwork && binding.containerPort) {
    // Compose ignores `published` under host networking; Kubernetes requires hostPort ==
    // containerPort there (a mismatch is the loader's invalid-port), so the container port is
    // what is bound. A Kubernetes finding points at `hostPort:` when one is written.
    const explicitHostPort = binding.format === 'kubernetes' ? binding.hostPortLocation : undefined
    return {
      binding,
      ports: binding.containerPort,
      location: explicitHostPort ?? binding.containerPortLocation ?? binding.location,
      viaHostNetwork: true
    }
  }
  if (!binding.hostPort) return undefined
  return {
    binding,
    ports: binding.hostPort,
    location: binding.hostPortLocation ?? binding.location,
    viaHostNetwork: false
  }
}

function rangeWidth(range: PortRange): number {
  return range.end - range.start + 1
}

/**
 * A published range mapped to a single container port (`"8000-8010:80"`) asks Docker for *one*
 * free port out of the range, not for all of them; a range mapped to a range of the same width
 * binds every port of it.
 */
export function isPortPool(claim: HostClaim): boolean {
  const container = claim.binding.containerPort
  if (claim.viaHostNetwork || rangeWidth(claim.ports) === 1) return false
  return !container || rangeWidth(container) !== rangeWidth(claim.ports)
}

/**
 * The subject of a finding about `ports` of a host claim: "Host port 80/TCP on 10.0.0.1 of …",
 * "Published port …", or "Port … bound on the host itself (host network),".
 */
export function describeHostClaim(claim: HostClaim, ports: PortRange): string {
  const { binding } = claim
  const port = `${formatRange(ports)}/${describeProtocol(binding)}`
  if (claim.viaHostNetwork) {
    return `Port ${port} of ${describeBinding(binding)}, bound on the host itself (host network),`
  }
  const address = binding.hostIP ? ` on ${describeAddress(binding.hostIP)}` : ''
  const kind = binding.format === 'kubernetes' ? 'Host port' : 'Published port'
  return `${kind} ${port}${address} of ${describeBinding(binding)}`
}
