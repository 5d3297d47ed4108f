// The text applier behind --fix (src/fix/apply.ts) and the unified diff of --fix-dry-run
// (src/fix/diff.ts): pure functions, checked on examples and as properties over random texts and
// random fixes.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyFixes, dominantLineEnding } from '../../src/fix/apply.js'
import { splitLines, unifiedDiff } from '../../src/fix/diff.js'
import type { Fix } from '../../src/model.js'

function fix(
  line: number,
  column: number,
  endLine: number | undefined,
  endColumn: number | undefined,
  replacement: string
): Fix {
  return {
    description: 'test fix',
    location: {
      file: 'f.yaml',
      line,
      column,
      ...(endLine !== undefined ? { endLine } : {}),
      ...(endColumn !== undefined ? { endColumn } : {})
    },
    replacement
  }
}

/** The offset of a 1-based line and column, counting lines by `\n` as the parser does. */
function offset(text: string, line: number, column: number): number {
  let at = 0
  for (let current = 1; current < line; current++) at = text.indexOf('\n', at) + 1
  return at + column - 1
}

/** A position (line, column) for every offset of the text that is not inside a line ending. */
function positions(text: string): Array<{ line: number; column: number; offset: number }> {
  const result: Array<{ line: number; column: number; offset: number }> = []
  let line = 1
  let column = 1
  for (let index = 0; index <= text.length; index++) {
    // A column may stand on the line's end (before `\r\n` or `\n`), never between `\r` and `\n`.
    if (!(text[index] === '\n' && text[index - 1] === '\r')) {
      result.push({ line, column, offset: index })
    }
    if (text[index] === '\n') {
      line++
      column = 1
    } else column++
  }
  return result
}

/** Applies a unified diff (as `patch` would) to a text: the reference for the diff's property. */
function patch(text: string, diff: string): string {
  const oldLines = splitLines(text).map((line) => line.content + line.eol)
  const out: string[] = []
  let at = 0
  const diffLines = diff.split('\n')
  for (let index = 2; index < diffLines.length; index++) {
    const header = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(diffLines[index]!)
    if (!header) continue
    const oldStart = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1
    while (at < oldStart) out.push(oldLines[at++]!)
    for (index++; index < diffLines.length && !diffLines[index]!.startsWith('@@'); index++) {
      const line = diffLines[index]!
      const noEol = diffLines[index + 1] === '\\ No newline at end of file'
      const content = line.slice(1) + (noEol ? '' : '\n')
      if (line.startsWith(' ')) {
        expect(oldLines[at]).toBe(content)
        out.push(oldLines[at++]!)
      } else if (line.startsWith('-')) {
        expect(oldLines[at]).toBe(content)
        at++
      } else if (line.startsWith('+')) out.push(content)
      if (noEol) index++
    }
    index--
  }
  while (at < oldLines.length) out.push(oldLines[at++]!)
  return out.join('')
}

