// The pipeline, in one direction: discover → read + parse → extract → rules → findings.
// Per-file work (read, pre-filter, parse, Kubernetes extraction: src/scan-file.ts) depends on no
// other file and may run on worker threads; Compose projects are assembled afterwards, on this
// thread, because a project spans files (overrides, include, extends, .env).
import { readFileSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { discover, isInside } from './discover/discover.js'
import { parseYamlFile, type ParsedFile } from './parse/yaml.js'
import { extractCompose, type ComposeFileSystem } from './extract/compose/index.js'
import {
  emptyModel,
  type ConflictGroup,
  type Finding,
  type InventoryDocument,
  type ScanModel
} from './model.js'
import { scanFiles } from './parallel/pool.js'
import { runRules } from './rules/run.js'
import type { ResolvedConfig } from './config/types.js'

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
}

export async function scan(request: ScanRequest): Promise<ScanResult> {
  const { config } = request
  const discovery = await discover({
    root: request.root,
    paths: request.paths,
    include: config.include,
    exclude: config.exclude,
    maxFileSize: config.maxFileSize
  })
  const model = emptyModel()
  model.skippedFiles.push(...discovery.skipped)

  const threads = request.threads ?? threadsFromEnv(request.env)
  const fileScans = await scanFiles(discovery.files, {
    prefilter: request.prefilter ?? true,
    ...(threads === undefined ? {} : { threads })
  })
  const composeFiles: ParsedFile[] = []
  for (const { scan: result, composeParsed } of fileScans) {
    if (result.skipped) {
      model.skippedFiles.push({ file: result.file, reason: result.skipped })
      continue
    }
    model.parseErrors.push(...result.parseErrors)
    model.suppressions.push(...result.suppressions)
    model.purposeComments.push(...result.purposeComments)
    model.files.push(result.scanned!)
    if (result.kubernetes) mergeInto(model, result.kubernetes)
    if (result.composeText !== undefined) {
      composeFiles.push(composeParsed ?? parseYamlFile(result.file, result.composeText))
    }
  }

  if (composeFiles.length > 0) {
    const compose = extractCompose(
      composeFiles,
      composeFileSystem(request.root, config.maxFileSize),
      request.env
    )
    mergeInto(model, compose)
  }

  for (const file of request.inventoryFiles ?? []) {
    model.inventoryDocuments.push(readInventoryDocument(request.root, file, config.maxFileSize))
  }

  const { findings, suppressed, conflicts } = runRules(model, config)
  return { model, findings, suppressed, unmatched: discovery.unmatched, conflicts }
}

/**
 * Compose projects reach files that discovery may not have listed (`.env`, included files in
 * excluded folders): the loader reads those itself, inside the root only, and reuses every
 * Compose file that was already parsed.
 */
function composeFileSystem(root: string, maxFileSize: number): ComposeFileSystem {
  const cache = new Map<string, ParsedFile | undefined>()
  const inside = (relative: string) => {
    const absolute = path.resolve(root, relative)
    const back = path.relative(root, absolute)
    return back !== '' && !back.startsWith('..') && !path.isAbsolute(back) ? absolute : undefined
  }
  return {
    rootName: path.basename(root),
    readText(relative) {
      const absolute = inside(relative)
      if (!absolute) return undefined
      try {
        return readFileSyncSafe(root, absolute, maxFileSize)
      } catch {
        return undefined
      }
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

function readInventoryDocument(root: string, file: string, maxFileSize: number): InventoryDocument {
  const absolute = path.resolve(root, file)
  if (!isInside(root, absolute)) return { file, problem: 'it is outside the scanned folder' }
  try {
    const text = readFileSyncSafe(root, absolute, maxFileSize)
    return text === undefined
      ? { file, problem: 'it is not a regular file inside the scanned folder under the size limit' }
      : { file, text: text.replace(/^\uFEFF/, '') }
  } catch {
    return { file, problem: 'it does not exist' }
  }
}

/** Included files obey the same size limit as discovered ones (`maxFileSize` in the config). */
function readFileSyncSafe(root: string, absolute: string, maxFileSize: number): string | undefined {
  const real = realpathSync(absolute)
  if (!isInside(realpathSync(root), real)) return undefined
  const stat = statSync(real)
  if (!stat.isFile() || stat.size > maxFileSize) return undefined
  return readFileSync(real, 'utf8')
}

/** `PORT_HYGIENE_THREADS=0` keeps all work on one thread (e.g. on a runner with one core); n sets the number. */
function threadsFromEnv(env: Record<string, string | undefined>): number | undefined {
  const value = env.PORT_HYGIENE_THREADS?.trim()
  return value && /^\d+$/.test(value) ? Number(value) : undefined
}

function mergeInto(model: ScanModel, part: Partial<ScanModel>): void {
  for (const key of Object.keys(part) as Array<keyof ScanModel>) {
    const items = part[key]
    if (Array.isArray(items)) (model[key] as unknown[]).push(...items)
  }
}
