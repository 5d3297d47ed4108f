// Self-contained CommonJS bundles: the action (dist/index.js), the CLI (dist/cli.js, a program
// that loads dist/cli-core.js, which loads dist/chunks/ when asked for) and the worker both start
// for per-file work on big repositories (dist/scan-worker.js, found next to them). dist/ is
// committed because GitHub runs the action from the repository as it is, without installing
// anything.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// The `yaml` package's ES module build (published as its "browser" build; the same code, warnings
// through console.warn) instead of its CommonJS one, which the bundle would wrap and evaluate
// whole at start-up: as ES modules rollup leaves out what the scanner never reaches.
const yamlAsEsModules = {
  name: 'yaml-as-es-modules',
  resolveId(source) {
    return source === 'yaml'
      ? fileURLToPath(new URL('./node_modules/yaml/browser/index.js', import.meta.url))
      : null
  }
}

/**
 * The bundles are CommonJS: Node starts a CommonJS program about 20 ms sooner than an ES module
 * one (no ES module loader, builtins without their ES module facades; measured in
 * docs/performance.md), which is most of a small scan's start-up. The package is `"type":
 * "module"` for the sources and tests, so the output folder gets a package.json of its own.
 */
const commonJsPackage = {
  name: 'commonjs-package',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "commonjs" }\n' })
  },
  // `import.meta.url` is the bundle file's URL (rollup's own stand-in also caters for browsers).
  resolveImportMeta(property) {
    return property === 'url' ? "require('node:url').pathToFileURL(__filename).href" : null
  }
}

/** `outDir`: the e2e tests build the action into a temporary folder (TypeScript wants outDir there). */
export const plugins = (outDir = 'dist') => [
  yamlAsEsModules,
  commonJsPackage,
  typescript({ tsconfig: './tsconfig.build.json', compilerOptions: { outDir } }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json()
]

/** The action: one file, what GitHub runs (action.yml). */
export const actionOutput = (dir) => ({
  file: path.join(dir, 'index.js'),
  format: 'cjs',
  inlineDynamicImports: true
})

/**
 * The program npm links (dist/cli.js): a few lines that turn on Node's compile cache where that is
 * safe and load the CLI's bundle (src/bin.ts). It holds nothing of the CLI, so that the cache, on
 * before the bundle loads, covers all of it.
 */
export const binInput = { input: 'src/bin.ts' }
export const binOutput = (dir) => ({
  file: path.join(dir, 'cli.js'),
  format: 'cjs',
  banner: '#!/usr/bin/env node'
})

/**
 * The CLI is split: dist/cli-core.js holds what a plain scan runs, and what only some commands need
 * (the inventory and fleet subcommands, `--base`, the SARIF and Markdown renderers) sits in
 * dist/chunks/, loaded by `import()` when asked for, so that start-up compiles less. The worker
 * pool stays in cli-core.js, next to which it finds scan-worker.js. Names without hashes: dist/ is
 * committed and reviewed, and a chunk keeps its name from one build to the next.
 */
export const cliInput = {
  input: 'src/cli.ts',
  // The chunks import what they share with cli-core.js from cli-core.js itself.
  preserveEntrySignatures: 'allow-extension'
}
export const cliOutput = (dir) => ({
  dir,
  format: 'cjs',
  // `import()` of a chunk becomes a `require()`: no ES module loader, not even for a chunk.
  dynamicImportInCjs: false,
  entryFileNames: 'cli-core.js',
  // A chunk loaded for one module is named after it (src/report/sarif.ts → report-sarif.js).
  chunkFileNames: (chunk) =>
    chunk.facadeModuleId
      ? `chunks/${path.relative('src', chunk.facadeModuleId).replace(/\.ts$/, '').split(path.sep).join('-')}.js`
      : 'chunks/[name].js',
  manualChunks: startUpInCliJs
})

/**
 * Everything src/cli.ts imports statically goes into cli-core.js itself (one file to read and compile
 * at start, and the worker pool beside scan-worker.js); only what is behind an `import()` and not
 * already there becomes a chunk. Left to itself rollup would split the shared code into chunks.
 */
function startUpInCliJs(id, { getModuleIds, getModuleInfo }) {
  // Computed once per build (getModuleInfo is the build's own).
  if (startUp.of !== getModuleInfo) {
    const modules = new Set()
    const visit = (moduleId) => {
      if (modules.has(moduleId)) return
      modules.add(moduleId)
      for (const imported of getModuleInfo(moduleId)?.importedIds ?? []) visit(imported)
    }
    for (const moduleId of getModuleIds()) if (getModuleInfo(moduleId)?.isEntry) visit(moduleId)
    startUp.of = getModuleInfo
    startUp.modules = modules
  }
  return startUp.modules.has(id) ? 'cli' : undefined
}
const startUp = { of: undefined, modules: new Set() }

/** A chunk that the sources no longer produce must not stay behind in the committed dist/. */
const cleanChunks = (dir) => ({
  name: 'clean-chunks',
  buildStart() {
    rmSync(path.join(dir, 'chunks'), { recursive: true, force: true })
  }
})

export default [
  {
    input: 'src/index.ts',
    output: actionOutput('dist'),
    plugins: plugins()
  },
  {
    ...binInput,
    output: binOutput('dist'),
    plugins: plugins()
  },
  {
    ...cliInput,
    output: cliOutput('dist'),
    plugins: [...plugins(), cleanChunks('dist')]
  },
  {
    input: 'src/parallel/worker.ts',
    output: { file: 'dist/scan-worker.js', format: 'cjs', inlineDynamicImports: true },
    plugins: plugins()
  }
]
