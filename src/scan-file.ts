// Per-file work: read → pre-filter → parse → classify → Kubernetes extraction. It depends on no
// other file and returns plain data, so that it can run on a worker thread (src/parallel/).
// Compose files are only classified here: a project spans files, so the engine loads projects
// afterwards, on the main thread, from the text this returns.
import { readFileSync } from 'node:fs'
import type { DiscoveredFile } from './discover/discover.js'
import { classifyFile, isComposeFileName } from './extract/classify.js'
import { extractKubernetes } from './extract/kubernetes.js'
import type {
  CommentSuppression,
  ParseFailure,
  PurposeComment,
  ScanModel,
  ScannedFile
} from './model.js'
import { prefilter } from './parse/prefilter.js'
import {
  findPurposeComments,
  findSuppressionComments,
  parseYamlFile,
  type ParsedFile
} from './parse/yaml.js'

export interface FileScanOptions {
  /** Leave out documents that cannot hold anything a rule reads (src/parse/prefilter.ts). */
  prefilter: boolean
}

export interface FileScan {
  file: string
  /** Why the file was not scanned: unreadable, not text. */
  skipped?: string
  scanned?: ScannedFile
  parseErrors: ParseFailure[]
  suppressions: CommentSuppression[]
  purposeComments: PurposeComment[]
  /** What the Kubernetes loader found (bindings, services, ...). */
  kubernetes?: Partial<ScanModel>
  /** A Compose file's text, for the project loader. */
  composeText?: string
}

/** The scan of one file, and in the thread that read it its parse (YAML nodes stay in their thread). */
export interface LocalFileScan {
  scan: FileScan
  /** A Compose file parsed in full, so that the project loader need not parse it again. */
  composeParsed?: ParsedFile
}

export function scanFile(file: DiscoveredFile, options: FileScanOptions): LocalFileScan {
  let buffer: Buffer
  try {
    buffer = readFileSync(file.absolutePath)
  } catch (error) {
    return skippedScan(file.file, `could not be read: ${(error as Error).message}`)
  }
  if (looksBinary(buffer)) return skippedScan(file.file, 'not a text file')
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '')
  return scanText(file.file, text, options)
}

export function scanText(file: string, text: string, options: FileScanOptions): LocalFileScan {
  // Compose files are never filtered: every part of them (x- anchors, includes, extends) may
  // matter to a project.
  const filtered = options.prefilter && !isComposeFileName(file) ? prefilter(text) : undefined
  const parsed = parseYamlFile(file, filtered?.text ?? text)
  let format = classifyFile(parsed)
  if (filtered?.skippedKubernetes) format = 'kubernetes'
  const scan: FileScan = {
    file,
    scanned: {
      file,
      format,
      documents: parsed.documents.length + (filtered?.skippedDocuments ?? 0)
    },
    parseErrors: parsed.parseErrors,
    // From the whole text: a comment in a left-out document is still checked and counted.
    suppressions: filtered ? findSuppressionComments(file, text) : parsed.suppressions,
    purposeComments: filtered ? findPurposeComments(file, text) : parsed.purposeComments
  }
  if (format === 'kubernetes') {
    const { parseErrors, ...found } = extractKubernetes(parsed)
    scan.parseErrors = [...scan.parseErrors, ...(parseErrors ?? [])]
    scan.kubernetes = found
  }
  if (format !== 'compose') return { scan }
  scan.composeText = text
  return filtered ? { scan } : { scan, composeParsed: parsed }
}

function skippedScan(file: string, reason: string): LocalFileScan {
  return { scan: { file, skipped: reason, parseErrors: [], suppressions: [], purposeComments: [] } }
}

/** A NUL byte in the first 8 KiB is how git and grep tell binary files too. */
function looksBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8192).includes(0)
}
