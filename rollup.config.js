// Self-contained ESM bundles: the action (dist/index.js), the CLI (dist/cli.js) and the worker
// both start for per-file work on big repositories (dist/scan-worker.js, found next to them). dist/ is committed because GitHub runs the action from the
// repository as it is, without installing anything.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

const plugins = () => [
  typescript({ tsconfig: './tsconfig.build.json' }),
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
