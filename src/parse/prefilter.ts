// The document pre-filter: before parsing, leave out the documents of a file that cannot hold
// anything a rule reads, so that a monorepo's CI workflows, Helm values, OpenAPI specs, i18n
// strings and CustomResourceDefinition schemas cost a text search instead of a parse.
//
// It must never miss. A document is left out only when its text shows none of the keep-list below
// (a generous text match: a false keep costs a parse, a false skip would cost a finding), or when
// it is of a kind that describes other objects rather than being one: a CustomResourceDefinition
// (its OpenAPI schema names `containerPort`/`hostPort` as properties) or an admission policy (its
// CEL reads `containers` and `hostPort`, in a ternary that looks like a key: `p.hostPort : 0`);
// no rule reads these kinds, and extraction finds nothing in them. The equivalence test
// (__tests__/parse/prefilter-equivalence.test.ts) scans every bench corpus and the real corpus
// with and without the filter and asserts the same findings, bindings and services: a rule that
// starts reading a new kind or key must add it to KEEP_LIST, or that test fails.
//
// What a left-out document still reports: it is lexed (the `yaml` Lexer, about a fifth of a
// parse), and a document with an unclosed quote or an unclosed or stray flow bracket is kept and
// parsed after all, so that its parse error is reported exactly as without the filter. Other
// syntax errors (bad indentation, a nested mapping on one line, ...) in a document that holds no
// port are not reported, and such a document is counted as one document of its file. Its
// duplicate keys (`duplicate-key`) are found line by line (duplicate-lines.ts) in its block maps,
// wherever that check is sure of what it reads.
//
// Left-out documents are blanked to their line breaks, so every kept document keeps its line
// numbers (and its columns: whole lines are removed, never parts of one).
import { append } from '../append.js'
import { Lexer } from 'yaml'
import { countLineBreaks, documentLines, splitDocuments } from './documents.js'
import { duplicateKeysByLine, type LineDuplicate } from './duplicate-lines.js'
import { surelyWellQuoted } from './quote-check.js'
import { indentQuotedContinuations } from './yaml.js'

/**
 * Everything a rule reads. A document whose text matches none of these is left out.
 * - kinds: objects a rule reads whatever keys they hold (besides pod-template holders, which any
 *   kind can be, and which are kept by their `containers` key). A `List` needs no entry: its items
 *   are matched by their own kinds and keys, anywhere in the document;
 * - keys: pod specs, host networking, Compose services and exposure;
 * - portKey: any key that mentions a port (`ports`, `containerPort`, `hostPort`, `nodePort`,
 *   `targetPort`, probe `port`, `port-range` and `port-hygiene/ignore` annotations, ...).
 */
