// Two Services of different repositories asking for one nodePort in one cluster. The API server
// allocates nodePorts from one pool per cluster, by number alone (not per protocol or namespace),
// so whichever Service is applied second is rejected: "provided port is already allocated".
import { matchesAnyGlob } from '../discover/discover.js'
import { compareLocations, type ScanModel, type ServicePort } from '../model.js'
import type { ScopeConfig } from '../config/types.js'
import type { RuleFinding } from '../rules/rule.js'
import { objectKey, shortLocation } from '../rules/shared/describe.js'

export const FLEET_NODE_PORT_RULE = 'duplicate-node-port'

export function duplicateNodePorts(model: ScanModel, scopes: ScopeConfig): RuleFinding[] {
  const buckets = new Map<string, ServicePort[]>()
  for (const service of model.services) {
    if (service.nodePort === undefined) continue
    const scope =
      scopes.nodeScopes.find((candidate) => matchesAnyGlob(service.location.file, candidate.paths))
        ?.name ?? ''
    const key = `${scope}\0${service.nodePort}`
    buckets.set(key, [...(buckets.get(key) ?? []), service])
  }
  const findings: RuleFinding[] = []
  for (const services of buckets.values()) {
    const sorted = [...services].sort((a, b) => compareLocations(a.location, b.location))
    for (const [index, later] of sorted.entries()) {
      // One Service may use one nodePort for TCP and UDP; the same Service applied from two
      // places is one object.
      const earlier = sorted
        .slice(0, index)
        .find((other) => objectKey(other.object) !== objectKey(later.object))
      if (earlier) findings.push(toFinding(later, earlier))
    }
  }
  return findings
}

/** The Service and its `nodePort:` line: the line the finding and its related place point at. */
function describe(service: ServicePort): string {
  const { namespace, name } = service.object
  const where = shortLocation(service.nodePortLocation ?? service.location)
  return `Service ${namespace ? `${namespace}/` : ''}${name} (${where})`
}

function toFinding(later: ServicePort, earlier: ServicePort): RuleFinding {
  return {
    message:
      `nodePort ${later.nodePort} of ${describe(later)} is also taken by ${describe(earlier)}: ` +
      'the API server gives a nodePort to one Service per cluster, so applying the second fails ' +
      '("provided port is already allocated").',
    location: later.nodePortLocation ?? later.location,
    related: [
      {
        location: earlier.nodePortLocation ?? earlier.location,
        message: `the other Service with nodePort ${earlier.nodePort}: ${describe(earlier)}`
      }
    ],
    object: later.object,
    key: `${objectKey(later.object)}/${later.nodePort}|${earlier.location.file}|${objectKey(earlier.object)}`
  }
}
