// Parse one file's text into YAML documents, keeping positions. A document
// that fails to parse is reported with its position; the others are still used.
import {
  LineCounter,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Document,
  type YAMLError
} from 'yaml'
import { BLOCK_YAML_OPTIONS, parseBlockYaml } from './block-yaml.js'
import { MAX_NESTING_DEPTH, nestingDepth } from './depth.js'
import { blankDocument, blanked, countLineBreaks, markerFrom, splitDocuments } from './documents.js'
import { isMergeKey } from './nodes.js'
import type { CommentSuppression, ParseFailure, PurposeComment, SourceLocation } from '../model.js'
import { append } from '../append.js'

export interface ParsedDocument {
  document: Document.Parsed
  /** 1-based line of the document's first content. */
  line: number
  /** Helm-rendered streams name their template: `# Source: chart/templates/deployment.yaml`. */
  helmSource?: string
  /**
   * Set instead of `helmSource` when the `# Source:` name is longer than MAX_HELM_SOURCE_LENGTH:
   * its length. No template path is that long; copied into every object, finding and report
   * line, a 3 MB name made "Invalid string length". The loader reports it as an input-limit.
   */
  helmSourceTooLong?: number
}

/** Longest `# Source:` template name read (a path: PATH_MAX is 4,096, real ones are < 200). */
export const MAX_HELM_SOURCE_LENGTH = 1024

export interface ParsedFile {
  file: string
  text: string
  /**
   * The text the nodes' offsets point into, when it is not `text`: the lenient repair of
   * under-indented quotes (parseLeniently) indents lines, which moves every offset after them.
   * Raw values are sliced from this one; lines and line numbers are the same in both.
   */
  parsedText?: string
  lineCounter: LineCounter
  /** Documents that parsed cleanly (empty documents are dropped). */
  documents: ParsedDocument[]
  parseErrors: ParseFailure[]
  suppressions: CommentSuppression[]
  purposeComments: PurposeComment[]
  /** Keys written twice in one map, at the second one (the value the model uses). */
  duplicateKeys: Array<{ location: SourceLocation; key: string; first: SourceLocation }>
}

// Compose reads YAML with merge keys (`<<: *defaults`) and so do most Kubernetes
// tools; YAML 1.2 otherwise (so `on`/`yes` stay strings and `8080:80` is a string).
// Duplicate keys are not a parse error here, so the rest of the document is still read: they are
// collected (duplicateKeys) for the `duplicate-key` rule, and nodes.ts keeps the last value, as
// kubectl's YAML decoding and PyYAML do.
const PARSE_OPTIONS = BLOCK_YAML_OPTIONS

export interface ParseYamlOptions {
  /**
   * Read a file the block loader declines document by document (default true); false parses it
   * whole with the `yaml` package, as the equivalence test does for reference.
   */
  byDocument?: boolean
}

export function parseYamlFile(
  file: string,
  text: string,
  options: ParseYamlOptions = {}
): ParsedFile {
  // A document nested deeper than the parsers can recurse is blanked before they see it, and is a
  // parse error of its own (depth.ts): the rest of the file is read as usual.
  const { text: parsedText, tooDeep } = withoutTooDeep(file, text)
  const parsed = parseYamlText(file, parsedText, options)
  parsed.parseErrors = append(tooDeep, parsed.parseErrors)
  if (tooDeep.length > 0) parsed.parseErrors.sort((a, b) => a.location.line - b.location.line)
  return {
    ...parsed,
    file,
    text,
    suppressions: findSuppressionComments(file, text),
    purposeComments: findPurposeComments(file, text)
  }
}

/** The text with every document nested deeper than MAX_NESTING_DEPTH blanked, and their errors. */
function withoutTooDeep(file: string, text: string): { text: string; tooDeep: ParseFailure[] } {
  if (nestingDepth(text).tooDeepAt === undefined) return { text, tooDeep: [] }
  const tooDeep: ParseFailure[] = []
  let offset = 0
  const chunks = splitDocuments(text).map((chunk) => {
    const at = nestingDepth(chunk).tooDeepAt
    const start = offset
    offset += chunk.length
    if (at === undefined) return chunk
    const line = 1 + countLineBreaks(text.slice(0, start + at))
    tooDeep.push({
      location: { file, line, column: 1 },
      message: `nested more than ${MAX_NESTING_DEPTH} levels deep (the nesting limit)`
    })
    return blankDocument(chunk)
  })
  return { text: chunks.join(''), tooDeep }
}

