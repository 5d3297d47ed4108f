// One service of one Compose file, read into a draft: its ports (parsed, with positions in the
// file they are written in), network mode, capabilities, profiles and replicas, each with the
// merge mode its YAML tag asks for. Drafts of several files are merged in merge.ts.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq
} from 'yaml'
import type { InvalidPort, PortRange, SourceLocation } from '../../model.js'
import {
  asMap,
  asSeq,
  get,
  isNullish,
  keyText,
  locate,
  mapPairs,
  resolve,
  type NodeContext
} from '../../parse/nodes.js'
import { ownItems, reachedThroughAlias, spend, type ComposeBudget } from './budget.js'
import { interpolate, type VariableLookup } from './interpolate.js'
import {
  parseLongPortSpec,
  parsePortNumber,
  parsePortRange,
  parseShortPortSpec,
  splitParts,
  splitProtoPort,
  unicityKey,
  type LongPortFields,
  type PortMapping
} from './ports.js'

/** One port of a service after parsing; `target` is unknown only when `unresolved`. */
export interface ComposePort {
  hostIP: string
  published?: PortRange
  target?: PortRange
  protocol: string
  mode: string
  name?: string
  location: SourceLocation
  hostPortLocation?: SourceLocation
  containerPortLocation?: SourceLocation
  raw: string
  interpolated: boolean
  unresolved: boolean
  /** What compose-go de-duplicates on (override/uncity.go). */
  unicityKey: string
  /** Short syntax written as a string scalar at the entry (see PortBinding.scalarStyle). */
  scalarStyle?: 'plain' | 'quoted'
  /** Identical entries collapsed into this one (see PortBinding.alsoWrittenAt). */
  alsoWrittenAt?: SourceLocation[]
  hostIPFromVariable?: boolean
  /** The `ports:` key through the end of its list. */
  portsLocation?: SourceLocation
}

/**
 * How a value in a later file combines with the earlier one: Compose merges by default, and the
 * `!reset` / `!override` tags (compose-spec "merge" docs) drop or replace the inherited value.
 */
export type MergeMode = 'merge' | 'reset' | 'override'

/** A value from one file; `value` is undefined for `!reset` (the key is dropped). */
export interface DraftField<T> {
  value?: T
  mode: MergeMode
  /** Where the value is written (scalars only): findings about it point here. */
  location?: SourceLocation
}

/** One `expose:` entry: `"3000"`, `"8000-8010"`, `"53/udp"` or a number. */
export interface ExposedEntry {
  location: SourceLocation
  ports: PortRange
  protocol: string
}

export interface ServiceDraft {
  ports?: DraftField<ComposePort[]>
  expose?: DraftField<ExposedEntry[]>
  networkMode?: DraftField<string>
  /** `user:` as written after interpolation (`1000`, `1000:1000`, `nobody`, `root`). */
  user?: DraftField<string>
  capAdd?: DraftField<string[]>
  profiles?: DraftField<string[]>
  scale?: DraftField<number>
  replicas?: DraftField<number>
  swarmDeploy?: DraftField<boolean>
  /**
   * The service has an `image` or a `build`: it can be started. A file none of whose services
   * can (after merging) is an overlay for another file, not a project of its own.
   */
  runnable?: DraftField<boolean>
  /** `image:` after interpolation: which software listens (unbound-interface's dangerous list). */
  image?: DraftField<string>
}

/** Where a file's port problems go; `service` names the service they belong to. */
export type InvalidPortSink = (invalid: Omit<InvalidPort, 'object'>, service: string) => void

/** The size limit of interpolated values, and where a value past it is reported. */
export interface ValueGuard {
  maxLength: number
  tooLarge(location: SourceLocation): void
}

export interface ServiceReader {
  ctx: NodeContext
  lookup: VariableLookup
  report: InvalidPortSink
  guard?: ValueGuard
  /** The file's expansion budget, and whether this service is reached through an alias. */
  expansion?: { budget: ComposeBudget; aliased: boolean }
}

