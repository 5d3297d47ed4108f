// The Markdown report: the PR comment body and the job summary, built around the change under
// review (SonarQube's "new code", Semgrep's baseline).
//
// Shape: [marker] a verdict line for this change ("adds 2 problems — 1 error, 1 warning; fixes
// 1; 20 existing"), one line of run facts (head commit, time, run link, working directory,
// gate), then the new findings, most severe and most certain first, one short row each (rule,
// `file:line` link, a one-line message, the fix); then the fixed ones and the changed ones (gone
// in one form, still there in another); then the existing ones folded; the port map folded
// (in the PR comment only the host ports in conflicts or touched by the PR, the whole map in
// the job summary); one line of counts per rule and the footer last. Without a change set (a
// push, the CLI without --base) the findings section is the same table with every finding.
//
// A body over the length limit degrades by design, never silently: rows are left out in a
// fixed order — existing findings, then the port map's rows the PR does not touch, then its
// rows the PR touches, then changed, fixed and at the very last new findings, each from the
// end of its list — and every section that lost rows says how many, and where they all are
// (the job summary, the JSON report). A line under the verdict says what was left out.
//
// Every string that came from the scanned repository goes through ./escape.ts; the only raw
// HTML in the body is our own tags. The body is built from atomic pieces (a heading, a table
// row, a closing tag), so a cut happens between pieces: never inside a row or a link, and every
// <details> opened is closed. The marker is the first piece and is never cut (STYLE pitfall 7).
import type { ScanResult } from '../engine.js'
import {
  SEVERITY_ORDER,
  compareLocations,
  compareText,
  countBySeverity,
  type ChangeSet,
  countCheckedFiles,
  type Finding,
  type Severity,
  type SourceLocation
} from '../model.js'
import { docsUrl } from '../rules/rule.js'
import {
  codeText,
  escapeHtml,
  escapeMarkdown,
  escapeTableCell,
  link,
  safeUrl,
  truncate
} from './escape.js'
import { buildPortMap, type PortMapOptions } from './port-map.js'
import { plural } from './text.js'
import { append } from '../append.js'
import { ruleIdsOf } from '../rules/merge-findings.js'

export interface RunFacts {
  /** The head commit (the PR head, or the pushed commit); shown as a short SHA. */
  headSha?: string
  /** When the scan ran (ISO 8601); shown in UTC to the minute. */
  time?: string
  /** The workflow run, where the job summary and the log are. */
  runUrl?: string
  /** The `working-directory` input when one is set (repository-relative), so two steps' comments differ. */
  workingDirectory?: string
}

/** What happened to the inline review, for the line under the new findings. */
export interface ReviewFacts {
  /** New findings with an inline comment on the PR (posted now or kept from an earlier run). */
  inline: number
  /** New findings with no line of the diff to go on. */
  outsideDiff: number
  /** New findings on a line the PR's head does not have (only GitHub's merge commit has it). */
  notInHead: number
  /** New findings left out because the PR already holds the most inline comments we write. */
  overLimit: number
  /** New findings whose comments GitHub refused (422). */
  refused: number
  /** Our inline comments per pull request, at most (earlier runs' count). */
  limit?: number
  /** Why there is no review at all (a fork, `review: off`), if there is none. */
  skipped?: string
}

export interface MarkdownOptions {
  /** Link for a file line, e.g. `https://github.com/o/r/blob/<head-sha>/<file>#L12`; absent → no links. */
  lineUrl?: (file: string, line: number) => string
  /** Link for a line of the base commit (fixed findings); absent → no links for them. */
  baseLineUrl?: (file: string, line: number) => string
  /** The body is cut below this many characters (GitHub's comment limit is 65,536). Default 65,000. */
  maxLength?: number
  /** Hidden marker that opens the body (PR comment only), e.g. `<!-- port-hygiene -->`. Trusted, written as is. */
  marker?: string
  /**
   * Where every row left out of a body that is too long can be read, e.g. "the job summary of
   * this workflow run (https://…) and the JSON report (the step's `report-file` output)". Plain
   * text: it is escaped, and http(s) URLs in it become links.
   */
  fullReportHint?: string
  run?: RunFacts
  /** Which findings the gate counts; default `new` with a change set, else `all`. */
  scope?: 'new' | 'all'
  review?: ReviewFacts
  /** The port map section; absent → none. */
  portMap?: PortMapOptions & {
    /**
     * `all` (the job summary): every host port. `review` (the PR comment): the host ports in
     * conflicts or that the change touches, and how many others there are, with `fullMapHint`.
     */
    rows?: 'all' | 'review'
    /** Where the whole map is (plain text like fullReportHint), for `review`. */
    fullMapHint?: string
  }
  /** Further notes for the reader, shown under the verdict (plain text, escaped). */
  notes?: string[]
}

