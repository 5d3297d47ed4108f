// A unified diff of what `--fix` would change, built from the changes the applier made (it knows
// exactly which lines each fix touched, so no diff algorithm is needed): `--- a/<file>`,
// `+++ b/<file>` and hunks with three lines of context, as `git diff` writes them, so that
// `git apply` (or `patch -p1`) applies the output. Lines come from the scanned repository, so
// control characters and bidirectional overrides in them are written escaped (`\u001b`), as in
// the text report; a tab and a CRLF line ending stay as they are.
import { escapeControls } from '../model.js'
import type { LineChange } from './apply.js'

const CONTEXT = 3

export interface Line {
  content: string
  /** '' for a last line without a line ending. */
  eol: '' | '\n' | '\r\n'
}

export function unifiedDiff(
  file: string,
  before: string,
  after: string,
  changes: readonly LineChange[]
): string {
  if (changes.length === 0 || before === after) return ''
  const oldLines = splitLines(before)
  const newLines = splitLines(after)
  const name = escapeControls(file)
  const out = [`--- a/${name}\n`, `+++ b/${name}\n`]
  for (const hunk of hunksOf(changes)) {
    out.push(renderHunk(hunk, oldLines, newLines))
  }
  return out.join('')
}

/** Changes close enough to share their context lines go into one hunk. */
function hunksOf(changes: readonly LineChange[]): LineChange[][] {
  const hunks: LineChange[][] = []
  for (const change of changes) {
    const hunk = hunks[hunks.length - 1]
    const last = hunk?.[hunk.length - 1]
    if (hunk && last && change.oldStart - last.oldEnd <= 2 * CONTEXT) hunk.push(change)
    else hunks.push([change])
  }
  return hunks
}

function renderHunk(
  hunk: readonly LineChange[],
  oldLines: readonly Line[],
  newLines: readonly Line[]
): string {
  const first = hunk[0]!
  const last = hunk[hunk.length - 1]!
  const oldFrom = Math.max(0, first.oldStart - CONTEXT)
  const oldTo = Math.min(oldLines.length, last.oldEnd + CONTEXT)
  // Context is the same on both sides: the new side starts as many lines before its change.
  const newFrom = first.newStart - (first.oldStart - oldFrom)
  const newTo = last.newEnd + (oldTo - last.oldEnd)
  const body: string[] = []
  let at = oldFrom
  for (const change of hunk) {
    for (; at < change.oldStart; at++) body.push(diffLine(' ', oldLines[at]!))
    for (let index = change.oldStart; index < change.oldEnd; index++) {
      body.push(diffLine('-', oldLines[index]!))
    }
    for (let index = change.newStart; index < change.newEnd; index++) {
      body.push(diffLine('+', newLines[index]!))
    }
    at = change.oldEnd
  }
  for (; at < oldTo; at++) body.push(diffLine(' ', oldLines[at]!))
  const header = `@@ -${range(oldFrom, oldTo - oldFrom)} +${range(newFrom, newTo - newFrom)} @@\n`
  return header + body.join('')
}

/** `start,count` with 1-based lines; an empty range names the line before it (0 at the top). */
function range(start: number, count: number): string {
  return `${count === 0 ? start : start + 1},${count}`
}

function diffLine(marker: ' ' | '-' | '+', line: Line): string {
  const content = line.content.split('\t').map(escapeControls).join('\t')
  return line.eol === ''
    ? `${marker}${content}\n\\ No newline at end of file\n`
    : `${marker}${content}${line.eol}`
}

/** The lines of a text as a diff counts them: text after the last line ending is one more line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let at = 0
  while (at < text.length) {
    const newline = text.indexOf('\n', at)
    if (newline === -1) {
      lines.push({ content: text.slice(at), eol: '' })
      break
    }
    const crlf = newline > at && text[newline - 1] === '\r'
    lines.push({ content: text.slice(at, crlf ? newline - 1 : newline), eol: crlf ? '\r\n' : '\n' })
    at = newline + 1
  }
  return lines
}
