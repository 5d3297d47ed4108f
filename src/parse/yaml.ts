// Parse one file's text into YAML documents, keeping positions. A document
// that fails to parse is reported with its position; the others are still used.
import { LineCounter, isMap, isPair, parseAllDocuments, type Document } from 'yaml'
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
  const lineCounter = new LineCounter()
  const parsed = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter })
  const all = Array.isArray(parsed) ? parsed : [parsed]
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
    if (document.contents === null) continue
    const start = document.contents.range?.[0] ?? document.range[0]
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
    found.push({ location, ...parseSuppressionText(match[1] ?? '') })
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
