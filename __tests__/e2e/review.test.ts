// The change under review, end to end: the built action on a git repository the test builds (a
// base commit and a PR head), against the REST emulator with its review endpoints. New,
// existing and fixed findings, the gate on new ones, the inline review with suggestions and
// its reconciliation on re-runs, the changed-files fallback, a personal access token.
import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config/types.js'
import { scan } from '../../src/engine.js'
import { GitHubApiEmulator, type StoredReviewComment } from '../helpers/github-api.js'
import { createTestRepo, pullFilesOf, type TestRepo } from '../helpers/git-repo.js'
import { daemonSet, legacyDeployments } from '../helpers/manifests.js'
import { applySuggestions, suggestionLines } from '../helpers/suggestions.js'
import {
  MARKER,
  PR_NUMBER,
  TARGET,
  TOKEN,
  pullRequestPayload,
  runAction,
  type RunOptions,
  type Sandbox,
  useActionHarness
} from './action-runner.js'

let api: GitHubApiEmulator
let sandbox: Sandbox
let repo: TestRepo
let baseSha: string

useActionHarness((fresh) => ({ api, sandbox } = fresh))

const BASE_FILES = {
  'k8s/legacy.yaml': legacyDeployments(20),
  'k8s/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 })
}

beforeEach(async () => {
  // The workspace is a git checkout: the base commit, then the PR's head on top of it.
  await fs.rm(sandbox.workspace, { recursive: true, force: true })
  repo = await createTestRepo(sandbox.workspace)
  baseSha = await repo.commit(BASE_FILES, 'base: 20 legacy Deployments on privileged host ports')
})

/** Commits the PR head, tells the emulator its files, and runs the action on it. */
async function runPullRequest(
  files: Record<string, string | null>,
  options: RunOptions & { emulator?: GitHubApiEmulator } = {}
) {
  const headSha = await repo.commit(files, 'the pull request')
  const emulator = options.emulator ?? api
  emulator.setPullFiles(PR_NUMBER, pullFilesOf(repo, baseSha, headSha))
  return runAt(headSha, options)
}

function runAt(headSha: string, options: RunOptions & { emulator?: GitHubApiEmulator } = {}) {
  const payload = pullRequestPayload() as {
    pull_request: { head: { sha: string }; base: { sha: string } }
  }
  payload.pull_request.head.sha = headSha
  payload.pull_request.base.sha = baseSha
  const { emulator, ...rest } = options
  return runAction(sandbox, { apiUrl: (emulator ?? api).url, payload, ...rest })
}

const stickyComment = (emulator = api) =>
  emulator.commentsOn(TARGET).find((comment) => comment.body.startsWith(MARKER))!

const reviewPosts = () => api.writes().filter((request) => request.path.endsWith('/reviews'))
const deletes = () => api.writes().filter((request) => request.method === 'DELETE')

/** Commits a suggestion to the workspace file, as GitHub's "Commit suggestion" does. */
async function applySuggestion(comment: StoredReviewComment): Promise<void> {
  const file = path.join(sandbox.workspace, comment.path)
  expect(suggestionLines(comment.body), comment.body).toBeDefined()
  await fs.writeFile(file, applySuggestions(await fs.readFile(file, 'utf8'), [comment]))
}

const scanWorkspace = () =>
  scan({ root: sandbox.workspace, paths: [], config: defaultConfig(), env: {} })

const NEW_EXPORTER = {
  'k8s/telemetry-dcgm-exporter.yaml': daemonSet('dcgm-exporter', { hostPort: 9100 })
}

