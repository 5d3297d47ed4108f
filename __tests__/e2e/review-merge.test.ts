// The review as GitHub runs it: a repository the test builds (main, a PR branch, main moving on
// after the branch was made), GitHub's merge commit at refs/pull/42/merge, checked out with
// depth 1 as actions/checkout does, and the built action against the REST emulator, which
// refuses what GitHub refuses (a comment outside the diff or across hunks, a review pinned to
// a commit that is not the head). Lines must be the head's; a finding on a line only the merge
// commit has is listed, never inline; a new conflict is on the PR's side with a fix that moves
// the PR's claim; 30 inline comments per pull request, however many runs; every suggestion,
// applied as GitHub applies it, removes its finding and leaves a file that parses.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config/types.js'
import { scan } from '../../src/engine.js'
import type { GitHubApiEmulator, StoredReviewComment } from '../helpers/github-api.js'
import {
  checkoutLikeActions,
  createTestRepo,
  openPullRequest,
  pullFilesOf,
  treeOf,
  type TestRepo
} from '../helpers/git-repo.js'
import { daemonSet, legacyDeployments } from '../helpers/manifests.js'
import { applySuggestions, suggestionLines } from '../helpers/suggestions.js'
import {
  MARKER,
  PR_NUMBER,
  TARGET,
  pullRequestPayload,
  runAction,
  type Sandbox,
  useActionHarness
} from './action-runner.js'

let api: GitHubApiEmulator
let sandbox: Sandbox
let origin: TestRepo

useActionHarness((fresh) => ({ api, sandbox } = fresh))

beforeEach(async () => {
  origin = await createTestRepo(path.join(sandbox.root, 'origin'))
})

interface PullRequest {
  base: string
  head: string
  merge: string
}

/**
 * Commits `base` on main, `change` on a branch made from it, then `mainLater` on main (the base
 * branch moving on), opens the PR (GitHub's merge commit) and checks it out like actions/checkout.
 */
async function pullRequest(
  base: Record<string, string | null>,
  change: Record<string, string | null>,
  mainLater?: Record<string, string | null>
): Promise<PullRequest> {
  await origin.commit(base, 'main: the base')
  origin.git('checkout', '--quiet', '-b', 'feature')
  await origin.commit(change, 'the pull request')
  origin.git('checkout', '--quiet', 'main')
  if (mainLater) await origin.commit(mainLater, 'main moves on')
  return publish()
}

/** Pushes one more commit to the PR branch and lets GitHub merge it again. */
async function push(files: Record<string, string | null>): Promise<PullRequest> {
  origin.git('checkout', '--quiet', 'feature')
  await origin.commit(files, 'another push')
  origin.git('checkout', '--quiet', 'main')
  return publish()
}

async function publish(): Promise<PullRequest> {
  const refs = openPullRequest(origin, PR_NUMBER, { base: 'main', head: 'feature' })
  await checkoutLikeActions(origin.dir, sandbox.workspace, PR_NUMBER, refs.merge)
  // What pulls.listFiles answers: the merge base against the head (a three-dot diff).
  api.setPullFiles(PR_NUMBER, pullFilesOf(origin, refs.mergeBase, refs.head))
  api.setPullHead(PR_NUMBER, refs.head)
  return refs
}

function run(pr: PullRequest, env: Record<string, string> = {}) {
  const payload = pullRequestPayload() as {
    pull_request: { head: { sha: string }; base: { sha: string } }
  }
  payload.pull_request.head.sha = pr.head
  payload.pull_request.base.sha = pr.base
  return runAction(sandbox, { apiUrl: api.url, payload, env: { GITHUB_SHA: pr.merge, ...env } })
}

const sticky = () => api.commentsOn(TARGET).find((comment) => comment.body.startsWith(MARKER))!
const refused = () => api.requests.filter((request) => request.status === 422)

/** The file as the head commit has it. */
const atHead = (pr: PullRequest, file: string) => origin.git('show', `${pr.head}:${file}`)

