// The comment functions against the API emulator, through the real client (retry, throttling).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findMarkedComment, upsertComment, describeCommentError } from '../../src/github/comment.js'
import { createGitHubClient, type GitHubClient } from '../../src/github/octokit.js'
import { GitHubApiEmulator } from '../helpers/github-api.js'

const TOKEN = 'ghs_unit'
const target = { owner: 'acme', repo: 'platform', issueNumber: 7 }
const marker = '<!-- port-hygiene -->'
const bot = { login: 'github-actions[bot]', type: 'Bot' } as const

let api: GitHubApiEmulator
let client: GitHubClient
let warnings: string[]

beforeEach(async () => {
  api = await GitHubApiEmulator.start({ token: TOKEN })
  warnings = []
  client = createGitHubClient({
    token: TOKEN,
    apiUrl: api.url,
    log: { debug: () => {}, warning: (message) => warnings.push(message) },
    retryBaseMs: 5
  })
})

afterEach(() => api.close())

describe('findMarkedComment', () => {
  it('stops reading pages once it has found the comment', async () => {
    for (let i = 0; i < 250; i++)
      api.addComment(target, `comment ${i}`, { login: `u${i}`, type: 'User' })
    const ours = api.addComment(target, `${marker}\nold`, bot)
    for (let i = 0; i < 250; i++)
      api.addComment(target, `later ${i}`, { login: `u${i}`, type: 'User' })
    expect(await findMarkedComment(client, target, marker)).toMatchObject({
      id: ours.id,
      body: `${marker}\nold`
    })
    expect(api.requests.map((request) => request.query.page ?? '1')).toEqual(['1', '2', '3'])
  })

  it('ignores a marker that is not at the start, and a marker in a human comment', async () => {
    api.addComment(target, `quoting ${marker}`, bot)
    api.addComment(target, `${marker} by hand`, { login: 'mallory', type: 'User' })
    expect(await findMarkedComment(client, target, marker)).toBeUndefined()
  })

  it("tells one folder's marker from another", async () => {
    api.addComment(target, '<!-- port-hygiene: deploy/prod -->\nprod', bot)
    expect(await findMarkedComment(client, target, marker)).toBeUndefined()
  })
})

describe('upsertComment', () => {
  it('does not write when only line endings differ', async () => {
    api.addComment(target, `${marker}\r\nsame\r\n`, bot)
    const outcome = await upsertComment(client, target, `${marker}\nsame\n`, {
      marker,
      createIfMissing: true
    })
    expect(outcome.action).toBe('unchanged')
    expect(api.writes()).toEqual([])
  })

  it('does not write when only the run time differs, and writes when anything else does', async () => {
    const body = (time: string, runId: number) =>
      `${marker}\n<sub>Commit <code>9f8e7d6</code> · ${time} · [workflow run](https://github.com/a/b/actions/runs/${runId})</sub>\n\nsame\n`
    api.addComment(target, body('2026-12-08 03:13 UTC', 1), bot)
    const rerun = await upsertComment(client, target, body('2026-12-08 03:14 UTC', 1), {
      marker,
      createIfMissing: true
    })
    expect(rerun.action).toBe('unchanged')
    expect(api.writes()).toEqual([])

    const newRun = await upsertComment(client, target, body('2026-12-08 03:15 UTC', 2), {
      marker,
      createIfMissing: true
    })
    expect(newRun.action).toBe('updated')
    expect(api.commentsOn(target)[0]!.body).toContain('03:15 UTC')
  })

  it('does not write when the run time is the only fact of the run line and it alone differs', async () => {
    api.addComment(target, `${marker}\n<sub>2026-12-08 03:13 UTC</sub>\nsame`, bot)
    const outcome = await upsertComment(
      client,
      target,
      `${marker}\n<sub>2026-12-08 09:00 UTC</sub>\nsame`,
      {
        marker,
        createIfMissing: true
      }
    )
    expect(outcome.action).toBe('unchanged')
  })

  it('writes when a time in a finding differs, not the run line', async () => {
    api.addComment(target, `${marker}\nsame\nnote 2026-12-08 03:13 UTC here`, bot)
    const outcome = await upsertComment(
      client,
      target,
      `${marker}\nsame\nnote 2026-12-08 03:14 UTC here`,
      {
        marker,
        createIfMissing: true
      }
    )
    expect(outcome.action).toBe('updated')
  })

  it('creates nothing when told not to, and nothing else happens', async () => {
    const outcome = await upsertComment(client, target, `${marker}\nclean`, {
      marker,
      createIfMissing: false
    })
    expect(outcome).toEqual({ action: 'not-created' })
    expect(api.writes()).toEqual([])
  })

  it('retries a rate-limited request after the reset', async () => {
    const reset = String(Math.floor(Date.now() / 1000))
    api.fail({
      method: 'POST',
      path: /\/comments$/,
      status: 403,
      times: 1,
      message: 'API rate limit exceeded for installation ID 1.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }
    })
    const outcome = await upsertComment(client, target, `${marker}\nbody`, {
      marker,
      createIfMissing: true
    })
    expect(outcome.action).toBe('created')
    expect(warnings.join('\n')).toContain('rate limit')
    expect(api.commentsOn(target)).toHaveLength(1)
  })

  it('gives up after a bounded number of 5xx retries', async () => {
    api.fail({ method: 'GET', path: /\/comments$/, status: 503 })
    const error = await upsertComment(client, target, `${marker}\nx`, {
      marker,
      createIfMissing: true
    }).catch((caught: unknown) => caught)
    expect(describeCommentError(error)).toMatch(/^GitHub answered 503/)
    expect(api.requests).toHaveLength(4) // the request and 3 retries
  })

  it('does not retry a 403 without rate-limit headers, and explains it', async () => {
    api.fail({
      method: 'POST',
      path: /\/comments$/,
      status: 403,
      message: 'Resource not accessible by integration'
    })
    const error = await upsertComment(client, target, `${marker}\nx`, {
      marker,
      createIfMissing: true
    }).catch((caught: unknown) => caught)
    expect(api.requests.filter((request) => request.method === 'POST')).toHaveLength(1)
    expect(describeCommentError(error)).toContain('permissions: pull-requests: write')
  })

  it('sends the token, and a wrong token is refused', async () => {
    const stranger = createGitHubClient({
      token: 'ghs_wrong',
      apiUrl: api.url,
      log: { debug: () => {}, warning: () => {} },
      retryBaseMs: 5
    })
    const error = await findMarkedComment(stranger, target, marker).catch(
      (caught: unknown) => caught
    )
    expect(describeCommentError(error)).toMatch(/^GitHub answered 401/)
    await findMarkedComment(client, target, marker)
    expect(api.requests.at(-1)!.authorization).toBe(`token ${TOKEN}`)
  })
})
