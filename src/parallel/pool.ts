// Per-file work on worker threads, when there are enough files to pay for starting them. Each
// worker loads the scanner once (tens of milliseconds), then takes batches of files as it frees
// up, so a few huge files do not leave the other threads idle. Results come back as plain data
// and in discovery order, whatever thread scanned them.
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { DiscoveredFile } from '../discover/discover.js'
import { isComposeFileName } from '../extract/classify.js'
import { failedScan, scanFile, type FileScanOptions, type LocalFileScan } from '../scan-file.js'
import type { WorkerBatch, WorkerResult } from './worker.js'

export interface ScanFilesOptions extends FileScanOptions {
  /** Worker threads: 0 = scan on this thread; default: chosen from the number and size of files. */
  threads?: number
}

/**
 * Below these, starting workers costs more than it saves. A worker costs 50–65 ms of CPU to load
 * the scanner (measured on the bench machine), and with the block YAML loader one thread scans a
 * manifest file in about a quarter of a millisecond.
 *
 * On two cores workers never paid once the block YAML loader made parsing cheap: measured end to
 * end on every bench corpus (6,000 manifest files, 26,000 mixed files, the 2,041-file real corpus),
 * one thread beat one or two workers, because the main thread's own share (Compose projects,
 * rules, the report) leaves little for a second core to take and two virtual cores run two
 * threads only about 1.35× faster than one. So workers start only with four cores or more; that
 * threshold was not measured here (docs/performance.md says what was).
 */
export const MIN_CORES_FOR_WORKERS = 4
export const MIN_FILES_FOR_WORKERS = 500
export const MIN_BYTES_FOR_WORKERS = 2 * 1024 * 1024
const MAX_THREADS = 8
/** A batch: enough work to hide the message round trip, small enough to balance the threads. */
const BATCH_FILES = 64
const BATCH_BYTES = 512 * 1024

export async function scanFiles(
  files: DiscoveredFile[],
  options: ScanFilesOptions
): Promise<LocalFileScan[]> {
  const { threads: _threads, ...fileOptions } = options
  const threads = Math.min(options.threads ?? defaultThreads(files), MAX_THREADS)
  const entry = threads > 0 ? workerEntry() : undefined
  if (!entry || files.length < 2) return scanOnThisThread(files, fileOptions)
  return scanOnWorkers(files, fileOptions, Math.min(threads, files.length), entry)
}

/**
 * Compose files last. Their parse is kept for the project loader, and V8, seeing the YAML nodes
 * survive, starts allocating every later file's nodes in its old generation ("pretenuring"), where
 * they are reclaimed far more slowly: scanned first, they made the whole scan a third slower.
 */
function scanOnThisThread(files: DiscoveredFile[], options: FileScanOptions): LocalFileScan[] {
  const results: LocalFileScan[] = new Array(files.length)
  const { compose, others } = byComposeName(files)
  for (const index of [...others, ...compose]) results[index] = scanFile(files[index]!, options)
  return results
}

/** Indexes of the Compose files (by name) and of the others, each in discovery order. */
function byComposeName(files: DiscoveredFile[]): { compose: number[]; others: number[] } {
  const compose: number[] = []
  const others: number[] = []
  files.forEach((file, index) => (isComposeFileName(file.file) ? compose : others).push(index))
  return { compose, others }
}

function defaultThreads(files: DiscoveredFile[]): number {
  const cores = availableParallelism()
  if (cores < MIN_CORES_FOR_WORKERS || files.length < MIN_FILES_FOR_WORKERS) return 0
  const bytes = files.reduce((sum, file) => sum + file.size, 0)
  return bytes < MIN_BYTES_FOR_WORKERS ? 0 : cores
}

export interface WorkerEntry {
  /** A file URL, or with `eval` the code of a CommonJS bootstrap. */
  script: URL | string
  eval?: boolean
}

/**
 * The bundle's worker sits next to it (dist/scan-worker.js). Run from the sources (tests, the
 * bench) the worker is the TypeScript file, loaded through tsx's loader, which a worker must
 * register itself (Node 20 does not carry `--import` hooks into workers). Neither → this thread.
 */
