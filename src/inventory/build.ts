// The port inventory: one row per declared port of every workload container, Service and Compose
// service, with what the port is for. Built from the scan model only (no rule runs), so the table
// is the same whatever the config's severities say.
import {
  compareText,
  formatRange,
  type ExposedPort,
  type ObjectRef,
  type PortBinding,
  type PurposeComment,
  type ScanModel,
  type ServicePort,
  type SourceLocation
} from '../model.js'
import iana from './iana-services.json' with { type: 'json' }

/** Where a row's purpose came from, in the order they are tried. */
export type PurposeSource = 'annotation' | 'comment' | 'iana' | 'port-name'

export interface InventoryScope {
  /** `dev-cluster`: a kind or k3d config's host ports (src/extract/dev-cluster/). */
  kind: 'namespace' | 'compose-project' | 'dev-cluster'
  /** '' for Kubernetes objects that set no namespace; `kind dev`, `k3d dev` for a dev cluster. */
  name: string
}

export interface InventoryRow {
  scope: InventoryScope
  /**
   * `Deployment web`, `Service web`, `service web` (Compose); a custom resource with its API
   * group, as kubectl names it: `Service.serving.knative.dev hello`.
   */
  object: string
  container: string | null
  portName: string | null
  /** A workload's or Compose service's port: a number or a range (`8000-8010`). */
  containerPort: string | null
  hostPort: string | null
  hostIP: string | null
  servicePort: number | null
  /** A Service's `targetPort` (a number or a port name); its `port` when none is written. */
  targetPort: string | null
  nodePort: number | null
  /** A Compose `expose:` entry: reachable from the project's other services, never the host. */
  exposeOnly: boolean
  /** Upper-case: TCP, UDP, SCTP. */
  protocol: string
  purpose: string | null
  purposeSource: PurposeSource | null
  file: string
  line: number
}

export const IANA_SOURCE: string = iana.source

const IANA_BY_PORT = new Map<string, { name: string; description: string }>()
for (const service of iana.services) {
  for (const protocol of service.protocols) IANA_BY_PORT.set(`${service.port}/${protocol}`, service)
}

export function buildInventory(model: ScanModel): InventoryRow[] {
  const comments = commentsByLine(model.purposeComments)
  const rows = [
    ...model.bindings.map((binding) => bindingRow(binding, comments)),
    ...model.services.map((service) => serviceRow(service, comments)),
    ...model.exposedPorts.map((exposed) => exposedRow(exposed, comments))
  ]
  return rows.sort(compareRows)
}

function bindingRow(binding: PortBinding, comments: CommentIndex): InventoryRow {
  const containerPort = binding.containerPort ? formatRange(binding.containerPort) : null
  const hostPort = binding.hostPort
    ? formatRange(binding.hostPort)
    : binding.unresolved
      ? '(unresolved)'
      : binding.hostNetwork && containerPort
        ? `${containerPort} (host network)`
        : null
  const protocol = binding.protocol.toUpperCase()
  const purpose = resolvePurpose({
    object: binding.object,
    portName: binding.name,
    locations: [binding.location, binding.hostPortLocation, binding.containerPortLocation],
    port:
      binding.containerPort?.start === binding.containerPort?.end
        ? binding.containerPort?.start
        : undefined,
    protocol,
    comments
  })
  return {
    scope: scopeOf(binding.object),
    object: objectName(binding.object),
    container: binding.format === 'kubernetes' ? binding.container : null,
    portName: binding.name ?? null,
    containerPort,
    hostPort,
    hostIP: binding.hostIP || null,
    servicePort: null,
    targetPort: null,
    nodePort: null,
    exposeOnly: false,
    protocol,
    ...purpose,
    file: binding.location.file,
    line: binding.location.line
  }
}

function serviceRow(service: ServicePort, comments: CommentIndex): InventoryRow {
  const protocol = service.protocol.toUpperCase()
  const target = service.targetPort ?? service.port
  const purpose = resolvePurpose({
    object: service.object,
    portName: service.name,
    locations: [
      service.location,
      service.portLocation,
      service.targetPortLocation,
      service.nodePortLocation
    ],
    port: typeof target === 'number' ? target : service.port,
    protocol,
    comments
  })
  return {
    scope: scopeOf(service.object),
    object: objectName(service.object),
    container: null,
    portName: service.name ?? null,
    containerPort: null,
    hostPort: null,
    hostIP: null,
    servicePort: service.port ?? null,
    targetPort: target === undefined ? null : String(target),
    nodePort: service.nodePort ?? null,
    exposeOnly: false,
    protocol,
    ...purpose,
    file: service.location.file,
    line: service.location.line
  }
}

function exposedRow(exposed: ExposedPort, comments: CommentIndex): InventoryRow {
  const protocol = exposed.protocol.toUpperCase()
  const single = exposed.ports.start === exposed.ports.end ? exposed.ports.start : undefined
  const purpose = resolvePurpose({
    object: exposed.object,
    portName: undefined,
    locations: [exposed.location],
    port: single,
    protocol,
    comments
  })
  return {
    scope: scopeOf(exposed.object),
    object: objectName(exposed.object),
    container: null,
    portName: null,
    containerPort: formatRange(exposed.ports),
    hostPort: null,
    hostIP: null,
    servicePort: null,
    targetPort: null,
    nodePort: null,
    exposeOnly: true,
    protocol,
    ...purpose,
    file: exposed.location.file,
    line: exposed.location.line
  }
}

