// The Kubernetes loader: every document of a file → port bindings, Service ports, pod templates,
// Namespaces, and the values the API server would reject. The parts live in ./kubernetes/.
import { isMap } from 'yaml'
import type { ScanModel } from '../model.js'
import type { ParsedFile } from '../parse/yaml.js'
import { emptyExtraction, type KubeContext } from './kubernetes/context.js'
import { extractObject } from './kubernetes/objects.js'

export function extractKubernetes(parsed: ParsedFile): Partial<ScanModel> {
  const out = emptyExtraction()
  for (const parsedDocument of parsed.documents) {
    const { document, line } = parsedDocument
    const { helmSource } = parsedDocument
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
