// STUB — to be written: Compose loader.
import type { ScanModel } from '../../model.js'
import type { ParsedFile } from '../../parse/yaml.js'

/** How the Compose loader reaches files beyond the discovered ones; paths are relative to the scan root. */
export interface ComposeFileSystem {
  /** Text of a file inside the root (`.env`, env files), or undefined when absent/unreadable/outside. */
  readText(file: string): string | undefined
  /** A parsed YAML file inside the root (cached; discovered files come parsed already). */
  parse(file: string): ParsedFile | undefined
}

export function extractCompose(
  _files: ParsedFile[],
  _fs: ComposeFileSystem,
  _env: Record<string, string | undefined>
): Partial<ScanModel> {
  return {}
}
