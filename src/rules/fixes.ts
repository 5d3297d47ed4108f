// One-click fixes, computed after the rules ran (a post-pass, so the rules stay pure checks):
// where the fix is mechanical, a finding gets `fix`, the whole line(s) rewritten, which review
// comments offer as a suggestion and the JSON report carries.
//
// - duplicate host port → the next port that no binding or nodePort of the whole scan uses,
//   inside the namespace's, path's or project's allowed range;
// - privileged host port → the first free port ≥ 1024 in that range, else 8080 (8443 for 443);
// - a protocol in the wrong case → `TCP`, `UDP`, `SCTP`.
//
// A fix is only offered when the line holds the value in a form we can rewrite exactly
// (`hostPort: 80`, `- "8080:80"`, `published: 8080`, `protocol: tcp`); an interpolated value
// (`${PORT:-8080}`) or a range gets none.
import {
  compareLocations,
  type Finding,
  type Fix,
  type ScanModel,
  type SourceLocation
} from '../model.js'
import type { RangeConfig } from '../config/types.js'
import { hostClaim, type HostClaim } from './shared/host-ports.js'
import { rangeResolver, type ApplicableRange } from './shared/ranges.js'

const FIRST_UNPRIVILEGED = 1024
const MAX_PORT = 65535
/**
 * A line longer than this gets no fix and no whole-line suggestion. Fixes rewrite whole lines,
 * so thousands of claims on one generated line (a Pod with 120,000 ports in a flow list) would
 * each quote the line again: output quadratic in the input. No hand-written line is this long.
 */
export const MAX_FIX_LINE_LENGTH = 4096

export interface FixContext {
  model: ScanModel
  ranges: RangeConfig
  /** The text of a scanned file; undefined when it is not at hand. */
  textOf: (file: string) => string | undefined
}

/** Sets `fix` on the findings that have a mechanical one. Findings are changed in place. */
export function attachFixes(findings: readonly Finding[], context: FixContext): void {
  const claims = claimsByLocation(context.model)
  const used: UsedPorts = { ports: usedPorts(context.model), resumeAt: new Map() }
  const rangeOf = rangeResolver(context.ranges, context.model.namespaces)
  // In file order, so that two conflicting claims fixed in one run get different ports.
  const ordered = [...findings].sort((a, b) => compareLocations(a.location, b.location))
  const linesOf = linesByFile(context.textOf)
  for (const finding of ordered) {
    const lines = () => linesOf(finding.location.file)
    if (finding.fix) continue
    if (finding.ruleId === 'invalid-port') {
      const fix = protocolFix(finding, lines())
      if (fix) finding.fix = fix
      continue
    }
    if (finding.ruleId !== 'duplicate-host-port' && finding.ruleId !== 'privileged-port') continue
    const claim = claims.get(locationKey(finding.location))
    if (!claim || claim.viaHostNetwork || claim.ports.start !== claim.ports.end) continue
    if (claim.binding.interpolated || claim.binding.unresolved) continue
    // The same entry written in another place too (an override): moving one line leaves the other.
    if (claim.binding.alsoWrittenAt) continue
    const range = rangeOf(claim.binding.object, claim.binding.location.file)
    const port =
      finding.ruleId === 'duplicate-host-port'
        ? nextFree(claim.ports.start + 1, range, used)
        : unprivilegedPort(claim.ports.start, range, used)
    if (port === undefined) continue
    const fix = portFix(claim, port, lines(), range)
    if (!fix) continue
    used.ports.add(port)
    finding.fix = fix
  }
  // Every fix, a rule's own (a quoted scalar, a prefix, removed lines) or one made here, also as
  // whole lines: the shape a review suggestion needs.
  for (const finding of findings) {
    if (finding.fix) widen(finding.fix, linesOf(finding.fix.location.file))
  }
}

/**
 * A file's lines, split once per file however many findings it has: 2,000 DaemonSets on one port
 * in one file are 2,000 findings, and splitting the text again for each was quadratic.
 */
function linesByFile(textOf: FixContext['textOf']): (file: string) => string[] | undefined {
  const cache = new Map<string, string[] | undefined>()
  return (file) => {
    if (!cache.has(file)) cache.set(file, textOf(file)?.split(/\r?\n/))
    return cache.get(file)
  }
}

/**
 * Sets `fix.wholeLines`: the lines the fix touches, as they read after it. A range that ends at
 * the start of a line (removed lines) covers the lines before it, newline included.
 */
export function widen(fix: Fix, lines: string[] | undefined): void {
  const { line, column } = fix.location
  const first = fixableLine(lines, line)
  if (first === undefined) return
  const endLine = fix.location.endLine ?? line
  const endsAtLineStart = fix.location.endColumn === 1 && endLine > line
  const lastLine = endsAtLineStart ? endLine - 1 : endLine
  const last = fixableLine(lines, lastLine)
  if (last === undefined) return
  const prefix = first.slice(0, column - 1)
  if (endsAtLineStart) {
    const text = prefix + fix.replacement
    // The fix consumed the last line's newline: its text must end the same way, or be nothing.
    if (text !== '' && !text.endsWith('\n')) return
    fix.wholeLines = { line, endLine: lastLine, text: text.replace(/\n$/, '') }
    return
  }
  const endColumn = fix.location.endColumn ?? last.length + 1
  const text = prefix + fix.replacement + last.slice(endColumn - 1)
  fix.wholeLines = { line, endLine: lastLine, text }
}

