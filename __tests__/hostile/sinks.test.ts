// Names are inert in every sink: ESC, OSC, BEL and U+202E in file and service names come out
// escaped (`\u001b`) in the CLI's text report, and in the action's log (the report, every
// annotation's message and properties) and job summary. Workflow commands in names stay text.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_API_BUDGET_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  apiDeadlinesFromEnv
} from '../../src/github/octokit.js'
import {
  createSandbox,
  removeSandbox,
  runAction,
  type ActionRun,
  type Sandbox
} from '../e2e/action-runner.js'
import { RAW_CONTROL, cli, repo } from './hostile.js'

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The action from its sources (tsx), so that this suite needs no bundle. */
const FROM_SOURCES = {
  command: [
    process.execPath,
    '--import',
    pathToFileURL(path.join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs')).href
  ],
  script: path.join(PROJECT_ROOT, 'src/index.ts')
}

const ESC_NAME = 'evil\u001b]0;owned\u0007\u001b[2J\u202egnp.yaml'
const SERVICE = 'web\u001b[31m\u0007\u202eevil'

/** A repository whose file and service names carry terminal and bidi controls. */
function hostileNames(): string {
  return repo({
    [`k8s/${ESC_NAME}`]: `apiVersion: v1
kind: Pod
metadata:
  name: "pod\\e]8;;http://x\\a\\u202e"
spec:
  containers:
    - name: c
      image: nginx
      ports:
        - containerPort: 80
          hostPort: 81
`,
    'app/compose.yaml': `services:\n  "${SERVICE.replaceAll('\u001b', '\\e').replaceAll('\u0007', '\\a')}":\n    ports: ['25:25']\n  "::error file=x::forged":\n    ports: ['444:444']\n`
  })
}

describe('CLI text report', () => {
  it('escapes ESC, OSC, BEL and U+202E in file and service names', async () => {
    const run = await cli(hostileNames())
    expect(run.code).toBe(1)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    expect(run.stdout).toContain('\\u001b]0;owned\\u0007')
    expect(run.stdout).toContain('\\u202e')
    expect(run.stdout).toContain('web\\u001b[31m\\u0007\\u202eevil')
  })

  it('the markdown report drops them too', async () => {
    const run = await cli(hostileNames(), ['--format', 'markdown'])
    expect(run.stdout).toContain('privileged-port')
    expect(run.stdout).not.toMatch(RAW_CONTROL)
  })
})

/** Raw in JSON bytes: what JSON.stringify escapes (C0) and what it does not (DEL, C1, bidi, U+2028/9, lone surrogates). */
const RAW_IN_JSON =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const JSON_FILE = 'k8s/evil\u001b]0;owned\u0007\u0085\u202e\u2028\u2066gnp.yaml'
/** ESC, OSC, BEL, NEL (U+0085), RLO, RLI, RLM, DEL and a lone surrogate, as YAML escapes. */
const JSON_SERVICE = 'web\u001b]8;;\u0007\u0085\u202e\u2067\u200f\u007f\ud800'
const JSON_SERVICE_YAML = String.raw`web\e]8;;\a\N\u202e\u2067\u200f\x7f\ud800`

function hostileJsonNames(): string {
  return repo({
    [JSON_FILE]: `apiVersion: v1
kind: Pod
metadata:
  name: "pod\\u0085\\u202e"
spec:
  containers:
    - name: c
      image: nginx
      ports:
        - containerPort: 80
          hostPort: 81
`,
    'app/compose.yaml': `services:\n  "${JSON_SERVICE_YAML}":\n    ports: ['25:25']\n`
  })
}

describe('JSON and SARIF reports', () => {
  it('the JSON report escapes every control and bidi character, and parses back to the names', async () => {
    const run = await cli(hostileJsonNames(), ['--format', 'json'])
    expect(run.code).toBe(1)
    expect(run.stdout).not.toMatch(RAW_IN_JSON)
    for (const escaped of ['\\u0085', '\\u202e', '\\u2028', '\\u2066', '\\u007f', '\\ud800'])
      expect(run.stdout).toContain(escaped)
    const report = JSON.parse(run.stdout) as {
      findings: Array<{ location: { file: string }; object?: { service?: string; name?: string } }>
    }
    const files = report.findings.map((finding) => finding.location.file)
    expect(files).toContain(JSON_FILE)
    const services = report.findings.map((finding) => finding.object?.service)
    expect(services).toContain(JSON_SERVICE)
    expect(report.findings.map((finding) => finding.object?.name)).toContain('pod\u0085\u202e')
  })

  it('the SARIF log escapes them too, and its URIs and messages parse back unchanged', async () => {
    const run = await cli(hostileJsonNames(), ['--format', 'sarif'])
    expect(run.code).toBe(1)
    expect(run.stdout).not.toMatch(RAW_IN_JSON)
    expect(run.stdout).toContain('\\u202e')
    const log = JSON.parse(run.stdout) as {
      runs: Array<{ results: Array<{ message: { text: string } }> }>
    }
    const messages = log.runs[0]!.results.map((result) => result.message.text).join('\n')
    expect(messages).toContain('\u202e')
    expect(messages).toContain('\u0085')
  })

  it('the inventory JSON escapes them too', async () => {
    const run = await cli(hostileJsonNames(), ['inventory', '--format', 'json'])
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(RAW_IN_JSON)
    const inventory = JSON.parse(run.stdout) as { ports: Array<{ object: string; file: string }> }
    expect(inventory.ports.map((row) => row.file)).toContain(JSON_FILE)
    expect(inventory.ports.map((row) => row.object).join('\n')).toContain(JSON_SERVICE)
  })
})

describe('the action', () => {
  let sandbox: Sandbox
  let run: ActionRun

  beforeAll(async () => {
    sandbox = await createSandbox(hostileNames())
    run = await runAction(sandbox, {
      ...FROM_SOURCES,
      inputs: { comment: 'never' },
      timeoutMs: 120_000
    })
  }, 150_000)
  afterAll(() => removeSandbox(sandbox))

  it('writes the log without raw control characters: report, annotations, properties', () => {
    expect(run.code).toBe(1)
    // The log's own colours are the only escape sequences (run.log is stdout without them).
    expect(run.log).not.toMatch(RAW_CONTROL)
    expect(run.log).toContain('\\u001b]0;owned\\u0007')
    const annotations = [
      ...run.commands('error'),
      ...run.commands('warning'),
      ...run.commands('notice')
    ]
    expect(annotations.some((line) => line.includes('\\u202e'))).toBe(true)
  })

  it('a name that spells a workflow command cannot issue one', () => {
    expect(run.commands('error').some((line) => line.startsWith('::error file=x::forged'))).toBe(
      false
    )
  })

  it('writes the job summary without raw control characters', () => {
    expect(run.summary).toContain('privileged-port')
    expect(run.summary).not.toMatch(RAW_CONTROL)
  })
})

describe('a GitHub API that accepts the connection and never answers', () => {
  let server: Server
  let url: string
  let sandbox: Sandbox
  const sockets = new Set<import('node:net').Socket>()
  const requests: string[] = []

  beforeAll(async () => {
    server = createServer((request) => {
      requests.push(`${request.method} ${request.url}`)
      // Never answers.
    })
    server.on('connection', (socket) => sockets.add(socket))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    sandbox = await createSandbox()
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
    await removeSandbox(sandbox)
  })

  it('the action gives up with one warning naming what was not written; outputs, summary and exit code still come from the findings', async () => {
    const run = await runAction(sandbox, {
      ...FROM_SOURCES,
      apiUrl: url,
      env: { PORT_HYGIENE_API_TIMEOUT: '0.5', PORT_HYGIENE_API_BUDGET: '4' },
      timeoutMs: 120_000
    })
    expect(run.code).toBe(1)
    expect(Number(run.outputs.errors)).toBeGreaterThan(0)
    expect(run.outputs['comment-url']).toBe('')
    // The inline review is the first API phase; once it misses its deadline the comment is not
    // even tried (no second wait), and one warning names both.
    const warnings = run
      .commands('warning')
      .filter((line) => /GitHub API|could not write/.test(line))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /The GitHub API did not (answer|finish) within [^:]*: the inline review and the pull-request comment were not written/
    )
    expect(run.summary).toContain('privileged-container-port')
    const report = JSON.parse(readFileSync(run.outputs['report-file']!, 'utf8')) as {
      findings: unknown[]
    }
    expect(report.findings.length).toBeGreaterThan(0)
    // The comment phase never asked: nothing about the PR's issue comments reached the server.
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.filter((request) => request.includes('/issues/'))).toEqual([])
  }, 120_000)

  it('has deadlines by default: 30 s per request, 90 s for the whole comment phase (under 2 minutes)', () => {
    expect(apiDeadlinesFromEnv({})).toEqual({})
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(30_000)
    expect(DEFAULT_API_BUDGET_MS).toBe(90_000)
    expect(DEFAULT_API_BUDGET_MS).toBeLessThan(120_000)
    expect(
      apiDeadlinesFromEnv({ PORT_HYGIENE_API_TIMEOUT: '5', PORT_HYGIENE_API_BUDGET: 'soon' })
    ).toEqual({
      requestTimeoutMs: 5000
    })
  })
})
