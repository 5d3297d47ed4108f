// One line, one finding: a post-pass over the findings every rule gave (after suppressions,
// identities and fixes), so that what a reviewer reads is one thing to act on per place.
//
// - Copies: a Kubernetes object copied into several rendered files (`deploy/install.yaml` and
//   `deploy/install-ha.yaml` both holding one DaemonSet) gets the same finding in each; they
//   become one, at the first file in path order, with the copies as related locations.
// - One place: several rules at one file, line and column (a Compose `- "22:22"` on the port
//   the host's sshd holds, bound on every interface and claimed twice) become one finding: the
//   most severe first, the others named in its message.
//
// Nothing is lost: every finding merged in is kept whole in `merged`, so the JSON report lists
// every rule id, SARIF writes one result per rule (what code scanning tracks alerts by), and a
// pull request's comparison with its base matches rule by rule (partsOf).
import {
  SEVERITY_ORDER,
  compareLocations,
  compareText,
  type Finding,
  type Fix,
  type RelatedLocation
} from '../model.js'
import { RULES } from './index.js'
import { objectIdentity } from './identity.js'
import { copyKeepingLazy } from './shared/lazy-property.js'
import { uniq, uniqBy } from './shared/uniq.js'

/** How many copies a message names before it only counts them. */
const MAX_NAMED_COPIES = 5

export interface MergeOptions {
  /** Rule ids in the order that breaks a tie in severity; unknown ids go last, by id. */
  ruleOrder?: readonly string[]
}

/** Copies first (one per rule and object), then one finding per place. Sorted as given. */
export function mergeFindings(findings: readonly Finding[], options: MergeOptions = {}): Finding[] {
  const order = options.ruleOrder ?? RULES.map((rule) => rule.meta.id)
  return mergeAtOnePlace(mergeCopies(findings), order)
}

/** Every finding a (possibly merged) finding stands for, each as its rule gave it, primary first. */
export function partsOf(finding: Finding): Finding[] {
  const merged = finding.merged
  if (!merged) return [finding]
  return [
    ...partsOf(merged.own),
    ...merged.also.flatMap(partsOf),
    ...merged.copies.flatMap(partsOf)
  ]
}

/** The rule ids of a finding: the primary's, then the others merged into it, each once. */
export function ruleIdsOf(finding: Finding): string[] {
  return uniq(partsOf(finding).map((part) => part.ruleId))
}

// ── Copies ──────────────────────────────────────────────────────────────────────────────────

/**
 * The same rule, object (kind, namespace, name), key and message (the file's own places left
 * out) in several files. Conflict findings (duplicate-host-port) are never merged: each stands
 * on a claim of its own conflict group, and two claims are two things to move. Compose services
 * and objects without a name are left alone: their identity does not say "the same object".
 */
export function mergeCopies(findings: readonly Finding[]): Finding[] {
  return groupsInOrder(findings, copyKey).flatMap(mergeGroupOfCopies)
}

/**
 * Items grouped by key, groups in the order of their first item; an item without a key is a
 * group of its own.
 */
function groupsInOrder<T>(items: readonly T[], keyOf: (item: T) => string | undefined): T[][] {
  const byKey = new Map<string, T[]>()
  const groups: T[][] = []
  for (const item of items) {
    const key = keyOf(item)
    const group = key === undefined ? undefined : byKey.get(key)
    if (group) {
      group.push(item)
      continue
    }
    const created = [item]
    if (key !== undefined) byKey.set(key, created)
    groups.push(created)
  }
  return groups
}

function copyKey(finding: Finding): string | undefined {
  const object = finding.object
  if (object?.format !== 'kubernetes' || !object.name) return undefined
  if (finding.conflict || finding.suppressedBy || finding.merged) return undefined
  return [
    finding.ruleId,
    finding.severity,
    objectIdentity(object, finding.location.file),
    finding.key ?? '',
    withoutOwnPlaces(finding.message, finding.location.file)
  ].join('\0')
}

