// A V8 code cache for the CLI's bundle. Most of a small scan's time is V8 compiling the
// functions it runs for the first time (docs/performance.md, "Start-up"); V8 can hand back what
// it compiled as bytes, and take them on the next start instead of compiling again. That is
// what Node does with `module.enableCompileCache()` (Node 22.1+; TypeScript's `tsc` turns it on)
// and the v8-compile-cache package did before it; this is the same for Node 20 and up.
//
// A code cache is code that runs, so it is kept where only the user can write, and only read
// from there:
// - in the user's own cache folder (`$XDG_CACHE_HOME`, `~/.cache`, `~/Library/Caches`,
//   `%LOCALAPPDATA%`), never in the scanned repository nor in a shared temporary folder;
// - the folder and the file must belong to the user running the CLI, and neither may be writable
//   by the group or others; the file is opened without following a link and is size-capped;
// - the file's name holds a digest of the bundle's text and V8's version: a changed bundle or
//   another Node never reads it (V8 itself checks only the text's length, its version and flags);
// - the file starts with a digest of its bytes, so a damaged file is ignored;
// - it is written to a temporary name and renamed, so that no reader sees half a file.
// Whoever could still plant a cache there can already edit the installed bundle or the user's
// shell profile. Any failure means compiling as usual, silently; `PORT_HYGIENE_CACHE=off` turns
// the cache off, `PORT_HYGIENE_CACHE_DIR` moves it.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
  type Stats
} from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

/** Far above a cache of the whole bundle (about 1 MB). */
const MAX_CACHE_BYTES = 32 * 1024 * 1024
const MAGIC = 'port-hygiene code cache 1\n'
const HEADER_BYTES = MAGIC.length + 16

/** Where the cache lives for this environment, or undefined when it is off or has no place. */
export function codeCacheDirectory(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home: () => string = homedir
): string | undefined {
  if (/^(?:off|0|false|no)$/i.test(env.PORT_HYGIENE_CACHE ?? '')) return undefined
  if (env.PORT_HYGIENE_CACHE_DIR) return path.resolve(env.PORT_HYGIENE_CACHE_DIR)
  try {
    if (platform === 'win32') {
      return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'port-hygiene', 'Cache') : undefined
    }
    if (platform === 'darwin') return path.join(home(), 'Library', 'Caches', 'port-hygiene')
    // The XDG spec ignores a relative XDG_CACHE_HOME.
    const xdg = env.XDG_CACHE_HOME
    const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home(), '.cache')
    return path.join(base, 'port-hygiene')
  } catch {
    return undefined // no home folder
  }
}

/** The cache file for this bundle text, this V8 and this processor. */
export function codeCacheFile(directory: string, bundle: Uint8Array): string {
  return path.join(directory, `${CACHE_PREFIX}${digest(bundle)}${cacheSuffix()}`)
}

const CACHE_PREFIX = 'cli-'
const cacheSuffix = () => `-v8-${process.versions.v8}-${process.arch}.bin`

/** The cached bytes, or undefined when there are none that may be used. */
export function readCodeCache(file: string): Buffer | undefined {
  try {
    if (!isPrivate(lstatSync(path.dirname(file)), 'directory')) return undefined
    // Not through a link; and not waiting on a named pipe put where the file should be.
    const fd = openSync(
      file,
      constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)
    )
    try {
      const stats = fstatSync(fd)
      if (!isPrivate(stats, 'file') || stats.size > MAX_CACHE_BYTES) return undefined
      const bytes = Buffer.alloc(stats.size)
      let read = 0
      while (read < bytes.length) {
        const n = readSync(fd, bytes, read, bytes.length - read, read)
        if (n === 0) return undefined
        read += n
      }
      return payloadOf(bytes)
    } finally {
      closeSync(fd)
    }
  } catch {
    return undefined
  }
}

/** Writes the cache; true when it was written. Older caches of this V8 are removed. */
export function writeCodeCache(file: string, payload: Uint8Array): boolean {
  const directory = path.dirname(file)
  const temporary = path.join(directory, `.${process.pid}-${Date.now()}.tmp`)
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 })
    if (!isPrivate(lstatSync(directory), 'directory')) return false
    const header = Buffer.from(MAGIC + digest(payload), 'latin1')
    writeFileSync(temporary, Buffer.concat([header, payload]), { mode: 0o600, flag: 'wx' })
    renameSync(temporary, file)
  } catch {
    removeQuietly(temporary)
    return false
  }
  removeOtherVersions(file)
  return true
}

/** Caches of earlier bundles for the same V8: an upgrade leaves one file, not one per version. */
function removeOtherVersions(file: string): void {
  const directory = path.dirname(file)
  const suffix = cacheSuffix()
  try {
    for (const name of readdirSync(directory)) {
      if (name.startsWith(CACHE_PREFIX) && name.endsWith(suffix) && name !== path.basename(file)) {
        removeQuietly(path.join(directory, name))
      }
    }
  } catch {
    // Nothing to tidy: the next write tries again.
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true })
  } catch {
    // Not there, or not ours to remove.
  }
}

function payloadOf(bytes: Buffer): Buffer | undefined {
  if (bytes.length <= HEADER_BYTES) return undefined
  if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined
  const payload = bytes.subarray(HEADER_BYTES)
  const expected = bytes.toString('latin1', MAGIC.length, HEADER_BYTES)
  return digest(payload) === expected ? payload : undefined
}

/**
 * The user's own, and not writable by anyone else. Windows has no such mode bits or owner
 * numbers; its per-user folder (LOCALAPPDATA) is private by its access rules.
 */
function isPrivate(stats: Stats, kind: 'file' | 'directory'): boolean {
  const isKind = kind === 'file' ? stats.isFile() : stats.isDirectory()
  if (!isKind || stats.isSymbolicLink()) return false
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0
}

/**
 * 64 bits (two 32-bit lanes of multiply-and-rotate mixing, MurmurHash3's constants) of a byte
 * string, as hex: it tells a changed bundle or a damaged file apart, which a cryptographic hash
 * would do too at several times the cost on every start (and `node:crypto` costs its own load).
 */
export function digest(bytes: Uint8Array): string {
  let a = 0x9747b28c
  let b = 0x85ebca6b ^ bytes.length
  const whole = bytes.length & ~3
  for (let i = 0; i < whole; i += 4) {
    const word = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)
    a = Math.imul(rotl(a ^ Math.imul(word, 0xcc9e2d51), 15), 0x1b873593) + 0xe6546b64
    b = Math.imul(rotl(b ^ Math.imul(word, 0x1b873593), 13), 5) + 0x52dce729
  }
  for (let i = whole; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0xcc9e2d51)
    b = Math.imul(b ^ bytes[i]!, 0x1b873593)
  }
  return hex(finalMix(a ^ b)) + hex(finalMix(b + a))
}

function rotl(word: number, by: number): number {
  return (word << by) | (word >>> (32 - by))
}

function finalMix(word: number): number {
  let h = word ^ (word >>> 16)
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

const hex = (word: number) => (word >>> 0).toString(16).padStart(8, '0')
