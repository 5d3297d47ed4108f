// Planning the inline review: only diff lines, the other side of a conflict when the rule
// reported it on an untouched file, suggestions fenced so the text cannot close them.
import { describe, expect, it } from 'vitest'
import { fenced, planReview } from '../../src/github/review.js'
import type { ChangedFile } from '../../src/github/pull-files.js'
import { at, finding } from '../helpers/result.js'

const changed = (path: string, lines: number[]): ChangedFile => ({
  path,
  status: 'modified',
  added: new Set(lines),
  diffLines: new Set(lines)
})

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
    expect(plan.outsideDiff).toBe(1)
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
})

describe('fenced', () => {
  it('uses a fence longer than any backtick run in the text', () => {
    expect(fenced('suggestion', 'a ``` b')).toBe('````suggestion\na ``` b\n````')
    expect(fenced('suggestion', 'plain')).toBe('```suggestion\nplain\n```')
  })
})
