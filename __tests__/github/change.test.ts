// What a pull request changes: the notes a reader of the comment gets name no runner path.
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { withoutRunnerPaths } from '../../src/github/change.js'

describe('withoutRunnerPaths', () => {
  const workspace = '/home/runner/work/platform/platform'

  it('shows paths inside the workspace relative to it, the workspace as such', () => {
    expect(
      withoutRunnerPaths(
        `${workspace} is not in a git repository (fatal: not a git repository: ${workspace}/.git)`,
        workspace
      )
    ).toBe('the workspace is not in a git repository (fatal: not a git repository: .git)')
    expect(withoutRunnerPaths(`${workspace}/k8s is not in a git repository`, `${workspace}/`)).toBe(
      'k8s is not in a git repository'
    )
  })

  it('leaves a longer name that only starts like the workspace alone', () => {
    expect(withoutRunnerPaths(`${workspace}-other/x`, workspace)).toBe(`${workspace}-other/x`)
  })

  it('names a temporary folder as such, also when the workspace is inside it', () => {
    const temp = path.join(tmpdir(), 'port-hygiene-base-AbC123')
    expect(withoutRunnerPaths(`tar: ${temp}/k8s: Cannot open`, workspace)).toBe(
      'tar: a temporary folder: Cannot open'
    )
    const inTemp = path.join(tmpdir(), 'e2e', 'workspace')
    expect(withoutRunnerPaths(`${inTemp} is not in a git repository`, inTemp)).toBe(
      'the workspace is not in a git repository'
    )
  })
})
