// Findings as workflow-command annotations. GitHub shows at most 10 errors, 10 warnings and
// 10 notices per step and silently drops the rest (pitfall 8), so every annotation of the step
// — findings and the action's own messages — draws from one budget, the most severe findings
// go first, and one notice says how many were left out and where the full report is.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
import {
  SEVERITY_ORDER,
  countBySeverity,
  escapeControls,
  type Finding,
  type Severity
} from '../model.js'

export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  startColumn?: number
  endLine?: number
  endColumn?: number
}

/** What @actions/core offers; injected so that tests can record the calls. */
export interface WorkflowCommands {
  error(message: string, properties?: AnnotationProperties): void
  warning(message: string, properties?: AnnotationProperties): void
  notice(message: string, properties?: AnnotationProperties): void
  info(message: string): void
}

export const ANNOTATION_LIMIT = 10

/** Counts every annotation of the step against GitHub's per-level limit. */
export class AnnotationBudget {
  private readonly used: Record<Severity, number> = { error: 0, warning: 0, notice: 0 }

  constructor(
    private readonly commands: WorkflowCommands,
    private readonly limit = ANNOTATION_LIMIT
  ) {}

  remaining(level: Severity): number {
    return Math.max(0, this.limit - this.used[level])
  }

  /**
   * Annotates when the level has room; otherwise the message still reaches the log as plain
   * text, where GitHub would have put a dropped annotation anyway.
   */
  emit(level: Severity, message: string, properties?: AnnotationProperties): boolean {
    const text = escapeControls(message)
    if (this.remaining(level) === 0) {
      this.commands.info(`${level}: ${text}`)
      return false
    }
    this.used[level]++
    this.commands[level](text, properties && inertProperties(properties))
    return true
  }
}

/**
 * Names reach the runner's log inside workflow commands. @actions/core escapes `%`, CR, LF, `:`
 * and `,` there but passes ESC, BEL, OSC and bidi overrides through, so they are escaped here.
 */
function inertProperties(properties: AnnotationProperties): AnnotationProperties {
  const inert: AnnotationProperties = { ...properties }
  if (inert.title !== undefined) inert.title = escapeControls(inert.title)
  if (inert.file !== undefined) inert.file = escapeControls(inert.file)
  return inert
}

/**
 * Every message the action writes to the log (info, debug, annotations, the failure) with its
 * control characters escaped: error messages and outcomes quote names from the repository.
 */
export function inertCommands<
  T extends WorkflowCommands & { debug(message: string): void; setFailed(message: string): void }
>(commands: T): T {
  return {
    ...commands,
    debug: (message: string) => commands.debug(escapeControls(message)),
    info: (message: string) => commands.info(escapeControls(message)),
    error: (message: string, properties?: AnnotationProperties) =>
      commands.error(escapeControls(message), properties && inertProperties(properties)),
    warning: (message: string, properties?: AnnotationProperties) =>
      commands.warning(escapeControls(message), properties && inertProperties(properties)),
    notice: (message: string, properties?: AnnotationProperties) =>
      commands.notice(escapeControls(message), properties && inertProperties(properties)),
    setFailed: (message: string) => commands.setFailed(escapeControls(message))
  }
}

export interface AnnotateOptions {
  /** Finding paths are relative to the scan root; annotations want them relative to the repository. */
  repositoryPath: (file: string) => string
  /** Where the whole list is, for the overflow notice: "the job summary", "the JSON report …". */
  fullReportHint: string
  /**
   * Slots kept free per level for the action's own later messages (an API warning): they
   * matter more than the 10th finding of the same level.
   */
  reserve?: Partial<Record<Severity, number>>
}

export interface AnnotateResult {
  annotated: number
  leftOut: number
}

export function annotateFindings(
  findings: readonly Finding[],
  budget: AnnotationBudget,
  options: AnnotateOptions
): AnnotateResult {
  const ordered = [...findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
  )
  const room = roomPerLevel(findings, budget, options.reserve ?? {})
  let annotated = 0
  for (const finding of ordered) {
    if (room[finding.severity] === 0) continue
    room[finding.severity]--
    budget.emit(
      finding.severity,
      annotationMessage(finding),
      annotationProperties(finding, options)
    )
    annotated++
  }
  const leftOut = findings.length - annotated
  if (leftOut > 0) {
    budget.emit(
      'notice',
      `${leftOut} more ${leftOut === 1 ? 'finding is' : 'findings are'} not annotated ` +
        `(GitHub shows ${ANNOTATION_LIMIT} annotations per level and step); ` +
        `the full list is in ${options.fullReportHint}.`,
      { title: 'port-hygiene: more findings' }
    )
  }
  return { annotated, leftOut }
}

/**
 * How many findings of each level may be annotated. One notice is held back for the overflow
 * notice whenever anything will not fit, or that notice would itself be the one dropped.
 */
function roomPerLevel(
  findings: readonly Finding[],
  budget: AnnotationBudget,
  reserve: Partial<Record<Severity, number>>
): Record<Severity, number> {
  const total = countBySeverity(findings)
  const levels: Severity[] = ['error', 'warning', 'notice']
  const room = {} as Record<Severity, number>
  for (const level of levels) {
    room[level] = Math.max(0, budget.remaining(level) - (reserve[level] ?? 0))
  }
  const overflows = levels.some((level) => total[level] > room[level])
  if (overflows) room.notice = Math.max(0, room.notice - 1)
  for (const level of levels) room[level] = Math.min(room[level], total[level])
  return room
}

/**
 * A line the PR's head does not have (src/baseline/head-view.ts) would land on another line of
 * the diff: such an annotation names the file only, and its message says where the line is.
 */
function annotationMessage(finding: Finding): string {
  const { location } = finding
  return location.notInHead && location.line >= 1
    ? `${finding.message} (Line ${location.line} of GitHub's merge commit: this pull request's head does not have it.)`
    : finding.message
}

function annotationProperties(finding: Finding, options: AnnotateOptions): AnnotationProperties {
  const { location } = finding
  const file = options.repositoryPath(location.file)
  if (location.notInHead) return { title: finding.ruleId, file }
  const properties: AnnotationProperties = {
    title: finding.ruleId,
    file,
    startLine: location.line,
    startColumn: location.column
  }
  // GitHub ignores columns on annotations that span lines; keep endColumn for one-line spans only.
  if (location.endLine !== undefined && location.endLine !== location.line) {
    properties.endLine = location.endLine
  } else if (location.endColumn !== undefined) {
    properties.endLine = location.line
    properties.endColumn = location.endColumn
  }
  return properties
}
