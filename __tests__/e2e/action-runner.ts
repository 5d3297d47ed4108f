// Runs the built action (dist/index.js, what GitHub runs) as a child process with the
// environment a runner gives it: every input as INPUT_<NAME> (defaults from action.yml, as the
// runner fills them in), the event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files,
// RUNNER_TEMP, and GITHUB_API_URL pointing at the test's emulator.
import { execFile, spawn } from 'node:child_process'
import { promises as fs, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { afterEach, beforeEach, inject } from 'vitest'
import { GitHubApiEmulator } from '../helpers/github-api.js'

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/**
 * The bundle under test: built from the current sources by the e2e project's globalSetup
 * (bundle.setup.ts), or PORT_HYGIENE_ACTION_ENTRY. Never dist/ by modification time.
 */
export function actionEntry(): string {
  return inject('actionEntry')
}
export const FIXTURE_REPO = path.join(PROJECT_ROOT, '__tests__/fixtures/e2e/repo')
export const PULL_REQUEST_EVENT = path.join(
  PROJECT_ROOT,
  '__tests__/fixtures/e2e/events/pull_request.json'
)

export const OWNER = 'acme'
export const REPO = 'platform'
export const PR_NUMBER = 42
export const TOKEN = 'ghs_e2eTestToken0123456789abcdefABCDEF'
export const TARGET = { owner: OWNER, repo: REPO, issueNumber: PR_NUMBER }
export const MARKER = '<!-- port-hygiene -->'
export const HEAD_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432'
export const MERGE_SHA = 'aaaabbbbccccddddeeeeffff0000111122223333'

/** A scratch folder per test: a copy of the fixture repository and the runner's files. */
export interface Sandbox {
  root: string
  workspace: string
  runnerTemp: string
  outputFile: string
  summaryFile: string
  eventFile: string
}

export async function createSandbox(repo = FIXTURE_REPO): Promise<Sandbox> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'port-hygiene-e2e-'))
  const sandbox: Sandbox = {
    root,
    workspace: path.join(root, 'workspace'),
    runnerTemp: path.join(root, 'runner-temp'),
    outputFile: path.join(root, 'github-output'),
    summaryFile: path.join(root, 'step-summary.md'),
    eventFile: path.join(root, 'event.json')
  }
  await fs.cp(repo, sandbox.workspace, { recursive: true })
  await fs.mkdir(sandbox.runnerTemp, { recursive: true })
  return sandbox
}

export async function removeSandbox(sandbox: Sandbox): Promise<void> {
  await fs.rm(sandbox.root, { recursive: true, force: true })
}

export function pullRequestPayload(): Record<string, unknown> {
  return JSON.parse(readFileSync(PULL_REQUEST_EVENT, 'utf8')) as Record<string, unknown>
}

export interface RunOptions {
  apiUrl?: string
  /** `with:` values; missing ones get action.yml's defaults, as on a runner. */
  inputs?: Record<string, string>
  /** The `github-token` input; the default is what `${{ github.token }}` gives. Empty = none. */
  token?: string
  eventName?: string
  payload?: unknown
  /** Extra or overriding environment (ACT=true, GITHUB_ACTOR, …); undefined removes a variable. */
  env?: Record<string, string | undefined>
  /** The command that runs the bundle: this process's Node by default. */
  command?: string[]
  /** The script it runs: the e2e bundle by default (the hostile suite runs src/index.ts with tsx). */
  script?: string
  timeoutMs?: number
}

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** stdout without ANSI colours. */
  log: string
  /** Lines of a workflow command (`::error`, `::warning`, `::notice`). */
  commands(kind: 'error' | 'warning' | 'notice'): string[]
}