describe('a pull request on a repository with 20 existing findings', () => {
  it('leads the comment with the 1 new finding, folds the 20, and fails because of it alone', async () => {
    const result = await runPullRequest(NEW_EXPORTER)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(1)
    expect(result.commands('error').at(-1)).toContain(
      'port-hygiene found 1 error new in this pull request (fail-on: error, fail-on-scope: new).'
    )
    expect(result.outputs.errors).toBe('1')

    const body = stickyComment().body
    expect(body.split('\n')[1]).toBe('### ❌ port-hygiene: adds 1 problem — 1 error; 20 existing')
    const newAt = body.indexOf('#### New in this pull request (1)')
    // Hosts ports 100-119: privileged-port warnings, but rpcbind's 111, an error.
    const foldAt = body.indexOf('<details>\n<summary>20 existing findings (1 error, 19 warnings)')
    expect(newAt).toBeGreaterThan(0)
    expect(foldAt).toBeGreaterThan(newAt)
    expect(body.slice(newAt, foldAt)).toContain('k8s/telemetry-dcgm-exporter.yaml:28')
    // Annotations lead with the new finding too.
    expect(result.commands('error')[0]).toContain('file=k8s/telemetry-dcgm-exporter.yaml')

    // With fail-on-scope: all the old findings count again.
    const all = await runAt(repo.git('rev-parse', 'HEAD').trim(), {
      inputs: { 'fail-on-scope': 'all' }
    })
    expect(all.code).toBe(1)
    expect([all.outputs.errors, all.outputs.warnings]).toEqual(['2', '19'])
  })

  it('passes when the pull request adds nothing, whatever the repository already holds', async () => {
    const result = await runPullRequest({ 'README.md': '# platform\n' })
    expect(result.code).toBe(0)
    expect(stickyComment().body.split('\n')[1]).toBe(
      '### ✅ port-hygiene: adds no port problems; 20 existing'
    )
  })

  it('lists a finding the pull request fixes as fixed', async () => {
    const result = await runPullRequest({
      'k8s/legacy.yaml': legacyDeployments(20).replace('hostPort: 105\n', 'hostPort: 10105\n')
    })
    expect(result.code).toBe(0)
    const body = stickyComment().body
    expect(body.split('\n')[1]).toBe(
      '### ✅ port-hygiene: adds no port problems; fixes 1; 19 existing'
    )
    expect(body).toContain('#### Fixed by this pull request (1)')
    // The fixed finding links to the base commit, where it still is.
    expect(body).toContain(`/blob/${baseSha}/k8s/legacy.yaml#L`)
  })

  it('keeps old findings existing when 10 lines are inserted above them and keys reordered', async () => {
    const header = Array.from({ length: 10 }, (_, i) => `# ownership note ${i + 1}`).join('\n')
    const result = await runPullRequest({
      'k8s/legacy.yaml': `${header}\n${legacyDeployments(20, { reordered: true })}`
    })
    expect(result.code).toBe(0)
    expect(stickyComment().body.split('\n')[1]).toBe(
      '### ✅ port-hygiene: adds no port problems; 20 existing'
    )
    expect(reviewPosts()).toEqual([])
  })

  it('fetches a base commit the shallow checkout lacks, without checking it out', async () => {
    const headSha = await repo.commit(NEW_EXPORTER, 'the pull request')
    // actions/checkout's default: one commit, depth 1, from the remote.
    const origin = repo.dir
    const clone = `${sandbox.workspace}-clone`
    execFileSync('git', ['clone', '--quiet', '--depth=1', `file://${origin}`, clone])
    expect(() => execFileSync('git', ['-C', clone, 'cat-file', '-e', baseSha])).toThrow()
    await fs.rename(sandbox.workspace, `${sandbox.workspace}-origin`)
    await fs.rename(clone, sandbox.workspace)
    execFileSync('git', [
      '-C',
      sandbox.workspace,
      'remote',
      'set-url',
      'origin',
      `file://${sandbox.workspace}-origin`
    ])
    api.setPullFiles(PR_NUMBER, [])
    const result = await runAt(headSha)
    expect(result.code).toBe(1)
    const body = stickyComment().body
    expect(body).not.toContain('Compared by changed lines')
    expect(body.split('\n')[1]).toBe('### ❌ port-hygiene: adds 1 problem — 1 error; 20 existing')
    expect(
      execFileSync('git', ['-C', sandbox.workspace, 'status', '--porcelain'], { encoding: 'utf8' })
    ).toBe('')
  })
})

