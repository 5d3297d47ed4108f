// STUB — to be written: Kubernetes loader.
import type { ScanModel } from '../model.js'
import type { ParsedFile } from '../parse/yaml.js'

export function extractKubernetes(_parsed: ParsedFile): Partial<ScanModel> {
  return {}
}
