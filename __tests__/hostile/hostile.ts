// Shared by the hostile-input suite: scratch repositories in os.tmpdir(), the CLI run in-process,
// a secret that lives OUTSIDE every scanned root (so that any output containing it proves a read
// outside the repository), and a check that no raw control character reached a sink.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { execFileSync, spawn } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { scan, type ScanResult } from '../../src/engine.js'
import { RULES } from '../../src/rules/index.js'
import { partsOf } from '../../src/rules/merge-findings.js'
import { runCliIn } from '../helpers/cli.js'

const scratch: string[] = []
// Generous: duplicates-and-scale.test.ts leaves 100,000 files to remove, which took longer than
// the default 10 s hook timeout on the shared machine.
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true })
}, 180_000)

/** A folder outside every repository, holding a file whose content must never be output. */
export const OUTSIDE = mkdtempSync(path.join(tmpdir(), 'port-hygiene-outside-'))
scratch.push(OUTSIDE)
export const SECRET = 'TOP-SECRET-7f3a9c'
export const SECRET_FILE = path.join(OUTSIDE, 'secret.yaml')
writeFileSync(
  SECRET_FILE,
  `# ${SECRET}\napiVersion: v1\nkind: Pod\nmetadata: {name: ${SECRET}}\nspec:\n  containers:\n    - name: ${SECRET}\n      ports: [{containerPort: 80, hostPort: 81}]\n`
)

/** A healthy manifest: its finding must be reported whatever hostile file sits beside it. */
export const HEALTHY = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: edge
  namespace: ingress
spec:
  selector: {matchLabels: {app: edge}}
  template:
    metadata: {labels: {app: edge}}
    spec:
      containers:
        - name: proxy
          image: nginx:1.27
          ports:
            - containerPort: 8443
              hostPort: 444
`

export type Tree = Record<string, string | { link: string } | { fifo: true } | { dir: true }>

/** A scratch repository; `{link}` makes a symbolic link, `{fifo}` a named pipe. */
export function repo(files: Tree): string {
  const root = mkdtempSync(path.join(tmpdir(), 'port-hygiene-hostile-'))
  scratch.push(root)
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(root, name)
    mkdirSync(path.dirname(target), { recursive: true })
    if (typeof content === 'string') writeFileSync(target, content)
    else if ('link' in content) symlinkSync(content.link, target)
    else if ('fifo' in content) execFileSync('mkfifo', [target])
    else mkdirSync(target, { recursive: true })
  }
  return root
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
  /** stdout + stderr, for "never appears in any output" checks. */
  all: string
}

export async function cli(
  root: string,
  argv: string[] = [],
  env: Record<string, string> = {}
): Promise<CliRun> {
  const run = await runCliIn(root, argv, { env })
  return { ...run, all: run.stdout + run.stderr }
}

/** The engine with the folder's own config, as the CLI and the action run it. */
export async function scanRoot(
  root: string,
  env: Record<string, string> = {}
): Promise<ScanResult> {
  const config = await loadConfig({ rules: RULES, root })
  return scan({ root, paths: [], config, env })
}

/**
 * The rules that fired, sorted. `unbound-interface` (a Compose port published on every interface)
 * is left out: the test files publish ports the short way, and that is beside their point.
 */
export function rules(result: ScanResult): string[] {
  // Every rule, those merged into another's line included (one line, one finding).
  const ids = result.findings.flatMap(partsOf).map((finding) => finding.ruleId)
  return [...new Set(ids)].filter((id) => id !== 'unbound-interface').sort()
}

/** C0/C1 controls other than new line, DEL, bidi overrides and isolates. */
export const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** Milliseconds since `start`; the suite bounds run time generously (2 shared cores). */
export function elapsed(start: number): number {
  return performance.now() - start
}

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const TSX = pathToFileURL(path.join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs')).href
const CLI_SOURCE = path.join(PROJECT_ROOT, 'src/cli.ts')

/**
 * Loaded before the CLI in the child: on exit, writes what the process used to the file named by
 * PORT_HYGIENE_TEST_MEMORY_FILE (peak resident set, worker threads included, and the heap limit
 * actually in force, so that a test can tell the cap was applied).
 */
const MEMORY_PROBE = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; import { getHeapStatistics } from 'node:v8';" +
    'process.on("exit", () => writeFileSync(process.env.PORT_HYGIENE_TEST_MEMORY_FILE, JSON.stringify({' +
    ' maxRssKb: process.resourceUsage().maxRSS, heapLimitBytes: getHeapStatistics().heap_size_limit })))'
)}`

export interface ChildRun extends CliRun {
  /** Peak resident set of the whole process, in MB; undefined when the child died before exit. */
  maxRssMb?: number
  /** The V8 heap limit in force in the child, in MB. */
  heapLimitMb?: number
}

/**
 * The CLI from its sources (tsx) in a child process whose V8 heap is capped at `heapMb`: an
 * expansion that is not bounded dies there with "JavaScript heap out of memory" (a crash, not
 * exit code 0, 1 or 2) instead of passing slowly on a big machine. No time is measured.
 */
export async function cliWithHeapCap(
  root: string,
  argv: string[],
  options: { heapMb: number; env?: Record<string, string>; shellPrefix?: string }
): Promise<ChildRun> {
  const probe = path.join(mkdtempSync(path.join(tmpdir(), 'port-hygiene-memory-')), 'usage.json')
  scratch.push(path.dirname(probe))
  const node = [
    process.execPath,
    `--max-old-space-size=${options.heapMb}`,
    '--import',
    TSX,
    '--import',
    MEMORY_PROBE,
    CLI_SOURCE,
    ...argv
  ]
  const quoted = node.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ')
  const run = await new Promise<CliRun>((resolve, reject) => {
    const child = spawn('bash', ['-c', `${options.shellPrefix ?? ''}exec ${quoted}`], {
      cwd: root,
      env: { ...process.env, ...options.env, PORT_HYGIENE_TEST_MEMORY_FILE: probe }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (exit, signal) =>
      resolve({ code: exit ?? (signal ? 128 : -1), stdout, stderr, all: stdout + stderr })
    )
  })
  if (!existsSync(probe)) return run
  const usage = JSON.parse(readFileSync(probe, 'utf8')) as {
    maxRssKb: number
    heapLimitBytes: number
  }
  return {
    ...run,
    maxRssMb: Math.round(usage.maxRssKb / 1024),
    heapLimitMb: Math.round(usage.heapLimitBytes / 1024 / 1024)
  }
}
