// `port-hygiene inventory`: the rows and their purposes over a fixture repository, the Markdown
// and JSON forms, --write between the markers, --check with a row-level diff, and the committed
// examples/PORTS.md.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { purposeForPort } from '../../src/inventory/build.js'
import { findBlock, replaceBlock } from '../../src/inventory/document.js'
import { runCliIn } from '../helpers/cli.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const shop = path.resolve(here, '../fixtures/inventory/shop')
const examples = path.resolve(here, '../../examples')

const cli = (argv: string[], cwd: string, env: Record<string, string> = {}) =>
  runCliIn(cwd, argv, { env })

const scratch: string[] = []
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true })
})
/** A copy of a fixture folder that a test may change. */
async function copyOf(folder: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-inventory-'))
  scratch.push(dir)
  await cp(folder, dir, { recursive: true })
  return dir
}

interface Row {
  scope: { kind: string; name: string }
  object: string
  container: string | null
  portName: string | null
  containerPort: string | null
  hostPort: string | null
  hostIP: string | null
  servicePort: number | null
  targetPort: string | null
  nodePort: number | null
  exposeOnly: boolean
  protocol: string
  purpose: string | null
  purposeSource: string | null
  file: string
  line: number
}

async function jsonRows(cwd: string, env: Record<string, string> = {}): Promise<Row[]> {
  const run = await cli(['inventory', '--format', 'json'], cwd, env)
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout).ports
}

describe('inventory rows', () => {
  it('lists every port of workloads, Services and Compose services, scoped and in a stable order', async () => {
    const rows = await jsonRows(shop)
    expect(
      rows.map((row) => [row.scope.name, row.object, row.container, row.containerPort])
    ).toEqual([
      ['edge', 'CronJob cache-warmer', 'warmer', '6379'],
      ['edge', 'DaemonSet edge-proxy', 'envoy', '80'],
      ['edge', 'DaemonSet edge-proxy', 'envoy', '443'],
      ['edge', 'DaemonSet edge-proxy', 'envoy', '9901'],
      ['shop', 'Deployment storefront', 'debug', '5005'],
      ['shop', 'Deployment storefront', 'web', '8080'],
      ['shop', 'Deployment storefront', 'web', '9090'],
      ['shop', 'Service storefront', null, null],
      ['shop-dev', 'service db', null, '5432'],
      ['shop-dev', 'service web', null, '8080']
    ])
    expect(rows.find((row) => row.object === 'Service storefront')).toMatchObject({
      scope: { kind: 'namespace', name: 'shop' },
      portName: 'http',
      containerPort: null,
      servicePort: 80,
      targetPort: 'http',
      nodePort: 30080,
      protocol: 'TCP',
      file: 'k8s/storefront.yaml',
      line: 45
    })
    expect(rows.find((row) => row.object === 'service db')).toMatchObject({
      scope: { kind: 'compose-project', name: 'shop-dev' },
      hostPort: '5432',
      hostIP: '127.0.0.1',
      file: 'compose/compose.yaml',
      line: 10
    })
  })

  it('takes the purpose from the annotation, then a # purpose: comment, then IANA, then the port name', async () => {
    const rows = await jsonRows(shop)
    const purpose = (object: string, port: string) =>
      rows
        .filter((row) => row.object === object && row.containerPort === port)
        .map((row) => [row.purpose, row.purposeSource])[0]
    expect(purpose('Deployment storefront', '8080')).toEqual([
      'public storefront, behind the ingress',
      'annotation'
    ])
    expect(purpose('Deployment storefront', '9090')).toEqual(['Prometheus scrape', 'annotation'])
    expect(purpose('Deployment storefront', '5005')).toEqual([
      'JVM remote debugger, never exposed',
      'comment'
    ])
    expect(purpose('service web', '8080')).toEqual([
      "the storefront on the developer's machine",
      'comment'
    ])
    expect(purpose('DaemonSet edge-proxy', '443')).toEqual([
      'http protocol over TLS/SSL (IANA: https)',
      'iana'
    ])
    expect(purpose('CronJob cache-warmer', '6379')).toEqual([
      'An advanced key-value cache and store (IANA: redis)',
      'iana'
    ])
    expect(purpose('DaemonSet edge-proxy', '9901')).toEqual(['admin', 'port-name'])
  })

  it('reads ${VAR:-default} as Compose does: the environment changes the row', async () => {
    const rows = await jsonRows(shop, { WEB_PORT: '18080' })
    expect(rows.find((row) => row.object === 'service web')?.hostPort).toBe('18080')
  })

  it.each([
    ['public storefront', 'http', 'public storefront'],
    ['public storefront', undefined, 'public storefront'],
    ['http=public, cached; metrics=Prometheus', 'http', 'public, cached'],
    ['http=public, cached; metrics=Prometheus', 'metrics', 'Prometheus'],
    ['http=public\nmetrics=Prometheus', 'metrics', 'Prometheus'],
    ['http=public', 'grpc', undefined],
    ['http=public', undefined, undefined]
  ])('annotation %j, port %j → %j', (annotation, port, expected) => {
    expect(purposeForPort(annotation, port)).toBe(expected)
  })
})

