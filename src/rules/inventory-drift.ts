// The committed port inventory (the action's `inventory-file`, e.g. PORTS.md) no longer matches
// the manifests. One finding on the document, the changed rows as related locations, and the
// regenerated block as a fix (a suggestion where the review can carry one).
import type { InventoryDocument, ScanModel, SourceLocation } from '../model.js'
import { buildInventory } from '../inventory/build.js'
import { END_MARKER, InventoryDocumentError, START_MARKER } from '../inventory/document.js'
import { checkInventory } from '../inventory/drift.js'
import type { Rule, RuleFinding } from './rule.js'

export const inventoryDrift: Rule = {
  meta: {
    id: 'inventory-drift',
    description: 'The committed port inventory (PORTS.md) differs from the manifests.',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'the committed port inventory differs from the manifests: the repository asked for this gate (inventory-file), and the document is wrong as written',
        source: 'https://github.com/port-hygiene/port-hygiene/blob/main/docs/inventory.md'
      }
    ]
  },
  options: {},
  check(model) {
    if (model.inventoryDocuments.length === 0) return []
    return model.inventoryDocuments.flatMap((document) => checkDocument(model, document))
  }
}

function checkDocument(model: ScanModel, document: InventoryDocument): RuleFinding[] {
  const top: SourceLocation = { file: document.file, line: 1, column: 1 }
  const hint = `run "port-hygiene inventory --write ${document.file}" in the scanned folder and commit the result`
  if (document.text === undefined) {
    return [
      {
        message: `The port inventory ${document.file} cannot be checked: ${document.problem ?? 'it cannot be read'}.`,
        location: top,
        key: 'unreadable'
      }
    ]
  }
  let drift
  try {
    drift = checkInventory({
      rows: buildInventory(model),
      documentFile: document.file,
      display: document.file,
      document: document.text
    })
  } catch (error) {
    if (!(error instanceof InventoryDocumentError)) throw error
    return [{ message: `${error.message.split('\n')[0]}`, location: top, key: 'markers' }]
  }
  if (!drift) return []
  const startLine = drift.block.firstLine - 1
  const endLine = startLine + drift.block.text.split('\n').length
  const markerLocation: SourceLocation = { file: document.file, line: startLine, column: 1 }
  const removed = drift.changes.filter((change) => change.kind === 'removed')
  const added = drift.changes.filter((change) => change.kind === 'added')
  const counts = [
    ...(removed.length > 0
      ? [
          `${removed.length} committed ${removed.length === 1 ? 'line no longer matches' : 'lines no longer match'}`
        ]
      : []),
    ...(added.length > 0
      ? [`${added.length} ${added.length === 1 ? 'line is' : 'lines are'} missing`]
      : [])
  ].join(', ')
  return [
    {
      message: `The port inventory ${document.file} is out of date with the manifests (${counts}): ${hint}.`,
      location: markerLocation,
      related: drift.changes.map((change) => ({
        location:
          change.line !== undefined
            ? { file: document.file, line: change.line, column: 1 }
            : markerLocation,
        message:
          change.kind === 'removed'
            ? `committed, no longer generated: ${change.text}`
            : `generated, missing here${change.section ? ` (under "${change.section}")` : ''}: ${change.text}`
      })),
      // The identity of the document, not of its rows: one finding that stays one across pushes.
      key: 'stale',
      fix: {
        description: 'the regenerated inventory',
        location: {
          file: document.file,
          line: startLine,
          column: 1,
          endLine,
          endColumn: END_MARKER.length + 1
        },
        replacement: `${START_MARKER}\n${drift.generated}${END_MARKER}`
      }
    }
  ]
}
