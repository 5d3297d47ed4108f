// The committed table against the manifests: what --write puts in the document, what --check and
// the `inventory-drift` rule report when they differ.
import path from 'node:path'
import { isInside } from '../discover/discover.js'
import { readGuarded, type FileIdentity } from '../discover/read.js'
import { DEFAULT_MAX_FILE_SIZE } from '../config/types.js'
import { writeFixed } from '../fix/write.js'
import type { InventoryRow } from './build.js'
import {
  diffBlocks,
  findBlock,
  formatChanges,
  InventoryDocumentError,
  replaceBlock,
  type InventoryBlock,
  type RowChange
} from './document.js'
import { renderInventoryMarkdown } from './render.js'

export interface InventoryTarget {
  rows: readonly InventoryRow[]
  /** The document's path relative to the scan root (POSIX, may start with `../`): the table links files relative to its folder. */
  documentFile: string
  /** The document's name in messages. */
  display: string
  document: string
}

export interface InventoryDrift {
  /** `PORTS.md is out of date: 1 row removed, 1 added.` */
  summary: string
  /** One line per changed row, `-` as committed, `+` as generated, grouped under their heading. */
  diff: string
  hint: string
  changes: RowChange[]
  block: InventoryBlock
  generated: string
}

/** The block as it should be, linking files relative to the document. */
export function generateBlock(target: Pick<InventoryTarget, 'rows' | 'documentFile'>): string {
  const folder = path.posix.dirname(target.documentFile)
  return renderInventoryMarkdown(target.rows, {
    linkPath: (file) => path.posix.relative(folder, file)
  })
}

export function writeInventory(target: InventoryTarget): string {
  return replaceBlock(target.document, target.display, generateBlock(target))
}

export function checkInventory(target: InventoryTarget): InventoryDrift | undefined {
  const block = findBlock(target.document, target.display)
  const generated = generateBlock(target)
  const changes = diffBlocks(block, generated)
  if (changes.length === 0) return undefined
  const removed = changes.filter((change) => change.kind === 'removed').length
  const added = changes.length - removed
  const counts = [
    ...(removed > 0 ? [`${removed} ${removed === 1 ? 'line' : 'lines'} to remove`] : []),
    ...(added > 0 ? [`${added} to add`] : [])
  ].join(', ')
  return {
    summary: `${target.display} is out of date with the manifests (${counts}):`,
    diff: formatChanges(target.display, changes),
    hint: `Run "port-hygiene inventory --write ${target.display}" (with the same paths) to update it.`,
    changes,
    block,
    generated
  }
}

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