/** Interpolation with the guard's limit; a value past it is reported and comes back unresolved. */
function interpolateGuarded(
  template: string,
  where: () => SourceLocation,
  reader: Pick<ServiceReader, 'ctx' | 'lookup' | 'guard'>,
  placeholder?: string
): ReturnType<typeof interpolate> {
  const result = interpolate(template, reader.lookup, {
    ...(placeholder !== undefined ? { placeholder } : {}),
    ...(reader.guard ? { maxLength: reader.guard.maxLength } : {})
  })
  if (result.tooLarge) reader.guard?.tooLarge(where())
  return result
}

const UNKNOWN = '\u0000'

export function readServiceDraft(
  name: string,
  serviceNode: unknown,
  reader: ServiceReader
): ServiceDraft {
  const service = asMap(serviceNode, reader.ctx)
  if (!service) return {}
  const { expansion } = reader
  if (expansion?.aliased) spend(expansion.budget, 1, () => locate(serviceNode, reader.ctx))
  const own = expansion ? ownItems(service) : undefined
  const draft: ServiceDraft = {}
  for (const pair of mapPairs(service, reader.ctx)) {
    const key = keyText(pair.key)
    const mode = mergeModeOf(pair.value, reader.ctx)
    if (key === 'ports') {
      const aliased = !!expansion && (expansion.aliased || reachedThroughAlias(own!, pair))
      draft.ports = field(
        mode === 'reset' ? [] : readPorts(pair, name, reader, service.flow === true, aliased),
        mode
      )
    } else if (key === 'expose') {
      draft.expose = field(mode === 'reset' ? [] : readExpose(pair.value, reader), mode)
    } else if (key === 'network_mode')
      setField(
        draft,
        'networkMode',
        readString(pair.value, reader),
        mode,
        locate(pair.value, reader.ctx)
      )
    else if (key === 'user') setField(draft, 'user', readString(pair.value, reader), mode)
    else if (key === 'cap_add') draft.capAdd = field(readCapabilities(pair.value, reader), mode)
    else if (key === 'profiles') draft.profiles = field(readStringList(pair.value, reader), mode)
    else if (key === 'scale')
      setField(draft, 'scale', readCount(pair.value, reader), mode, locate(pair.value, reader.ctx))
    else if (key === 'deploy') readDeploy(draft, pair.value, mode, reader)
    // `image` names the software (unbound-interface's dangerous list); it or `build` makes the
    // service runnable.
    if (key === 'image') setField(draft, 'image', readString(pair.value, reader), mode)
    if (key === 'image' || key === 'build')
      draft.runnable = mode === 'reset' ? { mode } : field(true, mode)
  }
  return draft
}

/** `!reset` and `!override` may sit on the value itself or on the node an alias points to. */
function mergeModeOf(node: unknown, ctx: NodeContext): MergeMode {
  const tags = [(node as Node | undefined)?.tag, resolve(node, ctx)?.tag]
  if (tags.includes('!reset')) return 'reset'
  if (tags.includes('!override')) return 'override'
  return 'merge'
}

function field<T>(value: T, mode: MergeMode): DraftField<T> {
  return { value, mode }
}

function setField<K extends 'networkMode' | 'user' | 'scale' | 'replicas' | 'image'>(
  draft: ServiceDraft,
  key: K,
  value: NonNullable<ServiceDraft[K]>['value'],
  mode: MergeMode,
  location?: SourceLocation
): void {
  if (mode === 'reset') draft[key] = { mode }
  else if (value !== undefined)
    draft[key] = { value, mode, ...(location ? { location } : {}) } as ServiceDraft[K]
}

function readDeploy(
  draft: ServiceDraft,
  node: unknown,
  mode: MergeMode,
  reader: ServiceReader
): void {
  if (mode === 'reset') {
    draft.replicas = { mode }
    return
  }
  const deploy = asMap(node, reader.ctx)
  if (deploy && isSwarmDeploy(deploy, reader)) draft.swarmDeploy = { value: true, mode }
  const replicas = deploy ? get(deploy, 'replicas', reader.ctx) : undefined
  if (replicas === undefined) return
  setField(
    draft,
    'replicas',
    readCount(replicas, reader),
    mergeModeOf(replicas, reader.ctx),
    locate(replicas, reader.ctx)
  )
}

/**
 * `deploy` keys only Swarm acts on (`docker stack deploy`); Compose ignores them. A service
 * written with them is meant for a Swarm stack, where published ports go through the routing
 * mesh and replicas do not compete for them.
 */
