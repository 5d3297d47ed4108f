// `port-hygiene --fix` and `--fix-dry-run`, driven through runCli() in scratch repositories: every
// rule's fix, applied by --fix, leaves no finding of that rule and a file that still parses; the
// exit code counts what is left; CRLF and a byte order mark are kept; links and files outside the
// scanned folder are never written; the dry run prints a diff `git apply` takes and writes nothing.
import { execFileSync } from 'node:child_process'
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseAllDocuments } from 'yaml'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cli as runIn } from '../hostile/hostile.js'
import { defaultConfig } from '../../src/config/types.js'
import { scan, type ScanResult } from '../../src/engine.js'
import { runFixes } from '../../src/fix/run.js'
import { checkWritable, writeFixed } from '../../src/fix/write.js'
import { readGuarded } from '../../src/discover/read.js'
import type { Finding } from '../../src/model.js'
import { daemonSet } from '../helpers/manifests.js'
import { partsOf } from '../../src/rules/merge-findings.js'

let root: string
let outside: string

beforeEach(async () => {
  const scratch = await mkdtemp(path.join(tmpdir(), 'port-hygiene-fix-'))
  root = path.join(scratch, 'repo')
  outside = path.join(scratch, 'outside')
  await mkdir(root)
  await mkdir(outside)
})
afterEach(async () => {
  await rm(path.dirname(root), { recursive: true, force: true })
})

async function write(files: Record<string, string>, base = root): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(base, file)), { recursive: true })
    await writeFile(path.join(base, file), text)
  }
}

const cli = (argv: string[], env: Record<string, string> = {}) => runIn(root, argv, env)

const scanRoot = (inventoryFiles: string[] = []) =>
  scan({ root, paths: [], config: defaultConfig(), env: {}, inventoryFiles, threads: 0 })

/** Every YAML file of the repository parses without an error. */
async function expectAllYamlParses(): Promise<void> {
  const files = (await readdir(root, { recursive: true })).filter((file) => /\.ya?ml$/.test(file))
  expect(files.length).toBeGreaterThan(0)
  for (const file of files) {
    const text = await readFile(path.join(root, file), 'utf8')
    const errors = parseAllDocuments(text).flatMap((document) =>
      'errors' in document ? document.errors : [new Error('empty stream')]
    )
    expect(errors.map(String), file).toEqual([])
  }
}

