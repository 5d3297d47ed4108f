// The files a pull request changes, with the lines of its diff (pulls.listFiles, 100 per page,
// up to GitHub's 3,000 files). Two uses: the changed-lines fallback when the base commit cannot
// be read (a finding is new when its line was added), and review comments, which GitHub
// accepts only on lines of the diff (anything else fails the whole review with 422).
import type { GitHubClient } from './octokit.js'

export interface ChangedFile {
  /** Repository-relative path in the head. */
  path: string
  previousPath?: string
  /** added, removed, modified, renamed, copied, changed, unchanged */
  status: string
  /** Head lines the PR added; `all` for a new file or a diff GitHub does not show (too large, binary). */
  added: Set<number> | 'all'
  /** Head lines inside the diff's hunks (added and context lines): where a review comment may go. */
  diffLines: Set<number>
  /** The text of each of those lines as the diff shows it, and the hunk it is in (from 0). */
  diffText: Map<number, { text: string; hunk: number }>
}

export interface PullRequestTarget {
  owner: string
  repo: string
  pullNumber: number
}

export async function listChangedFiles(
  client: GitHubClient,
  target: PullRequestTarget
): Promise<ChangedFile[]> {
  const files = await client.paginate(client.rest.pulls.listFiles, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100
  })
  return files.filter((file) => file.status !== 'removed').map(toChangedFile)
}

function toChangedFile(file: {
  filename: string
  previous_filename?: string
  status: string
  patch?: string
}): ChangedFile {
  const lines = file.patch === undefined ? undefined : parsePatch(file.patch)
  const changed: ChangedFile = {
    path: file.filename,
    status: file.status,
    added: file.status === 'added' || !lines ? 'all' : lines.added,
    diffLines: lines?.diffLines ?? new Set(),
    diffText: lines?.text ?? new Map()
  }
  if (file.previous_filename) changed.previousPath = file.previous_filename
  return changed
}

/**
 * The head-side lines of a unified diff's hunks: `@@ -a,b +c,d @@` starts at head line c; `+`
 * and ` ` lines advance it (a `+` line was added), `-` lines belong to the base only, and
 * `\ No newline at end of file` to neither.
 */
export function parsePatch(patch: string): {
  added: Set<number>
  diffLines: Set<number>
  text: Map<number, { text: string; hunk: number }>
} {
  const added = new Set<number>()
  const diffLines = new Set<number>()
  const lineText = new Map<number, { text: string; hunk: number }>()
  let line = 0
  let hunks = 0
  const rows = patch.split('\n')
  if (rows[rows.length - 1] === '') rows.pop()
  for (const text of rows) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text)
    if (hunk) {
      line = Number(hunk[1])
      hunks++
      continue
    }
    if (hunks === 0 || text.startsWith('\\') || text.startsWith('-')) continue
    if (text.startsWith('+')) added.add(line)
    diffLines.add(line)
    // A CRLF file's diff keeps the CR: the line's text is what precedes it.
    lineText.set(line, { text: text.slice(1).replace(/\r$/, ''), hunk: hunks - 1 })
    line++
  }
  return { added, diffLines, text: lineText }
}
