// Runs every enabled rule over the model, then applies severities, suppressions,
// fingerprints and the one sort order every reporter relies on.
import { createHash } from 'node:crypto'
import {
  SEVERITY_ORDER,
  compareLocations,
  compareText,
  type CommentSuppression,
  type Finding,
  type ScanModel,
  type Severity
} from '../model.js'
import type { ResolvedConfig } from '../config/types.js'
import { RULES } from './index.js'
import type { RuleFinding } from './rule.js'

export interface RuleRun {
  findings: Finding[]
  suppressed: Finding[]
}

export function runRules(model: ScanModel, config: ResolvedConfig): RuleRun {
  const all: Finding[] = []
  for (const rule of RULES) {
    const setting = config.rules[rule.meta.id]
    if (setting?.severity === 'off') continue
    const severity: Severity = setting?.severity ?? rule.meta.defaultSeverity
    const options =
      setting?.options === undefined
        ? rule.defaultOptions
        : rule.parseOptions
          ? rule.parseOptions(setting.options)
          : setting.options
    const results = rule.check(model, { options, ranges: config.ranges, scopes: config.scopes })
    for (const result of results) all.push(toFinding(rule.meta.id, severity, result))
  }
  const unique = dedupe(all)
  const { active, suppressed } = applySuppressions(unique, model)
  return { findings: sortFindings(active), suppressed: sortFindings(suppressed) }
}

function toFinding(ruleId: string, configured: Severity, result: RuleFinding): Finding {
  // A rule may lower a finding (a "possible" conflict); a user's severity still caps it, so a
  // rule configured as `warning` never yields an error.
  const severity =
    result.severity && SEVERITY_ORDER[result.severity] > SEVERITY_ORDER[configured]
      ? result.severity
      : configured
  const finding: Finding = {
    ruleId,
    severity,
    message: result.message,
    location: result.location,
    related: result.related ?? [],
    fingerprint: fingerprint(ruleId, result.location.file, result.key),
    key: result.key
  }
  if (result.object) finding.object = result.object
  if (result.fix) finding.fix = result.fix
  return finding
}

/** No line numbers inside: a finding keeps its identity when lines above it move. */
export function fingerprint(ruleId: string, file: string, key: string): string {
  return createHash('sha256').update(`${ruleId}\0${file}\0${key}`).digest('hex').slice(0, 32)
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>()
  return findings.filter((finding) => {
    const id = `${finding.fingerprint}:${finding.location.line}:${finding.location.column}:${finding.message}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}

/**
 * A comment suppresses findings on its own line and the line below; written above a port entry
 * (`- containerPort: 80` … `hostPort: 80`) it covers the whole entry, wherever in it the finding
 * points. An object annotation suppresses the object's findings. The `invalid-suppression` rule
 * is never suppressed, or a bare `# port-hygiene-ignore invalid-suppression` could hide itself.
 */
function applySuppressions(
  findings: Finding[],
  model: ScanModel
): { active: Finding[]; suppressed: Finding[] } {
  const byLine = new Map<string, CommentSuppression[]>()
  for (const comment of model.suppressions) {
    const { line: at } = comment.location
    for (const line of comment.ownLine === false ? [at] : [at, at + 1]) {
      const key = `${comment.location.file}:${line}`
      byLine.set(key, [...(byLine.get(key) ?? []), comment])
    }
  }
  const entriesOf = portEntriesByFile(model)
  const active: Finding[] = []
  const suppressed: Finding[] = []
  for (const finding of findings) {
    if (finding.ruleId === 'invalid-suppression') {
      active.push(finding)
      continue
    }
    const { file, line } = finding.location
    const lines = [
      line,
      ...(entriesOf.get(file) ?? [])
        .filter((e) => e.start < line && line <= e.end)
        .map((e) => e.start)
    ]
    const comment = lines
      .flatMap((candidate) => byLine.get(`${file}:${candidate}`) ?? [])
      .find((c) => c.rules.includes(finding.ruleId))
    const annotation =
      finding.object?.format === 'kubernetes' &&
      finding.object.ignore?.rules.includes(finding.ruleId)
        ? finding.object.ignore
        : undefined
    const by = comment ?? annotation
    if (by) {
      suppressed.push({
        ...finding,
        suppressedBy: {
          kind: comment ? 'comment' : 'annotation',
          reason: by.reason ?? '',
          location: by.location
        }
      })
    } else {
      active.push(finding)
    }
  }
  return { active, suppressed }
}

/** The line span of every port entry (container ports, Compose ports, Service ports), per file. */
function portEntriesByFile(model: ScanModel): Map<string, Array<{ start: number; end: number }>> {
  const entries = new Map<string, Array<{ start: number; end: number }>>()
  for (const { location } of [...model.bindings, ...model.services]) {
    if (location.endLine === undefined || location.endLine <= location.line) continue
    const list = entries.get(location.file) ?? []
    list.push({ start: location.line, end: location.endLine })
    entries.set(location.file, list)
  }
  return entries
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareLocations(a.location, b.location) ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.message, b.message)
  )
}
