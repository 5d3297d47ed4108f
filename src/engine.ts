// The pipeline, in one direction: discover → read + parse → extract → rules → findings.
// Per-file work (read, pre-filter, parse, Kubernetes extraction: src/scan-file.ts) depends on no
// other file and may run on worker threads; Compose projects are assembled afterwards, on this
// thread, because a project spans files (overrides, include, extends, .env).
import path from 'node:path'
import { discover } from './discover/discover.js'
import { looksBinary, readGuarded } from './discover/read.js'
import { parseYamlFile, type ParsedFile } from './parse/yaml.js'
import { extractCompose, type ComposeFileSystem } from './extract/compose/index.js'
import {
  emptyModel,
  formatLocation,
  type ChangeSet,
  type ConflictGroup,
  type Finding,
  type InventoryDocument,
  type ScanModel
} from './model.js'
import { scanFiles } from './parallel/pool.js'
import { runRules, sortFindings } from './rules/run.js'
import type { RuleBaseline } from './rules/rule.js'
import { assignIdentities } from './rules/identity.js'
import { attachFixes } from './rules/fixes.js'
import { mergeFindings } from './rules/merge-findings.js'
import type { ResolvedConfig } from './config/types.js'
import { limitsFromEnv } from './limits.js'
import { append } from './append.js'

export interface ScanRequest {
  /** Absolute path; file paths in findings are relative to it. */
  root: string
  /** Files, folders or globs relative to the root; empty = the whole root. */
  paths: string[]
  config: ResolvedConfig
  /** Variables for Compose interpolation (process.env in the CLI and the action). */
  env: Record<string, string | undefined>
  /** Leave out documents no rule can need before parsing (default true; src/parse/prefilter.ts). */
  prefilter?: boolean
  /** Worker threads for per-file work: 0 = none; default: chosen by the number and size of files. */
  threads?: number
  /** Committed port inventories (PORTS.md) to check, relative to the root. */
  inventoryFiles?: string[]
  /** The base of the change under review, when known: a conflict is reported on the side it adds. */
  baseline?: RuleBaseline
}

export interface ScanResult {
  model: ScanModel
  /** Active findings, sorted by file, line, column, rule. */
  findings: Finding[]
  /** Findings silenced by a suppression comment or annotation, same order. */
  suppressed: Finding[]
  /** Paths the request named that matched nothing. */
  unmatched: string[]
  /** Every conflict group (duplicate-host-port), once, with all its members. */
  conflicts: ConflictGroup[]
  /** Set when the scan was compared with a base (a pull request, `--base`): new, existing, fixed. */
  change?: ChangeSet
}

