// Issue 20: with PORT_HYGIENE_CACHE_DIR or XDG_CACHE_HOME inside the workspace, a cache committed
// in the pull request ran in the job. The CLI's own cache is gone; Node's compile cache, which
// took its place (src/compile-cache.ts), is never turned on in a folder the scan could read, on
// a real file system: named directly, reached through a symbolic link, or Node's default folder
// when the temporary folder itself is in the workspace.
import { lstatSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decideCompileCache, type CompileCacheSetting } from '../../src/compile-cache.js'

const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'port-hygiene-hostile-cache-')))
const workspace = path.join(base, 'workspace')
const outside = path.join(base, 'outside')
mkdirSync(path.join(workspace, '.cache', 'node-compile-cache'), { recursive: true })
mkdirSync(outside, { mode: 0o700 })
// A link outside the workspace to a folder the pull request committed.
symlinkSync(path.join(workspace, '.cache'), path.join(outside, 'cache-link'))

afterAll(() => rmSync(base, { recursive: true, force: true }))

/** The CLI started in the workspace (as a CI job runs it), on this machine's file system. */
function inWorkspace(env: Record<string, string>, args: string[] = []): CompileCacheSetting {
  return {
    env,
    cwd: workspace,
    args,
    tmpdir: env.TMPDIR ?? outside,
    realpath: (file) => realpathSync.native(file),
    lstat: (file) => lstatSync(file, { throwIfNoEntry: false }),
    uid: typeof process.getuid === 'function' ? process.getuid() : undefined
  }
}

describe('a compile cache planted in the scanned tree', () => {
  it.each([
    [
      'NODE_COMPILE_CACHE inside the workspace',
      { NODE_COMPILE_CACHE: '.cache/node-compile-cache' }
    ],
    [
      'NODE_COMPILE_CACHE a link into the workspace',
      { NODE_COMPILE_CACHE: path.join(outside, 'cache-link') }
    ],
    ['the temporary folder inside the workspace', { TMPDIR: path.join(workspace, '.cache') }],
    ['the temporary folder a link into the workspace', { TMPDIR: path.join(outside, 'cache-link') }]
  ])('is never turned on: %s', (_name, env) => {
    const decision = decideCompileCache(inWorkspace(env))
    expect(decision).not.toHaveProperty('directory')
    expect(decision).toHaveProperty('off', expect.stringMatching(/which may be scanned$/))
  })

  it('nor when the workspace is scanned from outside it', () => {
    const setting = {
      ...inWorkspace({ NODE_COMPILE_CACHE: path.join(workspace, '.cache') }),
      cwd: outside
    }
    expect(decideCompileCache({ ...setting, args: [workspace] })).toHaveProperty(
      'off',
      expect.stringMatching(/which may be scanned$/)
    )
  })

  it("ignores the old cache's variables: they no longer move anything", () => {
    const env = {
      PORT_HYGIENE_CACHE_DIR: path.join(workspace, '.cache'),
      XDG_CACHE_HOME: path.join(workspace, '.cache')
    }
    // Outside the workspace, in a folder of the user's own: on, there and only there.
    expect(decideCompileCache(inWorkspace(env))).toEqual({
      directory: path.join(outside, 'node-compile-cache')
    })
  })

  it('is never turned on inside GitHub Actions, wherever the folder is', () => {
    expect(decideCompileCache(inWorkspace({ GITHUB_ACTIONS: 'true' }))).toEqual({
      off: 'inside GitHub Actions'
    })
  })
})
