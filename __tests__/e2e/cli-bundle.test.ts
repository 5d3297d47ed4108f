// The CLI bundle as rollup.config.js lays it out (dist/cli.js, the program, which turns on Node's
// compile cache where that is safe and loads dist/cli-core.js; CommonJS; lazily loaded chunks in
// dist/chunks/), built from the current sources into a temporary folder and run as a process:
// every command and format that loads a chunk answers as runCli() does in-process, cli-core.js
// itself loads none of the chunks, child processes or worker threads at start, a large report
// reaches a slow pipe whole, and the compile cache stays out of GitHub Actions and of what is
// scanned.
import { execFile, spawnSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT, findNode24, manyFindingsManifest } from './action-runner.js'
import { runCliIn } from '../helpers/cli.js'

const run = promisify(execFile)
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-cli-bundle-'))
  // The processes' temporary folder (TMPDIR, bundled() below).
  await mkdir(path.join(dir, 'tmp'))
  const { rollup } = await import('rollup')
  const config = (await import(
    pathToFileURL(path.join(PROJECT_ROOT, 'rollup.config.js')).href
  )) as {
    plugins: (outDir: string) => import('rollup').Plugin[]
    cliInput: import('rollup').InputOptions
    cliOutput: (outDir: string) => import('rollup').OutputOptions
    binInput: import('rollup').InputOptions
    binOutput: (outDir: string) => import('rollup').OutputOptions
  }
  const cwd = process.cwd()
  process.chdir(PROJECT_ROOT)
  try {
    const bundle = await rollup({
      ...config.cliInput,
      plugins: config.plugins(dir),
      logLevel: 'silent'
    })
    await bundle.write(config.cliOutput(dir))
    await bundle.close()
    const bin = await rollup({
      ...config.binInput,
      plugins: config.plugins(dir),
      logLevel: 'silent'
    })
    await bin.write(config.binOutput(dir))
    await bin.close()
  } finally {
    process.chdir(cwd)
  }
}, 200_000)

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

/**
 * The bundle as a process, from the repository root like `npm run bench`; its temporary folder
 * (where Node keeps its compile cache by default) a folder of the test's own.
 */
