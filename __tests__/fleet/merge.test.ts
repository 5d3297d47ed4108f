// The fleet check gives one finding per place, as a repository's own scan does
// (src/rules/merge-findings.ts): a platform whose range for shop leaves out 30080 makes shop's
// `nodePort: 30080` line both out of range and taken by payments, and that line is one finding.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliIn } from '../helpers/cli.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.resolve(here, '../fixtures/fleet')

const cli = (argv: string[], cwd: string) => runCliIn(cwd, argv)

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-fleet-merge-'))
  for (const repository of ['shop', 'payments']) {
    const run = await cli(
      ['--format', 'json', '--output', path.join(dir, `${repository}.json`), '--fail-on', 'never'],
      path.join(fixtures, repository)
    )
    expect(run.code).toBe(0)
  }
  // The platform gives shop 30000-30079: its nodePort 30080 is outside.
  await writeFile(
    path.join(dir, 'platform.yml'),
    [
      'ranges:',
      '  namespaces:',
      "    shop: '30000-30079'",
      "    payments: '30100-30199'",
      'rules:',
      '  port-out-of-range:',
      '    options:',
      '      check: [node-port]',
      ''
    ].join('\n')
  )
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

interface ReportFinding {
  ruleId: string
  message: string
  location: { file: string; line: number; column: number }
  ruleIds: string[]
  also: Array<{ ruleId: string; message: string; location: { line: number } }>
}

describe('port-hygiene fleet merges the findings at one place', () => {
  it("shop's nodePort line, out of range and taken by payments, is one finding with both rules", async () => {
    const run = await cli(
      ['fleet', 'shop.json', 'payments.json', '--config', 'platform.yml', '--format', 'json'],
      dir
    )
    expect(run.code).toBe(1)
    const findings = JSON.parse(run.stdout).findings as ReportFinding[]
    const shopNodePort = findings.filter(
      (finding) => finding.location.file === 'shop:deploy/shop.yaml' && finding.location.line === 38
    )
    expect(shopNodePort).toHaveLength(1)
    const [merged] = shopNodePort
    // Both errors: the rule order of the registry puts port-out-of-range first.
    expect(merged!.ruleIds).toEqual(['port-out-of-range', 'duplicate-node-port'])
    expect(merged!.message).toBe(
      'nodePort 30080 is outside the allowed range 30000-30079 for namespace shop. ' +
        'Also on this line: duplicate-node-port (error).'
    )
    expect(merged!.also).toEqual([
      expect.objectContaining({
        ruleId: 'duplicate-node-port',
        message: expect.stringMatching(
          /^nodePort 30080 of Service shop\/storefront \(shop:deploy\/shop\.yaml:38\) is also taken by Service payments\/gateway /
        ),
        location: expect.objectContaining({ line: 38, column: 7 })
      })
    ])
    // Payments has its range finding only: both clashes are reported at shop's side.
    expect(
      findings
        .filter((finding) => finding.location.file === 'payments:k8s/payments.yaml')
        .map((finding) => [finding.location.line, finding.ruleIds])
    ).toEqual([[41, ['port-out-of-range']]])
  })

  it('the text form says it once, on one line', async () => {
    const run = await cli(['fleet', 'shop.json', 'payments.json', '--config', 'platform.yml'], dir)
    const atShopNodePort = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('shop:deploy/shop.yaml:38:7 '))
    expect(atShopNodePort).toHaveLength(1)
    expect(atShopNodePort[0]).toContain(
      'for namespace shop. Also on this line: duplicate-node-port (error).  [port-out-of-range]'
    )
  })
})
