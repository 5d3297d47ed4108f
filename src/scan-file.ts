// Per-file work: read → pre-filter → parse → classify → Kubernetes extraction. It depends on no
// other file and returns plain data, so that it can run on a worker thread (src/parallel/).
// Compose files are only classified here: a project spans files, so the engine loads projects
// afterwards, on the main thread, from the text this returns.
import type { DiscoveredFile } from './discover/discover.js'
import { looksBinary, readGuarded } from './discover/read.js'
import { classifyFile, isComposeFileName } from './extract/classify.js'
import { extractKubernetes } from './extract/kubernetes.js'
import type {
  CommentSuppression,
  DuplicateKey,
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
  /** The scan root with its links resolved (files are read through the guard, inside it). */
  root: string
  maxFileSize: number
  /** Alias expansion budget per Kubernetes file (src/limits.ts). */
  expansionBudget: number
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
  duplicateKeys: DuplicateKey[]
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
  // An exception in one file's scan (a stack overflow on input the limits did not foresee) costs
  // that file, a skipped-file finding naming it, never the scan: the same on every thread.
  try {
    return readAndScan(file, options)
  } catch (error) {
    return { scan: failedScan(file.file, (error as Error)?.message ?? String(error)) }
  }
}

/** A file whose scan threw (here or in a worker that stopped): a skipped-file finding on it. */
export function failedScan(file: string, reason: string): FileScan {
  return skippedScan(file, `could not be scanned: ${reason}`).scan
}

function readAndScan(file: DiscoveredFile, options: FileScanOptions): LocalFileScan {
  const read = readGuarded(options.root, file.file, {
    maxSize: options.maxFileSize,
    ...(file.linkFree ? { linkFree: true } : {})
  })
  if (read.refused !== undefined) return skippedScan(file.file, read.refused)
  if (looksBinary(read.text)) return skippedScan(file.file, 'not a text file')
  return scanText(file.file, read.text, options)
}

export function scanText(file: string, text: string, options: FileScanOptions): LocalFileScan {
  // Compose files are never filtered: every part of them (x- anchors, includes, extends) may
  // matter to a project.
  const filtered = options.prefilter && !isComposeFileName(file) ? prefilter(text, file) : undefined
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
    purposeComments: filtered ? findPurposeComments(file, text) : parsed.purposeComments,
    duplicateKeys:
      format === 'other'
        ? []
        : [...parsed.duplicateKeys, ...(filtered?.duplicateKeys ?? [])].map((key) => ({
            ...key,
            format
          }))
  }
  if (format === 'kubernetes') {
    const { parseErrors, ...found } = extractKubernetes(parsed, options.expansionBudget)
    scan.parseErrors = [...scan.parseErrors, ...(parseErrors ?? [])]
    scan.kubernetes = found
  }
  if (format !== 'compose') return { scan }
  scan.composeText = text
  return filtered ? { scan } : { scan, composeParsed: parsed }
}

function skippedScan(file: string, reason: string): LocalFileScan {
  return {
    scan: {
      file,
      skipped: reason,
      parseErrors: [],
      suppressions: [],
      purposeComments: [],
      duplicateKeys: []
    }
  }
}
