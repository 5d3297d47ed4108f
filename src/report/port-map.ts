// The port map: who holds which host port, per node scope (Kubernetes host ports are per node)
// and per Compose host, plus the cluster-wide nodePorts — owner and place, conflicts marked,
// rows this change adds or changes marked. A reviewer asking "is 9101 free?" reads it here.
import type { ScanResult } from '../engine.js'
import {
  compareLocations,
  compareText,
  describeObject,
  formatRange,
  type ChangeSet,
  type ObjectRef,
  type SourceLocation
} from '../model.js'
import { hostClaim } from '../rules/shared/host-ports.js'
import { bindingClaimKey, nodePortKey } from '../rules/identity.js'
import { partsOf } from '../rules/merge-findings.js'

export interface PortMapOptions {
  /** The node scope a Kubernetes file belongs to (the config's `scopes`); '' = the default scope. */
  nodeScopeOf?: (file: string) => string
}

export interface PortMapRow {
  scope: string
  /** `9100/TCP`, `127.0.0.1:8080/tcp`, `30080/TCP (nodePort)`. */
  port: string
  owner: string
  location: SourceLocation
  conflict: boolean
  changed: boolean
}

export interface PortMap {
  rows: PortMapRow[]
  conflicts: number
  changed: number
}

const NODE_PORTS = 'Kubernetes nodePorts (every node)'
const COMPOSE_HOST = 'Compose host'

export function buildPortMap(result: ScanResult, options: PortMapOptions = {}): PortMap {
  const conflictAt = conflictLocations(result)
  const isChanged = changeTest(result.change)
  const rows: Array<PortMapRow & { order: [number, string, number] }> = []
  for (const binding of result.model.bindings) {
    const claim = hostClaim(binding)
    if (!claim) continue
    const kubernetes = binding.format === 'kubernetes'
    const scopeName = kubernetes ? (options.nodeScopeOf?.(claim.location.file) ?? '') : ''
    const scope = kubernetes
      ? `Kubernetes nodes${scopeName ? ` (scope ${scopeName})` : ''}`
      : COMPOSE_HOST
    const protocol = kubernetes ? binding.protocol.toUpperCase() : binding.protocol
    const address = binding.hostIP
      ? `${binding.hostIP.includes(':') ? `[${binding.hostIP}]` : binding.hostIP}:`
      : ''
    const ports = formatRange(claim.ports)
    const key = bindingClaimKey(binding)!
    rows.push({
      scope,
      port: `${address}${ports}/${protocol}${claim.viaHostNetwork ? ' (host network)' : ''}`,
      owner: owner(binding.object, kubernetes ? binding.container : undefined),
      location: claim.location,
      conflict: conflictAt.has(locationKey(claim.location)),
      changed: isChanged(key, claim.location),
      order: [kubernetes ? 0 : 2, scope, claim.ports.start]
    })
  }
  for (const service of result.model.services) {
    if (service.nodePort === undefined) continue
    const location = service.nodePortLocation ?? service.location
    const key = nodePortKey(service)!
    rows.push({
      scope: NODE_PORTS,
      port: `${service.nodePort}/${service.protocol.toUpperCase()}`,
      owner: owner(service.object),
      location,
      conflict: conflictAt.has(locationKey(location)),
      changed: isChanged(key, location),
      order: [1, NODE_PORTS, service.nodePort]
    })
  }
  rows.sort(
    (a, b) =>
      a.order[0] - b.order[0] ||
      compareText(a.order[1], b.order[1]) ||
      a.order[2] - b.order[2] ||
      compareLocations(a.location, b.location)
  )
  const plain = rows.map(({ order: _order, ...row }) => row)
  return {
    rows: plain,
    conflicts: plain.filter((row) => row.conflict).length,
    changed: plain.filter((row) => row.changed).length
  }
}

function owner(object: ObjectRef, container?: string): string {
  return describeObject(object, container ? [`container "${container}"`] : [])
}

function locationKey(location: SourceLocation): string {
  return `${location.file}\0${location.line}\0${location.column}`
}

/** Places named by a duplicate-host-port finding (either side of the conflict). */
function conflictLocations(result: ScanResult): Set<string> {
  const places = new Set<string>()
  // Every rule of a merged finding: a conflict may share its line with a more severe rule.
  for (const finding of result.findings.flatMap(partsOf)) {
    if (!/^duplicate-(host|node)-port$/.test(finding.ruleId)) continue
    places.add(locationKey(finding.location))
    for (const related of finding.related) places.add(locationKey(related.location))
  }
  return places
}

/** With a base scan: a claim the base did not have; with changed lines: a claim on an added line. */
function changeTest(
  change: ChangeSet | undefined
): (key: string, location: SourceLocation) => boolean {
  if (!change) return () => false
  if (change.basePorts) {
    const base = new Set(change.basePorts)
    return (key) => !base.has(key)
  }
  const lines = change.changedLines
  if (lines) {
    return (_key, location) => {
      const added = lines.get(location.file)
      return added === 'all' || (added?.has(location.line) ?? false)
    }
  }
  return () => false
}
