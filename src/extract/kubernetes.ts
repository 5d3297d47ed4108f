// The Kubernetes loader: every document of a file → port bindings, Service ports, pod templates,
// Namespaces, and the values the API server would reject. The parts live in ./kubernetes/.
import { isMap } from 'yaml'
import type { LimitExceeded, ScanModel } from '../model.js'
import { MAX_HELM_SOURCE_LENGTH, type ParsedFile } from '../parse/yaml.js'
import { DEFAULT_LIMITS } from '../limits.js'
import {
  emptyExtraction,
  ExpansionBudgetExceeded,
  type ExpansionBudget,
  type KubeContext
} from './kubernetes/context.js'
import { extractObject } from './kubernetes/objects.js'

export function extractKubernetes(
  parsed: ParsedFile,
  expansionBudget = DEFAULT_LIMITS.expansionBudget
): Partial<ScanModel> {
  const out = emptyExtraction()
  const limitsExceeded: LimitExceeded[] = []
  const budget: ExpansionBudget = { remaining: expansionBudget, aliased: 0 }
  for (const parsedDocument of parsed.documents) {
    const { document, line } = parsedDocument
    const { helmSource, helmSourceTooLong } = parsedDocument
    if (helmSourceTooLong !== undefined) {
      limitsExceeded.push({
        location: { file: parsed.file, line, column: 1 },
        limit: 'helm-source-length',
        message:
          `The \`# Source:\` comment above this document names a template of ${helmSourceTooLong} ` +
          `characters, more than ${MAX_HELM_SOURCE_LENGTH}: no template is linked to its findings.`
      })
    }
    const ctx: KubeContext = {
      file: parsed.file,
      document,
      lineCounter: parsed.lineCounter,
      // Offsets point into the text that was parsed (after a lenient repair, not the file's).
      text: parsed.parsedText ?? parsed.text,
      out,
      budget,
      ...(helmSource ? { helmSource } : {})
    }
    try {
      if (isMap(document.contents)) extractObject(document.contents, ctx)
    } catch (error) {
      if (error instanceof ExpansionBudgetExceeded) {
        // What was read before the budget ran out is kept; the rest of the file is not read.
        limitsExceeded.push({
          location: { file: parsed.file, line, column: 1 },
          limit: 'expansion-budget',
          message:
            `Its aliases expand into more than ${expansionBudget} objects, containers and ports ` +
            '(each use of an alias counts): the rest of this file was not checked.'
        })
        break
      }
      // A shape nothing here foresaw must cost one document, never the scan. Reported as a
      // parse-level failure so that it is seen and can be fixed, not silently dropped.
      out.parseErrors.push({
        location: { file: parsed.file, line, column: 1 },
        message: `could not read this Kubernetes document: ${(error as Error).message}`
      })
    }
  }
  return { ...out, limitsExceeded }
}
