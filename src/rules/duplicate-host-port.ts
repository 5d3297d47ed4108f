// Claims of one host port on one host (DESIGN.md, "Collision model"), reported per conflict
// group, never per pair. Claims are bucketed by format, node scope and protocol, swept in port
// order into groups of overlapping ports and addresses, and each claim is judged against a
// handful of earlier ones only (the first claims of other identities, the claims of its own
// file or project): the work and the output stay linear in the claims, so 5,000 DaemonSets on
// one port make 4,999 short findings, not 12 million pairs.
import { matchesAnyGlob } from '../discover/discover.js'
import {
  compareLocations,
  formatRange,
  type ConflictGroup,
  type ComposeServiceRef,
  type ConflictMember,
  type PortRange,
  type ScanModel,
  type Severity
} from '../model.js'
import type { ScopeConfig } from '../config/types.js'
import type { Rule, RuleBaseline, RuleFinding } from './rule.js'
import { hostClaim, isPortPool, type HostClaim } from './shared/host-ports.js'
import { addressesOverlap, describeAddress, normaliseAddress } from './shared/addresses.js'
import { describeBinding, describeProtocol, objectKey, shortLocation } from './shared/describe.js'
import { podLocator, type PodLocator } from './shared/pods.js'
import { booleanOption } from '../config/options.js'
import { append } from '../append.js'
import { uniq } from './shared/uniq.js'

export interface DuplicateHostPortOptions {
  /**
   * Report Compose projects of one repository against each other (as warnings). A repository of
   * independent examples, never run side by side, turns this off.
   */
  betweenComposeProjects: boolean
}

/** At most this many related locations per finding; the JSON report's `conflicts` has them all. */
export const MAX_RELATED = 5
/** At most this many members named in the message of a possible-conflict finding. */
export const MAX_NAMED_MEMBERS = 10

/** Why two claims collide, and how sure we are. */
interface Verdict {
  severity: Severity
  /** The sentence for this pair. */
  explanation: string
  /** The same reason for a whole group of possible conflicts (names no pair). */
  groupExplanation: string
}

/** A host claim with what the grouping needs, computed once. */
interface Claim extends HostClaim {
  /** Position in the stable order of the group (set when the group is sorted). */
  rank: number
  /**
   * What one install applies once. Kubernetes: namespace and name, whatever the kind (a
   * DaemonSet and a Deployment `envoy` are two ways to install one thing); Compose: the project
   * name (`docker-compose.yml` and `docker-compose.prod.yml` of one name are alternatives).
   */
  identity: string
  /** Where one identity is more than one claim: the file (Kubernetes), the project (Compose). */
  unit: string
  isDaemonSet: boolean
  /** The address class as a tracker key: `every`, `v4wild` (0.0.0.0) or `addr:<address>`. */
  addressKey: string
  ipv6Specific: boolean
}

interface Bucket {
  format: 'kubernetes' | 'compose'
  nodeScope: string | null
  protocol: string
  claims: Claim[]
}

interface Judged {
  claim: Claim
  certain?: { partner: Claim; verdict: Verdict }
  possible?: { partner: Claim; verdict: Verdict }
}

export const duplicateHostPort: Rule<DuplicateHostPortOptions> = {
  meta: {
    id: 'duplicate-host-port',
    description: 'Two bindings claim the same host port on the same host.',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'two claims that can never run together: two containers of one pod (the API server rejects the duplicate hostPort), a DaemonSet and any other pod on the same node, two services of one Compose project or of projects one `composeGroups` entry runs together ("port is already allocated")',
        source: 'https://kubernetes.io/docs/reference/scheduling/config/#scheduling-plugins'
      },
      {
        severity: 'warning',
        when: 'a possible conflict, with the reason stated: pods the scheduler keeps apart (one stays Pending when no node is free), a Compose port pool, services in different profiles, Compose projects in one folder, a kind or k3d cluster and a Compose project (option betweenComposeProjects)',
        source: 'https://kubernetes.io/docs/reference/scheduling/config/#scheduling-plugins'
      },
      {
        severity: 'notice',
        when: 'Compose projects in different folders that no `composeGroups` entry runs together: independent projects (single-node and multi-node, one stack per version, examples) are rarely run side by side',
        source: 'https://docs.docker.com/compose/how-tos/project-name/'
      }
    ]
  },
  options: { betweenComposeProjects: booleanOption(true) },
  check(model, context) {
    const podOf = podLocator(model.podTemplates)
    const judge = judgeWith(podOf, context.options, composeGroupsOf(context.scopes))
    const slots = partnerSlots(podOf)
    const order = claimOrder(model, context.baseline)
    const isNew = (claim: HostClaim) => context.baseline?.hadClaim(claim.binding) === false
    const findings: RuleFinding[] = []
    for (const bucket of bucketClaims(model, context.scopes)) {
      for (const members of groupsOf(bucket.claims)) {
        members.sort(order)
        members.forEach((claim, index) => (claim.rank = index))
        append(findings, reportGroup(bucket, members, judgeGroup(members, judge, slots), isNew))
      }
    }
    return findings
  }
}

