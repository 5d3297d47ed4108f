// A nodePort the API server or the nodePort allocator refuses, and a hard-coded nodePort that the
// allocator may already have handed out.
//
// - pkg/apis/core/validation/validation.go (ValidateService): a nodePort on a ClusterIP Service is
//   "Forbidden: may not be used when `type` is 'ClusterIP'" (a headless Service is a ClusterIP
//   Service); a NodePort or LoadBalancer Service may not be headless.
// - pkg/registry/core/service/portallocator: a nodePort outside --service-node-port-range
//   (30000-32767 by default) is "provided port is not in the valid range. The range of valid ports
//   is 30000-32767".
// - KEP-3668 (ServiceNodePortStaticSubrange, GA in 1.29): the allocator hands out dynamic ports
//   from the upper band first; the lowest min(max(16, size/32), 128) ports of the range are the
//   static band, where hard-coded ports are safe until the upper band is used up.
import { describeObject, type ServicePort } from '../model.js'
import { taggedRejections } from './shared/rejections.js'
import type { Rule, RuleFinding } from './rule.js'
import { objectKey } from './shared/describe.js'
import { booleanOption, portSpanOption, type PortSpan } from '../config/options.js'

export interface NodePortRangeOptions {
  /** The cluster's --service-node-port-range. */
  range: PortSpan
  /** Report hard-coded nodePorts above the static band (a notice). */
  staticBand: boolean
}

export const DEFAULT_NODE_PORT_RANGE: PortSpan = { start: 30000, end: 32767 }

/** calculateRangeOffset in pkg/registry/core/service/portallocator/allocator.go. */
export function staticBandSize(range: PortSpan): number {
  const size = range.end - range.start + 1
  if (size <= 16) return 0
  return Math.min(Math.max(16, Math.floor(size / 32)), 128)
}

export const nodePortRange: Rule<NodePortRangeOptions> = {
  meta: {
    id: 'node-port-range',
    description:
      "A nodePort outside the cluster's range or on a ClusterIP Service; a notice above the static band.",
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: "a nodePort outside the cluster's service-node-port-range, or on a ClusterIP Service: the API server rejects it",
        source: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport'
      },
      {
        severity: 'notice',
        when: 'a nodePort above the static band, where it may meet a dynamically allocated one',
        source: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport'
      }
    ]
  },
  options: {
    range: portSpanOption(DEFAULT_NODE_PORT_RANGE),
    staticBand: booleanOption(true)
  },
  check(model, { options }) {
    const findings: RuleFinding[] = taggedRejections(
      model,
      'node-port-range',
      (invalid) => `forbidden/${invalid.value}`
    )
    for (const service of model.services) {
      const finding =
        headlessFinding(service) ?? rangeFinding(service, options) ?? bandFinding(service, options)
      if (finding) findings.push(finding)
    }
    return dedupeHeadless(findings)
  }
}

/** type NodePort or LoadBalancer with clusterIP: None — reported once, on the first port. */
function headlessFinding(service: ServicePort): RuleFinding | undefined {
  if (service.clusterIP !== 'None') return undefined
  if (service.serviceType !== 'NodePort' && service.serviceType !== 'LoadBalancer') return undefined
  return {
    message: `${describeObject(service.object)}: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for ${service.serviceType} services; a headless Service has no nodePorts, so remove clusterIP: None or use type ClusterIP`,
    location: service.location,
    object: service.object,
    key: `${objectKey(service.object)}/headless`
  }
}

function dedupeHeadless(findings: RuleFinding[]): RuleFinding[] {
  const seen = new Set<string>()
  return findings.filter((finding) => {
    if (!finding.key.endsWith('/headless')) return true
    const id = `${finding.location.file}\0${finding.key}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}

function rangeFinding(
  service: ServicePort,
  { range }: NodePortRangeOptions
): RuleFinding | undefined {
  const nodePort = service.nodePort
  if (nodePort === undefined || (nodePort >= range.start && nodePort <= range.end)) return undefined
  const field = service.fieldPath ? `${service.fieldPath}.nodePort: ` : ''
  return {
    message: `${describeObject(service.object)}: ${field}Invalid value: ${nodePort}: provided port is not in the valid range. The range of valid ports is ${range.start}-${range.end}`,
    location: service.nodePortLocation ?? service.location,
    object: service.object,
    key: `${objectKey(service.object)}/range/${nodePort}/${service.protocol}`
  }
}

function bandFinding(service: ServicePort, options: NodePortRangeOptions): RuleFinding | undefined {
  const nodePort = service.nodePort
  const size = staticBandSize(options.range)
  if (!options.staticBand || nodePort === undefined || size === 0) return undefined
  const bandEnd = options.range.start + size - 1
  if (nodePort <= bandEnd) return undefined
  return {
    message:
      `${describeObject(service.object)}: nodePort ${nodePort} is hard-coded above the static band ` +
      `${options.range.start}-${bandEnd} of the range ${options.range.start}-${options.range.end}: the allocator ` +
      'hands out ports from the upper band first (KEP-3668), so a Service created without a nodePort may ' +
      `already hold it; pick a port in ${options.range.start}-${bandEnd}.`,
    location: service.nodePortLocation ?? service.location,
    object: service.object,
    key: `${objectKey(service.object)}/band/${nodePort}/${service.protocol}`,
    severity: 'notice'
  }
}
