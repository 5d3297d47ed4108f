// Moved is not fixed: a base finding that disappears because a finding the change adds covers
// the same ports now (host networking, a renamed object) is "changed", never "fixed".
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../src/report/markdown.js'
import { legacyDeployments } from '../helpers/manifests.js'
import { PR_COMMENT, scenario } from '../report/golden-comments.js'
import { ruleIdsOf } from '../../src/rules/merge-findings.js'

// 81 and 444 stay privileged-port warnings (80 and 443 are allowed by default), and the image
// is no reverse proxy, so unbound-interface reports each port (a notice).
const SHOP = `name: shop
services:
  web:
    image: shop/web:2
    ports:
      - "81:8080"
      - "444:8443"
      - "9090:9090"
  api:
    image: shop/api:3
    ports:
      - "127.0.0.1:9000:9000"
`

const verdict = (result: Awaited<ReturnType<typeof scenario>>) =>
  renderMarkdown(result, PR_COMMENT).split('\n')[1]

describe('a change that moves findings rather than fixing them', () => {
  it('switching a service to network_mode: host changes its findings, it fixes none', async () => {
    const hostNetwork = SHOP.replace(
      '    image: shop/web:2\n',
      '    image: shop/web:2\n    network_mode: host\n'
    )
    const result = await scenario({ 'compose.yaml': SHOP }, { 'compose.yaml': hostNetwork })
    const change = result.change!
    expect(change.fixed).toEqual([])
    expect(change.added.map((finding) => finding.ruleId)).toEqual(['host-network-ports'])
    // One per line, as the base reported them.
    expect(
      change.changed!.map(
        ({ finding }) => `${ruleIdsOf(finding).join('+')}@${finding.location.line}`
      )
    ).toEqual([
      'privileged-port+unbound-interface@6',
      'privileged-port+unbound-interface@7',
      'unbound-interface@8'
    ])
    expect(change.changed!.every(({ now }) => now === change.added[0])).toBe(true)
    expect(verdict(result)).toBe('### ❌ port-hygiene: adds 1 problem — 1 error; 3 changed')
    expect(renderMarkdown(result, PR_COMMENT)).toContain('#### Changed by this pull request (3)')
  })

  it('a renamed Deployment changes its finding; its new name is still a new finding', async () => {
    const base = legacyDeployments(3)
    const head = base.replace(/legacy-1\b/g, 'legacy-1-v2')
    const result = await scenario({ 'k8s/legacy.yaml': base }, { 'k8s/legacy.yaml': head })
    const change = result.change!
    expect(change.fixed).toEqual([])
    expect(change.changed!.map(({ finding }) => finding.message)).toEqual([
      expect.stringContaining('Deployment legacy/legacy-1 (container "app")')
    ])
    expect(change.added.map((finding) => finding.message)).toEqual([
      expect.stringContaining('Deployment legacy/legacy-1-v2')
    ])
  })

  it('a port moved to another number is fixed, whatever new finding the new number has', async () => {
    const moved = SHOP.replace('"81:8080"', '"8080:8080"').replace(
      '"9090:9090"',
      '"127.0.0.1:9090:9090"'
    )
    const result = await scenario({ 'compose.yaml': SHOP }, { 'compose.yaml': moved })
    const change = result.change!
    expect(change.changed ?? []).toEqual([])
    // One finding per line: line 6 (its rules merged) is fixed as a whole.
    expect(
      change.fixed.map((finding) => `${ruleIdsOf(finding).join('+')}@${finding.location.line}`)
    ).toEqual(['privileged-port+unbound-interface@6', 'unbound-interface@8'])
    // 8080 on every interface is a new claim with a problem of its own (a notice).
    expect(change.added.map((finding) => finding.message)).toEqual([
      expect.stringContaining('Published port 8080/tcp')
    ])
    expect(verdict(result)).toBe(
      // Findings, one per line: lines 6 and 8 fixed; line 7 (444, two rules) existing.
      '### ℹ️ port-hygiene: adds 1 problem — 1 notice; fixes 2; 1 existing'
    )
  })
})

describe('one line, one finding, against a base', () => {
  it('a rule the change adds to a line with an existing one is new on its own; the old one stays existing', async () => {
    const base =
      'name: shop\nservices:\n  web:\n    image: shop/web:2\n    ports:\n      - "8080:80"\n'
    const head = base.replace('    image: shop/web:2\n', '    image: shop/web:2\n    scale: 2\n')
    const result = await scenario({ 'compose.yaml': base }, { 'compose.yaml': head })
    const change = result.change!
    const where = (finding: (typeof change.added)[number]) =>
      `${ruleIdsOf(finding).join('+')}@${finding.location.line}`
    // Without a base the line is one finding (fixed-port-with-replicas naming unbound-interface).
    expect(change.added.map(where)).toEqual(['fixed-port-with-replicas@7'])
    expect(change.added[0]!.message).not.toContain('Also on this line')
    expect(change.existing.map(where)).toEqual(['unbound-interface@7'])
    expect(change.fixed).toEqual([])
    // The report's findings are those two: the gate counts the new one at its own severity.
    expect(result.findings.map(where)).toEqual([
      'fixed-port-with-replicas@7',
      'unbound-interface@7'
    ])
    expect(verdict(result)).toMatch(/adds 1 problem — 1 error; 1 existing$/)
  })

  it('a line whose rules are all old stays one existing finding', async () => {
    const base =
      'name: shop\nservices:\n  web:\n    image: shop/web:2\n    scale: 2\n    ports:\n      - "8080:80"\n'
    const result = await scenario({ 'compose.yaml': base }, { 'compose.yaml': `${base}\n` })
    const change = result.change!
    expect(change.added).toEqual([])
    expect(change.existing.map((finding) => ruleIdsOf(finding))).toEqual([
      ['fixed-port-with-replicas', 'unbound-interface']
    ])
    expect(result.findings).toEqual(change.existing)
  })
})
