// A finding's fingerprint and identity are what baselines, SARIF alerts on GitHub and the
// comment's markers match findings by, from one commit and one release to the next: they are
// pinned here, for findings of the examples, as digests of what they are made of.
import { createHash } from 'node:crypto'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { identityStem } from '../../src/rules/identity.js'
import { scanFolder } from './scan-fixture.js'

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples')
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32)

describe('fingerprints and identities', () => {
  it('are SHA-256 of the rule, file and key, and of the identity stem and occurrence', async () => {
    const { findings } = await scanFolder(EXAMPLES)
    expect(findings.length).toBeGreaterThan(20)
    for (const finding of findings) {
      expect(finding.fingerprint).toBe(
        sha256(`${finding.ruleId}\0${finding.location.file}\0${finding.key}`)
      )
      expect(finding.identity).toMatch(/^[0-9a-f]{32}$/)
    }
    // Findings that share a stem are numbered in place order.
    const byStem = new Map<string, typeof findings>()
    for (const finding of findings) {
      const stem = identityStem(finding)
      byStem.set(stem, [...(byStem.get(stem) ?? []), finding])
    }
    for (const [stem, group] of byStem) {
      expect(group.map((finding) => finding.identity)).toEqual(
        group.map((_, index) => sha256(`${stem}\0${index}`))
      )
    }
  })

  it('stay what they were for a known finding', async () => {
    const { findings } = await scanFolder(EXAMPLES)
    const finding = findings.find(
      (each) => each.ruleId === 'privileged-port' && each.location.file.includes('ingress-nginx')
    )!
    expect(finding.key).toBeDefined()
    expect({ fingerprint: finding.fingerprint, identity: finding.identity }).toMatchInlineSnapshot(`
      {
        "fingerprint": "1593bbb4f45efe5e268dde67b7c64c16",
        "identity": "99c0c000c152d43878214ca59686a6a4",
      }
    `)
  })
})
