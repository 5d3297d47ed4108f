// Runs every enabled rule over the model, then applies severities, suppressions,
// fingerprints, "one place, one finding" and the one sort order every reporter relies on.
import {
  SEVERITY_ORDER,
  compareLocations,
  compareText,
  describeObject,
  type CommentSuppression,
  type ConflictGroup,
  type ObjectRef,
  type Finding,
  type ScanModel,
  type Severity
} from '../model.js'
import type { ResolvedConfig } from '../config/types.js'
import { sha256Hex } from '../digest.js'
import { RULES } from './index.js'
import type { RuleBaseline, RuleFinding } from './rule.js'
import { defaultOptions } from '../config/options.js'
import { objectKey } from './shared/describe.js'
import { computeOnRead, copyKeepingLazy } from './shared/lazy-property.js'
import { append } from '../append.js'
import { uniq, uniqBy } from './shared/uniq.js'

export interface RuleRun {
  findings: Finding[]
  suppressed: Finding[]
  /** Every conflict group a rule reported, once, in id order; findings name them by id. */
  conflicts: ConflictGroup[]
}

/** How many other objects a merged finding names before it only counts them. */
const MAX_NAMED_OBJECTS = 10

export function runRules(
  model: ScanModel,
  config: ResolvedConfig,
  baseline?: RuleBaseline
): RuleRun {
  const all: Finding[] = []
  const conflicts = new Map<string, ConflictGroup>()
  const templates = helmTemplateResolver(model.files.map((file) => file.file))
  for (const rule of RULES) {
    const setting = config.rules[rule.meta.id]
    if (setting?.severity === 'off') continue
    if (setting === undefined && rule.meta.enabledByDefault === false) continue
    const severity: Severity = setting?.severity ?? rule.meta.defaultSeverity
    // The config loader parsed the options with the rule's declaration already.
    const options = setting?.options ?? defaultOptions(rule.options)
    const results = rule.check(model, {
      options,
      ranges: config.ranges,
      scopes: config.scopes,
      ...(baseline ? { baseline } : {})
    })
    for (const result of results) {
      all.push(withHelmTemplate(toFinding(rule.meta.id, severity, result), templates))
      if (result.conflict) conflicts.set(result.conflict.id, result.conflict)
    }
  }
  const unique = onePlaceOneFinding(all)
  const { active, suppressed } = applySuppressions(unique, model)
  return {
    findings: sortFindings(active),
    suppressed: sortFindings(suppressed),
    conflicts: [...conflicts.values()].sort((a, b) => compareText(a.id, b.id))
  }
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
    fingerprint: '',
    key: result.key
  }
  const { file } = result.location
  const { key } = result
  computeOnRead(finding, 'fingerprint', () => fingerprint(ruleId, file, key))
  if (result.object) finding.object = result.object
  if (result.fix) finding.fix = result.fix
  if (result.conflict) finding.conflict = result.conflict.id
  return finding
}

/**
 * `helm template` output names the chart template each document was rendered from
 * (`# Source: web/templates/deployment.yaml`). A finding on such a document keeps its place in the
 * rendered file (where the line and column are true) and gains a related location on the
 * template, so that SARIF (relatedLocations), the text report and the comment lead a reader to
 * the file to edit. The Source path starts at the chart's name; when the repository holds the
 * chart (`charts/web/templates/deployment.yaml`), the related location is that file. Templates
 * cannot be located line by line (they are not the rendered text), so it points at line 1.
 */
function withHelmTemplate(finding: Finding, templateOf: (source: string) => string): Finding {
  const source = finding.object?.format === 'kubernetes' ? finding.object.helmSource : undefined
  if (!source) return finding
  const file = templateOf(source)
  if (finding.related.some((related) => related.location.file === file)) return finding
  return {
    ...finding,
    related: [
      ...finding.related,
      {
        location: { file, line: 1, column: 1 },
        message: `rendered from the Helm template ${source}`
      }
    ]
  }
}