function parseYamlText(
  file: string,
  text: string,
  options: ParseYamlOptions
): Omit<ParsedFile, 'file' | 'suppressions' | 'purposeComments'> {
  // Most manifests are plain block YAML, which block-yaml.ts reads in a fraction of the time and
  // into the same nodes; it declines every other file. Of those, the documents it can read alone
  // are read by it, and the `yaml` package parses the rest.
  const read: { all: Document.Parsed[]; lineCounter: LineCounter; repaired?: string } =
    parseBlockYaml(text, PARSE_OPTIONS) ??
    (options.byDocument === false ? undefined : parseByDocument(text)) ??
    parseLeniently(text)
  const { all, lineCounter, repaired } = read
  const documents: ParsedDocument[] = []
  const parseErrors: ParseFailure[] = []
  const duplicateKeys: ParsedFile['duplicateKeys'] = []
  for (const document of all) {
    if (document.errors.length > 0) {
      const error = document.errors[0]!
      const pos = lineCounter.linePos(errorOffset(document, error))
      parseErrors.push({
        location: { file, line: pos.line, column: pos.col },
        message: firstLine(error.message)
      })
      continue
    }
    if (isEmpty(document)) continue
    const start = document.contents?.range?.[0] ?? document.range[0]
    const line = lineCounter.linePos(start).line
    const helmSource = helmSourceOf(document)
    documents.push({
      document,
      line,
      ...(helmSource === undefined
        ? {}
        : helmSource.length > MAX_HELM_SOURCE_LENGTH
          ? { helmSourceTooLong: helmSource.length }
          : { helmSource })
    })
    append(duplicateKeys, findDuplicateKeys(file, document, lineCounter))
  }
  return {
    text,
    ...(repaired === undefined ? {} : { parsedText: repaired }),
    lineCounter,
    documents,
    parseErrors,
    duplicateKeys
  }
}

/** Every key written a second (third, …) time in the same map; merge keys (`<<`) aside. */
function findDuplicateKeys(
  file: string,
  document: Document.Parsed,
  lineCounter: LineCounter
): ParsedFile['duplicateKeys'] {
  const found: ParsedFile['duplicateKeys'] = []
  const at = (node: unknown): SourceLocation => {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0
    const pos = lineCounter.linePos(offset)
    return { file, line: pos.line, column: pos.col }
  }
  // A plain walk over maps and sequences (aliases are not followed): every document of every
  // scanned file goes through here, and the generic visitor cost a tenth of the parse.
  const nameOf = (key: unknown): string | undefined =>
    isScalar(key) && !isMergeKey(key) ? String(key.value) : undefined
  const report = (key: unknown, name: string, first: unknown) =>
    found.push({ location: at(key), key: name, first: at(first) })
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      const items = node.items
      for (const pair of items) {
        walk(pair.key)
        walk(pair.value)
      }
      if (items.length <= 16) {
        // A small map (nearly all of them) is searched pair by pair, with nothing built.
        for (let index = 1; index < items.length; index++) {
          const name = nameOf(items[index]!.key)
          if (name === undefined) continue
          let first = 0
          while (first < index && nameOf(items[first]!.key) !== name) first++
          if (first < index) report(items[index]!.key, name, items[first]!.key)
        }
        return
      }
      const firstOf = new Map<string, unknown>()
      for (const { key } of items) {
        const name = nameOf(key)
        if (name === undefined) continue
        const first = firstOf.get(name)
        if (first === undefined) firstOf.set(name, key)
        else report(key, name, first)
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item)
    }
  }
  walk(document.contents)
  return found
}

function parseDocuments(text: string): { all: Document.Parsed[]; lineCounter: LineCounter } {
  const lineCounter = new LineCounter()
  const parsed = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter })
  const all = Array.isArray(parsed) ? parsed : [parsed]
  const cut = all.findIndex((document) => markerInside(text, document) !== undefined)
  if (cut === -1) return { all, lineCounter }
  return recoverAfterMarker(text, all, cut)
}

// A document marker line ends a document whatever comes before it (documents.ts), but the `yaml`
// package lets an unclosed quote run on through such lines to the end of the file, so one stray
// quote would hide every later document. libyaml stops there too.

/** Recoveries per file: each re-parses the rest of the file, so hostile input must not repeat it. */
const MAX_RECOVERIES = 8

/** Offset of a document marker inside a broken document (after its own start), if any. */
function markerInside(text: string, document: Document.Parsed): number | undefined {
  if (document.errors.length === 0) return undefined
  const [start, , end] = document.range
  // After the document's own `---` (and any comments or directives before its content).
  const marker = markerFrom(text, Math.max(start + 1, document.contents?.range?.[0] ?? 0))
  return marker !== undefined && marker < end ? marker : undefined
}

/**
 * Ends the broken document `all[cut]` at the marker it ran over and parses the rest again: the
 * text before the marker is blanked out (new lines kept), so offsets, lines and columns stay those
 * of the file.
 */