export const DEFAULT_MAX_LENGTH = 65_000

/** Caps on repository strings, so one hostile value cannot fill the comment on its own. */
const MAX_PATH_LENGTH = 300
const MAX_SHORT_MESSAGE_LENGTH = 220
const MAX_UNMATCHED_PATHS = 10

const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' }
const SEVERITIES: Severity[] = ['error', 'warning', 'notice']

interface Settings extends MarkdownOptions {
  maxLength: number
}

/**
 * The order in which rows are left out of a body that is too long: the lowest first. Existing
 * findings go first (they are not this change's), then the port map's rows the change does not
 * touch, then those it touches; the findings the change fixed or changed, and the new findings
 * at the very last.
 */
const DROP_ORDER = {
  existing: 1,
  portMapUnchanged: 2,
  portMapTouched: 3,
  changed: 4,
  fixed: 5,
  new: 6
} as const

type DropRank = (typeof DROP_ORDER)[keyof typeof DROP_ORDER]

interface Row {
  text: string
  rank: DropRank
  /** Set by the cut. */
  dropped?: boolean
}

/** A run of rows under one opening (heading or `<details>` + table header) and one closing. */
interface Section {
  open: string
  rows: Row[]
  close: string
  /** Printed after the rows while the section shows any (e.g. "2 more are commented inline"). */
  after?: string
  /** Printed in the section's place when every row is left out (a heading to keep). */
  standIn?: string
  /** What the rows are, for the note on left-out rows: `existing finding`, `host port`. */
  noun: [one: string, many: string]
  /** The rows as text (the port map inserts scope headings between them). */
  render?: (rows: Row[]) => string
  /** Text `render` may add to the rows, at most: the cut reserves it. */
  renderExtra?: number
}

export function renderMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const settings: Settings = {
    ...options,
    maxLength: options.maxLength ?? DEFAULT_MAX_LENGTH
  }
  const change = result.change
  const marker = settings.marker ? `${settings.marker}\n` : ''
  const top =
    headline(result, settings) +
    '\n' +
    runLine(settings) +
    '\n' +
    changeNote(change) +
    extraNotes(settings.notes) +
    scanFacts(result)
  const sections = change ? changeSections(change, settings) : allFindingsSections(result, settings)
  if (settings.portMap) append(sections, portMapSections(result, settings))
  const footer = footerLines(result.findings)
  return (
    marker + fitToLength({ top, sections, footer }, settings.maxLength - marker.length, settings)
  )
}

// ── Verdict, run facts, notes ───────────────────────────────────────────────────────────────

/**
 * `### ❌ port-hygiene: adds 2 problems — 1 error, 1 warning; fixes 1; 20 existing`, or without
 * a change set `### ❌ port-hygiene: 3 errors, 2 warnings`. The icon is the worst severity the
 * gate counts, so a PR that adds nothing reads ✅ whatever the repository already holds.
 */
export function headline(result: ScanResult, options: Pick<MarkdownOptions, 'scope'> = {}): string {
  const change = result.change
  if (!change) {
    if (result.findings.length === 0) return `### ✅ port-hygiene: ${cleanScan(result)}`
    return `### ${icon(result.findings)} port-hygiene: ${severityCounts(countBySeverity(result.findings))}`
  }
  const gated = (options.scope ?? 'new') === 'new' ? change.added : result.findings
  const parts: string[] = []
  if (change.added.length > 0) {
    parts.push(
      `adds ${plural(change.added.length, 'problem')} — ${severityCounts(countBySeverity(change.added))}`
    )
  } else if (result.findings.length === 0 && change.fixed.length === 0 && !change.changed?.length) {
    return `### ✅ port-hygiene: ${cleanScan(result)}`
  } else {
    parts.push('adds no port problems')
  }
  if (change.fixed.length > 0) parts.push(`fixes ${change.fixed.length}`)
  // Gone in one form, still there in another: never counted as fixed.
  if (change.changed?.length) parts.push(`${change.changed.length} changed`)
  if (change.existing.length > 0) parts.push(`${change.existing.length} existing`)
  return `### ${gated.length > 0 ? icon(gated) : '✅'} port-hygiene: ${parts.join('; ')}`
}

