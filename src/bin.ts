// The program npm links as `port-hygiene` (dist/cli.js): it turns on Node's compile cache where
// that is safe (src/compile-cache.ts), then loads the CLI's bundle (dist/cli-core.js, built from
// src/cli.ts) and runs it. The two are apart so that the cache, on before the bundle loads,
// covers all of the CLI.
import nodeModule, { createRequire } from 'node:module'
import { lstatSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type * as Cli from './cli.js'
import { decideCompileCache, scanRootHolding, type CompileCacheSetting } from './compile-cache.js'

/** Node 22.1+ (not in Node 20's types). */
interface CompileCacheApi {
  enableCompileCache?: (directory: string) => { status: number; message?: string }
  getCompileCacheDir?: () => string | undefined
}

function startCompileCache(): string {
  const api = nodeModule as unknown as CompileCacheApi
  if (typeof api.enableCompileCache !== 'function') return 'unavailable (Node 22.1+)'
  const setting: CompileCacheSetting = {
    env: process.env,
    cwd: process.cwd(),
    args: process.argv.slice(2),
    tmpdir: tmpdir(),
    realpath: (file) => realpathSync.native(file),
    lstat: (file) => lstatSync(file, { throwIfNoEntry: false }),
    uid: typeof process.getuid === 'function' ? process.getuid() : undefined
  }
  // NODE_COMPILE_CACHE: Node turned the cache on itself, before this program ran, and it cannot be
  // turned off from here. Inside a folder being scanned, the files scanned could plant code in it.
  const active = api.getCompileCacheDir?.()
  if (active) {
    const root = scanRootHolding(active, setting)
    if (root !== undefined) {
      process.stderr.write(
        `port-hygiene: warning: Node's compile cache (NODE_COMPILE_CACHE) ${JSON.stringify(active)} ` +
          `is inside ${JSON.stringify(root)}, which may be scanned: files there can run as code. ` +
          'Move it, or set NODE_DISABLE_COMPILE_CACHE=1.\n'
      )
    }
    return `on (NODE_COMPILE_CACHE) ${active}`
  }
  const decision = decideCompileCache(setting)
  if ('off' in decision) return `off: ${decision.off}`
  const result = api.enableCompileCache(decision.directory)
  return result.status === 1
    ? `on ${decision.directory}`
    : `not on: ${result.message ?? result.status}`
}

/** Any failure deciding (a folder that cannot be read, say) leaves the cache off, never the CLI. */
function startCompileCacheSafely(): string {
  try {
    return startCompileCache()
  } catch (error) {
    return `off: ${(error as Error).message}`
  }
}

const outcome = startCompileCacheSafely()
if (process.env.PORT_HYGIENE_DEBUG) process.stderr.write(`port-hygiene: compile cache ${outcome}\n`)
// Not bundled into this file (rollup leaves a require it cannot see through alone).
const cli = createRequire(import.meta.url)('./cli-core.js') as typeof Cli
void cli.runAsProgram()
