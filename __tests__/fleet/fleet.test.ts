// The fleet check: three fixture repositories (shop, payments, edge) each scanned on their own,
// as their workflows would, then their JSON reports merged by `port-hygiene fleet`.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliIn } from '../helpers/cli.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.resolve(here, '../fixtures/fleet')
const platformConfig = path.join(fixtures, 'platform/fleet.yml')

const cli = (argv: string[], cwd: string) => runCliIn(cwd, argv)

let reports: string
const own: Record<string, Array<{ ruleId: string; message: string }>> = {}

beforeAll(async () => {
  reports = await mkdtemp(path.join(tmpdir(), 'port-hygiene-fleet-'))
  // shop and payments as `port-hygiene --format json` writes them; edge as the action writes it
  // (with its repository) and download-artifact lays it out (one folder per artifact).
  for (const repository of ['shop', 'payments', 'edge']) {
    const target =
      repository === 'edge'
        ? path.join(reports, 'port-hygiene-edge/port-hygiene-report.json')
        : path.join(reports, `${repository}.json`)
    const run = await cli(
      ['--format', 'json', '--output', target, '--fail-on', 'never'],
      path.join(fixtures, repository)
    )
    expect(run.code).toBe(0)
    const report = JSON.parse(await readFile(target, 'utf8'))
    own[repository] = report.findings
    if (repository === 'edge') {
      await writeFile(target, JSON.stringify({ ...report, repository: 'acme/edge' }))
    }
  }
})
afterAll(async () => {
  await rm(reports, { recursive: true, force: true })
})

const fleetArgs = () => [
  'fleet',
  `shop=${path.join(reports, 'shop.json')}`,
  path.join(reports, 'payments.json'),
  path.join(reports, 'port-hygiene-edge/port-hygiene-report.json'),
  '--config',
  platformConfig
]

async function fleetJson() {
  const run = await cli([...fleetArgs(), '--format', 'json'], reports)
  return { run, report: JSON.parse(run.stdout) }
}

