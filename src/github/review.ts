// Inline review comments (the reviewdog shape): the findings a pull request adds, on the exact
// lines of its diff, in one review pinned to the head commit, with a one-click suggestion where
// the fix is mechanical. GitHub rejects a whole review when one comment is on a line outside
// the diff (422, STYLE pitfall 9), so only diff lines are ever sent; on a 422 anyway (the diff
// moved under us) the review is sent once more without line comments.
//
// Re-runs reconcile by finding identity, carried in a hidden marker in each comment: a comment
// whose finding is still there at the same place stays; one whose finding is gone is deleted
// unless someone replied to it; a finding that moved gets its comment reposted. Never a
// duplicate.
import type { Finding } from '../model.js'
import { docsUrl } from '../rules/rule.js'
import { identityOf } from '../rules/identity.js'
import { escapeMarkdown, wellFormed } from '../report/escape.js'
import type { GitHubClient } from './octokit.js'
import type { ChangedFile } from './pull-files.js'
import type { ReviewMode } from './settings.js'

/** GitHub takes more, but a review of 100 comments buries a PR; the rest are in the sticky comment. */
export const REVIEW_COMMENT_LIMIT = 30

const SEVERITY_ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const

export interface PlannedComment {
  identity: string
  path: string
  line: number
  /** First line of a multi-line suggestion. */
  startLine?: number
  body: string
}

export interface ReviewPlanInput {
  /** The findings this PR adds, in the order a reader should meet them. */
  findings: readonly Finding[]
  changedFiles: readonly ChangedFile[]
  /** Scan-relative path → repository-relative path. */
  repositoryPath: (file: string) => string
  mode: Exclude<ReviewMode, 'off'>
  /** Tells this step's comments from another step's (the sticky comment's marker key). */
  scope: string
}

export interface ReviewPlan {
  comments: PlannedComment[]
  /** New findings with no line of the diff to go on. */
  outsideDiff: number
}

/**
 * Where each new finding can be commented: its own line when that line is in the diff, else
 * the first related place that is (the claim this PR added when the rule reported the conflict
 * on the older side).
 */
export function planReview(input: ReviewPlanInput): ReviewPlan {
  const diffLines = new Map(input.changedFiles.map((file) => [file.path, file.diffLines]))
  const comments: PlannedComment[] = []
  let outsideDiff = 0
  for (const finding of input.findings) {
    const places = [finding.location, ...finding.related.map((related) => related.location)]
    const anchor = places.find((place) => {
      const lines = diffLines.get(input.repositoryPath(place.file))
      return place.line >= 1 && lines?.has(place.line)
    })
    if (!anchor) {
      outsideDiff++
      continue
    }
    const path = input.repositoryPath(anchor.file)
    const suggestion =
      input.mode === 'suggestions' && anchor === finding.location
        ? suggestionFor(finding, diffLines.get(path)!)
        : undefined
    const comment: PlannedComment = {
      identity: identityOf(finding),
      path,
      line: suggestion?.line ?? anchor.line,
      body: commentBody(finding, input.scope, anchor === finding.location, suggestion?.block)
    }
    if (suggestion && suggestion.startLine !== suggestion.line)
      comment.startLine = suggestion.startLine
    comments.push(comment)
  }
  return { comments, outsideDiff }
}

/** `<!-- port-hygiene-finding k8s: 0123… -->`: whose comment this is, and for which finding. */
function findingMarker(scope: string, identity: string): string {
  return `<!-- port-hygiene-finding ${scope}: ${identity} -->`
}

function parseMarker(body: string, scope: string): string | undefined {
  const prefix = `<!-- port-hygiene-finding ${scope}: `
  if (!body.startsWith(prefix)) return undefined
  const match = /^([0-9a-f]{32}) -->/.exec(body.slice(prefix.length))
  return match?.[1]
}

function commentBody(
  finding: Finding,
  scope: string,
  onFinding: boolean,
  suggestion: string | undefined
): string {
  const rule = `[\`${finding.ruleId}\`](${docsUrl(finding.ruleId)})`
  const where = onFinding
    ? ''
    : `\n\n<sub>Reported at ${escapeMarkdown(`${finding.location.file}:${finding.location.line}`)}, the other side of this conflict.</sub>`
  const fix =
    suggestion && finding.fix
      ? `\n\n${suggestion}\n<sub>${escapeMarkdown(finding.fix.description)}</sub>`
      : finding.fix
        ? `\n\n**Fix:** ${escapeMarkdown(finding.fix.description)}`
        : ''
  return (
    `${findingMarker(scope, identityOf(finding))}\n` +
    `${SEVERITY_ICON[finding.severity]} **port-hygiene** ${rule} · new in this pull request\n\n` +
    `${escapeMarkdown(finding.message)}${where}${fix}`
  )
}

/**
 * The finding's fix as a ```` ```suggestion ```` block, from its whole-line form (a suggestion
 * replaces whole lines); undefined when the fix is not on diff lines (GitHub would refuse the
 * comment) or its file's text was not at hand.
 */
export function suggestionFor(
  finding: Finding,
  diffLines: ReadonlySet<number>
): { startLine: number; line: number; block: string } | undefined {
  const fix = finding.fix
  if (!fix?.wholeLines || fix.location.file !== finding.location.file) return undefined
  const { line: start, endLine: end, text } = fix.wholeLines
  for (let line = start; line <= end; line++) if (!diffLines.has(line)) return undefined
  return { startLine: start, line: end, block: fenced('suggestion', wellFormed(text)) }
}

