// `.env` files as compose-go `dotenv` reads them (a godotenv fork):
//   KEY=value            unquoted: trimmed, ` #` starts a comment, `${VAR}` expanded
//   export KEY=value     the `export ` prefix is ignored
//   KEY: value           YAML-ish separator, accepted too
//   KEY='literal'        single quotes: nothing expanded or unescaped
//   KEY="a\nb ${X}"      double quotes: \n \t \r \\ \" \$ unescaped, `${VAR}` expanded, may span lines
//   KEY                  no value: taken from the environment when set there, else skipped
// Expansion sees the keys defined earlier in the same file, then `lookup` (the environment).
import { interpolate, type VariableLookup } from './interpolate.js'

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*/

export function parseDotenv(
  text: string,
  lookup: VariableLookup = () => undefined
): Map<string, string> {
  const values = new Map<string, string>()
  const expandLookup: VariableLookup = (name) => values.get(name) ?? lookup(name)
  const source = text.replace(/\r\n?/g, '\n')
  let pos = 0
  while (pos < source.length) {
    const lineEnd = indexOrEnd(source, '\n', pos)
    const line = source.slice(pos, lineEnd).trim()
    if (line === '' || line.startsWith('#')) {
      pos = lineEnd + 1
      continue
    }
    const entry = readEntry(source, pos, lineEnd, expandLookup, lookup)
    if (entry.key !== undefined && entry.value !== undefined) values.set(entry.key, entry.value)
    pos = entry.next
  }
  return values
}

interface Entry {
  key?: string
  value?: string
  /** Offset after the entry (past its last line). */
  next: number
}

function readEntry(
  source: string,
  start: number,
  lineEnd: number,
  expandLookup: VariableLookup,
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
  if (quote === "'" || quote === '"') return readQuoted(source, key, pos, quote, expandLookup)
  const raw = stripInlineComment(source.slice(pos, lineEnd)).trim()
  return { key, value: expand(raw, expandLookup), next: lineEnd + 1 }
}

function readQuoted(
  source: string,
  key: string,
  open: number,
  quote: string,
  expandLookup: VariableLookup
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
  return { key, value: expand(unescapeDoubleQuoted(raw), expandLookup), next }
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

function expand(value: string, lookup: VariableLookup): string {
  const result = interpolate(value, lookup)
  return result.error ? value : result.value
}

function skipSpaces(source: string, pos: number): number {
  while (source[pos] === ' ' || source[pos] === '\t') pos++
  return pos
}

function indexOrEnd(source: string, search: string, from: number): number {
  const index = source.indexOf(search, from)
  return index === -1 ? source.length : index
}
