// Duplicate keys of block maps, found line by line in a document the pre-filter leaves out
// (prefilter.ts): such a document is never parsed, yet `duplicate-key` promises every map of a
// Kubernetes file. Parsing it for this alone would undo the pre-filter; a block map's keys are
// visible in the text, one per line, at the map's indentation.
//
// It is one-sided, like quote-check.ts: what it reports is a duplicate key the parser reports too
// (the pre-filter equivalence test holds it to that over every corpus), and it gives up on the
// whole document — reporting nothing — where the text gets subtle: tabs and other controls,
// directives, explicit keys (`? `), anchors, aliases or tags on a key, a key with an escape, a key
// that YAML may read as something other than a string (a number, `true`, `~`), nested sequences
// on one line (`- - a`), a line it cannot read as a key or an item. Scalar values are skipped
// whole: every line indented deeper than the key of a scalar value (a plain or quoted scalar
// over several lines, a block scalar, a flow collection) belongs to that value.
import type { SourceLocation } from '../model.js'

export interface LineDuplicate {
  location: SourceLocation
  key: string
  first: SourceLocation
}

interface Context {
  kind: 'map' | 'seq'
  indent: number
  keys: Map<string, { line: number; column: number }>
}

// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNUSUAL = /[\t\uFEFF\0-\x08\x0B\x0C\x0E-\x1F]/
/** Plain keys YAML's core schema may resolve to a number, a boolean or null. */
const NOT_A_STRING = /^(?:[-+.\d]|~$|null$|Null$|NULL$|true$|True$|TRUE$|false$|False$|FALSE$)/

/**
 * The duplicate keys of the block maps of one document's text. `firstLine` is the document's
 * first line in its file (1-based).
 */
