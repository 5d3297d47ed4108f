// Runs where no comment can be written: act with an empty payload, a push, a fork, Dependabot.
// The scan, the log report, the summary, the outputs and the exit code happen as usual; the
// comment is skipped with one notice that says why, and no request reaches the API.
import { describe, expect, it } from 'vitest'
import { GitHubApiEmulator } from '../helpers/github-api.js'
import {
  pullRequestPayload,
  runAction,
  type ActionRun,
  type Sandbox,
  useActionHarness
} from './action-runner.js'

let api: GitHubApiEmulator
let sandbox: Sandbox

useActionHarness((fresh) => ({ api, sandbox } = fresh))

function skipNotices(result: ActionRun): string[] {
  return result.commands('notice').filter((line) => line.includes('No pull-request comment'))
}

function isChangedFilesRead(method: string, path: string): boolean {
  return method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/.test(path)
}

/** What every degraded run still does. */
function expectFullReportWithoutComment(result: ActionRun): void {
  // At most a read of the changed files (the base is not in this sandbox's git): no write.
  expect(
    api.requests.filter((request) => !isChangedFilesRead(request.method, request.path))
  ).toEqual([])
  expect(skipNotices(result)).toHaveLength(1)
  // The text report is in the log…
  expect(result.log).toContain('k8s/ingress.yaml:22:15')
  expect(result.log).toContain('privileged-port')
  // …the outputs are set and agree with the JSON report…
  expect(result.outputs.errors).not.toBe('0')
  expect(result.outputs['comment-url']).toBe('')
  // …and the summary holds the report.
  expect(result.summary).toContain('privileged-port')
  // Exit code from the findings (errors, fail-on: error).
  expect(result.code).toBe(1)
}

describe('without a comment', () => {
  it('under act with an empty payload and no token: no request, everything else as usual', async () => {
    const result = await runAction(sandbox, {
      apiUrl: api.url,
      token: '',
      eventName: 'push',
      payload: {},
      env: { ACT: 'true', GITHUB_REPOSITORY: undefined }
    })
    expectFullReportWithoutComment(result)
    expect(skipNotices(result)[0]).toContain('no pull request')
  })

  it('under act with a PR payload and a token (maybe from gh): no request unless opted in', async () => {
    const result = await runAction(sandbox, { apiUrl: api.url, env: { ACT: 'true' } })
    expectFullReportWithoutComment(result)
    expect(skipNotices(result)[0]).toContain('act')

    const optedIn = await runAction(sandbox, {
      apiUrl: api.url,
      env: { ACT: 'true', PORT_HYGIENE_ACT_COMMENT: 'true' }
    })
    expect(optedIn.code).toBe(1)
    expect(api.writes().map((request) => request.method)).toEqual(['POST'])
  })

  it('on a push: no pull request, so no comment', async () => {
    const result = await runAction(sandbox, {
      apiUrl: api.url,
      eventName: 'push',
      payload: { ref: 'refs/heads/main', after: 'aaaabbbbccccddddeeeeffff0000111122223333' }
    })
    expectFullReportWithoutComment(result)
    expect(skipNotices(result)[0]).toContain('"push" event')
  })

  it('on a pull request from a fork: the token is read-only, so no comment', async () => {
    const payload = pullRequestPayload() as {
      pull_request: { head: { repo: { full_name: string; fork: boolean } } }
    }
    payload.pull_request.head.repo.full_name = 'contributor/platform'
    payload.pull_request.head.repo.fork = true
    const result = await runAction(sandbox, { apiUrl: api.url, payload })
    expectFullReportWithoutComment(result)
    expect(skipNotices(result)[0]).toContain('contributor/platform')
  })

  it('on a Dependabot pull request: the token is read-only, so no comment', async () => {
    const result = await runAction(sandbox, {
      apiUrl: api.url,
      env: { GITHUB_ACTOR: 'dependabot[bot]' }
    })
    expectFullReportWithoutComment(result)
    expect(skipNotices(result)[0]).toContain('Dependabot')
  })

  it('without a token: no comment, and the notice says so', async () => {
    const result = await runAction(sandbox, { apiUrl: api.url, token: '' })
    expectFullReportWithoutComment(result)
    expect(skipNotices(result)[0]).toContain('github-token')
  })

  it('with comment: never: no write and no notice', async () => {
    const result = await runAction(sandbox, { apiUrl: api.url, inputs: { comment: 'never' } })
    expect(
      api.requests.filter((request) => !isChangedFilesRead(request.method, request.path))
    ).toEqual([])
    expect(skipNotices(result)).toEqual([])
    expect(result.code).toBe(1)
  })
})
