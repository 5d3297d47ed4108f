// Parse one file's text into YAML documents, keeping positions. A document
// that fails to parse is reported with its position; the others are still used.
import { LineCounter, isMap, isPair, isScalar, parseAllDocuments, type Document } from 'yaml'
import type { CommentSuppression, ParseFailure, SourceLocation } from '../model.js'

export interface ParsedDocument {
  document: Document.Parsed
  /** 1-based line of the document's first content. */
  line: number
  /** Helm-rendered streams name their template: `# Source: chart/templates/deployment.yaml`. */
  helmSource?: string
}

export interface ParsedFile {
  file: string
  text: string
  lineCounter: LineCounter
  /** Documents that parsed cleanly (empty documents are dropped). */
  documents: ParsedDocument[]
  parseErrors: ParseFailure[]
  suppressions: CommentSuppression[]
}

// Compose reads YAML with merge keys (`<<: *defaults`) and so do most Kubernetes
// tools; YAML 1.2 otherwise (so `on`/`yes` stay strings and `8080:80` is a string).
// Duplicate keys are not a parse error here: old manifests carry them and kubectl's libyaml-based
// reader took the last one without complaint; reporting every such file would bury real findings.
const PARSE_OPTIONS = {
  merge: true,
  prettyErrors: false,
  keepSourceTokens: false,
  uniqueKeys: false
} as const

export function parseYamlFile(file: string, text: string): ParsedFile {
  const { all, lineCounter } = parseLeniently(text)
  const documents: ParsedDocument[] = []
  const parseErrors: ParseFailure[] = []
  for (const document of all) {
    if (document.errors.length > 0) {
      const error = document.errors[0]!
      const pos = lineCounter.linePos(error.pos[0])
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
    documents.push({ document, line, ...(helmSource ? { helmSource } : {}) })
  }
  return {
    file,
    text,
    lineCounter,
    documents,
    parseErrors,
    suppressions: findSuppressionComments(file, text)
  }
}

function parseDocuments(text: string): { all: Document.Parsed[]; lineCounter: LineCounter } {
  const lineCounter = new LineCounter()
  const parsed = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter })
  return { all: Array.isArray(parsed) ? parsed : [parsed], lineCounter }
}

/**
 * libyaml (kubectl, PyYAML, Compose's Go reader) accepts a quoted scalar whose continuation line
 * is indented less than its key — generated CRDs are full of them — while the `yaml` package
 * stops with "Missing closing quote". Leading white space of a quoted scalar's continuation line
 * is folded away, so indenting such lines changes no value: we do that and parse again, keeping
 * the result only when it has fewer errors. Line numbers are unchanged.
 */
function parseLeniently(text: string): { all: Document.Parsed[]; lineCounter: LineCounter } {
  const result = parseDocuments(text)
  const unindented = result.all.some((document) =>
    document.errors.some((error) => error.code === 'MISSING_CHAR' && /quote/i.test(error.message))
  )
  if (!unindented) return result
  const repaired = indentQuotedContinuations(text)
  if (repaired === text) return result
  const again = parseDocuments(repaired)
  return errorCount(again.all) < errorCount(result.all) ? again : result
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
function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING_QUOTE.exec(lines[index]!)
    if (!opening) continue
    const quote = opening[2]!
    const column = opening[1]!.length
    if (closesQuote(lines[index]!.slice(column + 1), quote)) continue
    for (let next = index + 1; next < lines.length; next++) {
      const line = lines[next]!
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
function helmSourceOf(document: Document.Parsed): string | undefined {
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
