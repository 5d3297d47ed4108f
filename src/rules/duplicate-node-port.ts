// One nodePort claimed twice. The nodePort allocator (pkg/registry/core/service/portallocator) is
// one bitmap for the whole cluster, keyed by port number alone: a second Service asking for a
// taken port is refused with "provided port is already allocated", whatever the protocols. Inside
// one Service the API server keys nodePorts on (protocol, nodePort) (ValidateService: "Duplicate
// value"), so DNS-style 53/TCP + 53/UDP on one nodePort is fine.
import { compareLocations, describeObject, type ServicePort } from '../model.js'
import { matchesAnyGlob } from '../discover/discover.js'
import type { ScopeConfig } from '../config/types.js'
import { taggedRejections } from './shared/rejections.js'
import type { Rule, RuleFinding } from './rule.js'
import { objectKey, shortLocation } from './shared/describe.js'
import { serviceIdentity } from './shared/services.js'
import { append } from '../append.js'

export const duplicateNodePort: Rule = {
  meta: {
    id: 'duplicate-node-port',
    description: 'One nodePort used by two Services, or twice with one protocol in one Service.',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'one nodePort on two Services, or twice with one protocol in one Service: the API server rejects the second',
        source: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport'
      }
    ]
  },
  options: {},
  check(model, context) {
    const findings: RuleFinding[] = taggedRejections(
      model,
      'duplicate-node-port',
      (invalid) => `same-service/${invalid.value}`
    )
    for (const group of claimGroups(model.services, context.scopes)) {
      append(findings, conflictsIn(group))
    }
    return findings
  }
}

/** Service ports with a nodePort, grouped by scope and port number. */
function claimGroups(services: readonly ServicePort[], scopes: ScopeConfig): ServicePort[][] {
  const groups = new Map<string, ServicePort[]>()
  for (const service of services) {
    if (service.nodePort === undefined) continue
    const scope = scopes.nodeScopes.find((each) =>
      matchesAnyGlob(service.location.file, each.paths)
    )
    const key = `${scope?.name ?? ''}\0${service.nodePort}`
    const list = groups.get(key) ?? []
    list.push(service)
    groups.set(key, list)
  }
  return [...groups.values()]
}

/**
 * The first Service (in file order) keeps the port; every port of every other Service in the
 * group is reported against it. Declarations of the same Service (base and overlay) are one
 * claimant.
 */
function conflictsIn(claims: ServicePort[]): RuleFinding[] {
  const group = [...claims].sort((a, b) => compareLocations(a.location, b.location))
  const owners = new Map<string, ServicePort>()
  for (const port of group) {
    const identity = serviceIdentity(port.object)
    if (!owners.has(identity)) owners.set(identity, port)
  }
  if (owners.size < 2) return []
  const [first] = owners.values()
  const holder = first!
  return group
    .filter((port) => serviceIdentity(port.object) !== serviceIdentity(holder.object))
    .map((port) => {
      const field = port.fieldPath ? `${port.fieldPath}.nodePort: ` : ''
      const protocols =
        port.protocol === holder.protocol
          ? ''
          : ` (the allocator ignores the protocol: ${port.protocol.toUpperCase()} here, ${holder.protocol.toUpperCase()} there)`
      return {
        message:
          `${describeObject(port.object)}: nodePort ${port.nodePort} is already used by ` +
          `${describeObject(holder.object)} at ${shortLocation(holder.nodePortLocation ?? holder.location)}` +
          `${protocols}; the second Service is refused with "${field}Invalid value: ${port.nodePort}: ` +
          'provided port is already allocated". Give one of them another nodePort.',
        location: port.nodePortLocation ?? port.location,
        related: [
          {
            location: holder.nodePortLocation ?? holder.location,
            message: `nodePort ${holder.nodePort} of ${describeObject(holder.object)}`
          }
        ],
        object: port.object,
        key: `${objectKey(port.object)}/${port.nodePort}/${port.protocol}/vs/${objectKey(holder.object)}`
      }
    })
}
