// Find the files to scan under the root: the given paths (files, folders or globs), filtered by
// the include/exclude globs. Never leaves the root through a symlink.
// The walk is synchronous on purpose: one folder handle open at a time and no promise per file,
// so 100,000 files cost neither 100,000 pending stats nor EMFILE. Reading is read.ts's job.
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs'
import path from 'node:path'
import { compareText, type SkippedFile } from '../model.js'
import { compileGlob, type PathMatcher } from './glob.js'
import { isInside } from './read.js'

export { isInside }

export interface DiscoverOptions {
  /** Absolute path of the scan root; reported paths are relative to it. */
  root: string
  /** Files, folders or globs relative to the root; empty = the whole root. */
  paths: string[]
  include: string[]
  exclude: string[]
  maxFileSize: number
}

export interface DiscoveredFile {
  /** POSIX path relative to the root. */
  file: string
  absolutePath: string
  size: number
  /**
   * Reached by the walk as a regular file through real folders from the real root: no link on the
   * way, so its path is its real path and the reader need not resolve it again.
   */
  linkFree?: boolean
}

export interface Discovery {
  /** The scan root with its links resolved; file paths are relative to it. */
  root: string
  files: DiscoveredFile[]
  skipped: SkippedFile[]
  /** Paths the user named that matched nothing (a usage error for the CLI). */
  unmatched: string[]
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}

/**
 * Globs in paths, excludes, the config file, rule options and ranges all match the same way: dot
 * folders (`.github/**`) included (glob.ts).
 */
export function matchesAnyGlob(file: string, globs: readonly string[]): boolean {
  return globs.some((glob) => compiled(glob)(file))
}

// A walk matches every file and folder against the same few globs: each is compiled once.
const compiledGlobs = new Map<string, PathMatcher>()
function compiled(glob: string): PathMatcher {
  let matcher = compiledGlobs.get(glob)
  if (!matcher) {
    if (compiledGlobs.size > 1000) compiledGlobs.clear()
    matcher = compileGlob(glob)
    compiledGlobs.set(glob, matcher)
  }
  return matcher
}

function isGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p)
}

export async function discover(options: DiscoverOptions): Promise<Discovery> {
  const given = path.resolve(options.root)
  const root = realpathSync.native(given)
  const found = new Map<string, DiscoveredFile>()
  const skipped: SkippedFile[] = []
  const unmatched: string[] = []
  const requests = options.paths.length > 0 ? options.paths : ['.']

  for (const request of requests) {
    const absolute = rebase(given, root, path.resolve(root, request))
    const inside = isInside(root, absolute)
    // A name that exists is a path even when it looks like a glob (`deploy [old].yaml`).
    const stat = inside ? statOrUndefined(absolute) : undefined
    if (isGlob(request) && !stat) {
      const before = found.size + skipped.length
      const glob = toPosix(path.normalize(request)).replace(/^\.\//, '')
      walk(root, root, options, found, skipped, (file) => matchesAnyGlob(file, [glob]))
      if (found.size + skipped.length === before) unmatched.push(request)
    } else if (!inside) {
      // `..` or an absolute path elsewhere: neither read nor walked (a walk of `..` could cover
      // the whole disk), and said so once rather than once per file.
      skipped.push({ file: toPosix(request), reason: 'outside the scanned folder' })
    } else if (!stat) {
      unmatched.push(request)
    } else if (stat.isDirectory()) {
      walk(root, absolute, options, found, skipped, () => true)
    } else {
      // A file named explicitly is scanned even when the include globs would not pick it.
      consider(root, absolute, options, found, skipped, true)
    }
  }

  const files = [...found.values()].sort((a, b) => compareText(a.file, b.file))
  skipped.sort((a, b) => compareText(a.file, b.file))
  return { root, files, skipped: dedupeSkipped(skipped), unmatched }
}

/** An absolute path written under the root as given (`/tmp/x` for `/private/tmp/x`) → under its real path. */
function rebase(given: string, root: string, absolute: string): string {
  return given !== root && isInside(given, absolute)
    ? path.join(root, path.relative(given, absolute))
    : absolute
}

function dedupeSkipped(skipped: SkippedFile[]): SkippedFile[] {
  const seen = new Set<string>()
  return skipped.filter((entry) => (seen.has(entry.file) ? false : (seen.add(entry.file), true)))
}

function statOrUndefined(absolute: string): Stats | undefined {
  try {
    return statSync(absolute)
  } catch {
    return undefined
  }
}

function realpathOrUndefined(absolute: string): string | undefined {
  try {
    return realpathSync.native(absolute)
  } catch {
    return undefined
  }
}

function readFolder(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
}

function walk(
  root: string,
  dir: string,
  options: DiscoverOptions,
  found: Map<string, DiscoveredFile>,
  skipped: SkippedFile[],
  accept: (file: string) => boolean
): void {
  const entries = readFolder(dir)
  entries.sort((a, b) => compareText(a.name, b.name))
  const unreadable = unreadableNames(dir, entries)
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name)
    const relative = toPosix(path.relative(root, absolute))
    // Two names may decode alike (`\xff`, `\xfe`): each entry takes the next of its name.
    const escaped = unreadable.get(entry.name)?.shift()
    if (escaped !== undefined) {
      skipUnreadableName(root, dir, entry, escaped, options, skipped, accept)
    } else if (entry.isDirectory()) {
      // Excluded folders are pruned: `**/node_modules/**` also matches `node_modules/x`.
      if (matchesAnyGlob(`${relative}/x`, options.exclude)) continue
      walk(root, absolute, options, found, skipped, accept)
    } else if (entry.isSymbolicLink() || entry.isFile()) {
      // Symlinked folders are not followed (cycles, and the same files twice); symlinked files
      // are read only when they resolve inside the root (checked in consider()).
      if (!accept(relative) || !matchesAnyGlob(relative, options.include)) continue
      if (matchesAnyGlob(relative, options.exclude)) continue
      consider(root, absolute, options, found, skipped, false, entry.isFile())
    } else if (accept(relative) && matchesAnyGlob(relative, options.include)) {
      // A FIFO, socket or device with a manifest's name: never opened, but said so.
      if (!matchesAnyGlob(relative, options.exclude)) {
        skipped.push({ file: relative, reason: 'not a regular file' })
      }
    }
  }
}

