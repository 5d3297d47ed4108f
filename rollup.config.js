// Two self-contained ESM bundles: the action (dist/index.js) and the CLI
// (dist/cli.js). dist/ is committed because GitHub runs the action from the
// repository as it is, without installing anything.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

/** `outDir`: the e2e tests build the action into a temporary folder (TypeScript wants outDir there). */
export const plugins = (outDir = 'dist') => [
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
  }
]
