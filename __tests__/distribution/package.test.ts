// `npm pack` gives a package that works where the clone is not: packed into a scratch folder (the
// clone is left without a .tgz), installed from the tarball into an empty project in the OS temp
// folder with `--engine-strict`, under Node 20 and Node 24, and run with `npx port-hygiene`, as a
// user would before it is published (`npx --package ./port-hygiene-<version>.tgz port-hygiene`).
// Everything the CLI runs is bundled into dist/, so the package has no runtime dependencies: the
// install adds nothing but port-hygiene, and no dependency's `engines` can refuse a Node we support.
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../package.json' with { type: 'json' }
import { PROJECT_ROOT, findNode24 } from '../e2e/action-runner.js'

const run = promisify(execFile)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

/** What the package may hold: the bundles, the schemas, the docs and the three texts npm shows. */
const ALLOWED = [
  /^dist\/(chunks\/)?[a-z0-9-]+\.js$/,
  /^dist\/package\.json$/,
  /^schema\/[a-z-]+\.schema\.json$/,
  /^docs\/([a-z-]+\/)?[A-Za-z0-9-]+\.(md|png)$/,
  /^(README\.md|LICENSE|CHANGELOG\.md|package\.json)$/
]
/** Today about 400 KiB packed and 1.6 MiB unpacked; the action bundle alone would add 2.2 MB. */
const MAX_TARBALL_BYTES = 640 * 1024
const MAX_UNPACKED_BYTES = 2.5 * 1024 * 1024

interface PackInfo {
  filename: string
  size: number
  unpackedSize: number
  files: Array<{ path: string }>
}

let scratch: string
let tarball: string
let pack: PackInfo
let cloneBefore: string[]
let cloneAfter: string[]

beforeAll(async () => {
  // The committed dist/ is what a user installs; CI's dist check proves it is what src/ builds.
  scratch = await mkdtemp(path.join(tmpdir(), 'port-hygiene-pack-'))
  cloneBefore = await readdir(PROJECT_ROOT)
  const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', scratch], {
    cwd: PROJECT_ROOT
  })
  cloneAfter = await readdir(PROJECT_ROOT)
  pack = (JSON.parse(stdout) as PackInfo[])[0]!
  tarball = path.join(scratch, pack.filename)
}, 120_000)

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true })
})

describe('the npm package', () => {
  const packed = () => pack.files.map((file) => file.path)

  it('ships the bin, the worker, the schemas, the docs, README, LICENSE and CHANGELOG', () => {
    expect(packed()).toEqual(
      expect.arrayContaining([
        packageJson.bin['port-hygiene'],
        'dist/scan-worker.js',
        'dist/package.json',
        'schema/port-hygiene.schema.json',
        'schema/report.schema.json',
        'docs/configuration.md',
        'docs/rules/duplicate-host-port.md',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'package.json'
      ])
    )
  })

  it('holds nothing else: no sources, tests, examples, action bundle or tarball', () => {
    // The action runs from the repository at a tag (action.yml → dist/index.js), never from npm.
    expect(packed().filter((file) => !ALLOWED.some((allowed) => allowed.test(file)))).toEqual([])
    expect(packed()).not.toContain('dist/index.js')
    expect(packed()).not.toContain('action.yml')
  })

  it('stays small', () => {
    expect(pack.size).toBeLessThan(MAX_TARBALL_BYTES)
    expect(pack.unpackedSize).toBeLessThan(MAX_UNPACKED_BYTES)
  })

  it('declares no runtime dependencies', async () => {
    expect(packageJson).not.toHaveProperty('dependencies')
    expect(packageJson).not.toHaveProperty('optionalDependencies')
    expect(packageJson).not.toHaveProperty('peerDependencies')
  })

  it('npm pack leaves no .tgz in the clone', () => {
    expect(cloneBefore.filter((name) => name.endsWith('.tgz'))).toEqual([])
    expect(cloneAfter).toEqual(cloneBefore)
  })
})

/** Two DaemonSets on one host port: a certain conflict, whatever the severities of other rules. */
const TWO_EXPORTERS_ON_9100 = ['node-exporter', 'gpu-exporter']
  .map(
    (name) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: monitoring
spec:
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: ${name}
          image: quay.io/prometheus/${name}:v1.8.2
          ports:
            - containerPort: 9100
              hostPort: 9100
`
  )
  .join('---\n')

/** An empty project with the tarball installed by `npm` run on `node`, engines enforced. */
async function installInto(label: string, nodeBin: string) {
  const project = path.join(scratch, `user-project-${label}`)
  await mkdir(project)
  await cp(path.join(PROJECT_ROOT, '__tests__/fixtures/inventory/shop'), project, {
    recursive: true
  })
  await writeFile(
    path.join(project, 'package.json'),
    '{ "name": "user-project", "private": true }\n'
  )
  await mkdir(path.join(project, 'monitoring'))
  await writeFile(path.join(project, 'monitoring/exporters.yaml'), TWO_EXPORTERS_ON_9100)
  // npm, npx and the bin start with `#!/usr/bin/env node`: the Node first on PATH runs them all.
  // A cache folder and a temporary folder of the test's own (where Node's compile cache goes by
  // default), to see what the program writes outside the project: nothing, or only that.
  const cacheHome = path.join(scratch, `cache-${label}`)
  const temporary = path.join(scratch, `tmp-${label}`)
  await mkdir(cacheHome)
  await mkdir(temporary)
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CACHE_HOME: cacheHome
  }
  delete env.npm_config_engine_strict
  delete env.GITHUB_ACTIONS
  delete env.NODE_COMPILE_CACHE
  const install = await run(
    npm,
    ['install', '--engine-strict', '--no-audit', '--no-fund', '--no-save', tarball],
    { cwd: project, env }
  )
  const exec = async (command: string, args: string[]) => {
    try {
      const result = await run(command, args, { cwd: project, env })
      return { code: 0, stdout: result.stdout, stderr: result.stderr }
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string }
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
    }
  }
  return {
    project,
    install,
    cacheHome,
    temporary,
    node: () => exec('node', ['-p', 'process.version']),
    portHygiene: (args: string[]) => exec(npx, ['--no-install', 'port-hygiene', ...args]),
    /** The installed program on this Node, without npx, its temporary folder the test's own. */
    program: (args: string[]) =>
      run('node', [path.join(project, 'node_modules/port-hygiene/dist/cli.js'), ...args], {
        cwd: project,
        env: { ...env, TMPDIR: temporary, TMP: temporary, TEMP: temporary }
      })
  }
}