/** 1-based line of the first line matching `pattern` after the line matching `after`. */
function lineOf(text: string, pattern: RegExp, after?: RegExp): number {
  const lines = text.split('\n')
  const from = after ? lines.findIndex((line) => after.test(line)) : 0
  const index = lines.findIndex((line, at) => at >= from && pattern.test(line))
  expect(index, `${pattern} in\n${text}`).toBeGreaterThanOrEqual(0)
  return index + 1
}

const scanTree = (root: string) => scan({ root, paths: [], config: defaultConfig(), env: {} })

const identityIn = (comment: StoredReviewComment) =>
  /port-hygiene-finding \.: ([0-9a-f]{32})/.exec(comment.body)![1]!

/**
 * Commits the suggestions to a copy of the head's tree as GitHub would, then scans it: each
 * suggested finding is gone, nothing new appears, every file still parses.
 */
async function commitSuggestions(pr: PullRequest, comments: readonly StoredReviewComment[]) {
  const root = await treeOf(origin, pr.head)
  try {
    const before = await scanTree(root)
    const byFile = new Map<string, StoredReviewComment[]>()
    for (const comment of comments)
      byFile.set(comment.path, [...(byFile.get(comment.path) ?? []), comment])
    for (const [file, onFile] of byFile) {
      const target = path.join(root, file)
      await fs.writeFile(target, applySuggestions(await fs.readFile(target, 'utf8'), onFile))
    }
    const after = await scanTree(root)
    const identities = (result: typeof before) => result.findings.map((f) => f.identity)
    for (const comment of comments) expect(identities(after)).not.toContain(identityIn(comment))
    expect(after.findings.filter((finding) => finding.ruleId === 'parse-error')).toEqual([])
    const old = new Set(identities(before))
    expect(after.findings.filter((finding) => !old.has(finding.identity))).toEqual([])
    return after
  } finally {
    await fs.rm(root, { recursive: true, force: true })
  }
}

// ── Lines of the head, not of the merge commit ──────────────────────────────────────────────

/** A file of two old Deployments (privileged host ports: 2 existing findings) and a proxy. */
const MONITORING = `${legacyDeployments(2)}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: metrics-proxy
  namespace: monitoring
spec:
  selector:
    matchLabels:
      app: metrics-proxy
  template:
    metadata:
      labels:
        app: metrics-proxy
    spec:
      containers:
        - name: proxy
          image: registry.example.com/metrics-proxy:1.0.0
          ports:
            - containerPort: 8080
`

/** The PR puts a GPU exporter on node-exporter's host port between the old Deployments and the proxy. */
const WITH_EXPORTER = MONITORING.replace(
  '---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: metrics-proxy',
  `---\n${daemonSet('dcgm-exporter', { hostPort: 9100 })}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: metrics-proxy`
)

const ownership = (count: number) =>
  Array.from({ length: count }, (_, index) => `# owner: team-observability (${index + 1})`).join(
    '\n'
  ) + '\n'

const MAIN_MOVES = {
  'by 2 lines above the change': `${ownership(2)}${MONITORING}`,
  'by 15 lines above the change': `${ownership(15)}${MONITORING}`,
  'below the change': MONITORING.replace('metrics-proxy:1.0.0', 'metrics-proxy:1.1.0').concat(
    ownership(15)
  )
}

