// Reading the JSON reports of many repositories (docs/json-report.md) back into one scan model.
// Reports are read tolerantly: unknown fields are ignored, so reports of newer minor releases
// still merge, and only what the cross-repository checks need must be there.
import {
  emptyModel,
  type ContainerKind,
  type ObjectRef,
  type PortBinding,
  type PortRange,
  type ScanModel,
  type ServicePort,
  type SourceLocation
} from '../model.js'
import { maxOf } from '../append.js'

/**
 * Report versions the fleet check reads. 1 is the first documented shape; 2 adds fields
 * (`conflicts`) and changes none of the model the fleet check reads. The key positions
 * (`hostPortAt`, `nodePortAt`, …) were added within 2 and are read when there: no new version.
 */
export const ACCEPTED_SCHEMA_VERSIONS = [1, 2] as const

/** A report that cannot be merged: the message names the file and what is wrong. */
export class FleetReportError extends Error {}

export interface LabelledReport {
  /** The repository the report belongs to: `shop`, `acme/payments`. */
  label: string
  /** Where it was read from, for messages. */
  source: string
  schemaVersion: number
  toolVersion: string | null
  model: ScanModel
}

type Json = Record<string, unknown>

/**
 * One report, its file paths prefixed with the label (`shop:k8s/web.yaml`) so that findings
 * name the repository and the file of each side, and globs of the fleet config can select them.
 */
export function readReport(
  text: string,
  source: string,
  label: string | undefined
): LabelledReport {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new FleetReportError(`${source} is not JSON: ${(error as Error).message}`)
  }
  const report = asObject(data, source, 'the report')
  refuseOtherJson(report, source)
  const version = report.schemaVersion
  if (
    typeof version !== 'number' ||
    !(ACCEPTED_SCHEMA_VERSIONS as readonly number[]).includes(version)
  ) {
    const newer = typeof version === 'number' && version > maxOf(ACCEPTED_SCHEMA_VERSIONS)
    throw new FleetReportError(
      `${source} has schemaVersion ${JSON.stringify(version)}; this port-hygiene reads ` +
        `${ACCEPTED_SCHEMA_VERSIONS.join(' and ')}` +
        (newer ? ' (the report was written by a newer port-hygiene: update this one)' : '')
    )
  }
  const name =
    label ??
    (typeof report.repository === 'string' && report.repository ? report.repository : undefined)
  if (!name) {
    throw new FleetReportError(
      `${source} does not say which repository it belongs to: name it on the command line (shop=${source})`
    )
  }
  const model = asObject(report.model, source, 'model')
  const prefix = (file: string) => `${name}:${file}`
  const merged = emptyModel()
  for (const [index, item] of asArray(model.bindings, source, 'model.bindings').entries()) {
    const at = { source, path: `model.bindings[${index}]` }
    merged.bindings.push(toBinding(asObject(item, source, at.path), prefix, at))
  }
  for (const [index, item] of asArray(model.services, source, 'model.services').entries()) {
    const at = { source, path: `model.services[${index}]` }
    merged.services.push(toService(asObject(item, source, at.path), prefix, at))
  }
  for (const [index, item] of optionalArray(model.namespaces).entries()) {
    const at = { source, path: `model.namespaces[${index}]` }
    const namespace = asObject(item, source, at.path)
    if (typeof namespace.name !== 'string') continue
    const location = toLocation(optionalObject(namespace, 'location', at), prefix, {
      ...at,
      path: `${at.path}.location`
    })
    const range = optionalObject(namespace, 'portRange', at)
    const min = range?.min
    const max = range?.max
    merged.namespaces.push({
      name: namespace.name,
      location,
      annotations: stringRecord(namespace, 'annotations', at),
      ...(typeof min === 'number' && typeof max === 'number'
        ? { portRange: { min, max, location } }
        : {})
    })
  }
  for (const [index, item] of optionalArray(model.files).entries()) {
    const at = { source, path: `model.files[${index}]` }
    const file = asObject(item, source, at.path)
    if (typeof file.file !== 'string') continue
    const format = stringField(file, 'format', 'other', at)
    merged.files.push({
      file: prefix(file.file),
      format: format === 'kubernetes' || format === 'compose' ? format : 'other',
      documents: integerField(file, 'documents', 0, at)
    })
  }
  for (const [index, item] of optionalArray(model.composeProjects).entries()) {
    const at = { source, path: `model.composeProjects[${index}]` }
    const project = asObject(item, source, at.path)
    if (typeof project.name !== 'string' || !Array.isArray(project.files)) continue
    merged.composeProjects.push({
      name: project.name,
      files: stringArray(project, 'files', at).map(prefix)
    })
  }
  const tool = report.tool as { version?: unknown } | undefined
  return {
    label: name,
    source,
    schemaVersion: version,
    toolVersion: typeof tool?.version === 'string' ? tool.version : null,
    model: merged
  }
}

