// The one guarded reader: every file the tool opens (scanned files, the config file,
// port-ranges.json, `.env`, env files, included and extended Compose files) is read here.
// A pull request can put anything in the repository, so a file is read only when, after its
// links are resolved, it is inside the root, a regular file (no FIFO, device, socket or folder)
// and no larger than the size limit; and never more than a bounded number are open at once.
// A refusal names the reason, never the content.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import path from 'node:path'

/** Files larger than this are refused unless the caller says otherwise (the `maxFileSize` default). */
export const DEFAULT_READ_LIMIT = 5 * 1024 * 1024
/** Files the reader holds open at once: one (each read is synchronous, open → read → close). */
export const MAX_OPEN_FILES = 1

export interface GuardOptions {
  /** Largest size in bytes that is read; bigger files are refused. */
  maxSize?: number
  /**
   * The caller walked to this file through real folders from the real root and saw a regular
   * file, not a link (discover.ts): its path is its real path. It is still opened without
   * following a link and checked to be a regular file under the limit.
   */
  linkFree?: boolean
}

export type GuardedRead =
  | {
      text: string
      size: number
      /** The file began with a UTF-8 byte order mark, which `text` leaves out. */
      bom: boolean
      /** Which file was read (device, inode, mode): a writer checks it is still the one. */
      identity: FileIdentity
      refused?: undefined
    }
  | { refused: string; text?: undefined }

export interface FileIdentity {
  dev: number
  ino: number
  mode: number
}

/** `target` is `root` or below it (both absolute). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

// O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused after fstat anyway).
// O_NOFOLLOW: the real path was resolved already; a link swapped in since then is not followed.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)

/**
 * Reads `relativePath` (or an absolute path) under `root` as UTF-8 text, without a BOM, or says
 * why it did not. Synchronous: one file open at a time, for callers that read files one by one.
 */
export function readGuarded(
  root: string,
  relativePath: string,
  options: GuardOptions = {}
): GuardedRead {
  const maxSize = options.maxSize ?? DEFAULT_READ_LIMIT
  const realRoot = realRootOf(root)
  if (realRoot === undefined) return { refused: 'the scan root does not exist' }
  let real: string
  try {
    const absolute = path.resolve(realRoot, relativePath)
    real = options.linkFree ? absolute : realpathSync.native(absolute)
  } catch (error) {
    return { refused: describeError(error) }
  }
  if (!isInside(realRoot, real)) return { refused: 'it resolves outside the repository' }
  let fd: number
  try {
    fd = openSync(real, OPEN_FLAGS)
  } catch (error) {
    return { refused: describeError(error) }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { refused: 'not a regular file' }
    if (stat.size > maxSize)
      return { refused: `larger than the size limit (${stat.size} bytes > ${maxSize})` }
    // One byte more than the size, to see the end in one read; /proc-like files report size 0.
    // Never more than one byte past the limit. Only the bytes read are decoded.
    const buffer = Buffer.allocUnsafe(
      Math.min(maxSize + 1, stat.size > 0 ? stat.size + 1 : 64 * 1024)
    )
    const identity = { dev: stat.dev, ino: stat.ino, mode: stat.mode }
    let length = 0
    for (;;) {
      if (length === buffer.length) {
        if (length > maxSize) return { refused: `larger than the size limit (${maxSize} bytes)` }
        return grow(fd, buffer, length, maxSize, identity)
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
    }
    return { ...decode(buffer.subarray(0, length)), size: length, identity }
  } catch (error) {
    return { refused: describeError(error) }
  } finally {
    closeSync(fd)
  }
}

// Every read of a scan resolves the same root: resolved once per root (per thread).
let lastRoot: { root: string; real: string } | undefined
function realRootOf(root: string): string | undefined {
  if (lastRoot?.root === root) return lastRoot.real
  try {
    lastRoot = { root, real: realpathSync.native(root) }
    return lastRoot.real
  } catch {
    return undefined
  }
}

/** The file is bigger than its stat said: keep reading in chunks up to the limit. */
function grow(
  fd: number,
  start: Buffer,
  length: number,
  maxSize: number,
  identity: FileIdentity
): GuardedRead {
  const chunks = [start.subarray(0, length)]
  let total = length
  const chunk = Buffer.alloc(64 * 1024)
  for (;;) {
    const read = readSync(fd, chunk, 0, chunk.length, null)
    if (read === 0) break
    total += read
    if (total > maxSize) return { refused: `larger than the size limit (${maxSize} bytes)` }
    chunks.push(Buffer.from(chunk.subarray(0, read)))
  }
  return { ...decode(Buffer.concat(chunks)), size: total, identity }
}

function decode(buffer: Buffer): { text: string; bom: boolean } {
  const text = buffer.toString('utf8')
  const bom = text.startsWith('\uFEFF')
  return { text: bom ? text.slice(1) : text, bom }
}

/** A NUL byte in the first 8 KiB is how git and grep tell binary files too. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000')
}

/** The error's code and what it means, never a path or content beyond what we passed in. */
function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return 'it does not exist (or is a link to nothing)'
    case 'ELOOP':
      return 'a symbolic link that loops or was swapped'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'not a regular file'
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files'
    default:
      return code ? `could not be read (${code})` : 'could not be read'
  }
}

/**
 * Reads many files, results in the order given. One file is open at a time whatever the number
 * of files (100,000 files must not end in EMFILE with most of them dropped); the event loop gets
 * a turn every few hundred files. A read that failed for lack of descriptors (another part of
 * the process held them) is retried a few times before it is reported.
 */
export async function readGuardedBatch(
  root: string,
  relativePaths: readonly string[],
  options: GuardOptions = {}
): Promise<GuardedRead[]> {
  const results: GuardedRead[] = []
  for (const [index, relativePath] of relativePaths.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((done) => setImmediate(done))
    results.push(await readWithRetry(root, relativePath, options))
  }
  return results
}

const YIELD_EVERY = 256
const DESCRIPTOR_RETRIES = 5

async function readWithRetry(
  root: string,
  relativePath: string,
  options: GuardOptions
): Promise<GuardedRead> {
  for (let attempt = 0; ; attempt++) {
    const result = readGuarded(root, relativePath, options)
    if (result.refused !== 'too many open files' || attempt >= DESCRIPTOR_RETRIES) return result
    await new Promise((done) => setTimeout(done, 10 * 2 ** attempt))
  }
}
