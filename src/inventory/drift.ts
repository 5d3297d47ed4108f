// The committed table against the manifests: what --write puts in the document, what --check and
// the `inventory-drift` rule report when they differ.
import path from 'node:path'
import type { InventoryRow } from './build.js'
import {
  diffBlocks,
  findBlock,
  formatChanges,
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
