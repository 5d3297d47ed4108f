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
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  codeCacheDirectory,
  codeCacheFile,
  digest,
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
  const bundle = Buffer.from("'use strict';\nexports.answer = 42;\n")
  const payload = Buffer.from('compiled code, as V8 hands it back'.repeat(100))

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-code-cache-'))
    cache = path.join(dir, 'cache')
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('is named for the bundle text, V8 and the processor', () => {
    const file = codeCacheFile(cache, bundle)
    expect(path.dirname(file)).toBe(cache)
    expect(path.basename(file)).toMatch(/^cli-[0-9a-f]{16}-v8-.+-\w+\.bin$/)
    expect(path.basename(file)).toContain(process.versions.v8)
    expect(codeCacheFile(cache, Buffer.from("'use strict';\nexports.answer = 43;\n"))).not.toBe(
      file
    )
  })

  it('reads back what was written, in a folder and file only the user can read', () => {
    const file = codeCacheFile(cache, bundle)
    expect(readCodeCache(file)).toBeUndefined()
    expect(writeCodeCache(file, payload)).toBe(true)
    expect(readCodeCache(file)).toEqual(payload)
    expect(statSync(cache).mode & 0o777).toBe(0o700)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(cache)).toEqual([path.basename(file)])
  })

  it('ignores a damaged, truncated or foreign file', () => {
    const file = codeCacheFile(cache, bundle)
    writeCodeCache(file, payload)
    const written = readFileSync(file)
    const flipped = Buffer.from(written)
    flipped[flipped.length - 10]! ^= 1
    for (const [name, bytes] of [
      ['one bit flipped', flipped],
      ['truncated', written.subarray(0, written.length - 1)],
      ['header only', written.subarray(0, 42)],
      ['not ours', payload]
    ] as const) {
      writeFileSync(file, bytes, { mode: 0o600 })
      expect(readCodeCache(file), name).toBeUndefined()
    }
  })

  it('ignores a cache others could have written', () => {
    const file = codeCacheFile(cache, bundle)
    writeCodeCache(file, payload)
    chmodSync(file, 0o620)
    expect(readCodeCache(file), 'group-writable file').toBeUndefined()
    chmodSync(file, 0o600)
    chmodSync(cache, 0o777)
    expect(readCodeCache(file), 'world-writable folder').toBeUndefined()
    expect(writeCodeCache(file, payload), 'nor writes there').toBe(false)
    chmodSync(cache, 0o700)
    expect(readCodeCache(file)).toEqual(payload)
  })

  it('ignores a link, to a file or as the folder', () => {
    const file = codeCacheFile(cache, bundle)
    writeCodeCache(file, payload)
    const linkedFile = codeCacheFile(cache, Buffer.from('another bundle'))
    symlinkSync(file, linkedFile)
    expect(readCodeCache(linkedFile)).toBeUndefined()
    const linkedFolder = path.join(dir, 'linked')
    symlinkSync(cache, linkedFolder)
    expect(readCodeCache(path.join(linkedFolder, path.basename(file)))).toBeUndefined()
  })

  it.skipIf(process.platform === 'win32')('does not wait on a named pipe in its place', () => {
    const file = codeCacheFile(cache, bundle)
    mkdirSync(cache, { mode: 0o700 })
    execFileSync('mkfifo', ['-m', '600', file])
    expect(readCodeCache(file)).toBeUndefined()
  })

  it('ignores a file too big to be a cache', () => {
    const file = codeCacheFile(cache, bundle)
    expect(writeCodeCache(file, Buffer.alloc(33 * 1024 * 1024, 7))).toBe(true)
    expect(readCodeCache(file)).toBeUndefined()
  })

  it.skipIf(process.getuid?.() !== 0)(
    'ignores a file another user owns (runs as root only)',
    () => {
      const file = codeCacheFile(cache, bundle)
      writeCodeCache(file, payload)
      chownSync(file, 65534, 65534)
      expect(readCodeCache(file)).toBeUndefined()
    }
  )

  it('keeps one cache per V8: a new bundle replaces the old one, another V8 keeps its own', () => {
    const old = codeCacheFile(cache, Buffer.from('version 1'))
    writeCodeCache(old, payload)
    mkdirSync(cache, { recursive: true })
    const otherV8 = path.join(cache, 'cli-0123456789abcdef-v8-1.2.3-x64.bin')
    writeFileSync(otherV8, 'kept')
    const current = codeCacheFile(cache, Buffer.from('version 2'))
    writeCodeCache(current, payload)
    expect(readdirSync(cache).sort()).toEqual(
      [path.basename(current), path.basename(otherV8)].sort()
    )
  })

  it('does not fail when it cannot write', () => {
    writeFileSync(path.join(dir, 'file'), '')
    expect(writeCodeCache(path.join(dir, 'file', 'cli-x.bin'), payload)).toBe(false)
  })
})

describe('digest', () => {
  it('tells apart texts that differ in one bit, one byte more or less, or their order', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), (bytes, at) => {
        const flipped = Uint8Array.from(bytes)
        flipped[at % bytes.length]! ^= 1 << (at % 8)
        expect(digest(flipped)).not.toBe(digest(bytes))
        expect(digest(bytes.subarray(1))).not.toBe(digest(bytes))
        expect(digest(Uint8Array.from([...bytes, 0]))).not.toBe(digest(bytes))
      }),
      { numRuns: 3000 }
    )
    expect(digest(Buffer.from('abcdefgh'))).not.toBe(digest(Buffer.from('efghabcd')))
    expect(digest(new Uint8Array())).toMatch(/^[0-9a-f]{16}$/)
  })
})
