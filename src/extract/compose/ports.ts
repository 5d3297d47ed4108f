// Compose port specs, parsed exactly as compose-go does it. Pure functions, no YAML here.
//
// Short syntax goes through compose-go `types.ParsePortConfig`, which calls docker/go-connections
// `nat.ParsePortSpecs`: split `ip:host:container/proto` on the LAST two colons (so bare IPv6
// hosts work), strip `[...]` around IPv6, validate the IP with `net.ParseIP`, parse both sides
// with `ParsePortRange`, and expand equal-length ranges into one mapping per port. A host range
// against a single container port stays ONE mapping whose published value is the range
// (`"80-82:8080"` → published "80-82", target 8080): the engine picks one free port from it.
// Long syntax is compose-go `transform/ports.go`: `published` may be a number, a string or a
// range; `mode` defaults to "ingress" and `protocol` to "tcp".
import { formatRange, type PortRange } from '../../model.js'
import { builtin } from '../../builtin.js'

/**
 * Whether a host IP is an address as Go's `net.ParseIP` (which compose-go and go-connections use)
 * decides it. `node:net`'s `isIP` agrees on every form (dotted IPv4 without leading zeros, IPv6
 * in any RFC 4291 text form, IPv4-mapped and other dotted tails included) but one: it takes an
 * IPv6 zone (`fe80::1%eth0`), which `net.ParseIP` refuses, so Compose rejects the port.
 * `node:net` is loaded on the first host IP (src/builtin.ts): most files have none.
 */
export function isHostIP(text: string): boolean {
  return !text.includes('%') && builtin('node:net').isIP(text) !== 0
}

/** One port mapping as Compose holds it after loading (one `ServicePortConfig`). */
export interface PortMapping {
  /** '' = every interface; IPv6 without brackets. */
  hostIP: string
  /** Undefined when unpublished (Compose picks an ephemeral host port). */
  published?: PortRange
  target: PortRange
  /** Lower-case, as compose-go stores it. */
  protocol: string
  mode: string
  name?: string
}

export type PortSpecResult = { ok: true; mappings: PortMapping[] } | { ok: false; error: string }

/** The protocols the engine accepts (go-connections `validateProto`). */
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp'])

/**
 * Ranges longer than this are kept as one mapping with paired ranges instead of one mapping
 * per port: `"1-65535:1-65535"` would otherwise make 65,535 bindings out of one line.
 */
export const MAX_EXPANDED_RANGE = 1024

const DEFAULT_MODE = 'ingress'

/** go-connections `splitParts`: the container port is after the last colon, the host port before it, the IP is the rest. */
export function splitParts(rawPort: string): {
  ip: string
  hostPort: string
  containerPort: string
} {
  const parts = rawPort.split(':')
  const n = parts.length
  const containerPort = parts[n - 1]!
  if (n === 1) return { ip: '', hostPort: '', containerPort }
  if (n === 2) return { ip: '', hostPort: parts[0]!, containerPort }
  return { ip: parts.slice(0, n - 2).join(':'), hostPort: parts[n - 2]!, containerPort }
}

/** go-connections `SplitProtoPort`: no validation, no case change; a missing protocol is tcp. */
export function splitProtoPort(rawPort: string): { port: string; proto: string } {
  const parts = rawPort.split('/')
  if (rawPort.length === 0 || parts[0]!.length === 0) return { port: '', proto: '' }
  if (parts.length === 1 || parts[1]!.length === 0) return { port: parts[0]!, proto: 'tcp' }
  return { port: parts[0]!, proto: parts[1]! }
}

type NumberResult = { ok: true; value: number } | { ok: false; error: string }

/**
 * go-connections `parsePortNumber`: Go `strconv.ParseInt(s, 10, 0)` (ASCII digits with an
 * optional sign, leading zeros allowed), then 0..65535.
 */
export function parsePortNumber(text: string): NumberResult {
  if (text === '') return { ok: false, error: 'value is empty' }
  if (!/^[+-]?\d+$/.test(text)) return { ok: false, error: 'invalid syntax' }
  const value = Number(text)
  if (value < 0 || value > 65535) return { ok: false, error: 'value out of range (0–65535)' }
  return { ok: true, value: value + 0 }
}

type RangeResult = { ok: true; range: PortRange } | { ok: false; error: string }

/**
 * go-connections `ParsePortRange`: `"80"`, `"80-90"` (split at the first dash); the end may not
 * be below the start. Error texts are go-connections' own.
 */
export function parsePortRange(text: string): RangeResult {
  if (text === '') return { ok: false, error: 'empty string specified for ports' }
  const dash = text.indexOf('-')
  const startText = dash === -1 ? text : text.slice(0, dash)
  const start = parsePortNumber(startText)
  if (!start.ok) return { ok: false, error: `invalid start port '${startText}': ${start.error}` }
  if (dash === -1) return { ok: true, range: { start: start.value, end: start.value } }
  const endText = text.slice(dash + 1)
  const end = parsePortNumber(endText)
  if (!end.ok) return { ok: false, error: `invalid end port '${endText}': ${end.error}` }
  if (end.value < start.value) return { ok: false, error: `invalid port range: ${text}` }
  return { ok: true, range: { start: start.value, end: end.value } }
}