function recoverAfterMarker(
  text: string,
  all: Document.Parsed[],
  cut: number
): { all: Document.Parsed[]; lineCounter: LineCounter } {
  const documents = all.slice(0, cut)
  let broken: Document.Parsed = all[cut]!
  for (let recoveries = 0; ; recoveries++) {
    const marker = markerInside(text, broken)!
    pullErrorBefore(broken, marker)
    documents.push(broken)
    const rewritten = blanked(text.slice(0, marker)) + text.slice(marker)
    // Same line breaks as the file, so this counter serves for every document kept.
    const lineCounter = new LineCounter()
    const parsed = parseAllDocuments(rewritten, { ...PARSE_OPTIONS, lineCounter })
    const rest = (Array.isArray(parsed) ? parsed : [parsed]).filter(
      (document) => document.range[2] > marker
    )
    const next = rest.findIndex((document) => markerInside(text, document) !== undefined)
    if (next === -1 || recoveries + 1 >= MAX_RECOVERIES) {
      append(documents, rest)
      return { all: documents, lineCounter }
    }
    append(documents, rest.slice(0, next))
    broken = rest[next]!
  }
}

/**
 * The error of a document that ran over a marker is reported at the scalar that swallowed the
 * marker (the opening quote), else at the marker, not at the end of the file.
 */
function pullErrorBefore(document: Document.Parsed, marker: number): void {
  const error = document.errors[0]!
  if (error.pos[0] < marker) return
  const at = scalarAround(document, marker) ?? marker
  error.pos[0] = at
  error.pos[1] = at + 1
}

/** Where to report an error: an unclosed quote at its opening quote (the `yaml` package points at
 * where it gave up looking for the closing one, often the end of the document). */
function errorOffset(document: Document.Parsed, error: YAMLError): number {
  const offset = error.pos[0]
  if (error.code !== 'MISSING_CHAR' || !/quote/i.test(error.message)) return offset
  return scalarAround(document, offset) ?? offset
}

/** Start of the quoted scalar that reaches `offset`, if any. */
function scalarAround(document: Document.Parsed, offset: number): number | undefined {
  let start: number | undefined
  visit(document, {
    Scalar(_key, node) {
      const range = node.range
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'
      if (quoted && range && range[0] <= offset && range[1] >= offset) start = range[0]
    }
  })
  return start
}

/**
 * A file the block loader declines may still be mostly plain block YAML: a Helm render with one
 * flow list, a stream with one broken document. Each document is tried alone; those the loader
 * reads are read by it, the others by `yaml`, each in a copy of the file in which the other
 * documents are blanked (documents.ts): offsets, lines and columns are the file's, and each
 * document ends where it ends in the file, so the `yaml` package reports the same errors at the
 * same places. Undefined when the whole file should go to `yaml`: one document, none or all read
 * alone, or directives (`%YAML` belongs to the document after it).
 */
function parseByDocument(
  text: string
): { all: Document.Parsed[]; lineCounter: LineCounter } | undefined {
  if (/^%/m.test(text)) return undefined
  const chunks = splitDocuments(text)
  if (chunks.length < 2) return undefined
  const readAlone = chunks.map((chunk) => parseBlockYaml(chunk, PARSE_OPTIONS) !== undefined)
  if (readAlone.every(Boolean) || !readAlone.some(Boolean)) return undefined
  const keeping = (fast: boolean) =>
    chunks
      .map((chunk, index) => (readAlone[index] === fast ? chunk : blankDocument(chunk)))
      .join('')
  const fast = parseBlockYaml(keeping(true), PARSE_OPTIONS)
  if (!fast) return undefined
  const rest = parseLeniently(keeping(false))
  // A repair of under-indented quotes (parseLeniently) moves the offsets after it: such a file is
  // parsed whole, so that one line table serves every document.
  if (rest.lineCounter.lineStarts.join() !== fast.lineCounter.lineStarts.join()) return undefined
  // The blanked copies of each side's documents are empty documents, which parseYamlFile drops.
  const all = [...fast.all, ...rest.all].sort((a, b) => a.range[0] - b.range[0])
  return { all, lineCounter: rest.lineCounter }
}

/**
 * libyaml (kubectl, PyYAML, Compose's Go reader) accepts a quoted scalar whose continuation line
 * is indented less than its key — generated CRDs are full of them — while the `yaml` package
 * stops with "Missing closing quote". Leading white space of a quoted scalar's continuation line
 * is folded away, so indenting such lines changes no value: we do that and parse again, keeping
 * the result only when it has fewer errors. Line numbers are unchanged.
 */
function parseLeniently(text: string): {
  all: Document.Parsed[]
  lineCounter: LineCounter
  /** The repaired text, when it was parsed instead of `text`. */
  repaired?: string
} {
  const result = parseDocuments(text)
  const unindented = result.all.some((document) =>
    document.errors.some((error) => error.code === 'MISSING_CHAR' && /quote/i.test(error.message))
  )
  if (!unindented) return result
  const repaired = indentQuotedContinuations(text)
  if (repaired === text) return result
  const again = parseDocuments(repaired)
  return errorCount(again.all) < errorCount(result.all) ? { ...again, repaired } : result
}

