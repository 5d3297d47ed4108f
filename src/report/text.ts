// The terminal report: findings grouped by file, one line each in the `path:line:col` form that
// terminals and editors turn into links, related locations indented below, then one summary line.
import type { ScanResult } from '../engine.js'
import {
  countBySeverity,
  countCheckedFiles,
  escapeControls,
  formatLocation,
  type ChangeSet,
  type Finding,
  type Severity
} from '../model.js'
import { stateOf } from '../baseline/classify.js'
import { maxOf } from '../append.js'

export interface TextOptions {
  /** ANSI colours; the CLI decides (TTY, NO_COLOR, FORCE_COLOR, --no-color). */
  color: boolean
}

type Style = (text: string) => string

interface Palette {
  severity: Record<Severity, Style>
  dim: Style
  bold: Style
  success: Style
}

const sgr =
  (open: number, close: number): Style =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`

const PLAIN: Palette = {
  severity: { error: (t) => t, warning: (t) => t, notice: (t) => t },
  dim: (t) => t,
  bold: (t) => t,
  success: (t) => t
}

const COLORED: Palette = {
  severity: { error: sgr(31, 39), warning: sgr(33, 39), notice: sgr(36, 39) },
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  success: sgr(32, 39)
}

export function renderText(result: ScanResult, options: TextOptions): string {
  const palette = options.color ? COLORED : PLAIN
  const blocks = groupByFile(result.findings).map((findings) =>
    renderFileGroup(findings, palette, result.change)
  )
  if (result.change && result.change.fixed.length > 0) {
    blocks.push(renderFixed(result.change, palette))
  }
  if (result.change?.changed?.length) blocks.push(renderChanged(result.change, palette))
  return [...blocks, renderSummary(result, palette)].join('\n\n') + '\n'
}

/** Findings of the base that this change removed, at their base locations. */
function renderFixed(change: ChangeSet, palette: Palette): string {
  const lines = [
    palette.bold(`Fixed (in the base ${change.baseSha?.slice(0, 7) ?? ''}, gone now):`)
  ]
  for (const finding of change.fixed) {
    lines.push(
      `  ${clean(formatLocation(finding.location))}  ${clean(finding.message)}  ${palette.dim(`[${finding.ruleId}]`)}`
    )
  }
  return lines.join('\n')
}

/** Base findings gone in their form but not fixed: a new finding covers their ports now. */
function renderChanged(change: ChangeSet, palette: Palette): string {
  const lines = [
    palette.bold('Changed (gone in this form, not fixed: a new finding covers the ports):')
  ]
  for (const { finding, now } of change.changed ?? []) {
    lines.push(
      `  ${clean(formatLocation(finding.location))}  ${clean(finding.message)}  ${palette.dim(`[${finding.ruleId}]`)}`,
      `    ${palette.dim('↳')} now ${clean(formatLocation(now.location))}  ${palette.dim(`[${now.ruleId}]`)}`
    )
  }
  return lines.join('\n')
}

/** Findings arrive sorted by file, so a group is a run of the same file. */
function groupByFile(findings: Finding[]): Finding[][] {
  const groups: Finding[][] = []
  for (const finding of findings) {
    const last = groups[groups.length - 1]
    if (last && last[0]!.location.file === finding.location.file) last.push(finding)
    else groups.push([finding])
  }
  return groups
}

function renderFileGroup(
  findings: Finding[],
  palette: Palette,
  change: ChangeSet | undefined
): string {
  // Columns are aligned within a file so that messages start at the same place.
  const locations = findings.map((finding) => clean(formatLocation(finding.location)))
  const locationWidth = maxOf(locations.map((text) => text.length))
  const severityWidth = maxOf(findings.map((finding) => finding.severity.length))
  const lines: string[] = []
  findings.forEach((finding, index) => {
    const location = locations[index]!.padEnd(locationWidth)
    const severity = palette.severity[finding.severity](finding.severity.padEnd(severityWidth))
    // With a base, each line says whether this change brought the finding in.
    const state = change ? `${stateOf(change, finding) === 'new' ? 'new     ' : 'existing'}  ` : ''
    lines.push(
      `${location}  ${state}${severity}  ${clean(finding.message)}  ${palette.dim(`[${finding.ruleId}]`)}`
    )
    for (const related of finding.related) {
      const where = clean(formatLocation(related.location))
      lines.push(`    ${palette.dim('↳')} ${where}  ${palette.dim(clean(related.message))}`)
    }
  })
  return lines.join('\n')
}

export function renderSummary(result: ScanResult, palette: Palette = PLAIN): string {
  const counts = countBySeverity(result.findings)
  // The Kubernetes and Compose files: the count the PR comment and the summary give too.
  const files = plural(countCheckedFiles(result.model.files), 'file')
  const suppressed = result.suppressed.length > 0 ? `; ${result.suppressed.length} suppressed` : ''
  if (result.findings.length === 0) {
    return (
      palette.success(`✔ No port problems in ${files}`) + suppressed + changeSummary(result.change)
    )
  }
  const detail = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.notice, 'notice')}`
  const headline = `✖ ${plural(result.findings.length, 'problem')} (${detail}) in ${files}`
  const worst: Severity = counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'notice'
  return palette.bold(palette.severity[worst](headline)) + suppressed + changeSummary(result.change)
}

/** `; 1 new, 20 existing, 1 fixed since 1a2b3c4`. */
function changeSummary(change: ChangeSet | undefined): string {
  if (!change) return ''
  const since = change.baseSha ? ` since ${change.baseSha.slice(0, 7)}` : ''
  const changed = change.changed?.length ? `, ${change.changed.length} changed` : ''
  return `; ${change.added.length} new, ${change.existing.length} existing, ${change.fixed.length} fixed${changed}${since}`
}

/** `1 file`, `2 files`; `many` for the irregular ones (`1 finding is`, `2 findings are`). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/**
 * File names, service names and messages come from the scanned repository: control characters
 * (ANSI escapes, carriage returns, new lines), bidi overrides and lone surrogates are shown
 * escaped (`\u001b`) so that a hostile name cannot repaint the terminal, forge a line of the
 * report or reorder what a reader sees.
 */
const clean = escapeControls