const SWARM_DEPLOY_KEYS = ['placement', 'update_config', 'rollback_config', 'endpoint_mode']

function isSwarmDeploy(deploy: YAMLMap, reader: ServiceReader): boolean {
  if (SWARM_DEPLOY_KEYS.some((key) => get(deploy, key, reader.ctx) !== undefined)) return true
  return readString(get(deploy, 'mode', reader.ctx), reader) === 'global'
}

/** A scalar as text after interpolation; undefined when absent, not a scalar, malformed or unresolved. */
export function readString(
  node: unknown,
  reader: Pick<ServiceReader, 'ctx' | 'lookup' | 'guard'>
): string | undefined {
  const resolved = resolve(node, reader.ctx)
  if (!isScalar(resolved) || resolved.value === null || resolved.value === undefined)
    return undefined
  if (typeof resolved.value !== 'string') return String(resolved.value)
  const result = interpolateGuarded(resolved.value, () => locate(resolved, reader.ctx), reader)
  return result.error || result.unresolved ? undefined : result.value
}

function readStringList(node: unknown, reader: ServiceReader): string[] {
  const seq = asSeq(node, reader.ctx)
  if (!seq) return []
  const values: string[] = []
  for (const item of seq.items) {
    const value = readString(item, reader)
    if (value !== undefined && value !== '') values.push(value)
  }
  return values
}

/** Capability names as the engine takes them: case-insensitive, `CAP_` optional. */
function readCapabilities(node: unknown, reader: ServiceReader): string[] {
  return readStringList(node, reader).map((name) => name.toUpperCase().replace(/^CAP_/, ''))
}

/**
 * `expose:` entries Compose accepts (`port[-port][/protocol]`, after interpolation); one that
 * stays unknown or does not parse is left out (it publishes nothing, so no rule reads it).
 */
function readExpose(node: unknown, reader: ServiceReader): ExposedEntry[] {
  const seq = asSeq(node, reader.ctx)
  if (!seq) return []
  const entries: ExposedEntry[] = []
  for (const item of seq.items) {
    const text = readString(item, reader)?.trim()
    if (!text) continue
    const { port, proto } = splitProtoPort(text)
    const range = parsePortRange(port)
    if (!range.ok || !/^(tcp|udp|sctp)$/i.test(proto)) continue
    entries.push({
      location: locate(item, reader.ctx),
      ports: range.range,
      protocol: proto.toLowerCase()
    })
  }
  return entries
}

function readCount(node: unknown, reader: ServiceReader): number | undefined {
  const text = readString(node, reader)
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined
  return Number(text.trim())
}

/**
 * Where a block list's content ends: its last item's end. The list's own range does not say the
 * same on both readers: after an empty item below a comment (`- x` / `# c` / `-`) the `yaml`
 * package ends the list at the next key's first character, the block loader at the `-` line, and
 * the host-network-ports fix removed the next key on one path only. A flow list ends at `]`.
 */
function listEnd(list: YAMLSeq): { range?: [number, number, number] } {
  const last = list.items.at(-1) as { range?: [number, number, number] } | null | undefined
  if (list.flow || !last?.range) return list as { range?: [number, number, number] }
  return { range: [last.range[0], last.range[1], last.range[1]] }
}

function readPorts(
  pair: Pair,
  service: string,
  reader: ServiceReader,
  inFlowMap: boolean,
  aliased: boolean
): ComposePort[] {
  const value = resolve(pair.value, reader.ctx)
  if (isNullish(value)) return []
  if (!isSeq(value)) {
    const raw = isScalar(value) ? String(value.value) : 'a map'
    reader.report(
      {
        location: locate(value, reader.ctx),
        value: raw,
        message: `ports must be a list, not ${raw}`
      },
      service
    )
    return []
  }
  const key = locate(pair.key, reader.ctx)
  const end = locate(listEnd(value), reader.ctx)
  // In a block map the key and its list are whole lines; in a flow map (`{ ports: [...] }`) they
  // share lines with other keys, so no end is given (nothing may remove "the lines").
  const portsLocation = inFlowMap
    ? { file: key.file, line: key.line, column: key.column }
    : { ...key, endLine: end.endLine, endColumn: end.endColumn }
  const ports: ComposePort[] = []
  for (const item of value.items) {
    const read = readPortItem(item, service, reader)
    // An entry reached through an alias costs what it expands to (a range is several ports).
    if (aliased || isAlias(item))
      spend(reader.expansion?.budget, Math.max(1, read.length), () => locate(item, reader.ctx))
    for (const port of read) ports.push({ ...port, portsLocation })
  }
  return ports
}

