// `npm run bench`: scan throughput against its floor, bare `yaml` parsing of the same files.
//
// Shared machines are noisy, so we report medians of several rounds and a ratio measured in the
// same process, not absolute times; nothing here asserts a time. The corpus is the real manifests
// in ../shared/corpus/real (one scan per repository, as a user would run it), or a folder given
// as the first argument.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { parseAllDocuments } from 'yaml'
import { scan } from '../src/engine.js'
import { defaultConfig } from '../src/config/types.js'
import { discover } from '../src/discover/discover.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
const here = path.dirname(fileURLToPath(import.meta.url))
const corpus = path.resolve(process.argv[2] ?? path.join(here, '../../shared/corpus/real'))

if (!existsSync(corpus)) {
  console.error(`bench: no corpus at ${corpus}; pass a folder: npm run bench -- <folder>`)
  process.exit(2)
}

/** Each repository of the corpus is scanned as its own root; a plain folder is one root. */
function roots(): string[] {
  const children = readdirSync(corpus, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.includes('__'))
    .map((entry) => path.join(corpus, entry.name))
  return children.length > 0 ? children.sort() : [corpus]
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function main(): Promise<void> {
  const config = defaultConfig()
  const repos = roots()
  const files: string[] = []
  for (const root of repos) {
    const found = await discover({ root, paths: [], ...config })
    files.push(...found.files.map((file) => file.absolutePath))
  }
  const bytes = files.reduce((sum, file) => sum + readFileSync(file).length, 0)

  // Floor: read and parse every document of every file, nothing else.
  const parseOnly = async () => {
    for (const file of files) parseAllDocuments(readFileSync(file, 'utf8'))
  }
  let bindings = 0
  let findings = 0
  const fullScan = async () => {
    bindings = 0
    findings = 0
    for (const root of repos) {
      const result = await scan({ root, paths: [], config, env: {} })
      bindings += result.model.bindings.length
      findings += result.findings.length
    }
  }

  await parseOnly() // warm-up: JIT and file cache
  await fullScan()
  const parseTimes: number[] = []
  const scanTimes: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, so that a noisy neighbour slows both sides alike.
    parseTimes.push(await time(parseOnly))
    scanTimes.push(await time(fullScan))
  }
  const parseMs = median(parseTimes)
  const scanMs = median(scanTimes)
  const mb = bytes / 1024 / 1024
  console.log(`corpus: ${corpus}`)
  console.log(
    `files: ${files.length} in ${repos.length} roots, ${mb.toFixed(1)} MiB; rounds: ${ROUNDS}`
  )
  console.log(`model: ${bindings} port bindings, ${findings} findings`)
  console.log(
    `bare yaml parse: median ${parseMs.toFixed(0)} ms (${(mb / (parseMs / 1000)).toFixed(1)} MiB/s)`
  )
  console.log(
    `port-hygiene scan: median ${scanMs.toFixed(0)} ms (${(mb / (scanMs / 1000)).toFixed(1)} MiB/s)`
  )
  console.log(
    `throughput ratio (scan / bare parse): ${(parseMs / scanMs).toFixed(2)}x (goal: at least 0.60x)`
  )
}

async function time(work: () => Promise<void>): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

await main()