describe('inventory as Markdown', () => {
  it('groups by scope under headings, one table each, laid out as Prettier would', async () => {
    const run = await cli(['inventory'], shop)
    expect(run.code).toBe(0)
    const headings = run.stdout.split('\n').filter((line) => line.startsWith('### '))
    expect(headings).toEqual([
      '### Namespace `edge`',
      '### Namespace `shop`',
      '### Compose project `shop-dev`'
    ])
    expect(run.stdout).toMatch(
      /^\| Deployment storefront +\| debug +\| +\| 5005 +\| +\| +\| +\| +\| TCP +\| JVM remote debugger, never exposed +\| k8s\/storefront\.yaml:32 +\|$/m
    )
    // Every row of a table has the same width (the columns are padded).
    const table = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('| ') && line.includes('edge-proxy'))
    expect(new Set(table.map((line) => line.length)).size).toBe(1)
  })
})

describe('inventory --write and --check', () => {
  it('--write fills the block between the markers and leaves the rest of the document alone', async () => {
    const dir = await copyOf(shop)
    const before = await readFile(path.join(dir, 'PORTS.md'), 'utf8')
    const run = await cli(['inventory', '--write', 'PORTS.md'], dir)
    expect(run).toMatchObject({ code: 0, stdout: 'PORTS.md: inventory written (10 ports).\n' })
    const after = await readFile(path.join(dir, 'PORTS.md'), 'utf8')
    const [head] = before.split('<!-- port-hygiene:inventory:start -->')
    const [, tail] = before.split('<!-- port-hygiene:inventory:end -->')
    expect(after.startsWith(`${head}<!-- port-hygiene:inventory:start -->\n`)).toBe(true)
    expect(after.endsWith(`<!-- port-hygiene:inventory:end -->${tail}`)).toBe(true)
    // Links are relative to the document, so they work on GitHub.
    expect(after).toContain('[k8s/storefront.yaml:45](k8s/storefront.yaml#L45)')
    expect((await cli(['inventory', '--write', 'PORTS.md'], dir)).stdout).toBe(
      'PORTS.md is up to date.\n'
    )
  })

  it('--check exits 0 on a current table and 1 with a diff naming the row after a port moves', async () => {
    const dir = await copyOf(shop)
    await cli(['inventory', '--write', 'PORTS.md'], dir)
    expect(await cli(['inventory', '--check', 'PORTS.md'], dir)).toMatchObject({
      code: 0,
      stdout: 'PORTS.md is up to date (10 ports).\n'
    })

    const manifest = path.join(dir, 'k8s/storefront.yaml')
    const text = await readFile(manifest, 'utf8')
    await writeFile(manifest, text.replace('containerPort: 5005', 'containerPort: 5006'))
    const run = await cli(['inventory', '--check', 'PORTS.md'], dir)
    expect(run.code).toBe(1)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe(
      'PORTS.md is out of date with the manifests (1 line to remove, 1 to add):'
    )
    expect(lines[1]).toBe('  under "Namespace `shop`":')
    expect(lines[2]).toMatch(
      /^ {2}- \| Deployment storefront +\| debug +\| +\| 5005 .*\| {2}\(PORTS\.md:\d+\)$/
    )
    expect(lines[3]).toMatch(/^ {2}\+ \| Deployment storefront +\| debug +\| +\| 5006 /)
    expect(lines.at(-1)).toBe(
      'Run "port-hygiene inventory --write PORTS.md" (with the same paths) to update it.'
    )
    expect(lines).toHaveLength(5)
  })

  it('--check ignores what a formatter changes (padding, separator widths)', async () => {
    const dir = await copyOf(shop)
    await cli(['inventory', '--write', 'PORTS.md'], dir)
    const file = path.join(dir, 'PORTS.md')
    const squeezed = (await readFile(file, 'utf8'))
      .split('\n')
      .map((line) =>
        line.startsWith('|') ? line.replace(/ +\|/g, ' |').replace(/-{3,}/g, '---') : line
      )
      .join('\n')
    await writeFile(file, squeezed)
    expect((await cli(['inventory', '--check', 'PORTS.md'], dir)).code).toBe(0)
  })

  it('a document without the markers is an error that says how to add them', async () => {
    const dir = await copyOf(shop)
    await writeFile(path.join(dir, 'PORTS.md'), '# Ports\n\nNothing here yet.\n')
    const run = await cli(['inventory', '--write', 'PORTS.md'], dir)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('port-hygiene: PORTS.md has no inventory markers')
    expect(run.stderr).toContain(
      '  <!-- port-hygiene:inventory:start -->\n  <!-- port-hygiene:inventory:end -->'
    )
    expect(await readFile(path.join(dir, 'PORTS.md'), 'utf8')).toBe(
      '# Ports\n\nNothing here yet.\n'
    )
  })

  it('a missing document says so', async () => {
    const run = await cli(['inventory', '--check', 'NOPE.md'], shop)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^port-hygiene: NOPE\.md does not exist/)
  })

  it('--write with --check, or with --format json, is a usage error', async () => {
    expect((await cli(['inventory', '--write', 'a.md', '--check', 'a.md'], shop)).stderr).toContain(
      '--write and --check cannot be used together'
    )
    expect((await cli(['inventory', '--check', 'a.md', '--format', 'json'], shop)).code).toBe(2)
  })
})

