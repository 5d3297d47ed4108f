// The Markdown report: the PR comment body and the job summary, built around the change under
// review (SonarQube's "new code", Semgrep's baseline).
//
// Shape: [marker] a verdict line for this change ("adds 2 problems — 1 error, 1 warning; fixes
// 1; 20 existing"), one line of run facts (head commit, time, run link, working directory,
// gate), then the new findings, most severe and most certain first, one short row each (rule,
// `file:line` link, a one-line message, the fix); then the fixed ones; then the existing ones
// folded, ordered the same way, so a cut drops the least important; the port map folded; one
// line of counts per rule and the footer last. Without a change set (a push, the CLI without
// --base) the findings section is the same table with every finding.
//
// Every string that came from the scanned repository goes through ./escape.ts; the only raw
// HTML in the body is our own tags. The body is built from atomic pieces (a heading, a table
// row, a closing tag), so a cut below the length limit happens between pieces: never inside a
// row or a link, and every <details> opened is closed. The marker is the first piece and is
// never cut (STYLE pitfall 7).
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
import { buildPortMap, type PortMap, type PortMapOptions } from './port-map.js'
import { plural } from './text.js'

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
  /** New findings with an inline comment on the diff (posted now or kept from an earlier run). */
  inline: number
  /** New findings left out of the review: beyond the 30 per review, or on lines outside the diff. */
  notInline: number
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
   * Where the full report is when the body is cut, e.g. "the job summary of this workflow run
   * (https://…)". Plain text: it is escaped, and http(s) URLs in it become links.
   */
  fullReportHint?: string
  run?: RunFacts
  /** Which findings the gate counts; default `new` with a change set, else `all`. */
  scope?: 'new' | 'all'
  review?: ReviewFacts
  /** The port map section; absent → none. */
  portMap?: PortMapOptions
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

/** A run of rows under one opening (heading or `<details>` + table header) and one closing. */
interface Section {
  open: string
  rows: string[]
  close: string
  /** Rows are findings (counted in the cut note) or port-map rows. */
  counts: boolean
  /** Printed after the rows when the section is shown whole (e.g. "2 more are commented inline"). */
  after?: string
}

export function renderMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const settings: Settings = {
    ...options,
    maxLength: options.maxLength ?? DEFAULT_MAX_LENGTH
  }
  const change = result.change
  const top =
    (settings.marker ? `${settings.marker}\n` : '') +
    headline(result, settings) +
    '\n' +
    runLine(settings) +
    '\n' +
    changeNote(change) +
    scanFacts(result)
  const sections = change ? changeSections(change, settings) : allFindingsSections(result, settings)
  if (settings.portMap) {
    const map = buildPortMap(result, settings.portMap)
    if (map.rows.length > 0) sections.push(portMapSection(map, settings))
  }
  const footer = footerLines(result.findings)
  const total = result.findings.length + (change?.fixed.length ?? 0)
  const full = top + sections.map(sectionText).join('') + footer
  if (full.length <= settings.maxLength) return full
  return cutToLength({ top, sections, footer }, total, settings)
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
  } else if (result.findings.length === 0 && change.fixed.length === 0) {
    return `### ✅ port-hygiene: ${cleanScan(result)}`
  } else {
    parts.push('adds no port problems')
  }
  if (change.fixed.length > 0) parts.push(`fixes ${change.fixed.length}`)
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

function changeSections(change: ChangeSet, settings: Settings): Section[] {
  const sections: Section[] = []
  if (change.added.length > 0) {
    const section: Section = {
      open: `#### New in this pull request (${change.added.length})\n\n${NEW_HEADER}`,
      rows: [...change.added].sort(byImportance).map((f) => findingRow(f, settings, true)),
      close: '\n',
      counts: true
    }
    const review = reviewLine(settings.review)
    if (review) section.after = review
    sections.push(section)
  }
  if (change.fixed.length > 0) {
    sections.push({
      open: `#### Fixed by this pull request (${change.fixed.length})\n\n${LIST_HEADER}`,
      rows: [...change.fixed]
        .sort(byImportance)
        .map((f) => findingRow(f, { ...settings, lineUrl: settings.baseLineUrl }, false, '✅')),
      close: '\n',
      counts: true
    })
  }
  if (change.existing.length > 0) {
    const counts = severityCounts(countBySeverity(change.existing))
    sections.push({
      // Blank lines around the table: without them GitHub treats it as part of the HTML block.
      open:
        `<details>\n<summary>${escapeHtml(`${plural(change.existing.length, 'existing finding')} (${counts}), not from this pull request`)}</summary>\n\n` +
        LIST_HEADER,
      rows: [...change.existing].sort(byImportance).map((f) => findingRow(f, settings, false)),
      close: '\n</details>\n\n',
      counts: true
    })
  }
  return sections
}

function allFindingsSections(result: ScanResult, settings: Settings): Section[] {
  if (result.findings.length === 0) return []
  // Nothing to compare with: every finding is the reader's business, none is folded away.
  const rows = [...result.findings].sort(byImportance).map((f) => findingRow(f, settings, true))
  return [{ open: `#### Findings\n\n${NEW_HEADER}`, rows, close: '\n', counts: true }]
}

