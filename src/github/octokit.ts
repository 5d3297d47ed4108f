// The one place that builds the GitHub API client (the peter-evans/create-pull-request shape):
// @actions/github's GitHub class (REST methods, pagination, the runner's proxy settings) plus
// plugin-retry for transient 5xx and plugin-throttling for rate limits. No other module retries.
import { GitHub, getOctokitOptions } from '@actions/github/lib/utils'
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
}

const USER_AGENT = 'port-hygiene-action'

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const maxRetries = options.maxRetries ?? 3
  const maxWait = options.maxRateLimitWaitSeconds ?? 60
  const retryBase = options.retryBaseMs ?? 1000
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
  // nothing (pitfall 5); `request` is not passed at all, so the proxy-aware fetch stays.
  return new ClientWithPlugins(
    getOctokitOptions(options.token, {
      baseUrl: options.apiUrl,
      userAgent: USER_AGENT,
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
}
