// Two bindings that would claim the same host port on the same host (DESIGN.md, "Collision
// model"). Bindings are bucketed by format, node scope and protocol, then swept in port order,
// so only bindings whose port ranges overlap are ever compared.
import { matchesAnyGlob } from '../discover/discover.js'
import {
  compareLocations,
  formatRange,
  type ComposeServiceRef,
  type KubernetesObjectRef,
  type PortRange,
  type ScanModel,
  type Severity
} from '../model.js'
import type { ScopeConfig } from '../config/types.js'
import type { Rule, RuleFinding } from './rule.js'
import { hostClaim, isPortPool, type HostClaim } from './shared/host-ports.js'
import { addressesOverlap, describeAddress, normaliseAddress } from './shared/addresses.js'
import { describeBinding, describeProtocol, objectKey, shortLocation } from './shared/describe.js'
import { podLocator, type PodLocator } from './shared/pods.js'
import { booleanOption } from '../config/options.js'

export interface DuplicateHostPortOptions {
  /**
   * Report Compose projects of one repository against each other (as warnings). A repository of
   * independent examples, never run side by side, turns this off.
   */
  betweenComposeProjects: boolean
}

/** Why two claims collide, and how sure we are. */
interface Verdict {
  severity: Severity
  explanation: string
}

export const duplicateHostPort: Rule<DuplicateHostPortOptions> = {
  meta: {
    id: 'duplicate-host-port',
    description: 'Two bindings claim the same host port on the same host.',
    defaultSeverity: 'error'
  },
  options: { betweenComposeProjects: booleanOption(true) },
  check(model, context) {
    const findings: RuleFinding[] = []
    const judge = judgeWith(podLocator(model.podTemplates), context.options)
    // Possible conflicts of one claim are gathered into one finding: forty example projects on
    // port 80 would otherwise make 780 warnings. Certain conflicts stay one finding per pair.
    const possible = new Map<HostClaim, Array<{ earlier: HostClaim; verdict: Verdict }>>()
    const order = claimOrder(model)
    for (const bucket of bucketClaims(model, context.scopes).values()) {
      for (const [earlier, later] of overlappingPairs(bucket, order)) {
        const verdict = judge(earlier, later)
        if (!verdict) continue
        if (verdict.severity === 'error') {
          findings.push(toFinding(later, [{ earlier, verdict }]))
        } else {
          const gathered = possible.get(later) ?? []
          gathered.push({ earlier, verdict })
          possible.set(later, gathered)
        }
      }
    }
    for (const [later, conflicts] of possible) findings.push(toFinding(later, conflicts))
    return findings
  }
}

/**
 * Kubernetes host ports are per node scope; Compose bindings of every project share one bucket
 * (cross-project conflicts are warnings); Compose and Kubernetes never meet.
 */
function bucketClaims(model: ScanModel, scopes: ScopeConfig): Map<string, HostClaim[]> {
  const scopeOfFile = new Map<string, string>()
  const scopeOf = (file: string): string => {
    let scope = scopeOfFile.get(file)
    if (scope === undefined) {
      scope =
        scopes.nodeScopes.find((candidate) => matchesAnyGlob(file, candidate.paths))?.name ?? ''
      scopeOfFile.set(file, scope)
    }
    return scope
  }
  const buckets = new Map<string, HostClaim[]>()
  for (const binding of model.bindings) {
    const claim = hostClaim(binding)
    if (!claim) continue
    const scope = binding.format === 'kubernetes' ? scopeOf(binding.location.file) : ''
    const key = `${binding.format}\0${scope}\0${binding.protocol.toLowerCase()}`
    const bucket = buckets.get(key) ?? []
    bucket.push(claim)
    buckets.set(key, bucket)
  }
  return buckets
}

/**
 * Every pair whose port ranges overlap, once, ordered (earlier, later). A sweep over claims
 * sorted by first port keeps only the claims still "open" at the current port, so the work is
 * proportional to the claims plus the overlapping pairs, never all pairs.
 */
function* overlappingPairs(
  claims: HostClaim[],
  order: (a: HostClaim, b: HostClaim) => number
): Generator<[HostClaim, HostClaim]> {
  const sorted = [...claims].sort((a, b) => a.ports.start - b.ports.start || order(a, b))
  let open: HostClaim[] = []
  for (const claim of sorted) {
    open = open.filter((other) => other.ports.end >= claim.ports.start)
    for (const other of open) {
      yield order(other, claim) <= 0 ? [other, claim] : [claim, other]
    }
    open.push(claim)
  }
}

/**
 * Which of two claims is "later" and carries the finding: inside one Compose project the order in
 * which Compose merges its files (the main file, then its override, ...), so a clash brought in
 * by an override is reported on the override's line; everywhere else file order, then line.
 */
