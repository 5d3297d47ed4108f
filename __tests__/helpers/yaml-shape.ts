// What the extractors and reports can read of a `yaml` node, as plain data, for tests that hold
// two readings of one text to be the same (block-yaml.test.ts, by-document.test.ts), and the
// texts they read.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { isMap, isPair, isScalar, isSeq } from 'yaml'
import type { BlockYamlOptions } from '../../src/parse/block-yaml.js'
import { prefilter } from '../../src/parse/prefilter.js'

/** The options parse/yaml.ts reads YAML with. */
export const YAML_OPTIONS: BlockYamlOptions = {
  merge: true,
  prettyErrors: false,
  keepSourceTokens: false,
  uniqueKeys: false
}

/** A file's text as written and as the pre-filter leaves it (which is what parse/yaml.ts reads). */
export const asScanned = (text: string): string[] =>
  [text, prefilter(text)?.text].filter((each) => each !== undefined)

const valueText = (value: unknown) =>
  typeof value === 'number'
    ? `number:${Object.is(value, -0) ? '-0' : String(value)}`
    : `${typeof value}:${String(value)}`

/** Everything of a node that the extractors and reports can read. */
export function shape(node: unknown): unknown {
  if (node === null || node === undefined) return null
  if (isScalar(node)) {
    const { range, value, type, source, tag, format, minFractionDigits } = node
    return ['scalar', range, valueText(value), type, source, tag, format, minFractionDigits]
  }
  // The comment a block collection takes from the lines below its last item (a flow collection's
  // is the one on its line, which the loader does not set, as for scalars and keys).
  const comment = (collection: { flow?: boolean; comment?: string | null }) =>
    collection.flow ? null : (collection.comment ?? null)
  if (isMap(node)) {
    const pairs = node.items.map((pair) => [isPair(pair), shape(pair.key), shape(pair.value)])
    return ['map', node.range, Boolean(node.flow), comment(node), pairs]
  }
  if (isSeq(node))
    return ['seq', node.range, Boolean(node.flow), comment(node), node.items.map(shape)]
  return ['other', (node as object).constructor.name]
}

/** Every `.yaml`/`.yml` file below `root`. */
export function yamlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
}