function readPortItem(item: unknown, service: string, reader: ServiceReader): ComposePort[] {
  // The entry as written (an alias points here, not at its anchor): findings go to this line.
  const location = locate(item, reader.ctx)
  const node = resolve(item, reader.ctx)
  const fail = (raw: string, message: string): ComposePort[] => {
    reader.report({ location, value: raw, message }, service)
    return []
  }
  if (isMap(node)) return readLongPort(node, location, service, reader)
  if (!isScalar(node))
    return fail(String(node ?? ''), 'invalid type for port: expected a string, a number or a map')
  const value = node.value
  if (typeof value === 'number') {
    // compose-go accepts an integer and parses its decimal form; a float is a type error.
    if (!Number.isInteger(value))
      return fail(String(value), `invalid type float for port: ${value}`)
    return shortPorts(String(value), String(value), location, service, reader)
  }
  if (typeof value !== 'string')
    return fail(String(value), `invalid type for port: ${String(value)}`)
  const ports = shortPorts(value, value, location, service, reader)
  // The written form matters to YAML 1.1 readers (unquoted-port); an alias points elsewhere.
  if (item !== node) return ports
  const scalarStyle = node.type === 'PLAIN' ? 'plain' : 'quoted'
  return ports.map((port) => ({ ...port, scalarStyle }))
}

function shortPorts(
  written: string,
  template: string,
  location: SourceLocation,
  service: string,
  reader: ServiceReader
): ComposePort[] {
  const text = interpolateGuarded(template, () => location, reader, UNKNOWN)
  const common = {
    location,
    raw: written,
    interpolated: text.interpolated,
    // A host IP from a variable is a choice the operator makes per environment: bound.
    ...(hostIPIsVariable(written) ? { hostIPFromVariable: true } : {})
  }
  if (text.error) {
    reader.report({ location, value: written, message: text.error }, service)
    return []
  }
  if (text.unresolved) return [unresolvedShortPort(text.value, common)]
  const parsed = parseShortPortSpec(text.value)
  if (!parsed.ok) {
    reader.report(
      { location, value: written, message: portMessage(written, text.value, parsed.error) },
      service
    )
    return []
  }
  return parsed.mappings.map((mapping) => ({
    ...toComposePort(mapping),
    ...common,
    unresolved: false
  }))
}

/**
 * Whether the IP part of a short spec is written with a variable. Variables are masked first: a
 * default such as `${WEB_PORT:-8080}` holds a colon that is not a separator of the spec.
 */
function hostIPIsVariable(written: string): boolean {
  const masked = written.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '\u0001')
  return splitParts(masked).ip.includes('\u0001')
}

function portMessage(written: string, interpolated: string, error: string): string {
  return written === interpolated ? error : `${error} (from "${written}")`
}

function toComposePort(
  mapping: PortMapping
): Omit<ComposePort, 'location' | 'raw' | 'interpolated' | 'unresolved'> {
  return { ...mapping, unicityKey: unicityKey(mapping) }
}

/**
 * A short spec with an unknown variable: keep the parts that do not depend on it (so a reader of
 * the model still sees `:80`), leave the others undefined, and never report it.
 */
function unresolvedShortPort(
  text: string,
  common: Pick<ComposePort, 'location' | 'raw' | 'interpolated' | 'hostIPFromVariable'>
): ComposePort {
  const parts = splitParts(text)
  const { port, proto } = splitProtoPort(parts.containerPort)
  const known = (part: string) => !part.includes(UNKNOWN)
  const rangeOf = (part: string) => {
    if (!known(part) || part === '') return undefined
    const range = parsePortRange(part)
    return range.ok ? range.range : undefined
  }
  const ip = known(parts.ip) ? parts.ip.replace(/^\[(.*)\]$/, '$1') : ''
  const published = rangeOf(parts.hostPort)
  const target = rangeOf(port)
  return {
    hostIP: ip,
    ...(published ? { published } : {}),
    ...(target ? { target } : {}),
    protocol: known(proto) && proto ? proto.toLowerCase() : 'tcp',
    mode: 'ingress',
    ...common,
    unresolved: true,
    unicityKey: `unresolved|${common.raw}`
  }
}

