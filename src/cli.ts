// The command line: `port-hygiene [paths...]`. Everything lives in runCli(), which takes its
// arguments and its I/O as parameters so that tests drive it directly; only the last lines of
// this file touch the process.
import { promises as fs, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import packageJson from '../package.json' with { type: 'json' }
import { ConfigError, loadConfig } from './config/load.js'
import { RULES } from './rules/index.js'
import { scan, type ScanResult } from './engine.js'
import { renderJson } from './report/json.js'
import { renderSummary, renderText } from './report/text.js'
import { escapeControls, type Finding, type Severity } from './model.js'
import type { RuleBaseline } from './rules/rule.js'
import { isInside, toPosix } from './discover/discover.js'
import { oneOf, parseCommandLine, UsageError } from './usage.js'
import { headFindings } from './baseline/classify.js'

// A plain scan with a text or JSON report loads only what it runs: the subcommands, `--base`
// (git, child processes) and the SARIF and Markdown renderers are loaded when asked for (in the
// bundle they are chunks of their own, dist/chunks/), which keeps them out of every start-up.

export const TOOL_VERSION: string = packageJson.version

export interface CliIo {
  cwd: string
  env: Record<string, string | undefined>
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stdout is a terminal (colours by default). */
  isTTY: boolean
}

export const EXIT_CLEAN = 0
export const EXIT_FINDINGS = 1
export const EXIT_USAGE = 2

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const
const FAIL_ON = ['error', 'warning', 'never'] as const
const FAIL_ON_SCOPE = ['new', 'all'] as const
type Format = (typeof FORMATS)[number]
type FailOn = (typeof FAIL_ON)[number]
type FailOnScope = (typeof FAIL_ON_SCOPE)[number]

const USAGE = `Usage: port-hygiene [paths...] [options]
       port-hygiene inventory [paths...] [--write FILE | --check FILE] (see inventory --help)
       port-hygiene policy [--output FILE | --check FILE] (see policy --help)
       port-hygiene fleet REPORT.json... (see fleet --help)

Find port problems in Kubernetes manifests and Docker Compose files.
Paths are files, folders or globs (default: the current folder).

Options:
  -c, --config <file>    config file (default: .github/port-hygiene.yml)
  -f, --format <format>  text | json | sarif | markdown (default: text)
  -o, --output <file>    write the report to a file instead of stdout
      --fail-on <level>  error | warning | never (default: error)
      --base <git-ref>   compare with this commit (read from git objects, with its own
                         config): each finding is new or existing, and fixed ones are listed
      --fail-on-scope <scope>
                         new | all: which findings --fail-on counts
                         (default: new with --base, else all)
      --fix              apply the fixes the review suggests (the file's line endings
                         kept; never through a link or outside the scanned folder), scan
                         again, and report what is left
      --fix-dry-run      print those fixes as a unified diff (git apply takes it) and
                         write nothing; the exit code counts what they would leave
      --color            force colours in text output
      --no-color         no colours (NO_COLOR and FORCE_COLOR are honoured too)
  -v, --version          print the version
  -h, --help             print this help

Exit codes: 0 no findings at or above --fail-on (within --fail-on-scope), 1 findings
(with --fix: those left after fixing), 2 usage or config error (or a --base that git
cannot read).
`

interface CliOptions {
  paths: string[]
  config?: string
  format: Format
  output?: string
  failOn: FailOn
  base?: string
  failOnScope: FailOnScope
  color?: boolean
  /** `--fix` writes the fixes; `--fix-dry-run` prints them as a diff. */
  fix?: 'write' | 'dry-run'
  help: boolean
  version: boolean
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    // A folder named like a subcommand is still scanned as `port-hygiene ./inventory`.
    if (argv[0] === 'inventory') {
      const { runInventoryCommand } = await import('./inventory/command.js')
      return await runInventoryCommand(argv.slice(1), io, scanRequested)
    }
    if (argv[0] === 'policy') {
      const { runPolicyCommand } = await import('./policy/command.js')
      return await runPolicyCommand(argv.slice(1), io)
    }
    if (argv[0] === 'fleet') {
      const { runFleetCommand } = await import('./fleet/command.js')
      return await runFleetCommand(argv.slice(1), io)
    }
    const options = parseCliArgs(argv)
    if (options.help) return print(io, USAGE, EXIT_CLEAN)
    if (options.version) return print(io, `${TOOL_VERSION}\n`, EXIT_CLEAN)
    if (options.fix) return await fixAndReport(options, options.fix, io)
    return await scanAndReport(options, io)
  } catch (error) {
    return reportError(error, io)
  }
}

