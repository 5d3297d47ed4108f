// The machine-readable report: a documented, versioned shape (docs/json-report.md,
// schema/report.schema.json) carrying the findings and the whole port model, so that other
// tools can build on the scan. Bump JSON_REPORT_SCHEMA_VERSION on any breaking change; adding
// a field is not one.
import type { ScanResult } from '../engine.js'
import {
  compareLocations,
  compareText,
  countBySeverity,
  countCheckedFiles,
  stringifyJson,
  type ConflictGroup,
  type Finding,
  type ObjectRef,
  type PortBinding,
  type PortRange,
  type ServicePort,
  type SourceLocation
} from '../model.js'
import { docsUrl, REPOSITORY_URL } from '../rules/rule.js'
import { identityOf } from '../rules/identity.js'
import { stateOf } from '../baseline/classify.js'
import { partsOf, ruleIdsOf } from '../rules/merge-findings.js'

/** 2: the top-level `conflicts` array, `conflict` on findings, possible conflicts reported once per group. */
export const JSON_REPORT_SCHEMA_VERSION = 2

export interface JsonReportOptions {
  toolVersion: string
  /** The config file that was read (root-relative), if any. */
  configFile?: string
  /** `owner/repo` when known (the action): labels the report in `port-hygiene fleet`. */
  repository?: string
}

export interface JsonLocation {
  file: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
}

/**
 * A place in the file of the item it belongs to (a binding, a Service port): where one of its
 * keys is written, so that a reader of the report (`port-hygiene fleet`) points where the scan does.
 */
export interface JsonPosition {
  line: number
  column: number
  endLine?: number
  endColumn?: number
}

export interface JsonFinding {
  ruleId: string
  severity: Finding['severity']
  message: string
  location: JsonLocation
  related: Array<{ location: JsonLocation; message: string }>
  fingerprint: string
  /** Identity across commits (rule, object, port tuple, occurrence): how new and existing are told apart. */
  identity: string
  /** With a base (a pull request, `--base`): whether this change brought the finding in; else null. */
  state: 'new' | 'existing' | 'fixed' | 'changed' | null
  helpUri: string
  object: ObjectRef | null
  fix: { description: string; location: JsonLocation; replacement: string } | null
  suppressedBy: { kind: 'comment' | 'annotation'; reason: string; location: JsonLocation } | null
  /** The id of the conflict group in `conflicts` (duplicate-host-port), else null. */
  conflict: string | null
  /** Every rule the finding stands for, each once: `ruleId` first, then the others at its place. */
  ruleIds: string[]
  /** The other rules at the same place, merged into this finding (most severe first), each as its rule gave it. */
  also: JsonMergedPart[]
  /** The same finding on copies of its object in other files, merged into this one. */
  copies: JsonMergedPart[]
}

/** A finding merged into another (src/rules/merge-findings.ts), with its own message and identity. */
export interface JsonMergedPart {
  ruleId: string
  severity: Finding['severity']
  message: string
  location: JsonLocation
  fingerprint: string
  identity: string
  helpUri: string
  /** The id of the part's conflict group in `conflicts` (duplicate-host-port), else null. */
  conflict: string | null
}

export interface JsonConflict {
  id: string
  format: ConflictGroup['format']
  nodeScope: string | null
  protocol: string
  ports: PortRange
  certainty: ConflictGroup['certainty']
  members: Array<{
    file: string
    line: number
    column: number
    object: ObjectRef
    container: string
    hostIP: string
    ports: PortRange
  }>
}

export interface JsonBinding {
  format: PortBinding['format']
  file: string
  line: number
  column: number
  object: ObjectRef
  container: string
  containerKind: PortBinding['containerKind']
  hostIP: string
  hostPort: PortRange | null
  /** The `hostPort:` key, the Compose `published:` value; null when not written as its own key. */
  hostPortAt: JsonPosition | null
  containerPort: PortRange | null
  /** The `containerPort:` key, the Compose `target:` value; null when not written as its own key. */
  containerPortAt: JsonPosition | null
  protocol: string
  name: string | null
  hostNetwork: boolean
  addedCapabilities: string[]
  raw: string | null
  interpolated: boolean
  unresolved: boolean
  replicas: number | null
  profiles: string[]
  mode: string | null
}

