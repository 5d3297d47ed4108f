// Worker-thread entry (bundled as dist/scan-worker.js): scans the batches of files the pool sends
// and posts back plain data. A file that throws costs that file, never the batch (scanFile turns
// the exception into a finding on it, as on the main thread).
import { parentPort } from 'node:worker_threads'
import type { DiscoveredFile } from '../discover/discover.js'
import { scanFile, type FileScan, type FileScanOptions } from '../scan-file.js'

export interface WorkerBatch {
  id: number
  files: DiscoveredFile[]
  options: FileScanOptions
}

export interface WorkerResult {
  id: number
  scans: FileScan[]
}

parentPort?.on('message', (batch: WorkerBatch) => {
  const scans = batch.files.map((file) => scanFile(file, batch.options).scan)
  const result: WorkerResult = { id: batch.id, scans }
  parentPort!.postMessage(result)
})