describe('examples/PORTS.md (checked in the project workflow)', () => {
  it('the workflow checks it: the action with inventory-file, and the CLI step that fails on drift', async () => {
    const workflow = parse(
      await readFile(path.resolve(here, '../../.github/workflows/port-hygiene.yml'), 'utf8')
    )
    type Step = { uses?: string; run?: string; with?: Record<string, string> }
    const steps: Step[] = Object.values(workflow.jobs as Record<string, { steps: Step[] }>).flatMap(
      (job) => job.steps
    )
    const action = steps.find((step) => step.uses === './')!
    expect(action.with).toMatchObject({
      'working-directory': 'examples',
      'inventory-file': 'PORTS.md'
    })
    expect(steps).toContainEqual(
      expect.objectContaining({
        'working-directory': 'examples',
        run: 'node ../dist/cli.js inventory --check PORTS.md'
      })
    )
  })

  it('is up to date with the examples', async () => {
    const run = await cli(['inventory', '--check', 'PORTS.md'], examples)
    expect(run.stdout).toMatch(/^PORTS\.md is up to date/)
    expect(run.code).toBe(0)
  })

  it('fails after a port of the examples changes, naming the row, and --write restores it', async () => {
    const dir = await copyOf(examples)
    const manifest = path.join(dir, 'k8s/team-beta/workers.yaml')
    const original = await readFile(manifest, 'utf8')
    await writeFile(manifest, original.replace('containerPort: 9000', 'containerPort: 9001'))
    const stale = await cli(['inventory', '--check', 'PORTS.md'], dir)
    expect(stale.code).toBe(1)
    expect(stale.stdout).toMatch(
      /^ {2}- \| Deployment report-worker +\| worker +\| +\| 9000 .*report rendering API/m
    )
    expect(stale.stdout).toMatch(/^ {2}\+ \| Deployment report-worker +\| worker +\| +\| 9001 /m)

    expect((await cli(['inventory', '--write', 'PORTS.md'], dir)).code).toBe(0)
    expect((await cli(['inventory', '--check', 'PORTS.md'], dir)).code).toBe(0)
    await writeFile(manifest, original)
    expect((await cli(['inventory', '--write', 'PORTS.md'], dir)).code).toBe(0)
    expect(await readFile(path.join(dir, 'PORTS.md'), 'utf8')).toBe(
      await readFile(path.join(examples, 'PORTS.md'), 'utf8')
    )
  })
})

