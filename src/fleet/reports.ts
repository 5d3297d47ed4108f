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

/**
 * Report versions the fleet check reads. 1 is the first documented shape; 2 adds fields
 * (`conflicts`) and changes none of the model the fleet check reads.
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
  const version = report.schemaVersion
  if (
    typeof version !== 'number' ||
    !(ACCEPTED_SCHEMA_VERSIONS as readonly number[]).includes(version)
  ) {
    const newer = typeof version === 'number' && version > Math.max(...ACCEPTED_SCHEMA_VERSIONS)
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
    merged.bindings.push(toBinding(asObject(item, source, `model.bindings[${index}]`), prefix))
  }
  for (const [index, item] of asArray(model.services, source, 'model.services').entries()) {
    merged.services.push(toService(asObject(item, source, `model.services[${index}]`), prefix))
  }
  for (const item of optionalArray(model.namespaces)) {
    const namespace = item as Json
    if (typeof namespace.name !== 'string') continue
    const location = toLocation(namespace.location as Json, prefix)
    const range = namespace.portRange as { min?: unknown; max?: unknown } | null
    merged.namespaces.push({
      name: namespace.name,
      location,
      annotations: (namespace.annotations as Record<string, string>) ?? {},
      ...(range && typeof range.min === 'number' && typeof range.max === 'number'
        ? { portRange: { min: range.min, max: range.max, location } }
        : {})
    })
  }
  for (const item of optionalArray(model.files)) {
    const file = item as Json
    if (typeof file.file !== 'string') continue
    merged.files.push({
      file: prefix(file.file),
      format: (file.format as 'kubernetes' | 'compose' | 'other') ?? 'other',
      documents: typeof file.documents === 'number' ? file.documents : 0
    })
  }
  for (const item of optionalArray(model.composeProjects)) {
    const project = item as { name?: unknown; files?: unknown }
    if (typeof project.name !== 'string' || !Array.isArray(project.files)) continue
    merged.composeProjects.push({
      name: project.name,
      files: project.files.map(String).map(prefix)
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

function toLocation(item: Json | undefined, prefix: (file: string) => string): SourceLocation {
  return {
    file: prefix(String(item?.file ?? '')),
    line: Number(item?.line ?? 1),
    column: Number(item?.column ?? 1)
  }
}

function toObject(value: unknown, prefix: (file: string) => string): ObjectRef {
  const object = (value ?? {}) as Json
  if (object.format === 'compose') {
    return {
      format: 'compose',
      project: String(object.project ?? ''),
      service: String(object.service ?? ''),
      projectFile: prefix(String(object.projectFile ?? ''))
    }
  }
  return {
    format: 'kubernetes',
    kind: String(object.kind ?? ''),
    namespace: String(object.namespace ?? ''),
    name: String(object.name ?? '')
  }
}

function toRange(value: unknown): PortRange | undefined {
  const range = value as { start?: unknown; end?: unknown } | null
  return range && typeof range.start === 'number' && typeof range.end === 'number'
    ? { start: range.start, end: range.end }
    : undefined
}

function toBinding(item: Json, prefix: (file: string) => string): PortBinding {
  const binding: PortBinding = {
    format: item.format === 'compose' ? 'compose' : 'kubernetes',
    location: toLocation(item, prefix),
    object: toObject(item.object, prefix),
    container: String(item.container ?? ''),
    containerKind: (item.containerKind as ContainerKind) ?? 'container',
    hostIP: String(item.hostIP ?? ''),
    protocol: String(item.protocol ?? 'tcp').toLowerCase(),
    hostNetwork: item.hostNetwork === true,
    addedCapabilities: Array.isArray(item.addedCapabilities)
      ? item.addedCapabilities.map(String)
      : []
  }
  const hostPort = toRange(item.hostPort)
  const containerPort = toRange(item.containerPort)
  if (hostPort) binding.hostPort = hostPort
  if (containerPort) binding.containerPort = containerPort
  if (typeof item.name === 'string') binding.name = item.name
  if (item.unresolved === true) binding.unresolved = true
  if (Array.isArray(item.profiles)) binding.profiles = item.profiles.map(String)
  return binding
}

function toService(item: Json, prefix: (file: string) => string): ServicePort {
  const service: ServicePort = {
    location: toLocation(item, prefix),
    object: toObject(item.object, prefix) as ServicePort['object'],
    serviceType: String(item.serviceType ?? 'ClusterIP'),
    protocol: String(item.protocol ?? 'TCP'),
    selector: (item.selector as Record<string, string>) ?? {}
  }
  if (typeof item.port === 'number') service.port = item.port
  if (typeof item.targetPort === 'number' || typeof item.targetPort === 'string')
    service.targetPort = item.targetPort
  if (typeof item.nodePort === 'number') service.nodePort = item.nodePort
  if (typeof item.name === 'string') service.name = item.name
  return service
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