/** The message with the finding's own file and its lines left out: `a.yaml:12` → `<file>`. */
function withoutOwnPlaces(message: string, file: string): string {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return message.replace(new RegExp(`${escaped}(:\\d+){0,2}`, 'g'), '<file>')
}

/** One finding per file (the first); a file with the same finding twice keeps both apart. */
function mergeGroupOfCopies(group: Finding[]): Finding[] {
  const sorted = [...group].sort((a, b) => compareLocations(a.location, b.location))
  const files = new Set<string>()
  const firstPerFile: Finding[] = []
  const rest: Finding[] = []
  for (const finding of sorted) {
    if (files.has(finding.location.file)) rest.push(finding)
    else {
      files.add(finding.location.file)
      firstPerFile.push(finding)
    }
  }
  if (firstPerFile.length < 2) return group
  const [primary, ...copies] = firstPerFile as [Finding, ...Finding[]]
  const places = copies.map((copy) => `${copy.location.file}:${copy.location.line}`)
  const shown = places.slice(0, MAX_NAMED_COPIES)
  const more = places.length > shown.length ? ` and ${places.length - shown.length} more` : ''
  const count = `${copies.length} other ${copies.length === 1 ? 'file' : 'files'}`
  const merged = copyKeepingLazy(primary, {
    message: `${primary.message} The same object is copied in ${count}, with the same finding: ${shown.join(', ')}${more}.`,
    related: [
      ...primary.related,
      ...copies.map((copy) => ({
        location: copy.location,
        message: 'the same finding on a copy of the object'
      }))
    ],
    merged: { own: primary, also: [], copies }
  })
  return [merged, ...rest]
}

// ── One place ───────────────────────────────────────────────────────────────────────────────

/**
 * Rules at one file, line and column: the most severe is the primary (ties: `order`), and its
 * message names the others. The gate counts the primary's severity, the highest. A fix is the
 * primary's, else the first other rule's that has one: never two, since two edits of one line
 * can break it.
 */
export function mergeAtOnePlace(findings: readonly Finding[], order: readonly string[]): Finding[] {
  const rank = new Map(order.map((id, index) => [id, index]))
  const byRule = (a: Finding, b: Finding) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (rank.get(a.ruleId) ?? order.length) - (rank.get(b.ruleId) ?? order.length) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  const place = ({ location }: Finding) => `${location.file}\0${location.line}\0${location.column}`
  return groupsInOrder(findings, place).flatMap((group) => {
    // Two findings of one rule at one place are two things (two objects on a shared line): the
    // place is merged only when each rule is there once.
    if (group.length < 2 || uniq(group.map((f) => f.ruleId)).length < group.length) return group
    const [primary, ...also] = [...group].sort(byRule) as [Finding, ...Finding[]]
    return [mergePlace(primary, also)]
  })
}

function mergePlace(primary: Finding, also: Finding[]): Finding {
  const names = also.map((other) => `${other.ruleId} (${other.severity})`)
  const fix = primary.fix ?? also.find((other) => other.fix)?.fix
  return copyKeepingLazy(primary, {
    message: `${primary.message} Also on this line: ${names.join(', ')}.`,
    related: uniqueRelated([...primary.related, ...also.flatMap((other) => other.related)]),
    ...(fix ? { fix } : {}),
    merged: { own: primary, also, copies: [] }
  })
}

function uniqueRelated(related: RelatedLocation[]): RelatedLocation[] {
  return uniqBy(
    related,
    ({ location, message }) => `${location.file}\0${location.line}\0${location.column}\0${message}`
  )
}

/**
 * Every fix a finding carries, for `--fix`: its own first (the one a review suggestion offers),
 * then every other rule's and every copy's. `--fix` applies those that do not overlap and leaves
 * the others to its next pass over the rewritten file (src/fix/apply.ts), as it did before the
 * findings were merged.
 */
export function fixesOf(finding: Finding): Fix[] {
  const fixes = [finding.fix, ...partsOf(finding).map((part) => part.fix)]
  return uniq(fixes.filter((fix): fix is Fix => fix !== undefined))
}