function scopeOf(object: ObjectRef): InventoryScope {
  if (object.format === 'kubernetes') return { kind: 'namespace', name: object.namespace }
  const cluster = object.devCluster
  if (cluster) return { kind: 'dev-cluster', name: `${cluster.tool} ${cluster.cluster}` }
  return { kind: 'compose-project', name: object.project }
}

function objectName(object: ObjectRef): string {
  // A dev cluster's rows are its nodes (`node control-plane`) or its API server.
  if (object.format === 'compose' && object.devCluster) return object.service
  if (object.format === 'compose') return `service ${object.service}`
  return `${object.kind}${object.apiGroup ? `.${object.apiGroup}` : ''} ${object.name}`
}

// ---------------------------------------------------------------------------------------------
// Purpose

type CommentIndex = Map<string, PurposeComment>

function commentsByLine(comments: readonly PurposeComment[]): CommentIndex {
  const index: CommentIndex = new Map()
  for (const comment of comments) {
    index.set(`${comment.location.file}:${comment.location.line}`, comment)
  }
  return index
}

interface PurposeQuery {
  object: ObjectRef
  portName: string | undefined
  /** The port entry and its parts: a `# purpose:` comment on any of their lines counts. */
  locations: Array<SourceLocation | undefined>
  port: number | undefined
  protocol: string
  comments: CommentIndex
}

/** Annotation, then a `# purpose:` comment, then the IANA service name, then the port name. */
function resolvePurpose(query: PurposeQuery): {
  purpose: string | null
  purposeSource: PurposeSource | null
} {
  const annotated =
    query.object.format === 'kubernetes' && query.object.purpose
      ? purposeForPort(query.object.purpose, query.portName)
      : undefined
  if (annotated) return { purpose: annotated, purposeSource: 'annotation' }
  const comment = commentOn(query.locations, query.comments)
  if (comment) return { purpose: comment.text, purposeSource: 'comment' }
  const service =
    query.port === undefined
      ? undefined
      : IANA_BY_PORT.get(`${query.port}/${query.protocol.toLowerCase()}`)
  if (service)
    return { purpose: `${service.description} (IANA: ${service.name})`, purposeSource: 'iana' }
  if (query.portName) return { purpose: query.portName, purposeSource: 'port-name' }
  return { purpose: null, purposeSource: null }
}

function commentOn(
  locations: Array<SourceLocation | undefined>,
  comments: CommentIndex
): PurposeComment | undefined {
  for (const location of locations) {
    if (!location) continue
    const last = location.endLine ?? location.line
    for (let line = location.line; line <= last; line++) {
      const comment = comments.get(`${location.file}:${line}`)
      if (comment) return comment
    }
  }
  return undefined
}

/**
 * `port-hygiene/purpose: "public storefront"` is the purpose of every port of the object;
 * `"http=public storefront, metrics=Prometheus scrape"` names one per port. Pairs are separated
 * by commas, semicolons or new lines; a piece without `name=` continues the text before it, so a
 * purpose may contain commas.
 */
export function purposeForPort(
  annotation: string,
  portName: string | undefined
): string | undefined {
  const pieces = annotation.split(/[,;\n]/)
  const pair = /^\s*([a-z0-9]([-a-z0-9]*[a-z0-9])?)\s*=\s*(.*)$/i
  if (!pair.test(pieces[0] ?? '')) return annotation.trim() || undefined
  const byName = new Map<string, string>()
  let current: string | undefined
  for (const piece of pieces) {
    const match = pair.exec(piece)
    if (match) {
      current = match[1]!
      byName.set(current, match[3]!.trim())
    } else if (current !== undefined && piece.trim() !== '') {
      byName.set(current, `${byName.get(current)}, ${piece.trim()}`)
    }
  }
  return portName === undefined ? undefined : byName.get(portName) || undefined
}

// ---------------------------------------------------------------------------------------------
// Order: scope, object, container, then the port; file and line last, so the order is stable.

const SCOPE_KIND_ORDER: Record<InventoryScope['kind'], number> = {
  namespace: 0,
  'compose-project': 1,
  'dev-cluster': 2
}

export function compareScopes(a: InventoryScope, b: InventoryScope): number {
  return SCOPE_KIND_ORDER[a.kind] - SCOPE_KIND_ORDER[b.kind] || compareText(a.name, b.name)
}

function compareRows(a: InventoryRow, b: InventoryRow): number {
  return (
    compareScopes(a.scope, b.scope) ||
    compareText(a.object, b.object) ||
    compareText(a.container ?? '', b.container ?? '') ||
    portNumber(a) - portNumber(b) ||
    compareText(a.protocol, b.protocol) ||
    Number(a.exposeOnly) - Number(b.exposeOnly) ||
    compareText(a.file, b.file) ||
    a.line - b.line
  )
}

function portNumber(row: InventoryRow): number {
  const first = Number.parseInt(
    row.servicePort !== null ? String(row.servicePort) : (row.containerPort ?? ''),
    10
  )
  return Number.isNaN(first) ? 0 : first
}
