// The CLI, driven through runCli() with fake I/O over the folders in fixtures/cli/: exit codes,
// usage and config errors, output files, formats, colours, and a broken file among good ones.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { planScan, type CliIo } from '../src/cli.js'
import { RULES } from '../src/rules/index.js'
import packageJson from '../package.json' with { type: 'json' }
import { runCliIn } from './helpers/cli.js'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/cli')

interface Run {
  code: number
  stdout: string
  stderr: string
}

async function cli(
  argv: string[],
  options: { cwd?: string; env?: CliIo['env']; isTTY?: boolean } = {}
): Promise<Run> {
  return runCliIn(options.cwd ?? fixtures, argv, options)
}

/** Runs inside a fixture folder, as a user would: `cd fixture && port-hygiene`. */
const inFixture = (name: string, argv: string[] = [], env: CliIo['env'] = {}) =>
  cli(argv, { cwd: path.join(fixtures, name), env })

function ruleIds(text: string): string[] {
  return [...text.matchAll(/ {2}\[([a-z-]+)\]$/gm)].map((match) => match[1]!)
}

const scratch: string[] = []
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true })
})
async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-cli-'))
  scratch.push(dir)
  return dir
}

describe('exit codes follow --fail-on', () => {
  it.each([
    // fixture, --fail-on, exit code
    ['clean', 'error', 0],
    ['clean', 'warning', 0],
    ['clean', 'never', 0],
    ['warnings', 'error', 0],
    ['warnings', 'warning', 1],
    ['warnings', 'never', 0],
    ['errors', 'error', 1],
    ['errors', 'warning', 1],
    ['errors', 'never', 0]
  ] as const)('%s with --fail-on %s exits %i', async (fixture, failOn, expected) => {
    const run = await inFixture(fixture, ['--fail-on', failOn])
    expect(run.code).toBe(expected)
    expect(run.stderr).toBe('')
  })

  it('defaults to --fail-on error', async () => {
    expect((await inFixture('warnings')).code).toBe(0)
    expect((await inFixture('errors')).code).toBe(1)
  })

  it('reports a clean scan', async () => {
    const run = await inFixture('clean')
    expect(run.stdout).toBe(
      'Config: none found (built-in defaults; create .github/port-hygiene.yml or pass --config)\n\n✔ No port problems in 1 file\n'
    )
  })
})

describe('text output', () => {
  it('prints path:line:col, severity, message and rule id, then the summary', async () => {
    const run = await inFixture('errors')
    const lines = run.stdout.trimEnd().split('\n')
    // The first line names the config in use (here: none), then a blank line.
    expect(lines.splice(0, 2)).toEqual([
      'Config: none found (built-in defaults; create .github/port-hygiene.yml or pass --config)',
      ''
    ])
    expect(lines[0]).toMatch(
      /^k8s\/ingress\.yaml:24:15 {2}error {2}Host port 22\/TCP .* {2}\[privileged-port\]$/
    )
    expect(run.stdout).toMatch(
      /^k8s\/web\.yaml:20:15 {2}warning {2}Container port 80\/TCP .* {2}\[privileged-container-port\]$/m
    )
    expect(lines.at(-1)).toBe('✖ 2 problems (1 error, 1 warning, 0 notices) in 2 files')
  })

  it('scans the paths given, relative to the current folder', async () => {
    const run = await cli(['errors/k8s/web.yaml'])
    expect(run.stdout).toMatch(/^errors\/k8s\/web\.yaml:20:15 {2}warning/m)
    expect(run.stdout).toContain('in 1 file')
  })

  it('accepts globs', async () => {
    const run = await cli(['errors/**/ingress.yaml', 'warnings/k8s'])
    expect(run.stdout).toMatch(/^errors\/k8s\/ingress\.yaml:24:15 /m)
    expect(run.stdout).toMatch(/^warnings\/k8s\/web\.yaml:20:15 /m)
    expect(run.stdout).not.toContain('errors/k8s/web.yaml')
  })

  it('keeps paths relative and clean when they lie outside the current folder', async () => {
    const elsewhere = await scratchDir()
    const run = await cli([path.join(fixtures, 'errors')], { cwd: elsewhere })
    expect(run.stdout).toMatch(/^k8s\/ingress\.yaml:24:15 /m)
    expect(run.stdout).not.toContain('..')
    expect(run.stdout).not.toContain(fixtures)
  })

  it('is deterministic', async () => {
    const first = await cli(['.'])
    const second = await cli(['.'])
    expect(second.stdout).toBe(first.stdout)
    const locations = first.stdout
      .split('\n')
      .filter((line) => /^\S+:\d+:\d+ /.test(line))
      .map((line) => line.split(/\s+/)[0]!)
    const key = (location: string) => {
      const [file, line, column] = location.split(':')
      return [file!, Number(line), Number(column)] as const
    }
    const sorted = [...locations].sort((a, b) => {
      const [fa, la, ca] = key(a)
      const [fb, lb, cb] = key(b)
      return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb
    })
    expect(locations).toEqual(sorted)
  })
})

