// vitest globalSetup of the e2e project: builds the action bundle once per test run, from the
// sources as they are, into a temporary folder, and hands its path to the tests. So the e2e
// tests never depend on a dist/ left behind by an earlier step, nor on modification times;
// CI's dist check (after the tests) proves that the committed dist/ is what the sources build.
// PORT_HYGIENE_ACTION_ENTRY runs a bundle built elsewhere instead.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    actionEntry: string
  }
}

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const override = process.env.PORT_HYGIENE_ACTION_ENTRY
  if (override) {
    project.provide('actionEntry', override)
    return async () => {}
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-bundle-'))
  const { rollup } = await import('rollup')
  const config = (await import(
    pathToFileURL(path.join(PROJECT_ROOT, 'rollup.config.js')).href
  )) as {
    plugins: (outDir: string) => import('rollup').Plugin[]
    actionOutput: (outDir: string) => import('rollup').OutputOptions
  }
  const cwd = process.cwd()
  process.chdir(PROJECT_ROOT)
  try {
    const bundle = await rollup({
      input: 'src/index.ts',
      plugins: config.plugins(dir),
      logLevel: 'silent'
    })
    // As dist/ has it (rollup.config.js): CommonJS, beside a package.json that says so.
    await bundle.write(config.actionOutput(dir))
    await bundle.close()
  } finally {
    process.chdir(cwd)
  }
  project.provide('actionEntry', path.join(dir, 'index.js'))
  return () => rm(dir, { recursive: true, force: true })
}
