// Which loader reads a file. Kubernetes: any document with `apiVersion` and `kind`.
// Compose: the file name says so, or the top level has a `services` map and no apiVersion/kind.
import { isMap } from 'yaml'
import type { FileFormat } from '../model.js'
import type { ParsedFile } from '../parse/yaml.js'

const COMPOSE_NAME = /^(docker-)?compose([.-][^/]*)?\.ya?ml$/i

export function isComposeFileName(file: string): boolean {
  const base = file.split('/').pop() ?? file
  return COMPOSE_NAME.test(base)
}

export function classifyFile(parsed: ParsedFile): FileFormat {
  let kubernetes = false
  let composeShape = false
  for (const { document } of parsed.documents) {
    const top = document.contents
    if (!isMap(top)) continue
    const hasKind = top.has('apiVersion') && top.has('kind')
    if (hasKind) kubernetes = true
    else if (isMap(top.get('services', true))) composeShape = true
  }
  if (kubernetes) return 'kubernetes'
  if (composeShape) return 'compose'
  if (isComposeFileName(parsed.file) && parsed.documents.length > 0) return 'compose'
  return 'other'
}