export async function scan(request: ScanRequest): Promise<ScanResult> {
  const { config } = request
  const limits = limitsFromEnv(request.env)
  const discovery = await discover({
    root: request.root,
    paths: request.paths,
    include: config.include,
    exclude: config.exclude,
    maxFileSize: config.maxFileSize
  })
  const model = emptyModel()
  append(model.skippedFiles, discovery.skipped)

  const root = discovery.root
  const threads = request.threads ?? threadsFromEnv(request.env)
  const fileScans = await scanFiles(discovery.files, {
    root,
    maxFileSize: config.maxFileSize,
    expansionBudget: limits.expansionBudget,
    prefilter: request.prefilter ?? true,
    ...(threads === undefined ? {} : { threads })
  })
  const composeFiles: ParsedFile[] = []
  for (const { scan: result, composeParsed } of fileScans) {
    if (result.skipped) {
      model.skippedFiles.push({ file: result.file, reason: result.skipped })
      continue
    }
    append(model.parseErrors, result.parseErrors)
    append(model.suppressions, result.suppressions)
    append(model.purposeComments, result.purposeComments)
    append(model.duplicateKeys, result.duplicateKeys)
    model.files.push(result.scanned!)
    if (result.kubernetes) mergeInto(model, result.kubernetes)
    if (result.composeText !== undefined) {
      composeFiles.push(composeParsed ?? parseYamlFile(result.file, result.composeText))
    }
  }

  if (composeFiles.length > 0) {
    const compose = extractCompose(
      composeFiles,
      composeFileSystem(root, composeFiles, config.maxFileSize),
      request.env,
      { maxValueLength: limits.maxValueLength, expansionBudget: limits.expansionBudget }
    )
    // An included file that was scanned on its own (as Kubernetes) has its duplicates already.
    const reported = new Set(
      model.duplicateKeys.map((duplicate) => formatLocation(duplicate.location))
    )
    compose.duplicateKeys = compose.duplicateKeys?.filter(
      (duplicate) => !reported.has(formatLocation(duplicate.location))
    )
    mergeInto(model, compose)
  }

  for (const file of request.inventoryFiles ?? []) {
    model.inventoryDocuments.push(readInventoryDocument(request.root, file, config.maxFileSize))
  }

  const { findings, suppressed, conflicts } = runRules(model, config, request.baseline)
  assignIdentities([...findings, ...suppressed])
  // Fixes quote the lines they change: the few files with a finding are read again, through the
  // guard, rather than every file's text kept (or sent back from the workers). Compose files are
  // at hand already.
  const texts = new Map<string, string | undefined>(
    composeFiles.map((parsed) => [parsed.file, parsed.text])
  )
  const textOf = (file: string) => {
    if (!texts.has(file)) {
      const read = readGuarded(root, file, { maxSize: config.maxFileSize })
      texts.set(file, read.refused === undefined ? read.text : undefined)
    }
    return texts.get(file)
  }
  attachFixes(findings, { model, ranges: config.ranges, textOf })
  // Last, once each rule's finding is whole (suppressed per rule, identified, fixed): one line,
  // one finding; one object copied into several files, one finding.
  return {
    model,
    findings: sortFindings(mergeFindings(findings)),
    suppressed,
    unmatched: discovery.unmatched,
    conflicts
  }
}

/**
 * Compose projects reach files that discovery may not have listed (`.env`, included files in
 * excluded folders): the loader reads those itself, through the same guard (inside the root
 * after links, regular, size-capped), and reuses every Compose file that was already parsed.
 */
function composeFileSystem(
  root: string,
  composeFiles: ParsedFile[],
  maxSize: number
): ComposeFileSystem {
  const cache = new Map<string, ParsedFile | undefined>()
  for (const parsed of composeFiles) cache.set(parsed.file, parsed)
  const inside = (relative: string) => {
    const back = path.posix.normalize(relative)
    return back !== '.' && !back.startsWith('../') && !path.posix.isAbsolute(back)
  }
  return {
    rootName: path.basename(root),
    readText(relative) {
      if (!inside(relative)) return undefined
      const read = readGuarded(root, relative, { maxSize })
      return read.refused !== undefined || looksBinary(read.text) ? undefined : read.text
    },
    parse(relative) {
      if (cache.has(relative)) return cache.get(relative)
      const text = this.readText(relative)
      const parsed = text === undefined ? undefined : parseYamlFile(relative, text)
      cache.set(relative, parsed)
      return parsed
    }
  }
}

/** The committed inventory (`inventory-file`), through the same guard as every other file. */
function readInventoryDocument(root: string, file: string, maxFileSize: number): InventoryDocument {
  const read = readGuarded(root, file, { maxSize: maxFileSize })
  if (read.refused !== undefined) return { file, problem: read.refused }
  return { file, text: read.text }
}

/** `PORT_HYGIENE_THREADS=0` keeps all work on one thread (e.g. on a runner with one core); n sets the number. */
function threadsFromEnv(env: Record<string, string | undefined>): number | undefined {
  const value = env.PORT_HYGIENE_THREADS?.trim()
  return value && /^\d+$/.test(value) ? Number(value) : undefined
}

function mergeInto(model: ScanModel, part: Partial<ScanModel>): void {
  for (const key of Object.keys(part) as Array<keyof ScanModel>) {
    const items = part[key]
    if (Array.isArray(items)) append(model[key] as unknown[], items)
  }
}