export const KEEP_LIST = {
  kinds: ['Service', 'Namespace', 'Ingress', 'NetworkPolicy', 'Gateway'],
  keys: [
    'containers',
    'initContainers',
    'ephemeralContainers',
    'template',
    'jobTemplate',
    'hostNetwork',
    'network_mode',
    'services',
    'expose',
    'hostIP'
  ],
  portKey: /(?:port|Port|PORT)[\w./-]*["']?\s*:/
} as const

/**
 * Documents of these kinds (apiVersion group and kind) are never parsed, unless the lexer finds
 * them broken. `port-hygiene policy` writes the admission policies, and teams commit them.
 */
const NEVER_PARSED = [
  { group: 'apiextensions.k8s.io', kinds: ['CustomResourceDefinition'] },
  {
    group: 'admissionregistration.k8s.io',
    kinds: ['ValidatingAdmissionPolicy', 'MutatingAdmissionPolicy']
  }
]

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const KEEP_KEY = new RegExp(`(?:${KEEP_LIST.keys.map(escape).join('|')})["']?\\s*:`)
const KEEP_KIND = new RegExp(
  `kind["']?\\s*:\\s*["']?(?:${KEEP_LIST.kinds.map(escape).join('|')})(?![\\w-])`
)

/**
 * A double-quoted key (or `kind` value) with a `\` escape: `"hostP\x6frt": 80` is `hostPort` to
 * kubectl and to the parser, and no text match above sees it, so such a document is parsed. One
 * pass over the text (a regular expression here backtracks on a line of backslashes); a quote in
 * a comment or a single-quoted scalar may make a false keep, which costs a parse.
 */
function hasEscapedKeyOrKind(chunk: string): boolean {
  if (!chunk.includes('\\')) return false
  for (let open = chunk.indexOf('"'); open !== -1;) {
    let at = open + 1
    let escaped = false
    while (at < chunk.length && chunk[at] !== '"' && chunk[at] !== '\n') {
      if (chunk[at] === '\\') {
        escaped = true
        at++
      }
      at++
    }
    if (chunk[at] !== '"') {
      open = chunk.indexOf('"', at)
      continue
    }
    if (escaped) {
      let after = at + 1
      while (chunk[after] === ' ' || chunk[after] === '\t') after++
      if (chunk[after] === ':') return true
      if (ESCAPED_KIND_BEFORE.test(chunk.slice(Math.max(0, open - 32), open))) return true
    }
    open = chunk.indexOf('"', at + 1)
  }
  return false
}
/** `kind:` right before a double-quoted value (`kind: "P\x6fd"`). */
const ESCAPED_KIND_BEFORE = /kind["']?[ \t]*:[ \t]*$/

// Top-level keys of a block mapping at column 0 (optionally quoted).
const TOP_KIND_LINE = /^["']?kind["']?[ \t]*:/gm
const NEVER_PARSED_TOP = NEVER_PARSED.map(({ group, kinds }) => ({
  kind: new RegExp(`^["']?kind["']?[ \\t]*:[ \\t]*["']?(?:${kinds.join('|')})["']?[ \\t]*$`, 'm'),
  api: new RegExp(`^["']?apiVersion["']?[ \\t]*:[ \\t]*["']?${escape(group)}/`, 'm')
}))
const TOP_API_VERSION = /^["']?apiVersion["']?[ \t]*:/m
const TOP_KIND = /^["']?kind["']?[ \t]*:/m

export interface FilteredText {
  /** The text to parse: left-out documents blanked to their line breaks. */
  text: string
  /** Documents left out; each counts as one document of the file, as it would when parsed. */
  skippedDocuments: number
  /** A left-out document has top-level apiVersion and kind (a CRD, a ConfigMap, ...). */
  skippedKubernetes: boolean
  /** Duplicate keys of the left-out documents' block maps, as far as a line check sees them. */
  duplicateKeys: LineDuplicate[]
}

/** The text to parse, or undefined when every document must be parsed. */
export function prefilter(text: string, file = ''): FilteredText | undefined {
  const chunks = splitDocuments(text)
  let skippedDocuments = 0
  let skippedKubernetes = false
  const duplicateKeys: LineDuplicate[] = []
  const out: string[] = []
  let line = 1
  for (const chunk of chunks) {
    const firstLine = line
    line += countLineBreaks(chunk)
    if (!canSkip(chunk)) {
      out.push(chunk)
      continue
    }
    skippedDocuments++
    if (TOP_API_VERSION.test(chunk) && TOP_KIND.test(chunk)) skippedKubernetes = true
    append(duplicateKeys, duplicateKeysByLine(file, chunk, firstLine))
    out.push(documentLines(chunk))
  }
  if (skippedDocuments === 0) return undefined
  return { text: out.join(''), skippedDocuments, skippedKubernetes, duplicateKeys }
}

function canSkip(chunk: string): boolean {
  const top = topLevelShape(chunk)
  if (top === 'other') return false
  const neverParsed = top === 'map' && isNeverParsedKind(chunk)
  if (
    !neverParsed &&
    (KEEP_KEY.test(chunk) || KEEP_KIND.test(chunk) || KEEP_LIST.portKey.test(chunk))
  ) {
    return false
  }
  if (hasEscapedKeyOrKind(chunk)) return false
  // An unclosed quote in a left-out document is reported as parsing would report it, so such a
  // document is parsed, unless it is the under-indented quote that parsing repairs (generated CRDs
  // are full of them; see parseLeniently in yaml.ts). Most documents are cleared line by line
  // without the lexer (quote-check.ts); the others are lexed.
  if (surelyWellQuoted(chunk)) return true
  if (!lexerSeesError(chunk)) return true
  // Parsing repairs under-indented quotes and tries again: so does this check, when it has any.
  const repaired = indentQuotedContinuations(chunk)
  return repaired !== chunk && !lexerSeesError(repaired)
}

/**
 * What the document's first content line says about its top level. Only a block mapping or
 * sequence starting at column 0 is left out: an indented or flow top level, a tag, an anchor, a
 * directive or content on the `---` line is parsed, to keep this check simple and safe. A chunk
 * with no content at all (comments, blank lines) is left as it is: parsing it costs nothing.
 */
function topLevelShape(chunk: string): 'map' | 'seq' | 'other' {
  let offset = 0
  while (offset < chunk.length) {
    const end = chunk.indexOf('\n', offset)
    const line = chunk.slice(offset, end === -1 ? chunk.length : end).replace(/\r$/, '')
    offset = end === -1 ? chunk.length : end + 1
    if (/^(?:---|\.\.\.)(?:[ \t]+(?:#.*)?)?$/.test(line)) continue
    if (/^[ \t]*(?:#.*)?$/.test(line)) continue
    if (/^-(?:[ \t]|$)/.test(line)) return 'seq'
    // A plain or quoted key at column 0, then `: ` or `:` at the end of the line.
    if (/^[^\s#&*!|>%@`{[\]}?,-][^\n]*?:(?:[ \t]|$)/.test(line)) return 'map'
    return 'other'
  }
  return 'other'
}

/** A top-level `kind` and `apiVersion` of NEVER_PARSED, and one `kind` only. */
function isNeverParsedKind(chunk: string): boolean {
  if (!NEVER_PARSED_TOP.some(({ kind, api }) => kind.test(chunk) && api.test(chunk))) return false
  TOP_KIND_LINE.lastIndex = 0
  let kinds = 0
  while (TOP_KIND_LINE.exec(chunk)) kinds++
  return kinds === 1
}

/**
 * The errors a lexer can see, checked as the `yaml` Composer would: a quoted scalar without its
 * closing quote, a flow collection left open or closed twice. (A line-by-line check that would
 * replace the lexer was tried and dropped: a property test kept finding inputs where the two
 * disagreed about where a quoted scalar starts. quote-check.ts only clears documents, and says
 * "not sure" wherever the lexer's rules get subtle.)
 */
export function lexerSeesError(chunk: string): boolean {
  let depth = 0
  let scalarBody = false
  for (const token of new Lexer().lex(chunk)) {
    // The lexer marks a plain or block scalar with U+001F before its text: that text is never an
    // indicator, whatever it starts with (a top-level block scalar may start with a bracket).
    if (scalarBody) {
      scalarBody = false
      continue
    }
    const first = token[0]
    if (first === '\u001f') scalarBody = true
    else if (first === "'" || first === '"') {
      if (token.length === 1 || token[token.length - 1] !== first) return true
    } else if (first === '{' || first === '[') depth++
    else if ((first === '}' || first === ']') && --depth < 0) return true
  }
  return depth !== 0
}