function claimOrder(model: ScanModel): (a: HostClaim, b: HostClaim) => number {
  const mergeRank = new Map<string, number>()
  for (const project of model.composeProjects) {
    project.files.forEach((file, index) => mergeRank.set(`${project.files[0]}\0${file}`, index))
  }
  const rank = (claim: HostClaim) => {
    const object = claim.binding.object
    return object.format === 'compose'
      ? mergeRank.get(`${object.projectFile}\0${claim.location.file}`)
      : undefined
  }
  return (a, b) => {
    const sameProject =
      a.binding.object.format === 'compose' &&
      b.binding.object.format === 'compose' &&
      a.binding.object.projectFile === b.binding.object.projectFile
    const rankA = rank(a)
    const rankB = rank(b)
    if (sameProject && rankA !== undefined && rankB !== undefined && rankA !== rankB) {
      return rankA - rankB
    }
    return compareLocations(a.location, b.location)
  }
}

function judgeWith(podOf: PodLocator, options: DuplicateHostPortOptions) {
  return (earlier: HostClaim, later: HostClaim): Verdict | undefined =>
    earlier.binding.object.format === 'kubernetes' && later.binding.object.format === 'kubernetes'
      ? judgeKubernetes(earlier, later, earlier.binding.object, later.binding.object, podOf)
      : earlier.binding.object.format === 'compose' && later.binding.object.format === 'compose'
        ? judgeCompose(earlier, later, earlier.binding.object, later.binding.object, options)
        : undefined
}

/**
 * One object applied in several places: a kustomize base often leaves the namespace out and the
 * overlay (or `kubectl apply -n`) sets it, so an empty namespace matches any.
 */
function sameKubernetesObject(a: KubernetesObjectRef, b: KubernetesObjectRef): boolean {
  if (a.kind !== b.kind || a.name !== b.name) return false
  return a.namespace === b.namespace || a.namespace === '' || b.namespace === ''
}

function judgeKubernetes(
  earlier: HostClaim,
  later: HostClaim,
  earlierObject: KubernetesObjectRef,
  laterObject: KubernetesObjectRef,
  podOf: PodLocator
): Verdict | undefined {
  const samePod =
    podOf(earlierObject, earlier.binding.location) === podOf(laterObject, later.binding.location)
  if (samePod) return judgeInsidePod(earlier, later)
  // A base and its overlay, or one folder per environment: one object, applied once. (Two pod
  // templates of one object in one file are two pods, and are judged like two workloads.)
  const sameFile = earlier.location.file === later.location.file
  if (!sameFile && sameKubernetesObject(earlierObject, laterObject)) return undefined
  if (!addressesOverlap(earlier.binding.hostIP, later.binding.hostIP)) return undefined
  const daemonSets = [earlierObject, laterObject].filter((object) => object.kind === 'DaemonSet')
  if (daemonSets.length > 0) {
    const who =
      daemonSets.length === 2
        ? 'both are DaemonSets, which run'
        : `DaemonSet ${daemonSets[0]!.name} runs`
    return {
      severity: 'error',
      explanation: `certain conflict: ${who} a pod on every node, so the two pods can never share a node`
    }
  }
  return {
    severity: 'warning',
    explanation:
      'possible conflict: the scheduler never places both pods on one node, ' +
      'and leaves one Pending when no other node is free'
  }
}

/**
 * Inside one pod the rule is exactly what the API server rejects (AccumulateUniqueHostPorts in
 * pkg/apis/core/validation): the key is protocol/hostIP/hostPort as written, the regular
 * containers (and sidecars, which run alongside them) are checked together, and each init
 * container on its own, because init containers run one after another.
 */
function judgeInsidePod(earlier: HostClaim, later: HostClaim): Verdict | undefined {
  const [a, b] = [earlier.binding, later.binding]
  if (normaliseAddress(a.hostIP) !== normaliseAddress(b.hostIP)) return undefined
  if (earlier.ports.start !== later.ports.start || earlier.ports.end !== later.ports.end) {
    return undefined
  }
  const running = (kind: string) => kind === 'container' || kind === 'sidecar'
  const together =
    (running(a.containerKind) && running(b.containerKind)) ||
    (a.containerKind === 'initContainer' &&
      b.containerKind === 'initContainer' &&
      a.container === b.container)
  if (!together) return undefined
  const apiKey = `${a.protocol.toUpperCase()}/${a.hostIP}/${formatRange(later.ports)}`
  return {
    severity: 'error',
    explanation: `both are in one pod, which the API server rejects (duplicate hostPort "${apiKey}")`
  }
}

