// Git repositories built at test time in the system's temp folder: a base commit, then the
// pull request's head on top, the way actions/checkout leaves a workspace.
import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface TestRepo {
  dir: string
  /** Writes the files (a null content deletes one), commits, and returns the commit SHA. */
  commit(files: Record<string, string | null>, message: string): Promise<string>
  git(...args: string[]): string
  remove(): Promise<void>
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0'
}

/** git in a folder, with a fixed identity and no system or user config. */
function gitIn(dir: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync('git', args, {
      cwd: dir,
      env: { ...process.env, ...GIT_ENV, HOME: dir },
      encoding: 'utf8'
    })
}

export async function createTestRepo(dir?: string): Promise<TestRepo> {
  const root = dir ?? (await fs.mkdtemp(path.join(tmpdir(), 'port-hygiene-git-')))
  await fs.mkdir(root, { recursive: true })
  const git = gitIn(root)
  git('init', '--quiet', '--initial-branch=main')
  return {
    dir: root,
    git,
    async commit(files, message) {
      for (const [file, content] of Object.entries(files)) {
        const target = path.join(root, file)
        if (content === null) {
          await fs.rm(target, { force: true })
          continue
        }
        await fs.mkdir(path.dirname(target), { recursive: true })
        await fs.writeFile(target, content)
      }
      git('add', '--all')
      git('commit', '--quiet', '--allow-empty', '-m', message)
      return git('rev-parse', 'HEAD').trim()
    },
    remove: () => fs.rm(root, { recursive: true, force: true })
  }
}

export interface DiffFile {
  filename: string
  status: 'added' | 'modified' | 'removed' | 'renamed'
  patch?: string
  previous_filename?: string
}

const STATUS: Record<string, DiffFile['status']> = {
  A: 'added',
  M: 'modified',
  D: 'removed',
  R: 'renamed'
}

/** What pulls.listFiles says for the change base..head: each file with its diff hunks. */
export function pullFilesOf(repo: TestRepo, base: string, head: string): DiffFile[] {
  const files: DiffFile[] = []
  for (const line of repo.git('diff', '--name-status', '-M', base, head).trim().split('\n')) {
    if (!line) continue
    const [code, first, second] = line.split('\t') as [string, string, string | undefined]
    const status = STATUS[code[0]!] ?? 'modified'
    const filename = second ?? first
    const file: DiffFile = { filename, status }
    if (second) file.previous_filename = first
    if (status !== 'removed') {
      const diff = repo.git(
        'diff',
        '-U3',
        base,
        head,
        '--',
        ...(second ? [first, second] : [first])
      )
      const hunks = diff.slice(diff.indexOf('\n@@') + 1).replace(/\n$/, '')
      if (hunks.startsWith('@@')) file.patch = hunks
    }
    files.push(file)
  }
  return files
}

/**
 * GitHub's view of a pull request from branch `head` into `base`: the merge commit it keeps at
 * `refs/pull/<n>/merge` (the head merged into the base branch as it is now; a merge commit's
 * first parent is the base, its second the head) and `refs/pull/<n>/head`. What pulls.listFiles
 * diffs is the merge base of the two with the head (a three-dot diff).
 */
export function openPullRequest(
  repo: TestRepo,
  number: number,
  branches: { base: string; head: string }
): { base: string; head: string; merge: string; mergeBase: string } {
  const base = repo.git('rev-parse', branches.base).trim()
  const head = repo.git('rev-parse', branches.head).trim()
  repo.git('checkout', '--quiet', '--detach', base)
  repo.git('merge', '--quiet', '--no-ff', '--no-edit', '-m', `Merge ${head} into ${base}`, head)
  const merge = repo.git('rev-parse', 'HEAD').trim()
  repo.git('update-ref', `refs/pull/${number}/merge`, merge)
  repo.git('update-ref', `refs/pull/${number}/head`, head)
  repo.git('checkout', '--quiet', branches.base)
  const mergeBase = repo.git('merge-base', base, head).trim()
  return { base, head, merge, mergeBase }
}

/**
 * What actions/checkout does for a `pull_request` run with its default depth of 1: a new
 * repository with `origin`, one fetch of the merge commit alone, a detached checkout of it.
 */
export async function checkoutLikeActions(
  origin: string,
  workspace: string,
  number: number,
  mergeSha: string
): Promise<void> {
  await fs.rm(workspace, { recursive: true, force: true })
  await fs.mkdir(workspace, { recursive: true })
  const git = gitIn(workspace)
  git('init', '--quiet')
  git('remote', 'add', 'origin', `file://${origin}`)
  git(
    '-c',
    'protocol.version=2',
    'fetch',
    '--quiet',
    '--no-tags',
    '--prune',
    '--no-recurse-submodules',
    '--depth=1',
    'origin',
    `+${mergeSha}:refs/remotes/pull/${number}/merge`
  )
  git('checkout', '--quiet', '--force', `refs/remotes/pull/${number}/merge`)
}

/** The files of a commit, unpacked into a new folder (`git archive | tar -x`). */
export async function treeOf(repo: TestRepo, sha: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'port-hygiene-tree-'))
  const archive = path.join(dir, '.archive.tar')
  repo.git('archive', '--format=tar', '-o', archive, sha)
  execFileSync('tar', ['-x', '-f', archive, '-C', dir])
  await fs.rm(archive)
  return dir
}
