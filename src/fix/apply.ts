// Applies fixes (src/rules/fixes.ts, the rules' own) to a file's text: pure, no I/O. A fix names a
// region by line and column (1-based, columns in UTF-16 code units as the parser counts them, the
// end exclusive) and the text that replaces it. As ESLint does with `--fix`, fixes whose regions
// overlap are not combined: the first in file order wins and the others wait for the next pass,
// when a re-scan computes them again on the changed text.
import type { Fix } from '../model.js'

/** What one application gives: the new text, and which fixes went in and which did not. */
export interface AppliedFixes {
  text: string
  applied: Fix[]
  /** Overlapped a fix applied before it in this pass. */
  deferred: Fix[]
  /** Named a place the text does not have (the file changed since it was scanned). */
  invalid: Fix[]
  /** Per applied change: the whole lines it touched, before and after (for a diff). */
  changes: LineChange[]
}

/**
 * Lines `oldStart`..`oldEnd` (0-based, half-open) of the old text became lines
 * `newStart`..`newEnd` of the new one. Changes are in order and never share a line.
 */
export interface LineChange {
  oldStart: number
  oldEnd: number
  newStart: number
  newEnd: number
}

interface Edit {
  fix: Fix
  start: number
  end: number
  text: string
}

/** Applies every fix that fits; the text's line endings (LF or CRLF) are kept. */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const lines = lineStarts(text)
  const eol = dominantLineEnding(text)
  const invalid: Fix[] = []
  const edits: Edit[] = []
  for (const fix of fixes) {
    const region = regionOf(fix, text, lines)
    if (!region) invalid.push(fix)
    else edits.push({ fix, ...region, text: withLineEnding(fix.replacement, eol) })
  }
  // File order; an insertion before a replacement at the same place.
  edits.sort((a, b) => a.start - b.start || a.end - b.end)
  const accepted: Edit[] = []
  const deferred: Fix[] = []
  for (const edit of edits) {
    const previous = accepted[accepted.length - 1]
    if (previous && overlaps(previous, edit)) deferred.push(edit.fix)
    else accepted.push(edit)
  }
  return {
    text: splice(text, accepted),
    applied: accepted.map((edit) => edit.fix),
    deferred,
    invalid,
    changes: lineChanges(text, lines, accepted)
  }
}

/**
 * Two edits overlap when one starts before the other ends, or when both insert at one place
 * (their order would be a guess).
 */
function overlaps(first: Edit, second: Edit): boolean {
  if (second.start < first.end) return true
  return second.start === first.start && first.start === first.end
}

function splice(text: string, edits: readonly Edit[]): string {
  const parts: string[] = []
  let at = 0
  for (const edit of edits) {
    parts.push(text.slice(at, edit.start), edit.text)
    at = edit.end
  }
  parts.push(text.slice(at))
  return parts.join('')
}

/** Offsets at which each line starts; one more line than there are `\n`. */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1)
  }
  return starts
}

/** The text of line `index` (0-based) without its line ending. */
function lineContentEnd(text: string, lines: readonly number[], index: number): number {
  const next = lines[index + 1]
  if (next === undefined) return text.length
  return text[next - 2] === '\r' ? next - 2 : next - 1
}

/**
 * The offsets of a fix's region, or undefined when the text has no such place. A missing end is
 * the end of the start line's content, as src/rules/fixes.ts reads it.
 */
function regionOf(
  fix: Fix,
  text: string,
  lines: readonly number[]
): { start: number; end: number } | undefined {
  const { line, column } = fix.location
  const endLine = fix.location.endLine ?? line
  const start = offsetOf(text, lines, line, column)
  if (start === undefined) return undefined
  const end =
    fix.location.endColumn === undefined
      ? endLine >= 1 && endLine <= lines.length
        ? lineContentEnd(text, lines, endLine - 1)
        : undefined
      : offsetOf(text, lines, endLine, fix.location.endColumn)
  if (end === undefined || end < start) return undefined
  return { start, end }
}

