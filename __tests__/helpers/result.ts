// Hand-built scan results for reporter tests: reporters are tested on the model they render,
// independent of the rules that will fill it.
import type { ScanResult } from '../../src/engine.js'
import {
  emptyModel,
  type ConflictGroup,
  type FileFormat,
  type Finding,
  type ObjectRef,
  type RelatedLocation,
  type Severity,
  type SourceLocation
} from '../../src/model.js'

export function at(file: string, line: number, column = 1, width?: number): SourceLocation {
  const location: SourceLocation = { file, line, column }
  if (width !== undefined) {
    location.endLine = line
    location.endColumn = column + width
  }
  return location
}

export interface FindingSpec {
  ruleId?: string
  severity?: Severity
  message?: string
  location?: SourceLocation
  related?: RelatedLocation[]
  object?: ObjectRef
  fingerprint?: string
  suppressedBy?: Finding['suppressedBy']
  conflict?: string
}

let counter = 0

/** A finding with sensible defaults; the fingerprint is unique unless given. */
export function finding(spec: FindingSpec = {}): Finding {
  counter += 1
  const result: Finding = {
    ruleId: spec.ruleId ?? 'duplicate-host-port',
    severity: spec.severity ?? 'error',
    message: spec.message ?? 'host port 80/tcp is bound twice',
    location: spec.location ?? at('deploy/app.yaml', 12, 9),
    related: spec.related ?? [],
    fingerprint: spec.fingerprint ?? `fp${String(counter).padStart(30, '0')}`
  }
  if (spec.object) result.object = spec.object
  if (spec.suppressedBy) result.suppressedBy = spec.suppressedBy
  if (spec.conflict) result.conflict = spec.conflict
  return result
}

export function k8sObject(kind: string, namespace: string, name: string): ObjectRef {
  return { format: 'kubernetes', kind, namespace, name }
}

export function composeService(
  project: string,
  service: string,
  projectFile = 'compose.yaml'
): ObjectRef {
  return { format: 'compose', project, service, projectFile }
}

export interface ResultSpec {
  findings?: Finding[]
  suppressed?: Finding[]
  /** Scanned files; by default every file a finding names, as Kubernetes. */
  files?: Array<{ file: string; format?: FileFormat }>
  unmatched?: string[]
  conflicts?: ConflictGroup[]
}

/** Sorted as the engine sorts, so reporters see what they will see in production. */
export function scanResult(spec: ResultSpec = {}): ScanResult {
  const model = emptyModel()
  const findings = sortByLocation(spec.findings ?? [])
  const suppressed = sortByLocation(spec.suppressed ?? [])
  const files: Array<{ file: string; format?: FileFormat }> =
    spec.files ??
    [...new Set([...findings, ...suppressed].map((f) => f.location.file))].map((file) => ({ file }))
  model.files = files.map(({ file, format }) => ({
    file,
    format: format ?? 'kubernetes',
    documents: 1
  }))
  return {
    model,
    findings,
    suppressed,
    unmatched: spec.unmatched ?? [],
    conflicts: spec.conflicts ?? []
  }
}

function sortByLocation(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  )
}
