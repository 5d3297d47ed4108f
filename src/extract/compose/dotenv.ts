// `.env` files as compose-go `dotenv` reads them (a godotenv fork):
//   KEY=value            unquoted: trimmed, ` #` starts a comment, `${VAR}` expanded
//   export KEY=value     the `export ` prefix is ignored
//   KEY: value           YAML-ish separator, accepted too
//   KEY='literal'        single quotes: nothing expanded or unescaped
//   KEY="a\nb ${X}"      double quotes: \n \t \r \\ \" \$ unescaped, `${VAR}` expanded, may span lines
//   KEY                  no value: taken from the environment when set there, else skipped
// Expansion sees the keys defined earlier in the same file, then `lookup` (the environment).
// Bounded: a value whose expansion is longer than `maxLength` (keys that double each other) is
// kept as null, "set but unknown", and reported through `onTooLarge`; expansion stops counting
// once the file has produced `maxLength` × 64 characters, so a hostile file cannot take gigabytes.
import {
  DEFAULT_MAX_VALUE_LENGTH,
  interpolate,
  type InterpolationResult,
  type VariableLookup
} from './interpolate.js'

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*/

export interface DotenvOptions {
  /** Longest value, in characters (limits.ts `maxValueLength`). */
  maxLength?: number
  /** Called for a key whose value was too large (1-based line of the entry). */
  onTooLarge?: (key: string, line: number) => void
}

/** Values by key; null = set, but too large to know. */
export type DotenvValues = Map<string, string | null>

export function parseDotenv(
  text: string,
  lookup: VariableLookup = () => undefined,
  options: DotenvOptions = {}
): DotenvValues {
  const values: DotenvValues = new Map()
  const expandLookup: VariableLookup = (name) => {
    const own = values.get(name)
    return own !== undefined ? own : lookup(name)
  }
  const maxLength = options.maxLength ?? DEFAULT_MAX_VALUE_LENGTH
  const budget = { remaining: maxLength * 64 }
  // Set when the last expansion was cut by a limit (not merely derived from an unknown value).
  let cut = false
  const expandBounded = (value: string): string | null => {
    const result = interpolate(value, expandLookup, { maxLength })
    const bounded = boundedValue(value, result, budget)
    cut = bounded === null && !result.unknownValue
    return bounded
  }
  const source = text.replace(/\r\n?/g, '\n')
  const lineOf = lineFinder(source)
  let pos = 0
  while (pos < source.length) {
    const lineEnd = indexOrEnd(source, '\n', pos)
    const line = source.slice(pos, lineEnd).trim()
    if (line === '' || line.startsWith('#')) {
      pos = lineEnd + 1
      continue
    }
    const entry = readEntry(source, pos, lineEnd, expandBounded, lookup)
    if (entry.key !== undefined && entry.value !== undefined) {
      if (entry.value === null && cut) options.onTooLarge?.(entry.key, lineOf(pos))
      cut = false
      values.set(entry.key, entry.value)
    }
    pos = entry.next
  }
  return values
}

/** An expansion past the value limit, or past what the file may still produce, is unknown. */
function boundedValue(
  written: string,
  result: InterpolationResult,
  budget: { remaining: number }
): string | null {
  if (result.error) return written
  if (result.tooLarge || result.unknownValue) return null
  if (!result.interpolated) return result.value
  budget.remaining -= result.value.length
  return budget.remaining < 0 ? null : result.value
}

/** 1-based line of `pos`; the line starts are computed once, on the first call. */
function lineFinder(source: string): (pos: number) => number {
  let starts: number[] | undefined
  return (pos) => {
    starts ??= [0, ...[...source.matchAll(/\n/g)].map((match) => match.index + 1)]
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle]! <= pos) low = middle
      else high = middle - 1
    }
    return low + 1
  }
}

type Expand = (value: string) => string | null

interface Entry {
  key?: string
  value?: string | null
  /** Offset after the entry (past its last line). */
  next: number
}

function readEntry(
  source: string,
  start: number,
  lineEnd: number,
  expand: Expand,
  environment: VariableLookup
): Entry {
  let pos = skipSpaces(source, start)
  if (source.startsWith('export ', pos)) pos = skipSpaces(source, pos + 'export '.length)
  const keyMatch = KEY.exec(source.slice(pos, lineEnd))
  if (!keyMatch) return { next: lineEnd + 1 }
  const key = keyMatch[0]
  pos = skipSpaces(source, pos + key.length)
  const separator = source[pos]
  if (pos >= lineEnd || separator === '#')
    return { key, value: environment(key), next: lineEnd + 1 }
  if (separator !== '=' && separator !== ':') return { next: lineEnd + 1 }
  pos = skipSpaces(source, pos + 1)
  const quote = source[pos]
  if (quote === "'" || quote === '"') return readQuoted(source, key, pos, quote, expand)
  const raw = stripInlineComment(source.slice(pos, lineEnd)).trim()
  return { key, value: expand(raw), next: lineEnd + 1 }
}

function readQuoted(
  source: string,
  key: string,
  open: number,
  quote: string,
  expand: Expand
): Entry {
  let pos = open + 1
  let raw = ''
  while (pos < source.length && source[pos] !== quote) {
    if (quote === '"' && source[pos] === '\\' && pos + 1 < source.length) {
      raw += source.slice(pos, pos + 2)
      pos += 2
      continue
    }
    raw += source[pos]
    pos++
  }
  // An unterminated quote: godotenv rejects the file; take nothing from this entry.
  if (pos >= source.length) return { next: source.length }
  const next = indexOrEnd(source, '\n', pos) + 1
  if (quote === "'") return { key, value: raw, next }
  return { key, value: expand(unescapeDoubleQuoted(raw)), next }
}

function unescapeDoubleQuoted(raw: string): string {
  const escapes: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    '"': '"',
    $: '$$'
  }
  return raw.replace(/\\(.)/g, (whole, char: string) => escapes[char] ?? whole)
}

/** Unquoted values end at ` #` (a `#` after white space, or opening the value); `a#b` keeps its `#`. */
function stripInlineComment(value: string): string {
  const match = /(?:^|\s)#/.exec(value)
  return match ? value.slice(0, match.index) : value
}

function skipSpaces(source: string, pos: number): number {
  while (source[pos] === ' ' || source[pos] === '\t') pos++
  return pos
}

function indexOrEnd(source: string, search: string, from: number): number {
  const index = source.indexOf(search, from)
  return index === -1 ? source.length : index
}
