// The pipeline, in one direction: discover → read + parse → extract → rules → findings.
// Per-file work (read, parse, Kubernetes extraction) depends on no other file; Compose projects
// are assembled afterwards because a project spans files (overrides, include, extends, .env).
import { promises as fs, readFileSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { discover, isInside, type DiscoveredFile } from './discover/discover.js'
import { parseYamlFile, type ParsedFile } from './parse/yaml.js'
import { classifyFile } from './extract/classify.js'
import { extractKubernetes } from './extract/kubernetes.js'
import { extractCompose, type ComposeFileSystem } from './extract/compose/index.js'
import {
  emptyModel,
  type ChangeSet,
  type ConflictGroup,
  type Finding,
  type FileFormat,
  type InventoryDocument,
  type ScanModel
} from './model.js'
import { runRules } from './rules/run.js'
import { assignIdentities } from './rules/identity.js'
import { attachFixes } from './rules/fixes.js'
import type { ResolvedConfig } from './config/types.js'

export interface ScanRequest {
  /** Absolute path; file paths in findings are relative to it. */
  root: string
  /** Files, folders or globs relative to the root; empty = the whole root. */
  paths: string[]
  config: ResolvedConfig
  /** Variables for Compose interpolation (process.env in the CLI and the action). */
  env: Record<string, string | undefined>
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
  /** Set when the scan was compared with a base (a pull request, `--base`): new, existing, fixed. */
  change?: ChangeSet
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

  const parsedFiles = await Promise.all(discovery.files.map((file) => readAndParse(file)))
  const composeFiles: ParsedFile[] = []
  for (const result of parsedFiles) {
    if (result.skipped) {
      model.skippedFiles.push({ file: result.file, reason: result.skipped })
      continue
    }
    const parsed = result.parsed!
    model.parseErrors.push(...parsed.parseErrors)
    model.suppressions.push(...parsed.suppressions)
    model.purposeComments.push(...parsed.purposeComments)
    const format: FileFormat = classifyFile(parsed)
    model.files.push({ file: parsed.file, format, documents: parsed.documents.length })
    if (format === 'kubernetes') mergeInto(model, extractKubernetes(parsed))
    if (format === 'compose') composeFiles.push(parsed)
  }

  if (composeFiles.length > 0) {
    const compose = extractCompose(
      composeFiles,
      composeFileSystem(request.root, parsedFiles, config.maxFileSize),
      request.env
    )
    mergeInto(model, compose)
  }

  for (const file of request.inventoryFiles ?? []) {
    model.inventoryDocuments.push(readInventoryDocument(request.root, file, config.maxFileSize))
  }

  const { findings, suppressed, conflicts } = runRules(model, config)
  assignIdentities([...findings, ...suppressed])
  const texts = new Map<string, string>()
  for (const result of parsedFiles) if (result.parsed) texts.set(result.file, result.parsed.text)
  attachFixes(findings, { model, ranges: config.ranges, textOf: (file) => texts.get(file) })
  return { model, findings, suppressed, unmatched: discovery.unmatched, conflicts }
}

interface ReadResult {
  file: string
  parsed?: ParsedFile
  skipped?: string
}

async function readAndParse(file: DiscoveredFile): Promise<ReadResult> {
  let buffer: Buffer
  try {
    buffer = await fs.readFile(file.absolutePath)
  } catch (error) {
    return { file: file.file, skipped: `could not be read: ${(error as Error).message}` }
  }
  if (looksBinary(buffer)) return { file: file.file, skipped: 'not a text file' }
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '')
  return { file: file.file, parsed: parseYamlFile(file.file, text) }
}

/** A NUL byte in the first 8 KiB is how git and grep tell binary files too. */
function looksBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8192).includes(0)
}

/**
 * Compose projects reach files that discovery may not have listed (`.env`, included files in
 * excluded folders): the loader reads those itself, inside the root only, and reuses every file
 * that was already parsed.
 */
function composeFileSystem(
  root: string,
  parsedFiles: ReadResult[],
  maxFileSize: number
): ComposeFileSystem {
  const cache = new Map<string, ParsedFile | undefined>()
  for (const result of parsedFiles) if (result.parsed) cache.set(result.file, result.parsed)
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

function mergeInto(model: ScanModel, part: Partial<ScanModel>): void {
  for (const key of Object.keys(part) as Array<keyof ScanModel>) {
    const items = part[key]
    if (Array.isArray(items)) (model[key] as unknown[]).push(...items)
  }
}