const pod = (name: string, ports: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
spec:
  containers:
    - name: ${name}
      image: registry.example.com/shop/${name}:1.4.2
      ports:
${ports}`

/** A repository per rule with a mechanical fix, in the shape real manifests have. */
const FIXABLE: Record<string, Record<string, string>> = {
  'duplicate-host-port': {
    'monitoring/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 }),
    'monitoring/dcgm-exporter.yaml': daemonSet('dcgm-exporter', { hostPort: 9100 })
  },
  'privileged-port': {
    'k8s/mail.yaml': pod('mail-relay', '        - containerPort: 2525\n          hostPort: 25\n')
  },
  'invalid-port': {
    'k8s/api.yaml': pod('api', '        - containerPort: 8443\n          protocol: tcp\n')
  },
  'unquoted-port': {
    'compose.yaml':
      'services:\n  git:\n    image: gitea/gitea:1.22\n    ports:\n      - 127.0.0.1:3000:3000\n      - 2222:22\n'
  },
  'unbound-interface': {
    'compose.yaml': `services:
  db:
    image: postgres:16
    ports:
      - "5432:5432"
  cache:
    image: redis:7
    ports:
      - 6379:6379
`
  },
  'host-network-ports': {
    'compose.yaml': `services:
  status:
    image: louislam/uptime-kuma:1.23.16
    network_mode: host
    ports:
      - "127.0.0.1:3001:3001"
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:8080:80"
`
  }
}

describe('--fix, rule by rule', () => {
  for (const [ruleId, files] of Object.entries(FIXABLE)) {
    it(`${ruleId}: the fix leaves no such finding and files that parse`, async () => {
      await write(files)
      const before = (await scanRoot()).findings
        .flatMap(partsOf)
        .filter((finding) => finding.ruleId === ruleId)
      expect(before.length, `${ruleId} fires on its fixture`).toBeGreaterThan(0)
      expect(before.every((finding) => finding.fix)).toBe(true)

      const run = await cli(['--fix', '--format', 'json'])
      const left = JSON.parse(run.stdout) as { findings: Array<Finding & { ruleIds: string[] }> }
      expect(left.findings.filter((finding) => finding.ruleIds.includes(ruleId))).toEqual([])
      expect(left.findings.filter((finding) => finding.fix)).toEqual([])
      expect(run.stderr).toMatch(/^port-hygiene: fixed \S+ \(\d+ fix(es)?\)$/m)
      expect(run.code).toBe(left.findings.some((finding) => finding.severity === 'error') ? 1 : 0)

      const after = await scanRoot()
      expect(after.findings.flatMap(partsOf).filter((f) => f.ruleId === ruleId)).toEqual([])
      await expectAllYamlParses()
    })
  }

  it('inventory-drift: the regenerated block, as the action checks it', async () => {
    await write({
      'k8s/api.yaml': pod('api', '        - name: https\n          containerPort: 8443\n'),
      'PORTS.md':
        '# Ports\n\n<!-- port-hygiene:inventory:start -->\nstale\n<!-- port-hygiene:inventory:end -->\n\nNotes.\n'
    })
    const scanWithInventory = () => scanRoot(['PORTS.md'])
    expect((await scanWithInventory()).findings.map((finding) => finding.ruleId)).toContain(
      'inventory-drift'
    )
    const outcome = await runFixes({
      root,
      scan: scanWithInventory,
      maxFileSize: 1024 * 1024,
      dryRun: false
    })
    expect(outcome.changed).toEqual([{ file: 'PORTS.md', fixes: 1 }])
    expect(outcome.left.map((finding) => finding.ruleId)).not.toContain('inventory-drift')
    const text = await readFile(path.join(root, 'PORTS.md'), 'utf8')
    expect(text).toMatch(/^# Ports\n\n<!-- port-hygiene:inventory:start -->\n/)
    expect(text).toContain('8443')
    expect(text).toMatch(/<!-- port-hygiene:inventory:end -->\n\nNotes\.\n$/)
  })

  it('every fix the examples offer is one of the rules above', async () => {
    const examples = path.resolve(__dirname, '../../examples')
    const result = await scan({
      root: examples,
      paths: [],
      config: defaultConfig(),
      env: {},
      threads: 0
    })
    const fixed = new Set(
      result.findings
        .flatMap(partsOf)
        .filter((f) => f.fix)
        .map((f) => f.ruleId)
    )
    expect(fixed.size).toBeGreaterThan(0)
    for (const ruleId of fixed)
      expect([...Object.keys(FIXABLE), 'inventory-drift']).toContain(ruleId)
  })
})

describe('--fix on a whole repository', () => {
  it('fixes two claims of one port in one run with different ports, then reports what is left', async () => {
    await write({
      'monitoring/a.yaml': daemonSet('node-exporter', { hostPort: 9100 }),
      'monitoring/b.yaml': daemonSet('dcgm-exporter', { hostPort: 9100 }),
      'monitoring/c.yaml': daemonSet('process-exporter', { hostPort: 9100 }),
      'k8s/api.yaml': pod('api', '        - containerPort: 8080\n          hostPort: 70000\n')
    })
    const run = await cli(['--fix'])
    const ports = await Promise.all(
      ['a', 'b', 'c'].map(
        async (name) =>
          /hostPort: (\d+)/.exec(
            await readFile(path.join(root, `monitoring/${name}.yaml`), 'utf8')
          )![1]
      )
    )
    expect(new Set(ports).size).toBe(3)
    expect(run.stdout).not.toContain('duplicate-host-port')
    // What no fix can change is left, and counted by the exit code.
    expect(run.stdout).toContain('[invalid-port]')
    expect(run.code).toBe(1)
  })

  it('exits 0 when the fixes leave nothing at or above --fail-on', async () => {
    await write(FIXABLE['invalid-port']!)
    expect((await cli([])).code).toBe(1)
    const run = await cli(['--fix'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('port-hygiene: fixed k8s/api.yaml (1 fix)\n')
  })

  it('says so when there is nothing to fix', async () => {
    await write({
      'k8s/api.yaml': pod('api', '        - containerPort: 8080\n          hostPort: 70000\n')
    })
    const run = await cli(['--fix'])
    expect(run.stderr).toBe('port-hygiene: nothing to fix (no finding has an automatic fix)\n')
    expect(run.code).toBe(1)
  })

  it('keeps CRLF line endings and a byte order mark', async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n')
    await write({
      'k8s/api.yaml': `\uFEFF${crlf(FIXABLE['invalid-port']!['k8s/api.yaml']!)}`,
      'compose.yaml': crlf(FIXABLE['host-network-ports']!['compose.yaml']!)
    })
    await cli(['--fix'])
    for (const file of ['k8s/api.yaml', 'compose.yaml']) {
      const text = await readFile(path.join(root, file), 'utf8')
      expect(text.replace(/\r\n/g, ''), file).not.toMatch(/[\r\n]/)
    }
    const api = await readFile(path.join(root, 'k8s/api.yaml'), 'utf8')
    expect(api.startsWith('\uFEFFapiVersion: v1\r\n')).toBe(true)
    expect(api).toContain('protocol: TCP\r\n')
    const compose = await readFile(path.join(root, 'compose.yaml'), 'utf8')
    expect(compose).not.toContain('3001')
    expect(compose).toContain('network_mode: host\r\n  web:\r\n')
  })

  it('keeps the file mode and leaves no temporary file behind', async () => {
    await write(FIXABLE['invalid-port']!)
    await chmod(path.join(root, 'k8s/api.yaml'), 0o640)
    await cli(['--fix'])
    expect((await stat(path.join(root, 'k8s/api.yaml'))).mode & 0o777).toBe(0o640)
    expect(await readdir(path.join(root, 'k8s'))).toEqual(['api.yaml'])
  })
})

describe('--fix never writes through a link, outside the root or over a read-only file', () => {
  it('refuses a file reached through a symbolic link inside the repository', async () => {
    await write({ 'real/api.yaml': FIXABLE['invalid-port']!['k8s/api.yaml']! })
    await mkdir(path.join(root, 'k8s'))
    await symlink('../real/api.yaml', path.join(root, 'k8s/api.yaml'))
    const run = await cli(['--fix', 'k8s'])
    expect(run.stderr).toContain(
      'port-hygiene: not fixed: k8s/api.yaml: it is reached through a symbolic link'
    )
    expect((await lstat(path.join(root, 'k8s/api.yaml'))).isSymbolicLink()).toBe(true)
    expect(await readFile(path.join(root, 'real/api.yaml'), 'utf8')).toContain('protocol: tcp')
    expect(run.stdout).toContain('[invalid-port]')
    expect(run.code).toBe(1)
  })

  it('refuses a file in a linked folder that leads outside, and one named outside the root', async () => {
    await write({ 'api.yaml': FIXABLE['invalid-port']!['k8s/api.yaml']! }, outside)
    await symlink(outside, path.join(root, 'linked'))
    const target = path.join(outside, 'api.yaml')
    const fixOf = (file: string): Finding => ({
      ruleId: 'invalid-port',
      severity: 'error',
      message: 'protocol "tcp" must be written "TCP"',
      location: { file, line: 11, column: 1 },
      related: [],
      fingerprint: 'x',
      fix: {
        description: 'upper case',
        location: { file, line: 11, column: 21, endLine: 11, endColumn: 24 },
        replacement: 'TCP'
      }
    })
    const findings = [fixOf('linked/api.yaml'), fixOf('../outside/api.yaml')]
    const result = { findings } as unknown as ScanResult
    for (const dryRun of [false, true]) {
      const outcome = await runFixes({
        root,
        scan: async () => result,
        maxFileSize: 1 << 20,
        dryRun
      })
      expect(outcome.changed).toEqual([])
      expect(outcome.refused).toEqual([
        { file: '../outside/api.yaml', reason: 'it resolves outside the repository' },
        { file: 'linked/api.yaml', reason: 'it resolves outside the repository' }
      ])
      expect(outcome.diff).toBe('')
    }
    expect(await readFile(target, 'utf8')).toContain('protocol: tcp')
  })

  it('the writer refuses a link, a swapped file, a path outside and a read-only file on its own', async () => {
    await write({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n', 'ro.yaml': 'c: 1\n' })
    await write({ 'x.yaml': 'x: 1\n' }, outside)
    const read = readGuarded(root, 'a.yaml')
    if (read.refused !== undefined) throw new Error(read.refused)
    expect(checkWritable(root, 'a.yaml', read.identity)).toEqual({
      target: path.join(await realRoot(), 'a.yaml')
    })
    // Another file under the name that was read: the fix was computed for the old one.
    expect(checkWritable(root, 'b.yaml', read.identity)).toEqual({
      refused: 'it changed while it was being fixed'
    })
    expect(checkWritable(root, '../outside/x.yaml', read.identity)).toEqual({
      refused: 'it is outside the scanned folder'
    })
    await symlink(path.join(outside, 'x.yaml'), path.join(root, 'out.yaml'))
    expect(checkWritable(root, 'out.yaml', read.identity)).toEqual({
      refused: 'it resolves outside the scanned folder'
    })
    await chmod(path.join(root, 'ro.yaml'), 0o444)
    const readOnly = readGuarded(root, 'ro.yaml')
    if (readOnly.refused !== undefined) throw new Error(readOnly.refused)
    expect(writeFixed(root, 'ro.yaml', 'c: 2\n', readOnly)).toEqual({ refused: 'it is read-only' })
    expect(await readFile(path.join(root, 'ro.yaml'), 'utf8')).toBe('c: 1\n')
    expect(await readFile(path.join(outside, 'x.yaml'), 'utf8')).toBe('x: 1\n')
    expect(writeFixed(root, 'a.yaml', 'a: 2\n', read)).toEqual({})
    expect(await readFile(path.join(root, 'a.yaml'), 'utf8')).toBe('a: 2\n')
  })
})

async function realRoot(): Promise<string> {
  const { realpath } = await import('node:fs/promises')
  return realpath(root)
}

describe('--fix-dry-run', () => {
  it('prints a unified diff git apply takes, writes nothing, and exits as --fix would', async () => {
    await write({
      ...FIXABLE['invalid-port']!,
      'compose.yaml': `services:
  db:
    image: postgres:16
    ports:
      - "5432:5432"
  grafana:
    image: grafana/grafana:11.1.0
    ports:
      - target: 3000
        published: 3000
`
    })
    const before = await readFile(path.join(root, 'k8s/api.yaml'), 'utf8')
    const run = await cli(['--fix-dry-run'])
    expect(await readFile(path.join(root, 'k8s/api.yaml'), 'utf8')).toBe(before)
    expect(run.stdout).toMatch(/^--- a\/compose\.yaml\n\+\+\+ b\/compose\.yaml\n@@ /)
    expect(run.stdout).toContain('\n--- a/k8s/api.yaml\n+++ b/k8s/api.yaml\n')
    expect(run.stdout).toContain('\n-          protocol: tcp\n+          protocol: TCP\n')
    expect(run.stderr).toBe(
      'port-hygiene: would fix compose.yaml (1 fix)\nport-hygiene: would fix k8s/api.yaml (1 fix)\n'
    )
    // Left after the fixes: nothing at error (the unbound long-syntax port has no fix: a warning).
    expect(run.code).toBe(0)
    await writeFile(path.join(root, 'fix.diff'), run.stdout)
    execFileSync('git', ['init', '--quiet'], { cwd: root })
    execFileSync('git', ['apply', 'fix.diff'], { cwd: root })
    await rm(path.join(root, 'fix.diff'))
    await rm(path.join(root, '.git'), { recursive: true })
    const afterPatch = await scanRoot()
    expect(afterPatch.findings.filter((finding) => finding.fix)).toEqual([])
  })

  it('writes the diff to --output', async () => {
    await write(FIXABLE['invalid-port']!)
    const run = await cli(['--fix-dry-run', '--output', 'out/fix.diff'])
    expect(run.stdout).toBe('Diff written to out/fix.diff\n')
    expect(await readFile(path.join(root, 'out/fix.diff'), 'utf8')).toContain(
      '+          protocol: TCP\n'
    )
  })

  it('prints nothing on stdout when there is nothing to fix', async () => {
    await write({ 'k8s/api.yaml': pod('api', '        - containerPort: 8080\n') })
    const run = await cli(['--fix-dry-run'])
    expect(run).toMatchObject({
      code: 0,
      stdout: '',
      stderr: 'port-hygiene: nothing to fix (no finding has an automatic fix)\n'
    })
  })
})

describe('--fix usage', () => {
  it.each([
    [['--fix', '--fix-dry-run'], '--fix and --fix-dry-run exclude each other: pick one'],
    [['--fix', '--base', 'main'], '--fix fixes every finding and cannot be combined with --base'],
    [
      ['--fix-dry-run', '--format', 'json'],
      '--fix-dry-run prints a unified diff: leave out --format'
    ]
  ])('%j is a usage error', async (argv, message) => {
    await write(FIXABLE['invalid-port']!)
    const run = await cli(argv)
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe(`port-hygiene: ${message}`)
    expect(await readFile(path.join(root, 'k8s/api.yaml'), 'utf8')).toContain('protocol: tcp')
  })

  it('is in --help', async () => {
    const help = (await cli(['--help'])).stdout
    expect(help).toMatch(/^ {6}--fix {14}apply the fixes/m)
    expect(help).toMatch(/^ {6}--fix-dry-run {6}print those fixes as a unified diff/m)
  })
})
