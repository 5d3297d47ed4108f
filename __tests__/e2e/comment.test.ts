// The PR comment, end to end: the built action against the GitHub API emulator.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitHubApiEmulator } from '../helpers/github-api.js'
import {
  HEAD_SHA,
  MARKER,
  TARGET,
  TOKEN,
  manyFindingsManifest,
  runAction,
  type Sandbox,
  useActionHarness
} from './action-runner.js'

const COMMENTS_PATH = `/repos/${TARGET.owner}/${TARGET.repo}/issues/${TARGET.issueNumber}/comments`

let api: GitHubApiEmulator
let sandbox: Sandbox

useActionHarness((fresh) => ({ api, sandbox } = fresh))

const run = (options: Parameters<typeof runAction>[1] = {}) =>
  runAction(sandbox, { apiUrl: api.url, ...options })

/** Requests to the issue-comments API (the changed-files and review requests are tested elsewhere). */
const commentRequests = () => api.requests.filter((request) => request.path.includes('/issues/'))

describe('the pull-request comment', () => {
  it('is created once, updated in place after a change, and left alone when nothing changed', async () => {
    const first = await run()
    expect(first.stderr).toBe('')
    expect(first.code).toBe(1)
    const created = api.writes()
    expect(created.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST ${COMMENTS_PATH}`
    ])
    const [comment] = api.commentsOn(TARGET)
    const firstBody = comment!.body
    expect(api.commentsOn(TARGET)).toHaveLength(1)
    expect(comment!.body.startsWith(MARKER)).toBe(true)
    // Links point at the PR head, not the merge commit in GITHUB_SHA.
    expect(comment!.body).toContain(`/blob/${HEAD_SHA}/k8s/ingress.yaml#L22`)
    expect(first.outputs['comment-url']).toBe(
      `https://github.com/acme/platform/pull/42#issuecomment-${comment!.id}`
    )
    // Every request carried the token.
    expect(api.requests.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true)

    // The PR fixes the privileged host port: the same comment is edited.
    const ingress = path.join(sandbox.workspace, 'k8s/ingress.yaml')
    await fs.writeFile(
      ingress,
      (await fs.readFile(ingress, 'utf8')).replace('hostPort: 22\n', 'hostPort: 2222\n')
    )
    api.clearRequests()
    const second = await run()
    expect(second.code).toBe(1)
    expect(api.writes().map((request) => `${request.method} ${request.path}`)).toEqual([
      `PATCH /repos/acme/platform/issues/comments/${comment!.id}`
    ])
    expect(api.commentsOn(TARGET)).toHaveLength(1)
    expect(api.commentsOn(TARGET)[0]!.body).not.toBe(firstBody)
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])

    api.clearRequests()
    const third = await run()
    expect(third.code).toBe(1)
    expect(api.writes()).toEqual([])
    expect(commentRequests().map((request) => request.method)).toEqual(['GET'])
    expect(third.outputs['comment-url']).toBe(first.outputs['comment-url'])
  })

  it('finds its comment behind 130 others, reading pages of 100', async () => {
    for (let index = 0; index < 130; index++) {
      const bot = index % 3 === 0
      api.addComment(
        TARGET,
        bot ? `<!-- other-bot -->\nCoverage: ${index}%` : `LGTM ${index}, but see ${MARKER}`,
        bot ? { login: 'codecov[bot]', type: 'Bot' } : { login: `reviewer${index}`, type: 'User' }
      )
    }
    const ours = api.addComment(TARGET, `${MARKER}\nan outdated report`, {
      login: 'github-actions[bot]',
      type: 'Bot'
    })

    const result = await run()
    expect(result.code).toBe(1)
    const reads = commentRequests().filter((request) => request.method === 'GET')
    expect(reads.map((request) => request.query)).toEqual([
      { per_page: '100' },
      { per_page: '100', page: '2' }
    ])
    expect(api.writes().map((request) => `${request.method} ${request.path}`)).toEqual([
      `PATCH /repos/acme/platform/issues/comments/${ours.id}`
    ])
    expect(api.commentsOn(TARGET)).toHaveLength(131)
  })

  it('does not take over a human comment that carries the marker', async () => {
    const human = api.addComment(TARGET, `${MARKER}\nI pasted the marker on purpose.`, {
      login: 'mallory',
      type: 'User'
    })
    const result = await run()
    expect(result.code).toBe(1)
    expect(api.writes().map((request) => request.method)).toEqual(['POST'])
    const comments = api.commentsOn(TARGET)
    expect(comments).toHaveLength(2)
    expect(comments[0]).toEqual(human)
    expect(comments[1]!.user.type).toBe('Bot')
  })

  it('cuts a body that would exceed the limit, keeping it valid and the marker first', async () => {
    await fs.writeFile(path.join(sandbox.workspace, 'k8s/legacy.yaml'), manyFindingsManifest(700))
    const result = await run()
    expect(result.code).toBe(1)
    const errors = Number(result.outputs.errors)
    expect(errors).toBeGreaterThan(700)

    const posts = api.writes()
    expect(posts).toHaveLength(1)
    expect(posts[0]!.status).toBe(201)
    const body = api.commentsOn(TARGET)[0]!.body
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body.startsWith(MARKER)).toBe(true)
    expect(body.split(MARKER)).toHaveLength(2)
    // Still well-formed: every <details> closed, code fences paired.
    expect(count(body, '<details')).toBe(count(body, '</details>'))
    expect(count(body, '```') % 2).toBe(0)
    // The cut says where the rest is.
    expect(body).toContain('https://github.com/acme/platform/actions/runs/9876543210')
  })

  it('renders hostile file and object names inert', async () => {
    const hostile =
      '@acme/platform-team <!-- port-hygiene --> `tick` <img src=x onerror=alert(1)> [x](https://evil.example)'
    // Everything but `/` is allowed in a file name.
    const fileName = '<b>@acme-admins<b> `x` <!-- port-hygiene -->.yaml'
    await fs.writeFile(
      path.join(sandbox.workspace, 'k8s', fileName),
      `apiVersion: v1
kind: Pod
metadata:
  name: ${JSON.stringify(hostile)}
spec:
  containers:
    - name: ${JSON.stringify(hostile)}
      image: busybox
      ports:
        - containerPort: 25
          hostPort: 25
`
    )
    const result = await run()
    expect(result.code).toBe(1)
    const body = api.commentsOn(TARGET)[0]!.body
    expect(body).toContain('onerror') // the name is in the report…
    expect(body.startsWith(MARKER)).toBe(true)
    expect(count(body, '<!--')).toBe(1) // …but the only HTML comment is the marker,
    expect(body).not.toMatch(/<img/i) // no raw HTML,
    expect(body).not.toMatch(/<b>/i)
    expect(body).not.toMatch(/@acme/) // no mention,
    expect(body).not.toContain('](https://evil.example)') // no link of theirs.
  })

  it('turns a 403 on create into a warning; the exit code comes from the findings alone', async () => {
    api.fail({
      method: 'POST',
      path: /\/comments$/,
      status: 403,
      message: 'Resource not accessible by integration'
    })
    const failing = await run()
    expect(failing.code).toBe(1)
    const warnings = failing.commands('warning').join('\n')
    expect(warnings).toContain('403')
    expect(warnings).toContain('pull-requests: write')
    expect(failing.outputs.errors).not.toBe('0')
    expect(failing.outputs['comment-url']).toBe('')

    const lenient = await run({ inputs: { 'fail-on': 'never' } })
    expect(lenient.code).toBe(0)
    expect(lenient.commands('warning').join('\n')).toContain('403')
    expect(api.commentsOn(TARGET)).toHaveLength(0)
  })

  it('retries a 502 and ends with exactly one comment', async () => {
    api.fail({ method: 'POST', path: /\/comments$/, status: 502, times: 1, message: 'Bad Gateway' })
    const result = await run()
    expect(result.code).toBe(1)
    const posts = api.requests.filter((request) => request.method === 'POST')
    expect(posts.map((request) => request.status)).toEqual([502, 201])
    expect(api.commentsOn(TARGET)).toHaveLength(1)
    expect(result.commands('warning').join('\n')).not.toContain(
      'could not write the pull-request comment'
    )
  })

  it('creates no comment on a clean PR with comment: on-findings, but updates an existing one', async () => {
    await fs.rm(path.join(sandbox.workspace, 'k8s'), { recursive: true })
    await fs.rm(path.join(sandbox.workspace, 'compose'), { recursive: true })
    const clean = await run({ inputs: { comment: 'on-findings' } })
    expect(clean.code).toBe(0)
    expect(clean.outputs.findings).toBe('0')
    expect(api.writes()).toEqual([])
    expect(api.commentsOn(TARGET)).toHaveLength(0)

    const earlier = api.addComment(TARGET, `${MARKER}\n3 problems`, {
      login: 'github-actions[bot]',
      type: 'Bot'
    })
    const cleaned = await run({ inputs: { comment: 'on-findings' } })
    expect(cleaned.code).toBe(0)
    expect(api.writes().map((request) => `${request.method} ${request.path}`)).toEqual([
      `PATCH /repos/acme/platform/issues/comments/${earlier.id}`
    ])
    expect(api.commentsOn(TARGET)[0]!.body).not.toContain('3 problems')
  })
})

function count(text: string, needle: string): number {
  return text.split(needle).length - 1
}