// ── Buckets and groups ──────────────────────────────────────────────────────────────────────

/**
 * Kubernetes host ports are per node scope; Compose bindings of every project share one bucket
 * (cross-project conflicts are warnings); Compose and Kubernetes never meet.
 */
function bucketClaims(model: ScanModel, scopes: ScopeConfig): Bucket[] {
  const scopeOfFile = new Map<string, string | null>()
  const scopeOf = (file: string): string | null => {
    let scope = scopeOfFile.get(file)
    if (scope === undefined) {
      scope = scopes.nodeScopes.find((candidate) => matchesAnyGlob(file, candidate.paths))?.name
      scope = scope ?? null
      scopeOfFile.set(file, scope)
    }
    return scope
  }
  const buckets = new Map<string, Bucket>()
  for (const binding of model.bindings) {
    const claim = hostClaim(binding)
    if (!claim) continue
    const nodeScope = binding.format === 'kubernetes' ? scopeOf(binding.location.file) : null
    const protocol = binding.protocol.toLowerCase()
    const key = `${binding.format}\0${nodeScope ?? ''}\0${protocol}`
    let bucket = buckets.get(key)
    if (!bucket) {
      bucket = { format: binding.format, nodeScope, protocol, claims: [] }
      buckets.set(key, bucket)
    }
    bucket.claims.push(toClaim(claim))
  }
  for (const bucket of buckets.values()) resolveEmptyNamespaces(bucket.claims)
  return [...buckets.values()]
}

function toClaim(claim: HostClaim): Claim {
  const { binding } = claim
  const object = binding.object
  const address = normaliseAddress(binding.hostIP)
  const every = address === '' || address === '::' || address === '*'
  return {
    ...claim,
    rank: 0,
    identity:
      object.format === 'kubernetes'
        ? `kubernetes\0${object.namespace}\0${object.name}`
        : `compose\0${object.project}`,
    unit:
      object.format === 'kubernetes'
        ? claim.location.file
        : `${object.projectFile}\0${object.overlay ?? ''}`,
    isDaemonSet: object.format === 'kubernetes' && object.kind === 'DaemonSet',
    addressKey: every ? 'every' : address === '0.0.0.0' ? 'v4wild' : `addr:${address}`,
    ipv6Specific: !every && address.includes(':')
  }
}

/**
 * A kustomize base often leaves the namespace out and the overlay (or `kubectl apply -n`) sets
 * it: a claim without a namespace takes the first namespace that an object of the same name
 * has in this bucket, so that the base and its overlay are one identity.
 */
function resolveEmptyNamespaces(claims: Claim[]): void {
  const namespaceOf = new Map<string, string>()
  for (const claim of claims) {
    const object = claim.binding.object
    if (object.format !== 'kubernetes' || object.namespace === '') continue
    const known = namespaceOf.get(object.name)
    if (known === undefined || object.namespace < known)
      namespaceOf.set(object.name, object.namespace)
  }
  for (const claim of claims) {
    const object = claim.binding.object
    if (object.format !== 'kubernetes' || object.namespace !== '') continue
    const namespace = namespaceOf.get(object.name)
    if (namespace !== undefined) claim.identity = `kubernetes\0${namespace}\0${object.name}`
  }
}

