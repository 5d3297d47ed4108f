// The base commit's files, read from git objects: `git archive` of the commit (only the folder
// being scanned) unpacked into a temporary folder. The checkout is never touched, so the
// working tree the head scan reads stays exactly what the workflow checked out. Every git call
// has a deadline: a hung fetch must not hold the job.
import { execFile, spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { toPosix } from '../discover/discover.js'

const GIT_TIMEOUT_MS = 60_000
const FETCH_TIMEOUT_MS = 120_000

export class BaseUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BaseUnavailableError'
  }
}

export interface BaseTree {
  /** The commit the tree is of. */
  sha: string
  /** The temporary folder holding the tree (the repository root of the commit). */
  root: string
  remove(): Promise<void>
}

function git(
  cwd: string,
  args: string[],
  timeout = GIT_TIMEOUT_MS,
  maxBuffer = 16 * 1024 * 1024
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        timeout,
        maxBuffer,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(firstLine(stderr) || error.message))
        else resolve(stdout)
      }
    )
  })
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? ''
}

/** The top folder of the repository `folder` is in. */
export async function repositoryRoot(folder: string): Promise<string> {
  try {
    return path.resolve((await git(folder, ['rev-parse', '--show-toplevel'])).trim())
  } catch (error) {
    throw new BaseUnavailableError(`${folder} is not in a git repository (${message(error)})`)
  }
}

/** The commit a ref names (`main`, `origin/main`, `HEAD~1`, a SHA). */
export async function resolveCommit(repoRoot: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new BaseUnavailableError(`"${ref}" is not a git ref`)
  try {
    return (await git(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim()
  } catch {
    throw new BaseUnavailableError(`"${ref}" names no commit in ${repoRoot}`)
  }
}

async function hasCommit(repoRoot: string, sha: string): Promise<boolean> {
  try {
    await git(repoRoot, ['cat-file', '-e', `${sha}^{commit}`])
    return true
  } catch {
    return false
  }
}

/**
 * Makes sure the commit is in the object store: actions/checkout fetches one commit by default
 * (for a pull request the merge commit), so the base and the head of a pull request are usually
 * missing and are fetched alone (depth 1, no tags).
 */
export async function ensureCommit(
  repoRoot: string,
  sha: string,
  what = 'the base commit'
): Promise<void> {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) throw new BaseUnavailableError(`"${sha}" is not a commit SHA`)
  if (await hasCommit(repoRoot, sha)) return
  try {
    await git(
      repoRoot,
      ['fetch', '--depth=1', '--no-tags', '--no-recurse-submodules', 'origin', sha],
      FETCH_TIMEOUT_MS
    )
  } catch (error) {
    throw new BaseUnavailableError(
      `git could not fetch ${what} ${sha.slice(0, 7)} (${message(error)})`
    )
  }
  if (!(await hasCommit(repoRoot, sha))) {
    throw new BaseUnavailableError(`${what} ${sha.slice(0, 7)} is not in the repository`)
  }
}

/** The folder with its links resolved, as git prints paths (macOS: /private/var/… for /var/…). */
export function realFolder(folder: string): Promise<string> {
  return fs.realpath(folder)
}

/** Pathspecs per git call: well under every system's command-line limit. */
const PATHS_PER_CALL = 200

/** One git command over many paths, in batches; the outputs concatenated. */
async function overPaths(repoRoot: string, args: string[], paths: readonly string[]) {
  const outputs: string[] = []
  for (let start = 0; start < paths.length; start += PATHS_PER_CALL) {
    // Literal pathspecs: a file named `*.yaml` is that file, not a glob.
    const batch = paths.slice(start, start + PATHS_PER_CALL)
    outputs.push(
      await git(
        repoRoot,
        ['--literal-pathspecs', '-c', 'core.quotePath=false', ...args, '--', ...batch],
        GIT_TIMEOUT_MS,
        256 * 1024 * 1024
      )
    )
  }
  return outputs.join('')
}

/** Which of the repository paths the commit has (as files). */
export async function trackedFiles(
  repoRoot: string,
  sha: string,
  paths: readonly string[]
): Promise<Set<string>> {
  try {
    const listing = await overPaths(repoRoot, ['ls-tree', '-z', '--name-only', sha], paths)
    return new Set(listing.split('\0').filter(Boolean))
  } catch (error) {
    throw new BaseUnavailableError(
      `git could not list the files of ${sha.slice(0, 7)} (${message(error)})`
    )
  }
}

/**
 * `git diff -U0 <sha>` of the working tree, for the given repository paths: how the commit's
 * files became the files on disk (hunks only, no context lines).
 */
export async function diffWorkingTree(
  repoRoot: string,
  sha: string,
  paths: readonly string[]
): Promise<string> {
  try {
    return await overPaths(
      repoRoot,
      [
        'diff',
        '-U0',
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        '--no-renames',
        '--text',
        sha
      ],
      paths
    )
  } catch (error) {
    throw new BaseUnavailableError(
      `git could not compare the checkout with ${sha.slice(0, 7)} (${message(error)})`
    )
  }
}

/**
 * Unpacks `folder` (relative to the repository root; '' = all) of the commit into a new
 * temporary folder. `git archive | tar -x`: both ship with git on every runner.
 */
export async function extractTree(
  repoRoot: string,
  sha: string,
  folder: string
): Promise<BaseTree> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'port-hygiene-base-'))
  const remove = () => fs.rm(root, { recursive: true, force: true })
  const relative = toPosix(folder)
  const args = [
    'archive',
    '--format=tar',
    sha,
    ...(relative && relative !== '.' ? ['--', relative] : [])
  ]
  try {
    await pipeArchive(repoRoot, args, root)
  } catch (error) {
    await remove()
    // A folder that did not exist at the base: an empty tree, not an error.
    if (/did not match any files|pathspec/i.test(message(error))) {
      return { sha, root: await fs.mkdtemp(path.join(tmpdir(), 'port-hygiene-base-')), remove }
    }
    throw new BaseUnavailableError(
      `git could not read the base commit ${sha.slice(0, 7)} (${message(error)})`
    )
  }
  return { sha, root, remove }
}

function pipeArchive(repoRoot: string, args: string[], target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn('git', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    const untar = spawn('tar', ['-x', '-f', '-', '-C', target], {
      stdio: ['pipe', 'ignore', 'pipe']
    })
    let errors = ''
    archive.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    untar.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    archive.stdout.pipe(untar.stdin)
    const timer = setTimeout(() => {
      archive.kill('SIGKILL')
      untar.kill('SIGKILL')
    }, GIT_TIMEOUT_MS)
    let pending = 2
    let failed: string | undefined
    const done = (name: string) => (code: number | null) => {
      if (code !== 0) failed ??= `${name} exited with ${code ?? 'a signal'}`
      if (--pending > 0) return
      clearTimeout(timer)
      if (failed) reject(new Error(firstLine(errors) || failed))
      else resolve()
    }
    archive.on('error', reject)
    untar.on('error', reject)
    archive.on('close', done('git archive'))
    untar.on('close', done('tar'))
  })
}

/** The base tree of `folder` (an absolute path inside the repository) at `sha`, fetched if needed. */
export async function readBaseTree(
  folder: string,
  sha: string
): Promise<BaseTree & { scanRoot: string }> {
  const repoRoot = await repositoryRoot(folder)
  await ensureCommit(repoRoot, sha)
  // git prints the real path (macOS: /private/var/… for /var/…).
  const relative = path.relative(repoRoot, await fs.realpath(folder))
  const tree = await extractTree(repoRoot, sha, relative)
  return { ...tree, scanRoot: path.join(tree.root, relative) }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