export interface JsonService {
  file: string
  line: number
  column: number
  object: ObjectRef
  serviceType: string
  name: string | null
  port: number | null
  /** The `port:` key; null when not written. */
  portAt: JsonPosition | null
  targetPort: number | string | null
  /** The `targetPort:` key; null when not written. */
  targetPortAt: JsonPosition | null
  nodePort: number | null
  /** The `nodePort:` key; null when not written. */
  nodePortAt: JsonPosition | null
  protocol: string
  selector: Record<string, string>
}

export interface JsonReport {
  schemaVersion: typeof JSON_REPORT_SCHEMA_VERSION
  tool: { name: 'port-hygiene'; version: string; informationUri: string }
  configFile: string | null
  /** Present when the run knew its repository (the action sets it). */
  repository?: string
  summary: {
    files: number
    findings: number
    errors: number
    warnings: number
    notices: number
    suppressed: number
    bindings: number
    services: number
  }
  findings: JsonFinding[]
  suppressed: JsonFinding[]
  /** Null without a base. `fixed` lists the base's findings this change removed. */
  change: {
    basis: 'base-scan' | 'changed-lines' | 'none'
    baseSha: string | null
    note: string | null
    new: number
    existing: number
    fixed: JsonFinding[]
    /**
     * Base findings gone in their form but not fixed: a new finding covers the same ports now
     * (host networking, a renamed object). `now` is that finding's identity.
     */
    changed: Array<{ finding: JsonFinding; now: string }>
  } | null
  conflicts: JsonConflict[]
  model: {
    files: ScanResult['model']['files']
    bindings: JsonBinding[]
    services: JsonService[]
    namespaces: Array<{
      name: string
      location: JsonLocation
      annotations: Record<string, string>
      portRange: { min: number; max: number } | null
    }>
    composeProjects: ScanResult['model']['composeProjects']
    skippedFiles: ScanResult['model']['skippedFiles']
  }
}

export function renderJson(result: ScanResult, options: JsonReportOptions): string {
  return stringifyJson(buildJsonReport(result, options))
}

export function buildJsonReport(result: ScanResult, options: JsonReportOptions): JsonReport {
  const change = result.change
  const findings = result.findings.map((finding) =>
    toJsonFinding(finding, change ? stateOf(change, finding) : null)
  )
  const counts = countBySeverity(result.findings)
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: { name: 'port-hygiene', version: options.toolVersion, informationUri: REPOSITORY_URL },
    configFile: options.configFile ?? null,
    ...(options.repository ? { repository: options.repository } : {}),
    summary: {
      files: countCheckedFiles(result.model.files),
      findings: findings.length,
      errors: counts.error,
      warnings: counts.warning,
      notices: counts.notice,
      suppressed: result.suppressed.length,
      bindings: result.model.bindings.length,
      services: result.model.services.length
    },
    findings,
    suppressed: result.suppressed.map((finding) => toJsonFinding(finding, null)),
    conflicts: result.conflicts.map(toJsonConflict),
    change: change
      ? {
          basis: change.basis,
          baseSha: change.baseSha ?? null,
          note: change.note ?? null,
          new: change.added.length,
          existing: change.existing.length,
          fixed: change.fixed.map((finding) => toJsonFinding(finding, 'fixed')),
          changed: (change.changed ?? []).map(({ finding, now }) => ({
            finding: toJsonFinding(finding, 'changed'),
            now: identityOf(now)
          }))
        }
      : null,
    model: buildModel(result.model)
  }
}

function buildModel(model: ScanResult['model']): JsonReport['model'] {
  return {
    files: [...model.files].sort((a, b) => compareText(a.file, b.file)),
    bindings: sortByPosition(model.bindings.map(toJsonBinding)),
    services: sortByPosition(model.services.map(toJsonService)),
    namespaces: [...model.namespaces]
      .sort((a, b) => compareText(a.name, b.name) || compareLocations(a.location, b.location))
      .map((namespace) => ({
        name: namespace.name,
        location: toJsonLocation(namespace.location),
        annotations: namespace.annotations,
        portRange: namespace.portRange
          ? { min: namespace.portRange.min, max: namespace.portRange.max }
          : null
      })),
    composeProjects: [...model.composeProjects].sort(
      (a, b) => compareText(a.files[0] ?? '', b.files[0] ?? '') || compareText(a.name, b.name)
    ),
    skippedFiles: [...model.skippedFiles].sort((a, b) => compareText(a.file, b.file))
  }
}

/** Locations keep only the documented fields, whatever else a rule attached. */
function toJsonLocation(location: SourceLocation): JsonLocation {
  const result: JsonLocation = { file: location.file, line: location.line, column: location.column }
  if (location.endLine !== undefined) result.endLine = location.endLine
  if (location.endColumn !== undefined) result.endColumn = location.endColumn
  return result
}

