// Self-contained ESM bundles: the action (dist/index.js), the CLI (dist/cli.js) and the worker
// both start for per-file work on big repositories (dist/scan-worker.js, found next to them). dist/ is committed because GitHub runs the action from the
// repository as it is, without installing anything.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
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

/** `outDir`: the e2e tests build the action into a temporary folder (TypeScript wants outDir there). */
export const plugins = (outDir = 'dist') => [
  yamlAsEsModules,
  typescript({ tsconfig: './tsconfig.build.json', compilerOptions: { outDir } }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json()
]

export default [
  {
    input: 'src/index.ts',
    output: { file: 'dist/index.js', format: 'es', inlineDynamicImports: true },
    plugins: plugins()
  },
  {
    input: 'src/cli.ts',
    output: {
      file: 'dist/cli.js',
      format: 'es',
      banner: '#!/usr/bin/env node',
      inlineDynamicImports: true
    },
    plugins: plugins()
  },
  {
    input: 'src/parallel/worker.ts',
    output: { file: 'dist/scan-worker.js', format: 'es', inlineDynamicImports: true },
    plugins: plugins()
  }
]
