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
// - the file's name holds the bundle's length and CRC-32 and V8's version: a changed bundle or
//   another Node never reads it (V8 itself checks only the text's length, its version and flags);
// - the file starts with the CRC-32 of its bytes, so a damaged file is ignored (V8 does not
//   check its payload in release builds); Node's own compile cache checks the same two sums;
// - it is written to a temporary name and renamed, so that no reader sees half a file.
// Whoever could still plant a cache there can already edit the installed bundle or the user's
// shell profile. Any failure means compiling as usual, silently; `PORT_HYGIENE_CACHE=off` turns
// the cache off, `PORT_HYGIENE_CACHE_DIR` moves it. The sums are zlib's native CRC-32 (Node
// 20.15 and 22.2 on): a digest written in JavaScript cost more at start than the cache saves,
// so on an older Node the cache is off.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  type Stats
} from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import * as zlib from 'node:zlib'

/** Far above a cache of the whole bundle (about 1 MB). */
const MAX_CACHE_BYTES = 32 * 1024 * 1024
const MAGIC = 'port-hygiene code cache 1\n'
const HEADER_BYTES = MAGIC.length + 8

/** Where the cache lives for this environment, or undefined when it is off or has no place. */
export function codeCacheDirectory(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home: () => string = homedir
): string | undefined {
  if (/^(?:off|0|false|no)$/i.test(env.PORT_HYGIENE_CACHE ?? '')) return undefined
  if (typeof zlib.crc32 !== 'function') return undefined
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
  return path.join(
    directory,
    `${CACHE_PREFIX}${bundle.length.toString(16)}-${digest(bundle)}${cacheSuffix()}`
  )
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
      return payloadOf(readFileSync(fd))
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

/** CRC-32 as 8 hex digits. */
export function digest(bytes: Uint8Array): string {
  return zlib.crc32(bytes).toString(16).padStart(8, '0')
}