describe('port-hygiene fleet', () => {
  it('no single repository has the clashes', () => {
    expect(own.shop).toEqual([])
    expect(own.payments).toEqual([])
    // edge's own problem (two canaries on hostPort 8443) is its own run's to report.
    expect(own.edge!.map((finding) => finding.ruleId)).toContain('duplicate-host-port')
  })

  it('finds the hostPort clash between shop and payments, naming both repositories and files', async () => {
    const { run, report } = await fleetJson()
    expect(run.code).toBe(1)
    const hostPorts = report.findings.filter(
      (finding: { ruleId: string }) => finding.ruleId === 'duplicate-host-port'
    )
    expect(hostPorts).toHaveLength(1)
    expect(hostPorts[0]).toMatchObject({
      severity: 'error',
      // The `hostPort:` keys, where each repository's own scan points (not the `- name:` items).
      location: { file: 'shop:deploy/shop.yaml', line: 23, column: 15 },
      message:
        'Host port 24224/TCP of DaemonSet shop/log-shipper (container "fluent-bit", shop:deploy/shop.yaml:23) ' +
        'is also claimed by DaemonSet payments/log-agent (container "fluentd", payments:k8s/payments.yaml:24): ' +
        'certain conflict: both are DaemonSets, which run a pod on every node, so the two pods can never share a node.',
      related: [{ location: { file: 'payments:k8s/payments.yaml', line: 24, column: 15 } }]
    })
  })

  it('finds the nodePort clash between shop and payments', async () => {
    const { report } = await fleetJson()
    const nodePorts = report.findings.filter(
      (finding: { ruleId: string }) => finding.ruleId === 'duplicate-node-port'
    )
    expect(nodePorts).toEqual([
      expect.objectContaining({
        severity: 'error',
        // The `nodePort:` keys, where each repository's own scan points.
        location: expect.objectContaining({ file: 'shop:deploy/shop.yaml', line: 38, column: 7 }),
        message:
          'nodePort 30080 of Service shop/storefront (shop:deploy/shop.yaml:38) is also taken by Service payments/gateway ' +
          '(payments:k8s/payments.yaml:41): the API server gives a nodePort to one Service per cluster, so applying the ' +
          'second fails ("provided port is already allocated").',
        related: [
          expect.objectContaining({
            location: expect.objectContaining({
              file: 'payments:k8s/payments.yaml',
              line: 41,
              column: 7
            })
          })
        ]
      })
    ])
  })

  it("checks every repository's ports against the platform's ranges", async () => {
    const { report } = await fleetJson()
    const ranges = report.findings.filter(
      (finding: { ruleId: string }) => finding.ruleId === 'port-out-of-range'
    )
    expect(ranges.map((finding: { message: string }) => finding.message)).toEqual([
      'nodePort 30080 is outside the allowed range 30100-30199 for namespace payments.'
    ])
  })

  it("leaves a clash inside one repository to that repository's run", async () => {
    const { report } = await fleetJson()
    const files = report.findings.map(
      (finding: { location: { file: string } }) => finding.location.file
    )
    expect(files.filter((file: string) => file.startsWith('acme/edge:'))).toEqual([])
    // but the edge report was merged, under the repository it names
    expect(report.model.bindings.map((binding: { file: string }) => binding.file)).toContain(
      'acme/edge:clusters/prod/ingress.yaml'
    )
  })

  it('prints the repositories it merged, then the findings in the text form', async () => {
    const run = await cli(fleetArgs(), reports)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe(
      'Fleet: 3 repositories (shop, payments, acme/edge), 8 ports, 3 Service ports'
    )
    expect(run.stdout).toMatch(/^shop:deploy\/shop\.yaml:23:15 {2}error {2}Host port 24224\/TCP/m)
    expect(lines.at(-2)).toBe('✖ 3 problems (3 errors, 0 warnings, 0 notices) in 3 files')
  })

  it('with node scopes, the same ports in two clusters do not clash', async () => {
    const config = path.join(reports, 'scoped.yml')
    await writeFile(config, "nodeScopes:\n  prod-eu: ['shop:**']\n  prod-us: ['payments:**']\n")
    const run = await cli(
      [...fleetArgs().slice(0, -2), '--config', config, '--format', 'json'],
      reports
    )
    expect(JSON.parse(run.stdout).findings).toEqual([])
    expect(run.code).toBe(0)
  })

  it('reads reports tolerantly: unknown fields and schemaVersion 2 are fine; a newer one is refused', async () => {
    const shop = JSON.parse(await readFile(path.join(reports, 'shop.json'), 'utf8'))
    const dir = path.join(reports, 'versions')
    await mkdir(dir, { recursive: true })
    await writeFile(
      path.join(dir, 'v2.json'),
      JSON.stringify({ ...shop, schemaVersion: 2, conflicts: [], extra: 1 })
    )
    await writeFile(path.join(dir, 'v9.json'), JSON.stringify({ ...shop, schemaVersion: 9 }))
    const ok = await cli(
      ['fleet', 'v2.json', `payments=${path.join(reports, 'payments.json')}`],
      dir
    )
    expect(ok.stdout).toContain('Fleet: 2 repositories (v2, payments)')
    const newer = await cli(['fleet', 'v9.json'], dir)
    expect(newer.code).toBe(2)
    expect(newer.stderr).toBe(
      'port-hygiene: v9.json has schemaVersion 9; this port-hygiene reads 1 and 2 (the report was written by a newer port-hygiene: update this one)\n' +
        'Run "port-hygiene fleet --help" for usage.\n'
    )
  })

  it('two reports with one label, or a file that is not a report, are errors', async () => {
    const shop = path.join(reports, 'shop.json')
    const twice = await cli(
      ['fleet', `a=${shop}`, `a=${path.join(reports, 'payments.json')}`],
      reports
    )
    expect(twice.code).toBe(2)
    expect(twice.stderr).toMatch(/are both labelled "a": name them apart/)
    await writeFile(path.join(reports, 'notes.json'), '{"hello": "world"}')
    const other = await cli(['fleet', 'notes.json'], reports)
    expect(other.stderr).toMatch(
      /^port-hygiene: notes\.json is not a port-hygiene JSON report: pass the JSON report \(--format json, or the action's report-file output\)$/m
    )
    const none = await cli(['fleet'], reports)
    expect(none.stderr.split('\n')[0]).toBe('port-hygiene: name at least one JSON report')
  })

  it('a SARIF file, an inventory or a missing file is refused naming it, never an ENOENT', async () => {
    const dir = path.join(reports, 'others')
    await mkdir(dir, { recursive: true })
    await writeFile(
      path.join(dir, 'shop.sarif'),
      JSON.stringify({
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: []
      })
    )
    await writeFile(
      path.join(dir, 'ports.json'),
      JSON.stringify({
        schemaVersion: 1,
        tool: { name: 'port-hygiene' },
        ianaSource: 'x',
        ports: []
      })
    )
    const cases: Array<[string, string]> = [
      ['shop.sarif', 'shop.sarif is a SARIF file, not a port-hygiene JSON report'],
      ['ports.json', 'ports.json is a port inventory (inventory --format json), not a scan report'],
      ['reports/nope.json', 'cannot read the report reports/nope.json: it does not exist']
    ]
    for (const [file, message] of cases) {
      const run = await cli(['fleet', file], dir)
      expect(run.code).toBe(2)
      expect(run.stderr.split('\n')[0]).toMatch(
        new RegExp(`^port-hygiene: ${message.replace(/[.()]/g, '\\$&')}`)
      )
      expect(run.stderr).not.toMatch(/ENOENT|internal error/)
      expect(run.stderr).not.toContain(dir)
      expect(run.stderr.split('\n')[1]).toBe('Run "port-hygiene fleet --help" for usage.')
    }
  })

  it("labels downloaded artifacts by owner and repository, so two owners' shop stay apart", async () => {
    const shop = JSON.parse(await readFile(path.join(reports, 'shop.json'), 'utf8'))
    const dir = path.join(reports, 'downloads')
    for (const owner of ['acme', 'beta']) {
      await mkdir(path.join(dir, 'reports', owner, 'shop'), { recursive: true })
      await writeFile(
        path.join(dir, 'reports', owner, 'shop', 'port-hygiene-report.json'),
        JSON.stringify(shop)
      )
    }
    const run = await cli(
      [
        'fleet',
        'reports/acme/shop/port-hygiene-report.json',
        'reports/beta/shop/port-hygiene-report.json'
      ],
      dir
    )
    expect(run.stdout.split('\n')[0]).toMatch(/^Fleet: 2 repositories \(acme\/shop, beta\/shop\),/)
    const json = await cli(
      [
        'fleet',
        'reports/acme/shop/port-hygiene-report.json',
        'reports/beta/shop/port-hygiene-report.json',
        '--format',
        'json'
      ],
      dir
    )
    const files = new Set(
      JSON.parse(json.stdout).model.bindings.map((binding: { file: string }) =>
        binding.file.replace(/:.*/, '')
      )
    )
    expect([...files].sort()).toEqual(['acme/shop', 'beta/shop'])
  })

  it('says plainly that Compose ports are not compared across repositories', async () => {
    const dir = path.join(reports, 'compose')
    for (const repository of ['shop-dev', 'payments-dev']) {
      await mkdir(path.join(dir, repository), { recursive: true })
      await writeFile(
        path.join(dir, repository, 'compose.yaml'),
        'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n'
      )
      const scanned = await cli(
        ['--format', 'json', '--output', `../${repository}.json`, '--fail-on', 'never'],
        path.join(dir, repository)
      )
      expect(scanned.code).toBe(0)
    }
    const run = await cli(['fleet', 'shop-dev.json', 'payments-dev.json'], dir)
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'Fleet: 2 repositories (shop-dev, payments-dev), 2 ports, 0 Service ports',
      '2 Compose ports not compared across repositories: Compose projects of different repositories run on different hosts.'
    ])
    // The same published port in both: no finding, as the headline says.
    expect(run.code).toBe(0)
    expect((await cli(['fleet', '--help'], reports)).stdout).toContain(
      'Compose projects are not compared across repositories'
    )
  })
})

