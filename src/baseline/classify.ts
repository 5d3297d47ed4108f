// New, existing, fixed: the pull request's findings against its base's (Semgrep's baseline
// scan), or, when the base cannot be read, against the lines the pull request changed.
import { identityStem } from '../rules/identity.js'
import { compareLocations, type ChangeSet, type Finding, type FindingState } from '../model.js'
import { sortFindings } from '../rules/run.js'
import { mergeFindings, partsOf } from '../rules/merge-findings.js'
import { append } from '../append.js'

export type { ChangeSet, FindingState }

/**
 * Pairs each head finding with a base finding of the same identity (rule, object, port tuple;
 * the n-th of a kind with the n-th): first within the same file (a second copy of an object in
 * a new overlay is what is new, not the old one), then across files (a file was renamed or an
 * object moved to another file).
 */
export function compareWithBase(
  head: readonly Finding[],
  base: readonly Finding[]
): Pick<ChangeSet, 'added' | 'existing' | 'fixed'> {
  const unmatchedBase = new Set(base)
  const matched = new Set<Finding>()
  const pass = (keyOf: (finding: Finding) => string) => {
    const pool = new Map<string, Finding[]>()
    for (const finding of [...unmatchedBase].sort((a, b) =>
      compareLocations(a.location, b.location)
    )) {
      const key = keyOf(finding)
      pool.set(key, [...(pool.get(key) ?? []), finding])
    }
    for (const finding of [...head].sort((a, b) => compareLocations(a.location, b.location))) {
      if (matched.has(finding)) continue
      const candidates = pool.get(keyOf(finding))
      const partner = candidates?.shift()
      if (!partner) continue
      matched.add(finding)
      unmatchedBase.delete(partner)
    }
  }
  pass((finding) => `${identityStem(finding)}\0${finding.location.file}`)
  pass((finding) => identityStem(finding))
  return {
    added: head.filter((finding) => !matched.has(finding)),
    existing: head.filter((finding) => matched.has(finding)),
    fixed: base.filter((finding) => unmatchedBase.has(finding))
  }
}

/** Scan-relative file → the lines the PR added to it, or `all` for a new (or unreadable) diff. */
export type ChangedLines = Map<string, Set<number> | 'all'>

/**
 * A finding is new when the PR added its line. The diff's lines are the head's: `headLine`
 * gives the head line of a scanned (checkout) line, undefined when the head lacks it.
 */
export function compareWithChangedLines(
  head: readonly Finding[],
  changed: ChangedLines,
  headLine: (file: string, line: number) => number | undefined = (_file, line) => line
): Pick<ChangeSet, 'added' | 'existing' | 'fixed'> {
  const isAdded = (finding: Finding) => {
    const lines = changed.get(finding.location.file)
    if (lines === undefined) return false
    if (lines === 'all') return true
    const line = headLine(finding.location.file, finding.location.line)
    return line !== undefined && lines.has(line)
  }
  // Rule by rule, as against a base scan: a copy of an object on a line the PR added is new even
  // when the finding it was merged into stands on an old line of another file.
  const parts = head.flatMap(partsOf)
  const regroup = regrouper(head)
  return {
    added: regroup(parts.filter(isAdded)),
    existing: regroup(parts.filter((finding) => !isAdded(finding))),
    fixed: []
  }
}

/** No comparison possible: everything is new, so that the gate never lets a problem through unseen. */
export function everythingNew(head: readonly Finding[], note?: string): ChangeSet {
  return { basis: 'none', ...(note ? { note } : {}), added: [...head], existing: [], fixed: [] }
}

const existingSets = new WeakMap<ChangeSet, Set<Finding>>()

/** `new` unless the change set matched the finding with one of the base. */
export function stateOf(change: ChangeSet | undefined, finding: Finding): FindingState {
  if (!change) return 'new'
  let existing = existingSets.get(change)
  if (!existing) {
    existing = new Set(change.existing)
    existingSets.set(change, existing)
  }
  return existing.has(finding) ? 'existing' : 'new'
}

/**
 * The head's findings once a change set is known: a comparison with the base may split a merged
 * finding into its new and its existing rules. The same array when nothing was split.
 */
export function headFindings(findings: Finding[], change: ChangeSet): Finding[] {
  const inChange = new Set([...change.added, ...change.existing])
  if (findings.length === inChange.size && findings.every((f) => inChange.has(f))) return findings
  return sortFindings([...inChange])
}

/**
 * Parts of one state merged again: a head finding whose parts all share the state is kept as
 * it is (the same object, so that reports find it), the others are merged anew.
 */
export function regrouper(findings: readonly Finding[]): (parts: readonly Finding[]) => Finding[] {
  const holderOf = new Map<Finding, Finding>()
  for (const finding of findings) for (const part of partsOf(finding)) holderOf.set(part, finding)
  return (parts) => {
    const inState = new Set(parts)
    const whole: Finding[] = []
    const loose: Finding[] = []
    for (const holder of new Set(parts.map((part) => holderOf.get(part) ?? part))) {
      const own = partsOf(holder)
      const here = own.filter((part) => inState.has(part))
      if (here.length === own.length) whole.push(holder)
      else append(loose, here)
    }
    return sortFindings([...whole, ...mergeFindings(loose)])
  }
}
