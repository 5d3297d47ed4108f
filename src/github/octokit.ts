// The one place that builds the GitHub API client (the peter-evans/create-pull-request shape):
// @actions/github's GitHub class (REST methods, pagination, the runner's proxy settings) plus
// plugin-retry for transient 5xx and plugin-throttling for rate limits. No other module retries.
// Every request has a deadline, and the client as a whole has a budget: an API that accepts the
// connection and never answers costs the job at most the budget, then one warning.
import { GitHub, defaults, getOctokitOptions } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

const ClientWithPlugins = GitHub.plugin(retry, throttling)

export type GitHubClient = InstanceType<typeof ClientWithPlugins>

export interface ClientLog {
  debug(message: string): void
  warning(message: string): void
}

export interface ClientOptions {
  token: string
  /** GITHUB_API_URL as the run context read it; always a string (STYLE pitfall 5). */
  apiUrl: string
  log: ClientLog
  /** Tests shorten the waits; production keeps the plugins' 1 s base. */
  retryBaseMs?: number
  /** How many times a request is retried after a 5xx or a rate limit. */
  maxRetries?: number
  /** A rate-limit wait longer than this is not worth holding the job for: give up instead. */
  maxRateLimitWaitSeconds?: number
  /** One request (one attempt) without an answer after this long is aborted, then retried. */
  requestTimeoutMs?: number
  /**
   * Everything the client does, from its first request, retries and waits included: past it,
   * requests fail at once (and are not retried). The comment phase is bounded by this.
   */
  budgetMs?: number
}

/** Defaults of the API deadlines; PORT_HYGIENE_API_TIMEOUT and PORT_HYGIENE_API_BUDGET (seconds) change them. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
export const DEFAULT_API_BUDGET_MS = 90_000

/** The deadlines from the environment; a value that is not a positive number of seconds is ignored. */
export function apiDeadlinesFromEnv(
  env: Record<string, string | undefined>
): Pick<ClientOptions, 'requestTimeoutMs' | 'budgetMs'> {
  const seconds = (text: string | undefined) =>
    text !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(text) && Number(text) > 0
      ? Math.round(Number(text) * 1000)
      : undefined
  const requestTimeoutMs = seconds(env.PORT_HYGIENE_API_TIMEOUT)
  const budgetMs = seconds(env.PORT_HYGIENE_API_BUDGET)
  return {
    ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
    ...(budgetMs !== undefined ? { budgetMs } : {})
  }
}

/**
 * A request that ran out of time. Named AbortError so that @octokit/request passes it through
 * unwrapped and plugin-retry does not retry it (a spent budget is not transient).
 */
class BudgetSpentError extends Error {
  override name = 'AbortError'
}

/** One attempt got no answer in time: a plain error, so that plugin-retry retries it as a 5xx. */
class RequestTimeoutError extends Error {}

/** What the caller sees: the reason, without a made-up HTTP status. */
export class GitHubApiDeadlineError extends Error {}

/**
 * The deadline error behind a failure, if any (sinks wrap errors with a cause). After one, the
 * API is not asked again in this run: the budget is spent or the server does not answer.
 */
export function apiDeadlineOf(error: unknown): GitHubApiDeadlineError | undefined {
  for (let cause = error, depth = 0; cause && depth < 4; depth++) {
    if (cause instanceof GitHubApiDeadlineError) return cause
    cause = (cause as { cause?: unknown }).cause
  }
  return undefined
}

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>

/**
 * The runner's proxy-aware fetch with a deadline per attempt and the client's budget. The budget
 * starts with the first request and its timer does not keep the process alive.
 */
function fetchWithDeadlines(inner: Fetch, requestTimeoutMs: number, budgetMs: number): Fetch {
  let budget: AbortController | undefined
  const budgetSignal = () => {
    if (!budget) {
      budget = new AbortController()
      const controller = budget
      const message = `the GitHub API did not finish within its ${seconds(budgetMs)} budget`
      setTimeout(() => controller.abort(new BudgetSpentError(message)), budgetMs).unref()
    }
    return budget.signal
  }
  return async (url, init = {}) => {
    const phase = budgetSignal()
    if (phase.aborted) throw phase.reason
    const attempt = AbortSignal.timeout(requestTimeoutMs)
    const signals = [attempt, phase, ...(init.signal ? [init.signal] : [])]
    try {
      return await inner(url, { ...init, signal: AbortSignal.any(signals) })
    } catch (error) {
      if (phase.aborted) throw phase.reason
      if (attempt.aborted)
        throw new RequestTimeoutError(
          `the GitHub API did not answer within ${seconds(requestTimeoutMs)}`
        )
      throw error
    }
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

/** Deadline errors reach the caller as themselves, not as "GitHub answered 500". */
function deadlineError(error: unknown): Error | undefined {
  for (let cause = error, depth = 0; cause && depth < 4; depth++) {
    if (cause instanceof BudgetSpentError || cause instanceof RequestTimeoutError)
      return new GitHubApiDeadlineError(cause.message)
    cause = (cause as { cause?: unknown }).cause
  }
  return undefined
}

const USER_AGENT = 'port-hygiene-action'

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const maxRetries = options.maxRetries ?? 3
  const maxWait = options.maxRateLimitWaitSeconds ?? 60
  const retryBase = options.retryBaseMs ?? 1000
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const budgetMs = options.budgetMs ?? DEFAULT_API_BUDGET_MS
  // Rate limits: retry a bounded number of times, and only when the wait is short; a comment
  // is not worth blocking a job for an hour until the primary limit resets.
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _client: unknown,
      retryCount: number
    ) => {
      const retrying = retryCount < maxRetries && retryAfter <= maxWait
      options.log.warning(
        `GitHub API ${kind} rate limit hit on ${request.method} ${request.url}; ` +
          (retrying ? `retrying in ${retryAfter} s.` : 'giving up.')
      )
      return retrying
    }
  // Only a defined baseUrl is passed: `baseUrl: undefined` would replace the default with
  // nothing (pitfall 5); `request` keeps @actions/github's proxy-aware agent and fetch, wrapped.
  const client = new ClientWithPlugins(
    getOctokitOptions(options.token, {
      baseUrl: options.apiUrl,
      userAgent: USER_AGENT,
      request: {
        ...defaults.request,
        fetch: fetchWithDeadlines(
          (defaults.request?.fetch as Fetch | undefined) ?? fetch,
          requestTimeout,
          budgetMs
        )
      },
      retry: { retries: maxRetries, retryAfterBaseValue: retryBase },
      throttle: {
        retryAfterBaseValue: retryBase,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary')
      },
      log: {
        debug: (message: string) => options.log.debug(message),
        info: (message: string) => options.log.debug(message),
        warn: (message: string) => options.log.debug(message),
        error: (message: string) => options.log.debug(message)
      }
    })
  )
  // Registered last, so outermost: it sees the error after every retry.
  client.hook.wrap('request', async (request, requestOptions) => {
    try {
      return await request(requestOptions)
    } catch (error) {
      throw deadlineError(error) ?? error
    }
  })
  return client
}
