// SHA-256 of a string's UTF-8 bytes, as hex: the fingerprints and identities of findings and the
// keys of Compose environments. `node:crypto` is loaded on the first digest (src/builtin.ts), so
// a scan with nothing to report never loads it.
import { builtin } from './builtin.js'

export function sha256Hex(text: string): string {
  return builtin('node:crypto').createHash('sha256').update(text, 'utf8').digest('hex')
}