/** Where a value sits, for messages: the report file and the field path. */
interface At {
  source: string
  path: string
}

function invalid(at: At, key: string, what: string): FleetReportError {
  return new FleetReportError(
    `${at.source}: ${at.path}.${key} is not ${what}; is this a port-hygiene JSON report?`
  )
}

/** A string field; absent or null gives the fallback, anything else is refused, naming it. */
function stringField(item: Json, key: string, fallback: string, at: At): string {
  const value = item[key]
  if (value === undefined || value === null) return fallback
  if (typeof value === 'string') return value
  throw invalid(at, key, 'a string')
}

function integerField(item: Json, key: string, fallback: number, at: At): number {
  const value = item[key]
  if (value === undefined || value === null) return fallback
  if (typeof value === 'number' && Number.isInteger(value)) return value
  throw invalid(at, key, 'an integer')
}

function stringArray(item: Json, key: string, at: At): string[] {
  const value = item[key]
  if (value === undefined || value === null) return []
  if (Array.isArray(value) && value.every((each) => typeof each === 'string')) return value
  throw invalid(at, key, 'a list of strings')
}

/** A map of strings (labels, selectors, annotations), copied into a prototype-free object. */
function stringRecord(item: Json, key: string, at: At): Record<string, string> {
  const value = item[key]
  const record: Record<string, string> = Object.create(null) as Record<string, string>
  if (value === undefined || value === null) return record
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(at, key, 'a map of strings')
  for (const [name, each] of Object.entries(value as Json)) {
    if (typeof each !== 'string') throw invalid(at, `${key}.${name}`, 'a string')
    record[name] = each
  }
  return record
}

function optionalObject(item: Json, key: string, at: At): Json | undefined {
  const value = item[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'object' && !Array.isArray(value)) return value as Json
  throw invalid(at, key, 'an object')
}

function toLocation(
  item: Json | undefined,
  prefix: (file: string) => string,
  at: At
): SourceLocation {
  return {
    file: prefix(item ? stringField(item, 'file', '', at) : ''),
    line: item ? integerField(item, 'line', 1, at) : 1,
    column: item ? integerField(item, 'column', 1, at) : 1
  }
}