export async function runAction(sandbox: Sandbox, options: RunOptions = {}): Promise<ActionRun> {
  await fs.writeFile(sandbox.eventFile, JSON.stringify(options.payload ?? pullRequestPayload()))
  await fs.writeFile(sandbox.outputFile, '')
  await fs.writeFile(sandbox.summaryFile, '')
  const env = runnerEnvironment(sandbox, options)
  const [command, ...args] = options.command ?? [process.execPath]
  const child = spawn(command!, [...args, options.script ?? actionEntry()], {
    cwd: sandbox.workspace,
    env
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const code = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the action did not finish in time\n${stdout}\n${stderr}`))
    }, options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (exitCode) => {
      clearTimeout(timer)
      resolve(exitCode ?? -1)
    })
  })
  const log = stripAnsi(stdout)
  return {
    code,
    stdout,
    stderr,
    log,
    outputs: parseOutputFile(await fs.readFile(sandbox.outputFile, 'utf8')),
    summary: await fs.readFile(sandbox.summaryFile, 'utf8'),
    commands: (kind) => log.split('\n').filter((line) => line.startsWith(`::${kind}`))
  }
}

function runnerEnvironment(
  sandbox: Sandbox,
  options: RunOptions
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    // Only what a runner gives: nothing of the developer's or CI's own GITHUB_* leaks in.
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...proxyVariables(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: 'port-hygiene',
    GITHUB_ACTOR: 'octocat',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: sandbox.eventFile,
    GITHUB_JOB: 'scan',
    GITHUB_OUTPUT: sandbox.outputFile,
    GITHUB_REF: `refs/pull/${PR_NUMBER}/merge`,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_REPOSITORY_OWNER: OWNER,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_ID: '9876543210',
    GITHUB_RUN_NUMBER: '77',
    GITHUB_SERVER_URL: 'https://github.com',
    // For a pull_request run GITHUB_SHA is the merge commit, not the PR head.
    GITHUB_SHA: MERGE_SHA,
    GITHUB_STEP_SUMMARY: sandbox.summaryFile,
    GITHUB_WORKFLOW: 'port-hygiene',
    GITHUB_WORKSPACE: sandbox.workspace,
    RUNNER_ARCH: 'X64',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: sandbox.runnerTemp
  }
  const token = options.token ?? TOKEN
  for (const [name, value] of Object.entries({ ...actionDefaults(token), ...options.inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined))
}

/** What the runner passes for inputs the workflow leaves out: action.yml's defaults. */
function actionDefaults(token: string): Record<string, string> {
  const action = parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
  const defaults: Record<string, string> = {}
  for (const [name, input] of Object.entries(action.inputs)) {
    defaults[name] = input.default === '${{ github.token }}' ? token : (input.default ?? '')
  }
  return defaults
}

function proxyVariables(): Record<string, string | undefined> {
  const names = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']
  return Object.fromEntries(names.map((name) => [name, process.env[name]]))
}

/** GITHUB_OUTPUT holds `name<<delimiter`, the value lines, then the delimiter. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index]!)
    if (!match) continue
    const value: string[] = []
    for (index++; index < lines.length && lines[index] !== match[2]; index++) {
      value.push(lines[index]!)
    }
    outputs[match[1]!] = value.join('\n')
  }
  return outputs
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}

/**
 * The Node 24 binary that `npx -y node@24` fetches (from the npm registry, once). The tests run
 * that binary directly: npx starts bins through `sh -c`, and /bin/sh drops environment variables
 * whose names are not shell identifiers, such as `INPUT_FAIL-ON`, which the runner does pass.
 */
export function findNode24(): Promise<{ execPath?: string; detail: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['-y', 'node@24', '-p', 'process.version + " " + process.execPath'],
      { timeout: 180_000, env: process.env },
      (error, stdout, stderr) => {
        const [version, execPath] = stdout.trim().split(' ')
        if (!error && version?.startsWith('v24.') && execPath) {
          resolve({ execPath, detail: version })
        } else {
          resolve({ detail: `${error?.message ?? stdout}${stderr}`.trim() })
        }
      }
    )
  })
}

/**
 * Many findings: `count` Deployments, each binding a privileged host port of its own (a
 * privileged-port warning, an error on a host daemon's port) written with a lower-case protocol
 * (an invalid-port error: the API server accepts only "TCP"), so that there are as many errors.
 */
export function manyFindingsManifest(count: number): string {
  const documents: string[] = []
  for (let index = 0; index < count; index++) {
    const port = 100 + index
    documents.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy-service-with-a-rather-long-name-${index}
  namespace: legacy-${index % 7}
spec:
  selector:
    matchLabels:
      app: legacy-${index}
  template:
    metadata:
      labels:
        app: legacy-${index}
    spec:
      containers:
        - name: app
          image: registry.example.com/legacy/app:${index}
          ports:
            - containerPort: ${port}
              hostPort: ${port}
              protocol: tcp
`)
  }
  return documents.join('---\n')
}

/**
 * Registers the hooks every end-to-end file needs: the bundle must be fresh, and each test gets
 * a new API emulator and a new copy of the fixture repository, handed to `use`.
 */
export function useActionHarness(
  use: (fresh: { api: GitHubApiEmulator; sandbox: Sandbox }) => void
): void {
  let current: { api: GitHubApiEmulator; sandbox: Sandbox } | undefined
  beforeEach(async () => {
    current = {
      api: await GitHubApiEmulator.start({ token: TOKEN }),
      sandbox: await createSandbox()
    }
    use(current)
  })
  afterEach(async () => {
    if (!current) return
    await current.api.close()
    await removeSandbox(current.sandbox)
  })
}
