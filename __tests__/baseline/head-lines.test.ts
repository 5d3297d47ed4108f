// The checkout's lines as the head commit's: GitHub checks out the merge of the PR into its
// base branch, the diff and the review speak of the head. Mapped through `git diff <head>`.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  mapLine,
  parseUnifiedDiff,
  readHeadLines,
  unquoteGitPath,
  type Hunk
} from '../../src/baseline/head-lines.js'
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js'

const hunk = (
  headStart: number,
  headCount: number,
  checkoutStart: number,
  checkoutCount: number
): Hunk => ({
  headStart,
  headCount,
  checkoutStart,
  checkoutCount
})

describe('mapLine', () => {
  it('shifts lines below lines the checkout added, and has nothing for the added ones', () => {
    const added = [hunk(0, 0, 1, 2)] // two lines at the top
    expect(mapLine(added, 1, 'checkout')).toBeUndefined()
    expect(mapLine(added, 2, 'checkout')).toBeUndefined()
    expect(mapLine(added, 3, 'checkout')).toBe(1)
    expect(mapLine(added, 476, 'checkout')).toBe(474)
    expect(mapLine(added, 1, 'head')).toBe(3)
  })

  it('follows deletions and replacements, hunk after hunk', () => {
    // Head line 3 deleted, head line 10 replaced by two lines.
    const hunks = [hunk(3, 1, 2, 0), hunk(10, 1, 9, 2)]
    expect(mapLine(hunks, 2, 'checkout')).toBe(2)
    expect(mapLine(hunks, 3, 'checkout')).toBe(4)
    expect(mapLine(hunks, 8, 'checkout')).toBe(9)
    expect(mapLine(hunks, 9, 'checkout')).toBeUndefined()
    expect(mapLine(hunks, 10, 'checkout')).toBeUndefined()
    expect(mapLine(hunks, 11, 'checkout')).toBe(11)
    expect(mapLine(hunks, 3, 'head')).toBeUndefined()
    expect(mapLine(hunks, 4, 'head')).toBe(3)
    expect(mapLine(hunks, 11, 'head')).toBe(11)
  })
})

describe('parseUnifiedDiff', () => {
  it('reads the hunks of each file, quoted names included, and skips deleted files', () => {
    const diff = [
      'diff --git a/k8s/a.yaml b/k8s/a.yaml',
      '--- a/k8s/a.yaml',
      '+++ b/k8s/a.yaml',
      '@@ -0,0 +1,2 @@',
      '+# one',
      '+# two',
      '@@ -7 +9 @@',
      '-x',
      '+y',
      'diff --git "a/k8s/caf\\303\\251 \\"x\\".yaml" "b/k8s/caf\\303\\251 \\"x\\".yaml"',
      '--- "a/k8s/caf\\303\\251 \\"x\\".yaml"',
      '+++ "b/k8s/caf\\303\\251 \\"x\\".yaml"',
      '@@ -3,2 +3,0 @@',
      'diff --git a/k8s/gone.yaml b/k8s/gone.yaml',
      '--- a/k8s/gone.yaml',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@'
    ].join('\n')
    const files = parseUnifiedDiff(diff)
    expect([...files.keys()]).toEqual(['k8s/a.yaml', 'k8s/café "x".yaml'])
    expect(files.get('k8s/a.yaml')).toEqual([hunk(0, 0, 1, 2), hunk(7, 1, 9, 1)])
    expect(files.get('k8s/café "x".yaml')).toEqual([hunk(3, 2, 3, 0)])
  })

  it('unquotes what git quotes', () => {
    expect(unquoteGitPath('"b/a\\tb\\\\c"')).toBe('b/a\tb\\c')
    expect(unquoteGitPath('b/plain.yaml')).toBe('b/plain.yaml')
  })
})

describe('readHeadLines', () => {
  let repo: TestRepo | undefined
  afterEach(async () => {
    await repo?.remove()
    repo = undefined
  })

  const lines = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, index) => `${prefix}: ${index + 1}`).join('\n') + '\n'

  it('maps the lines of a checkout the base branch changed above the PR, and of untouched files', async () => {
    repo = await createTestRepo()
    const head = await repo.commit(
      { 'deploy/k8s/app.yaml': lines(20, 'line'), 'deploy/k8s/same.yaml': lines(5, 'same') },
      'the head'
    )
    // The checkout: 15 lines above, a file the head does not have, an untracked file.
    await fs.writeFile(
      path.join(repo.dir, 'deploy/k8s/app.yaml'),
      lines(15, 'main') + lines(20, 'line')
    )
    await fs.writeFile(path.join(repo.dir, 'deploy/k8s/late.yaml'), lines(3, 'late'))
    repo.git('add', 'deploy/k8s/late.yaml')
    await fs.writeFile(path.join(repo.dir, 'deploy/k8s/rendered.yaml'), lines(3, 'rendered'))

    const map = await readHeadLines({
      root: path.join(repo.dir, 'deploy'),
      headSha: head,
      files: ['k8s/app.yaml', 'k8s/same.yaml', 'k8s/late.yaml', 'k8s/rendered.yaml']
    })
    expect(map.problem).toBeUndefined()
    expect(map.toHead('k8s/app.yaml', 16)).toBe(1)
    expect(map.toHead('k8s/app.yaml', 35)).toBe(20)
    expect(map.toHead('k8s/app.yaml', 15)).toBeUndefined()
    expect(map.toCheckout('k8s/app.yaml', 20)).toBe(35)
    expect(map.toHead('k8s/same.yaml', 4)).toBe(4)
    expect(map.toHead('k8s/late.yaml', 1)).toBeUndefined()
    expect(map.toHead('k8s/rendered.yaml', 1)).toBeUndefined()
  })

  it('takes the lines as they are, and says why, when the head commit cannot be had', async () => {
    repo = await createTestRepo()
    await repo.commit({ 'app.yaml': lines(3, 'line') }, 'the head')
    const missing = 'f'.repeat(40)
    const map = await readHeadLines({ root: repo.dir, headSha: missing, files: ['app.yaml'] })
    expect(map.problem).toContain('the head commit fffffff')
    expect(map.toHead('app.yaml', 2)).toBe(2)
  })
})
