// Reading YAML nodes with their positions. Extractors walk nodes (not plain JS
// values) so that every finding can point at the exact key or list item.
// Aliases and merge keys (`<<: *defaults`) are resolved here, once, for both formats.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
  type YAMLMap,
  type YAMLSeq,
  type Scalar,
  type Pair
} from 'yaml'
import type { SourceLocation } from '../model.js'
import { append } from '../append.js'

export interface NodeContext {
  file: string
  document: Document.Parsed
  lineCounter: LineCounter
}

/** Aliases deeper than this are not followed: an alias bomb must not stall the scan. */
const MAX_ALIAS_DEPTH = 16

export function resolve(node: unknown, ctx: NodeContext, depth = 0): Node | undefined {
  if (isAlias(node)) {
    if (depth >= MAX_ALIAS_DEPTH) return undefined
    return resolve(node.resolve(ctx.document), ctx, depth + 1)
  }
  return (node ?? undefined) as Node | undefined
}

export function asMap(node: unknown, ctx: NodeContext): YAMLMap | undefined {
  const resolved = resolve(node, ctx)
  return isMap(resolved) ? resolved : undefined
}

export function asSeq(node: unknown, ctx: NodeContext): YAMLSeq | undefined {
  const resolved = resolve(node, ctx)
  return isSeq(resolved) ? resolved : undefined
}

function asScalar(node: unknown, ctx: NodeContext): Scalar | undefined {
  const resolved = resolve(node, ctx)
  return isScalar(resolved) ? resolved : undefined
}

/** `<<` (a merge key), which merges a map instead of naming a key. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol')
}

/**
 * The pairs of a map with merge keys applied: explicit keys win over merged ones, and earlier
 * merge sources win over later ones (YAML merge-key semantics).
 */
export function mapPairs(
  map: YAMLMap,
  ctx: NodeContext,
  depth = 0,
  visited?: Set<YAMLMap>
): Pair[] {
  // A key written twice: the last one wins (kubectl's YAML decoding, PyYAML), so a privileged
  // `hostPort: 80` cannot hide behind an earlier `hostPort: 8080`. parse/yaml.ts reports it.
  const ownByKey = new Map<string, Pair>()
  const merged: Pair[] = []
  for (const item of map.items) {
    if (!isPair(item)) continue
    if (isMergeKey(item.key)) {
      if (depth >= MAX_ALIAS_DEPTH) continue
      const source = resolve(item.value, ctx)
      const sources = isSeq(source) ? source.items : [source]
      for (const each of sources) {
        const sourceMap = asMap(each, ctx)
        // A map merged a second time adds nothing (its keys are already taken): skipping it keeps
        // `<<: [*m, *m, …]` nested a few levels (a merge-key alias bomb) linear, not exponential.
        visited ??= new Set([map])
        if (!sourceMap || visited.has(sourceMap)) continue
        visited.add(sourceMap)
        append(merged, mapPairs(sourceMap, ctx, depth + 1, visited))
      }
    } else {
      const key = keyText(item.key)
      ownByKey.delete(key)
      ownByKey.set(key, item)
    }
  }
  const own = [...ownByKey.values()]
  if (merged.length === 0) return own
  const seen = new Set(own.map((pair) => keyText(pair.key)))
  const result = [...own]
  for (const pair of merged) {
    const key = keyText(pair.key)
    if (seen.has(key)) continue
    seen.add(key)
    result.push(pair)
  }
  return result
}

export function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value)
  return String(key)
}

/** The pair for `key` in a map (merge keys applied), or undefined. */
export function getPair(map: YAMLMap | undefined, key: string, ctx: NodeContext): Pair | undefined {
  if (!map) return undefined
  // The map's own last `key` wins over everything (as in mapPairs), so it is looked for first,
  // from the end, without building the merged list: every field read of every scan comes here.
  let merges = false
  const items = map.items
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index]
    if (!isPair(item)) continue
    if (isMergeKey(item.key)) merges = true
    else if (keyText(item.key) === key) return item
  }
  return merges ? mapPairs(map, ctx).find((pair) => keyText(pair.key) === key) : undefined
}

/** The resolved value node for `key`, or undefined. */
export function get(map: YAMLMap | undefined, key: string, ctx: NodeContext): Node | undefined {
  const pair = getPair(map, key, ctx)
  return pair ? resolve(pair.value, ctx) : undefined
}

/** No value: a missing key, or one written with nothing after it (`ports:`) or as `null`. */
export function isNullish(node: Node | undefined): boolean {
  return node === undefined || (isScalar(node) && node.value === null)
}

/** Walks a path of keys through nested maps. */
export function getIn(
  map: YAMLMap | undefined,
  path: string[],
  ctx: NodeContext
): Node | undefined {
  let current: Node | undefined = map
  for (const key of path) {
    const next: YAMLMap | undefined = asMap(current, ctx)
    if (!next) return undefined
    current = get(next, key, ctx)
  }
  return current
}

/** The JS value of a scalar (string, number, boolean, null), else undefined. */
export function scalarValue(node: unknown, ctx: NodeContext): unknown {
  return asScalar(node, ctx)?.value
}

export function stringValue(node: unknown, ctx: NodeContext): string | undefined {
  const value = scalarValue(node, ctx)
  if (value === undefined || value === null) return undefined
  return typeof value === 'string' ? value : String(value)
}

/** Reads a `{ key: "value" }` map of strings (labels, annotations, selectors). */
export function stringMap(node: unknown, ctx: NodeContext): Record<string, string> {
  const map = asMap(node, ctx)
  const result: Record<string, string> = {}
  if (!map) return result
  for (const pair of mapPairs(map, ctx)) {
    const value = stringValue(pair.value, ctx)
    if (value !== undefined) result[keyText(pair.key)] = value
  }
  return result
}

/** Position of a node's start (and end), 1-based. Falls back to the document start. */
export function locate(node: unknown, ctx: NodeContext): SourceLocation {
  const range = (node as Node | undefined)?.range ?? ctx.document.range
  const start = ctx.lineCounter.linePos(range[0])
  const end = ctx.lineCounter.linePos(range[1])
  return {
    file: ctx.file,
    line: start.line,
    column: start.col,
    endLine: end.line,
    endColumn: end.col
  }
}

/** Position of a key in its map (`hostPort:`), falling back to the value. */
export function locateKey(pair: Pair | undefined, ctx: NodeContext): SourceLocation | undefined {
  if (!pair) return undefined
  return locate(isScalar(pair.key) ? pair.key : pair.value, ctx)
}