function icon(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings)
  return SEVERITY_ICON[SEVERITIES.find((severity) => counts[severity] > 0) ?? 'notice']
}

function cleanScan(result: ScanResult): string {
  const files = checkedFiles(result)
  return files === 0
    ? 'no port problems (no Kubernetes or Compose files found)'
    : `no port problems in ${plural(files, 'file')}`
}

/** `3 errors, 2 warnings` (zero counts left out). */
function severityCounts(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((severity) => counts[severity] > 0)
    .map((severity) => plural(counts[severity], severity))
    .join(', ')
}

/**
 * `<sub>Commit <code>9f8e7d6</code> · 2025-06-02 10:00 UTC · [workflow run](…) · working
 * directory <code>k8s</code> · gate: new findings</sub>`: what tells a stale comment from a fresh
 * one, and two steps' comments apart.
 */
function runLine(settings: Settings): string {
  const facts: string[] = []
  const run = settings.run ?? {}
  if (run.headSha) facts.push(`Commit ${codeText(run.headSha.slice(0, 7))}`)
  if (run.time) facts.push(escapeMarkdown(formatTime(run.time)))
  if (run.runUrl) facts.push(link('workflow run', run.runUrl))
  if (run.workingDirectory) {
    facts.push(`working directory ${codeText(truncate(run.workingDirectory, MAX_PATH_LENGTH))}`)
  }
  if (settings.scope) {
    facts.push(
      settings.scope === 'new'
        ? 'the check fails on new findings only (<code>fail-on-scope: new</code>)'
        : 'the check counts every finding (<code>fail-on-scope: all</code>)'
    )
  }
  return facts.length > 0 ? `<sub>${facts.join(' · ')}</sub>\n` : ''
}

/** The run line's time, as {@link formatTime} writes it. */
const RUN_TIME = /(<sub>| · )\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC(?= · |<\/sub>)/

/**
 * The comment without its run time. A re-run that finds the same things a minute later is not
 * a change worth an edit (every edit is listed in the comment's history), so comparisons of an
 * old comment with a new one leave the time out.
 */
export function withoutRunTime(body: string): string {
  return body.replace(RUN_TIME, '$1')
}

/** `2025-06-02T10:00:31.123Z` → `2025-06-02 10:00 UTC`. */
function formatTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** When new and existing could not be told apart exactly, the reader must know. */
function changeNote(change: ChangeSet | undefined): string {
  if (!change?.note) return ''
  const how =
    change.basis === 'changed-lines'
      ? '**Compared by changed lines**'
      : change.basis === 'none'
        ? '**Not compared with the base**'
        : '**Note**'
  return `> ${how}: ${escapeMarkdown(change.note)}.\n\n`
}

function extraNotes(notes: readonly string[] | undefined): string {
  return (notes ?? []).map((note) => `> **Note**: ${escapeMarkdown(note)}.\n\n`).join('')
}

/** Files the loaders recognised; other YAML (CI configs, Helm values) is read but not counted. */
function checkedFiles(result: ScanResult): number {
  return countCheckedFiles(result.model.files)
}

/** One line: what was checked, what was suppressed or skipped. */
function scanFacts(result: ScanResult): string {
  const kubernetes = result.model.files.filter((file) => file.format === 'kubernetes').length
  const compose = result.model.files.filter((file) => file.format === 'compose').length
  const kinds = [kubernetes && `${kubernetes} Kubernetes`, compose && `${compose} Compose`].filter(
    Boolean
  )
  const facts = [
    `Checked ${plural(kubernetes + compose, 'file')}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}.`
  ]
  if (result.suppressed.length > 0) {
    facts.push(
      `${plural(result.suppressed.length, 'finding')} suppressed by ` +
        '`port-hygiene-ignore` comments or annotations (not counted).'
    )
  }
  if (result.model.skippedFiles.length > 0) {
    facts.push(`${plural(result.model.skippedFiles.length, 'file')} skipped.`)
  }
  if (result.unmatched.length > 0) facts.push(unmatchedPaths(result.unmatched))
  return `${facts.join(' ')}\n\n`
}