/**
 * Claims whose port ranges overlap (a sweep in port order: one pass, no pairs), split by
 * address: with an every-interface claim all addresses meet; with 0.0.0.0 all IPv4 addresses
 * meet; otherwise each specific address is its own group. Groups of one claim are dropped.
 */
function groupsOf(claims: Claim[]): Claim[][] {
  const sorted = [...claims].sort((a, b) => a.ports.start - b.ports.start)
  const runs: Claim[][] = []
  let end = -1
  for (const claim of sorted) {
    if (claim.ports.start > end) runs.push([])
    runs[runs.length - 1]!.push(claim)
    end = Math.max(end, claim.ports.end)
  }
  const groups: Claim[][] = []
  for (const run of runs) {
    if (run.length < 2) continue
    const every = run.some((claim) => claim.addressKey === 'every')
    const v4wild = run.some((claim) => claim.addressKey === 'v4wild')
    const byAddress = new Map<string, Claim[]>()
    for (const claim of run) {
      const key = every ? '' : v4wild && !claim.ipv6Specific ? '0.0.0.0' : claim.addressKey
      const list = byAddress.get(key)
      if (list) list.push(claim)
      else byAddress.set(key, [claim])
    }
    for (const group of byAddress.values()) if (group.length > 1) groups.push(group)
  }
  return groups
}

/**
 * Which of two claims comes first and which is "later" and carries a finding (and its fix):
 * - a host-network claim first: its port is the one the process listens on, so moving it is
 *   not a one-line change, while a hostPort or a published port is;
 * - then, on the head of a change, the claims its base already had: the claim the change adds
 *   is the one its author is asked to move, whatever the file names' order;
 * - inside one Compose project the order in which Compose merges its files (the main file,
 *   then its override, ..., an overlay last), so a clash brought in by an override or an
 *   overlay is reported on its line;
 * - everywhere else file order, then line.
 */
function claimOrder(
  model: ScanModel,
  baseline: RuleBaseline | undefined
): (a: HostClaim, b: HostClaim) => number {
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
  const hadClaim = new Map<HostClaim, boolean>()
  const existing = (claim: HostClaim) => {
    let had = hadClaim.get(claim)
    if (had === undefined) hadClaim.set(claim, (had = baseline?.hadClaim(claim.binding) ?? true))
    return had
  }
  return (a, b) => {
    if (a.viaHostNetwork !== b.viaHostNetwork) return a.viaHostNetwork ? -1 : 1
    if (existing(a) !== existing(b)) return existing(a) ? -1 : 1
    const sameProject =
      a.binding.object.format === 'compose' &&
      b.binding.object.format === 'compose' &&
      a.binding.object.projectFile === b.binding.object.projectFile
    if (sameProject) {
      // An overlay is merged after every file of its base: what it brings is what clashes.
      const overlayA = a.binding.object.format === 'compose' && a.binding.object.overlay
      const overlayB = b.binding.object.format === 'compose' && b.binding.object.overlay
      if (!overlayA !== !overlayB) return overlayA ? 1 : -1
    }
    const rankA = rank(a)
    const rankB = rank(b)
    if (sameProject && rankA !== undefined && rankB !== undefined && rankA !== rankB) {
      return rankA - rankB
    }
    return (
      compareLocations(a.location, b.location) ||
      compareLocations(a.binding.location, b.binding.location)
    )
  }
}

// ── Judging a group in one pass ─────────────────────────────────────────────────────────────

/**
 * The first two claims of distinct identities among the claims seen so far: whatever the
 * identity of a later claim, one of them is the earliest claim of *another* identity.
 */
class FirstTwoIdentities {
  readonly claims: Claim[] = []
  add(claim: Claim): void {
    if (this.claims.length === 0) this.claims.push(claim)
    else if (this.claims.length === 1 && this.claims[0]!.identity !== claim.identity)
      this.claims.push(claim)
  }
}

/** Tracker keys a claim is filed under as an earlier claim. */
function filedUnder(claim: Claim): string[] {
  const addresses = ['any', claim.addressKey, ...(claim.ipv6Specific ? [] : ['v4ish'])]
  const kinds = claim.isDaemonSet ? ['all', 'daemonset'] : ['all']
  return kinds.flatMap((kind) => addresses.map((address) => `${kind}\0${address}`))
}