interface Place {
  file: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
}
interface ReportFinding {
  ruleId: string
  location: Place
  related: Array<{ location: Place }>
}

/** Every place a rule's findings point at (the finding and its related places), in `files`. */
function placesOf(findings: ReportFinding[], ruleId: string, files: readonly string[]): string[] {
  return findings
    .filter((finding) => finding.ruleId === ruleId)
    .flatMap((finding) => [finding.location, ...finding.related.map((each) => each.location)])
    .filter((place) => files.includes(place.file))
    .map(
      (place) => `${place.file}:${place.line}:${place.column}-${place.endLine}:${place.endColumn}`
    )
    .sort()
}

describe("fleet findings point where the repositories' own scan does", () => {
  /** The fleet reports of shop and payments, each read back from the given report text. */
  async function fleetOf(shop: string, payments: string) {
    const dir = await mkdtemp(path.join(reports, 'positions-'))
    await writeFile(path.join(dir, 'shop.json'), shop)
    await writeFile(path.join(dir, 'payments.json'), payments)
    const run = await cli(['fleet', 'shop.json', 'payments.json', '--format', 'json'], dir)
    return { run, findings: (run.stdout ? JSON.parse(run.stdout).findings : []) as ReportFinding[] }
  }
  const shopText = () => readFile(path.join(reports, 'shop.json'), 'utf8')
  const paymentsText = () => readFile(path.join(reports, 'payments.json'), 'utf8')

  it('the same hostPort and nodePort lines as one scan of both repositories together', async () => {
    // One scan of both files side by side (shop/…, payments/…), where both clashes are inside it.
    const single = await mkdtemp(path.join(reports, 'single-'))
    const files = ['shop/deploy/shop.yaml', 'payments/k8s/payments.yaml']
    for (const file of files) {
      await mkdir(path.dirname(path.join(single, file)), { recursive: true })
      await writeFile(path.join(single, file), await readFile(path.join(fixtures, file)))
    }
    const scan = await cli(['--format', 'json', '--fail-on', 'never'], single)
    const together = JSON.parse(scan.stdout).findings as ReportFinding[]
    const { findings } = await fleetOf(await shopText(), await paymentsText())
    // `shop:deploy/shop.yaml` in the fleet is `shop/deploy/shop.yaml` in the single scan.
    const asSingle = findings.map((finding) => {
      const rename = (place: Place) => ({ ...place, file: place.file.replace(':', '/') })
      return {
        ...finding,
        location: rename(finding.location),
        related: finding.related.map((each) => ({ location: rename(each.location) }))
      }
    })
    for (const ruleId of ['duplicate-host-port', 'duplicate-node-port']) {
      const expected = placesOf(together, ruleId, files)
      expect(expected, ruleId).toHaveLength(2)
      expect(placesOf(asSingle, ruleId, files), ruleId).toEqual(expected)
    }
    // Spelled out once: the `hostPort:` and `nodePort:` keys, never the `- name:` items.
    expect(placesOf(together, 'duplicate-host-port', files)).toEqual([
      'payments/k8s/payments.yaml:24:15-24:23',
      'shop/deploy/shop.yaml:23:15-23:23'
    ])
    expect(placesOf(together, 'duplicate-node-port', files)).toEqual([
      'payments/k8s/payments.yaml:41:7-41:15',
      'shop/deploy/shop.yaml:38:7-38:15'
    ])
  })

  it('a report of an older release, without key positions, still merges: its side points at the port item', async () => {
    const older = JSON.parse(await shopText())
    for (const binding of older.model.bindings) {
      delete binding.hostPortAt
      delete binding.containerPortAt
    }
    for (const service of older.model.services) {
      delete service.portAt
      delete service.targetPortAt
      delete service.nodePortAt
    }
    const { run, findings } = await fleetOf(JSON.stringify(older), await paymentsText())
    expect(run.code).toBe(1)
    const at = (ruleId: string) => {
      const finding = findings.find((each) => each.ruleId === ruleId)!
      const short = (place: Place) => `${place.file}:${place.line}:${place.column}`
      return [short(finding.location), ...finding.related.map((each) => short(each.location))]
    }
    // shop's side at its `- name:` items (21, 35), payments' (a current report) at its keys.
    expect(at('duplicate-host-port')).toEqual([
      'shop:deploy/shop.yaml:21:15',
      'payments:k8s/payments.yaml:24:15'
    ])
    expect(at('duplicate-node-port')).toEqual([
      'shop:deploy/shop.yaml:35:7',
      'payments:k8s/payments.yaml:41:7'
    ])
  })

  it.each([
    ['bindings', 'hostPortAt', '23:15', 'model.bindings[0].hostPortAt is not an object'],
    [
      'bindings',
      'containerPortAt',
      { line: 22, column: '15' },
      'model.bindings[0].containerPortAt.column is not a positive integer'
    ],
    [
      'services',
      'nodePortAt',
      { line: 0, column: 7 },
      'model.services[0].nodePortAt.line is not a positive integer'
    ],
    ['services', 'portAt', { column: 7 }, 'model.services[0].portAt.line is not a positive integer']
  ])(
    'a malformed %s %s (%j) is refused naming the file and the field',
    async (list, key, value, message) => {
      const report = JSON.parse(await shopText())
      report.model[list][0][key] = value
      const { run } = await fleetOf(JSON.stringify(report), await paymentsText())
      expect(run.code).toBe(2)
      expect(run.stderr.split('\n')[0]).toBe(
        `port-hygiene: shop.json: ${message}; is this a port-hygiene JSON report?`
      )
    }
  )
})