function print(io: CliIo, text: string, code: number): number {
  io.stdout(text)
  return code
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    const command = error.command !== undefined ? `port-hygiene ${error.command}` : 'port-hygiene'
    const after =
      error.usage !== undefined ? `\n${error.usage}` : `Run "${command} --help" for usage.\n`
    io.stderr(`port-hygiene: ${error.message}\n${after}`)
  } else if (error instanceof ConfigError) {
    io.stderr(`port-hygiene: ${error.message}\n`)
  } else {
    // Not the user's fault: say so, and keep the stack for whoever debugs it.
    const detail = io.env.PORT_HYGIENE_DEBUG
      ? String((error as Error)?.stack ?? error)
      : String((error as Error)?.message ?? error)
    io.stderr(`port-hygiene: internal error: ${detail}\n`)
  }
  return EXIT_USAGE
}

function parseCliArgs(argv: string[]): CliOptions {
  const parsed = parseCommandLine(
    argv,
    {
      config: { type: 'string', short: 'c' },
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string', default: 'error' },
      base: { type: 'string' },
      'fail-on-scope': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      version: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    },
    USAGE
  )
  const { values, positionals } = parsed
  const format = oneOf(values.format!, FORMATS, '--format')
  const failOn = oneOf(values['fail-on']!, FAIL_ON, '--fail-on')
  const base = values.base
  const failOnScope =
    values['fail-on-scope'] === undefined
      ? base === undefined
        ? 'all'
        : 'new'
      : oneOf(values['fail-on-scope'], FAIL_ON_SCOPE, '--fail-on-scope')
  if (failOnScope === 'new' && base === undefined) {
    throw new UsageError('--fail-on-scope new needs --base <git-ref> to tell new findings apart')
  }
  for (const [flag, value] of [
    ['--config', values.config],
    ['--output', values.output],
    ['--base', values.base]
  ] as const) {
    if (value !== undefined && value.trim() === '')
      throw new UsageError(`${flag} needs a ${flag === '--base' ? 'git ref' : 'file name'}`)
  }
  const fix = fixMode(values, format)
  const options: CliOptions = {
    paths: positionals,
    format,
    failOn,
    failOnScope,
    help: values.help!,
    version: values.version!
  }
  if (values.config !== undefined) options.config = values.config
  if (values.output !== undefined) options.output = values.output
  if (base !== undefined) options.base = base
  if (values['no-color']) options.color = false
  else if (values.color) options.color = true
  if (fix !== undefined) options.fix = fix
  return options
}

function fixMode(
  values: { fix?: boolean; 'fix-dry-run'?: boolean; base?: string },
  format: Format
): CliOptions['fix'] {
  if (values.fix && values['fix-dry-run']) {
    throw new UsageError('--fix and --fix-dry-run exclude each other: pick one')
  }
  const flag = values.fix ? '--fix' : values['fix-dry-run'] ? '--fix-dry-run' : undefined
  if (flag === undefined) return undefined
  // A fix changes the head, and new and existing are told apart against the base's findings:
  // fixing every finding and then gating on the new ones would be two different questions.
  if (values.base !== undefined) {
    throw new UsageError(`${flag} fixes every finding and cannot be combined with --base`)
  }
  if (flag === '--fix-dry-run' && format !== 'text') {
    throw new UsageError('--fix-dry-run prints a unified diff: leave out --format')
  }
  return flag === '--fix' ? 'write' : 'dry-run'
}