describe('a broken YAML file among good ones', () => {
  it('is a parse-error finding, and the good files are still checked', async () => {
    const run = await inFixture('broken', ['--fail-on', 'never'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^k8s\/half-edited\.yaml:\d+:\d+ {2}error {2}YAML parse error: .* {2}\[parse-error\]$/m
    )
    expect(ruleIds(run.stdout).sort()).toEqual([
      'duplicate-host-port',
      'parse-error',
      'privileged-container-port'
    ])
    // The Kubernetes files, as the PR comment counts them: the broken one is neither format.
    expect(run.stdout).toContain('in 2 files')
  })

  it('exits according to --fail-on', async () => {
    expect((await inFixture('broken')).code).toBe(1)
    expect((await inFixture('broken', ['--fail-on', 'warning'])).code).toBe(1)
  })
})

describe('usage errors exit 2 with a message on stderr', () => {
  it.each([
    [['--format', 'xml'], /--format must be one of text, json, sarif, markdown \(got "xml"\)/],
    [['--fail-on', 'info'], /--fail-on must be one of error, warning, never \(got "info"\)/],
    [['--config'], /--config/],
    [['--output', ''], /--output needs a file name/]
  ])('%j', async (argv, message) => {
    const run = await cli(argv)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(message)
    expect(run.stderr).toContain('Run "port-hygiene --help" for usage.')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('an unknown flag: one clean line, then the usage', async () => {
    const run = await cli(['--frobnicate'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    const [first, ...rest] = run.stderr.split('\n')
    expect(first).toBe('port-hygiene: unknown option "--frobnicate"')
    expect(rest.join('\n').trimStart()).toMatch(/^Usage: port-hygiene \[paths\.\.\.\] \[options\]/)
    expect(run.stderr).not.toContain('positional')
  })

  it("an unknown flag of a subcommand prints that subcommand's usage", async () => {
    const run = await cli(['inventory', '--frobnicate'])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe('port-hygiene: unknown option "--frobnicate"')
    expect(run.stderr).toContain('Usage: port-hygiene inventory')
  })

  it('a path that does not exist', async () => {
    const run = await cli(['clean', 'no/such/folder'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('port-hygiene: "no/such/folder" matched no file')
  })

  it('a glob that matches nothing', async () => {
    const run = await cli(['**/*.nothing'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('"**/*.nothing" matched no file')
  })
})

describe('a Compose project that cannot be loaded', () => {
  it('is a finding on its main file that says why; the other projects are still checked', async () => {
    const run = await inFixture('broken-compose', ['--fail-on', 'never', '--no-color'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout.replace(/ +error +/, '  error  ')).toContain(
      'shop/compose.yaml:1:1  error  Compose project "shop" includes or extends the file ' +
        '"monitoring/compose.yaml", which could not be read (missing, outside the scan root, not a ' +
        'regular file, or over maxFileSize): `docker compose` refuses to load the project, and the ' +
        'services from there were not checked.  [parse-error]'
    )
    // shop's own port is still checked against blog's: the clash (a notice) shares its line
    // with unbound-interface, so it is that line's one finding or named in it.
    expect(run.stdout).toMatch(
      /blog\/compose\.yaml:5:9 +\w+ +(Host port 8080\/tcp of service "ghost"|.* Also on this line: (.*, )?duplicate-host-port \(notice\))/
    )
    // Two Compose files are checked; ci/pipeline.yml is read but is neither format. (The two
    // notices, the clash between projects in different folders and unbound-interface on ghost's
    // port, are on one line: one finding; shop's nginx is a reverse proxy, public by purpose.)
    expect(run.stdout).toContain('(1 error, 0 warnings, 1 notice) in 2 files')
  })

  it('the JSON report counts the files the same way', async () => {
    const run = await inFixture('broken-compose', ['--format', 'json', '--fail-on', 'never'])
    const report = JSON.parse(run.stdout) as { summary: { files: number } }
    expect(report.summary.files).toBe(2)
  })
})

describe('config errors exit 2 with file:line:column', () => {
  it('a bad .github/port-hygiene.yml', async () => {
    const run = await inFixture('bad-config')
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      'port-hygiene: .github/port-hygiene.yml:3:3: rules: unknown rule "privileged-prot" (did you mean "privileged-port"?)\n'
    )
  })

  it('a --config file that does not exist', async () => {
    const run = await inFixture('clean', ['--config', 'missing.yml'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('port-hygiene: config file not found: missing.yml\n')
  })

  it('--config is read relative to the current folder and applied', async () => {
    const run = await cli(['warnings', '--config', 'configs/quiet.yml', '--fail-on', 'warning'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('Config: configs/quiet.yml\n\n✔ No port problems in 1 file\n')
  })
})

describe('--output', () => {
  it('writes the report to the file (creating folders) and prints the summary', async () => {
    const dir = await scratchDir()
    const target = path.join(dir, 'reports/port-hygiene.json')
    const run = await inFixture('errors', ['--format', 'json', '--output', target])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe(
      `✖ 2 problems (1 error, 1 warning, 0 notices) in 2 files\nReport written to ${target}\n`
    )
    const report = JSON.parse(await readFile(target, 'utf8'))
    expect(report.summary).toMatchObject({ errors: 1, warnings: 1 })
  })

  it('writes no colours to a file', async () => {
    const dir = await scratchDir()
    const target = path.join(dir, 'report.txt')
    await inFixture('errors', ['--output', target, '--color'])
    expect(await readFile(target, 'utf8')).not.toContain('\u001b[')
  })

  it('a file that cannot be written is an error', async () => {
    const run = await inFixture('clean', [
      '--output',
      path.join(fixtures, 'clean/k8s/api.yaml/report.json')
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^port-hygiene: cannot write the report: /)
  })
})

describe('formats', () => {
  it('json carries the findings and every binding', async () => {
    const run = await inFixture('broken', ['--format', 'json'])
    const report = JSON.parse(run.stdout)
    expect(report.schemaVersion).toBe(2)
    expect(report.tool.version).toBe(packageJson.version)
    expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId).sort()).toEqual([
      'duplicate-host-port',
      'parse-error',
      'privileged-container-port'
    ])
    expect(report.model.bindings).toEqual([
      expect.objectContaining({
        file: 'k8s/exporters.yaml',
        line: 20,
        column: 15,
        object: expect.objectContaining({
          kind: 'DaemonSet',
          namespace: 'monitoring',
          name: 'node-exporter'
        }),
        container: 'node-exporter',
        hostIP: '',
        hostPort: { start: 9100, end: 9100 },
        containerPort: { start: 9100, end: 9100 },
        protocol: 'tcp'
      }),
      expect.objectContaining({
        file: 'k8s/exporters.yaml',
        line: 41,
        column: 15,
        container: 'exporter',
        hostPort: { start: 9100, end: 9100 },
        containerPort: { start: 9400, end: 9400 }
      }),
      expect.objectContaining({
        file: 'k8s/web.yaml',
        line: 20,
        hostPort: null,
        containerPort: { start: 80, end: 80 }
      })
    ])
  })

  it('json carries Service ports', async () => {
    const report = JSON.parse((await inFixture('clean', ['--format', 'json'])).stdout)
    expect(report.model.services).toEqual([
      expect.objectContaining({
        file: 'k8s/api.yaml',
        port: 8080,
        targetPort: 'http',
        nodePort: null
      })
    ])
  })

  it('json carries Compose bindings after interpolation and merging', async () => {
    const run = await inFixture('compose-project', ['--format', 'json'], { PATH: '/usr/bin' })
    const report = JSON.parse(run.stdout)
    expect(run.code).toBe(1)
    expect(report.model.composeProjects).toEqual([
      { name: 'shop', files: ['compose.yaml', 'compose.override.yaml'] }
    ])
    const published = report.model.bindings.map(
      (binding: { object: { service: string }; hostIP: string; hostPort: { start: number } }) =>
        `${binding.object.service} ${binding.hostIP}:${binding.hostPort.start}`
    )
    expect(published.sort()).toEqual(['adminer :8080', 'api 127.0.0.1:8081', 'web :8080'])
    expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain(
      'duplicate-host-port'
    )
  })

  it('sarif is a SARIF 2.1.0 log', async () => {
    const run = await inFixture('errors', ['--format', 'sarif'])
    const log = JSON.parse(run.stdout)
    expect(run.code).toBe(1)
    expect(log.version).toBe('2.1.0')
    expect(log.runs[0].tool.driver.version).toBe(packageJson.version)
  })

  it('markdown renders and keeps the exit code', async () => {
    const run = await inFixture('errors', ['--format', 'markdown'])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
  })
})

describe('colours', () => {
  const colored = (run: Run) => run.stdout.includes('\u001b[')
  it.each([
    ['a terminal', [], {}, true, true],
    ['a pipe', [], {}, false, false],
    ['NO_COLOR on a terminal', [], { NO_COLOR: '1' }, true, false],
    ['FORCE_COLOR on a pipe', [], { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 on a terminal', [], { FORCE_COLOR: '0' }, true, false],
    ['--no-color over FORCE_COLOR', ['--no-color'], { FORCE_COLOR: '1' }, true, false],
    ['--color on a pipe', ['--color'], {}, false, true]
  ] as const)('%s', async (_name, argv, env, isTTY, expected) => {
    const run = await cli(['errors', ...argv], { env, isTTY })
    expect(colored(run)).toBe(expected)
  })

  it('never colours json', async () => {
    const run = await cli(['errors', '--format', 'json', '--color'], { isTTY: true })
    expect(colored(run)).toBe(false)
  })
})

describe('--version and --help', () => {
  it('prints the package version', async () => {
    const run = await cli(['--version'])
    expect(run).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' })
  })

  it('prints usage', async () => {
    const run = await cli(['-h'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: port-hygiene \[paths\.\.\.\] \[options\]/)
    for (const flag of [
      '--config',
      '--format',
      '--output',
      '--fail-on',
      '--no-color',
      '--version',
      '--help'
    ]) {
      expect(run.stdout).toContain(flag)
    }
  })
})

describe('planScan', () => {
  it('scans from the current folder when every path is inside it', () => {
    const plan = planScan('/repo', ['k8s', './compose/compose.yaml', '/repo/charts/**/*.yaml'])
    expect(plan.root).toBe('/repo')
    expect(plan.paths).toEqual(['k8s', 'compose/compose.yaml', 'charts/**/*.yaml'])
  })

  it('no path = the current folder', () => {
    expect(planScan('/repo', [])).toMatchObject({ root: '/repo', paths: [] })
    expect(planScan('/repo', ['.'])).toMatchObject({ root: '/repo', paths: ['.'] })
  })

  it('moves the root to the common folder when a path is outside', () => {
    const plan = planScan('/home/me/tool', ['/srv/a/k8s', '/srv/b/**/*.yaml'])
    expect(plan.root).toBe('/srv')
    expect(plan.paths).toEqual(['a/k8s', 'b/**/*.yaml'])
    expect(plan.original.get('b/**/*.yaml')).toBe('/srv/b/**/*.yaml')
  })
})

describe('examples/ (what `npm start` scans)', () => {
  const examples = path.resolve(fixtures, '../../../examples')

  it('makes every rule fire at least once', async () => {
    const run = await cli(['--format', 'json'], { cwd: examples })
    const report = JSON.parse(run.stdout)
    // Every rule id of every finding, those merged into another's line included.
    const fired = new Set(
      report.findings.flatMap((finding: { ruleIds: string[] }) => finding.ruleIds)
    )
    // inventory-drift checks the action's inventory-file; its CLI form is `inventory --check`.
    const cliRules = RULES.map((rule) => rule.meta.id).filter((id) => id !== 'inventory-drift')
    expect([...fired].sort()).toEqual(cliRules.sort())
    expect(report.configFile).toBe('.github/port-hygiene.yml')
  })

  it('shows a suppression with a reason', async () => {
    const report = JSON.parse((await cli(['--format', 'json'], { cwd: examples })).stdout)
    expect(report.suppressed).toContainEqual(
      expect.objectContaining({
        ruleId: 'privileged-port',
        suppressedBy: expect.objectContaining({
          kind: 'comment',
          reason: 'the edge nodes are dedicated to ingress'
        })
      })
    )
  })
})
