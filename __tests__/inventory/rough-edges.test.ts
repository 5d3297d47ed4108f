// `port-hygiene inventory` where a first try went wrong: custom resources named like core kinds,
// Compose `expose:`, purposes on the pod template, Service target ports, CRLF documents, a
// read-only document, and errors that point at the inventory's own help.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cli as runIn } from '../hostile/hostile.js'

let root: string
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'port-hygiene-inventory-edges-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function write(files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), text)
  }
}

const cli = (argv: string[], env: Record<string, string> = {}) => runIn(root, argv, env)

interface Row {
  object: string
  container: string | null
  containerPort: string | null
  hostPort: string | null
  servicePort: number | null
  targetPort: string | null
  exposeOnly: boolean
  purpose: string | null
  purposeSource: string | null
  protocol: string
  line: number
}

async function rows(): Promise<Row[]> {
  const run = await cli(['inventory', '--format', 'json'])
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout).ports
}

const START = '<!-- port-hygiene:inventory:start -->'
const END = '<!-- port-hygiene:inventory:end -->'

const KNATIVE_AND_CORE = `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: greeter
  namespace: apps
spec:
  template:
    spec:
      containers:
        - image: ghcr.io/knative/helloworld-go:1.14
          ports:
            - name: http1
              containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: storefront
  namespace: apps
spec:
  selector:
    app: storefront
  ports:
    - name: http
      port: 80
      targetPort: web
`

describe('inventory rows', () => {
  it('names a Knative Service by its API group; only the core Service has a Service port', async () => {
    await write({ 'k8s/apps.yaml': KNATIVE_AND_CORE })
    const listed = await rows()
    expect(listed.map((row) => [row.object, row.containerPort, row.servicePort])).toEqual([
      ['Service storefront', null, 80],
      ['Service.serving.knative.dev greeter', '8080', null]
    ])
  })

  it('puts a Service targetPort in its own column, not under the container port', async () => {
    await write({ 'k8s/apps.yaml': KNATIVE_AND_CORE })
    expect((await rows()).find((row) => row.object === 'Service storefront')).toMatchObject({
      containerPort: null,
      servicePort: 80,
      targetPort: 'web'
    })
    const markdown = (await cli(['inventory'])).stdout
    const table = markdown.split('\n').filter((line) => line.startsWith('| '))
    const header = table[0]!.split('|').map((cell) => cell.trim())
    const storefront = table
      .find((line) => line.includes('Service storefront'))!
      .split('|')
      .map((cell) => cell.trim())
    expect(storefront[header.indexOf('Container port')]).toBe('')
    expect(storefront[header.indexOf('Service port')]).toBe('80')
    expect(storefront[header.indexOf('Target port')]).toBe('web')
  })

  it('lists Compose expose: entries, merged with the override, as not published', async () => {
    await write({
      'compose.yaml': `services:
  api:
    image: registry.example.com/shop/api:5.2.0
    expose:
      - "3000" # purpose: internal API for the worker
      - 9000-9001/udp
    ports:
      - "127.0.0.1:8080:8080"
`,
      'compose.override.yaml': `services:
  api:
    expose:
      - "3000"
      - 5005
`
    })
    const exposed = (await rows()).filter((row) => row.exposeOnly)
    expect(exposed.map((row) => [row.containerPort, row.protocol, row.hostPort])).toEqual([
      ['3000', 'TCP', null],
      ['5005', 'TCP', null],
      ['9000-9001', 'UDP', null]
    ])
    expect(exposed[0]).toMatchObject({ purpose: 'internal API for the worker', line: 5 })
    expect((await cli(['inventory'])).stdout).toMatch(
      /^\| service api +\| +\| +\| 3000 +\| \(expose only\) +\|/m
    )
    // expose: publishes nothing: no finding is about it.
    const scan = await cli(['--format', 'json', '--fail-on', 'never'])
    const report = JSON.parse(scan.stdout) as { model: { bindings: unknown[] } }
    expect(report.model.bindings).toHaveLength(1)
  })

  it('takes the purpose annotation from the pod template when the object has none', async () => {
    const deployment = (name: string, objectAnnotation: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop${objectAnnotation}
spec:
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
      annotations:
        port-hygiene/purpose: "http=from the pod template"
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
`
    await write({
      'k8s/a.yaml': deployment('template-only', ''),
      'k8s/b.yaml': deployment(
        'both',
        '\n  annotations:\n    port-hygiene/purpose: "http=from the Deployment"'
      )
    })
    const listed = await rows()
    expect(listed.map((row) => [row.object, row.purpose, row.purposeSource])).toEqual([
      ['Deployment both', 'from the Deployment', 'annotation'],
      ['Deployment template-only', 'from the pod template', 'annotation']
    ])
  })
})

describe('inventory --write and --check', () => {
  const manifests = { 'k8s/apps.yaml': KNATIVE_AND_CORE }

  it('keeps a CRLF document CRLF', async () => {
    await write({
      ...manifests,
      'PORTS.md': `# Ports\r\n\r\n${START}\r\n${END}\r\n\r\nNotes.\r\n`
    })
    expect((await cli(['inventory', '--write', 'PORTS.md'])).code).toBe(0)
    const text = await readFile(path.join(root, 'PORTS.md'), 'utf8')
    expect(text).toContain('Service storefront')
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(await cli(['inventory', '--check', 'PORTS.md'])).toMatchObject({ code: 0 })
  })

  it('a read-only PORTS.md is a clear error: exit 2, no internal error, no absolute path', async () => {
    const document = `# Ports\n\n${START}\n${END}\n`
    await write({ ...manifests, 'PORTS.md': document })
    await chmod(path.join(root, 'PORTS.md'), 0o444)
    const run = await cli(['inventory', '--write', 'PORTS.md'])
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'port-hygiene: PORTS.md cannot be written: it is read-only\n' +
        'Run "port-hygiene inventory --help" for usage.\n'
    })
    expect(run.stderr).not.toContain(root)
    expect(await readFile(path.join(root, 'PORTS.md'), 'utf8')).toBe(document)
  })

  it.each([
    [['inventory', '--check', 'NOPE.md'], /^port-hygiene: NOPE\.md does not exist/],
    [['inventory', '--format', 'yaml'], /^port-hygiene: --format must be one of markdown, json/],
    [['inventory', 'missing/'], /matched no file/]
  ])('%j points at the inventory help', async (argv, message) => {
    await write(manifests)
    const run = await cli(argv)
    expect(run.code).toBe(2)
    const [first, second] = run.stderr.split('\n')
    expect(first).toMatch(message)
    expect(second).toBe('Run "port-hygiene inventory --help" for usage.')
  })
})
