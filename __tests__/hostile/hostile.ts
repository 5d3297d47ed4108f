// Shared by the hostile-input suite: scratch repositories in os.tmpdir(), the CLI run in-process,
// a secret that lives OUTSIDE every scanned root (so that any output containing it proves a read
// outside the repository), and a check that no raw control character reached a sink.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterAll } from 'vitest'
import { runCli } from '../../src/cli.js'
import { loadConfig } from '../../src/config/load.js'
import { scan, type ScanResult } from '../../src/engine.js'
import { RULES } from '../../src/rules/index.js'

const scratch: string[] = []
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true })
})

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
              hostPort: 443
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
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    cwd: root,
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: false
  })
  return { code, stdout, stderr, all: stdout + stderr }
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
  const ids = result.findings.map((finding) => finding.ruleId)
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
