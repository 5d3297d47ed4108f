// "Where am I": the event, the pull request, fork, Dependabot, act, token — read once into a
// RunContext, separate from reporting (the reviewdog shape). The event payload is read here
// from GITHUB_EVENT_PATH instead of @actions/github's `context`, which reads it when the module
// is imported (STYLE pitfall 4) and so cannot be pointed at a test's payload afterwards.
import { readFileSync } from 'node:fs'
import type { Settings } from './settings.js'

export interface Repository {
  owner: string
  repo: string
}

export interface PullRequestInfo {
  number: number
  /** The head commit: line links must point at it, not at GITHUB_SHA (a merge commit for PRs). */
  headSha: string
  /** The base commit the PR is compared with (`pull_request.base.sha`); empty when unknown. */
  baseSha: string
  /** `owner/name` of the head repository; undefined when GitHub no longer knows it (deleted fork). */
  headRepository?: string
  /** The head lives in another repository than the base, so `pull_request` runs get a read-only token. */
  isFork: boolean
  author?: string
}

export interface RunContext {
  /** GITHUB_EVENT_NAME; empty when unset (a bare `act` run, a local run). */
  eventName: string
  repository?: Repository
  /** GITHUB_SHA; empty when unset. */
  sha: string
  pullRequest?: PullRequestInfo
  serverUrl: string
  apiUrl: string
  /** The URL of this workflow run, where the job summary is. */
  runUrl?: string
  /** GITHUB_WORKSPACE, or the process's folder outside a runner. */
  workspace: string
  /** nektos/act sets ACT=true. */
  isAct: boolean
  /** Under act, the user opted in to real API writes with PORT_HYGIENE_ACT_COMMENT=true. */
  actCommentOptIn: boolean
  actor: string
  isDependabot: boolean
  /** Why the event payload could not be used, if it could not (the run goes on without it). */
  payloadProblem?: string
}

type Env = Record<string, string | undefined>

const DEPENDABOT = 'dependabot[bot]'

/**
 * Events whose runs on a fork (or Dependabot) pull request get a read-only GITHUB_TOKEN.
 * `pull_request_target` runs in the base repository with a write token, so it is not here.
 * https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
 */
const READ_ONLY_FOR_FORKS = new Set([
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment'
])

export function readRunContext(env: Env, cwd: string = process.cwd()): RunContext {
  const { payload, problem } = readEventPayload(env.GITHUB_EVENT_PATH)
  const repository = readRepository(env, payload)
  const serverUrl = trimSlash(env.GITHUB_SERVER_URL || 'https://github.com')
  const actor = env.GITHUB_ACTOR ?? ''
  const pullRequest = readPullRequest(payload, repository, env.GITHUB_SHA ?? '')
  const context: RunContext = {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: env.GITHUB_SHA ?? '',
    serverUrl,
    apiUrl: trimSlash(env.GITHUB_API_URL || 'https://api.github.com'),
    workspace: env.GITHUB_WORKSPACE || cwd,
    isAct: env.ACT === 'true',
    actCommentOptIn: env.PORT_HYGIENE_ACT_COMMENT === 'true',
    actor,
    isDependabot: actor === DEPENDABOT || pullRequest?.author === DEPENDABOT
  }
  if (repository) context.repository = repository
  if (pullRequest) context.pullRequest = pullRequest
  if (repository && env.GITHUB_RUN_ID) {
    context.runUrl = `${serverUrl}/${repository.owner}/${repository.repo}/actions/runs/${env.GITHUB_RUN_ID}`
  }
  if (problem) context.payloadProblem = problem
  return context
}

export type CommentDecision =
  | { post: true; pullRequest: PullRequestInfo; repository: Repository; token: string }
  /** `notify`: say why in a notice (false when the user turned the comment off themselves). */
  | { post: false; reason: string; notify: boolean }