/**
 * Tracker keys that hold the earlier claims whose address overlaps this one's: every earlier
 * claim for an every-interface claim; all but specific IPv6 addresses for 0.0.0.0; the
 * every-interface claims, 0.0.0.0 (for IPv4) and the same address for a specific one. A claim
 * that is no DaemonSet also asks for the earliest DaemonSet, the one that makes it certain.
 */
function lookedUpIn(claim: Claim): string[] {
  const addresses =
    claim.addressKey === 'every'
      ? ['any']
      : claim.addressKey === 'v4wild'
        ? ['v4ish']
        : ['every', claim.addressKey, ...(claim.ipv6Specific ? [] : ['v4wild'])]
  const kinds = claim.isDaemonSet ? ['all'] : ['all', 'daemonset']
  return kinds.flatMap((kind) => addresses.map((address) => `${kind}\0${address}`))
}

type Judge = (earlier: Claim, later: Claim) => Verdict | undefined

/** Under which key an earlier claim of a unit is kept as a partner, and who may join it there. */
interface PartnerSlot {
  /** Which later claims look here: '' every claim of the unit, else the claims of one service. */
  scope: string
  key: string
  /** A second claim joins the first of its key only when this holds (else the key keeps one). */
  differs?: (first: Claim, claim: Claim) => boolean
}

/**
 * What the pair rules read of an earlier claim of the same unit. Two earlier claims under one
 * key give any later claim the same verdict, so a key keeps its first claim, and where the rules
 * compare the two claims themselves, the first that differs: Compose judges the services of one
 * project alike (kept: the first two services, so one is another service than the later claim's)
 * and two entries of one service by the entry (kept: the first two entries). A Pod with 120,000
 * ports on one port, or a project of 20,000 services, is then a few candidates per claim, not
 * all the earlier ones: the judging stays linear.
 */
function partnerSlots(podOf: PodLocator): (claim: Claim) => PartnerSlot[] {
  return (claim) => {
    const { binding } = claim
    const object = binding.object
    const ports = `${binding.hostIP}\0${formatRange(claim.ports)}\0${claim.viaHostNetwork}`
    if (object.format === 'kubernetes') {
      const init = binding.containerKind === 'initContainer' ? binding.container : ''
      const pod = podOf(object, binding.location)
      return [
        { scope: '', key: `${pod}\0${object.kind}\0${binding.containerKind}\0${init}\0${ports}` }
      ]
    }
    const project = `${object.projectFile}\0${object.overlay ?? ''}\0${object.project}`
    const profiles = JSON.stringify(binding.profiles ?? [])
    const shared = `${project}\0${profiles}\0${ports}`
    return [
      {
        scope: '',
        key: shared,
        differs: (first, other) =>
          first.binding.object.format === 'compose' &&
          other.binding.object.format === 'compose' &&
          first.binding.object.service !== other.binding.object.service
      },
      {
        scope: `service\0${object.service}`,
        key: shared,
        differs: (first, other) => !sameEntry(first, other)
      }
    ]
  }
}

/** The partners kept for one unit: by scope, then by key. */
type KeptPartners = Map<string, Map<string, Claim[]>>

function keepAsPartner(kept: KeptPartners, slots: PartnerSlot[], claim: Claim): void {
  for (const { scope, key, differs } of slots) {
    let inScope = kept.get(scope)
    if (!inScope) kept.set(scope, (inScope = new Map()))
    const list = inScope.get(key)
    if (!list) inScope.set(key, [claim])
    else if (list.length === 1 && differs?.(list[0]!, claim)) list.push(claim)
  }
}

/**
 * Every claim against the few earlier claims that can decide its verdict: the earliest claims
 * of other identities with an overlapping address (any one of them is a conflict; a DaemonSet
 * one a certain conflict), and the earlier claims of its own identity and unit (one pod, two
 * documents of one file, services of one Compose project), which need the pair rules.
 */
