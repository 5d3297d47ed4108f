// `npm run bench`: what a scan costs against its floor, on corpora generated at run time.
//
// The floor is bare `yaml` parseAllDocuments over the same files in one thread: what any tool that
// parses every YAML file must pay. Shared machines are noisy, so every measure is the median of
// several rounds, and the rounds alternate (read, floor, scan, CLI, corpus after corpus) so that a
// noisy neighbour slows every column alike; read the ratios, not the absolute times. Nothing here
// asserts a time: the numbers go into docs/performance.md.
//
//   npm run bench                      every corpus at the sizes, 3 rounds
//   npm run bench -- --quick           a tenth of the sizes, 3 rounds (a minute or two)
//   npm run bench -- --only manifest,conflict --rounds 5 --scale 0.5
//   npm run bench -- --no-cli          in-process measures only (no dist/ needed)
//   npm run bench -- --corpus <folder> one folder of your own instead of the generated corpora
//   npm run bench -- --only startup --cli /tmp/build/cli.js   start-up of a build not in dist/
import { spawnSync } from 'node:child_process'
import nodeModule from 'node:module'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir, cpus, totalmem } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { parseAllDocuments } from 'yaml'
import { scan } from '../src/engine.js'
import { defaultConfig } from '../src/config/types.js'
import { discover } from '../src/discover/discover.js'
import {
  FULL_MANIFEST,
  FULL_MIXED,
  writeBindingsCorpus,
  writeConflictCorpus,
  writeManifestCorpus,
  writeMixedCorpus
} from './corpora.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '..')
const realCorpus = path.resolve(repoRoot, '../shared/corpus/real')

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scale: { type: 'string' },
    rounds: { type: 'string' },
    only: { type: 'string' },
    corpus: { type: 'string' },
    'no-cli': { type: 'boolean', default: false },
    'cold-runs': { type: 'string' },
    cli: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false }
  }
})

const GROUPS = ['manifest', 'mixed', 'conflict', 'bindings', 'real', 'startup'] as const
type Group = (typeof GROUPS)[number]

if (flags.help) {
  console.log(`npm run bench -- [--quick] [--scale <f>] [--rounds <n>] [--only <${GROUPS.join(',')}>]
                  [--no-cli] [--cold-runs <n>] [--corpus <folder>] [--cli <dist/cli.js of a build>]`)
  process.exit(0)
}

const scale = Number(flags.scale ?? (flags.quick ? 0.1 : 1))
const rounds = Math.max(3, Number(flags.rounds ?? 3))
const coldRuns = Number(flags['cold-runs'] ?? 15)
const only = new Set((flags.only ?? GROUPS.join(',')).split(',').map((name) => name.trim()))
for (const name of only) {
  if (!(GROUPS as readonly string[]).includes(name)) {
    console.error(`bench: unknown group "${name}" (groups: ${GROUPS.join(', ')})`)
    process.exit(2)
  }
}
const wanted = (group: Group) => only.has(group)
// Another build's program (a rollup build into a folder of its own) instead of the committed dist/.
const cliPath = path.resolve(flags.cli ?? path.join(repoRoot, 'dist/cli.js'))
const withCli = !flags['no-cli'] && existsSync(cliPath)

interface Corpus {
  name: string
  root: string
  /** Claims or bindings, for the linear-growth rows. */
  count?: number
  group: Group
}

interface Row {
  corpus: Corpus
  files: number
  bytes: number
  read: number[]
  floor: number[]
  scan: number[]
  cli: number[]
  rssMb: number[]
  findings: number
  bindings: number
  outputBytes: number
  /** Set when a measure threw: the corpus is left out of later rounds and its row says why. */
  failed?: string
}

const scaled = (n: number) => Math.max(1, Math.round(n * scale))

function generate(workspace: string): Corpus[] {
  const corpora: Corpus[] = []
  const add = (name: string, group: Group, fill: (root: string) => void, count?: number) => {
    const root = path.join(workspace, name)
    fill(root)
    corpora.push({ name, root, group, ...(count === undefined ? {} : { count }) })
  }
  const manifest = {
    kubernetesFiles: scaled(FULL_MANIFEST.kubernetesFiles),
    composeProjects: scaled(FULL_MANIFEST.composeProjects)
  }
  if (wanted('manifest')) add('manifest', 'manifest', (root) => writeManifestCorpus(root, manifest))
  if (wanted('mixed')) {
    const size = { ...manifest, portFreeFiles: scaled(FULL_MIXED.portFreeFiles) }
    add('mixed', 'mixed', (root) => writeMixedCorpus(root, size))
  }
  if (wanted('conflict')) {
    for (const claims of [2000, 8000].map(scaled)) {
      add(`conflict-${claims}`, 'conflict', (root) => writeConflictCorpus(root, claims), claims)
    }
  }
  if (wanted('bindings')) {
    for (const bindings of [10000, 50000, 100000].map(scaled)) {
      add(
        `bindings-${bindings}`,
        'bindings',
        (root) => writeBindingsCorpus(root, bindings),
        bindings
      )
    }
  }
  return corpora
}