async function scanAndReport(options: CliOptions, io: CliIo): Promise<number> {
  // The base first, so that the head's rules know which claims the change adds (the finding
  // of a new conflict stands on the new claim, as in the action).
  const base = options.base === undefined ? undefined : await scanRef(options.base, options, io)
  const { result, configFile } = await scanRequested(options, io, base?.baseline)
  if (base) {
    result.change = base.compare(result)
    // A merged finding whose rules are partly new is two now (src/baseline/compare.ts).
    result.findings = headFindings(result.findings, result.change)
  }
  const report = await render(result, options, {
    color: options.output === undefined && useColor(options, io),
    ...(configFile !== undefined ? { configFile } : {})
  })
  if (options.output !== undefined) {
    const target = path.resolve(io.cwd, options.output)
    await writeReport(target, report)
    io.stdout(`${renderSummary(result)}\nReport written to ${options.output}\n`)
  } else {
    io.stdout(report)
  }
  return exitCode(gatedFindings(result, options.failOnScope), options.failOn)
}

/**
 * `--fix` / `--fix-dry-run` (src/fix/run.ts): what was fixed, and what was refused, on stderr;
 * stdout holds the report of what is left (`--fix`) or the unified diff (`--fix-dry-run`), so
 * either can be piped. The exit code counts what is left.
 */
async function fixAndReport(
  options: CliOptions,
  mode: NonNullable<CliOptions['fix']>,
  io: CliIo
): Promise<number> {
  const { runFixes } = await import('./fix/run.js')
  const first = await scanRequested(options, io)
  let last = first
  let scans = 0
  const outcome = await runFixes({
    root: first.root,
    maxFileSize: first.maxFileSize,
    dryRun: mode === 'dry-run',
    scan: async () => {
      if (scans++ > 0) last = await scanRequested(options, io)
      return last.result
    }
  })
  const fixes = (count: number) => `${count} ${count === 1 ? 'fix' : 'fixes'}`
  for (const { file, fixes: count } of outcome.changed) {
    const verb = mode === 'dry-run' ? 'would fix' : 'fixed'
    io.stderr(`port-hygiene: ${verb} ${escapeControls(file)} (${fixes(count)})\n`)
  }
  for (const { file, reason } of outcome.refused) {
    io.stderr(`port-hygiene: not fixed: ${escapeControls(file)}: ${reason}\n`)
  }
  if (outcome.changed.length === 0 && outcome.refused.length === 0) {
    io.stderr('port-hygiene: nothing to fix (no finding has an automatic fix)\n')
  }
  const code = exitCode(outcome.left, options.failOn)
  if (mode === 'dry-run') {
    if (options.output !== undefined) {
      await writeReport(path.resolve(io.cwd, options.output), outcome.diff)
      io.stdout(`Diff written to ${options.output}\n`)
    } else io.stdout(outcome.diff)
    return code
  }
  const report = await render(outcome.result, options, {
    color: options.output === undefined && useColor(options, io),
    ...(last.configFile !== undefined ? { configFile: last.configFile } : {})
  })
  if (options.output !== undefined) {
    await writeReport(path.resolve(io.cwd, options.output), report)
    io.stdout(`${renderSummary(outcome.result)}\nReport written to ${options.output}\n`)
  } else io.stdout(report)
  return code
}

