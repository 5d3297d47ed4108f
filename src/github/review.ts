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
import type { Finding, SourceLocation } from '../model.js'
import { docsUrl } from '../rules/rule.js'
import { identityOf } from '../rules/identity.js'
import { escapeMarkdown, wellFormed } from '../report/escape.js'
import type { GitHubClient } from './octokit.js'
import type { ChangedFile } from './pull-files.js'
import type { ReviewMode } from './settings.js'
import { maxOf } from '../append.js'

/**
 * At most this many of our inline comments on one pull request, counting those earlier runs
 * left: GitHub takes more, but a hundred comments bury a PR, and a re-run must not add another
 * thirty. The rest are listed in the sticky comment.
 */
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
  /** The findings this PR adds, at the head's lines, in the order a reader should meet them. */
  findings: readonly Finding[]
  changedFiles: readonly ChangedFile[]
  /** Scan-relative path → repository-relative path. */
  repositoryPath: (file: string) => string
  mode: Exclude<ReviewMode, 'off'>
  /** Tells this step's comments from another step's (the sticky comment's marker key). */
  scope: string
  /**
   * The text of a line of the head (scan-relative file, head line) as it was scanned, undefined
   * when the scan had no such line. A comment goes only where the diff shows that same text, so
   * that a finding is never pinned to a line it is not about, however the lines were mapped.
   */
  scannedText?: (file: string, line: number) => string | undefined
}

/** Why a new finding has no inline comment planned. */
export type NotPlanned = 'outside-diff' | 'not-in-head'

export interface ReviewPlan {
  comments: PlannedComment[]
  /** New findings with no comment planned, by identity. */
  notPlanned: Map<string, NotPlanned>
}

/**
 * Where each new finding can be commented: its own line when that line is in the diff, else
 * the first related place that is (the claim this PR added when the rule reported the conflict
 * on the other side). A finding on a line the head does not have (GitHub's merge with the base
 * branch has it) is never commented: it is listed in the sticky comment with that said.
 */
export function planReview(input: ReviewPlanInput): ReviewPlan {
  const files = new Map(input.changedFiles.map((file) => [file.path, file]))
  const comments: PlannedComment[] = []
  const notPlanned = new Map<string, NotPlanned>()
  const shown = (place: SourceLocation, line = place.line) => {
    const text = files.get(input.repositoryPath(place.file))?.diffText.get(line)?.text
    if (text === undefined) return 'outside-diff'
    if (!input.scannedText) return 'shown'
    const scanned = input.scannedText(place.file, line)
    return scanned?.replace(/\r$/, '') === text ? 'shown' : 'not-in-head'
  }
  for (const finding of input.findings) {
    const identity = identityOf(finding)
    if (finding.location.notInHead) {
      notPlanned.set(identity, 'not-in-head')
      continue
    }
    const places = [
      finding.location,
      ...finding.related.map((related) => related.location).filter((place) => !place.notInHead)
    ].filter((place) => place.line >= 1)
    const verdicts = places.map((place) => shown(place))
    const anchor = places[verdicts.indexOf('shown')]
    if (!anchor) {
      notPlanned.set(identity, verdicts[0] === 'not-in-head' ? 'not-in-head' : 'outside-diff')
      continue
    }
    const path = input.repositoryPath(anchor.file)
    const onFinding = anchor === finding.location
    const suggestion =
      input.mode === 'suggestions' && onFinding
        ? suggestionFor(finding, files.get(path)!, (line) => shown(anchor, line) === 'shown')
        : undefined
    const comment: PlannedComment = {
      identity,
      path,
      line: suggestion?.line ?? anchor.line,
      body: commentBody(finding, input.scope, onFinding, suggestion?.block)
    }
    if (suggestion && suggestion.startLine !== suggestion.line)
      comment.startLine = suggestion.startLine
    comments.push(comment)
  }
  return { comments, notPlanned }
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
  const place = escapeMarkdown(`${finding.location.file}:${finding.location.line}`)
  const where = onFinding
    ? ''
    : `\n\n<sub>Reported at ${place}, the other side of this conflict.</sub>`
  const fix =
    suggestion && finding.fix
      ? `\n\n${suggestion}\n<sub>${escapeMarkdown(finding.fix.description)}</sub>`
      : finding.fix
        ? `\n\n**Fix${onFinding ? '' : ` (at ${place})`}:** ${escapeMarkdown(finding.fix.description)}`
        : ''
  return (
    `${findingMarker(scope, identityOf(finding))}\n` +
    `${SEVERITY_ICON[finding.severity]} **port-hygiene** ${rule} · new in this pull request\n\n` +
    `${escapeMarkdown(finding.message)}${where}${fix}`
  )
}

/**
 * The finding's fix as a ```` ```suggestion ```` block, from its whole-line form (a suggestion
 * replaces whole lines, GitHub puts the block's lines in their place, and an empty block
 * deletes them); undefined when the fix is not on lines of one hunk of the diff as scanned
 * (GitHub would refuse the comment, or apply it to other text) or its text was not at hand.
 */
