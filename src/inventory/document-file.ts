// The committed inventory document on disk, for `inventory --write` and `--check`: read through
// the guarded reader and written back atomically (src/fix/write.ts). Only the command loads this
// (the `inventory-drift` rule gets the document's text from the engine), so the writer stays out
// of every scan's start-up.
import path from 'node:path'
import { isInside } from '../discover/discover.js'
import { readGuarded, type FileIdentity } from '../discover/read.js'
import { DEFAULT_MAX_FILE_SIZE } from '../config/types.js'
import { writeFixed } from '../fix/write.js'
import { InventoryDocumentError } from './document.js'

/** The committed document as read: its text and what a write back must check. */
export interface ReadDocument {
  text: string
  /** The folder the document is read and written under (links may not leave it). */
  root: string
  /** The document's path under `root`. */
  file: string
  read: { bom: boolean; identity: FileIdentity }
}

/**
 * The document, read like every file the tool opens (src/discover/read.ts): a regular file
 * under the size limit, inside the scanned folder (or the current one) after its links are
 * resolved, so a PORTS.md that links out of the repository is never read, nor written.
 */
export function readInventoryDocument(
  absolute: string,
  display: string,
  roots: readonly string[],
  maxSize: number = DEFAULT_MAX_FILE_SIZE
): ReadDocument {
  const root = roots.find((candidate) => isInside(candidate, absolute))
  if (root === undefined) {
    throw new InventoryDocumentError(
      `${display} is outside the scanned folder: run the command from the repository, with the document inside it`
    )
  }
  const file = path.relative(root, absolute)
  const read = readGuarded(root, file, { maxSize })
  if (read.refused === undefined) return { text: read.text, root, file, read }
  if (read.refused.startsWith('it does not exist')) {
    throw new InventoryDocumentError(
      `${display} does not exist: create it with the two inventory markers, then run --write`
    )
  }
  throw new InventoryDocumentError(
    `${display} cannot be read: ${read.refused.replace('the repository', 'the scanned folder')}`
  )
}

/** Writes the document back atomically, never through a link or over a read-only file. */
export function writeInventoryDocument(
  document: ReadDocument,
  display: string,
  text: string
): void {
  const written = writeFixed(document.root, document.file, text, document.read)
  if (written.refused !== undefined) {
    throw new InventoryDocumentError(`${display} cannot be written: ${written.refused}`)
  }
}