describe('main moved the file the pull request changes', () => {
  for (const [how, moved] of Object.entries(MAIN_MOVES)) {
    it(`${how}: the review, the links and the suggestion are on the head's lines`, async () => {
      const pr = await pullRequest(
        {
          'k8s/monitoring.yaml': MONITORING,
          'k8s/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 })
        },
        { 'k8s/monitoring.yaml': WITH_EXPORTER },
        { 'k8s/monitoring.yaml': moved }
      )
      const checkout = await fs.readFile(
        path.join(sandbox.workspace, 'k8s/monitoring.yaml'),
        'utf8'
      )
      const head = atHead(pr, 'k8s/monitoring.yaml')
      const line = lineOf(head, /hostPort: 9100/, /name: dcgm-exporter/)
      const mergeLine = lineOf(checkout, /hostPort: 9100/, /name: dcgm-exporter/)
      if (how.includes('above')) expect(mergeLine).toBeGreaterThan(line)

      const result = await run(pr)
      expect(result.stderr).toBe('')
      expect(result.code).toBe(1)
      expect(refused()).toEqual([])
      // The one new finding, inline on the head's line, with a suggestion.
      expect(api.reviews).toHaveLength(1)
      expect(api.reviews[0]!.commitId).toBe(pr.head)
      const [comment] = api.reviewComments
      expect(api.reviewComments).toHaveLength(1)
      expect([comment!.path, comment!.line]).toEqual(['k8s/monitoring.yaml', line])
      expect(suggestionLines(comment!.body)).toEqual(['              hostPort: 9101'])
      // The sticky comment names and links the head's lines, for the old findings too.
      const body = sticky().body
      expect(body).toContain(
        `[<code>k8s/monitoring.yaml:${line}</code>](https://github.com/acme/platform/blob/${pr.head}/k8s/monitoring.yaml#L${line})`
      )
      for (const port of [100, 101]) {
        const old = lineOf(head, new RegExp(`hostPort: ${port}$`))
        expect(body).toContain(`/blob/${pr.head}/k8s/monitoring.yaml#L${old})`)
      }
      expect(body).not.toContain('merge commit only')
      // Annotations too.
      expect(
        result
          .commands('error')
          .some((command) => command.includes(`file=k8s/monitoring.yaml,line=${line},`))
      ).toBe(true)
      // Committed as GitHub would, the suggestion fixes the finding and breaks nothing.
      await commitSuggestions(pr, api.reviewComments)
    })
  }

  it('lists a new finding on a line only the merge commit has, with that said, never inline', async () => {
    const pr = await pullRequest(
      { 'k8s/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 }) },
      {
        // The PR: an agent on the host network, listening on 9300.
        'k8s/gpu-agent.yaml': daemonSet('gpu-agent', { hostPort: 9300 }).replace(
          '    spec:\n      tolerations:',
          '    spec:\n      hostNetwork: true\n      tolerations:'
        )
      },
      // Meanwhile main gained a DaemonSet on host port 9300.
      { 'k8s/late-agent.yaml': daemonSet('late-agent', { hostPort: 9300 }) }
    )
    const result = await run(pr)
    expect(result.code).toBe(1)
    expect(refused()).toEqual([])
    // The host-network side never moves: the finding is on late-agent, a file the head lacks.
    expect(api.reviewComments).toEqual([])
    const body = sticky().body
    expect(body.split('\n')[1]).toBe('### ❌ port-hygiene: adds 1 problem — 1 error')
    expect(body).toContain('<code>k8s/late-agent.yaml:28</code> <sub>(merge commit only)</sub>')
    expect(body).not.toContain(`/blob/${pr.head}/k8s/late-agent.yaml`)
    expect(body).toContain('1 is listed here only: 1 on a line only the merge commit has')
    expect(body).toContain("1 new finding is on lines this pull request's head does not have")
  })
})

// ── The PR's side of a new conflict ─────────────────────────────────────────────────────────

describe('a new conflict with an existing claim', () => {
  const hostNetwork = (text: string) =>
    text.replace(
      '    spec:\n      tolerations:',
      '    spec:\n      hostNetwork: true\n      tolerations:'
    )

  for (const [what, existing] of [
    ['a hostPort', daemonSet('node-exporter', { hostPort: 9100 })],
    ['the host network', hostNetwork(daemonSet('node-exporter', { hostPort: 9100 }))]
  ] as const) {
    it(`is on the new file that sorts first, with a fix that moves it (existing side on ${what})`, async () => {
      const pr = await pullRequest(
        { 'k8s/node-exporter.yaml': existing },
        { 'k8s/a-dcgm-exporter.yaml': daemonSet('dcgm-exporter', { hostPort: 9100 }) }
      )
      const result = await run(pr)
      expect(result.code).toBe(1)
      const [comment] = api.reviewComments
      expect(api.reviewComments).toHaveLength(1)
      expect([comment!.path, comment!.line]).toEqual(['k8s/a-dcgm-exporter.yaml', 28])
      expect(comment!.body).not.toContain('the other side of this conflict')
      expect(suggestionLines(comment!.body)).toEqual(['              hostPort: 9101'])
      const row = sticky()
        .body.split('\n')
        .find((line) => line.includes('a-dcgm-exporter.yaml:28'))!
      // The existing claim is the related place.
      expect(row).toContain('↳ [<code>k8s/node-exporter.yaml:')
      expect(row).toContain('Use host port 9101')
      await commitSuggestions(pr, api.reviewComments)
    })
  }
})

// ── One cap per pull request ────────────────────────────────────────────────────────────────

describe('45 new findings', () => {
  const edges = (count: number, from = 0) =>
    Object.fromEntries(
      Array.from({ length: count }, (_, offset) => {
        const index = from + offset
        return [
          `k8s/edge/edge-${String(index).padStart(2, '0')}.yaml`,
          daemonSet(`edge-${index}`, {
            hostPort: 200 + index,
            containerPort: 8100 + index,
            namespace: 'edge'
          })
        ]
      })
    )

  it('get 30 inline comments over every run, and the comment says how many are only listed and why', async () => {
    let pr = await pullRequest({ 'README.md': '# platform\n' }, edges(45))
    const first = await run(pr)
    // Host ports 200-244: privileged-port warnings, so the gate passes; each is still new.
    expect(first.code).toBe(0)
    expect(api.reviewComments).toHaveLength(30)
    const says =
      '30 new findings are commented inline on the diff; 15 are listed here only: ' +
      '15 past the limit of 30 inline comments per pull request.'
    expect(sticky().body).toContain(says)

    // A re-run on the same head: nothing more.
    api.clearRequests()
    const again = await run(pr)
    expect(again.code).toBe(0)
    expect(api.writes().filter((request) => request.path.endsWith('/reviews'))).toEqual([])
    expect(api.reviewComments).toHaveLength(30)
    expect(sticky().body).toContain(says)

    // A push fixes five commented findings: their comments go, five others take their place.
    const commented = api.reviewComments.slice(0, 5).map((comment) => comment.path)
    pr = await push(
      Object.fromEntries(
        commented.map((file) => [
          file,
          edges(45)[file]!.replace(/hostPort: (\d+)/, 'hostPort: 1$10')
        ])
      )
    )
    const third = await run(pr)
    expect(third.code).toBe(0)
    expect(refused()).toEqual([])
    expect(api.reviewComments).toHaveLength(30)
    const paths = api.reviewComments.map((comment) => comment.path)
    for (const file of commented) expect(paths).not.toContain(file)
    expect(sticky().body).toContain(
      '30 new findings are commented inline on the diff; 10 are listed here only: ' +
        '10 past the limit of 30 inline comments per pull request.'
    )
  })
})

// ── Suggestions GitHub applies as meant ─────────────────────────────────────────────────────

describe('every suggestion of a review', () => {
  const SHOP = `name: shop
services:
  web:
    image: nginx:1.27
    network_mode: host
    ports:
      - "8080:8080"
      - "8443:8443"
  api:
    image: shop/api:3
    ports:
      - "127.0.0.1:9000:9000"
  worker:
    image: shop/worker:3
    ports:
      - "127.0.0.1:9000:9001"
`
  // 444: a privileged-port finding (443 is allowed by default).
  const EDGE = daemonSet('edge', { hostPort: 444, containerPort: 8443, namespace: 'web' })
  const SYSLOG = daemonSet('syslog', { hostPort: 5514, protocol: 'udp' })

  it('removes its finding when committed alone or all at once, and leaves files that parse', async () => {
    const pr = await pullRequest(
      { 'k8s/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 }) },
      {
        'shop/compose.yaml': SHOP,
        'k8s/web/edge.yaml': EDGE,
        'k8s/monitoring/syslog.yaml': SYSLOG,
        'k8s/monitoring/dcgm-exporter.yaml': daemonSet('dcgm-exporter', { hostPort: 9100 })
      }
    )
    const result = await run(pr)
    expect(result.code).toBe(1)
    expect(refused()).toEqual([])
    const comments = api.reviewComments
    // One suggestion per new finding: the rules and the shapes GitHub applies differently.
    const bySuggestion = comments.map((comment) => [comment.path, suggestionLines(comment.body)])
    expect(bySuggestion.sort()).toEqual([
      ['k8s/monitoring/dcgm-exporter.yaml', ['              hostPort: 9101']],
      ['k8s/monitoring/syslog.yaml', ['              protocol: UDP']],
      // 8080 is taken: the web service binds it on the host network.
      ['k8s/web/edge.yaml', ['              hostPort: 8081']],
      ['shop/compose.yaml', []],
      ['shop/compose.yaml', ['      - "127.0.0.1:9001:9001"']]
    ])
    const removal = comments.find((comment) => comment.path === 'shop/compose.yaml')!
    // The removal is an empty block spanning `ports:` and its list: no blank line is left.
    expect(removal.body).toContain('```suggestion\n```')
    expect([removal.startLine, removal.line]).toEqual([6, 8])
    for (const comment of comments) await commitSuggestions(pr, [comment])
    // All of them committed at once: no finding is left (the base had none).
    const after = await commitSuggestions(pr, comments)
    expect(after.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`)).toEqual(
      []
    )
  })
})

// ── Without a readable base ─────────────────────────────────────────────────────────────────

describe('without git in the workspace', () => {
  async function withoutGit() {
    const pr = await pullRequest(
      { 'k8s/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 }) },
      { 'k8s/a-dcgm-exporter.yaml': daemonSet('dcgm-exporter', { hostPort: 9100 }) }
    )
    await fs.rm(path.join(sandbox.workspace, '.git'), { recursive: true, force: true })
    return pr
  }

  it('says that new vs existing came from the API, and names no runner path', async () => {
    const pr = await withoutGit()
    const result = await run(pr)
    expect(result.code).toBe(1)
    const body = sticky().body
    expect(body).toContain(
      '> **Compared by changed lines**: the base could not be scanned (the workspace is not in a git repository'
    )
    expect(body).toContain("which findings are new comes from the GitHub API's list of the lines")
    expect(body).toContain('> **Note**: the head commit could not be read from git')
    expect(body).not.toContain(sandbox.root)
    // The diff shows the scanned line: the comment goes, with its suggestion, on the PR's side.
    expect(api.reviewComments.map((comment) => [comment.path, comment.line])).toEqual([
      ['k8s/a-dcgm-exporter.yaml', 28]
    ])
  })

  it('an API past its deadline costs one warning that says what the API decided', async () => {
    const pr = await withoutGit()
    api.fail({ method: 'POST', path: /\/reviews$/, status: 0, hang: true })
    const result = await run(pr, { PORT_HYGIENE_API_TIMEOUT: '0.5', PORT_HYGIENE_API_BUDGET: '3' })
    expect(result.code).toBe(1)
    const warnings = result.commands('warning').filter((line) => line.includes('not written'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      "the scan does not depend on the API, but the base could not be read, so which findings are new, and with them the outputs and the exit code, came from the API's list of changed lines"
    )
    expect(warnings[0]).not.toContain('the outputs and the exit code do not depend on the API')
  })
})
