// Which finding of one commit is which finding of another. A finding's identity is its rule, the
// object it concerns (kind/namespace/name, or Compose project/service), the rule's own key
// (the port tuple: host port, protocol, address, container — never a line) and an occurrence
// index among findings that share all of those. Lines move when someone inserts a comment or
// reorders keys; none of these do.
import { sha256Hex } from '../digest.js'
import {
  compareLocations,
  compareText,
  formatRange,
  type Finding,
  type ObjectRef,
  type PortBinding,
  type ScanModel,
  type ServicePort
} from '../model.js'
import { hostClaim } from './shared/host-ports.js'
import { computeOnRead } from './shared/lazy-property.js'

/** `kubernetes:DaemonSet/monitoring/node-exporter`, `compose:shop/web`; a file for findings about no object. */
export function objectIdentity(object: ObjectRef | undefined, file: string): string {
  if (!object) return `file:${file}`
  return object.format === 'kubernetes'
    ? `kubernetes:${object.kind}/${object.namespace}/${object.name}`
    : `compose:${object.project}/${object.service}`
}

/** Everything of the identity but the occurrence index. */
export function identityStem(finding: Finding): string {
  return [
    finding.ruleId,
    objectIdentity(finding.object, finding.location.file),
    finding.key ?? finding.fingerprint
  ].join('\0')
}

/**
 * Sets `identity` on every finding. Findings sharing a stem are numbered in file, line, column
 * order; the number is what tells two identical claims of one object apart.
 */
export function assignIdentities(findings: readonly Finding[]): void {
  const groups = new Map<string, Finding[]>()
  for (const finding of findings) {
    const stem = identityStem(finding)
    const group = groups.get(stem) ?? []
    group.push(finding)
    groups.set(stem, group)
  }
  for (const [stem, group] of groups) {
    group.sort(
      (a, b) => compareLocations(a.location, b.location) || compareText(a.message, b.message)
    )
    group.forEach((finding, index) => {
      computeOnRead(finding, 'identity', () => identityDigest(stem, index))
    })
  }
}

/** The identity, computed on the spot for a finding that has none yet (hand-built results). */
export function identityOf(finding: Finding): string {
  return finding.identity || identityDigest(identityStem(finding), 0)
}

function identityDigest(stem: string, occurrence: number): string {
  return sha256Hex(`${stem}\0${occurrence}`).slice(0, 32)
}

/** A binding's host-port claim as an identity across commits (no line); undefined when it claims none. */
export function bindingClaimKey(binding: PortBinding): string | undefined {
  const claim = hostClaim(binding)
  if (!claim) return undefined
  return [
    objectIdentity(binding.object, claim.location.file),
    binding.container,
    binding.hostIP,
    formatRange(claim.ports),
    binding.protocol.toLowerCase()
  ].join('|')
}

/** A Service's nodePort as an identity across commits; undefined without one. */
export function nodePortKey(service: ServicePort): string | undefined {
  if (service.nodePort === undefined) return undefined
  return [
    objectIdentity(service.object, service.location.file),
    service.name ?? '',
    String(service.nodePort),
    service.protocol.toLowerCase()
  ].join('|')
}

/** Every host port and nodePort of a model, keyed as above: the base side of the port map. */
export function portClaimKeys(model: ScanModel): string[] {
  return [...model.bindings.map(bindingClaimKey), ...model.services.map(nodePortKey)].filter(
    (key): key is string => key !== undefined
  )
}