function unmatchedPaths(unmatched: string[]): string {
  const shown = unmatched
    .slice(0, MAX_UNMATCHED_PATHS)
    .map((each) => codeText(truncate(each, MAX_PATH_LENGTH)))
  const more = unmatched.length > shown.length ? ` and ${unmatched.length - shown.length} more` : ''
  return `No file matched ${shown.join(', ')}${more}.`
}

// ── Order ───────────────────────────────────────────────────────────────────────────────────

/**
 * A "possible" conflict is less certain than a definite one; every other finding is certain.
 * (Rules say so in the message; a certainty field would be the rule's to set.)
 */
function uncertainty(finding: Finding): number {
  return /\bpossible conflict\b/i.test(finding.message) ? 1 : 0
}

/** Most severe first, then most certain, then by place: the order of every list and sink. */
export function byImportance(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    uncertainty(a) - uncertainty(b) ||
    compareLocations(a.location, b.location) ||
    compareText(a.ruleId, b.ruleId)
  )
}

/** The findings in the order a reader should meet them: new ones first, each group by importance. */
export function orderForReview(result: ScanResult): Finding[] {
  const change = result.change
  if (!change) return [...result.findings].sort(byImportance)
  return [...change.added].sort(byImportance).concat([...change.existing].sort(byImportance))
}

// ── Sections ────────────────────────────────────────────────────────────────────────────────

const NEW_HEADER = '| | Rule | Where | Finding | Fix |\n|---|---|---|---|---|\n'
const LIST_HEADER = '| | Rule | Where | Finding |\n|---|---|---|---|\n'
const CHANGED_HEADER =
  '| | Rule | Where it was | Finding | Covered now by |\n|---|---|---|---|---|\n'

function changeSections(change: ChangeSet, settings: Settings): Section[] {
  const sections: Section[] = []
  const rows = (findings: readonly Finding[], rank: DropRank, row: (f: Finding) => string) =>
    [...findings].sort(byImportance).map((finding) => ({ text: row(finding), rank }))
  if (change.added.length > 0) {
    const heading = `#### New in this pull request (${change.added.length})\n\n`
    const section: Section = {
      open: heading + NEW_HEADER,
      rows: rows(change.added, DROP_ORDER.new, (f) => findingRow(f, settings, true)),
      close: '\n',
      standIn: heading,
      noun: ['new finding', 'new findings']
    }
    const after = newFindingsLine(change.added, settings.review)
    if (after) section.after = after
    sections.push(section)
  }
  if (change.fixed.length > 0) {
    const heading = `#### Fixed by this pull request (${change.fixed.length})\n\n`
    const atBase = { ...settings, lineUrl: settings.baseLineUrl }
    sections.push({
      open: heading + LIST_HEADER,
      rows: rows(change.fixed, DROP_ORDER.fixed, (f) => findingRow(f, atBase, false, '✅')),
      close: '\n',
      standIn: heading,
      noun: ['fixed finding', 'fixed findings']
    })
  }
  if (change.changed?.length) {
    const heading =
      `#### Changed by this pull request (${change.changed.length})\n\n` +
      '<sub>Gone in this form but not fixed: the same ports are still claimed, and a finding ' +
      'this pull request adds covers them now.</sub>\n\n'
    const atBase = { ...settings, lineUrl: settings.baseLineUrl }
    const ordered = [...change.changed].sort((a, b) => byImportance(a.finding, b.finding))
    sections.push({
      open: heading + CHANGED_HEADER,
      rows: ordered.map(({ finding, now }) => ({
        text: changedRow(finding, now, atBase, settings),
        rank: DROP_ORDER.changed
      })),
      close: '\n',
      standIn: heading,
      noun: ['changed finding', 'changed findings']
    })
  }
  if (change.existing.length > 0) {
    const counts = severityCounts(countBySeverity(change.existing))
    sections.push({
      // Blank lines around the table: without them GitHub treats it as part of the HTML block.
      open:
        `<details>\n<summary>${escapeHtml(`${plural(change.existing.length, 'existing finding')} (${counts}), not from this pull request`)}</summary>\n\n` +
        LIST_HEADER,
      rows: rows(change.existing, DROP_ORDER.existing, (f) => findingRow(f, settings, false)),
      close: '\n</details>\n\n',
      noun: ['existing finding', 'existing findings']
    })
  }
  return sections
}