/** A column may stand one past the line's content (its end), never inside its line ending. */
function offsetOf(
  text: string,
  lines: readonly number[],
  line: number,
  column: number
): number | undefined {
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1) return
  const lineStart = lines[line - 1]
  if (lineStart === undefined) return undefined
  const offset = lineStart + column - 1
  return offset <= lineContentEnd(text, lines, line - 1) ? offset : undefined
}

/**
 * CRLF when most line endings are CRLF, else LF: a fix's replacement is written with `\n`, and a
 * Windows checkout (or a repository that commits CRLF) keeps its endings.
 */
export function dominantLineEnding(text: string): '\n' | '\r\n' {
  let crlf = 0
  let lf = 0
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (text[index - 1] === '\r') crlf++
    else lf++
  }
  return crlf > lf ? '\r\n' : '\n'
}

function withLineEnding(replacement: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? replacement : replacement.replace(/\r?\n/g, eol)
}

/** The line of an offset (0-based): the last line that starts at or before it. */
function lineOf(lines: readonly number[], offset: number): number {
  let low = 0
  let high = lines.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (lines[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return low
}

/**
 * The whole lines each edit touches, merged where edits share a line, with their place in the
 * new text. An edit touches the lines from its start to its last replaced character (its start
 * line alone for an insertion); when what it leaves of them no longer ends with a line ending, it
 * joined the next line, which then belongs to the change too.
 */
function lineChanges(text: string, lines: readonly number[], edits: readonly Edit[]): LineChange[] {
  const changes: LineChange[] = []
  let shift = 0
  for (let next = 0; next < edits.length;) {
    const block = changedBlock(text, lines, edits, next)
    next = block.next
    // An insertion at the very end of a text that ends with a line ending is on no line yet.
    const atEnd = block.to === text.length
    const oldLineCount = countLines(text.slice(block.from, block.to), atEnd)
    const newLineCount = countLines(block.newText, atEnd)
    changes.push({
      oldStart: block.oldStart,
      oldEnd: block.oldStart + oldLineCount,
      newStart: block.oldStart + shift,
      newEnd: block.oldStart + shift + newLineCount
    })
    shift += newLineCount - oldLineCount
  }
  return changes
}

/**
 * The whole lines from the line of `edits[first]` that the edits from there change together
 * (offsets `from`..`to`), their text after the edits, and the index of the first edit left out.
 */
function changedBlock(
  text: string,
  lines: readonly number[],
  edits: readonly Edit[],
  first: number
): { oldStart: number; from: number; to: number; newText: string; next: number } {
  const oldStart = lineOf(lines, edits[first]!.start)
  const from = lines[oldStart]!
  let oldEnd = oldStart
  let next = first
  let joined = false
  for (;;) {
    for (; next < edits.length; next++) {
      const edit = edits[next]!
      const end = lines[oldEnd] ?? text.length
      // `end` starts a line unless it is the end of a text whose last line has no line ending.
      const startsLine = end < text.length || end === 0 || text[end - 1] === '\n'
      if (next > first && (edit.start > end || (edit.start === end && startsLine && !joined))) {
        break
      }
      const last = edit.end > edit.start ? lineOf(lines, edit.end - 1) : lineOf(lines, edit.start)
      oldEnd = Math.max(oldEnd, last + 1)
    }
    const to = lines[oldEnd] ?? text.length
    const newText = splice(
      text.slice(from, to),
      edits
        .slice(first, next)
        .map((edit) => ({ ...edit, start: edit.start - from, end: edit.end - from }))
    )
    joined = newText !== '' && !newText.endsWith('\n')
    if (joined && to < text.length) oldEnd++
    else if (!joined || edits[next]?.start !== to) return { oldStart, from, to, newText, next }
  }
}

/**
 * Lines in a block of whole lines: each line ending ends one; at the end of the file, text after
 * the last line ending is one more line. A block that became empty has none.
 */
function countLines(block: string, atEndOfFile: boolean): number {
  let count = 0
  for (let index = block.indexOf('\n'); index !== -1; index = block.indexOf('\n', index + 1)) {
    count++
  }
  const tail = block.length - (block.lastIndexOf('\n') + 1)
  return count + (atEndOfFile && tail > 0 ? 1 : 0)
}