describe('the inline review', () => {
  it('comments on diff lines only, with suggestions that fix their finding; a re-run posts nothing new', async () => {
    const result = await runPullRequest({
      ...NEW_EXPORTER,
      'k8s/web/edge.yaml': daemonSet('edge', {
        hostPort: 444, // a privileged-port warning (443 is allowed by default)
        containerPort: 8443,
        namespace: 'web'
      }),
      'k8s/dns.yaml': daemonSet('dns', { hostPort: 5353, protocol: 'udp' })
    })
    expect(result.code).toBe(1)
    expect(api.reviews).toHaveLength(1)
    const [review] = api.reviews
    expect(review).toMatchObject({
      event: 'COMMENT',
      commitId: repo.git('rev-parse', 'HEAD').trim(),
      comments: 3
    })
    // The emulator answers 422 to any line outside the diff: none was sent.
    expect(api.requests.filter((request) => request.status === 422)).toEqual([])
    const comments = api.reviewComments
    expect(comments.map((c) => [c.path, c.line]).sort()).toEqual([
      ['k8s/dns.yaml', 29],
      ['k8s/telemetry-dcgm-exporter.yaml', 28],
      ['k8s/web/edge.yaml', 28]
    ])
    expect(stickyComment().body).toContain('3 new findings are commented inline on the diff')

    // Each suggestion, applied to its file, makes its finding disappear.
    const before = await scanWorkspace()
    for (const comment of comments) {
      const identity = /port-hygiene-finding \.: ([0-9a-f]{32})/.exec(comment.body)![1]
      expect(before.findings.map((f) => f.identity)).toContain(identity)
      await applySuggestion(comment)
      const after = await scanWorkspace()
      expect(after.findings.map((f) => f.identity)).not.toContain(identity)
      repo.git('checkout', '--', '.')
    }

    api.clearRequests()
    const again = await runAt(repo.git('rev-parse', 'HEAD').trim())
    expect(again.code).toBe(1)
    expect(reviewPosts()).toEqual([])
    expect(deletes()).toEqual([])
    expect(api.reviewComments).toHaveLength(3)
  })

  it('deletes the comment of a finding the next push fixes, unless someone replied to it', async () => {
    await runPullRequest({
      ...NEW_EXPORTER,
      'k8s/web/edge.yaml': daemonSet('edge', {
        hostPort: 444, // a privileged-port warning (443 is allowed by default)
        containerPort: 8443,
        namespace: 'web'
      })
    })
    expect(api.reviewComments).toHaveLength(2)
    const edge = api.reviewComments.find((c) => c.path === 'k8s/web/edge.yaml')!
    const exporter = api.reviewComments.find((c) => c.path !== 'k8s/web/edge.yaml')!
    api.addReviewComment({
      pullNumber: PR_NUMBER,
      reviewId: null,
      path: exporter.path,
      line: exporter.line,
      body: 'We know, the GPU nodes run no node-exporter.',
      user: { login: 'octocat', type: 'User' },
      inReplyTo: exporter.id
    })
    api.clearRequests()
    // The next push fixes both findings.
    const result = await runPullRequest({
      'k8s/telemetry-dcgm-exporter.yaml': daemonSet('dcgm-exporter', { hostPort: 9400 }),
      'k8s/web/edge.yaml': daemonSet('edge', {
        hostPort: 8443,
        containerPort: 8443,
        namespace: 'web'
      })
    })
    expect(result.code).toBe(0)
    expect(deletes().map((request) => request.path)).toEqual([
      `/repos/acme/platform/pulls/comments/${edge.id}`
    ])
    expect(api.reviewComments.map((c) => c.id)).toContain(exporter.id)
    expect(reviewPosts()).toEqual([])
  })

  it('retries once without line comments when GitHub answers 422', async () => {
    api.fail({ method: 'POST', path: /\/pulls\/\d+\/reviews$/, status: 422, times: 1 })
    const result = await runPullRequest(NEW_EXPORTER)
    expect(result.code).toBe(1)
    const posts = reviewPosts()
    expect(posts).toHaveLength(2)
    expect((posts[0]!.body as { comments: unknown[] }).comments).toHaveLength(1)
    expect((posts[1]!.body as { comments: unknown[] }).comments).toEqual([])
    expect(stickyComment().body).toContain('1 is listed here only')
  })

  it('puts at most 30 comments in a review and counts the rest in the sticky comment', async () => {
    const files: Record<string, string> = {}
    for (let index = 0; index < 32; index++) {
      files[`k8s/edge/edge-${String(index).padStart(2, '0')}.yaml`] = daemonSet(`edge-${index}`, {
        hostPort: 200 + index,
        containerPort: 8100 + index,
        namespace: 'edge'
      })
    }
    const result = await runPullRequest(files)
    // Privileged-port warnings: the gate (fail-on: error) passes, the review comments them.
    expect(result.code).toBe(0)
    expect(api.reviews).toHaveLength(1)
    expect(api.reviews[0]!.comments).toBe(30)
    expect(stickyComment().body).toContain(
      '30 new findings are commented inline on the diff; 2 are listed here only'
    )
  })

  it('is not posted with review: off', async () => {
    await runPullRequest(NEW_EXPORTER, { inputs: { review: 'off' } })
    expect(reviewPosts()).toEqual([])
    expect(api.requests.some((request) => request.path.endsWith('/pulls/42/comments'))).toBe(false)
  })
})

