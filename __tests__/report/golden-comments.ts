// The comments a reviewer reads, from real scans of a base and a head (two folders written at
// test time), kept as golden Markdown files in expected/ and checked with GitHub's renderer
// (cmark-gfm.test.ts). Also a hand-built change set for the renderer's unit tests.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { baselineOf, compareScans } from '../../src/baseline/compare.js'
import type { RuleBaseline } from '../../src/rules/rule.js'
import { defaultConfig } from '../../src/config/types.js'
import { scan, type ScanResult } from '../../src/engine.js'
import type { Finding } from '../../src/model.js'
import { renderMarkdown, type MarkdownOptions } from '../../src/report/markdown.js'
import { daemonSet, legacyDeployments } from '../helpers/manifests.js'
import { at, finding } from '../helpers/result.js'
import { headFindings } from '../../src/baseline/classify.js'

export const BASE_SHA = '1234567890abcdef1234567890abcdef12345678'
export const HEAD_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432'

const blob = (sha: string) => (file: string, line: number) =>
  `https://github.com/acme/shop/blob/${sha}/deploy/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`

export const PR_COMMENT: MarkdownOptions = {
  marker: '<!-- port-hygiene: deploy -->',
  lineUrl: blob(HEAD_SHA),
  baseLineUrl: blob(BASE_SHA),
  fullReportHint:
    'the job summary of this workflow run (https://github.com/acme/shop/actions/runs/42) and the JSON report (the step\'s "report-file" output)',
  run: {
    headSha: HEAD_SHA,
    time: '2025-06-02T10:00:31Z',
    runUrl: 'https://github.com/acme/shop/actions/runs/42',
    workingDirectory: 'deploy'
  },
  scope: 'new',
  // As the action writes it: the host ports in conflicts or this PR touches; the rest in the summary.
  portMap: {
    rows: 'review',
    fullMapHint:
      'the job summary of this workflow run (https://github.com/acme/shop/actions/runs/42)'
  }
}

/**
 * `existing` as the base's findings, plus `added` new duplicate-host-port errors (with a fix)
 * and `fixed` findings gone from the head.
 */
export function pullRequest(existing: ScanResult, added: number, fixed: number): ScanResult {
  const newFindings: Finding[] = []
  for (let index = 0; index < added; index++) {
    const item = finding({
      message: `Host port 9100/TCP of DaemonSet monitoring/agent-${index} (container "agent", deploy/agent-${index}.yaml:28) is also claimed by DaemonSet monitoring/node-exporter (container "exporter", deploy/node-exporter.yaml:28): certain conflict: both are DaemonSets.`,
      location: at(`agent-${index}.yaml`, 28, 15),
      related: [{ location: at('node-exporter.yaml', 28, 15), message: 'another claim' }]
    })
    item.fix = {
      description: 'use host port 9101',
      location: { file: item.location.file, line: 28, column: 1, endLine: 28, endColumn: 29 },
      replacement: '              hostPort: 9101'
    }
    newFindings.push(item)
  }
  const fixedFindings = Array.from({ length: fixed }, (_, index) =>
    finding({
      ruleId: 'privileged-port',
      message: `Host port ${80 + index}/TCP of Deployment web/frontend (container "nginx") is privileged (below 1024): it needs root on the host.`,
      location: at('web.yaml', 30 + index, 15)
    })
  )
  return {
    ...existing,
    findings: [...existing.findings, ...newFindings],
    change: {
      basis: 'base-scan',
      baseSha: BASE_SHA,
      added: newFindings,
      existing: [...existing.findings],
      fixed: fixedFindings
    }
  }
}

async function writeTree(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'port-hygiene-golden-'))
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await fs.writeFile(path.join(root, file), text)
  }
  return root
}

/** Scans a base and a head tree and compares them, as the action does on a pull request. */
export async function scenario(
  base: Record<string, string>,
  head: Record<string, string>
): Promise<ScanResult> {
  const [baseRoot, headRoot] = await Promise.all([writeTree(base), writeTree(head)])
  try {
    const scanOf = (root: string, baseline?: RuleBaseline) =>
      scan({ root, paths: [], config: defaultConfig(), env: {}, ...(baseline ? { baseline } : {}) })
    // As the action does: the base first, so the head's rules know which claims the PR adds.
    const baseResult = await scanOf(baseRoot)
    const headResult = await scanOf(headRoot, baselineOf(baseResult))
    headResult.change = compareScans(headResult, { result: baseResult }, BASE_SHA)
    headResult.findings = headFindings(headResult.findings, headResult.change)
    return headResult
  } finally {
    await Promise.all(
      [baseRoot, headRoot].map((root) => fs.rm(root, { recursive: true, force: true }))
    )
  }
}

const SHOP_COMPOSE = `name: shop
services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:81:8080"
      - "127.0.0.1:8443:8443"
  admin:
    image: shop/admin:2
    ports:
      - "127.0.0.1:8443:9443"
  api:
    image: shop/api:3
    ports:
      - target: 9000
        host_ip: 127.0.0.1
        published: 9000
  worker:
    image: shop/worker:3
    ports:
      - 127.0.0.1:9000:9000/tcp
`