function judgeGroup(
  members: Claim[],
  judge: Judge,
  slotsOf: (claim: Claim) => PartnerSlot[]
): Judged[] {
  const trackers = new Map<string, FirstTwoIdentities>()
  const sameUnit = new Map<string, KeptPartners>()
  const judged: Judged[] = []
  for (const claim of members) {
    const unitKey = `${claim.identity}\0${claim.unit}`
    const slots = slotsOf(claim)
    const candidates = new Set<Claim>()
    for (const scope of new Set(slots.map((slot) => slot.scope))) {
      for (const kept of sameUnit.get(unitKey)?.get(scope)?.values() ?? []) {
        for (const earlier of kept) candidates.add(earlier)
      }
    }
    for (const key of lookedUpIn(claim)) {
      for (const earlier of trackers.get(key)?.claims ?? []) candidates.add(earlier)
    }
    const result: Judged = { claim }
    for (const earlier of [...candidates].sort((a, b) => a.rank - b.rank)) {
      const verdict = judge(earlier, claim)
      if (!verdict) continue
      if (verdict.severity === 'error') {
        result.certain ??= { partner: earlier, verdict }
      } else {
        result.possible ??= { partner: earlier, verdict }
      }
    }
    judged.push(result)
    for (const key of filedUnder(claim)) {
      let tracker = trackers.get(key)
      if (!tracker) trackers.set(key, (tracker = new FirstTwoIdentities()))
      tracker.add(claim)
    }
    let unitClaims = sameUnit.get(unitKey)
    if (!unitClaims) sameUnit.set(unitKey, (unitClaims = new Map()))
    keepAsPartner(unitClaims, slots, claim)
  }
  return judged
}

function judgeWith(
  podOf: PodLocator,
  options: DuplicateHostPortOptions,
  groups: (projectFile: string) => Set<number>
): Judge {
  return (earlier, later) => {
    if (!portsOverlap(earlier.ports, later.ports)) return undefined
    if (!addressesOverlap(earlier.binding.hostIP, later.binding.hostIP)) return undefined
    // One identity in several files (units) is one thing applied once: a base and its overlay,
    // one folder per environment, or an install variant (a DaemonSet and a Deployment of one
    // name), and a `docker-compose.prod.yml` beside `docker-compose.yml` of one project name.
    // An overlay is run with its base, though (`-f compose.yaml -f compose.prod.yaml`): what it
    // adds meets the base's ports, never another overlay's.
    if (earlier.identity === later.identity && earlier.unit !== later.unit) {
      if (!overlayOverItsBase(earlier, later)) return undefined
    }
    return earlier.binding.object.format === 'kubernetes'
      ? judgeKubernetes(earlier, later, podOf)
      : judgeCompose(earlier, later, options, groups)
  }
}

function overlayOverItsBase(a: Claim, b: Claim): boolean {
  const [x, y] = [a.binding.object, b.binding.object]
  if (x.format !== 'compose' || y.format !== 'compose') return false
  return x.projectFile === y.projectFile && (x.overlay === undefined) !== (y.overlay === undefined)
}

/**
 * The `composeGroups` of the config: which groups a project's main file belongs to. An entry is
 * a folder (the file is in it or below it) or a glob matching the main file.
 */
function composeGroupsOf(scopes: ScopeConfig): (projectFile: string) => Set<number> {
  const groups = scopes.composeGroups ?? []
  const cache = new Map<string, Set<number>>()
  return (projectFile) => {
    let found = cache.get(projectFile)
    if (found) return found
    found = new Set()
    const folder = folderOfFile(projectFile)
    groups.forEach((entries, index) => {
      const inGroup = entries.some((entry) => {
        const dir = entry === '.' ? '' : entry
        return (
          dir === '' ||
          folder === dir ||
          folder.startsWith(`${dir}/`) ||
          matchesAnyGlob(projectFile, [entry])
        )
      })
      if (inGroup) found.add(index)
    })
    cache.set(projectFile, found)
    return found
  }
}

function folderOfFile(file: string): string {
  const slash = file.lastIndexOf('/')
  return slash === -1 ? '' : file.slice(0, slash)
}