function judgeCompose(
  earlier: HostClaim,
  later: HostClaim,
  earlierService: ComposeServiceRef,
  laterService: ComposeServiceRef,
  options: DuplicateHostPortOptions
): Verdict | undefined {
  if (!addressesOverlap(earlier.binding.hostIP, later.binding.hostIP)) return undefined
  const sameProject = earlierService.projectFile === laterService.projectFile
  if (!sameProject && !options.betweenComposeProjects) return undefined
  // docker-compose.yml and docker-compose.prod.yml with one project name are alternatives:
  // `docker compose -f` runs one or the other under the same name, never both.
  if (!sameProject && earlierService.project === laterService.project) return undefined
  if (sameProject && earlierService.service === laterService.service && sameEntry(earlier, later)) {
    // Compose merges identical entries (EnforceUnicity); the loader should already have done so.
    return undefined
  }
  const pool = [earlier, later].find(isPortPool)
  if (pool) {
    return {
      severity: 'warning',
      explanation:
        `possible conflict: Docker picks one free port of the range ${formatRange(pool.ports)} ` +
        'when the container starts, and fails only if none is left'
    }
  }
  if (!sameProject) {
    return {
      severity: 'warning',
      explanation:
        `possible conflict: projects "${earlierService.project}" and "${laterService.project}" ` +
        'clash only when run on one host'
    }
  }
  const profiles = disjointProfiles(earlier, later)
  if (profiles) {
    return {
      severity: 'warning',
      explanation:
        `possible conflict: the services are in different profiles (${profiles}) ` +
        'and clash only when both are enabled'
    }
  }
  return {
    severity: 'error',
    explanation:
      `both are in Compose project "${laterService.project}", ` +
      'so the second container fails to start (port is already allocated)'
  }
}

function sameEntry(a: HostClaim, b: HostClaim): boolean {
  const same = (x?: PortRange, y?: PortRange) => x?.start === y?.start && x?.end === y?.end
  return (
    normaliseAddress(a.binding.hostIP) === normaliseAddress(b.binding.hostIP) &&
    same(a.ports, b.ports) &&
    same(a.binding.containerPort, b.binding.containerPort)
  )
}

/** Services that only start under disjoint profiles are never up together by default. */
function disjointProfiles(a: HostClaim, b: HostClaim): string | undefined {
  const left = a.binding.profiles ?? []
  const right = b.binding.profiles ?? []
  if (left.length === 0 || right.length === 0) return undefined
  if (left.some((profile) => right.includes(profile))) return undefined
  return `${left.join(', ')} vs ${right.join(', ')}`
}

function overlap(a: PortRange, b: PortRange): PortRange {
  return { start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) }
}

function toFinding(
  later: HostClaim,
  conflicts: Array<{ earlier: HostClaim; verdict: Verdict }>
): RuleFinding {
  const sorted = [...conflicts].sort((a, b) =>
    compareLocations(a.earlier.location, b.earlier.location)
  )
  const { earlier, verdict } = sorted[0]!
  const binding = later.binding
  const ports = formatRange(overlap(earlier.ports, later.ports))
  const portText = `${ports}/${describeProtocol(binding)}`
  const address = binding.hostIP ? ` on ${describeAddress(binding.hostIP)}` : ''
  const at = (claim: HostClaim) =>
    describeBinding(claim.binding, [
      ...(claim.viaHostNetwork ? ['host network'] : []),
      shortLocation(claim.location)
    ])
  const others =
    sorted.length > 1
      ? ` (and ${sorted.length - 1} other ${sorted.length === 2 ? 'claim' : 'claims'}, see related locations)`
      : ''
  const message =
    `Host port ${portText}${address} of ${at(later)} is also claimed by ${at(earlier)}${others}: ` +
    `${verdict.explanation}.`
  const side = (claim: HostClaim) =>
    [
      objectKey(claim.binding.object),
      claim.binding.container,
      normaliseAddress(claim.binding.hostIP),
      formatRange(claim.ports)
    ].join('/')
  // A gathered finding keeps its identity when the set of other claims changes.
  const otherSide =
    sorted.length === 1 ? `${earlier.location.file}|${side(earlier)}` : `${verdict.severity}-many`
  return {
    message,
    location: later.location,
    related: sorted.map(({ earlier: other }) => ({
      location: other.location,
      message: `another claim of host port ${formatRange(other.ports)}/${describeProtocol(other.binding)}: ${describeBinding(other.binding)}`
    })),
    object: binding.object,
    key: `${binding.protocol.toLowerCase()}|${side(later)}|${otherSide}`,
    severity: verdict.severity
  }
}
