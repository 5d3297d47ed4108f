import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { decideComment, readRunContext } from '../../src/github/context.js'

const dir = mkdtempSync(path.join(tmpdir(), 'port-hygiene-context-'))
const fixture = path.resolve(import.meta.dirname, '../fixtures/e2e/events/pull_request.json')

function eventFile(name: string, payload: unknown): string {
  const file = path.join(dir, `${name}.json`)
  writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload))
  return file
}

function pullRequest(change: (payload: PullRequestPayload) => void = () => {}): string {
  const payload = JSON.parse(readFileSync(fixture, 'utf8')) as PullRequestPayload
  change(payload)
  return eventFile(`pr-${Math.random()}`, payload)
}

interface PullRequestPayload {
  pull_request: {
    user: { login: string }
    head: { sha: string; repo: { full_name: string; fork: boolean } | null }
  }
}

const runner = {
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_REPOSITORY: 'acme/platform',
  GITHUB_SHA: 'aaaabbbbccccddddeeeeffff0000111122223333',
  GITHUB_RUN_ID: '123',
  GITHUB_ACTOR: 'octocat',
  GITHUB_WORKSPACE: '/home/runner/work/platform/platform'
}
const withToken = { comment: 'always', githubToken: 'ghs_x' } as const

describe('readRunContext', () => {
  it('reads a pull_request run', () => {
    const context = readRunContext({ ...runner, GITHUB_EVENT_PATH: pullRequest() })
    expect(context).toMatchObject({
      eventName: 'pull_request',
      repository: { owner: 'acme', repo: 'platform' },
      pullRequest: {
        number: 42,
        headSha: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
        headRepository: 'acme/platform',
        isFork: false,
        author: 'octocat'
      },
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      runUrl: 'https://github.com/acme/platform/actions/runs/123',
      workspace: '/home/runner/work/platform/platform',
      isAct: false,
      isDependabot: false
    })
    expect(decideComment(context, withToken)).toMatchObject({ post: true, token: 'ghs_x' })
  })

  it('takes GitHub Enterprise URLs from the environment', () => {
    const context = readRunContext({
      ...runner,
      GITHUB_SERVER_URL: 'https://ghe.example.com/',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3'
    })
    expect(context.serverUrl).toBe('https://ghe.example.com')
    expect(context.apiUrl).toBe('https://ghe.example.com/api/v3')
  })

  it('treats an empty payload, a missing file and broken JSON as "no pull request"', () => {
    for (const file of [
      eventFile('empty', {}),
      path.join(dir, 'missing.json'),
      eventFile('bad', '{')
    ]) {
      const context = readRunContext({ ...runner, GITHUB_EVENT_PATH: file })
      expect(context.pullRequest).toBeUndefined()
      expect(decideComment(context, withToken)).toEqual({
        post: false,
        notify: true,
        reason: 'there is no pull request in this "pull_request" event'
      })
    }
    expect(readRunContext({ GITHUB_EVENT_PATH: eventFile('bad2', 'nope') }).payloadProblem).toMatch(
      /is not JSON/
    )
  })

  it('skips the comment on a push', () => {
    const context = readRunContext({
      ...runner,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventFile('push', { ref: 'refs/heads/main' })
    })
    expect(decideComment(context, withToken)).toMatchObject({
      post: false,
      reason: 'there is no pull request in this "push" event'
    })
  })

  it('skips the comment on a fork pull_request, but not on pull_request_target', () => {
    const file = pullRequest((payload) => {
      payload.pull_request.head.repo = { full_name: 'contributor/platform', fork: true }
    })
    const context = readRunContext({ ...runner, GITHUB_EVENT_PATH: file })
    expect(context.pullRequest?.isFork).toBe(true)
    expect(decideComment(context, withToken)).toMatchObject({
      post: false,
      reason: expect.stringContaining('contributor/platform') as string
    })
    const target = readRunContext({
      ...runner,
      GITHUB_EVENT_NAME: 'pull_request_target',
      GITHUB_EVENT_PATH: file
    })
    expect(decideComment(target, withToken).post).toBe(true)
  })

  it('treats a deleted head repository as a fork', () => {
    const file = pullRequest((payload) => {
      payload.pull_request.head.repo = null
    })
    const context = readRunContext({ ...runner, GITHUB_EVENT_PATH: file })
    expect(context.pullRequest?.isFork).toBe(true)
    expect(decideComment(context, withToken)).toMatchObject({
      reason: expect.stringContaining('a deleted fork') as string
    })
  })

  it('skips the comment on a Dependabot pull request (actor or author)', () => {
    const byActor = readRunContext({
      ...runner,
      GITHUB_ACTOR: 'dependabot[bot]',
      GITHUB_EVENT_PATH: pullRequest()
    })
    const byAuthor = readRunContext({
      ...runner,
      GITHUB_EVENT_PATH: pullRequest((payload) => {
        payload.pull_request.user.login = 'dependabot[bot]'
      })
    })
    for (const context of [byActor, byAuthor]) {
      expect(context.isDependabot).toBe(true)
      expect(decideComment(context, withToken)).toMatchObject({
        post: false,
        reason: expect.stringContaining('Dependabot') as string
      })
    }
  })

  it('under act, never uses the token unless PORT_HYGIENE_ACT_COMMENT=true', () => {
    const env = { ...runner, ACT: 'true', GITHUB_EVENT_PATH: pullRequest() }
    const act = readRunContext(env)
    expect(act.isAct).toBe(true)
    expect(decideComment(act, withToken)).toMatchObject({
      post: false,
      reason: expect.stringContaining('act') as string
    })
    const optedIn = readRunContext({ ...env, PORT_HYGIENE_ACT_COMMENT: 'true' })
    expect(decideComment(optedIn, withToken).post).toBe(true)
    expect(decideComment(optedIn, { comment: 'always' }).post).toBe(false)
  })

  it('says nothing when the user turned the comment off, and names a missing token', () => {
    const context = readRunContext({ ...runner, GITHUB_EVENT_PATH: pullRequest() })
    expect(decideComment(context, { comment: 'never', githubToken: 'x' })).toMatchObject({
      post: false,
      notify: false
    })
    expect(decideComment(context, { comment: 'always' })).toEqual({
      post: false,
      notify: true,
      reason: 'the "github-token" input is empty'
    })
  })
})