/** `--base`: scan the ref's tree from git objects, to classify this scan's findings against it. */
async function scanRef(
  ref: string,
  options: CliOptions,
  io: CliIo
): Promise<{
  baseline: RuleBaseline
  compare: (result: ScanResult) => NonNullable<ScanResult['change']>
}> {
  // The same folders the head scan reads (planScan is a pure function of the request).
  const plan = planScan(io.cwd, options.paths)
  const [
    { baselineOf, compareScans, scanBase },
    { BaseUnavailableError, repositoryRoot, resolveCommit }
  ] = await Promise.all([import('./baseline/compare.js'), import('./baseline/git.js')])
  try {
    const sha = await resolveCommit(await repositoryRoot(plan.root), ref)
    const base = await scanBase({
      root: plan.root,
      paths: plan.paths,
      sha,
      ...(options.config !== undefined ? { configPath: path.resolve(io.cwd, options.config) } : {}),
      exclude: [],
      env: io.env
    })
    return {
      baseline: baselineOf(base.result),
      compare: (result) => compareScans(result, base, sha)
    }
  } catch (error) {
    if (error instanceof BaseUnavailableError) throw new UsageError(`--base: ${error.message}`)
    throw error
  }
}

/** The findings `--fail-on` counts: the new ones under `--fail-on-scope new`. */
function gatedFindings(result: ScanResult, scope: FailOnScope): Finding[] {
  return scope === 'new' && result.change ? result.change.added : result.findings
}

export interface RequestedScan {
  root: string
  result: ScanResult
  configFile?: string
  /** The config's size limit for a file (`maxFileSize`), for reading files again. */
  maxFileSize: number
}

/** Scans what the command line names, with its config; a path that matches nothing is a usage error. */
export async function scanRequested(
  options: { paths: string[]; config?: string },
  io: Pick<CliIo, 'cwd' | 'env'>,
  baseline?: RuleBaseline
): Promise<RequestedScan> {
  const plan = planScan(io.cwd, options.paths)
  const config = await loadConfig({
    rules: RULES,
    root: plan.root,
    ...(options.config !== undefined ? { configPath: path.resolve(io.cwd, options.config) } : {})
  })
  const result = await scan({
    root: plan.root,
    paths: plan.paths,
    config,
    env: io.env,
    ...(baseline ? { baseline } : {})
  })
  if (result.unmatched.length > 0) {
    const names = result.unmatched.map((request) => `"${plan.original.get(request) ?? request}"`)
    throw new UsageError(`${names.join(', ')} matched no file`)
  }
  return {
    root: plan.root,
    result,
    maxFileSize: config.maxFileSize,
    ...(config.configFile !== undefined ? { configFile: config.configFile } : {})
  }
}

