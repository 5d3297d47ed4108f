// The one pull-request comment, kept up to date (the marocchino/sticky-pull-request-comment
// shape): every function takes the client as a parameter, so tests give it a server of their own.
import { withoutRunTime } from '../report/markdown.js'
import type { GitHubClient } from './octokit.js'

export interface CommentTarget {
  owner: string
  repo: string
  /** Pull requests are issues to the comments API. */
  issueNumber: number
}

export interface ExistingComment {
  id: number
  body: string
  url: string
}

export type CommentOutcome =
  | { action: 'created' | 'updated' | 'unchanged'; id: number; url: string }
  /** `comment: on-findings` on a clean PR that has no comment yet. */
  | { action: 'not-created' }

export interface UpsertOptions {
  /** The hidden marker that opens every body this action writes. */
  marker: string
  /** The token's own login (a personal access token); undefined = any bot's comment counts. */
  ownLogin?: string
  /** False = create no comment when none exists (on-findings mode on a clean PR). */
  createIfMissing: boolean
}

/**
 * The login a personal access token acts as (`GET /user`), so that its comment is found again
 * instead of posted anew. Installation tokens (GITHUB_TOKEN, GitHub Apps: `ghs_…`) cannot call
 * that endpoint and comment as a bot; for them, and when the call fails, undefined.
 */
export async function tokenLogin(client: GitHubClient, token: string): Promise<string | undefined> {
  if (token.startsWith('ghs_')) return undefined
  try {
    const { data } = await client.rest.users.getAuthenticated()
    return data.login || undefined
  } catch {
    return undefined
  }
}

/** Who counts as "us": the token's own login when known, else any bot (never a human). */
export function isOwnAuthor(
  ownLogin: string | undefined
): (user: { login: string; type: string } | null | undefined) => boolean {
  return (user) => (ownLogin ? user?.login === ownLogin : user?.type === 'Bot')
}

/**
 * The first comment by this token's identity whose body starts with the marker: the token's
 * own login when known (a personal access token), else any bot. A human who quotes the marker
 * must never have their comment taken over (pitfall 7), and the marker opens the body, so a
 * body cut for length still carries it.
 */
export async function findMarkedComment(
  client: GitHubClient,
  target: CommentTarget,
  marker: string,
  ownLogin?: string
): Promise<ExistingComment | undefined> {
  const isOwn = isOwnAuthor(ownLogin)
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  })
  for await (const page of pages) {
    for (const comment of page.data) {
      const body = comment.body ?? ''
      if (isOwn(comment.user) && body.startsWith(marker)) {
        return { id: comment.id, body, url: comment.html_url }
      }
    }
  }
  return undefined
}

/** Create the comment, or update the one found by its marker; no write when nothing changed. */
export async function upsertComment(
  client: GitHubClient,
  target: CommentTarget,
  body: string,
  options: UpsertOptions
): Promise<CommentOutcome> {
  const existing = await findMarkedComment(client, target, options.marker, options.ownLogin)
  if (existing) {
    // GitHub may hand a body back with CRLF line ends, and a re-run a minute later writes a
    // new time: neither is a change worth a write.
    if (normalise(existing.body) === normalise(body)) {
      return { action: 'unchanged', id: existing.id, url: existing.url }
    }
    const { data } = await client.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: existing.id,
      body
    })
    return { action: 'updated', id: data.id, url: data.html_url }
  }
  if (!options.createIfMissing) return { action: 'not-created' }
  const { data } = await client.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body
  })
  return { action: 'created', id: data.id, url: data.html_url }
}

/**
 * A readable reason for an API failure. 403 and 404 are what a token without
 * `pull-requests: write` (or a read-only token) gets; say what to change.
 */
export function describeCommentError(error: unknown): string {
  const status = statusOf(error)
  const detail = error instanceof Error ? error.message : String(error)
  if (status === 403 || status === 404) {
    return (
      `GitHub answered ${status} (${detail}). The token probably cannot write pull-request ` +
      'comments: give the job `permissions: pull-requests: write`, or pass a token that can.'
    )
  }
  if (status !== undefined) return `GitHub answered ${status} (${detail}).`
  return detail
}

function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status
    return typeof status === 'number' ? status : undefined
  }
  return undefined
}

function normalise(body: string): string {
  return withoutRunTime(body.replace(/\r\n/g, '\n'))
}
