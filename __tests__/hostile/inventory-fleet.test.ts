// Hostile input against `port-hygiene inventory` and `port-hygiene fleet`: a PORTS.md that links
// out of the repository, service names written to inject markup into PORTS.md, and fleet reports
// whose labels or fields are meant to forge workflow commands or crash the reader.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cli as runIn } from './hostile.js'

let scratch: string
let repo: string
let outside: string

beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'port-hygiene-hostile-inventory-'))
  repo = path.join(scratch, 'repo')
  outside = path.join(scratch, 'outside')
  await mkdir(path.join(repo, 'k8s'), { recursive: true })
  await mkdir(outside)
})
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

const cli = (argv: string[], cwd = repo) => runIn(cwd, argv)

const START = '<!-- port-hygiene:inventory:start -->'
const END = '<!-- port-hygiene:inventory:end -->'

const deployment = (name: string, purpose = 'public storefront') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${JSON.stringify(name)}
  namespace: shop
  annotations:
    port-hygiene/purpose: ${JSON.stringify(purpose)}
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
`

describe('a PORTS.md that links out of the repository', () => {
  it.each(['--write', '--check'])(
    '%s refuses it, and leaves the outside file alone',
    async (flag) => {
      const secret = `# Someone else's file\n\n${START}\n| secret row |\n${END}\n`
      await writeFile(path.join(outside, 'PORTS.md'), secret)
      await writeFile(path.join(repo, 'k8s/web.yaml'), deployment('web'))
      await symlink(path.join(outside, 'PORTS.md'), path.join(repo, 'PORTS.md'))
      const run = await cli(['inventory', flag, 'PORTS.md'])
      expect(run.code).toBe(2)
      expect(run.stderr).toBe(
        'port-hygiene: PORTS.md cannot be read: it resolves outside the scanned folder\n' +
          'Run "port-hygiene inventory --help" for usage.\n'
      )
      expect(run.stdout).not.toContain('secret row')
      expect(await readFile(path.join(outside, 'PORTS.md'), 'utf8')).toBe(secret)
    }
  )

  it('--write refuses a PORTS.md linked to another file inside the repository', async () => {
    const document = `# Ports\n\n${START}\n${END}\n`
    await mkdir(path.join(repo, 'docs'))
    await writeFile(path.join(repo, 'docs/ports.md'), document)
    await writeFile(path.join(repo, 'k8s/web.yaml'), deployment('web'))
    await symlink('docs/ports.md', path.join(repo, 'PORTS.md'))
    const run = await cli(['inventory', '--write', 'PORTS.md'])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe(
      'port-hygiene: PORTS.md cannot be written: it is reached through a symbolic link (only files reached without links are written)'
    )
    expect(await readFile(path.join(repo, 'docs/ports.md'), 'utf8')).toBe(document)
    // Read through the link, it can still be checked.
    expect((await cli(['inventory', '--check', 'PORTS.md'])).code).toBe(1)
  })
})

