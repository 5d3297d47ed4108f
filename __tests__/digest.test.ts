import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../src/digest.js'

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    )
  })

  it('digests UTF-8, a lone surrogate as U+FFFD (the fingerprints of earlier versions)', () => {
    // The hand-written digest this replaced hashed TextEncoder's bytes: fingerprints stay.
    for (const text of ['h\u00e9', '\u{1f600}', 'a\ud800b']) {
      const bytes = new TextEncoder().encode(text)
      expect(sha256Hex(text)).toBe(createHash('sha256').update(bytes).digest('hex'))
    }
    expect(sha256Hex('a\ud800b')).toBe(sha256Hex('a\ufffdb'))
    expect(sha256Hex('a\ud800b')).not.toBe(sha256Hex('ab'))
  })
})