export function duplicateKeysByLine(
  file: string,
  chunk: string,
  firstLine: number
): LineDuplicate[] {
  if (UNUSUAL.test(chunk)) return []
  const found: LineDuplicate[] = []
  const stack: Context[] = []
  /** Lines indented deeper than this belong to the scalar value above. */
  let valueIndent: number | undefined
  const lines = chunk.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    const indent = line.length - line.trimStart().length
    if (indent === line.length || line[indent] === '#') continue
    if (valueIndent !== undefined) {
      if (indent > valueIndent) continue
      valueIndent = undefined
    }
    if (indent === 0 && /^(?:---|\.\.\.)(?=\s|$)/.test(line)) {
      if (!/^(?:---|\.\.\.)\s*(?:#.*)?$/.test(line)) return []
      continue
    }
    if (line[0] === '%') return []
    while (stack.length > 0 && stack[stack.length - 1]!.indent > indent) stack.pop()
    if (line[indent] === '-' && (line[indent + 1] === ' ' || line.length === indent + 1)) {
      // A sequence item, perhaps of a sequence at its key's own indentation (`ports:` / `- a`).
      let top = stack[stack.length - 1]
      if (top?.kind !== 'seq' || top.indent !== indent) {
        top = { kind: 'seq', indent, keys: new Map() }
        stack.push(top)
      }
      let column = indent + 1
      while (line[column] === ' ') column++
      if (column >= line.length || line[column] === '#') continue // the item's node is below
      if (line[column] === '-' && (line[column + 1] === ' ' || line.length === column + 1)) {
        return []
      }
      const entry = keyAt(line, column)
      if (entry === 'unsure') return []
      if (entry === undefined) {
        valueIndent = indent // a scalar or flow item
        continue
      }
      // `- key: value` opens a map whose keys stand at the key's column.
      const map: Context = { kind: 'map', indent: column, keys: new Map() }
      stack.push(map)
      valueIndent = addKey(map, entry, index, column, found, file, firstLine)
      continue
    }
    const top = stack[stack.length - 1]
    if (top?.kind === 'seq' && top.indent === indent) stack.pop()
    const entry = keyAt(line, indent)
    if (entry === undefined || entry === 'unsure') return []
    let map = stack[stack.length - 1]
    if (map?.kind !== 'map' || map.indent !== indent) {
      map = { kind: 'map', indent, keys: new Map() }
      stack.push(map)
    }
    valueIndent = addKey(map, entry, index, indent, found, file, firstLine)
  }
  return found
}

interface KeyEntry {
  /** The key's value, as the parser compares keys. Undefined: a key not compared (`<<`). */
  name: string | undefined
  /** The value is written on the key's line (a scalar or a flow collection). */
  inlineValue: boolean
}

/** Records a key of `map`; returns the indentation below which lines belong to its value. */
function addKey(
  map: Context,
  entry: KeyEntry,
  index: number,
  column: number,
  found: LineDuplicate[],
  file: string,
  firstLine: number
): number | undefined {
  const line = firstLine + index
  if (entry.name !== undefined) {
    const first = map.keys.get(entry.name)
    if (first) {
      found.push({
        location: { file, line, column: column + 1 },
        key: entry.name,
        first: { file, ...first }
      })
    } else {
      map.keys.set(entry.name, { line, column: column + 1 })
    }
  }
  return entry.inlineValue ? map.indent : undefined
}

/**
 * The key of a `key: value` line starting at `pos`: undefined when the line holds no key (a
 * scalar item), `unsure` when it may hold one this check does not read.
 */
function keyAt(line: string, pos: number): KeyEntry | undefined | 'unsure' {
  const ch = line[pos]!
  let name: string
  let end: number
  if (ch === '"' || ch === "'") {
    const close = line.indexOf(ch, pos + 1)
    if (close === -1) return 'unsure'
    name = line.slice(pos + 1, close)
    if (ch === '"' && name.includes('\\')) return 'unsure'
    if (ch === "'" && line[close + 1] === "'") return 'unsure'
    end = close + 1
    while (line[end] === ' ') end++
    if (line[end] !== ':') return keyAfterScalar(line, end)
    if (end + 1 < line.length && line[end + 1] !== ' ') return 'unsure'
  } else {
    if ('?&*!|>%@`{['.includes(ch)) {
      // A flow collection or a block scalar item is a value; the rest may be a key's decoration.
      return ch === '{' || ch === '[' || ch === '|' || ch === '>' ? undefined : 'unsure'
    }
    if (ch === '}' || ch === ']' || ch === ',') return 'unsure'
    end = colonOf(line, pos)
    if (end === -1) return undefined // a plain scalar item
    name = line.slice(pos, end).trimEnd()
    if (name === '') return 'unsure'
    if (name === '<<') return { name: undefined, inlineValue: hasValue(line, end + 1) }
    if (NOT_A_STRING.test(name) || /["'#]/.test(name)) return 'unsure'
  }
  return { name, inlineValue: hasValue(line, end + 1) }
}

/** A quoted scalar not followed by `:` is a value (an item); anything else after it is unclear. */
function keyAfterScalar(line: string, end: number): undefined | 'unsure' {
  return end >= line.length || line[end] === '#' ? undefined : 'unsure'
}

/** The `:` that ends a plain key (followed by a space or the line's end), -1 without one. */
function colonOf(line: string, pos: number): number {
  for (let i = pos; i < line.length; i++) {
    const ch = line[i]
    if (ch === ':' && (i + 1 === line.length || line[i + 1] === ' ')) return i
    if (ch === '#' && line[i - 1] === ' ') return -1
  }
  return -1
}

/**
 * Whether the key's value is on its line. Anchors and tags alone (`spec: &base`) announce a node
 * below, like nothing at all; a block scalar header is a value whose lines follow.
 */
function hasValue(line: string, from: number): boolean {
  const rest = line.slice(from).trim()
  if (rest === '' || rest.startsWith('#')) return false
  return !/^(?:[&!]\S*\s*)+(?:#.*)?$/.test(rest)
}