function reviewLine(review: ReviewFacts | undefined): string | undefined {
  if (!review) return undefined
  if (review.skipped) return `<sub>No inline review: ${escapeMarkdown(review.skipped)}.</sub>\n\n`
  const parts: string[] = []
  if (review.inline > 0) {
    parts.push(
      `${plural(review.inline, 'new finding is', 'new findings are')} commented inline on the diff`
    )
  }
  if (review.notInline > 0) {
    parts.push(
      `${plural(review.notInline, 'is', 'are')} listed here only (outside the diff, or past 30 comments per review)`
    )
  }
  return parts.length > 0 ? `<sub>${parts.join('; ')}.</sub>\n\n` : undefined
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

/** `[<code>k8s/a.yaml:12</code>](…#L12)`; a file-level finding (line 0) shows the file alone. */
function locationLink(location: SourceLocation, settings: Pick<Settings, 'lineUrl'>): string {
  const file = truncate(location.file, MAX_PATH_LENGTH)
  const text = location.line >= 1 ? `${file}:${location.line}` : file
  return link(codeText(text), lineUrlOf(location, settings))
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

function sectionText(section: Section): string {
  return section.open + section.rows.join('') + section.close + (section.after ?? '')
}

// ── Port map ────────────────────────────────────────────────────────────────────────────────

function portMapSection(map: PortMap, settings: Settings): Section {
  const facts = [
    plural(map.rows.length, 'host port'),
    ...(map.conflicts > 0 ? [plural(map.conflicts, 'in a conflict', 'in conflicts')] : []),
    ...(map.changed > 0 ? [`${map.changed} added or changed by this pull request`] : [])
  ]
  const rows: string[] = []
  let scope = ''
  for (const row of map.rows) {
    // A scope change inside one table: a row naming the scope, so one table holds them all.
    if (row.scope !== scope) {
      scope = row.scope
      rows.push(tableRow([`**${escapeTableCell(scope)}**`, '', '', '']))
    }
    const marks = [row.conflict ? '⚠️ conflict' : '', row.changed ? '🆕 this PR' : '']
      .filter(Boolean)
      .join(' ')
    rows.push(
      tableRow([
        escapeTableCell(row.port),
        escapeTableCell(truncate(row.owner, MAX_PATH_LENGTH)),
        locationLink(row.location, settings),
        marks
      ])
    )
  }
  return {
    open:
      `<details>\n<summary>${escapeHtml(`Port map: ${facts.join(', ')}`)}</summary>\n\n` +
      '| Host port | Owner | Where | |\n|---|---|---|---|\n',
    rows,
    close: '\n</details>\n\n',
    counts: false
  }
}

// ── Footer ──────────────────────────────────────────────────────────────────────────────────

/** One line of counts per rule (the rule table of old, shrunk), then how to silence a finding. */
function footerLines(findings: readonly Finding[]): string {
  if (findings.length === 0) return ''
  const counts = new Map<string, number>()
  for (const finding of findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1)
  const rules = [...counts.entries()]
    .sort(([a, countA], [b, countB]) => countB - countA || compareText(a, b))
    .map(([ruleId, count]) => `${link(codeText(ruleId), docsUrl(ruleId))} ${count}`)
    .join(' · ')
  const syntax = codeText('# port-hygiene-ignore <rule-id>: <reason>')
  return `<sub>By rule: ${rules}. To silence a finding, add ${syntax} on its line or the line above.</sub>\n`
}

// ── The cut ─────────────────────────────────────────────────────────────────────────────────

interface Parts {
  top: string
  sections: Section[]
  footer: string
}

/**
 * Keeps whole rows, in order, while they fit, closes the section it stops in, and says how many
 * findings were left out. The note's length is reserved up front for the largest count it could
 * show, so adding it never pushes the body over the limit.
 */
function cutToLength(parts: Parts, total: number, settings: Settings): string {
  const reserve = cutNote(total, settings).length
  const footer =
    parts.top.length + reserve + parts.footer.length <= settings.maxLength ? parts.footer : ''
  // A limit too small for any report: the marker and the headline, sliced.
  if (parts.top.length + reserve > settings.maxLength) {
    return (parts.top + cutNote(total, settings)).slice(0, settings.maxLength)
  }
  let budget = settings.maxLength - parts.top.length - reserve - footer.length
  let body = ''
  let shown = 0
  for (const section of parts.sections) {
    const fixed = section.open.length + section.close.length
    let rows = ''
    let count = 0
    for (const row of section.rows) {
      if (fixed + rows.length + row.length > budget) break
      rows += row
      count += 1
    }
    if (count === 0) break
    const after =
      count === section.rows.length &&
      section.after &&
      fixed + rows.length + section.after.length <= budget
        ? section.after
        : ''
    body += section.open + rows + section.close + after
    budget -= fixed + rows.length + after.length
    if (section.counts) shown += count
    if (count < section.rows.length) break
  }
  return parts.top + body + cutNote(total - shown, settings) + footer
}

function cutNote(omitted: number, settings: Settings): string {
  const where = settings.fullReportHint
    ? `The full report is in ${hintText(settings.fullReportHint)}.`
    : 'Run port-hygiene locally for the full report.'
  return (
    `> **${plural(omitted, 'finding is', 'findings are')} not shown**: ` +
    `this report is limited to ${settings.maxLength.toLocaleString('en-US')} characters. ${where}\n\n`
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