function allFindingsSections(result: ScanResult, settings: Settings): Section[] {
  if (result.findings.length === 0) return []
  // Nothing to compare with: every finding is the reader's business, none is folded away.
  const heading = '#### Findings\n\n'
  const rows = [...result.findings]
    .sort(byImportance)
    .map((f) => ({ text: findingRow(f, settings, true), rank: DROP_ORDER.new }))
  return [
    {
      open: heading + NEW_HEADER,
      rows,
      close: '\n',
      standIn: heading,
      noun: ['finding', 'findings']
    }
  ]
}

/** Under the new findings: where they are inline, and why the others are only listed. */
function newFindingsLine(
  added: readonly Finding[],
  review: ReviewFacts | undefined
): string | undefined {
  const notInHead = added.filter((finding) => finding.location.notInHead).length
  const lines: string[] = []
  const review_ = reviewLine(review)
  if (review_) lines.push(review_)
  if (notInHead > 0) {
    lines.push(
      `<sub>${plural(notInHead, 'new finding is', 'new findings are')} on lines this pull ` +
        "request's head does not have: they are in GitHub's merge of it with the base branch " +
        '(the base branch wrote them since this branch was made). Lines marked ' +
        '"merge commit only" are the merge\'s; merging or rebasing the base branch into this ' +
        'one brings them into the diff.</sub>\n\n'
    )
  }
  return lines.length > 0 ? lines.join('') : undefined
}

function reviewLine(review: ReviewFacts | undefined): string | undefined {
  if (!review) return undefined
  if (review.skipped) return `<sub>No inline review: ${escapeMarkdown(review.skipped)}.</sub>\n\n`
  const reasons = [
    review.outsideDiff > 0 && `${review.outsideDiff} outside the diff`,
    review.notInHead > 0 && `${review.notInHead} on a line only the merge commit has`,
    review.overLimit > 0 &&
      `${review.overLimit} past the limit of ${review.limit ?? 30} inline comments per pull request`,
    review.refused > 0 && `${review.refused} refused by GitHub (the diff changed during the run)`
  ].filter((reason): reason is string => typeof reason === 'string')
  const listed = reasons.length > 0 ? sumOf(review) : 0
  const parts: string[] = []
  if (review.inline > 0) {
    parts.push(
      `${plural(review.inline, 'new finding is', 'new findings are')} commented inline on the diff`
    )
  }
  if (listed > 0) {
    parts.push(`${plural(listed, 'is', 'are')} listed here only: ${reasons.join(', ')}`)
  }
  return parts.length > 0 ? `<sub>${parts.join('; ')}.</sub>\n\n` : undefined
}

function sumOf(review: ReviewFacts): number {
  return review.outsideDiff + review.notInHead + review.overLimit + review.refused
}

/**
 * One short row: icon, rule (linked to its page at the tool's version), `file:line` (linked to
 * the line), a one-line message (the why is on the rule's page) and, for new findings, the fix.
 */
function findingRow(
  finding: Finding,
  settings: Pick<Settings, 'lineUrl'>,
  withFix: boolean,
  iconOverride?: string
): string {
  const other = finding.related[0]
  const also = other
    ? `<br>↳ ${locationLink(other.location, settings)}${finding.related.length > 1 ? ` and ${finding.related.length - 1} more` : ''}`
    : ''
  const cells = [
    iconOverride ?? SEVERITY_ICON[finding.severity],
    link(codeText(finding.ruleId), docsUrl(finding.ruleId)),
    locationLink(finding.location, settings),
    escapeTableCell(shortMessage(finding)) + also
  ]
  if (withFix) cells.push(finding.fix ? escapeTableCell(finding.fix.description) : '')
  return tableRow(cells)
}

/**
 * The message's first clause, without the places the row already shows: rule messages name
 * both sides of a conflict with `file:line` and then explain why it matters after a colon;
 * the row links the place, and the rule's page explains. A "certain"/"possible" verdict stays.
 */
