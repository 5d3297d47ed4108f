// The lines a pull request's reader sees are the head commit's: the diff, the inline review,
// line links and suggestions all speak of them. The workspace GitHub checks out for a
// `pull_request` run is another commit: `refs/pull/N/merge`, the head merged into the base
// branch as it is now. When the base branch changed a file above the PR's change since the
// branch was made, line 476 of the checkout is line 461 of the head.
//
// We scan the checkout (it is what lands when the PR merges: a conflict between the PR and what
// the base branch gained meanwhile exists only there, and it is the commit the base scan is
// compared with) and map its lines to the head's through `git diff <head>` of the working tree.
// A line the head does not have (the base branch wrote it, or an earlier step of the job
// generated the file) maps to nothing: such a finding is listed, never commented inline.
import path from 'node:path'
import { append } from '../append.js'
import { toPosix } from '../discover/discover.js'
import {
  BaseUnavailableError,
  diffWorkingTree,
  ensureCommit,
  realFolder,
  repositoryRoot,
  trackedFiles
} from './git.js'

/** One hunk of a `-U0` diff from the head (`a`) to the checkout (`b`). */
export interface Hunk {
  headStart: number
  headCount: number
  checkoutStart: number
  checkoutCount: number
}

export interface HeadLines {
  /** The head commit the lines are of. */
  headSha: string
  /** The head line of a line of the scanned file (scan-relative); undefined = not in the head. */
  toHead(file: string, line: number): number | undefined
  /** The checkout line of a line of the head's file; undefined = not in the checkout. */
  toCheckout(file: string, line: number): number | undefined
  /**
   * Set when the head commit could not be read from git: lines are then the checkout's as they
   * are (right unless the base branch changed the file), and this says why.
   */
  problem?: string
}

/** Lines taken as they are: a push, a checkout of the head itself, or no git to ask. */
export function sameLines(headSha: string, problem?: string): HeadLines {
  return {
    headSha,
    toHead: (_file, line) => line,
    toCheckout: (_file, line) => line,
    ...(problem ? { problem } : {})
  }
}

/**
 * How the head's files became the checkout's: for each scan-relative file the checkout has,
 * its hunks (the file differs), `same` (it does not) or `absent` (the head has no such file).
 */
export type FileChanges = Map<string, Hunk[] | 'absent'>

export function headLinesFrom(headSha: string, changes: FileChanges): HeadLines {
  return {
    headSha,
    toHead(file, line) {
      const hunks = changes.get(file)
      if (hunks === 'absent') return undefined
      return hunks ? mapLine(hunks, line, 'checkout') : line
    },
    toCheckout(file, line) {
      const hunks = changes.get(file)
      if (hunks === 'absent') return undefined
      return hunks ? mapLine(hunks, line, 'head') : line
    }
  }
}

/**
 * A line of one side to the other side, through `-U0` hunks (in order). A line inside a hunk
 * was changed and has no counterpart. With a count of 0 the start is the line *before* the
 * insertion or deletion (`@@ -0,0 +1,2 @@` adds two lines at the top).
 */
export function mapLine(
  hunks: readonly Hunk[],
  line: number,
  from: 'head' | 'checkout'
): number | undefined {
  let delta = 0
  for (const hunk of hunks) {
    const [start, count, otherCount] =
      from === 'checkout'
        ? [hunk.checkoutStart, hunk.checkoutCount, hunk.headCount]
        : [hunk.headStart, hunk.headCount, hunk.checkoutCount]
    if (count > 0) {
      if (line < start) break
      if (line < start + count) return undefined
    } else if (line <= start) {
      break
    }
    delta += count - otherCount
  }
  return line - delta
}

/**
 * The hunks of each file of a `git diff -U0` (the path after `+++ b/`; git C-quotes unusual
 * names). A file whose `+++` is /dev/null was deleted and is not in the checkout.
 */
export function parseUnifiedDiff(diff: string): Map<string, Hunk[]> {
  const files = new Map<string, Hunk[]>()
  let current: Hunk[] | undefined
  for (const row of diff.split('\n')) {
    if (row.startsWith('diff --git ')) {
      current = undefined
      continue
    }
    if (row.startsWith('+++ ')) {
      const name = unquoteGitPath(row.slice(4))
      current = name === '/dev/null' ? undefined : []
      if (current) files.set(name.replace(/^b\//, ''), current)
      continue
    }
    const hunk = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(row)
    if (hunk && current) {
      current.push({
        headStart: Number(hunk[1]),
        headCount: hunk[2] === undefined ? 1 : Number(hunk[2]),
        checkoutStart: Number(hunk[3]),
        checkoutCount: hunk[4] === undefined ? 1 : Number(hunk[4])
      })
    }
  }
  return files
}

const ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  '\\': 92
}

/** `"b/caf\303\251.yaml"` → `b/café.yaml` (git's quoting of paths: C escapes, octal bytes). */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text
  const bytes: number[] = []
  const body = text.slice(1, -1)
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!
    if (char !== '\\') {
      append(bytes, Buffer.from(char, 'utf8'))
      continue
    }
    const next = body[index + 1] ?? ''
    const octal = /^[0-7]{3}/.exec(body.slice(index + 1))
    if (octal) {
      bytes.push(parseInt(octal[0], 8))
      index += 3
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0))
      index += 1
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

export interface HeadLinesRequest {
  /** The scanned folder (absolute, inside the checkout). */
  root: string
  headSha: string
  /** Scan-relative files whose lines will be asked for (those with findings or host ports). */
  files: readonly string[]
}

/**
 * The checkout's lines as the head's. The head commit is fetched (depth 1) when the shallow
 * checkout of the merge commit lacks it; without git or without the commit, the lines are taken
 * as they are and `problem` says why.
 */
export async function readHeadLines(request: HeadLinesRequest): Promise<HeadLines> {
  try {
    const repoRoot = await repositoryRoot(request.root)
    await ensureCommit(repoRoot, request.headSha, 'the head commit')
    const folder = toPosix(path.relative(repoRoot, await realFolder(request.root)))
    const inRepository = (file: string) => (folder ? `${folder}/${file}` : file)
    const paths = request.files.map(inRepository)
    const [tracked, diff] = await Promise.all([
      trackedFiles(repoRoot, request.headSha, paths),
      diffWorkingTree(repoRoot, request.headSha, paths)
    ])
    const changes: FileChanges = new Map()
    const hunksOf = parseUnifiedDiff(diff)
    for (const file of request.files) {
      const hunks = hunksOf.get(inRepository(file))
      if (hunks) changes.set(file, hunks)
      // Not in the diff: the same as the head's when the head has it, else a file the head
      // never had (untracked: written by an earlier step of the job).
      else if (!tracked.has(inRepository(file))) changes.set(file, 'absent')
    }
    return headLinesFrom(request.headSha, changes)
  } catch (error) {
    if (!(error instanceof BaseUnavailableError)) throw error
    return sameLines(request.headSha, error.message)
  }
}