/** Another project on the same host port as the shop's API: a possible conflict (a warning). */
const TOOLS_COMPOSE = `name: tools
services:
  grafana:
    image: grafana/grafana:11.1.0
    ports:
      - "127.0.0.1:9000:3000"
`

/** The base every PR scenario starts from: a node exporter, an ingress, a shop project. */
const BASE: Record<string, string> = {
  'k8s/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 }),
  'k8s/ingress.yaml': daemonSet('ingress-nginx', {
    hostPort: 8443,
    containerPort: 8443,
    namespace: 'ingress'
  })
}

/**
 * A PR adding 12 findings: monitoring agents on taken host ports, privileged ports, a Compose
 * project. The privileged ports are 81, 444 and 100-103, which stay findings (warnings) where 80
 * and 443 are allowed by default.
 */
export function twelveFindingPullRequest(): Promise<ScanResult> {
  return scenario(BASE, {
    ...BASE,
    'k8s/monitoring/dcgm-exporter.yaml': daemonSet('dcgm-exporter', { hostPort: 9100 }),
    'k8s/monitoring/process-exporter.yaml': daemonSet('process-exporter', { hostPort: 9100 }),
    'k8s/monitoring/syslog.yaml': daemonSet('syslog', {
      hostPort: 514,
      containerPort: 5514,
      protocol: 'udp'
    }),
    'k8s/web/edge.yaml': daemonSet('edge', {
      hostPort: 444,
      containerPort: 8444,
      namespace: 'web'
    }),
    'k8s/web/legacy.yaml': legacyDeployments(4),
    'shop/compose.yaml': SHOP_COMPOSE,
    'tools/compose.yaml': TOOLS_COMPOSE
  })
}

/** 300 existing findings, and a PR that adds 2. */
export function largeRepositorySmallPullRequest(): Promise<ScanResult> {
  const base = { ...BASE, 'k8s/legacy.yaml': legacyDeployments(300) }
  return scenario(base, {
    ...base,
    'k8s/telemetry/dcgm-exporter.yaml': daemonSet('dcgm-exporter', { hostPort: 9100 }),
    'k8s/telemetry/otel-agent.yaml': daemonSet('otel-agent', { hostPort: 81, containerPort: 4318 })
  })
}

/**
 * A monorepo of 2,000 manifests: 2,000 Deployments in pairs on one host port (1,000 existing
 * possible conflicts, 2,000 host ports in conflicts) and a node exporter; a one-file PR adds a
 * GPU exporter on the node exporter's port. Nothing of it fits in one comment but the new finding.
 */
export function monorepoOneFilePullRequest(): Promise<ScanResult> {
  // Two scans of 2,000 files: once per test file.
  return (monorepo ??= monorepoScenario())
}

let monorepo: Promise<ScanResult> | undefined

function monorepoScenario(): Promise<ScanResult> {
  const base: Record<string, string> = {
    'k8s/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 })
  }
  for (let index = 0; index < 2000; index++) {
    const team = `team-${String(index % 20).padStart(2, '0')}`
    base[`apps/${team}/app-${String(index).padStart(4, '0')}.yaml`] = legacyDeployments(1)
      .replace(/legacy-0/g, `app-${index}`)
      .replace('namespace: legacy', `namespace: ${team}`)
      .replace('hostPort: 100\n', `hostPort: ${20000 + Math.floor(index / 2)}\n`)
  }
  return scenario(base, {
    ...base,
    'k8s/telemetry/dcgm-exporter.yaml': daemonSet('dcgm-exporter', { hostPort: 9100 })
  })
}

/** A clean PR that fixes the one finding the base had. */
export function cleanPullRequestThatFixesOne(): Promise<ScanResult> {
  const base = { ...BASE, 'k8s/legacy.yaml': legacyDeployments(1) }
  return scenario(base, {
    ...base,
    'k8s/legacy.yaml': legacyDeployments(1).replace('hostPort: 100\n', 'hostPort: 10100\n')
  })
}

export interface GoldenComment {
  name: string
  file: string
  result: () => Promise<ScanResult>
  render: () => Promise<string>
}

function golden(name: string, file: string, result: () => Promise<ScanResult>): GoldenComment {
  return { name, file, result, render: async () => renderMarkdown(await result(), PR_COMMENT) }
}

export const GOLDEN_COMMENTS: GoldenComment[] = [
  golden('a pull request that adds 12 findings', 'pr-12-findings.md', twelveFindingPullRequest),
  golden(
    'a 300-finding repository with a 2-finding pull request',
    'repo-300-pr-2.md',
    largeRepositorySmallPullRequest
  ),
  golden(
    'a 2,000-file repository with a 1-file pull request',
    'repo-2000-files-pr-1.md',
    monorepoOneFilePullRequest
  ),
  golden(
    'a clean pull request that fixed one',
    'clean-pr-fixed-one.md',
    cleanPullRequestThatFixesOne
  )
]
