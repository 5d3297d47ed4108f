// A pull request's scan at the head commit's lines: the same findings, change set and port
// model, with every location (and every `file:line` a message names) moved to the line the
// PR's diff shows. What the head does not have keeps the checkout's line and is marked
// `notInHead`, so that reports say so and the review never comments on it. The result the
// scan produced is left as it is (SARIF describes the checkout: code scanning analyses the
// merge commit of a pull request).
import type { ScanResult } from '../engine.js'
import type {
  ChangeSet,
  ConflictGroup,
  Finding,
  Fix,
  PortBinding,
  RelatedLocation,
  ScanModel,
  ServicePort,
  SourceLocation
} from '../model.js'
import type { HeadLines } from './head-lines.js'

export function atHeadLines(result: ScanResult, lines: HeadLines): ScanResult {
  const view = new HeadView(result, lines)
  const findings = result.findings.map(view.finding)
  const mapped: ScanResult = {
    ...result,
    model: view.model(result.model),
    findings,
    suppressed: result.suppressed.map(view.finding),
    conflicts: result.conflicts.map(view.conflict)
  }
  if (result.change) mapped.change = view.change(result.change)
  return mapped
}

/** `k8s/a.yaml:12` or `k8s/a.yaml:12:7` in a message: the shape rules name places in. */
const PLACE = /([^\s,()"]+):(\d+)(:\d+)?(?!\d)/g

class HeadView {
  private readonly findings = new Map<Finding, Finding>()
  private readonly files: Set<string>

  constructor(
    result: ScanResult,
    private readonly lines: HeadLines
  ) {
    this.files = new Set(result.model.files.map((file) => file.file))
  }

  readonly location = (location: SourceLocation): SourceLocation => {
    if (!(location.line >= 1)) return location
    const line = this.lines.toHead(location.file, location.line)
    if (line === undefined) return { ...location, notInHead: true }
    const mapped: SourceLocation = { ...location, line }
    if (location.endLine !== undefined) {
      const end = this.spanEnd(location.file, location.line, location.endLine)
      if (end === undefined) {
        delete mapped.endLine
        delete mapped.endColumn
      } else {
        mapped.endLine = end
      }
    }
    return mapped
  }

  /** The head's end line of a span whose lines are all in the head, in one piece; else undefined. */
  private spanEnd(file: string, start: number, end: number): number | undefined {
    const first = this.lines.toHead(file, start)
    if (first === undefined) return undefined
    for (let line = start + 1; line <= end; line++) {
      if (this.lines.toHead(file, line) !== first + (line - start)) return undefined
    }
    return first + (end - start)
  }

  /** The places a message names, at the head's lines (a place the head lacks is left as is). */
  private text(message: string): string {
    return message.replace(PLACE, (whole, file: string, line: string, column = '') => {
      if (!this.files.has(file)) return whole
      const mapped = this.lines.toHead(file, Number(line))
      return mapped === undefined ? whole : `${file}:${mapped}${column}`
    })
  }

  private related = (related: RelatedLocation): RelatedLocation => ({
    ...related,
    location: this.location(related.location),
    message: this.text(related.message)
  })

  /**
   * A fix moves with its lines when all of them are in the head, in one piece; otherwise its
   * words stay but it offers no suggestion (the lines it would replace are not the head's).
   */
  private fix(fix: Fix): Fix {
    const { file, line } = fix.location
    const end = fix.location.endLine ?? line
    const start = this.lines.toHead(file, line)
    if (start === undefined || this.spanEnd(file, line, end) === undefined) {
      const { wholeLines: _dropped, ...rest } = fix
      return { ...rest, location: { ...fix.location, notInHead: true } }
    }
    const mapped: Fix = { ...fix, location: { ...fix.location, line: start } }
    if (fix.location.endLine !== undefined) mapped.location.endLine = start + (end - line)
    if (fix.wholeLines) {
      const first = this.lines.toHead(file, fix.wholeLines.line)
      const last = this.spanEnd(file, fix.wholeLines.line, fix.wholeLines.endLine)
      if (first === undefined || last === undefined) delete mapped.wholeLines
      else mapped.wholeLines = { ...fix.wholeLines, line: first, endLine: last }
    }
    return mapped
  }

  readonly finding = (finding: Finding): Finding => {
    let mapped = this.findings.get(finding)
    if (!mapped) {
      mapped = {
        ...finding,
        message: this.text(finding.message),
        location: this.location(finding.location),
        related: finding.related.map(this.related)
      }
      if (finding.fix) mapped.fix = this.fix(finding.fix)
      if (finding.merged) {
        const { own, also, copies } = finding.merged
        mapped.merged = {
          own: this.finding(own),
          also: also.map(this.finding),
          copies: copies.map(this.finding)
        }
      }
      if (finding.suppressedBy) {
        mapped.suppressedBy = {
          ...finding.suppressedBy,
          location: this.location(finding.suppressedBy.location)
        }
      }
      this.findings.set(finding, mapped)
    }
    return mapped
  }

  readonly conflict = (group: ConflictGroup): ConflictGroup => ({
    ...group,
    members: group.members.map((member) => ({
      ...member,
      location: this.location(member.location)
    }))
  })

  /** Base findings keep the base's lines; head findings are the mapped ones. */
  change(change: ChangeSet): ChangeSet {
    const mapped: ChangeSet = {
      ...change,
      added: change.added.map(this.finding),
      existing: change.existing.map(this.finding)
    }
    if (change.changed) {
      mapped.changed = change.changed.map((each) => ({ ...each, now: this.finding(each.now) }))
    }
    return mapped
  }

  /** Host ports and Service ports (the port map, the JSON report) at the head's lines. */
  model(model: ScanModel): ScanModel {
    return {
      ...model,
      bindings: model.bindings.map((binding) => this.locations(binding)),
      services: model.services.map((service) => this.locations(service))
    }
  }

  /** Every `location` / `…Location` field of a binding or Service port. */
  private locations<T extends PortBinding | ServicePort>(item: T): T {
    const mapped: Record<string, unknown> = { ...item }
    for (const [key, value] of Object.entries(item)) {
      if ((key === 'location' || key.endsWith('Location')) && isLocation(value)) {
        mapped[key] = this.location(value)
      }
    }
    return mapped as T
  }
}

function isLocation(value: unknown): value is SourceLocation {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SourceLocation).file === 'string' &&
    typeof (value as SourceLocation).line === 'number'
  )
}
