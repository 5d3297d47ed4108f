// Planning the inline review: only diff lines, the other side of a conflict when the rule
// reported it on an untouched file, suggestions fenced so the text cannot close them.
import { describe, expect, it } from 'vitest'
import { fenced, planReview, suggestionFor } from '../../src/github/review.js'
import { identityOf } from '../../src/rules/identity.js'
import type { ChangedFile } from '../../src/github/pull-files.js'
import { at, finding } from '../helpers/result.js'

/** A changed file whose diff shows `lines` (one hunk per run of consecutive lines). */
const changed = (
  path: string,
  lines: number[],
  text = (line: number) => `line ${line}`
): ChangedFile => {
  let hunk = -1
  const diffText = new Map<number, { text: string; hunk: number }>()
  for (const line of lines) {
    if (!diffText.has(line - 1)) hunk++
    diffText.set(line, { text: text(line), hunk })
  }
  return { path, status: 'modified', added: new Set(lines), diffLines: new Set(lines), diffText }
}

describe('planReview', () => {
  const onDiff = finding({ location: at('k8s/new.yaml', 28, 15) })
  onDiff.fix = {
    description: 'Use host port 9101.',
    location: { file: 'k8s/new.yaml', line: 28, column: 1, endLine: 28, endColumn: 29 },
    replacement: '              hostPort: 9101',
    wholeLines: { line: 28, endLine: 28, text: '              hostPort: 9101' }
  }
  const otherSide = finding({
    location: at('k8s/old.yaml', 28, 15),
    related: [{ location: at('k8s/new.yaml', 40, 15), message: 'another claim' }]
  })
  const outside = finding({ location: at('k8s/untouched.yaml', 3, 1) })
  const input = {
    findings: [onDiff, otherSide, outside],
    changedFiles: [changed('deploy/k8s/new.yaml', [27, 28, 29, 40])],
    repositoryPath: (file: string) => `deploy/${file}`,
    mode: 'suggestions' as const,
    scope: 'deploy'
  }

  it('comments on diff lines only, moving to the related place the PR added', () => {
    const plan = planReview(input)
    expect(plan.comments.map((c) => [c.path, c.line])).toEqual([
      ['deploy/k8s/new.yaml', 28],
      ['deploy/k8s/new.yaml', 40]
    ])
    expect([...plan.notPlanned]).toEqual([[identityOf(outside), 'outside-diff']])
    expect(plan.comments[1]!.body).toContain('Reported at k8s/old.yaml:28')
  })

  it('carries the finding identity and a suggestion that replaces the line', () => {
    const [first] = planReview(input).comments
    expect(
      first!.body.startsWith(`<!-- port-hygiene-finding deploy: ${first!.identity} -->\n`)
    ).toBe(true)
    expect(first!.body).toContain('```suggestion\n              hostPort: 9101\n```')
  })

  it('gives no suggestion with review: comments, only the fix in words', () => {
    const [first] = planReview({ ...input, mode: 'comments' }).comments
    expect(first!.body).not.toContain('```suggestion')
    expect(first!.body).toContain('**Fix:** Use host port 9101.')
  })

  it('never comments a finding on a line the head does not have, not even on its other side', () => {
    const merged = finding({
      location: { ...at('k8s/late.yaml', 476, 15), notInHead: true },
      related: [{ location: at('k8s/new.yaml', 40, 15), message: 'another claim' }]
    })
    const plan = planReview({ ...input, findings: [merged] })
    expect(plan.comments).toEqual([])
    expect([...plan.notPlanned.values()]).toEqual(['not-in-head'])
  })

  it('comments only where the diff shows the line as it was scanned', () => {
    const scannedText = (file: string, line: number) =>
      file === 'k8s/new.yaml' && line === 28 ? '              hostPort: 9100' : `line ${line}`
    const plan = planReview({ ...input, findings: [onDiff], scannedText })
    // The diff shows "line 28" at head line 28: not the text the finding is about.
    expect(plan.comments).toEqual([])
    expect([...plan.notPlanned.values()]).toEqual(['not-in-head'])
    const same = planReview({
      ...input,
      findings: [onDiff],
      scannedText: (_file, line) => `line ${line}`
    })
    expect(same.comments.map((c) => c.line)).toEqual([28])
  })
})

describe('suggestionFor', () => {
  const removal = finding({ ruleId: 'host-network-ports', location: at('compose.yaml', 7, 5) })
  removal.fix = {
    description: 'Remove `ports:`',
    location: { file: 'compose.yaml', line: 7, column: 1, endLine: 10, endColumn: 1 },
    replacement: '',
    wholeLines: { line: 7, endLine: 9, text: '' }
  }

  it('makes a removal an empty block, which GitHub applies as deleting the lines', () => {
    const suggestion = suggestionFor(removal, changed('compose.yaml', [5, 6, 7, 8, 9, 10]))
    expect(suggestion).toEqual({ startLine: 7, line: 9, block: '```suggestion\n```' })
  })

  it('offers none across two hunks, or when a line of it is not in the diff', () => {
    expect(suggestionFor(removal, changed('compose.yaml', [6, 7, 9, 10]))).toBeUndefined()
    expect(suggestionFor(removal, changed('compose.yaml', [7, 8]))).toBeUndefined()
  })
})

describe('fenced', () => {
  it('uses a fence longer than any backtick run in the text', () => {
    expect(fenced('suggestion', 'a ``` b')).toBe('````suggestion\na ``` b\n````')
    expect(fenced('suggestion', 'plain')).toBe('```suggestion\nplain\n```')
  })

  it('writes no line at all for empty text', () => {
    expect(fenced('suggestion', '')).toBe('```suggestion\n```')
  })

  it('measures a line of 200,000 backtick runs without spreading them into one call', () => {
    // Math.max(...runs) threw "Maximum call stack size exceeded" on such a line.
    const text = '`a'.repeat(199_999) + '``a'
    expect(fenced('suggestion', text)).toBe(`\`\`\`suggestion\n${text}\n\`\`\``)
  })
})