function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function timeSync(work: () => void): number {
  const start = performance.now()
  work()
  return performance.now() - start
}

async function timeAsync(work: () => Promise<void>): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

// Printed by the CLI process itself at exit: peak resident set of the whole process, workers included.
const RSS_HOOK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nbench-maxrss-kb "+process.resourceUsage().maxRSS+"\\n"))'

/**
 * The CLI's environment: its temporary folder in the bench's own, so that Node's compile cache
 * (Node 22.1+, src/compile-cache.ts) is written there, not in the user's, by the first run.
 */
const cliEnv = (workspace: string, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  TMPDIR: path.join(workspace, 'tmp'),
  GITHUB_ACTIONS: undefined,
  ...more
})
let benchWorkspace = tmpdir()

function runCli(root: string): { ms: number; rssMb: number; outputBytes: number } {
  const start = performance.now()
  const child = spawnSync(
    process.execPath,
    ['--import', RSS_HOOK, cliPath, '--format', 'json', '--fail-on', 'never'],
    { cwd: root, maxBuffer: 1 << 30, encoding: 'buffer', env: cliEnv(benchWorkspace) }
  )
  const ms = performance.now() - start
  const stderr = child.stderr.toString()
  if (child.status !== 0) throw new Error(`CLI failed in ${root}: ${stderr.slice(0, 500)}`)
  const kb = Number(/bench-maxrss-kb (\d+)/.exec(stderr)?.[1] ?? NaN)
  return { ms, rssMb: kb / 1024, outputBytes: child.stdout.length }
}

async function prepare(corpus: Corpus): Promise<{ row: Row; files: string[] }> {
  const config = defaultConfig()
  const found = await discover({ root: corpus.root, paths: [], ...config })
  const files = found.files.map((file) => file.absolutePath)
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0)
  const row: Row = {
    corpus,
    files: files.length,
    bytes,
    read: [],
    floor: [],
    scan: [],
    cli: [],
    rssMb: [],
    findings: 0,
    bindings: 0,
    outputBytes: 0
  }
  return { row, files }
}

async function measureRound(row: Row, files: string[]): Promise<void> {
  const config = defaultConfig()
  console.error(`bench: ${row.corpus.name} (${row.files} files)`)
  row.read.push(timeSync(() => files.forEach((file) => readFileSync(file, 'utf8'))))
  row.floor.push(
    timeSync(() => {
      for (const file of files) parseAllDocuments(readFileSync(file, 'utf8'))
    })
  )
  row.scan.push(
    await timeAsync(async () => {
      // One thread, like the floor; the CLI column runs with the default threads (src/parallel/pool.ts).
      const result = await scan({ root: row.corpus.root, paths: [], config, env: {}, threads: 0 })
      row.findings = result.findings.length
      row.bindings = result.model.bindings.length
    })
  )
  if (withCli) {
    const cli = runCli(row.corpus.root)
    row.cli.push(cli.ms)
    row.rssMb.push(cli.rssMb)
    row.outputBytes = cli.outputBytes
  }
}

async function measureSafely(row: Row, files: string[]): Promise<void> {
  try {
    await measureRound(row, files)
  } catch (error) {
    row.failed = String((error as Error).message ?? error)
      .split('\n')[0]!
      .slice(0, 120)
    console.error(`bench: ${row.corpus.name} failed: ${row.failed}`)
  }
}

interface StartUp {
  node: number
  version: number
  examples: number
  /** Node 22.1+: a scan of examples/ with Node's compile cache turned off (a first run). */
  uncached?: number
}

/**
 * Start-up: `node -e 0`, the CLI's `--version` and a text scan of examples/, alternating, the
 * median of each. Where Node has a compile cache (22.1+) the CLI runs with it, written by the
 * warm-up run as by a user's first run, and once more without (NODE_DISABLE_COMPILE_CACHE=1).
 * The target is the scan of examples/ within 2× `node -e 0` (docs/performance.md).
 */
function startUp(): StartUp | undefined {
  if (!withCli) return undefined
  // The CLI runs on this same Node: feature-detected as src/bin.ts does.
  const compileCache = 'enableCompileCache' in nodeModule
  const times = {
    node: [] as number[],
    version: [] as number[],
    examples: [] as number[],
    uncached: [] as number[]
  }
  const examples = [cliPath, 'examples', '--fail-on', 'never']
  const run = (args: string[], env: NodeJS.ProcessEnv) =>
    timeSync(() => {
      const child = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'ignore', env })
      if (child.status !== 0) throw new Error(`failed: ${args.join(' ')}`)
    })
  const env = cliEnv(path.join(benchWorkspace, 'startup'))
  const off = { ...env, NODE_DISABLE_COMPILE_CACHE: '1' }
  run(['-e', '0'], process.env)
  run(examples, env)
  run([cliPath, '--version'], env)
  for (let i = 0; i < coldRuns; i++) {
    times.node.push(run(['-e', '0'], process.env))
    times.version.push(run([cliPath, '--version'], env))
    times.examples.push(run(examples, env))
    if (compileCache) times.uncached.push(run(examples, off))
  }
  return {
    node: median(times.node),
    version: median(times.version),
    examples: median(times.examples),
    ...(compileCache ? { uncached: median(times.uncached) } : {})
  }
}

