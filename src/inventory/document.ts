// The team's PORTS.md: the generated table lives between two markers, and everything around it
// belongs to the team. --write replaces the block; --check compares it row by row.

import { dominantLineEnding } from '../fix/apply.js'
import { UsageError } from '../usage.js'

export const START_MARKER = '<!-- port-hygiene:inventory:start -->'
export const END_MARKER = '<!-- port-hygiene:inventory:end -->'

/** A document without usable markers: the message says how to add them. */
export class InventoryDocumentError extends UsageError {}

export interface InventoryBlock {
  /** Offsets of the text between the markers (after the start marker's line, before the end marker). */
  start: number
  end: number
  /** 1-based line of the first line inside the block. */
  firstLine: number
  text: string
}

/** A line that holds a marker and nothing else (or the two markers, for an empty table). */
interface MarkerLine {
  kind: 'start' | 'end' | 'both'
  /** 1-based. */
  line: number
  /** Offsets of the line's start and of the end of its text (before the line ending). */
  from: number
  to: number
}

/**
 * The marker lines of a document: a marker counts only on a line of its own, at its start (so a
 * marker quoted in a sentence or in backticks does not), and outside fenced code blocks (so a
 * README may show the markers in a ``` block).
 */
export function markerLines(document: string): MarkerLine[] {
  const markers: MarkerLine[] = []
  let fence: { char: string; length: number } | undefined
  let from = 0
  for (let line = 1; from <= document.length; line++) {
    const newline = document.indexOf('\n', from)
    const next = newline === -1 ? document.length + 1 : newline + 1
    const to = newline === -1 ? document.length : newline - (document[newline - 1] === '\r' ? 1 : 0)
    const text = document.slice(from, to)
    // CommonMark fences: three or more backticks or tildes, indented up to three spaces; the
    // closing fence is of the same character and at least as long.
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(text)
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence.char && fenceMatch[1]!.length >= fence.length) {
        if (/^ {0,3}[`~]+\s*$/.test(text)) fence = undefined
      }
    } else if (
      fenceMatch &&
      !(fenceMatch[1]![0] === '`' && text.slice(fenceMatch[0].length).includes('`'))
    ) {
      fence = { char: fenceMatch[1]![0]!, length: fenceMatch[1]!.length }
    } else {
      const kind = markerKind(text.trimEnd())
      if (kind) markers.push({ kind, line, from, to })
    }
    from = next
  }
  return markers
}

function markerKind(text: string): MarkerLine['kind'] | undefined {
  if (text === START_MARKER) return 'start'
  if (text === END_MARKER) return 'end'
  if (text.startsWith(START_MARKER) && text.slice(START_MARKER.length).trim() === END_MARKER) {
    return 'both'
  }
  return undefined
}

export function findBlock(document: string, file: string): InventoryBlock {
  const markers = markerLines(document)
  const starts = markers.filter((marker) => marker.kind !== 'end')
  const ends = markers.filter((marker) => marker.kind !== 'start')
  const howTo =
    `put these two lines in ${file} where the table should go, each on a line of its own and ` +
    `outside a code block, then run "port-hygiene inventory --write ${file}":\n` +
    `  ${START_MARKER}\n  ${END_MARKER}`
  const keepOnePair =
    `keep one start and one end marker, each on a line of its own, around the table, and ` +
    `remove the others, then run "port-hygiene inventory --write ${file}"`
  const lines = (list: MarkerLine[]) => list.map((marker) => marker.line).join(', ')
  if (starts.length > 1) {
    throw new InventoryDocumentError(
      `${file} has the inventory start marker more than once (lines ${lines(starts)}): ${keepOnePair}`
    )
  }
  if (ends.length > 1) {
    throw new InventoryDocumentError(
      `${file} has the inventory end marker more than once (lines ${lines(ends)}): ${keepOnePair}`
    )
  }
  const [start, end] = [starts[0], ends[0]]
  if (!start && !end) {
    const quoted = document.includes(START_MARKER) || document.includes(END_MARKER)
    throw new InventoryDocumentError(
      quoted
        ? `${file} has no inventory markers on lines of their own (a marker inside a line of text or a code block does not count): ${howTo}`
        : `${file} has no inventory markers: ${howTo}`
    )
  }
  if (!start || !end) {
    const missing = start ? END_MARKER : START_MARKER
    throw new InventoryDocumentError(
      `${file} has only one of the inventory markers (${missing} is missing): ${howTo}`
    )
  }
  if (end.line < start.line) {
    throw new InventoryDocumentError(
      `${file} has the inventory end marker (line ${end.line}) before the start marker (line ${start.line}): ` +
        `move the end marker below the start marker, then run "port-hygiene inventory --write ${file}"`
    )
  }
  // The block is the lines between the markers' lines; with both markers on one line, it is
  // the (empty) text between them.
  const blockStart =
    start.kind === 'both' ? start.from + START_MARKER.length : document.indexOf('\n', start.to) + 1
  const blockEnd = start.kind === 'both' ? blockStart : end.from
  return {
    start: blockStart,
    end: blockEnd,
    firstLine: start.kind === 'both' ? start.line : start.line + 1,
    text: document.slice(blockStart, blockEnd)
  }
}

/**
 * The document with the block replaced; the rest is left byte for byte, and the new block is
 * written with the document's line endings (a CRLF file stays CRLF).
 */
export function replaceBlock(document: string, file: string, generated: string): string {
  const block = findBlock(document, file)
  const eol = dominantLineEnding(document)
  const needsBreak = block.start > 0 && document[block.start - 1] !== '\n'
  return (
    document.slice(0, block.start) +
    (needsBreak ? eol : '') +
    (eol === '\n' ? generated : generated.replace(/\r?\n/g, eol)) +
    document.slice(block.end)
  )
}

export interface RowChange {
  kind: 'removed' | 'added'
  /** The line as written (removed: in the committed file; added: as generated). */
  text: string
  /** Removed lines: their line in the committed file. */
  line?: number
  /** The table heading above the line, to say where it belongs. */
  section?: string
}

/**
 * Row-level differences between the committed block and the generated one. Lines are compared
 * after normalising what a formatter may change (cell padding, separator widths, blank lines),
 * then matched in order (longest common subsequence), so a changed row shows as one removed and
 * one added line.
 */
export function diffBlocks(committed: InventoryBlock, generated: string): RowChange[] {
  const before = meaningfulLines(committed.text, committed.firstLine)
  const after = meaningfulLines(generated, 1)
  const common = lcsTable(
    before.map((line) => line.key),
    after.map((line) => line.key)
  )
  const changes: RowChange[] = []
  let i = 0
  let j = 0
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i]!.key === after[j]!.key) {
      i++
      j++
    } else if (
      i < before.length &&
      (j === after.length || common[i + 1]![j]! >= common[i]![j + 1]!)
    ) {
      const line = before[i]!
      changes.push({ kind: 'removed', text: line.text, line: line.line, ...section(line) })
      i++
    } else {
      changes.push({ kind: 'added', text: after[j]!.text, ...section(after[j]!) })
      j++
    }
  }
  return changes
}

interface KeyedLine {
  key: string
  text: string
  line: number
  section: string | undefined
}

function section(line: KeyedLine): { section?: string } {
  return line.section ? { section: line.section } : {}
}

function meaningfulLines(text: string, firstLine: number): KeyedLine[] {
  const lines: KeyedLine[] = []
  let heading: string | undefined
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim()
    if (trimmed === '') return
    if (/^#{1,6}\s/.test(trimmed)) heading = trimmed.replace(/^#+\s*/, '')
    lines.push({
      key: normalise(trimmed),
      text: trimmed,
      line: firstLine + index,
      section: heading
    })
  })
  return lines
}

/** Table rows: cells trimmed, separator rows reduced to their dashes and colons. */
function normalise(line: string): string {
  if (!line.startsWith('|')) return line.replace(/\s+/g, ' ')
  const cells = splitCells(line).map((value) => value.trim())
  if (cells.every((value) => /^:?-+:?$/.test(value))) {
    return `|${cells.map((value) => value.replace(/-+/, '-')).join('|')}|`
  }
  return `|${cells.join('|')}|`
}

/** Splits a GFM row on unescaped pipes. */
function splitCells(line: string): string[] {
  const inner = line.replace(/^\|/, '').replace(/\|\s*$/, '')
  const cells: string[] = []
  let current = ''
  for (let index = 0; index < inner.length; index++) {
    const char = inner[index]!
    if (char === '\\' && index + 1 < inner.length) {
      current += char + inner[++index]
    } else if (char === '|') {
      cells.push(current)
      current = ''
    } else {
      current += char
    }
  }
  cells.push(current)
  return cells
}

/** common[i][j] = length of the longest common subsequence of a[i..] and b[j..]. */
export function lcsTable(a: string[], b: string[]): number[][] {
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] =
        a[i] === b[j]
          ? common[i + 1]![j + 1]! + 1
          : Math.max(common[i + 1]![j]!, common[i]![j + 1]!)
    }
  }
  return common
}

/** The readable diff --check prints and the drift finding carries. */
export function formatChanges(file: string, changes: readonly RowChange[]): string {
  const lines: string[] = []
  let lastSection: string | undefined
  for (const change of changes) {
    if (change.section !== lastSection && change.section) lines.push(`  under "${change.section}":`)
    lastSection = change.section
    const where = change.line !== undefined ? `  (${file}:${change.line})` : ''
    lines.push(`  ${change.kind === 'removed' ? '-' : '+'} ${change.text}${where}`)
  }
  return lines.join('\n')
}