/** Decided before scanning, so the log says early and once why there will be no comment. */
export function decideComment(
  context: RunContext,
  settings: Pick<Settings, 'comment' | 'githubToken'>
): CommentDecision {
  const skip = (reason: string) => ({ post: false as const, reason, notify: true })
  if (settings.comment === 'never') {
    return { post: false, reason: 'the "comment" input is "never"', notify: false }
  }
  const { pullRequest, repository } = context
  if (!pullRequest) {
    const event = context.eventName ? `this "${context.eventName}" event` : 'this event'
    return skip(`there is no pull request in ${event}`)
  }
  // act hands `gh auth token` to workflows as github.token when the user is logged in to gh
  // (nektos/act#2651), so a token under act may be the developer's own: never use it for
  // writes unless the user asked for that explicitly.
  if (context.isAct && !(context.actCommentOptIn && settings.githubToken)) {
    return skip(
      'running under act, where the token may be your own gh login; to post for real, pass ' +
        '`-s GITHUB_TOKEN=<token> --env PORT_HYGIENE_ACT_COMMENT=true`'
    )
  }
  if (!settings.githubToken) return skip('the "github-token" input is empty')
  if (!repository) return skip('the repository is unknown (GITHUB_REPOSITORY is not set)')
  if (READ_ONLY_FOR_FORKS.has(context.eventName)) {
    if (pullRequest.isFork) {
      const from = pullRequest.headRepository ?? 'a deleted fork'
      return skip(
        `the pull request comes from ${from}, and a "${context.eventName}" run for a fork gets a read-only token`
      )
    }
    if (context.isDependabot) {
      return skip(
        `the pull request is from Dependabot, and a "${context.eventName}" run for Dependabot gets a read-only token`
      )
    }
  }
  return { post: true, pullRequest, repository, token: settings.githubToken }
}

interface EventPayload {
  pull_request?: unknown
  repository?: unknown
}

function readEventPayload(eventPath: string | undefined): {
  payload: EventPayload
  problem?: string
} {
  if (!eventPath) return { payload: {} }
  let text: string
  try {
    text = readFileSync(eventPath, 'utf8')
  } catch (error) {
    return {
      payload: {},
      problem: `the event file ${eventPath} cannot be read (${message(error)})`
    }
  }
  try {
    const parsed: unknown = JSON.parse(text)
    return { payload: isRecord(parsed) ? parsed : {} }
  } catch (error) {
    return { payload: {}, problem: `the event file ${eventPath} is not JSON (${message(error)})` }
  }
}

function readRepository(env: Env, payload: EventPayload): Repository | undefined {
  const fromEnv = splitFullName(env.GITHUB_REPOSITORY)
  if (fromEnv) return fromEnv
  const repository = payload.repository
  return isRecord(repository) ? splitFullName(stringAt(repository, 'full_name')) : undefined
}

function readPullRequest(
  payload: EventPayload,
  base: Repository | undefined,
  fallbackSha: string
): PullRequestInfo | undefined {
  const pr = payload.pull_request
  if (!isRecord(pr) || typeof pr.number !== 'number') return undefined
  const head = isRecord(pr.head) ? pr.head : {}
  const headRepo = isRecord(head.repo) ? stringAt(head.repo, 'full_name') : undefined
  const baseFromPayload =
    isRecord(pr.base) && isRecord(pr.base.repo) ? stringAt(pr.base.repo, 'full_name') : undefined
  const baseName = baseFromPayload ?? (base ? `${base.owner}/${base.repo}` : undefined)
  const info: PullRequestInfo = {
    number: pr.number,
    headSha: stringAt(head, 'sha') ?? fallbackSha,
    baseSha: (isRecord(pr.base) ? stringAt(pr.base, 'sha') : undefined) ?? '',
    // A head repo GitHub no longer knows (the fork was deleted) is null: treat it as a fork.
    isFork: headRepo === undefined || (baseName !== undefined && headRepo !== baseName)
  }
  if (headRepo) info.headRepository = headRepo
  const author = isRecord(pr.user) ? stringAt(pr.user, 'login') : undefined
  if (author) info.author = author
  return info
}

function splitFullName(fullName: string | undefined): Repository | undefined {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(fullName ?? '')
  return match ? { owner: match[1]!, repo: match[2]! } : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringAt(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