describe('hostile names in the inventory', () => {
  it('are inert in PORTS.md, as in the PR comment', async () => {
    const names = [
      '@octocat please approve',
      'fixes #12',
      '**bold** _em_',
      '[click](javascript:alert(1))',
      'esc\u001b[2J\u001b]8;;https://evil.example\u0007link',
      'rtl\u202eexe.yaml'
    ]
    await writeFile(
      path.join(repo, 'k8s/web.yaml'),
      names.map((name) => deployment(name, `purpose of ${name}`)).join('---\n')
    )
    await writeFile(path.join(repo, 'PORTS.md'), `# Ports\n\n${START}\n${END}\n`)
    expect((await cli(['inventory', '--write', 'PORTS.md'])).code).toBe(0)
    const document = await readFile(path.join(repo, 'PORTS.md'), 'utf8')
    // Read as text: the zero-width space is written as its entity.
    const block = document
      .slice(document.indexOf(START), document.indexOf(END))
      .replace(/&#8203;/g, '\u200B')
    // A zero-width space breaks every mention and reference; markup characters are escaped.
    expect(block).not.toMatch(/@[a-z]/i)
    expect(block).not.toMatch(/#\d/)
    expect(block).not.toMatch(/(?<!\\)\*\*/)
    expect(block).not.toMatch(/(?<!\\)\]\(javascript:/)
    expect(block).not.toMatch(/(?<!\\)\[click/)
    expect(block.includes('\u001b') || block.includes('\u202e') || block.includes('\u0007')).toBe(
      false
    )
    expect(block).toContain('Deployment @\u200Boctocat please approve')
    expect(block).toContain('\\*\\*bold\\*\\* \\_em\\_')
    expect(block).toContain('purpose of fixes \\#\u200B12')
    // What --check prints from the committed file is as inert in a terminal.
    const edited = document.replace('| Deployment', '| Deployment \u001b[31mred')
    await writeFile(path.join(repo, 'PORTS.md'), edited)
    const check = await cli(['inventory', '--check', 'PORTS.md'])
    expect(check.code).toBe(1)
    expect(check.stdout).not.toContain('\u001b')
    expect(check.stdout).toContain('\\u001b[31mred')
  })
})

describe('hostile fleet reports', () => {
  async function shopReport(): Promise<Record<string, unknown>> {
    await writeFile(
      path.join(repo, 'k8s/web.yaml'),
      deployment('web').replace(
        'containerPort: 8080',
        'containerPort: 8080\n              hostPort: 9100'
      )
    )
    const target = path.join(scratch, 'shop.json')
    expect((await cli(['--format', 'json', '--output', target, '--fail-on', 'never'])).code).toBe(0)
    return JSON.parse(await readFile(target, 'utf8'))
  }

  it('a repository label that holds a workflow command is escaped in the header', async () => {
    const report = await shopReport()
    const model = report.model as { bindings: Array<{ object: { name: string } }> }
    const other = structuredClone(model)
    other.bindings[0]!.object.name = 'web-2'
    await writeFile(
      path.join(scratch, 'evil.json'),
      JSON.stringify({ ...report, model: other, repository: 'a\n::error::X' })
    )
    await writeFile(
      path.join(scratch, 'shop.json'),
      JSON.stringify({ ...report, repository: 'acme/shop' })
    )
    const run = await cli(['fleet', 'evil.json', 'shop.json', '--fail-on', 'warning'], scratch)
    expect(run.stdout.split('\n')[0]).toBe(
      'Fleet: 2 repositories (a\\u000a::error::X, acme/shop), 2 ports, 0 Service ports'
    )
    for (const line of run.stdout.split('\n')) expect(line.trimStart()).not.toMatch(/^::/)
    // The clash between the two is reported, names inert there too.
    expect(run.stdout).toContain('[duplicate-host-port]')
    expect(run.code).toBe(1)
  })

  it.each([
    ['container', { toString: 0 }, 'model.bindings[0].container is not a string'],
    ['protocol', { valueOf: 1 }, 'model.bindings[0].protocol is not a string'],
    ['line', '12', 'model.bindings[0].line is not an integer'],
    ['addedCapabilities', [{}], 'model.bindings[0].addedCapabilities is not a list of strings']
  ])(
    'a binding whose %s is %j is refused, naming the file and the field',
    async (field, value, message) => {
      const report = (await shopReport()) as { model: { bindings: Array<Record<string, unknown>> } }
      report.model.bindings[0]![field] = value
      await writeFile(path.join(scratch, 'evil.json'), JSON.stringify(report))
      const run = await cli(['fleet', 'evil.json'], scratch)
      expect(run.code).toBe(2)
      expect(run.stderr.split('\n')[0]).toBe(
        `port-hygiene: evil.json: ${message}; is this a port-hygiene JSON report?`
      )
      expect(run.stderr).not.toContain('internal error')
    }
  )

  it('an object field or a selector of the wrong type is refused too', async () => {
    const report = (await shopReport()) as {
      model: { bindings: Array<{ object: Record<string, unknown> }> }
    }
    report.model.bindings[0]!.object.name = { toString: 0 }
    await writeFile(path.join(scratch, 'evil.json'), JSON.stringify(report))
    const run = await cli(['fleet', 'evil.json'], scratch)
    expect(run.stderr.split('\n')[0]).toBe(
      'port-hygiene: evil.json: model.bindings[0].object.name is not a string; is this a port-hygiene JSON report?'
    )
  })
})
