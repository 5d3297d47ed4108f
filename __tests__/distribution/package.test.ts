// `npm pack` gives a package that works where the clone is not: installed from the tarball into
// a scratch project in the OS temp folder and run with `npx port-hygiene`, as a user would before
// it is published (`npx --package ./port-hygiene-<version>.tgz port-hygiene`).
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../package.json' with { type: 'json' }
import { PROJECT_ROOT } from '../e2e/action-runner.js'

const run = promisify(execFile)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

let scratch: string
let project: string
let tarball: string
let packed: string[]

beforeAll(async () => {
  // The committed dist/ is what a user installs; CI's dist check proves it is what src/ builds.
  scratch = await mkdtemp(path.join(tmpdir(), 'port-hygiene-pack-'))
  const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', scratch], {
    cwd: PROJECT_ROOT
  })
  const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
  tarball = path.join(scratch, info!.filename)
  packed = info!.files.map((file) => file.path)

  // A project of its own, far from the clone: nothing resolves back into the repository.
  project = path.join(scratch, 'user-project')
  await cp(path.join(PROJECT_ROOT, '__tests__/fixtures/inventory/shop'), project, {
    recursive: true
  })
  await writeFile(
    path.join(project, 'package.json'),
    '{ "name": "user-project", "private": true }\n'
  )
  await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-save', tarball], {
    cwd: project
  })
}, 300_000)

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true })
})

async function npxRun(args: string[]) {
  try {
    // The code cache in the scratch folder, never the user's own.
    const env = { ...process.env, PORT_HYGIENE_CACHE_DIR: path.join(scratch, 'code-cache') }
    const result = await run(npx, ['--no-install', 'port-hygiene', ...args], { cwd: project, env })
    return { code: 0, stdout: result.stdout, stderr: result.stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('the npm package', () => {
  it('ships the bin, the action and what the CLI reads at run time, and no sources or tests', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'dist/cli.js',
        'dist/cli-core.js',
        'dist/index.js',
        'action.yml',
        'package.json'
      ])
    )
    expect(packed).toContain(packageJson.bin['port-hygiene'])
    expect(packed.filter((file) => /^(src|__tests__)\//.test(file))).toEqual([])
  })

  it('npx port-hygiene --version, outside the clone', async () => {
    expect(project.startsWith(PROJECT_ROOT)).toBe(false)
    const result = await npxRun(['--version'])
    expect(result).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` })
  })

  it('npx port-hygiene scans the project it is run in', async () => {
    const result = await npxRun(['--format', 'json', '--fail-on', 'never'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.summary.bindings).toBeGreaterThan(0)
    expect(report.model.bindings.map((binding: { file: string }) => binding.file)).toContain(
      'k8s/storefront.yaml'
    )
    // The installed program keeps its code cache (in the folder the test gives it).
    expect(await readdir(path.join(scratch, 'code-cache'))).toEqual([
      expect.stringMatching(/^cli-[0-9a-f]{16}-v8-.+\.bin$/)
    ])
  })

  it('npx port-hygiene inventory --write works from the installed package', async () => {
    const result = await npxRun(['inventory', '--write', 'PORTS.md'])
    expect(result.stdout).toBe('PORTS.md: inventory written (10 ports).\n')
    expect((await npxRun(['inventory', '--check', 'PORTS.md'])).code).toBe(0)
    expect(await readdir(project)).toContain('node_modules')
  })
})