/** Line `line` (1-based), or undefined when there is none or it is too long to rewrite. */
function fixableLine(lines: string[] | undefined, line: number): string | undefined {
  const text = lines?.[line - 1]
  return text !== undefined && text.length <= MAX_FIX_LINE_LENGTH ? text : undefined
}

function locationKey(location: SourceLocation): string {
  return `${location.file}\0${location.line}\0${location.column}`
}

function claimsByLocation(model: ScanModel): Map<string, HostClaim> {
  const claims = new Map<string, HostClaim>()
  for (const binding of model.bindings) {
    const claim = hostClaim(binding)
    if (claim) claims.set(locationKey(claim.location), claim)
  }
  return claims
}

/** Every port any host binding or nodePort of the scan holds, whatever its protocol or host. */
function usedPorts(model: ScanModel): Set<number> {
  const used = new Set<number>()
  for (const binding of model.bindings) {
    const claim = hostClaim(binding)
    if (!claim) continue
    // A wide range (a port pool) is not worth enumerating port by port beyond a point.
    const end = Math.min(claim.ports.end, claim.ports.start + 4096)
    for (let port = claim.ports.start; port <= end; port++) used.add(port)
  }
  for (const service of model.services) if (service.nodePort) used.add(service.nodePort)
  return used
}

/**
 * Ports taken, and where each search last ended. Ports are only ever added, so a search that
 * starts where an earlier one did can resume where that one found its port: a thousand claims of
 * one port cost a thousand steps, not half a million.
 */
interface UsedPorts {
  ports: Set<number>
  resumeAt: Map<string, number>
}

/** The first free unprivileged port from `from` up, inside the range; wraps to the range's start once. */
function nextFree(
  from: number,
  range: ApplicableRange | undefined,
  taken: UsedPorts
): number | undefined {
  const used = taken.ports
  const low = Math.max(range?.min ?? FIRST_UNPRIVILEGED, FIRST_UNPRIVILEGED)
  const high = Math.min(range?.max ?? MAX_PORT, MAX_PORT)
  const start = Math.min(Math.max(from, low), high + 1)
  const search = `${start}:${low}:${high}`
  for (let port = taken.resumeAt.get(search) ?? start; port <= high; port++) {
    if (!used.has(port)) {
      taken.resumeAt.set(search, port)
      return port
    }
  }
  for (let port = low; port < start; port++) if (!used.has(port)) return port
  return undefined
}

/** In a range: its first free port ≥ 1024. Without one: 8443 for 443, else 8080, or the next free above. */
function unprivilegedPort(
  port: number,
  range: ApplicableRange | undefined,
  used: UsedPorts
): number | undefined {
  if (range) return nextFree(range.min, range, used)
  return nextFree(port === 443 ? 8443 : 8080, undefined, used)
}

function portFix(
  claim: HostClaim,
  port: number,
  lines: string[] | undefined,
  range: ApplicableRange | undefined
) {
  const line = claim.location.line
  const text = fixableLine(lines, line)
  if (text === undefined) return undefined
  const old = String(claim.ports.start)
  const patterns =
    claim.binding.format === 'kubernetes'
      ? [new RegExp(`(\\bhostPort\\s*:\\s*["']?)${old}(?![\\d-])`)]
      : [
          new RegExp(`(\\bpublished\\s*:\\s*["']?)${old}(?![\\d-])`),
          // Short syntax: the published port is the number right before `:<target>`, never the
          // end of a range (`9090-9091:8080-8081` is one port of the range each: rewriting 9091
          // would make the ranges differ in length, an entry Compose refuses).
          new RegExp(`((?:^|[\\s"'\\[:]))${old}(?=:\\d)`)
        ]
  const pattern = patterns.find((candidate) => candidate.test(text))
  if (!pattern) return undefined
  const replaced = text.replace(pattern, `$1${port}`)
  const where = range ? ` and inside the range ${range.min}-${range.max} of ${range.what}` : ''
  return wholeLineFix(
    claim.location.file,
    line,
    text,
    replaced,
    `Use host port ${port}: no other binding of this scan uses it${where}.`
  )
}

function protocolFix(finding: Finding, lines: string[] | undefined) {
  const match = /protocol "([^"]+)" must be written "(TCP|UDP|SCTP)"/.exec(finding.message)
  if (!match) return undefined
  const [, written, wanted] = match
  const line = finding.location.line
  const text = fixableLine(lines, line)
  if (text === undefined) return undefined
  const pattern = new RegExp(`(\\bprotocol\\s*:\\s*["']?)${escapeRegExp(written!)}(?![\\w])`)
  if (!pattern.test(text)) return undefined
  return wholeLineFix(
    finding.location.file,
    line,
    text,
    text.replace(pattern, `$1${wanted}`),
    `Write the protocol as ${wanted}: Kubernetes only accepts the upper-case spelling.`
  )
}

function wholeLineFix(
  file: string,
  line: number,
  text: string,
  replaced: string,
  description: string
) {
  return {
    description,
    location: { file, line, column: 1, endLine: line, endColumn: text.length + 1 },
    replacement: replaced
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