function judgeKubernetes(earlier: Claim, later: Claim, podOf: PodLocator): Verdict | undefined {
  const [a, b] = [earlier.binding, later.binding]
  if (a.object.format !== 'kubernetes' || b.object.format !== 'kubernetes') return undefined
  if (podOf(a.object, a.location) === podOf(b.object, b.location)) {
    return judgeInsidePod(earlier, later)
  }
  const daemonSets = [a.object, b.object].filter((object) => object.kind === 'DaemonSet')
  if (daemonSets.length > 0) {
    const who =
      daemonSets.length === 2
        ? 'both are DaemonSets, which run'
        : `DaemonSet ${daemonSets[0]!.name} runs`
    return {
      severity: 'error',
      explanation: `certain conflict: ${who} a pod on every node, so the two pods can never share a node`,
      groupExplanation: 'certain conflict: a DaemonSet runs a pod on every node'
    }
  }
  return {
    severity: 'warning',
    explanation:
      'possible conflict: the scheduler never places both pods on one node, ' +
      'and leaves one Pending when no other node is free',
    groupExplanation:
      'possible conflict: the scheduler never places two of these pods on one node, ' +
      'and leaves one Pending when no other node is free'
  }
}

/**
 * Inside one pod the rule is exactly what the API server rejects (AccumulateUniqueHostPorts in
 * pkg/apis/core/validation): the key is protocol/hostIP/hostPort as written, the regular
 * containers (and sidecars, which run alongside them) are checked together, and each init
 * container on its own, because init containers run one after another.
 */
function judgeInsidePod(earlier: Claim, later: Claim): Verdict | undefined {
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
  const explanation = `both are in one pod, which the API server rejects (duplicate hostPort "${apiKey}")`
  return { severity: 'error', explanation, groupExplanation: explanation }
}

/** `projects "a" and "b"`; a kind/k3d config (src/extract/dev-cluster/) is `kind cluster "dev"`. */
function hostUsers(a: ComposeServiceRef, b: ComposeServiceRef): string {
  if (!a.devCluster && !b.devCluster) return `projects "${a.project}" and "${b.project}"`
  const name = (object: ComposeServiceRef) =>
    object.devCluster
      ? `${object.devCluster.tool} cluster "${object.devCluster.cluster}"`
      : `project "${object.project}"`
  return `${name(a)} and ${name(b)}`
}

function judgeCompose(
  earlier: Claim,
  later: Claim,
  options: DuplicateHostPortOptions,
  groups: (projectFile: string) => Set<number>
): Verdict | undefined {
  const [a, b] = [earlier.binding.object, later.binding.object]
  if (a.format !== 'compose' || b.format !== 'compose') return undefined
  const sameProject = a.projectFile === b.projectFile
  if (!sameProject && !options.betweenComposeProjects) return undefined
  if (sameProject && a.service === b.service && sameEntry(earlier, later)) {
    // Compose merges identical entries (EnforceUnicity); the loader should already have done so.
    return undefined
  }
  const pool = [earlier, later].find(isPortPool)
  if (pool) {
    const explanation =
      `possible conflict: Docker picks one free port of the range ${formatRange(pool.ports)} ` +
      'when the container starts, and fails only if none is left'
    return { severity: 'warning', explanation, groupExplanation: explanation }
  }
  if (!sameProject) {
    const groupsOfA = groups(a.projectFile)
    if ([...groups(b.projectFile)].some((group) => groupsOfA.has(group))) {
      const explanation =
        `composeGroups runs projects "${a.project}" and "${b.project}" together on one host, ` +
        'so the second container fails to start (port is already allocated)'
      return { severity: 'error', explanation, groupExplanation: explanation }
    }
    // Independent projects in different folders are usually alternatives (single-node and
    // multi-node, one stack per version, examples): worth knowing, rarely run side by side.
    // A kind or k3d cluster is the developer machine the repository's stacks run on, wherever
    // its config lives, so it stays a possible conflict with them.
    const devCluster = a.devCluster !== undefined || b.devCluster !== undefined
    if (!devCluster && folderOfFile(a.projectFile) !== folderOfFile(b.projectFile)) {
      return {
        severity: 'notice',
        explanation:
          `projects "${a.project}" and "${b.project}" are in different folders and clash only ` +
          'when run on one host (declare them in composeGroups if they are)',
        groupExplanation:
          'Compose projects in different folders clash only when run on one host ' +
          '(declare them in composeGroups if they are)'
      }
    }
    return {
      severity: 'warning',
      explanation: `possible conflict: ${hostUsers(a, b)} ` + 'clash only when run on one host',
      groupExplanation: 'possible conflict: Compose projects clash only when run on one host'
    }
  }
  const profiles = disjointProfiles(earlier, later)
  if (profiles) {
    const explanation =
      `possible conflict: the services are in different profiles (${profiles}) ` +
      'and clash only when both are enabled'
    return { severity: 'warning', explanation, groupExplanation: explanation }
  }
  return {
    severity: 'error',
    explanation:
      `both are in Compose project "${b.project}", ` +
      'so the second container fails to start (port is already allocated)',
    groupExplanation: 'certain conflict: services of one Compose project'
  }
}