/** A positive integer: a line or a column. */
function positiveField(item: Json, key: string, at: At): number | undefined {
  const value = item[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value
  throw invalid(at, key, 'a positive integer')
}

/**
 * Where a key of the item is written (`hostPortAt`: `{ line, column }`, in the item's file).
 * Reports of older releases have none: absent or null leaves it unset, and the rules point at
 * the item, as they do for a key the scan did not find. A value that is there must be whole.
 */
function toPosition(
  item: Json,
  key: string,
  itemLocation: SourceLocation,
  at: At
): SourceLocation | undefined {
  const position = optionalObject(item, key, at)
  if (!position) return undefined
  const where = { ...at, path: `${at.path}.${key}` }
  const line = positiveField(position, 'line', where)
  const column = positiveField(position, 'column', where)
  if (line === undefined) throw invalid(where, 'line', 'a positive integer')
  if (column === undefined) throw invalid(where, 'column', 'a positive integer')
  const location: SourceLocation = { file: itemLocation.file, line, column }
  const endLine = positiveField(position, 'endLine', where)
  const endColumn = positiveField(position, 'endColumn', where)
  if (endLine !== undefined) location.endLine = endLine
  if (endColumn !== undefined) location.endColumn = endColumn
  return location
}

function toObject(item: Json, prefix: (file: string) => string, parent: At): ObjectRef {
  const at = { ...parent, path: `${parent.path}.object` }
  const object = optionalObject(item, 'object', parent) ?? {}
  if (object.format === 'compose') {
    return {
      format: 'compose',
      project: stringField(object, 'project', '', at),
      service: stringField(object, 'service', '', at),
      projectFile: prefix(stringField(object, 'projectFile', '', at))
    }
  }
  return {
    format: 'kubernetes',
    kind: stringField(object, 'kind', '', at),
    namespace: stringField(object, 'namespace', '', at),
    name: stringField(object, 'name', '', at)
  }
}

function toRange(item: Json, key: string, at: At): PortRange | undefined {
  const range = optionalObject(item, key, at)
  if (!range) return undefined
  const where = { ...at, path: `${at.path}.${key}` }
  const start = integerField(range, 'start', Number.NaN, where)
  const end = integerField(range, 'end', Number.NaN, where)
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : { start, end }
}

const CONTAINER_KINDS: readonly ContainerKind[] = [
  'container',
  'initContainer',
  'sidecar',
  'ephemeralContainer'
]

function toBinding(item: Json, prefix: (file: string) => string, at: At): PortBinding {
  const containerKind = stringField(item, 'containerKind', 'container', at)
  const location = toLocation(item, prefix, at)
  const binding: PortBinding = {
    format: item.format === 'compose' ? 'compose' : 'kubernetes',
    location,
    object: toObject(item, prefix, at),
    container: stringField(item, 'container', '', at),
    containerKind: (CONTAINER_KINDS as readonly string[]).includes(containerKind)
      ? (containerKind as ContainerKind)
      : 'container',
    hostIP: stringField(item, 'hostIP', '', at),
    protocol: stringField(item, 'protocol', 'tcp', at).toLowerCase(),
    hostNetwork: item.hostNetwork === true,
    addedCapabilities: stringArray(item, 'addedCapabilities', at)
  }
  const hostPort = toRange(item, 'hostPort', at)
  const containerPort = toRange(item, 'containerPort', at)
  if (hostPort) binding.hostPort = hostPort
  if (containerPort) binding.containerPort = containerPort
  const hostPortLocation = toPosition(item, 'hostPortAt', location, at)
  const containerPortLocation = toPosition(item, 'containerPortAt', location, at)
  if (hostPortLocation) binding.hostPortLocation = hostPortLocation
  if (containerPortLocation) binding.containerPortLocation = containerPortLocation
  const name = stringField(item, 'name', '', at)
  if (name) binding.name = name
  if (item.unresolved === true) binding.unresolved = true
  const profiles = stringArray(item, 'profiles', at)
  if (profiles.length > 0) binding.profiles = profiles
  return binding
}

function toService(item: Json, prefix: (file: string) => string, at: At): ServicePort {
  const location = toLocation(item, prefix, at)
  const service: ServicePort = {
    location,
    object: toObject(item, prefix, at) as ServicePort['object'],
    serviceType: stringField(item, 'serviceType', 'ClusterIP', at),
    protocol: stringField(item, 'protocol', 'TCP', at),
    selector: stringRecord(item, 'selector', at)
  }
  const port = integerField(item, 'port', Number.NaN, at)
  if (!Number.isNaN(port)) service.port = port
  const targetPort = item.targetPort
  if (typeof targetPort === 'number' || typeof targetPort === 'string') {
    service.targetPort = targetPort
  } else if (targetPort !== undefined && targetPort !== null) {
    throw invalid(at, 'targetPort', 'a number or a name')
  }
  const nodePort = integerField(item, 'nodePort', Number.NaN, at)
  if (!Number.isNaN(nodePort)) service.nodePort = nodePort
  const portLocation = toPosition(item, 'portAt', location, at)
  const targetPortLocation = toPosition(item, 'targetPortAt', location, at)
  const nodePortLocation = toPosition(item, 'nodePortAt', location, at)
  if (portLocation) service.portLocation = portLocation
  if (targetPortLocation) service.targetPortLocation = targetPortLocation
  if (nodePortLocation) service.nodePortLocation = nodePortLocation
  const name = stringField(item, 'name', '', at)
  if (name) service.name = name
  return service
}

/**
 * A JSON file that is something else than a scan report: said plainly, with what to pass
 * instead (the error a schemaVersion check would give is no help).
 */
function refuseOtherJson(report: Json, source: string): void {
  const isSarif =
    Array.isArray(report.runs) &&
    (report.version === '2.1.0' || /sarif/i.test(String(report.$schema ?? '')))
  const instead = "pass the JSON report (--format json, or the action's report-file output)"
  if (isSarif) {
    throw new FleetReportError(
      `${source} is a SARIF file, not a port-hygiene JSON report: ${instead}`
    )
  }
  if (Array.isArray(report.ports) && report.ianaSource !== undefined) {
    throw new FleetReportError(
      `${source} is a port inventory (inventory --format json), not a scan report: ${instead}`
    )
  }
  const tool = report.tool as { name?: unknown } | undefined
  if (report.schemaVersion === undefined || tool?.name !== 'port-hygiene') {
    throw new FleetReportError(`${source} is not a port-hygiene JSON report: ${instead}`)
  }
}

function asObject(value: unknown, source: string, what: string): Json {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json
  throw new FleetReportError(
    `${source}: ${what} is not an object; is this a port-hygiene JSON report?`
  )
}

function asArray(value: unknown, source: string, what: string): unknown[] {
  if (Array.isArray(value)) return value
  throw new FleetReportError(`${source}: ${what} is missing; is this a port-hygiene JSON report?`)
}

function optionalArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
