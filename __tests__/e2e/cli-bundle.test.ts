// The CLI bundle as rollup.config.js lays it out (dist/cli.js, the program, which loads
// dist/cli-core.js through the code cache; CommonJS; lazily loaded chunks in dist/chunks/), built
// from the current sources into a temporary folder and run as a process: every command and format
// that loads a chunk answers as runCli() does in-process, cli-core.js itself loads none of the
// chunks, child processes or worker threads at start, and the code cache is written once, used
// after, and never trusted when damaged.
import { execFile, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli.js'
import { bundleStamp } from '../../src/code-cache.js'
import { PROJECT_ROOT, findNode24 } from './action-runner.js'

const run = promisify(execFile)
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-cli-bundle-'))
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
 * The bundle as a process, from the repository root like `npm run bench`; its code cache in a
 * folder of the test's own (never the user's), off unless asked for.
 */
async function bundled(
  argv: string[],
  cwd = PROJECT_ROOT,
  env: NodeJS.ProcessEnv = { PORT_HYGIENE_CACHE: 'off' },
  node = process.execPath
) {
  try {
    const { stdout, stderr } = await run(node, [path.join(dir, 'cli.js'), ...argv], {
      cwd,
      env: { ...process.env, PORT_HYGIENE_CACHE_DIR: path.join(dir, 'no-cache-here'), ...env },
      maxBuffer: 64 * 1024 * 1024
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

async function inProcess(argv: string[], cwd = PROJECT_ROOT) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    cwd,
    env: {},
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: false
  })
  return { code, stdout, stderr }
}

describe('the CLI bundle', () => {
  it('keeps in cli-core.js only what a plain scan runs', async () => {
    const chunks = await readdir(path.join(dir, 'chunks'))
    expect(chunks.length).toBeGreaterThan(3)
    // CommonJS (rollup.config.js), which the folder's package.json tells Node.
    expect(JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'))).toEqual({
      type: 'commonjs'
    })
    // The program: Node's builtins and the code cache, nothing of the CLI itself.
    const program = await readFile(path.join(dir, 'cli.js'), 'utf8')
    expect(program.startsWith("#!/usr/bin/env node\n'use strict';\n")).toBe(true)
    expect(
      [...new Set([...program.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]!))].sort()
    ).toEqual(['node:buffer', 'node:fs', 'node:os', 'node:path', 'node:url', 'node:vm'])
    expect(program).toContain("new URL('./cli-core.js'")
    expect(program.length).toBeLessThan(20_000)
    const entry = await readFile(path.join(dir, 'cli-core.js'), 'utf8')
    expect(entry.startsWith("'use strict';\n")).toBe(true)
    // It ends with its build id, the digest of the text before it (the code cache's key).
    const stamped = /\n\/\/# port-hygiene-build ([0-9a-f]{16})\n$/.exec(entry)
    expect(stamped).not.toBeNull()
    expect(createHash('sha256').update(entry.slice(0, stamped!.index)).digest('hex')).toMatch(
      new RegExp(`^${stamped![1]}`)
    )
    // ASCII, other characters escaped (rollup.config.js): the program reads it without decoding.
    // The text report's ✖ and ↳ below come out of these escapes.
    expect(entry).not.toMatch(/[\u0080-\uffff]/)
    expect(entry).toContain('\\u2716')
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
  it.each([
    ['a pipe', 'pipe'],
    ['the null device', 'ignore']
  ] as const)('goes to %s without loading the modules of a stream for it', async (_name, stdio) => {
    // A preloaded script writes down, at exit, every internal module the process loaded.
    const report = path.join(dir, `modules-${stdio}.txt`)
    const preload = path.join(dir, 'modules.cjs')
    await writeFile(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_REPORT, process.moduleLoadList.join('\\n')))\n`
    )
    const argv = ['examples', '--fail-on', 'never']
    const child = spawnSync(process.execPath, ['-r', preload, path.join(dir, 'cli.js'), ...argv], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PORT_HYGIENE_CACHE: 'off', MODULES_REPORT: report },
      stdio: ['ignore', stdio, 'pipe'],
      encoding: 'utf8'
    })
    expect(child.stderr).toBe('')
    expect(child.status).toBe(0)
    if (stdio === 'pipe') expect(child.stdout).toBe((await inProcess(argv)).stdout)
    const loaded = (await readFile(report, 'utf8')).split('\n')
    expect(loaded).toContain('NativeModule fs')
    for (const module of ['net', 'tty', 'internal/fs/sync_write_stream']) {
      expect(loaded).not.toContain(`NativeModule ${module}`)
    }
  })

  it('colours the text report in a terminal', async (context) => {
    // util-linux `script` runs the program on a pseudo-terminal of its own.
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' })
    if (script.status !== 0) context.skip()
    const command = `"${process.execPath}" "${path.join(dir, 'cli.js')}" examples/k8s/monitoring`
    const env: NodeJS.ProcessEnv = { ...process.env, PORT_HYGIENE_CACHE: 'off' }
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
      env: { ...process.env, PORT_HYGIENE_CACHE: 'off' }
    })
    expect(await readFile(errors, 'utf8')).toBe('')
    expect(stdout.trim()).toBe('1')
  })
})

describe('the code cache', () => {
  const debug = (cacheDir: string, more: NodeJS.ProcessEnv = {}) => ({
    PORT_HYGIENE_CACHE_DIR: cacheDir,
    PORT_HYGIENE_DEBUG: '1',
    ...more
  })
  const cacheLine = (stderr: string) => stderr.match(/^port-hygiene: code cache (.*)$/m)?.[1]
  const argv = ['examples', '--fail-on', 'never']

  it('is written by the first scan, used by the next, and changes nothing in the output', async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-cache-'))
    try {
      const expected = await inProcess(argv)
      const first = await bundled(['--version'], PROJECT_ROOT, debug(cacheDir))
      expect(cacheLine(first.stderr)).toBe('not written (no scan ran)')
      const second = await bundled(argv, PROJECT_ROOT, debug(cacheDir))
      const [file] = await readdir(cacheDir)
      expect(file).toMatch(/^cli-[0-9a-f]{16}-v8-/)
      expect(cacheLine(second.stderr)).toBe(`written ${path.join(cacheDir, file!)}`)
      const third = await bundled(argv, PROJECT_ROOT, debug(cacheDir))
      expect(cacheLine(third.stderr)).toBe(`used ${path.join(cacheDir, file!)}`)
      for (const run of [second, third]) {
        expect({
          ...run,
          stderr: run.stderr.replace(/^port-hygiene: code cache .*\n/m, '')
        }).toEqual(expected)
      }
      // A chunk and --base work from the cache too.
      const sarif = await bundled(['examples', '--format', 'sarif'], PROJECT_ROOT, debug(cacheDir))
      expect(sarif.stdout).toEqual((await inProcess(['examples', '--format', 'sarif'])).stdout)
    } finally {
      await rm(cacheDir, { recursive: true, force: true })
    }
  })

  it('is rewritten when damaged or refused by V8, and the scan is the same', async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-cache-'))
    try {
      const expected = await inProcess(argv)
      await bundled(argv, PROJECT_ROOT, debug(cacheDir))
      const [name] = await readdir(cacheDir)
      const file = path.join(cacheDir, name!)
      const bytes = await readFile(file)
      // Damaged: its two copies differ, so V8 is not even handed it.
      await writeFile(
        file,
        Buffer.concat([bytes.subarray(0, -1), Buffer.from([bytes.at(-1)! ^ 1])])
      )
      const damaged = await bundled(argv, PROJECT_ROOT, debug(cacheDir))
      expect(cacheLine(damaged.stderr)).toBe(`written ${file}`)
      expect(damaged.stdout).toEqual(expected.stdout)
      // Well-formed for us, but not V8's: V8 refuses it.
      const header = `port-hygiene code cache 2 ${bundleStamp(await stat(path.join(dir, 'cli-core.js')))}\n`
      const garbage = Buffer.alloc(4096, 1)
      await writeFile(file, Buffer.concat([Buffer.from(header, 'latin1'), garbage, garbage]))
      const refused = await bundled(argv, PROJECT_ROOT, debug(cacheDir))
      expect(cacheLine(refused.stderr)).toBe(`rejected, written ${file}`)
      expect(refused.stdout).toEqual(expected.stdout)
      expect(cacheLine((await bundled(argv, PROJECT_ROOT, debug(cacheDir))).stderr)).toBe(
        `used ${file}`
      )
    } finally {
      await rm(cacheDir, { recursive: true, force: true })
    }
  })

  it('is not used for a bundle edited by hand, even to the same length', async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-cache-'))
    const core = path.join(dir, 'cli-core.js')
    const original = await readFile(core, 'latin1')
    try {
      await bundled(argv, PROJECT_ROOT, debug(cacheDir))
      const [name] = await readdir(cacheDir)
      // The same length and build id: only the file's modification time tells them apart.
      const edited = original.replace(
        'Usage: port-hygiene [paths...]',
        'Usage: port-hygienE [paths...]'
      )
      expect(edited.length).toBe(original.length)
      expect(edited).not.toBe(original)
      await writeFile(core, edited, 'latin1')
      const help = await bundled(['--help'], PROJECT_ROOT, debug(cacheDir))
      expect(help.stdout).toContain('Usage: port-hygienE [paths...]')
      const scan = await bundled(argv, PROJECT_ROOT, debug(cacheDir))
      expect(cacheLine(scan.stderr)).toBe(`written ${path.join(cacheDir, name!)}`)
    } finally {
      await writeFile(core, original, 'latin1')
      await rm(cacheDir, { recursive: true, force: true })
    }
  })

  it("works under Node 24 (the runners' Node), in a file of its own", async (context) => {
    const node24 = await findNode24()
    if (!node24.execPath) return context.skip(`npx -y node@24 is unavailable: ${node24.detail}`)
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-cache-'))
    try {
      const expected = await inProcess(argv)
      // Node 20's cache first: Node 24 must not take it.
      await bundled(argv, PROJECT_ROOT, debug(cacheDir))
      const first = await bundled(argv, PROJECT_ROOT, debug(cacheDir), node24.execPath)
      const second = await bundled(argv, PROJECT_ROOT, debug(cacheDir), node24.execPath)
      expect(cacheLine(first.stderr)).toMatch(/^written /)
      expect(cacheLine(second.stderr)).toMatch(/^used /)
      expect(first.stdout).toEqual(expected.stdout)
      expect(second.stdout).toEqual(expected.stdout)
      expect((await readdir(cacheDir)).length).toBe(2)
    } finally {
      await rm(cacheDir, { recursive: true, force: true })
    }
  }, 300_000)

  it('is off with PORT_HYGIENE_CACHE=off', async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-cache-'))
    try {
      const off = await bundled(argv, PROJECT_ROOT, debug(cacheDir, { PORT_HYGIENE_CACHE: 'off' }))
      expect(cacheLine(off.stderr)).toBe('off')
      expect(await readdir(cacheDir)).toEqual([])
    } finally {
      await rm(cacheDir, { recursive: true, force: true })
    }
  })
})