async function bundled(
  argv: string[],
  cwd = PROJECT_ROOT,
  env: NodeJS.ProcessEnv = {},
  node = process.execPath
) {
  try {
    const { stdout, stderr } = await run(node, [path.join(dir, 'cli.js'), ...argv], {
      cwd,
      env: { ...process.env, TMPDIR: path.join(dir, 'tmp'), ...env },
      maxBuffer: 64 * 1024 * 1024
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

const inProcess = (argv: string[], cwd = PROJECT_ROOT) => runCliIn(cwd, argv)

describe('the CLI bundle', () => {
  it('keeps in cli-core.js only what a plain scan runs', async () => {
    const chunks = await readdir(path.join(dir, 'chunks'))
    expect(chunks.length).toBeGreaterThan(3)
    // CommonJS (rollup.config.js), which the folder's package.json tells Node.
    expect(JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'))).toEqual({
      type: 'commonjs'
    })
    // The program: Node's builtins and the compile cache's decision, nothing of the CLI itself.
    const program = await readFile(path.join(dir, 'cli.js'), 'utf8')
    expect(program.startsWith("#!/usr/bin/env node\n'use strict';\n")).toBe(true)
    expect(
      [...new Set([...program.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]!))].sort()
    ).toEqual(['node:fs', 'node:module', 'node:os', 'node:path', 'node:url'])
    expect(program).toContain("('./cli-core.js')")
    expect(program).toContain('enableCompileCache')
    expect(program.length).toBeLessThan(20_000)
    const entry = await readFile(path.join(dir, 'cli-core.js'), 'utf8')
    expect(entry.startsWith("'use strict';\n")).toBe(true)
    // Nothing of the V8 code cache that was removed (issue 20).
    expect(entry).not.toContain('port-hygiene-build')
    expect(entry).not.toContain('PORT_HYGIENE_CACHE')
    expect(program).not.toContain('PORT_HYGIENE_CACHE')
    expect(entry).not.toMatch(/^import\s/m)
    // What loads at start: the requires at the top level; chunks are required only when used.
    const atStart = [...entry.matchAll(/^(?:var \S+ = )?require\('([^']+)'\);$/gm)].map(
      (m) => m[1]!
    )
    expect(atStart).toContain('node:fs')
    expect(atStart.filter((specifier) => specifier.startsWith('.'))).toEqual([])
    expect(atStart).not.toContain('node:child_process')
    expect(atStart).not.toContain('node:worker_threads')
    expect(entry).toContain("require('./chunks/report-sarif.js')")
    // The worker pool is in cli-core.js, so that it finds scan-worker.js beside it.
    expect(entry).toContain(
      "new URL('./scan-worker.js', require('node:url').pathToFileURL(__filename).href)"
    )
    for (const chunk of chunks) {
      const text = await readFile(path.join(dir, 'chunks', chunk), 'utf8')
      expect(text).not.toMatch(/^#!/)
      // What a chunk shares with the CLI it takes from the one cli-core.js the program loaded.
      expect(text).not.toContain("require('../cli.js')")
    }
  })

  it.each([
    ['text', ['examples', '--fail-on', 'never']],
    ['json', ['examples', '--format', 'json']],
    ['sarif (a chunk)', ['examples', '--format', 'sarif']],
    ['markdown (a chunk)', ['examples', '--format', 'markdown', '--fail-on', 'never']],
    ['--base (chunks, git)', ['examples', '--base', 'HEAD', '--format', 'json']],
    ['fleet (a chunk)', ['fleet', '--help']],
    ['--version', ['--version']]
  ])('%s answers as in-process', async (_name, argv) => {
    const expected = await inProcess(argv)
    expect(expected.stdout.length).toBeGreaterThan(0)
    expect(await bundled(argv)).toEqual(expected)
  })

  it('inventory (a chunk) answers as in-process', async () => {
    const cwd = path.join(PROJECT_ROOT, 'examples')
    const argv = ['inventory', '--check', 'PORTS.md']
    const expected = await inProcess(argv, cwd)
    expect(expected.stdout.length).toBeGreaterThan(0)
    expect(await bundled(argv, cwd)).toEqual(expected)
  })
})

describe("the program's output", () => {
  it('reaches a slow reader of a pipe whole: a large JSON report, every byte', async () => {
    const project = path.join(dir, 'big')
    await mkdir(project, { recursive: true })
    await writeFile(path.join(project, 'legacy.yaml'), manyFindingsManifest(1000))
    const argv = ['--format', 'json']
    const expected = await inProcess(argv, project)
    // Far more than a pipe holds (64 KiB on Linux): most of it is still to be written when the
    // scan is done, and the reader only starts once the program has long been waiting on it.
    expect(expected.stdout.length).toBeGreaterThan(1024 * 1024)
    const received = path.join(dir, 'received.json')
    const script = `node "$0" ${argv.join(' ')} | { sleep 1; cat; } >"$1"; echo "\${PIPESTATUS[0]}"`
    const { stdout, stderr } = await run(
      'bash',
      ['-c', script, path.join(dir, 'cli.js'), received],
      {
        cwd: project,
        env: { ...process.env, TMPDIR: path.join(dir, 'tmp') },
        maxBuffer: 1024 * 1024
      }
    )
    expect(stderr).toBe('')
    expect(stdout.trim()).toBe(String(expected.code))
    const text = await readFile(received, 'utf8')
    expect(text.length).toBe(expected.stdout.length)
    expect(text).toBe(expected.stdout)
    // One privileged host port per Deployment below 1024: 924 findings.
    expect(JSON.parse(text).findings.length).toBeGreaterThan(900)
  }, 120_000)

  it('loads node:crypto only for a report that needs a digest', async () => {
    // A preloaded script writes down, at exit, every internal module the process loaded.
    const preload = path.join(dir, 'modules.cjs')
    await writeFile(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_REPORT, process.moduleLoadList.join('\\n')))\n`
    )
    const loaded = async (format: string) => {
      const report = path.join(dir, `modules-${format}.txt`)
      // examples/ has suppressed findings: a suppressed copy must not compute its fingerprint.
      const argv = ['examples', '--format', format, '--fail-on', 'never']
      const child = spawnSync(
        process.execPath,
        ['-r', preload, path.join(dir, 'cli.js'), ...argv],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, TMPDIR: path.join(dir, 'tmp'), MODULES_REPORT: report },
          stdio: ['ignore', 'ignore', 'pipe'],
          encoding: 'utf8'
        }
      )
      expect(child.stderr).toBe('')
      expect(child.status).toBe(0)
      return (await readFile(report, 'utf8')).split('\n')
    }
    expect((await inProcess(['examples', '--format', 'json'])).stdout).toContain('"suppressedBy"')
    expect(await loaded('text')).not.toContain('NativeModule crypto')
    expect(await loaded('json')).toContain('NativeModule crypto')
  })

  it('colours the text report in a terminal', async (context) => {
    // util-linux `script` runs the program on a pseudo-terminal of its own.
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' })
    if (script.status !== 0) context.skip()
    const command = `"${process.execPath}" "${path.join(dir, 'cli.js')}" examples/k8s/monitoring`
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: path.join(dir, 'tmp') }
    delete env.NO_COLOR
    delete env.FORCE_COLOR
    const child = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: PROJECT_ROOT,
      env,
      encoding: 'utf8'
    })
    expect(child.status).toBe(1)
    expect(child.stdout).toContain('\u001b[31merror\u001b[39m')
    // Piped, the same report has no colours.
    const piped = await bundled(['examples/k8s/monitoring'])
    expect(piped.stdout).toContain('  error  ')
    expect(piped.stdout).not.toContain('\u001b[')
  })

  it('stops quietly when the reader goes away (`port-hygiene | head`)', async () => {
    const argv = ['examples', '--format', 'json']
    // More than a pipe holds (64 KiB on Linux), so that `head` leaves before the end.
    expect((await inProcess(argv)).stdout.length).toBeGreaterThan(70_000)
    const errors = path.join(dir, 'stderr.txt')
    const script = `node "$0" ${argv.join(' ')} 2>"$1" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`
    const { stdout } = await run('bash', ['-c', script, path.join(dir, 'cli.js'), errors], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TMPDIR: path.join(dir, 'tmp') }
    })
    expect(await readFile(errors, 'utf8')).toBe('')
    expect(stdout.trim()).toBe('1')
  })
})

describe("Node's compile cache", () => {
  const argv = ['examples', '--fail-on', 'never']
  const cacheLine = (stderr: string) => stderr.match(/^port-hygiene: compile cache (.*)$/m)?.[1]
  const withoutCacheLine = (stderr: string) =>
    stderr.replace(/^port-hygiene: compile cache .*\n/m, '')
  /** A temporary folder of the test's own, and an environment outside Actions that uses it. */
  async function setUp() {
    const tmp = await mkdtemp(path.join(dir, 'tmp-'))
    const env: NodeJS.ProcessEnv = {
      TMPDIR: tmp,
      PORT_HYGIENE_DEBUG: '1',
      GITHUB_ACTIONS: undefined,
      NODE_COMPILE_CACHE: undefined,
      NODE_DISABLE_COMPILE_CACHE: undefined
    }
    return { tmp, env, cache: path.join(tmp, 'node-compile-cache') }
  }

  it('is not there under Node 20, and nothing is written', async () => {
    const { tmp, env } = await setUp()
    const result = await bundled(argv, PROJECT_ROOT, env)
    expect(cacheLine(result.stderr)).toBe('unavailable (Node 22.1+)')
    expect(await readdir(tmp)).toEqual([])
  })

  it('under Node 24: on by default, off inside Actions, off where the scan could read it', async (context) => {
    const node24 = await findNode24()
    if (!node24.execPath) return context.skip(`npx -y node@24 is unavailable: ${node24.detail}`)
    const node = node24.execPath
    const expected = await inProcess(argv)

    // Written by the first run, read by the next; the report is the same.
    const on = await setUp()
    const first = await bundled(argv, PROJECT_ROOT, on.env, node)
    expect(cacheLine(first.stderr)).toBe(`on ${on.cache}`)
    const [tag] = await readdir(on.cache)
    expect((await readdir(path.join(on.cache, tag!))).length).toBeGreaterThan(0)
    const second = await bundled(argv, PROJECT_ROOT, on.env, node)
    for (const run of [first, second]) {
      expect({ ...run, stderr: withoutCacheLine(run.stderr) }).toEqual(expected)
    }

    // Inside GitHub Actions: off, nothing written.
    const actions = await setUp()
    const inActions = await bundled(
      argv,
      PROJECT_ROOT,
      { ...actions.env, GITHUB_ACTIONS: 'true' },
      node
    )
    expect(cacheLine(inActions.stderr)).toBe('off: inside GitHub Actions')
    expect(inActions.stdout).toBe(expected.stdout)
    expect(await readdir(actions.tmp)).toEqual([])

    // The scanned folder holds the cache folder (the default one; NODE_COMPILE_CACHE below).
    const scanned = await setUp()
    await writeFile(path.join(scanned.tmp, 'pod.yaml'), manyFindingsManifest(1))
    const inside = await bundled(['.', '--format', 'json'], scanned.tmp, scanned.env, node)
    expect(cacheLine(inside.stderr)).toBe(
      `off: ${JSON.stringify(scanned.cache)} is inside ${JSON.stringify(scanned.tmp)}, which may be scanned`
    )
    expect(JSON.parse(inside.stdout).findings.length).toBeGreaterThan(0)
    expect(await readdir(scanned.tmp)).toEqual(['pod.yaml'])

    // A default folder someone else could write (planted before the user's first run): not used.
    const planted = await setUp()
    await mkdir(planted.cache, { mode: 0o777 })
    await chmod(planted.cache, 0o777)
    const refused = await bundled(argv, PROJECT_ROOT, planted.env, node)
    expect(cacheLine(refused.stderr)).toBe(
      `off: ${JSON.stringify(planted.cache)} is writable by others`
    )
    expect(await readdir(planted.cache)).toEqual([])

    // NODE_COMPILE_CACHE in the scanned folder: Node turned it on before the program ran, so the
    // program cannot; it says so, and the scan is the same.
    const chosen = await setUp()
    const project = path.join(chosen.tmp, 'project')
    await mkdir(project)
    await writeFile(path.join(project, 'pod.yaml'), manyFindingsManifest(1))
    const warned = await bundled(
      ['.', '--fail-on', 'never'],
      project,
      { ...chosen.env, NODE_COMPILE_CACHE: '.node-cache' },
      node
    )
    expect(warned.stderr).toMatch(
      /^port-hygiene: warning: Node's compile cache \(NODE_COMPILE_CACHE\) ".*\.node-cache.*" is inside ".*project", which may be scanned: files there can run as code\. Move it, or set NODE_DISABLE_COMPILE_CACHE=1\.$/m
    )
    expect(warned.code).toBe(0)
  }, 300_000)
})