describe('the changed-files fallback', () => {
  /** `count` files of one Deployment each; the PR "added" the hostPort line of `added` ones. */
  async function fallbackRun(count: number, added: number[]) {
    // No git here: the base cannot be read, so the PR's changed lines decide.
    await fs.rm(path.join(sandbox.workspace, '.git'), { recursive: true, force: true })
    await fs.rm(path.join(sandbox.workspace, 'k8s'), { recursive: true, force: true })
    const files = []
    for (let index = 0; index < count; index++) {
      const name = `apps/app-${String(index).padStart(3, '0')}.yaml`
      const text = legacyDeployments(1)
        .replace(/legacy-0/g, `app-${index}`)
        // A host port of its own, so that the files do not conflict with each other.
        .replace('hostPort: 100\n', `hostPort: ${100 + index}\n`)
      await fs.mkdir(path.join(sandbox.workspace, 'apps'), { recursive: true })
      await fs.writeFile(path.join(sandbox.workspace, name), text)
      const lines = text.split('\n')
      const at = lines.findIndex((line) => line.includes('hostPort:')) + 1
      const patch = added.includes(index)
        ? `@@ -${at - 1},2 +${at - 1},3 @@\n ${lines[at - 2]}\n+${lines[at - 1]}\n ${lines[at]}`
        : `@@ -${at - 3},1 +${at - 3},1 @@\n-        - name: old\n+${lines[at - 4]}`
      files.push({ filename: name, status: 'modified' as const, patch })
    }
    api.setPullFiles(PR_NUMBER, files)
    return runAction(sandbox, { apiUrl: api.url })
  }

  const fileReads = () =>
    api.requests.filter(
      (request) => request.path === `/repos/acme/platform/pulls/${PR_NUMBER}/files`
    )

  it('with 31 changed files: reads them all, and only an added line makes a finding new', async () => {
    const result = await fallbackRun(31, [30])
    expect(fileReads().map((request) => request.query)).toEqual([{ per_page: '100' }])
    const body = stickyComment().body
    expect(body).toContain('> **Compared by changed lines**: the base could not be scanned')
    // Host port 130: a privileged-port warning, which does not fail the check.
    expect(body.split('\n')[1]).toBe('### ⚠️ port-hygiene: adds 1 problem — 1 warning; 30 existing')
    expect(body).toContain('apps/app-030.yaml:23')
    expect(result.code).toBe(0)
  })

  it('with 120 changed files: reads the second page too', async () => {
    const result = await fallbackRun(120, [5, 119])
    expect(fileReads().map((request) => request.query)).toEqual([
      { per_page: '100' },
      { per_page: '100', page: '2' }
    ])
    const body = stickyComment().body
    expect(body.split('\n')[1]).toBe(
      '### ⚠️ port-hygiene: adds 2 problems — 2 warnings; 118 existing'
    )
    const newSection = body.slice(0, body.indexOf('<details>'))
    expect(newSection).toContain('apps/app-119.yaml:23')
    expect(newSection).toContain('apps/app-005.yaml:23')
    expect(result.code).toBe(0)
  })
})

describe('with a personal access token', () => {
  it('finds its own comment by login (GET /user) and updates it instead of posting anew', async () => {
    const pat = 'ghp_personalAccessToken0123456789abcdef'
    const personal = await GitHubApiEmulator.start({
      token: pat,
      actor: { login: 'platform-bot-user', type: 'User' }
    })
    try {
      const impostor = personal.addComment(TARGET, `${MARKER}\nnot mine`, {
        login: 'mallory',
        type: 'User'
      })
      const mine = personal.addComment(TARGET, `${MARKER}\nan old report`, {
        login: 'platform-bot-user',
        type: 'User'
      })
      const result = await runPullRequest(NEW_EXPORTER, { emulator: personal, token: pat })
      expect(result.code).toBe(1)
      expect(personal.requests.filter((request) => request.path === '/user')).toHaveLength(1)
      const commentWrites = personal.writes().filter((request) => request.path.includes('/issues/'))
      expect(commentWrites.map((request) => `${request.method} ${request.path}`)).toEqual([
        `PATCH /repos/acme/platform/issues/comments/${mine.id}`
      ])
      expect(personal.commentsOn(TARGET).find((c) => c.id === impostor.id)!.body).toBe(
        `${MARKER}\nnot mine`
      )
    } finally {
      await personal.close()
    }
  })
})

// The token every other test uses is an installation token: it never asks for /user.
it('does not call GET /user with an installation token', async () => {
  await runPullRequest(NEW_EXPORTER)
  expect(TOKEN.startsWith('ghs_')).toBe(true)
  expect(api.requests.some((request) => request.path === '/user')).toBe(false)
})