export function shortMessage(finding: Finding): string {
  const withoutPlaces = finding.message
    .replace(/,\s*[^\s,()"]+:\d+(?::\d+)?(?=\))/g, '')
    .replace(/\s*\([^\s,()"]+:\d+(?::\d+)?\)/g, '')
  let head = firstClause(withoutPlaces)
  // `DaemonSet monitoring/syslog: protocol "udp" must be written "UDP": …` names the object
  // first: the clause that says what is wrong is the next one.
  if (head.length < withoutPlaces.length && !STATEMENT.test(head)) {
    head += `: ${firstClause(withoutPlaces.slice(head.length + 2))}`
  }
  const rest = withoutPlaces.slice(head.length)
  const verdict = /^:\s*((?:certain|possible) conflict)\b/i.exec(rest)
  const text = verdict ? `${head} (${verdict[1]})` : head
  return truncate(text.replace(/[.\s]+$/, ''), MAX_SHORT_MESSAGE_LENGTH)
}

/** A clause that says something (rather than naming an object): it has a verb. */
const STATEMENT =
  /\b(?:is|are|was|must|has|have|needs?|uses?|claims?|cannot|does|do|matches|names)\b/

/** Up to the first `: ` outside quotes and parentheses (`protocol "x:y"` is not a clause end). */
function firstClause(message: string): string {
  let depth = 0
  let quoted = false
  for (let index = 0; index < message.length - 1; index++) {
    const char = message[index]
    if (char === '"') quoted = !quoted
    else if (!quoted && char === '(') depth++
    else if (!quoted && char === ')') depth = Math.max(0, depth - 1)
    else if (!quoted && depth === 0 && char === ':' && message[index + 1] === ' ') {
      return message.slice(0, index)
    }
  }
  return message
}

/**
 * `[<code>k8s/a.yaml:12</code>](…#L12)`; a file-level finding (line 0) shows the file alone. A
 * line the PR's head does not have is the merge commit's: no link to the head, and said so.
 */
function locationLink(location: SourceLocation, settings: Pick<Settings, 'lineUrl'>): string {
  const file = truncate(location.file, MAX_PATH_LENGTH)
  const text = location.line >= 1 ? `${file}:${location.line}` : file
  if (location.notInHead) return `${codeText(text)} <sub>(merge commit only)</sub>`
  return link(codeText(text), lineUrlOf(location, settings))
}

/** A base finding that a new finding covers now: where it was, and what covers it. */
function changedRow(
  finding: Finding,
  now: Finding,
  atBase: Pick<Settings, 'lineUrl'>,
  atHead: Pick<Settings, 'lineUrl'>
): string {
  return tableRow([
    '↪️',
    link(codeText(finding.ruleId), docsUrl(finding.ruleId)),
    locationLink(finding.location, atBase),
    escapeTableCell(shortMessage(finding)),
    `${link(codeText(now.ruleId), docsUrl(now.ruleId))} at ${locationLink(now.location, atHead)}`
  ])
}

/** A URL builder that throws (a name it cannot encode) costs the link, not the report. */
function lineUrlOf(
  location: SourceLocation,
  settings: Pick<Settings, 'lineUrl'>
): string | undefined {
  try {
    return settings.lineUrl?.(location.file, Math.max(location.line, 1))
  } catch {
    return undefined
  }
}

/** A table row from cells that are already escaped for a table. */
function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |\n`
}

// ── Port map ────────────────────────────────────────────────────────────────────────────────

/**
 * The port map: in the job summary every host port; in the PR comment (`rows: review`) the host
 * ports in conflicts or that this change touches — what a reviewer asks about — and a line
 * saying how many others there are and where the whole map is.
 */
function portMapSections(result: ScanResult, settings: Settings): Section[] {
  const options = settings.portMap!
  const map = buildPortMap(result, options)
  if (map.rows.length === 0) return []
  const review = options.rows === 'review'
  const rows = review ? map.rows.filter((row) => row.conflict || row.changed) : map.rows
  const others = map.rows.length - rows.length
  const where = options.fullMapHint ? hintText(options.fullMapHint) : 'the job summary'
  if (rows.length === 0) {
    const text =
      `<sub>Port map: none of the ${plural(map.rows.length, 'host port')} is in a conflict or ` +
      `touched by this pull request; the whole map is in ${where}.</sub>\n\n`
    return [{ open: '', rows: [], close: '', standIn: text, noun: ['host port', 'host ports'] }]
  }
  const facts = [
    review && others > 0
      ? `${rows.length} of ${map.rows.length} host ports`
      : plural(map.rows.length, 'host port'),
    ...(map.conflicts > 0 ? [plural(map.conflicts, 'in a conflict', 'in conflicts')] : []),
    ...(map.changed > 0 ? [`${map.changed} added or changed by this pull request`] : [])
  ]
  const othersLine =
    review && others > 0
      ? `<sub>The ${plural(others, 'other host port')}, neither in a conflict nor touched by this ` +
        `pull request, ${others === 1 ? 'is' : 'are'} in the whole map in ${where}.</sub>\n\n`
      : ''
  const scopes = new Map<string, string>()
  for (const row of rows) {
    if (!scopes.has(row.scope)) {
      scopes.set(row.scope, tableRow([`**${escapeTableCell(row.scope)}**`, '', '', '']))
    }
  }
  const scopeOf = new Map<Row, string>()
  const mapRows = rows.map((row) => {
    const marks = [row.conflict ? '⚠️ conflict' : '', row.changed ? '🆕 this PR' : '']
      .filter(Boolean)
      .join(' ')
    const mapped: Row = {
      text: tableRow([
        escapeTableCell(row.port),
        escapeTableCell(truncate(row.owner, MAX_PATH_LENGTH)),
        locationLink(row.location, settings),
        marks
      ]),
      rank: row.changed ? DROP_ORDER.portMapTouched : DROP_ORDER.portMapUnchanged
    }
    scopeOf.set(mapped, row.scope)
    return mapped
  })
  const standIn = `<sub>Port map: ${escapeMarkdown(facts.join(', '))}.</sub>\n\n`
  return [
    {
      open:
        `<details>\n<summary>${escapeHtml(`Port map: ${facts.join(', ')}`)}</summary>\n\n` +
        othersLine +
        '| Host port | Owner | Where | |\n|---|---|---|---|\n',
      rows: mapRows,
      close: '\n</details>\n\n',
      standIn: standIn + othersLine,
      noun: ['host port', 'host ports'],
      // A scope change inside one table: a row naming the scope, so one table holds them all.
      render(kept) {
        let scope = ''
        let text = ''
        for (const row of kept) {
          const rowScope = scopeOf.get(row)!
          if (rowScope !== scope) {
            scope = rowScope
            text += scopes.get(scope)!
          }
          text += row.text
        }
        return text
      },
      renderExtra: [...scopes.values()].reduce((sum, heading) => sum + heading.length, 0)
    }
  ]
}

// ── Footer ──────────────────────────────────────────────────────────────────────────────────

/** One line of counts per rule (the rule table of old, shrunk), then how to silence a finding. */
function footerLines(findings: readonly Finding[]): string {
  if (findings.length === 0) return ''
  const counts = new Map<string, number>()
  // Each rule a finding stands for, once per finding (a merged line counts for each of its rules).
  for (const finding of findings) {
    for (const ruleId of ruleIdsOf(finding)) counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1)
  }
  const rules = [...counts.entries()]
    .sort(([a, countA], [b, countB]) => countB - countA || compareText(a, b))
    .map(([ruleId, count]) => `${link(codeText(ruleId), docsUrl(ruleId))} ${count}`)
    .join(' · ')
  const syntax = codeText('# port-hygiene-ignore <rule-id>: <reason>')
  return `<sub>By rule: ${rules}. To silence a finding, add ${syntax} on its line or the line above.</sub>\n`
}

// ── Fitting the limit ───────────────────────────────────────────────────────────────────────

interface Parts {
  top: string
  sections: Section[]
  footer: string
}

/** The most rows a note could count: its length is reserved for this many digits. */
const MOST_ROWS = 999_999

/**
 * The whole body when it fits; else rows are left out in DROP_ORDER, each kind from the end of
 * its list, until it does. Every section that lost rows says how many and where they all are,
 * and one line under the verdict sums it up. The notes' lengths are reserved for the largest
 * counts they could show, so writing them never pushes the body over the limit.
 */
function fitToLength(parts: Parts, maxLength: number, settings: Settings): string {
  const states = parts.sections.map((section) => ({
    section,
    keptLength: section.rows.reduce((sum, row) => sum + row.text.length, 0),
    kept: section.rows.length,
    noteLength: leftOutNote(section, MOST_ROWS, settings).length
  }))
  type State = (typeof states)[number]
  const shown = (state: State) => {
    const { section } = state
    const note = state.kept < section.rows.length ? state.noteLength : 0
    if (state.kept === 0) return (section.standIn ?? '').length + note
    return (
      section.open.length +
      state.keptLength +
      (section.renderExtra ?? 0) +
      section.close.length +
      (section.after ?? '').length +
      note
    )
  }
  let length = parts.top.length + parts.footer.length
  for (const state of states) length += shown(state)
  if (length <= maxLength) return assemble(parts, settings)
  length += summaryLine(
    parts.sections.map((section) => [MOST_ROWS, section]),
    settings
  ).length
  const ranks = [...new Set(parts.sections.flatMap((section) => section.rows.map((r) => r.rank)))]
  for (const rank of ranks.sort((a, b) => a - b)) {
    for (const state of [...states].reverse()) {
      const rows = state.section.rows
      for (let index = rows.length - 1; index >= 0 && length > maxLength; index--) {
        const row = rows[index]!
        if (row.rank !== rank || row.dropped) continue
        const before = shown(state)
        row.dropped = true
        state.kept -= 1
        state.keptLength -= row.text.length
        length += shown(state) - before
      }
    }
    if (length <= maxLength) return assemble(parts, settings)
  }
  // A limit too small for any report: the verdict and the notes, sliced.
  return assemble(parts, settings).slice(0, maxLength)
}

function assemble(parts: Parts, settings: Settings): string {
  const dropped = parts.sections.flatMap((section): Array<[number, Section]> => {
    const left = section.rows.filter((row) => row.dropped).length
    return left > 0 ? [[left, section]] : []
  })
  let body = parts.top + (dropped.length > 0 ? summaryLine(dropped, settings) : '')
  for (const section of parts.sections) {
    const kept = section.rows.filter((row) => !row.dropped)
    const left = section.rows.length - kept.length
    if (kept.length > 0) {
      const rows = section.render ? section.render(kept) : kept.map((row) => row.text).join('')
      body += section.open + rows + section.close + (section.after ?? '')
    } else {
      body += section.standIn ?? ''
    }
    if (left > 0) body += leftOutNote(section, left, settings)
  }
  return body + parts.footer
}

/** `312 of 320 existing findings are not shown here, …; they are all in the job summary …`. */
function leftOutNote(section: Section, left: number, settings: Settings): string {
  const total = Math.max(section.rows.length, left)
  const what = left === total ? (left === 1 ? 'The' : `All ${left}`) : `${left} of ${total}`
  return (
    `<sub>${what} ${nounOf(section, total)} ${left === 1 ? 'is' : 'are'} not shown here, to ` +
    `keep this report within ${settings.maxLength.toLocaleString('en-US')} characters. ` +
    `${whereAll(settings)}</sub>\n\n`
  )
}

function nounOf(section: Section, count: number): string {
  return count === 1 ? section.noun[0] : section.noun[1]
}

function whereAll(settings: Pick<Settings, 'fullReportHint'>): string {
  return settings.fullReportHint
    ? `They are all in ${hintText(settings.fullReportHint)}.`
    : 'Run port-hygiene locally for the full report.'
}

/** One line under the verdict: what was left out, and where it all is. */
function summaryLine(dropped: ReadonlyArray<[number, Section]>, settings: Settings): string {
  const counts = dropped.map(([left, section]) => {
    const noun = plural(left, ...section.noun)
    return section.noun[0] === 'host port' ? `${noun} of the port map` : noun
  })
  const list =
    counts.length > 1 ? `${counts.slice(0, -1).join(', ')} and ${counts.at(-1)}` : counts[0]
  return (
    `> **Shortened** to ${settings.maxLength.toLocaleString('en-US')} characters, leaving out ` +
    `${list}. ${whereAll(settings)}\n\n`
  )
}

/** Plain text with its http(s) URLs turned into links (the run URL in "the job summary of run … (URL)"). */
function hintText(hint: string): string {
  return hint
    .split(/(https?:\/\/[^\s()<>]+)/)
    .map((part, index) => {
      if (index % 2 === 0) return escapeMarkdown(part)
      const url = safeUrl(part)
      return url ? link(escapeMarkdown(part), url) : escapeMarkdown(part)
    })
    .join('')
}
