// The lines of a pull request's diff, from the `patch` hunks pulls.listFiles returns.
import { describe, expect, it } from 'vitest'
import { parsePatch } from '../../src/github/pull-files.js'

describe('parsePatch', () => {
  it('numbers head lines across hunks: added and context lines, never removed ones', () => {
    const patch = [
      '@@ -10,4 +10,5 @@ spec:',
      '           ports:',
      '-            - containerPort: 80',
      '+            - containerPort: 8080',
      '+              hostPort: 8080',
      '               protocol: TCP',
      '@@ -40,2 +41,2 @@',
      ' a',
      '-b',
      '+c',
      '\\ No newline at end of file'
    ].join('\n')
    const { added, diffLines, text } = parsePatch(patch)
    expect([...added]).toEqual([11, 12, 42])
    expect([...diffLines]).toEqual([10, 11, 12, 13, 41, 42])
    // What the diff shows on each line, and which hunk it is in (a suggestion stays in one).
    expect(text.get(12)).toEqual({ text: '              hostPort: 8080', hunk: 0 })
    expect(text.get(13)).toEqual({ text: '              protocol: TCP', hunk: 0 })
    expect(text.get(42)).toEqual({ text: 'c', hunk: 1 })
  })

  it('ignores a trailing newline and text before the first hunk', () => {
    const { added, diffLines } = parsePatch('garbage\n@@ -0,0 +1,2 @@\n+a\n+b\n')
    expect([...added]).toEqual([1, 2])
    expect([...diffLines]).toEqual([1, 2])
  })
})