describe('the markers', () => {
  const start = '<!-- port-hygiene:inventory:start -->'
  const end = '<!-- port-hygiene:inventory:end -->'

  it('both on one line: the table goes between them, each marker ends up on its own line', () => {
    expect(replaceBlock(`# Ports\n${start}${end}\nmore\n`, 'PORTS.md', 'TABLE\n')).toBe(
      `# Ports\n${start}\nTABLE\n${end}\nmore\n`
    )
  })

  it('replaces what was between them, and only that', () => {
    expect(replaceBlock(`a\n${start}\nold\nrows\n${end}\nb\n`, 'PORTS.md', 'new\n')).toBe(
      `a\n${start}\nnew\n${end}\nb\n`
    )
  })

  it.each([
    [
      `${start}\n`,
      /only one of the inventory markers \(<!-- port-hygiene:inventory:end --> is missing\): put these two lines in PORTS\.md/
    ],
    [
      `${end}\n${start}\n`,
      /end marker \(line 1\) before the start marker \(line 2\): move the end marker below the start marker, then run/
    ],
    [
      `${start}\n${start}\n${end}\n`,
      /start marker more than once \(lines 1, 2\): keep one start and one end marker, each on a line of its own, around the table, and remove the others/
    ],
    [
      `${start}\nold\n${end}\nnotes\n${end}\n`,
      /end marker more than once \(lines 3, 5\): keep one start and one end marker/
    ]
  ])('%j is an error that says how to fix it', (document, message) => {
    expect(() => findBlock(document, 'PORTS.md')).toThrow(message)
  })

  it('takes no marker inside a line of text or a fenced code block for one', () => {
    const document = [
      '# Ports',
      '',
      `Put \`${start}\` and \`${end}\` on lines of their own:`,
      '',
      '```markdown',
      start,
      end,
      '```',
      '',
      '~~~~',
      start,
      '~~~~',
      '',
      start,
      'old',
      end,
      ''
    ].join('\n')
    expect(replaceBlock(document, 'PORTS.md', 'new\n')).toBe(
      document.replace(`${start}\nold\n${end}`, `${start}\nnew\n${end}`)
    )
    expect(findBlock(document, 'PORTS.md').firstLine).toBe(15)
    const quotedOnly = `# Ports\n\nUse \`${start}\` and \`${end}\`.\n\n\`\`\`\n${start}\n${end}\n\`\`\`\n`
    expect(() => findBlock(quotedOnly, 'PORTS.md')).toThrow(
      /PORTS\.md has no inventory markers on lines of their own \(a marker inside a line of text or a code block does not count\): put these two lines/
    )
  })

  it('a CRLF document keeps CRLF line endings', () => {
    const document = `# Ports\r\n\r\n${start}\r\nold\r\n${end}\r\n\r\nNotes.\r\n`
    const written = replaceBlock(document, 'PORTS.md', '| a |\n| - |\n')
    expect(written).toBe(`# Ports\r\n\r\n${start}\r\n| a |\r\n| - |\r\n${end}\r\n\r\nNotes.\r\n`)
    expect(replaceBlock(`${start}${end}\r\nx\r\n`, 'PORTS.md', 'T\n')).toBe(
      `${start}\r\nT\r\n${end}\r\nx\r\n`
    )
  })
})
