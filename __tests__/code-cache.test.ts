import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  buildIdOf,
  bundleStamp,
  codeCacheDirectory,
  codeCacheFile,
  readCodeCache,
  writeCodeCache
} from '../src/code-cache.js'

const home = () => '/home/ada'

describe('codeCacheDirectory', () => {
  it('is the user cache folder of each platform', () => {
    expect(codeCacheDirectory({}, 'linux', home)).toBe('/home/ada/.cache/port-hygiene')
    expect(codeCacheDirectory({ XDG_CACHE_HOME: '/var/cache/ada' }, 'linux', home)).toBe(
      '/var/cache/ada/port-hygiene'
    )
    // The XDG spec: a relative XDG_CACHE_HOME is ignored.
    expect(codeCacheDirectory({ XDG_CACHE_HOME: 'cache' }, 'linux', home)).toBe(
      '/home/ada/.cache/port-hygiene'
    )
    expect(codeCacheDirectory({}, 'darwin', home)).toBe('/home/ada/Library/Caches/port-hygiene')
    expect(
      codeCacheDirectory({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', home)
    ).toBe(path.join('C:\\Users\\ada\\AppData\\Local', 'port-hygiene', 'Cache'))
  })

  it('is off when asked, or when there is no place for it', () => {
    for (const value of ['off', 'OFF', '0', 'false', 'no']) {
      expect(
        codeCacheDirectory({ PORT_HYGIENE_CACHE: value }, 'linux', home),
        value
      ).toBeUndefined()
    }
    expect(codeCacheDirectory({ PORT_HYGIENE_CACHE: 'on' }, 'linux', home)).toBeDefined()
    expect(codeCacheDirectory({}, 'win32', home)).toBeUndefined()
    const noHome = () => {
      throw new Error('ENOENT: no home')
    }
    expect(codeCacheDirectory({}, 'linux', noHome)).toBeUndefined()
  })

  it('moves with PORT_HYGIENE_CACHE_DIR, resolved from the working folder', () => {
    expect(codeCacheDirectory({ PORT_HYGIENE_CACHE_DIR: '/srv/cache' }, 'linux', home)).toBe(
      '/srv/cache'
    )
    expect(codeCacheDirectory({ PORT_HYGIENE_CACHE_DIR: 'c' }, 'linux', home)).toBe(
      path.resolve('c')
    )
    expect(
      codeCacheDirectory(
        { PORT_HYGIENE_CACHE_DIR: '/srv/cache', PORT_HYGIENE_CACHE: 'off' },
        'linux',
        home
      )
    ).toBeUndefined()
  })
})

describe('the cache file', () => {
  let dir: string
  let cache: string
  const buildId = '0123456789abcdef'
  const stamp = bundleStamp({ size: 854_873, mtimeMs: 1_796_153_150_552.9258 })
  // Not periodic: half of one copy must not look like two copies.
  const payload = Buffer.from(
    Array.from({ length: 3000 }, (_, index) => (index * 7919 + (index >> 3)) % 251)
  )

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-code-cache-'))
    cache = path.join(dir, 'cache')
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('is named for the build, V8 and the processor', () => {
    const file = codeCacheFile(cache, buildId)
    expect(path.dirname(file)).toBe(cache)
    expect(path.basename(file)).toBe(`cli-${buildId}-v8-${process.versions.v8}-${process.arch}.bin`)
    expect(codeCacheFile(cache, 'fedcba9876543210')).not.toBe(file)
  })

  it('reads back what was written, in a folder and file only the user can read', () => {
    const file = codeCacheFile(cache, buildId)
    expect(readCodeCache(file, stamp)).toBeUndefined()
    expect(writeCodeCache(file, stamp, payload)).toBe(true)
    expect(readCodeCache(file, stamp)).toEqual(payload)
    expect(statSync(cache).mode & 0o777).toBe(0o700)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(cache)).toEqual([path.basename(file)])
    // Its first line names the bundle file it was made from; V8's bytes follow, twice.
    const bytes = readFileSync(file)
    expect(bytes.toString('latin1', 0, bytes.indexOf('\n') + 1)).toBe(
      'port-hygiene code cache 2 854873 1796153150552.9258\n'
    )
    expect(bytes.length).toBe(bytes.indexOf('\n') + 1 + 2 * payload.length)
  })

  it('is not read for a bundle file of another size or time (rebuilt or edited by hand)', () => {
    const file = codeCacheFile(cache, buildId)
    writeCodeCache(file, stamp, payload)
    for (const other of [
      { size: 854_874, mtimeMs: 1_796_153_150_552.9258 },
      { size: 854_873, mtimeMs: 1_796_153_150_553 }
    ]) {
      expect(readCodeCache(file, bundleStamp(other)), JSON.stringify(other)).toBeUndefined()
    }
    expect(readCodeCache(file, stamp)).toEqual(payload)
  })

  it('ignores a damaged, truncated or foreign file', () => {
    const file = codeCacheFile(cache, buildId)
    writeCodeCache(file, stamp, payload)
    const written = readFileSync(file)
    const header = written.indexOf('\n') + 1
    const flipped = (at: number) => {
      const bytes = Buffer.from(written)
      bytes[at]! ^= 1
      return bytes
    }
    for (const [name, bytes] of [
      ['one bit flipped in the first copy', flipped(header + 10)],
      ['one bit flipped in the second copy', flipped(written.length - 10)],
      ['one bit flipped in the header', flipped(3)],
      ['truncated', written.subarray(0, written.length - 1)],
      ['one copy only', written.subarray(0, header + payload.length)],
      ['header only', written.subarray(0, header)],
      [
        'the header of version 1',
        Buffer.concat([Buffer.from('port-hygiene code cache 1\n'), payload])
      ],
      ['not ours', payload]
    ] as const) {
      writeFileSync(file, bytes, { mode: 0o600 })
      expect(readCodeCache(file, stamp), name).toBeUndefined()
    }
  })

  it('ignores a cache others could have written', () => {
    const file = codeCacheFile(cache, buildId)
    writeCodeCache(file, stamp, payload)
    chmodSync(file, 0o620)
    expect(readCodeCache(file, stamp), 'group-writable file').toBeUndefined()
    chmodSync(file, 0o600)
    chmodSync(cache, 0o777)
    expect(readCodeCache(file, stamp), 'world-writable folder').toBeUndefined()
    expect(writeCodeCache(file, stamp, payload), 'nor writes there').toBe(false)
    chmodSync(cache, 0o700)
    expect(readCodeCache(file, stamp)).toEqual(payload)
  })

  it('ignores a link, to a file or as the folder', () => {
    const file = codeCacheFile(cache, buildId)
    writeCodeCache(file, stamp, payload)
    const linkedFile = codeCacheFile(cache, 'fedcba9876543210')
    symlinkSync(file, linkedFile)
    expect(readCodeCache(linkedFile, stamp)).toBeUndefined()
    const linkedFolder = path.join(dir, 'linked')
    symlinkSync(cache, linkedFolder)
    expect(readCodeCache(path.join(linkedFolder, path.basename(file)), stamp)).toBeUndefined()
  })

  it.skipIf(process.platform === 'win32')('does not wait on a named pipe in its place', () => {
    const file = codeCacheFile(cache, buildId)
    mkdirSync(cache, { mode: 0o700 })
    execFileSync('mkfifo', ['-m', '600', file])
    expect(readCodeCache(file, stamp)).toBeUndefined()
  })

  it('ignores a file too big to be a cache', () => {
    const file = codeCacheFile(cache, buildId)
    expect(writeCodeCache(file, stamp, Buffer.alloc(17 * 1024 * 1024, 7))).toBe(true)
    expect(readCodeCache(file, stamp)).toBeUndefined()
  })

  it.skipIf(process.getuid?.() !== 0)(
    'ignores a file another user owns (runs as root only)',
    () => {
      const file = codeCacheFile(cache, buildId)
      writeCodeCache(file, stamp, payload)
      chownSync(file, 65534, 65534)
      expect(readCodeCache(file, stamp)).toBeUndefined()
    }
  )

  it('keeps one cache per V8: a new bundle replaces the old one, another V8 keeps its own', () => {
    const old = codeCacheFile(cache, '1111111111111111')
    writeCodeCache(old, stamp, payload)
    mkdirSync(cache, { recursive: true })
    const otherV8 = path.join(cache, 'cli-0123456789abcdef-v8-1.2.3-x64.bin')
    writeFileSync(otherV8, 'kept')
    const current = codeCacheFile(cache, '2222222222222222')
    writeCodeCache(current, stamp, payload)
    expect(readdirSync(cache).sort()).toEqual(
      [path.basename(current), path.basename(otherV8)].sort()
    )
  })

  it('does not fail when it cannot write', () => {
    writeFileSync(path.join(dir, 'file'), '')
    expect(writeCodeCache(path.join(dir, 'file', 'cli-x.bin'), stamp, payload)).toBe(false)
  })
})

describe('buildIdOf', () => {
  it("reads the id the build writes at the bundle's end, and nothing else", () => {
    const text = "'use strict';\nexports.answer = 42;\n"
    expect(buildIdOf(`${text}\n//# port-hygiene-build 0123456789abcdef\n`)).toBe('0123456789abcdef')
    for (const unstamped of [
      text,
      `${text}\n//# port-hygiene-build 0123456789abcdef\nexports.more = 1;\n`,
      `${text}\n//# port-hygiene-build 0123456789ABCDEF\n`,
      `${text}\n//# port-hygiene-build 0123\n`,
      `'use strict';//# port-hygiene-build 0123456789abcdef\n`
    ]) {
      expect(buildIdOf(unstamped), unstamped).toBeUndefined()
    }
  })
})
