// The Markdown report: the PR comment body and the job summary.
//
// Shape: [marker] headline with counts and a verdict, one line of scan facts, a table per rule,
// then one table of findings per file (files with errors first, so a cut drops the least
// severe), long lists folded in <details>, a footer. Every string that came from the scanned
// repository goes through ./escape.ts; the only raw HTML in the body is our own tags.
//
// The body is built from atomic pieces (a heading, a table row, a closing tag), so a cut below
// the length limit happens between pieces: never inside a row or a link, and every <details>
// opened is closed. The marker is the first piece and is never cut (STYLE pitfall 7).
import type { ScanResult } from '../engine.js'
import {
  SEVERITY_ORDER,
  compareText,
  countBySeverity,
  countCheckedFiles,
  type Finding,
  type Severity,
  type SourceLocation
} from '../model.js'
import { ruleById } from '../rules/index.js'
import { docsUrl } from '../rules/rule.js'
import {
  codeHtml,
  codeText,
  escapeHtml,
  escapeMarkdown,
  escapeTableCell,
  link,
  safeUrl,
  truncate
} from './escape.js'
import { plural } from './text.js'

export interface MarkdownOptions {
  /** Link for a file line, e.g. `https://github.com/o/r/blob/<head-sha>/<file>#L12`; absent → no links. */
  lineUrl?: (file: string, line: number) => string
  /** The body is cut below this many characters (GitHub's comment limit is 65,536). Default 65,000. */
  maxLength?: number
  /** Hidden marker that opens the body (PR comment only), e.g. `<!-- port-hygiene -->`. Trusted, written as is. */
  marker?: string
  /**
   * Where the full report is when the body is cut, e.g. "the job summary of this workflow run
   * (https://…)". Plain text: it is escaped, and http(s) URLs in it become links.
   */
  fullReportHint?: string
  /** A file with more findings than this is folded in `<details>`. Default 10. */
  foldFileAbove?: number
  /** With more findings than this in all, every file is folded. Default 30. */
  foldAllAbove?: number
}

export const DEFAULT_MAX_LENGTH = 65_000
const DEFAULT_FOLD_FILE_ABOVE = 10
const DEFAULT_FOLD_ALL_ABOVE = 30

/** Caps on repository strings, so one hostile value cannot fill the comment on its own. */
const MAX_PATH_LENGTH = 300
const MAX_MESSAGE_LENGTH = 1_500
const MAX_RELATED_PER_FINDING = 5
const MAX_UNMATCHED_PATHS = 10

const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' }
const SEVERITIES: Severity[] = ['error', 'warning', 'notice']

interface Settings {
  lineUrl?: (file: string, line: number) => string
  maxLength: number
  marker?: string
  fullReportHint?: string
  foldFileAbove: number
  foldAllAbove: number
}

/** One file's findings: an opening (heading or `<details>` + table header), one row per finding, a closing. */
interface FileSection {
  open: string
  rows: string[]
  close: string
}

export function renderMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const settings: Settings = {
    ...options,
    maxLength: options.maxLength ?? DEFAULT_MAX_LENGTH,
    foldFileAbove: options.foldFileAbove ?? DEFAULT_FOLD_FILE_ABOVE,
    foldAllAbove: options.foldAllAbove ?? DEFAULT_FOLD_ALL_ABOVE
  }
  const top =
    (settings.marker ? `${settings.marker}\n` : '') + headline(result) + '\n\n' + scanFacts(result)
  const ruleSummary = ruleTable(result.findings)
  const sections = fileSections(result.findings, settings)
  const footer = result.findings.length > 0 ? footerLine() : ''

  const full = top + ruleSummary + sections.map(sectionText).join('') + footer
  if (full.length <= settings.maxLength) return full
  return cutToLength({ top, ruleSummary, sections, footer }, result.findings.length, settings)
}

// ── Headline and facts ──────────────────────────────────────────────────────────────────────

/** `### ❌ port-hygiene: 3 errors, 2 warnings` or `### ✅ port-hygiene: no port problems in 12 files`. */
export function headline(result: ScanResult): string {
  const counts = countBySeverity(result.findings)
  if (result.findings.length === 0) {
    const files = checkedFiles(result)
    return files === 0
      ? '### ✅ port-hygiene: no port problems (no Kubernetes or Compose files found)'
      : `### ✅ port-hygiene: no port problems in ${plural(files, 'file')}`
  }
  const worst = SEVERITIES.find((severity) => counts[severity] > 0)!
  return `### ${SEVERITY_ICON[worst]} port-hygiene: ${severityCounts(counts)}`
}

/** `3 errors, 2 warnings` (zero counts left out). */
function severityCounts(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((severity) => counts[severity] > 0)
    .map((severity) => plural(counts[severity], severity))
    .join(', ')
}

/** Files the loaders recognised; other YAML (CI configs, Helm values) is read but not counted. */
function checkedFiles(result: ScanResult): number {
  return countCheckedFiles(result.model.files)
}

/** One line under the headline: what was checked, what was suppressed or skipped. */
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

// ── Rule table ──────────────────────────────────────────────────────────────────────────────