function portsOverlap(a: PortRange, b: PortRange): boolean {
  return a.start <= b.end && b.start <= a.end
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
  return `${uniq(left).join(', ')} vs ${uniq(right).join(', ')}`
}

// ── Findings ────────────────────────────────────────────────────────────────────────────────

/**
 * Certain conflicts: one finding per claim that certainly collides with an earlier one, naming
 * that claim and how many others share the port. Possible conflicts: one finding for the
 * group, at its first claim, naming up to ten members.
 */
function reportGroup(
  bucket: Bucket,
  members: Claim[],
  judged: Judged[],
  isNew: (claim: Claim) => boolean
): RuleFinding[] {
  const involved = new Set<Claim>()
  const possiblyInvolved = new Set<Claim>()
  for (const { claim, certain, possible } of judged) {
    for (const pair of [certain, possible]) {
      if (!pair) continue
      involved.add(claim).add(pair.partner)
    }
    if (possible && !certain) possiblyInvolved.add(claim).add(possible.partner)
  }
  if (involved.size === 0) return []
  const inGroup = members.filter((claim) => involved.has(claim))
  const group = conflictGroup(bucket, inGroup, judged)
  const findings: RuleFinding[] = []
  for (const { claim, certain } of judged) {
    if (certain)
      findings.push(certainFinding(claim, certain.partner, certain.verdict, inGroup, group))
  }
  const possibleMembers = members.filter((claim) => possiblyInvolved.has(claim))
  if (possibleMembers.length > 0) {
    const verdicts = judged.flatMap(({ certain, possible }) =>
      possible && !certain ? [possible.verdict] : []
    )
    // A pair says exactly why; a larger group says it once for all.
    const explanations =
      possibleMembers.length === 2
        ? [verdicts[0]!.explanation]
        : [...new Set(verdicts.map((verdict) => verdict.groupExplanation))]
    // The group's severity is its most severe pair's: a warning pair makes it a warning.
    const severity: Severity = verdicts.some((verdict) => verdict.severity === 'warning')
      ? 'warning'
      : 'notice'
    findings.push(
      possibleFinding(subjectFirst(possibleMembers, isNew), explanations, group, severity)
    )
  }
  return findings
}

function conflictGroup(bucket: Bucket, members: Claim[], judged: Judged[]): ConflictGroup {
  // A loop, not Math.min(...spread): a group may hold more claims than a call has arguments.
  const ports: PortRange = { ...members[0]!.ports }
  for (const claim of members) {
    ports.start = Math.min(ports.start, claim.ports.start)
    ports.end = Math.max(ports.end, claim.ports.end)
  }
  const addressKeys = new Set(members.map((claim) => claim.addressKey))
  const address = addressKeys.has('every')
    ? ''
    : addressKeys.has('v4wild')
      ? '0.0.0.0'
      : normaliseAddress(members[0]!.binding.hostIP)
  const scope = bucket.nodeScope === null ? '' : `[${bucket.nodeScope}]`
  return {
    id: `${bucket.format}${scope}/${bucket.protocol}/${formatRange(ports)}${address ? `@${address}` : ''}`,
    format: bucket.format,
    nodeScope: bucket.nodeScope,
    protocol: bucket.protocol,
    ports,
    certainty: judged.some((each) => each.certain) ? 'certain' : 'possible',
    members: members.map(toMember)
  }
}

function toMember(claim: Claim): ConflictMember {
  const { binding } = claim
  return {
    location: claim.location,
    object: binding.object,
    container: binding.container,
    hostIP: binding.hostIP,
    ports: { ...claim.ports }
  }
}