const LONG_FIELDS = ['target', 'published', 'host_ip', 'protocol', 'mode', 'name'] as const

function readLongPort(
  map: YAMLMap,
  location: SourceLocation,
  service: string,
  reader: ServiceReader
): ComposePort[] {
  const fields: LongPortFields = {}
  const nodes: Partial<Record<(typeof LONG_FIELDS)[number], Node>> = {}
  let interpolated = false
  let unresolved = false
  const unknownFields = new Set<string>()
  const written: string[] = []
  for (const pair of mapPairs(map, reader.ctx)) {
    const key = keyText(pair.key)
    const node = resolve(pair.value, reader.ctx)
    written.push(`${key}: ${writtenText(node)}`)
    if (!(LONG_FIELDS as readonly string[]).includes(key) || !isScalar(node)) continue
    nodes[key as (typeof LONG_FIELDS)[number]] = node
    const value = node.value
    if (value === null || value === undefined) continue
    if (typeof value === 'string') {
      const text = interpolateGuarded(value, () => locate(node, reader.ctx), reader, UNKNOWN)
      if (text.error) {
        reader.report({ location: locate(node, reader.ctx), value, message: text.error }, service)
        return []
      }
      interpolated ||= text.interpolated
      if (text.unresolved) {
        unresolved = true
        unknownFields.add(key)
        continue
      }
      ;(fields as Record<string, string | number>)[key] = text.value
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      ;(fields as Record<string, string | number>)[key] =
        typeof value === 'number' ? value : String(value)
    }
  }
  const raw = `{${written.join(', ')}}`
  const hostIPNode = nodes.host_ip
  const positions = {
    location,
    ...(isScalar(hostIPNode) && String(hostIPNode.value).includes('$')
      ? { hostIPFromVariable: true }
      : {}),
    ...(nodes.published ? { hostPortLocation: locate(nodes.published, reader.ctx) } : {}),
    ...(nodes.target ? { containerPortLocation: locate(nodes.target, reader.ctx) } : {})
  }
  if (unresolved)
    return [unresolvedLongPort(fields, unknownFields, { ...positions, raw, interpolated })]
  const parsed = parseLongPortSpec(fields)
  if (!parsed.ok) {
    reader.report({ location, value: raw, message: parsed.error }, service)
    return []
  }
  return parsed.mappings.map((mapping) => ({
    ...toComposePort(mapping),
    ...positions,
    raw,
    interpolated,
    unresolved: false
  }))
}

function writtenText(node: Node | undefined): string {
  if (isScalar(node)) return typeof node.source === 'string' ? node.source : String(node.value)
  return isMap(node) ? '{…}' : isSeq(node) ? '[…]' : ''
}

function unresolvedLongPort(
  fields: LongPortFields,
  unknownFields: Set<string>,
  common: Pick<
    ComposePort,
    | 'location'
    | 'hostPortLocation'
    | 'containerPortLocation'
    | 'raw'
    | 'interpolated'
    | 'hostIPFromVariable'
  >
): ComposePort {
  const numberRange = (value: string | number | undefined) => {
    if (value === undefined) return undefined
    const range = parsePortRange(String(value))
    return range.ok ? range.range : undefined
  }
  const target = parsePortNumber(String(fields.target ?? ''))
  const published = numberRange(fields.published)
  return {
    hostIP: unknownFields.has('host_ip') ? '' : (fields.host_ip ?? ''),
    ...(published ? { published } : {}),
    ...(target.ok ? { target: { start: target.value, end: target.value } } : {}),
    protocol: (fields.protocol ?? 'tcp').toLowerCase(),
    mode: fields.mode || 'ingress',
    ...(fields.name ? { name: fields.name } : {}),
    ...common,
    unresolved: true,
    unicityKey: `unresolved|${common.raw}`
  }
}