export function suggestionFor(
  finding: Finding,
  file: Pick<ChangedFile, 'diffText'>,
  verified: (line: number) => boolean = () => true
): { startLine: number; line: number; block: string } | undefined {
  const fix = finding.fix
  if (!fix?.wholeLines || fix.location.file !== finding.location.file) return undefined
  if (fix.location.notInHead) return undefined
  const { line: start, endLine: end, text } = fix.wholeLines
  const hunk = file.diffText.get(start)?.hunk
  for (let line = start; line <= end; line++) {
    const shown = file.diffText.get(line)
    if (shown === undefined || shown.hunk !== hunk || !verified(line)) return undefined
  }
  return { startLine: start, line: end, block: fenced('suggestion', wellFormed(text)) }
}

/**
 * A code fence longer than any run of backticks inside, so the text cannot close it. Empty text
 * is an empty block (no line at all: one blank line would be a line GitHub inserts).
 */
export function fenced(info: string, text: string): string {
  const longest = maxOf([0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length)])
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return text === '' ? `${fence}${info}\n${fence}` : `${fence}${info}\n${text}\n${fence}`
}

export interface ReviewTarget {
  owner: string
  repo: string
  pullNumber: number
  headSha: string
}

export interface ReviewOutcome {
  /** New findings with one of our comments on the PR: kept from an earlier run or posted now. */
  inline: number
  /** New findings with no line of the diff to go on. */
  outsideDiff: number
  /** New findings on a line the head does not have (GitHub's merge with the base branch does). */
  notInHead: number
  /** New findings left out because the PR holds REVIEW_COMMENT_LIMIT of our comments. */
  overLimit: number
  /** New findings whose comments GitHub refused (422): the review went without line comments. */
  refused: number
  posted: number
  deleted: number
}

export interface ReconcileOptions {
  /** This step's key (the sticky comment's marker key). */
  scope: string
  /** Whether a comment's author is this token's identity. */
  isOwn: (user: { login: string; type: string } | null | undefined) => boolean
  /** Identities of every current finding (new or existing): a comment about one of them is not stale. */
  current: ReadonlySet<string>
  /** Identities of the findings this PR adds: what the outcome counts. */
  added: readonly string[]
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

/**
 * Our comments of earlier runs against the plan: a comment whose finding is still there at the
 * same place stays; one whose finding moved is deleted and posted again at the new place
 * (unless it has replies); one whose finding is gone is deleted (unless it has replies). Then
 * as many planned comments are posted as the limit per pull request leaves room for: every
 * comment of ours that stays counts against it.
 */
export async function reconcileReview(
  client: GitHubClient,
  target: ReviewTarget,
  plan: ReviewPlan,
  options: ReconcileOptions
): Promise<ReviewOutcome> {
  const existing = await ourReviewComments(client, target, options)
  const wanted = new Map(plan.comments.map((comment) => [comment.identity, comment]))
  /** Findings whose planned comment is on the PR already (or whose thread is kept). */
  const keep = new Set<string>()
  /** Findings with one of our comments still on the PR, wherever it is. */
  const commented = new Set<string>()
  let deleted = 0
  const remove = async (comment: ExistingReviewComment) => {
    await deleteComment(client, target, comment.id)
    deleted++
  }
  const stays = (comment: ExistingReviewComment) => commented.add(comment.identity)
  for (const comment of existing) {
    const planned = wanted.get(comment.identity)
    if (commented.has(comment.identity)) {
      // A second comment for one finding (two runs raced): one is enough.
      if (comment.hasReplies) stays(comment)
      else await remove(comment)
    } else if (planned && planned.path === comment.path && planned.line === comment.line) {
      keep.add(comment.identity)
      stays(comment)
    } else if (planned) {
      // Moved: reposted at the new place, unless the old one has a discussion to keep.
      if (comment.hasReplies) {
        keep.add(comment.identity)
        stays(comment)
      } else {
        await remove(comment)
      }
    } else if (!options.current.has(comment.identity) && !comment.hasReplies) {
      // Fixed: the comment goes, unless someone replied to it.
      await remove(comment)
    } else {
      // A thread someone replied to, or a finding still there off the diff: the comment stays.
      stays(comment)
    }
  }
  const remaining = existing.length - deleted
  const toPost = plan.comments.filter((comment) => !keep.has(comment.identity))
  const batch = toPost.slice(0, Math.max(0, REVIEW_COMMENT_LIMIT - remaining))
  let posted = new Set<string>()
  if (batch.length > 0) {
    const body =
      `port-hygiene: ${batch.length === 1 ? '1 finding' : `${batch.length} findings`} this pull ` +
      `request adds, on the lines below. The full list is in ${options.listedIn}.`
    try {
      await createReview(client, target, body, batch)
      posted = new Set(batch.map((comment) => comment.identity))
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
    }
  }
  const inBatch = new Set(batch.map((comment) => comment.identity))
  const outcome: ReviewOutcome = {
    inline: 0,
    outsideDiff: 0,
    notInHead: 0,
    overLimit: 0,
    refused: 0,
    posted: posted.size,
    deleted
  }
  for (const identity of options.added) {
    if (commented.has(identity) || posted.has(identity)) outcome.inline++
    else if (inBatch.has(identity)) outcome.refused++
    else if (wanted.has(identity)) outcome.overLimit++
    else if (plan.notPlanned.get(identity) === 'not-in-head') outcome.notInHead++
    else outcome.outsideDiff++
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