/** One row per rule and severity (a rule can report certain conflicts as errors, possible ones as warnings). */
function ruleTable(findings: Finding[]): string {
  if (findings.length === 0) return ''
  const counts = new Map<string, number>()
  for (const finding of findings) {
    const key = `${finding.ruleId}\0${finding.severity}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const rows = [...counts.entries()]
    .map(([key, count]) => {
      const [ruleId, severity] = key.split('\0') as [string, Severity]
      return { ruleId, severity, count }
    })
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        b.count - a.count ||
        compareText(a.ruleId, b.ruleId)
    )
    .map(({ ruleId, severity, count }) => {
      const description = ruleById(ruleId)?.meta.description ?? ''
      return tableRow([
        ruleLink(ruleId),
        severityLabel(severity),
        String(count),
        escapeTableCell(description)
      ])
    })
  return `| Rule | Severity | Findings | What it finds |\n|---|---|--:|---|\n${rows.join('')}\n`
}

function ruleLink(ruleId: string): string {
  return link(codeText(ruleId), docsUrl(ruleId))
}

function severityLabel(severity: Severity): string {
  return `${SEVERITY_ICON[severity]} ${severity}`
}

// ── Findings by file ────────────────────────────────────────────────────────────────────────

/** Files in order of their most severe finding, then by path: a cut then drops the least severe. */
function fileSections(findings: Finding[], settings: Settings): FileSection[] {
  const byFile = new Map<string, Finding[]>()
  for (const finding of findings) {
    const list = byFile.get(finding.location.file) ?? []
    list.push(finding)
    byFile.set(finding.location.file, list)
  }
  const foldAll = findings.length > settings.foldAllAbove
  return [...byFile.entries()]
    .sort(
      ([fileA, a], [fileB, b]) => worstSeverity(a) - worstSeverity(b) || compareText(fileA, fileB)
    )
    .map(([file, list]) =>
      fileSection(file, list, foldAll || list.length > settings.foldFileAbove, settings)
    )
}

function worstSeverity(findings: Finding[]): number {
  return Math.min(...findings.map((finding) => SEVERITY_ORDER[finding.severity]))
}

const FINDINGS_TABLE_HEADER = '| | Line | Rule | Finding |\n|---|---|---|---|\n'

function fileSection(
  file: string,
  findings: Finding[],
  folded: boolean,
  settings: Settings
): FileSection {
  const rows = findings.map((finding) => findingRow(finding, settings))
  const path = truncate(file, MAX_PATH_LENGTH)
  if (folded) {
    // Blank lines around the table: without them GitHub treats it as part of the HTML block.
    const summary = `${codeHtml(path)}: ${escapeHtml(severityCounts(countBySeverity(findings)))}`
    return {
      open: `<details>\n<summary>${summary}</summary>\n\n${FINDINGS_TABLE_HEADER}`,
      rows,
      close: '\n</details>\n\n'
    }
  }
  return { open: `#### ${codeText(path)}\n\n${FINDINGS_TABLE_HEADER}`, rows, close: '\n' }
}

function findingRow(finding: Finding, settings: Settings): string {
  const related = finding.related.slice(0, MAX_RELATED_PER_FINDING).map((each) => {
    return `<br>↳ ${locationLink(each.location, settings, true)} ${escapeTableCell(truncate(each.message, MAX_MESSAGE_LENGTH))}`
  })
  if (finding.related.length > MAX_RELATED_PER_FINDING) {
    related.push(`<br>↳ and ${finding.related.length - MAX_RELATED_PER_FINDING} more`)
  }
  const message = escapeTableCell(truncate(finding.message, MAX_MESSAGE_LENGTH)) + related.join('')
  return tableRow([
    SEVERITY_ICON[finding.severity],
    locationLink(finding.location, settings, false),
    ruleLink(finding.ruleId),
    message
  ])
}

/** `[12:9](…#L12)`, or with the file for the other side of a conflict: `[<code>b.yaml</code>:3:5](…#L3)`. */
function locationLink(location: SourceLocation, settings: Settings, withFile: boolean): string {
  const position = location.line >= 1 ? `${location.line}:${location.column}` : ''
  const file = withFile ? codeText(truncate(location.file, MAX_PATH_LENGTH)) : ''
  const text = [file, position].filter(Boolean).join(':') || 'file'
  return link(text, lineUrlOf(location, settings))
}

/** A URL builder that throws (a name it cannot encode) costs the link, not the report. */
function lineUrlOf(location: SourceLocation, settings: Settings): string | undefined {
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

function sectionText(section: FileSection): string {
  return section.open + section.rows.join('') + section.close
}

function footerLine(): string {
  const syntax = codeText('# port-hygiene-ignore <rule-id>: <reason>')
  return `<sub>To silence a finding, add ${syntax} on its line or the line above.</sub>\n`
}

// ── The cut ─────────────────────────────────────────────────────────────────────────────────

interface Parts {
  top: string
  ruleSummary: string
  sections: FileSection[]
  footer: string
}

/**
 * Keeps whole rows, in order, while they fit, closes the section it stops in, and says how many
 * findings were left out. The note's length is reserved up front for the largest count it could
 * show, so adding it never pushes the body over the limit.
 */
function cutToLength(parts: Parts, total: number, settings: Settings): string {
  const reserve = cutNote(total, settings).length
  // The rule table goes too if even it does not fit (only with absurdly small limits).
  const head = [parts.top + parts.ruleSummary, parts.top].find(
    (candidate) => candidate.length + reserve + parts.footer.length <= settings.maxLength
  )
  // Below that, a limit too small for any report: the marker and the headline, sliced.
  if (head === undefined) return (parts.top + cutNote(total, settings)).slice(0, settings.maxLength)
  let budget = settings.maxLength - head.length - reserve - parts.footer.length
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
    body += section.open + rows + section.close
    budget -= fixed + rows.length
    shown += count
    if (count < section.rows.length) break
  }
  return head + body + cutNote(total - shown, settings) + parts.footer
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
