// Names are inert in every sink: ESC, OSC, BEL and U+202E in file and service names come out
// escaped (`\u001b`) in the CLI's text report, and in the action's log (the report, every
// annotation's message and properties) and job summary. Workflow commands in names stay text.
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
          hostPort: 80
`,
    'app/compose.yaml': `services:\n  "${SERVICE.replaceAll('\u001b', '\\e').replaceAll('\u0007', '\\a')}":\n    ports: ['80:80']\n  "::error file=x::forged":\n    ports: ['443:443']\n`
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

  beforeAll(async () => {
    server = createServer(() => {
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

  it('the action ends with one warning, and the outputs and exit code still come from the findings', async () => {
    const run = await runAction(sandbox, {
      ...FROM_SOURCES,
      apiUrl: url,
      env: { PORT_HYGIENE_API_TIMEOUT: '0.5', PORT_HYGIENE_API_BUDGET: '4' },
      timeoutMs: 120_000
    })
    expect(run.code).toBe(1)
    expect(Number(run.outputs.errors)).toBeGreaterThan(0)
    expect(run.outputs['comment-url']).toBe('')
    const warnings = run.commands('warning').filter((line) => /GitHub API/.test(line))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/could not write the pull-request comment/)
    expect(warnings[0]).toMatch(/did not (answer|finish) within/)
    expect(run.summary).toContain('privileged-port')
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