type Installed = Awaited<ReturnType<typeof installInto>>

const nodes: Array<{ label: string; major: string; find: () => Promise<string> }> = [
  { label: 'node20', major: 'v20.', find: async () => path.dirname(process.execPath) },
  {
    label: 'node24',
    major: 'v24.',
    find: async () => {
      const node24 = await findNode24()
      return node24.execPath ? path.dirname(node24.execPath) : `unavailable: ${node24.detail}`
    }
  }
]

for (const { label, major, find } of nodes) {
  describe(`installed from the tarball under ${label}`, () => {
    let installed: Installed | undefined
    let unavailable = ''

    beforeAll(async () => {
      const nodeBin = await find()
      if (nodeBin.startsWith('unavailable: ')) {
        // Node 20 is the one running the tests; only Node 24 may be missing (no registry).
        unavailable = nodeBin
        console.warn(`package.test.ts: ${label} skipped, npx -y node@24 is ${nodeBin}`)
        return
      }
      installed = await installInto(label, nodeBin)
    }, 300_000)

    it('runs npm and the CLI on that Node', async (context) => {
      if (!installed) return context.skip(unavailable)
      expect((await installed.node()).stdout).toMatch(new RegExp(`^${major.replace('.', '\\.')}`))
      expect(installed.install.stderr).not.toMatch(/EBADENGINE/)
    })

    it('adds port-hygiene and nothing else to node_modules', async (context) => {
      if (!installed) return context.skip(unavailable)
      const modules = await readdir(path.join(installed.project, 'node_modules'))
      expect(modules.filter((name) => !name.startsWith('.')).sort()).toEqual(['port-hygiene'])
      const lock = JSON.parse(
        await readFile(path.join(installed.project, 'node_modules/.package-lock.json'), 'utf8')
      ) as { packages: Record<string, unknown> }
      expect(Object.keys(lock.packages)).toEqual(['node_modules/port-hygiene'])
    })

    it('npx port-hygiene --version, outside the clone', async (context) => {
      if (!installed) return context.skip(unavailable)
      expect(installed.project.startsWith(PROJECT_ROOT)).toBe(false)
      const result = await installed.portHygiene(['--version'])
      expect(result).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` })
    })

    it('npx port-hygiene scans the project it is run in', async (context) => {
      if (!installed) return context.skip(unavailable)
      const result = await installed.portHygiene(['--format', 'json', '--fail-on', 'never'])
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      const report = JSON.parse(result.stdout)
      expect(report.summary.bindings).toBeGreaterThan(0)
      expect(report.model.bindings.map((binding: { file: string }) => binding.file)).toContain(
        'k8s/storefront.yaml'
      )
      const text = await installed.portHygiene(['monitoring'])
      expect(text.stdout).toMatch(
        /^monitoring\/exporters\.yaml:\d+:\d+ +error .*9100.*\[duplicate-host-port\]$/m
      )
      expect(text.code).toBe(1)
    })

    it('writes nothing outside the project but, where Node has one, its compile cache', async (context) => {
      if (!installed) return context.skip(unavailable)
      const { stdout } = await installed.program(['--format', 'json', '--fail-on', 'never'])
      expect(JSON.parse(stdout).summary.bindings).toBeGreaterThan(0)
      await installed.program(['--format', 'text', '--fail-on', 'never'])
      expect(await readdir(installed.cacheHome)).toEqual([])
      // Node 20 has no compile cache; Node 24's is Node's own folder, one per Node and user.
      const expected = major === 'v24.' ? ['node-compile-cache'] : []
      expect(await readdir(installed.temporary)).toEqual(expected)
    })

    it('npx port-hygiene inventory --write, then --check', async (context) => {
      if (!installed) return context.skip(unavailable)
      const result = await installed.portHygiene([
        'inventory',
        '--write',
        'PORTS.md',
        'k8s',
        'compose'
      ])
      expect(result.stdout).toBe('PORTS.md: inventory written (10 ports).\n')
      expect(
        (await installed.portHygiene(['inventory', '--check', 'PORTS.md', 'k8s', 'compose'])).code
      ).toBe(0)
    })
  })
}
