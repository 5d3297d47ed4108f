// The program npm links as `port-hygiene` (dist/cli.js): it loads the CLI's bundle
// (dist/cli-core.js, built from src/cli.ts) through V8's code cache (src/code-cache.ts) and runs
// it. The bundle is loaded as Node would load it (a CommonJS module under its own file name, in
// require's cache, so that its lazily loaded chunks share it), but compiled here, where the
// cache can be handed to V8 and taken back after the run.
import { isAscii } from 'node:buffer'
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'
import type * as Cli from './cli.js'
import {
  buildIdOf,
  bundleStamp,
  codeCacheDirectory,
  codeCacheFile,
  readCodeCache,
  writeCodeCache
} from './code-cache.js'

const bundle = fileURLToPath(new URL('./cli-core.js', import.meta.url))

// The Module class, from this program's own CommonJS `module` (dist/cli.js is CommonJS; this file
// runs only bundled): importing `node:module` would load Node's ES module loader with it.
const Module = module.constructor as typeof import('node:module')

function load(): { cli: typeof Cli; saveCache: (worthCaching: boolean) => string } {
  const { bytes, stamp } = readBundle()
  const text = textOf(bytes)
  const directory = codeCacheDirectory(process.env)
  const buildId = buildIdOf(text)
  const cacheFile =
    directory !== undefined && buildId !== undefined ? codeCacheFile(directory, buildId) : undefined
  const cachedData = cacheFile !== undefined ? readCodeCache(cacheFile, stamp) : undefined
  // Node's own CommonJS wrapper, on the bundle's first line: line numbers in stacks stay true.
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) { ${text}\n})`,
    { filename: bundle, ...(cachedData !== undefined ? { cachedData } : {}) }
  )
  const used = cachedData !== undefined && !script.cachedDataRejected
  const cliModule = new Module(bundle)
  cliModule.filename = bundle
  const require = Module.createRequire(bundle)
  require.cache[bundle] = cliModule
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void
  wrapper.call(
    cliModule.exports,
    cliModule.exports,
    require,
    cliModule,
    bundle,
    path.dirname(bundle)
  )
  cliModule.loaded = true
  return {
    cli: cliModule.exports as typeof Cli,
    // After the run V8's cache holds every function the run compiled. A run that only printed
    // its help or version compiled too little to be worth keeping.
    saveCache: (worthCaching) => {
      if (directory === undefined) return 'off'
      if (cacheFile === undefined) return 'off (the bundle has no build id)'
      if (used) return `used ${cacheFile}`
      const rejected = cachedData !== undefined ? 'rejected, ' : ''
      if (!worthCaching) return `${rejected}not written (no scan ran)`
      const written = writeCodeCache(cacheFile, stamp, script.createCachedData())
      return `${rejected}${written ? 'written' : 'not written'} ${cacheFile}`
    }
  }
}

function readBundle(): { bytes: Buffer; stamp: string } {
  const fd = openSync(bundle, 'r')
  try {
    return { stamp: bundleStamp(fstatSync(fd)), bytes: readFileSync(fd) }
  } finally {
    closeSync(fd)
  }
}

/** The build writes cli-core.js in ASCII (rollup.config.js): read as such, nothing to decode. */
function textOf(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')
}

const { cli, saveCache } = load()
void cli.runAsProgram().then((worthCaching) => {
  const outcome = saveCache(worthCaching)
  if (process.env.PORT_HYGIENE_DEBUG) process.stderr.write(`port-hygiene: code cache ${outcome}\n`)
})