/** `DaemonSet monitoring/agent (container "agent", host network, agent.yaml:31)`. */
function describeClaim(claim: Claim): string {
  return describeBinding(claim.binding, [
    ...(claim.viaHostNetwork ? ['host network'] : []),
    shortLocation(claim.location)
  ])
}

function portText(claim: Claim, ports: PortRange): string {
  const address = claim.binding.hostIP ? ` on ${describeAddress(claim.binding.hostIP)}` : ''
  return `${formatRange(ports)}/${describeProtocol(claim.binding)}${address}`
}

/** The partner first, then the earliest other members: at most MAX_RELATED. */
function relatedOf(self: Claim, first: Claim | undefined, members: Claim[]) {
  const chosen: Claim[] = first ? [first] : []
  for (const member of members) {
    if (chosen.length >= MAX_RELATED) break
    if (member !== self && member !== first) chosen.push(member)
  }
  return chosen.map((other) => ({
    location: other.location,
    message: `another claim of host port ${formatRange(other.ports)}/${describeProtocol(other.binding)}: ${describeBinding(other.binding)}`
  }))
}

/** `and 3 other claims`; the count every finding of a group gives. */
function othersText(count: number): string {
  if (count === 0) return ''
  const shown = Math.min(count, MAX_RELATED - 1)
  const more = count > shown ? `, ${count - shown} more in the JSON report's conflict group` : ''
  return ` and ${count} other ${count === 1 ? 'claim' : 'claims'} (see related locations${more})`
}

/** Identity of a claim without line numbers, for finding keys. */
function side(claim: Claim): string {
  return [
    objectKey(claim.binding.object),
    claim.binding.container,
    normaliseAddress(claim.binding.hostIP),
    formatRange(claim.ports)
  ].join('/')
}

function certainFinding(
  claim: Claim,
  partner: Claim,
  verdict: Verdict,
  members: Claim[],
  group: ConflictGroup
): RuleFinding {
  const ports = {
    start: Math.max(claim.ports.start, partner.ports.start),
    end: Math.min(claim.ports.end, partner.ports.end)
  }
  const others = othersText(members.length - 2)
  return {
    message:
      `Host port ${portText(claim, ports)} of ${describeClaim(claim)} is also claimed by ` +
      `${describeClaim(partner)}${others}: ${verdict.explanation}.`,
    location: claim.location,
    related: relatedOf(claim, partner, members),
    object: claim.binding.object,
    key: `${group.id}|${side(claim)}|certain`,
    severity: 'error',
    conflict: group
  }
}

/**
 * The claim a possible-conflict finding stands on goes first: the first, unless the group is a
 * conflict only because of claims a change added (fewer than two were in the base), then the
 * first of those that can move (not host-network), so that the finding and its fix are on the
 * change's side.
 */
function subjectFirst(members: Claim[], isNew: (claim: Claim) => boolean): Claim[] {
  const added = members.filter(isNew)
  if (added.length === 0 || members.length - added.length >= 2) return members
  const movable = (claim: Claim) => !claim.viaHostNetwork
  const subject = added.find(movable) ?? members.find(movable) ?? members[0]!
  return [subject, ...members.filter((claim) => claim !== subject)]
}

function possibleFinding(
  members: Claim[],
  explanations: string[],
  group: ConflictGroup,
  severity: Severity
): RuleFinding {
  const [first, ...rest] = members as [Claim, ...Claim[]]
  const names = uniq(rest.map(describeClaim))
  const named = names.slice(0, MAX_NAMED_MEMBERS)
  const more = names.length > named.length ? ` and ${names.length - named.length} more` : ''
  const count = `${rest.length} other ${rest.length === 1 ? 'claim' : 'claims'}`
  return {
    message:
      `Host port ${portText(first, group.ports)} of ${describeClaim(first)} is also claimed by ` +
      `${rest.length === 1 ? '' : `${count}: `}${named.join('; ')}${more}: ${uniq(explanations).join('; ')}.`,
    location: first.location,
    related: relatedOf(first, undefined, rest),
    object: first.binding.object,
    key: `${group.id}|${side(first)}|possible`,
    severity,
    conflict: group
  }
}
