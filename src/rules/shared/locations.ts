import type { SourceLocation } from '../../model.js'

/** File order, then line, then column: "later" in every rule means later in this order. */
export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1
  return a.line - b.line || a.column - b.column
}