function workerEntry(): WorkerEntry | undefined {
  const bundled = new URL('./scan-worker.js', import.meta.url)
  if (existsSync(fileURLToPath(bundled))) return { script: bundled }
  const source = new URL('./worker.ts', import.meta.url)
  if (!existsSync(fileURLToPath(source))) return undefined
  let tsx: string
  try {
    tsx = import.meta.resolve('tsx/esm/api')
  } catch {
    return undefined
  }
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source.href)}) })`
  return { script: bootstrap, eval: true }
}

/** The files at `indexes`, in batches; a batch lists indexes into `files`. */
function batchesOf(files: DiscoveredFile[], indexes: number[]): number[][] {
  const batches: number[][] = []
  let batch: number[] = []
  let bytes = 0
  for (const index of indexes) {
    batch.push(index)
    bytes += files[index]!.size
    if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
      batches.push(batch)
      batch = []
      bytes = 0
    }
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

/**
 * Batches in flight per worker: the next one is queued while the worker scans the current one, so
 * a worker never waits for this thread to answer.
 */
const IN_FLIGHT = 2

/** Exported for the tests, which give it a worker that fails. */
export async function scanOnWorkers(
  files: DiscoveredFile[],
  options: FileScanOptions,
  threads: number,
  entry: WorkerEntry
): Promise<LocalFileScan[]> {
  // Compose files are scanned here, while the workers scan the rest: the project loader needs
  // their parse in this thread (YAML nodes cannot be sent), and this thread would wait otherwise.
  const { compose: local, others: remote } = byComposeName(files)
  const results: LocalFileScan[] = new Array(files.length)
  const batches = batchesOf(files, remote)
  let next = 0
  // Loaded here: a scan small enough for one thread never pays for the worker machinery.
  const { Worker } = await import('node:worker_threads')
  const workers = Array.from({ length: Math.min(threads, batches.length) }, () => {
    return new Worker(entry.script, { eval: entry.eval ?? false })
  })
  try {
    const remoteDone = Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            // The batches sent to this worker and not answered yet.
            const inFlight = new Set<number>()
            let stopped = false
            const send = () => {
              while (!stopped && inFlight.size < IN_FLIGHT && next < batches.length) {
                const id = next++
                const batch: WorkerBatch = {
                  id,
                  files: batches[id]!.map((index) => files[index]!),
                  options
                }
                worker.postMessage(batch)
                inFlight.add(id)
              }
              if (inFlight.size === 0) resolve()
            }
            // A worker that dies (an exception outside a file's own try, running out of memory,
            // exiting) costs the files it held, each a finding of its own; the others carry on,
            // and never a lost report.
            const stop = (reason: string) => {
              if (stopped) return
              stopped = true
              for (const id of inFlight) {
                for (const index of batches[id]!) {
                  results[index] = { scan: failedScan(files[index]!.file, reason) }
                }
              }
              inFlight.clear()
              resolve()
            }
            worker.on('message', (result: WorkerResult) => {
              if (stopped || !inFlight.delete(result.id)) return
              const indexes = batches[result.id]!
              result.scans.forEach((scan, i) => (results[indexes[i]!] = { scan }))
              send()
            })
            worker.on('error', (error) => stop(`the scan worker failed: ${error.message}`))
            worker.on('exit', (code) => stop(`the scan worker stopped (exit code ${code})`))
            send()
          })
      )
    )
    // A few files at a time, so that the workers' messages are answered in between.
    for (let i = 0; i < local.length; i += LOCAL_CHUNK) {
      for (const index of local.slice(i, i + LOCAL_CHUNK)) {
        results[index] = scanFile(files[index]!, options)
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
    await remoteDone
    // Batches no worker took (they all stopped) are scanned here.
    for (; next < batches.length; next++) {
      for (const index of batches[next]!) results[index] = scanFile(files[index]!, options)
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
  return results
}

const LOCAL_CHUNK = 16