describe('applyFixes', () => {
  it('replaces a region on one line', () => {
    const text = 'ports:\n  - hostPort: 80\n'
    const result = applyFixes(text, [fix(2, 15, 2, 17, '8080')])
    expect(result.text).toBe('ports:\n  - hostPort: 8080\n')
    expect(result.applied).toHaveLength(1)
  })

  it('takes a missing end as the end of the start line', () => {
    expect(applyFixes('a: tcp\nb: 1\n', [fix(1, 4, undefined, undefined, 'TCP')]).text).toBe(
      'a: TCP\nb: 1\n'
    )
  })

  it('removes whole lines when the region ends at the start of a line', () => {
    const text = 'web:\n  network_mode: host\n  ports:\n    - "80:80"\nnext: 1\n'
    expect(applyFixes(text, [fix(3, 1, 5, 1, '')]).text).toBe(
      'web:\n  network_mode: host\nnext: 1\n'
    )
  })

  it('keeps CRLF line endings, also in a replacement written with \\n', () => {
    const text = 'a: 1\r\n<!-- start -->\r\nold\r\n<!-- end -->\r\nz\r\n'
    const result = applyFixes(text, [
      fix(2, 1, 4, 13, '<!-- start -->\nnew 1\nnew 2\n<!-- end -->')
    ])
    expect(result.text).toBe('a: 1\r\n<!-- start -->\r\nnew 1\r\nnew 2\r\n<!-- end -->\r\nz\r\n')
    expect(result.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('columns of a CRLF line stop before its \\r', () => {
    // Column 7 is the end of "a: tcp"; column 8 would be between \r and \n.
    expect(applyFixes('a: tcp\r\n', [fix(1, 4, 1, 7, 'TCP')]).text).toBe('a: TCP\r\n')
    expect(applyFixes('a: tcp\r\n', [fix(1, 4, 1, 8, 'TCP')]).invalid).toHaveLength(1)
  })

  it('refuses a place the text does not have, and changes nothing for it', () => {
    const result = applyFixes('a: 1\n', [
      fix(3, 1, 3, 2, 'x'),
      fix(1, 9, 1, 10, 'x'),
      fix(1, 3, 1, 2, 'x')
    ])
    expect(result.text).toBe('a: 1\n')
    expect(result.invalid).toHaveLength(3)
  })

  it('applies the first of two overlapping fixes and defers the other', () => {
    const first = fix(1, 1, 1, 5, 'AAAA')
    const second = fix(1, 3, 1, 7, 'BBBB')
    const result = applyFixes('0123456789\n', [second, first])
    expect(result.text).toBe('AAAA456789\n')
    expect(result.applied).toEqual([first])
    expect(result.deferred).toEqual([second])
  })

  it('applies two insertions at one place once', () => {
    const result = applyFixes('x\n', [fix(1, 1, 1, 1, 'a'), fix(1, 1, 1, 1, 'b')])
    expect(result.text).toBe('ax\n')
    expect(result.deferred).toHaveLength(1)
  })

  it('says which line ending a text mostly uses', () => {
    expect(dominantLineEnding('a\r\nb\r\nc\n')).toBe('\r\n')
    expect(dominantLineEnding('a\nb\r\nc\n')).toBe('\n')
    expect(dominantLineEnding('no line ending')).toBe('\n')
  })
})

/** A YAML-ish text: lines of letters, spaces, colons, quotes, with LF or CRLF endings. */
const lineArb = fc.stringMatching(/^[a-z0-9 :"'-]{0,12}$/)
const textArb = fc
  .tuple(fc.array(lineArb, { maxLength: 12 }), fc.boolean(), fc.boolean())
  .map(([lines, crlf, finalNewline]) => {
    const eol = crlf ? '\r\n' : '\n'
    return lines.join(eol) + (finalNewline && lines.length > 0 ? eol : '')
  })
const replacementArb = fc
  .array(lineArb, { minLength: 1, maxLength: 3 })
  .map((lines) => lines.join('\n'))

/** A text and a fix whose region is a valid place in it. */
const textAndFixArb = textArb.chain((text) => {
  const places = positions(text)
  return fc
    .tuple(
      fc.integer({ min: 0, max: places.length - 1 }),
      fc.integer({ min: 0, max: places.length - 1 }),
      replacementArb
    )
    .map(([a, b, replacement]) => {
      const [start, end] = [places[Math.min(a, b)]!, places[Math.max(a, b)]!]
      return {
        text,
        fix: fix(start.line, start.column, end.line, end.column, replacement),
        start,
        end
      }
    })
})

describe('applyFixes, properties', () => {
  it('no fix: the text unchanged', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(applyFixes(text, []).text).toBe(text)
      })
    )
  })

  it('one fix: the text outside its region is unchanged, the region holds the replacement', () => {
    fc.assert(
      fc.property(textAndFixArb, ({ text, fix: one, start, end }) => {
        const result = applyFixes(text, [one])
        const replacement = one.replacement.replace(/\n/g, dominantLineEnding(text))
        expect(result.applied).toEqual([one])
        expect(result.text).toBe(text.slice(0, start.offset) + replacement + text.slice(end.offset))
      })
    )
  })

  it('a CRLF text stays CRLF whatever the fixes', () => {
    fc.assert(
      fc.property(
        textArb.filter((text) => text.includes('\r\n')),
        fc.array(fc.tuple(fc.nat(), fc.nat(), replacementArb), { maxLength: 4 }),
        (text, picks) => {
          const places = positions(text)
          const fixes = picks.map(([a, b, replacement]) => {
            const [start, end] = [
              places[Math.min(a, b) % places.length]!,
              places[Math.max(a, b) % places.length]!
            ]
            const [first, second] = start.offset <= end.offset ? [start, end] : [end, start]
            return fix(first.line, first.column, second.line, second.column, replacement)
          })
          const result = applyFixes(text, fixes)
          expect(result.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
        }
      )
    )
  })

  it('many fixes: the applied ones do not overlap, and each fix is applied, deferred or invalid', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 14 }),
            fc.integer({ min: 1, max: 16 }),
            fc.nat(3),
            fc.nat(16),
            replacementArb
          ),
          { maxLength: 6 }
        ),
        (text, picks) => {
          const fixes = picks.map(([line, column, lines, endColumn, replacement]) =>
            fix(line, column, line + lines, endColumn, replacement)
          )
          const result = applyFixes(text, fixes)
          expect(result.applied.length + result.deferred.length + result.invalid.length).toBe(
            fixes.length
          )
          const regions = result.applied
            .map((each) => [
              offset(text, each.location.line, each.location.column),
              offset(text, each.location.endLine!, each.location.endColumn!)
            ])
            .sort((a, b) => a[0]! - b[0]!)
          for (let index = 1; index < regions.length; index++) {
            expect(regions[index]![0]).toBeGreaterThanOrEqual(regions[index - 1]![1]!)
          }
          // Applied one by one from the last to the first, the same text.
          let oneByOne = text
          for (const each of [...result.applied].reverse())
            oneByOne = applyFixes(oneByOne, [each]).text
          expect(result.text).toBe(oneByOne)
        }
      )
    )
  })

  it('the unified diff turns the old text into the new one', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.tuple(fc.nat(), fc.nat(), replacementArb), { maxLength: 4 }),
        (text, picks) => {
          const places = positions(text)
          const fixes = picks.map(([a, b, replacement]) => {
            const [x, y] = [places[a % places.length]!, places[b % places.length]!]
            const [first, second] = x.offset <= y.offset ? [x, y] : [y, x]
            return fix(first.line, first.column, second.line, second.column, replacement)
          })
          const result = applyFixes(text, fixes)
          const diff = unifiedDiff('f.yaml', text, result.text, result.changes)
          if (result.text === text) expect(diff).toBe('')
          else expect(patch(text, diff)).toBe(result.text)
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe('unifiedDiff', () => {
  it('writes git-style headers, hunks with three lines of context, and merges close changes', () => {
    const before = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`).join('\n') + '\n'
    const result = applyFixes(before, [
      fix(5, 6, 5, 7, 'five'),
      fix(8, 6, 8, 7, 'eight'),
      fix(18, 6, 18, 8, 'eighteen')
    ])
    expect(unifiedDiff('k8s/a.yaml', before, result.text, result.changes)).toBe(
      [
        '--- a/k8s/a.yaml',
        '+++ b/k8s/a.yaml',
        '@@ -2,10 +2,10 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        ' line 7',
        '-line 8',
        '+line eight',
        ' line 9',
        ' line 10',
        ' line 11',
        '@@ -15,6 +15,6 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        '+line eighteen',
        ' line 19',
        ' line 20',
        ''
      ].join('\n')
    )
  })

  it('marks a last line without a line ending, and counts removed lines', () => {
    const before = 'a\nports:\n  - "80:80"\nz'
    const result = applyFixes(before, [fix(2, 1, 4, 1, ''), fix(4, 1, 4, 2, 'y')])
    expect(unifiedDiff('c.yaml', before, result.text, result.changes)).toBe(
      [
        '--- a/c.yaml',
        '+++ b/c.yaml',
        '@@ -1,4 +1,2 @@',
        ' a',
        '-ports:',
        '-  - "80:80"',
        '-z',
        '\\ No newline at end of file',
        '+y',
        '\\ No newline at end of file',
        ''
      ].join('\n')
    )
  })

  it('writes control characters and bidi overrides escaped, a tab as it is', () => {
    const before = 'name: "\u001b[2Jx\u202e"\n\tport: tcp\n'
    const result = applyFixes(before, [fix(2, 8, 2, 11, 'TCP')])
    const diff = unifiedDiff('x.yaml', before, result.text, result.changes)
    expect(diff).toContain(' name: "\\u001b[2Jx\\u202e"\n')
    expect(diff).toContain('+\tport: TCP\n')
    expect(diff.includes('\u001b') || diff.includes('\u202e')).toBe(false)
  })

  it('is a patch git apply accepts, CRLF included', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'port-hygiene-diff-'))
    try {
      const before = 'apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  ports:\r\n    - hostPort: 80\r\n'
      writeFileSync(path.join(folder, 'pod.yaml'), before)
      const result = applyFixes(before, [fix(5, 17, 5, 19, '8080')])
      writeFileSync(
        path.join(folder, 'fix.diff'),
        unifiedDiff('pod.yaml', before, result.text, result.changes)
      )
      execFileSync('git', ['apply', 'fix.diff'], { cwd: folder })
      expect(readFileSync(path.join(folder, 'pod.yaml'), 'utf8')).toBe(result.text)
      expect(result.text).toContain('hostPort: 8080\r\n')
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
