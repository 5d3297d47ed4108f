// The CLI bundle as rollup.config.js lays it out (dist/cli.js, CommonJS, and its lazily loaded
// chunks in dist/chunks/), built from the current sources into a temporary folder and run as a
// process: every command and format that loads a chunk answers as runCli() does in-process, and
// cli.js itself loads none of the chunks, child processes or worker threads at start.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli.js'
import { PROJECT_ROOT } from './action-runner.js'

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
  } finally {
    process.chdir(cwd)
  }
}, 200_000)

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** The bundle as a process, from the repository root like `npm run bench`. */
async function bundled(argv: string[], cwd = PROJECT_ROOT) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(dir, 'cli.js'), ...argv], {
      cwd,
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
  it('keeps in cli.js only what a plain scan runs', async () => {
    const chunks = await readdir(path.join(dir, 'chunks'))
    expect(chunks.length).toBeGreaterThan(3)
    // CommonJS (rollup.config.js), which the folder's package.json tells Node.
    expect(JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'))).toEqual({
      type: 'commonjs'
    })
    const entry = await readFile(path.join(dir, 'cli.js'), 'utf8')
    expect(entry.startsWith("#!/usr/bin/env node\n'use strict';\n")).toBe(true)
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
    // The worker pool is in cli.js, so that it finds scan-worker.js beside it.
    expect(entry).toContain(
      "new URL('./scan-worker.js', require('node:url').pathToFileURL(__filename).href)"
    )
    for (const chunk of chunks) {
      expect(await readFile(path.join(dir, 'chunks', chunk), 'utf8')).not.toMatch(/^#!/)
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