const ms = (values: number[]) => (values.length ? median(values).toFixed(0) : '–')
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)

function table(rows: Row[]): string {
  const lines = [
    '| corpus | files | MiB | read ms | floor ms | scan ms (1 thread) | scan ÷ floor (1 thread) | CLI ms (whole process, default threads) | **CLI ÷ floor** | CLI peak RSS MB | bindings | findings | JSON bytes |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|'
  ]
  for (const row of rows) {
    if (row.failed) {
      lines.push(
        `| ${row.corpus.name} | ${row.files} | ${mib(row.bytes)} | failed: ${row.failed} |`
      )
      continue
    }
    const ratio = median(row.scan) / median(row.floor)
    lines.push(
      `| ${row.corpus.name} | ${row.files} | ${mib(row.bytes)} | ${ms(row.read)} | ${ms(row.floor)} | ${ms(row.scan)} | ${ratio.toFixed(2)}× | ${ms(row.cli)} | ${row.cli.length ? '**' + (median(row.cli) / median(row.floor)).toFixed(2) + '×**' : '–'} | ${row.rssMb.length ? Math.max(...row.rssMb).toFixed(0) : '–'} | ${row.bindings} | ${row.findings} | ${row.cli.length ? row.outputBytes : '–'} |`
    )
  }
  return lines.join('\n')
}

/** Growth of time and bytes against growth of the input, for the rows of one group. */
function growth(rows: Row[], group: Group, unit: string): string[] {
  const members = rows.filter(
    (row) => row.corpus.group === group && row.corpus.count && !row.failed
  )
  const first = members[0]
  if (!first || members.length < 2) return []
  return members.slice(1).map((row) => {
    const factor = row.corpus.count! / first.corpus.count!
    const scanGrowth = median(row.scan) / median(first.scan)
    const cliGrowth = row.cli.length ? median(row.cli) / median(first.cli) : NaN
    const bytesGrowth = row.cli.length ? row.outputBytes / first.outputBytes : NaN
    return `- ${group}: ${factor.toFixed(0)}× the ${unit} (${first.corpus.count} → ${row.corpus.count}) → scan ${scanGrowth.toFixed(2)}×, CLI ${cliGrowth.toFixed(2)}×, output bytes ${bytesGrowth.toFixed(2)}×`
  })
}

async function main(): Promise<void> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'port-hygiene-bench-'))
  benchWorkspace = workspace
  try {
    const corpora: Corpus[] = flags.corpus
      ? [{ name: path.basename(flags.corpus), root: path.resolve(flags.corpus), group: 'real' }]
      : generate(workspace)
    if (!flags.corpus && wanted('real')) {
      if (existsSync(realCorpus)) corpora.push({ name: 'real', root: realCorpus, group: 'real' })
      else console.error(`bench: ${realCorpus} not found, real corpus left out`)
    }
    if (!withCli && !flags['no-cli']) console.error('bench: dist/cli.js missing (npm run build)')

    const prepared = await Promise.all(corpora.map(prepare))
    // Warm-up round (JIT, file cache), not counted.
    for (const { row, files } of prepared) {
      const warmUp = { ...row, read: [], floor: [], scan: [], cli: [], rssMb: [] }
      await measureSafely(warmUp, files)
      if (warmUp.failed) row.failed = warmUp.failed
    }
    for (let round = 0; round < rounds; round++) {
      for (const { row, files } of prepared) if (!row.failed) await measureSafely(row, files)
    }
    const rows = prepared.map(({ row }) => row)
    const start = wanted('startup') ? startUp() : undefined

    console.log(
      `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; scale ${scale}, ${rounds} rounds (medians)\n`
    )
    console.log(table(rows))
    const lines = [
      ...growth(rows, 'conflict', 'conflicting claims'),
      ...growth(rows, 'bindings', 'distinct bindings')
    ]
    if (lines.length) console.log(`\nLinear growth:\n${lines.join('\n')}`)
    if (start) {
      const ratio = (value: number) =>
        `${value.toFixed(0)} ms (${(value / start.node).toFixed(2)}×)`
      console.log(
        `\nStart-up (${coldRuns} runs each, medians, × node -e 0): node -e 0 ${start.node.toFixed(0)} ms; ` +
          `port-hygiene --version ${ratio(start.version)}; port-hygiene examples/ **${ratio(start.examples)}** (target ≤ 2×)` +
          (start.uncached !== undefined
            ? `; examples/ without Node's compile cache ${ratio(start.uncached)}`
            : '; Node has no compile cache before 22.1')
      )
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true })
  }
}

await main()
