// Whether the CLI turns on Node's compile cache (`module.enableCompileCache()`, Node 22.1+), and
// in which folder. Node keeps V8's compiled code of each module there and runs it on the next
// start instead of compiling again. Compiled code is code, so whoever can write that folder can
// run code as the user: it is never a folder that the scan reads (a pull request's files), never
// one another user owns or can write, and never inside GitHub Actions, where each job starts on a
// fresh runner and a cache would only be written, never read. Node 20 has no compile cache: the
// CLI compiles at every start, as any Node program does.
//
// The scan root is only known once the command line is parsed (src/cli.ts `planScan`), after the
// CLI is loaded; this is decided before, so it takes every folder the scan could be rooted at:
// the current folder, every argument that could be a path, and, when one lies outside the
// current folder, the folder holding them all. Off in doubt: the only cost is a slower start.
import path from 'node:path'

/** What the decision reads, passed in so that tests can give any. */
export interface CompileCacheSetting {
  env: Record<string, string | undefined>
  cwd: string
  /** The command line's arguments (process.argv without node and the program). */
  args: string[]
  /** Node's default parent folder, os.tmpdir(). */
  tmpdir: string
  /** The real path of an existing file or folder; throws when there is none. */
  realpath: (file: string) => string
  /** lstat of a path, or undefined when there is nothing there. */
  lstat: (file: string) => { isDirectory(): boolean; uid: number; mode: number } | undefined
  /** The user's id, or undefined where there are none (Windows). */
  uid: number | undefined
}

export type CompileCacheDecision = { directory: string } | { off: string }

/** The folder Node would use: NODE_COMPILE_CACHE, or its default under the temporary folder. */
export function compileCacheDirectory(
  setting: Pick<CompileCacheSetting, 'env' | 'cwd' | 'tmpdir'>
) {
  const chosen = setting.env.NODE_COMPILE_CACHE
  return chosen
    ? path.resolve(setting.cwd, chosen)
    : path.join(setting.tmpdir, 'node-compile-cache')
}

export function decideCompileCache(setting: CompileCacheSetting): CompileCacheDecision {
  if (setting.env.GITHUB_ACTIONS) return { off: 'inside GitHub Actions' }
  if (setting.env.NODE_DISABLE_COMPILE_CACHE) return { off: 'NODE_DISABLE_COMPILE_CACHE is set' }
  const directory = compileCacheDirectory(setting)
  const root = scanRootHolding(directory, setting)
  if (root !== undefined) {
    return {
      off: `${JSON.stringify(directory)} is inside ${JSON.stringify(root)}, which may be scanned`
    }
  }
  const foreign = foreignFolder(directory, setting)
  if (foreign !== undefined) return { off: foreign }
  return { directory }
}

/** A folder the scan could be rooted at that holds `directory` (as named or as resolved), if any. */
export function scanRootHolding(
  directory: string,
  setting: Pick<CompileCacheSetting, 'cwd' | 'args' | 'realpath'>
): string | undefined {
  const roots = possibleRoots(setting.cwd, setting.args)
  const cache = [directory, realPathOf(directory, setting.realpath)]
  for (const root of roots) {
    const forms = [root, realPathOf(root, setting.realpath)]
    if (forms.some((form) => cache.some((candidate) => isWithin(form, candidate)))) return root
  }
  return undefined
}

/**
 * The current folder, each argument that is not an option (option values included: a value that
 * is not a path only adds a folder the cache is not in), and the folder holding them when one is
 * outside the current folder (planScan roots the scan there). A glob counts from its static part.
 */
function possibleRoots(cwd: string, args: string[]): string[] {
  const named = args
    .map((arg) => (arg.startsWith('-') ? arg.slice(arg.indexOf('=') + 1 || arg.length) : arg))
    .filter((arg) => arg !== '')
    .map((arg) => path.resolve(cwd, staticPart(arg)))
  const roots = [cwd, ...named]
  if (named.some((target) => !isWithin(cwd, target))) {
    roots.push(named.map((target) => path.dirname(target)).reduce(commonFolder))
  }
  return roots
}

/** A glob's path up to its first segment with a pattern character. */
function staticPart(arg: string): string {
  const segments = arg.split(/[\\/]/)
  const first = segments.findIndex((segment) => /[*?[\]{}!]/.test(segment))
  return first === -1 ? arg : segments.slice(0, first).join('/') || '.'
}

function commonFolder(a: string, b: string): string {
  let common = a
  while (!isWithin(common, b)) common = path.dirname(common)
  return common
}

/** `target` is `folder` or below it (both absolute). A name such as `..cache` is below. */
function isWithin(folder: string, target: string): boolean {
  const relative = path.relative(folder, target)
  if (relative === '') return true
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}

/** The real path of the deepest part that exists, with the rest of the path after it. */
function realPathOf(file: string, realpath: (file: string) => string): string {
  const rest: string[] = []
  let current = file
  for (;;) {
    try {
      return path.join(realpath(current), ...rest.reverse())
    } catch {
      const parent = path.dirname(current)
      if (parent === current) return file
      rest.push(path.basename(current))
      current = parent
    }
  }
}

/**
 * Node's default folder is in the shared temporary folder, where anyone may create it first and
 * plant compiled code in it. An existing folder is used only when it is the user's own, a real
 * folder (not a link) that neither the group nor others can write; Node creates a missing one
 * with the user's umask.
 */
function foreignFolder(
  directory: string,
  setting: Pick<CompileCacheSetting, 'lstat' | 'uid'>
): string | undefined {
  if (setting.uid === undefined) return undefined
  const stats = setting.lstat(directory)
  if (stats === undefined) return undefined
  if (!stats.isDirectory()) return `${JSON.stringify(directory)} is not a folder`
  if (stats.uid !== setting.uid) return `${JSON.stringify(directory)} belongs to another user`
  if ((stats.mode & 0o022) !== 0) return `${JSON.stringify(directory)} is writable by others`
  return undefined
}
