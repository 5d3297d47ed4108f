// The team's PORTS.md: the generated table lives between two markers, and everything around it
// belongs to the team. --write replaces the block; --check compares it row by row.

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

export function findBlock(document: string, file: string): InventoryBlock {
  const startAt = document.indexOf(START_MARKER)
  const endAt = document.indexOf(END_MARKER)
  const howTo =
    `put these two lines in ${file} where the table should go, then run ` +
    `"port-hygiene inventory --write ${file}":\n  ${START_MARKER}\n  ${END_MARKER}`
  if (startAt === -1 && endAt === -1) {
    throw new InventoryDocumentError(`${file} has no inventory markers: ${howTo}`)
  }
  if (startAt === -1 || endAt === -1 || endAt < startAt) {
    const missing = startAt === -1 ? START_MARKER : endAt === -1 ? END_MARKER : undefined
    throw new InventoryDocumentError(
      missing
        ? `${file} has only one of the inventory markers (${missing} is missing): ${howTo}`
        : `${file} has the inventory end marker before the start marker: ${howTo}`
    )
  }
  if (document.indexOf(START_MARKER, startAt + 1) !== -1) {
    throw new InventoryDocumentError(`${file} has the inventory start marker twice: ${howTo}`)
  }
  // The block is the lines between the markers' lines; with both markers on one line, it is
  // the (empty) text between them.
  const lineEnd = document.indexOf('\n', startAt)
  const start = lineEnd === -1 || lineEnd > endAt ? startAt + START_MARKER.length : lineEnd + 1
  const endLineStart = document.lastIndexOf('\n', endAt) + 1
  const end = Math.max(start, endLineStart)
  return {
    start,
    end,
    firstLine: document.slice(0, start).split('\n').length,
    text: document.slice(start, end)
  }
}

/** The document with the block replaced; the rest is left byte for byte. */
export function replaceBlock(document: string, file: string, generated: string): string {
  const block = findBlock(document, file)
  const needsBreak = block.start > 0 && document[block.start - 1] !== '\n'
  return (
    document.slice(0, block.start) +
    (needsBreak ? '\n' : '') +
    generated +
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
function lcsTable(a: string[], b: string[]): number[][] {
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