/**
 * A key's place, given without its file: it is the item's. A place in another file (which the
 * extractors never give) is left out rather than written as if it were in the item's file.
 */
function toJsonPosition(
  location: SourceLocation | undefined,
  item: SourceLocation
): JsonPosition | null {
  if (!location || location.file !== item.file) return null
  const { file: _file, ...position } = toJsonLocation(location)
  return position
}

function toJsonFinding(finding: Finding, state: JsonFinding['state']): JsonFinding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    location: toJsonLocation(finding.location),
    related: finding.related.map((related) => ({
      location: toJsonLocation(related.location),
      message: related.message
    })),
    fingerprint: finding.fingerprint,
    identity: identityOf(finding),
    state,
    helpUri: docsUrl(finding.ruleId),
    object: finding.object ?? null,
    fix: finding.fix
      ? {
          description: finding.fix.description,
          location: toJsonLocation(finding.fix.location),
          replacement: finding.fix.replacement
        }
      : null,
    suppressedBy: finding.suppressedBy
      ? { ...finding.suppressedBy, location: toJsonLocation(finding.suppressedBy.location) }
      : null,
    conflict: finding.conflict ?? null,
    ...mergedParts(finding)
  }
}

/** What a merged finding stands for besides itself: other rules at its place, copies elsewhere. */
function mergedParts(finding: Finding): Pick<JsonFinding, 'ruleIds' | 'also' | 'copies'> {
  const [, ...others] = partsOf(finding)
  const { file } = finding.location
  const toPart = (part: Finding): JsonMergedPart => ({
    ruleId: part.ruleId,
    severity: part.severity,
    message: part.message,
    location: toJsonLocation(part.location),
    fingerprint: part.fingerprint,
    identity: identityOf(part),
    helpUri: docsUrl(part.ruleId),
    conflict: part.conflict ?? null
  })
  return {
    ruleIds: ruleIdsOf(finding),
    also: others.filter((part) => part.location.file === file).map(toPart),
    copies: others.filter((part) => part.location.file !== file).map(toPart)
  }
}

function toJsonConflict(group: ConflictGroup): JsonConflict {
  return {
    id: group.id,
    format: group.format,
    nodeScope: group.nodeScope,
    protocol: group.protocol,
    ports: { ...group.ports },
    certainty: group.certainty,
    members: group.members.map((member) => ({
      file: member.location.file,
      line: member.location.line,
      column: member.location.column,
      object: member.object,
      container: member.container,
      hostIP: member.hostIP,
      ports: { ...member.ports }
    }))
  }
}

function toJsonBinding(binding: PortBinding): JsonBinding {
  return {
    format: binding.format,
    file: binding.location.file,
    line: binding.location.line,
    column: binding.location.column,
    object: binding.object,
    container: binding.container,
    containerKind: binding.containerKind,
    hostIP: binding.hostIP,
    hostPort: binding.hostPort ? { ...binding.hostPort } : null,
    hostPortAt: toJsonPosition(binding.hostPortLocation, binding.location),
    containerPort: binding.containerPort ? { ...binding.containerPort } : null,
    containerPortAt: toJsonPosition(binding.containerPortLocation, binding.location),
    protocol: binding.protocol,
    name: binding.name ?? null,
    hostNetwork: binding.hostNetwork,
    addedCapabilities: [...binding.addedCapabilities],
    raw: binding.raw ?? null,
    interpolated: binding.interpolated ?? false,
    unresolved: binding.unresolved ?? false,
    replicas: binding.replicas ?? null,
    profiles: binding.profiles ?? [],
    mode: binding.mode ?? null
  }
}

function toJsonService(service: ServicePort): JsonService {
  return {
    file: service.location.file,
    line: service.location.line,
    column: service.location.column,
    object: service.object,
    serviceType: service.serviceType,
    name: service.name ?? null,
    port: service.port ?? null,
    portAt: toJsonPosition(service.portLocation, service.location),
    targetPort: service.targetPort ?? null,
    targetPortAt: toJsonPosition(service.targetPortLocation, service.location),
    nodePort: service.nodePort ?? null,
    nodePortAt: toJsonPosition(service.nodePortLocation, service.location),
    protocol: service.protocol,
    selector: service.selector
  }
}

function sortByPosition<T extends { file: string; line: number; column: number }>(items: T[]): T[] {
  return items.sort(compareLocations)
}
