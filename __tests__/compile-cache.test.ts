// When the CLI turns on Node's compile cache (src/compile-cache.ts): never inside GitHub Actions,
// never in a folder the scan could read, never in a folder someone else owns or can write.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  compileCacheDirectory,
  decideCompileCache,
  type CompileCacheSetting
} from '../src/compile-cache.js'

const ours = { isDirectory: () => true, uid: 1000, mode: 0o40755 }

/** A machine where /tmp exists, the user is 1000, and `links` are symbolic links. */
function setting(
  more: Partial<CompileCacheSetting> & { links?: Record<string, string> } = {}
): CompileCacheSetting {
  const links = more.links ?? {}
  return {
    env: {},
    cwd: '/home/ada/repo',
    args: [],
    tmpdir: '/tmp',
    realpath: (file) => {
      for (const [link, target] of Object.entries(links)) {
        if (file === link || file.startsWith(`${link}/`)) return target + file.slice(link.length)
      }
      if (file.startsWith('/home/ada') || file === '/tmp' || file === '/') return file
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
    },
    lstat: () => undefined,
    uid: 1000,
    ...more
  }
}

describe('the compile cache', () => {
  it("is on in Node's default folder for a scan of the current folder", () => {
    expect(decideCompileCache(setting())).toEqual({ directory: '/tmp/node-compile-cache' })
    expect(decideCompileCache(setting({ lstat: () => ours }))).toEqual({
      directory: '/tmp/node-compile-cache'
    })
  })

  it('is off inside GitHub Actions, and when Node is told not to', () => {
    expect(decideCompileCache(setting({ env: { GITHUB_ACTIONS: 'true' } }))).toEqual({
      off: 'inside GitHub Actions'
    })
    expect(decideCompileCache(setting({ env: { NODE_DISABLE_COMPILE_CACHE: '1' } }))).toEqual({
      off: 'NODE_DISABLE_COMPILE_CACHE is set'
    })
  })

  it('takes NODE_COMPILE_CACHE, relative to the current folder', () => {
    expect(compileCacheDirectory(setting({ env: { NODE_COMPILE_CACHE: '/var/ncc' } }))).toBe(
      '/var/ncc'
    )
    expect(compileCacheDirectory(setting({ env: { NODE_COMPILE_CACHE: '../ncc' } }))).toBe(
      '/home/ada/ncc'
    )
    expect(decideCompileCache(setting({ env: { NODE_COMPILE_CACHE: '/var/ncc' } }))).toEqual({
      directory: '/var/ncc'
    })
  })

  it.each([
    ['NODE_COMPILE_CACHE in the current folder', { env: { NODE_COMPILE_CACHE: '.cache' } }],
    ['NODE_COMPILE_CACHE named as "..cache" in it', { env: { NODE_COMPILE_CACHE: '..cache' } }],
    ['the current folder is the temporary folder', { cwd: '/tmp' }],
    ['the current folder is the root', { cwd: '/' }],
    ['a scanned path holds the default folder', { args: ['/tmp'] }],
    ['a scanned path, after an option', { args: ['--format', 'json', '/tmp/'] }],
    ['a scanned path as --option=value', { args: ['--config=/tmp/x.yml'] }],
    ['a glob over the temporary folder', { args: ['/tmp/**/*.yaml'] }],
    // planScan roots the scan at the folder holding every path when one is outside the current one.
    ['the folder holding the paths', { args: ['/tmp/a/x.yaml', '/tmp/b/y.yaml'] }],
    [
      'NODE_COMPILE_CACHE a link into the repository',
      {
        env: { NODE_COMPILE_CACHE: '/home/ada/ncc' },
        links: { '/home/ada/ncc': '/home/ada/repo/c' }
      }
    ],
    [
      'the current folder a link to a folder holding the cache',
      { cwd: '/home/ada/tmp-link', links: { '/home/ada/tmp-link': '/tmp' } }
    ]
  ] as const)('is off when the cache folder could be scanned: %s', (_name, more) => {
    const decision = decideCompileCache(setting(more as Partial<CompileCacheSetting>))
    expect(decision).toHaveProperty('off')
    expect((decision as { off: string }).off).toMatch(/ is inside ".*", which may be scanned$/)
  })

  it('is on when every folder the scan could be rooted at is away from it', () => {
    for (const args of [
      ['k8s', 'compose.yaml', '--format', 'json'],
      ['/home/ada/other', 'k8s']
    ]) {
      expect(decideCompileCache(setting({ args })), args.join(' ')).toEqual({
        directory: '/tmp/node-compile-cache'
      })
    }
  })

  it.each([
    ['another user owns it', { ...ours, uid: 0 }, 'belongs to another user'],
    ['the group can write it', { ...ours, mode: 0o40775 }, 'is writable by others'],
    ['anyone can write it', { ...ours, mode: 0o40777 }, 'is writable by others'],
    ['it is a link or a file', { ...ours, isDirectory: () => false }, 'is not a folder']
  ])('is off when %s', (_name, stats, reason) => {
    expect(decideCompileCache(setting({ lstat: () => stats }))).toEqual({
      off: `"/tmp/node-compile-cache" ${reason}`
    })
  })

  it('leaves owners to Windows, which has no such ids', () => {
    const windows = setting({ uid: undefined, lstat: () => ({ ...ours, uid: 0, mode: 0o40777 }) })
    expect(decideCompileCache(windows)).toEqual({
      directory: path.join('/tmp', 'node-compile-cache')
    })
  })
})