/** `---` with nothing (or only comments) after it. */
function isEmpty(document: Document.Parsed): boolean {
  const contents = document.contents
  return contents === null || (isScalar(contents) && contents.value === null && !contents.tag)
}

function errorCount(documents: Document.Parsed[]): number {
  return documents.reduce((sum, document) => sum + document.errors.length, 0)
}

// A value that opens a quote it does not close on the same line: `key: 'abc`, `- "abc`.
const OPENING_QUOTE = /^(\s*(?:-\s+)?(?:[^\s'"#][^#]*?:\s+)?)(['"])/

/**
 * Every continuation line of a multi-line quoted value, up to its closing quote, is indented to
 * at least the column of the opening quote.
 */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING_QUOTE.exec(lines[index]!)
    if (!opening) continue
    const quote = opening[2]!
    const column = opening[1]!.length
    if (closesQuote(lines[index]!.slice(column + 1), quote)) continue
    for (let next = index + 1; next < lines.length; next++) {
      const line = lines[next]!
      // A document marker ends the document, and the unclosed quote with it.
      if (/^(?:---|\.\.\.)(?:[ \t\r]|$)/.test(line)) break
      if (indentOf(line) <= column && line.trim() !== '') {
        lines[next] = ' '.repeat(column + 1) + line.trimStart()
      }
      index = next
      if (closesQuote(line, quote)) break
    }
  }
  return lines.join('\n')
}

/** A closing quote on this line: `'` not doubled, or `"` not escaped. */
function closesQuote(line: string, quote: string): boolean {
  const pattern = quote === "'" ? /(?:^|[^'])(?:'')*'(?!')/ : /(?:^|[^\\])(?:\\\\)*"/
  return pattern.test(line)
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim()
}

const HELM_SOURCE = /^\s*Source:\s*(\S.*?)\s*$/m

/**
 * `helm template` writes `---` then `# Source: chart/templates/x.yaml` above each document. The
 * `yaml` package attaches that comment to the document, to its top map, or to the first key,
 * depending on the blank lines around it, so all three places are read.
 */
export function helmSourceOf(document: Document.Parsed): string | undefined {
  const contents = document.contents
  const firstItem = isMap(contents) ? contents.items[0] : undefined
  const firstKey = isPair(firstItem)
    ? (firstItem.key as { commentBefore?: string | null })
    : undefined
  for (const comment of [
    document.commentBefore,
    contents?.commentBefore,
    firstKey?.commentBefore
  ]) {
    const match = comment ? HELM_SOURCE.exec(comment) : null
    if (match?.[1]) return match[1]
  }
  return undefined
}

// `# port-hygiene-ignore privileged-port, duplicate-host-port: ingress needs 443`.
// The marker must open a YAML comment: `#` at line start or after white space.
const SUPPRESSION = /(?:^|\s)#\s*port-hygiene-ignore\b(.*)$/

export function findSuppressionComments(file: string, text: string): CommentSuppression[] {
  if (!text.includes('port-hygiene-ignore')) return []
  const found: CommentSuppression[] = []
  const lines = text.split(/\r?\n/)
  lines.forEach((lineText, index) => {
    const match = SUPPRESSION.exec(lineText)
    if (!match) return
    const column = lineText.indexOf('#', match.index) + 1
    const location: SourceLocation = { file, line: index + 1, column }
    const ownLine = lineText.slice(0, column - 1).trim() === ''
    found.push({ location, ...parseSuppressionText(match[1] ?? ''), ownLine })
  })
  return found
}

// `- containerPort: 8080 # purpose: public storefront`: what the port is for (the inventory).
const PURPOSE = /(?:^|\s)#\s*purpose:\s*(\S.*?)\s*$/i

export function findPurposeComments(file: string, text: string): PurposeComment[] {
  if (!/purpose:/i.test(text)) return []
  const found: PurposeComment[] = []
  text.split(/\r?\n/).forEach((lineText, index) => {
    const match = PURPOSE.exec(lineText)
    if (!match) return
    const column = lineText.indexOf('#', match.index) + 1
    found.push({ location: { file, line: index + 1, column }, text: match[1]! })
  })
  return found
}

/** `rule-a, rule-b: reason` → rules and reason (annotation values use the same form). */
export function parseSuppressionText(text: string): { rules: string[]; reason?: string } {
  const colon = text.indexOf(':')
  const rulePart = colon === -1 ? text : text.slice(0, colon)
  const reason = colon === -1 ? '' : text.slice(colon + 1).trim()
  const rules = rulePart
    .split(/[\s,]+/)
    .map((rule) => rule.trim())
    .filter(Boolean)
  return reason ? { rules, reason } : { rules }
}