async function writeReport(target: string, report: string): Promise<void> {
  try {
    await fs.mkdir(path.dirname(target), { recursive: true })
    await fs.writeFile(target, report, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot write the report: ${(error as Error).message}`)
  }
}

async function render(
  result: ScanResult,
  options: CliOptions,
  extra: { color: boolean; configFile?: string }
): Promise<string> {
  switch (options.format) {
    case 'json':
      return renderJson(result, {
        toolVersion: TOOL_VERSION,
        ...(extra.configFile !== undefined ? { configFile: extra.configFile } : {})
      })
    case 'sarif': {
      const { renderSarif } = await import('./report/sarif.js')
      return renderSarif(result, { toolVersion: TOOL_VERSION })
    }
    case 'markdown': {
      const { renderMarkdown } = await import('./report/markdown.js')
      return renderMarkdown(result, result.change ? { scope: options.failOnScope } : {})
    }
    case 'text':
      return `${configLine(extra.configFile)}\n\n${renderText(result, { color: extra.color })}`
  }
}

/** The text report opens with the config in use, so a surprising result has an obvious first suspect. */
function configLine(configFile: string | undefined): string {
  return configFile !== undefined
    ? `Config: ${configFile}`
    : 'Config: none found (built-in defaults; create .github/port-hygiene.yml or pass --config)'
}

/** Flags first, then FORCE_COLOR (which Node lets override NO_COLOR), then NO_COLOR, then the TTY. */
function useColor(options: { color?: boolean }, io: Pick<CliIo, 'env' | 'isTTY'>): boolean {
  if (options.color !== undefined) return options.color
  const force = io.env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force !== 'false'
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false
  return io.isTTY
}

const FAIL_THRESHOLD: Record<FailOn, Severity[]> = {
  error: ['error'],
  warning: ['error', 'warning'],
  never: []
}

function exitCode(findings: readonly Finding[], failOn: FailOn): number {
  const failing = FAIL_THRESHOLD[failOn]
  return findings.some((finding) => failing.includes(finding.severity)) ? EXIT_FINDINGS : EXIT_CLEAN
}

// ---------------------------------------------------------------------------------------------
// Where to scan

export interface ScanPlan {
  /** Absolute scan root: reported paths are relative to it, config is looked up under it. */
  root: string
  /** The requested paths, relative to the root (POSIX). */
  paths: string[]
  /** Root-relative path → what the user typed, for messages. */
  original: Map<string, string>
}

/**
 * The root is the current folder, so that reported paths are relative to where the user stands
 * (and clickable). When a path lies outside it, the root becomes the deepest folder holding every
 * requested path: reported paths stay relative and never start with `../`.
 */
export function planScan(cwd: string, requests: string[]): ScanPlan {
  const targets = requests.map((request) => ({ request, ...splitGlob(path.resolve(cwd, request)) }))
  const outside = targets.some((target) => !isInside(cwd, target.base))
  const root = outside ? commonAncestor(targets.map((target) => folderOf(target.base))) : cwd
  const original = new Map<string, string>()
  const paths = targets.map((target) => {
    const base = toPosix(path.relative(root, target.base))
    const relative = [base, target.pattern].filter(Boolean).join('/') || '.'
    original.set(relative, target.request)
    return relative
  })
  return { root, paths, original }
}

/** `/repo/k8s/**\/*.yaml` → base `/repo/k8s`, pattern `**\/*.yaml`; no glob → pattern ''. */
function splitGlob(absolute: string): { base: string; pattern: string } {
  const parts = toPosix(absolute).split('/')
  const first = parts.findIndex((part) => /[*?[\]{}]/.test(part))
  if (first === -1) return { base: absolute, pattern: '' }
  return {
    base: path.resolve(parts.slice(0, first).join('/') || '/'),
    pattern: parts.slice(first).join('/')
  }
}

function folderOf(absolute: string): string {
  try {
    return statSync(absolute).isDirectory() ? absolute : path.dirname(absolute)
  } catch {
    return path.dirname(absolute)
  }
}

function commonAncestor(folders: string[]): string {
  return folders.reduce((common, folder) => {
    let candidate = common
    while (!isInside(candidate, folder)) candidate = path.dirname(candidate)
    return candidate
  })
}

// ---------------------------------------------------------------------------------------------
// The process: only when this file is the program being run (not when a test imports it).

function isEntryPoint(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    // npm's bin links are symlinks: compare real paths.
    return pathToFileURL(realpathSync(script)).href === import.meta.url
  } catch {
    return false
  }
}

/** Runs the CLI as this process, on its command line. */
export async function runAsProgram(argv = process.argv.slice(2)): Promise<void> {
  const output = { stdout: processStream(process.stdout), stderr: processStream(process.stderr) }
  const code = await runCli(argv, {
    cwd: process.cwd(),
    env: process.env,
    ...output,
    isTTY: process.stdout.isTTY === true
  })
  // An exit code, not process.exit(): Node exits once a pipe's reader has taken every byte
  // written to it, so a large report to a slow reader arrives whole.
  process.exitCode = code
}

/**
 * Node's own stream. A reader that went away (`port-hygiene | head`) is an EPIPE error on it,
 * which would end the program with a stack trace: that output ends quietly instead, the exit
 * code stays the scan's.
 */
function processStream(stream: NodeJS.WriteStream): (text: string) => void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
  return (text) => void stream.write(text)
}

// Not a top-level await: the bundle's lazily loaded chunks import from the bundle, and a chunk
// imported while the bundle still awaited would wait for it forever (Node exits with code 13).
if (isEntryPoint()) void runAsProgram()