/**
 * Names that are not UTF-8 (`p-\xff.yaml`): Node decodes them with U+FFFD, a path that names no
 * file, so the walk would drop them without a word and a pull request could hide a manifest that
 * way. Those entries, each as its name escaped byte by byte (`\xff`). Only folders holding a
 * name with U+FFFD are read a second time, as bytes.
 */
function unreadableNames(dir: string, entries: Dirent[]): Map<string, string[]> {
  const found = new Map<string, string[]>()
  if (!entries.some((entry) => entry.name.includes('\uFFFD'))) return found
  let raw: Buffer[]
  try {
    raw = readdirSync(dir, { encoding: 'buffer' })
  } catch {
    return found
  }
  for (const bytes of raw) {
    const name = bytes.toString('utf8')
    if (Buffer.from(name, 'utf8').equals(bytes)) continue
    const list = found.get(name)
    if (list) list.push(escapeBytes(bytes))
    else found.set(name, [escapeBytes(bytes)])
  }
  for (const list of found.values()) list.sort(compareText)
  // A real U+FFFD in a valid name is a name like any other.
  for (const name of found.keys()) if (lstatOrUndefined(path.join(dir, name))) found.delete(name)
  return found
}

function skipUnreadableName(
  root: string,
  dir: string,
  entry: Dirent,
  escaped: string,
  options: DiscoverOptions,
  skipped: SkippedFile[],
  accept: (file: string) => boolean
): void {
  const folder = toPosix(path.relative(root, dir))
  const relative = folder === '' ? escaped : `${folder}/${escaped}`
  if (entry.isDirectory()) {
    skipped.push({ file: `${relative}/`, reason: 'folder name is not UTF-8: not walked' })
  } else if (accept(relative) && matchesAnyGlob(relative, options.include)) {
    skipped.push({ file: relative, reason: 'file name is not UTF-8: not read' })
  }
}

/** Valid UTF-8 as it reads; every byte of an invalid sequence as `\xNN`. */
export function escapeBytes(bytes: Buffer): string {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let out = ''
  for (let index = 0; index < bytes.length;) {
    const lead = bytes[index]!
    const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0
    let text: string | undefined
    if (length > 0 && index + length <= bytes.length) {
      try {
        text = decoder.decode(bytes.subarray(index, index + length))
      } catch {
        text = undefined
      }
    }
    if (text === undefined) {
      out += `\\x${lead.toString(16).padStart(2, '0')}`
      index++
    } else {
      // A backslash is written twice, so that `\xff` always means the byte.
      out += text === '\\' ? '\\\\' : text
      index += length
    }
  }
  return out
}

function lstatOrUndefined(absolute: string): Stats | undefined {
  try {
    return lstatSync(absolute)
  } catch {
    return undefined
  }
}

function consider(
  root: string,
  absolute: string,
  options: DiscoverOptions,
  found: Map<string, DiscoveredFile>,
  skipped: SkippedFile[],
  explicit: boolean,
  linkFree = false
): void {
  const relative = toPosix(path.relative(root, absolute))
  const real = linkFree ? absolute : realpathOrUndefined(absolute)
  if (!real || !isInside(root, real)) {
    skipped.push({ file: relative, reason: 'symbolic link that points outside the scanned folder' })
    return
  }
  const stat = statOrUndefined(real)
  if (!stat || !stat.isFile()) {
    if (explicit) skipped.push({ file: relative, reason: 'not a regular file' })
    return
  }
  if (stat.size > options.maxFileSize) {
    skipped.push({
      file: relative,
      reason: `larger than the size limit (${stat.size} bytes > ${options.maxFileSize})`
    })
    return
  }
  found.set(relative, {
    file: relative,
    absolutePath: real,
    size: stat.size,
    ...(linkFree ? { linkFree } : {})
  })
}