/** A code fence longer than any run of backticks inside, so the text cannot close it. */
export function fenced(info: string, text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}${info}\n${text}\n${fence}`
}

export interface ReviewTarget {
  owner: string
  repo: string
  pullNumber: number
  headSha: string
}

export interface ReviewOutcome {
  /** New findings with a comment on the diff: kept from an earlier run or posted now. */
  inline: number
  /** New findings not commented: outside the diff, or past the per-review limit. */
  notInline: number
  posted: number
  deleted: number
  /** True when GitHub refused the line comments (422) and the review went without them. */
  withoutLineComments: boolean
}

export interface ReconcileOptions {
  /** This step's key (the sticky comment's marker key). */
  scope: string
  /** Whether a comment's author is this token's identity. */
  isOwn: (user: { login: string; type: string } | null | undefined) => boolean
  /** Identities of every current finding (new or existing): a comment about one of them is not stale. */
  current: ReadonlySet<string>
  /** Where the whole list is, for the review's own body. */
  listedIn: string
}

interface ExistingReviewComment {
  id: number
  identity: string
  path: string
  line: number | null
  hasReplies: boolean
}

export async function reconcileReview(
  client: GitHubClient,
  target: ReviewTarget,
  plan: ReviewPlan,
  options: ReconcileOptions
): Promise<ReviewOutcome> {
  const existing = await ourReviewComments(client, target, options)
  const wanted = new Map(plan.comments.map((comment) => [comment.identity, comment]))
  const keep = new Set<string>()
  let deleted = 0
  const remove = async (comment: ExistingReviewComment) => {
    await deleteComment(client, target, comment.id)
    deleted++
  }
  for (const comment of existing) {
    const planned = wanted.get(comment.identity)
    if (keep.has(comment.identity)) {
      // A second comment for one finding (two runs raced): one is enough.
      if (!comment.hasReplies) await remove(comment)
    } else if (planned && planned.path === comment.path && planned.line === comment.line) {
      keep.add(comment.identity)
    } else if (planned) {
      // Moved: reposted at the new place, unless the old one has a discussion to keep.
      if (comment.hasReplies) keep.add(comment.identity)
      else await remove(comment)
    } else if (!options.current.has(comment.identity)) {
      // Fixed: the comment goes, unless someone replied to it.
      if (!comment.hasReplies) await remove(comment)
    }
    // Otherwise the finding is still there but no longer on a diff line: the comment stays.
  }
  const toPost = plan.comments.filter((comment) => !keep.has(comment.identity))
  const batch = toPost.slice(0, REVIEW_COMMENT_LIMIT)
  const outcome: ReviewOutcome = {
    inline: keep.size + batch.length,
    notInline: plan.outsideDiff + (toPost.length - batch.length),
    posted: 0,
    deleted,
    withoutLineComments: false
  }
  if (batch.length === 0) return outcome
  const body =
    `port-hygiene: ${batch.length === 1 ? '1 finding' : `${batch.length} findings`} this pull ` +
    `request adds, on the lines below. The full list is in ${options.listedIn}.`
  try {
    await createReview(client, target, body, batch)
    outcome.posted = batch.length
  } catch (error) {
    if (statusOf(error) !== 422) throw error
    // One comment GitHub would not place fails them all: say it once, without line comments.
    await createReview(
      client,
      target,
      `${body}\n\nGitHub refused the line comments (the diff may have changed during the run); ` +
        'they are listed in the comment instead.',
      []
    )
    outcome.withoutLineComments = true
    outcome.inline = keep.size
    outcome.notInline += batch.length
  }
  return outcome
}

async function createReview(
  client: GitHubClient,
  target: ReviewTarget,
  body: string,
  comments: PlannedComment[]
): Promise<void> {
  await client.rest.pulls.createReview({
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    commit_id: target.headSha,
    event: 'COMMENT',
    body,
    comments: comments.map((comment) => ({
      path: comment.path,
      line: comment.line,
      side: 'RIGHT',
      body: comment.body,
      ...(comment.startLine !== undefined
        ? { start_line: comment.startLine, start_side: 'RIGHT' }
        : {})
    }))
  })
}

async function deleteComment(client: GitHubClient, target: ReviewTarget, id: number) {
  await client.rest.pulls.deleteReviewComment({
    owner: target.owner,
    repo: target.repo,
    comment_id: id
  })
}

async function ourReviewComments(
  client: GitHubClient,
  target: ReviewTarget,
  options: ReconcileOptions
): Promise<ExistingReviewComment[]> {
  const all = await client.paginate(client.rest.pulls.listReviewComments, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100
  })
  const replied = new Set(all.map((comment) => comment.in_reply_to_id).filter(Boolean))
  const ours: ExistingReviewComment[] = []
  for (const comment of all) {
    if (comment.in_reply_to_id || !options.isOwn(comment.user)) continue
    const identity = parseMarker(comment.body, options.scope)
    if (!identity) continue
    ours.push({
      id: comment.id,
      identity,
      path: comment.path,
      line: comment.line ?? null,
      hasReplies: replied.has(comment.id)
    })
  }
  return ours
}

function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status
    return typeof status === 'number' ? status : undefined
  }
  return undefined
}