/** go-connections strips `[...]` with `net.SplitHostPort(ip + ":")`; anything else bracketed is invalid. */
function stripBrackets(ip: string): string | undefined {
  if (!ip.startsWith('[')) return ip
  const inner = ip.slice(1, -1)
  if (!ip.endsWith(']') || inner.includes('[') || inner.includes(']')) return undefined
  return inner
}

function rangeLength(range: PortRange): number {
  return range.end - range.start
}

/**
 * Short syntax (`"[ip:][host:]container[/proto]"`, or a bare integer written as a string).
 * Error texts are compose-go's (types_test.go `TestParsePortConfig`).
 */
export function parseShortPortSpec(spec: string): PortSpecResult {
  const parts = splitParts(spec)
  const { port: containerText, proto } = splitProtoPort(parts.containerPort)
  const ip = stripBrackets(parts.ip)
  if (ip === undefined) return { ok: false, error: `Invalid ip address: ${parts.ip}` }
  if (ip !== '' && !isHostIP(ip)) return { ok: false, error: `Invalid ip address: ${ip}` }
  if (containerText === '') return { ok: false, error: `No port specified: ${spec}<empty>` }
  const target = parsePortRange(containerText)
  if (!target.ok) return { ok: false, error: `Invalid containerPort: ${containerText}` }
  let published: PortRange | undefined
  if (parts.hostPort !== '') {
    const host = parsePortRange(parts.hostPort)
    if (!host.ok) return { ok: false, error: `Invalid hostPort: ${parts.hostPort}` }
    published = host.range
  }
  // go-connections: a host range may differ in length only when the container side is one port.
  if (
    published &&
    rangeLength(published) !== rangeLength(target.range) &&
    rangeLength(target.range) !== 0
  ) {
    return {
      ok: false,
      error: `Invalid ranges specified for container and host Ports: ${containerText} and ${parts.hostPort}`
    }
  }
  const protocol = proto.toLowerCase()
  if (!PROTOCOLS.has(protocol)) return { ok: false, error: `Invalid proto: ${proto}` }
  return { ok: true, mappings: expandMappings(ip, published, target.range, protocol) }
}

/** One mapping per container port, as go-connections does; see MAX_EXPANDED_RANGE for the cap. */
function expandMappings(
  hostIP: string,
  published: PortRange | undefined,
  target: PortRange,
  protocol: string
): PortMapping[] {
  const count = target.end - target.start + 1
  if (count === 1 || count > MAX_EXPANDED_RANGE) {
    return [{ hostIP, ...(published ? { published } : {}), target, protocol, mode: DEFAULT_MODE }]
  }
  const mappings: PortMapping[] = []
  for (let offset = 0; offset < count; offset++) {
    const port = target.start + offset
    const host = published ? published.start + offset : undefined
    mappings.push({
      hostIP,
      ...(host === undefined ? {} : { published: { start: host, end: host } }),
      target: { start: port, end: port },
      protocol,
      mode: DEFAULT_MODE
    })
  }
  return mappings
}

/** Long-syntax fields after interpolation (YAML numbers stay numbers). */
export interface LongPortFields {
  target?: string | number
  published?: string | number
  host_ip?: string
  protocol?: string
  mode?: string
  name?: string
}

/**
 * Long syntax. compose-go casts an interpolated `target` to an integer and turns an integer
 * `published` into a string; a published range is kept as one mapping. The engine rejects what
 * fails here (missing or non-integer target, bad published range, bad host_ip, bad protocol).
 */
export function parseLongPortSpec(fields: LongPortFields): PortSpecResult {
  const protocol = (fields.protocol ?? 'tcp').toLowerCase()
  if (!PROTOCOLS.has(protocol))
    return { ok: false, error: `Invalid proto: ${fields.protocol ?? ''}` }
  const hostIP = fields.host_ip ?? ''
  // compose-go validation/validation.go checks host_ip with net.ParseIP.
  if (hostIP !== '' && !isHostIP(hostIP))
    return { ok: false, error: `invalid ip address: ${hostIP}` }
  let published: PortRange | undefined
  const publishedText = fields.published === undefined ? '' : String(fields.published)
  if (publishedText !== '') {
    const range = parsePortRange(publishedText)
    if (!range.ok) return { ok: false, error: `Invalid published port: ${publishedText}` }
    published = range.range
  }
  if (fields.target === undefined || fields.target === '') {
    return { ok: false, error: "missing mandatory field 'target'" }
  }
  const target = parsePortNumber(String(fields.target))
  if (!target.ok) return { ok: false, error: `Invalid target port: ${String(fields.target)}` }
  const mapping: PortMapping = {
    hostIP,
    ...(published ? { published } : {}),
    target: { start: target.value, end: target.value },
    protocol,
    mode: fields.mode || DEFAULT_MODE,
    ...(fields.name ? { name: fields.name } : {})
  }
  return { ok: true, mappings: [mapping] }
}

/**
 * compose-go `override/uncity.go` `portIndexer`: entries are the same when host IP (absent =
 * 0.0.0.0), published, target and protocol are; mode and name do not count.
 */
export function unicityKey(mapping: PortMapping): string {
  const published = mapping.published ? formatRange(mapping.published) : ''
  const host = mapping.hostIP === '' ? '0.0.0.0' : mapping.hostIP
  return `${host}|${published}|${formatRange(mapping.target)}|${mapping.protocol}`
}
