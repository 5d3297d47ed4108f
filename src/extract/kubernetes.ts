// The Kubernetes loader: every document of a file → port bindings, Service ports, pod templates,
// Namespaces, and the values the API server would reject. The parts live in ./kubernetes/.
import { isMap, isPair } from 'yaml'
import type { ScanModel } from '../model.js'
import type { ParsedDocument, ParsedFile } from '../parse/yaml.js'
import { emptyExtraction, type KubeContext } from './kubernetes/context.js'
import { extractObject } from './kubernetes/objects.js'

export function extractKubernetes(parsed: ParsedFile): Partial<ScanModel> {
  const out = emptyExtraction()
  for (const parsedDocument of parsed.documents) {
    const { document, line } = parsedDocument
    const helmSource = helmSourceOf(parsedDocument)
    const ctx: KubeContext = {
      file: parsed.file,
      document,
      lineCounter: parsed.lineCounter,
      text: parsed.text,
      out,
      ...(helmSource ? { helmSource } : {})
    }
    try {
      if (isMap(document.contents)) extractObject(document.contents, ctx)
    } catch (error) {
      // A shape nothing here foresaw must cost one document, never the scan. Reported as a
      // parse-level failure so that it is seen and can be fixed, not silently dropped.
      out.parseErrors.push({
        location: { file: parsed.file, line, column: 1 },
        message: `could not read this Kubernetes document: ${(error as Error).message}`
      })
    }
  }
  return out
}

const HELM_SOURCE = /^\s*Source:\s*(\S.*?)\s*$/m

/**
 * `helm template` writes `---` then `# Source: chart/templates/x.yaml` above each document. The
 * `yaml` package attaches that comment to the document, to its top map, or to the first key,
 * depending on the blank lines around it, so all three places are read.
 */
function helmSourceOf(parsed: ParsedDocument): string | undefined {
  if (parsed.helmSource) return parsed.helmSource
  const contents = parsed.document.contents
  const firstItem = isMap(contents) ? contents.items[0] : undefined
  const firstKey = isPair(firstItem)
    ? (firstItem.key as { commentBefore?: string | null })
    : undefined
  for (const comment of [contents?.commentBefore, firstKey?.commentBefore]) {
    const match = comment ? HELM_SOURCE.exec(comment) : null
    if (match?.[1]) return match[1]
  }
  return undefined
}