function helmTemplateResolver(files: readonly string[]): (source: string) => string {
  const cache = new Map<string, string>()
  return (source) => {
    let file = cache.get(source)
    if (file === undefined) {
      const inRepository = files.filter((each) => each === source || each.endsWith(`/${source}`))
      // The shortest match is the chart itself rather than a vendored copy deeper down.
      file = inRepository.sort((a, b) => a.length - b.length || compareText(a, b))[0] ?? source
      cache.set(source, file)
    }
    return file
  }
}

/** No line numbers inside: a finding keeps its identity when lines above it move. */
export function fingerprint(ruleId: string, file: string, key: string): string {
  return sha256Hex(`${ruleId}\0${file}\0${key}`).slice(0, 32)
}

/**
 * One rule at one place (file, line, column) gives one finding, however many Compose projects
 * or objects reach that place: a service in a file that seventeen projects pull in through
 * `extends` or `include` is one line to fix, so one finding (one SARIF alert, one annotation)
 * that names the other projects. It keeps the message and the fingerprint of the first object
 * (in object order), so its identity does not depend on how many projects share the line.
 */
function onePlaceOneFinding(findings: Finding[]): Finding[] {
  const byPlace = new Map<string, Finding[]>()
  for (const finding of findings) {
    const { file, line, column } = finding.location
    const key = `${finding.ruleId}\0${file}\0${line}\0${column}`
    const list = byPlace.get(key)
    if (list) list.push(finding)
    else byPlace.set(key, [finding])
  }
  const result: Finding[] = []
  for (const list of byPlace.values()) {
    const unique = withoutRepeats(list)
    if (unique.length === 1) {
      result.push(unique[0]!)
      continue
    }
    const keyOf = (finding: Finding) => (finding.object ? objectKey(finding.object) : '')
    unique.sort((a, b) => compareText(keyOf(a), keyOf(b)) || compareText(a.message, b.message))
    const firstKey = keyOf(unique[0]!)
    const own = unique.filter((finding) => keyOf(finding) === firstKey)
    const others = unique.filter((finding) => keyOf(finding) !== firstKey)
    const names = uniq(others.map((finding) => otherObjectName(finding)))
    const objects = others.map((finding) => finding.object)
    if (names.length > 0)
      own[0] = { ...own[0]!, message: withOthers(own[0]!.message, names, objects) }
    append(result, own)
  }
  return result
}

/** The same finding twice (same rule, file, key, place and message) is one. */
function withoutRepeats(findings: Finding[]): Finding[] {
  // What the fingerprint digests, without computing it.
  return uniqBy(
    findings,
    (finding) => `${finding.ruleId}\0${finding.location.file}\0${finding.key}\0${finding.message}`
  )
}

/** Compose projects by their main file (project names repeat across alternatives). */
function otherObjectName(finding: Finding): string {
  const object = finding.object
  if (!object) return finding.message
  return object.format === 'compose'
    ? `${object.projectFile} (project ${object.project})`
    : describeObject(object)
}

function kind(objects: Array<ObjectRef | undefined>, count: number): string {
  const compose = objects.every((object) => object?.format === 'compose')
  return compose
    ? count === 1
      ? 'Compose project'
      : 'Compose projects'
    : count === 1
      ? 'object'
      : 'objects'
}

function withOthers(
  message: string,
  names: string[],
  objects: Array<ObjectRef | undefined>
): string {
  const shown = names.slice(0, MAX_NAMED_OBJECTS)
  const more = names.length > shown.length ? ` and ${names.length - shown.length} more` : ''
  return `${message} The same line is reported for ${names.length} other ${kind(objects, names.length)}: ${shown.join('; ')}${more}.`
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
      suppressed.push(
        copyKeepingLazy(finding, {
          suppressedBy: {
            kind: comment ? 'comment' : 'annotation',
            reason: by.reason ?? '',
            location: by.location
          }
        })
      )
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
