// scan() end to end over temp folders: bad input (binary, huge, alias bombs, broken documents,
// hostile names, odd shapes, odd encodings, deep nesting) yields findings or nothing — never a
// crash, and never a lost report for the other files.
import { RULES } from '../src/rules/index.js'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scan, type ScanResult } from '../src/engine.js'
import { loadConfig } from '../src/config/load.js'
import type { Finding } from '../src/model.js'
import { partsOf } from '../src/rules/merge-findings.js'
import { sortFindings } from '../src/rules/run.js'

const scratch: string[] = []
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true })
})

/** Writes `{ 'a/b.yaml': 'text' }` under a fresh temp folder and returns its path. */
async function tree(files: Record<string, string | Buffer>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'port-hygiene-engine-'))
  scratch.push(root)
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), content)
  }
  return root
}

async function scanTree(files: Record<string, string | Buffer>): Promise<ScanResult> {
  const root = await tree(files)
  const config = await loadConfig({ rules: RULES, root })
  return scan({ root, paths: [], config, env: {} })
}

/** What a user sees of a finding. */
interface Seen {
  ruleId: string
  file: string
  line: number
  column: number
  message: string
}

/** As the user sees them (one per line), or given a rule, that rule's own (every merged part). */
function seen(result: ScanResult, ruleId?: string): Seen[] {
  const findings =
    ruleId === undefined
      ? result.findings
      : sortFindings(result.findings.flatMap(partsOf)).filter(
          (finding: Finding) => finding.ruleId === ruleId
        )
  return findings.map((finding) => ({
    ruleId: finding.ruleId,
    file: finding.location.file,
    line: finding.location.line,
    column: finding.location.column,
    message: finding.message
  }))
}

const ruleIds = (result: ScanResult) => result.findings.map((finding) => finding.ruleId)

/** A good neighbour: a DaemonSet binding the node's port 81 (privileged-port at 16:17). */
const NEIGHBOUR = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ingress
  namespace: edge
spec:
  selector:
    matchLabels: { app: ingress }
  template:
    metadata:
      labels: { app: ingress }
    spec:
      containers:
        - name: controller
          image: nginx:1.27
          securityContext: { capabilities: { add: [NET_BIND_SERVICE] } }
          ports:
            - containerPort: 80
              hostPort: 81
`
// The `hostPort:` key of NEIGHBOUR.
const NEIGHBOUR_FINDING = {
  ruleId: 'privileged-port',
  file: 'k8s/ingress.yaml',
  line: 19,
  column: 15
}

function expectNeighbour(result: ScanResult): void {
  expect(seen(result, 'privileged-port')).toContainEqual(
    expect.objectContaining({ ...NEIGHBOUR_FINDING, message: expect.stringContaining('81') })
  )
}

/** A Deployment whose only container has `ports:` = the given YAML (indented for a list item). */
function deployment(name: string, ports: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1
          ports: ${ports}
`
}

describe('the neighbour alone', () => {
  it('is reported where the hostPort key is', async () => {
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR })
    expect(seen(result)).toEqual([
      expect.objectContaining({ ...NEIGHBOUR_FINDING, message: expect.stringContaining('81') })
    ])
  })
})

describe('binary and huge files', () => {
  it('a binary file named *.yaml is a skipped-file notice; the others are still checked', async () => {
    const binary = Buffer.concat([
      Buffer.from('apiVersion: v1\nkind: Pod\n'),
      Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0x89, 0x50, 0x4e, 0x47]),
      Buffer.from('\nspec: {}\n')
    ])
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'k8s/blob.yaml': binary })
    expect(seen(result, 'skipped-file')).toEqual([
      {
        ruleId: 'skipped-file',
        file: 'k8s/blob.yaml',
        line: 1,
        column: 1,
        message: expect.stringContaining('not a text file')
      }
    ])
    expect(result.findings.find((f) => f.ruleId === 'skipped-file')!.severity).toBe('notice')
    expectNeighbour(result)
    expect(ruleIds(result)).not.toContain('parse-error')
  })

  it('a file over the configured maxFileSize is a skipped-file notice naming its size', async () => {
    const huge = `# padding\n${'# '.padEnd(100, 'x')}\n`.repeat(30) + NEIGHBOUR
    const result = await scanTree({
      '.github/port-hygiene.yml': 'maxFileSize: 2KB\n',
      'k8s/ingress.yaml': NEIGHBOUR,
      'k8s/huge.yaml': huge
    })
    const size = Buffer.byteLength(huge)
    expect(size).toBeGreaterThan(2048)
    expect(seen(result, 'skipped-file')).toEqual([
      expect.objectContaining({
        file: 'k8s/huge.yaml',
        line: 1,
        message: expect.stringContaining(`${size} bytes > 2048`)
      })
    ])
    // The huge file's own hostPort 80 was not read: only the neighbour's is reported.
    expect(seen(result, 'privileged-port').map((f) => f.file)).toEqual(['k8s/ingress.yaml'])
  })
})

/** `a: &a ["x", ...]`, `b: &b [*a, *a, ...]`, … nine levels of ten: 10^9 leaves if expanded. */
function aliasBomb(indent: string, levels = 9): string {
  const names = 'abcdefghijklmnop'.split('').slice(0, levels)
  const lines = [`${indent}a: &a [${Array(10).fill('"x"').join(', ')}]`]
  for (let i = 1; i < names.length; i++) {
    lines.push(
      `${indent}${names[i]}: &${names[i]} [${Array(10)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]`
    )
  }
  return lines.join('\n') + '\n'
}

describe('alias bombs', () => {
  it('a billion laughs at the top level finishes without a crash', async () => {
    const result = await scanTree({
      'k8s/ingress.yaml': NEIGHBOUR,
      'bomb.yaml': aliasBomb('')
    })
    expectNeighbour(result)
    expect(seen(result).filter((f) => f.file === 'bomb.yaml')).toEqual([])
  })

  it('under a container’s ports: finishes, and the other files are still reported', async () => {
    const bomb = `${aliasBomb('', 9)}---
apiVersion: v1
kind: Pod
metadata:
  name: boom
  x-bomb:
${aliasBomb('    ')}
spec:
  containers:
    - name: app
      image: app:1
      ports: *i
    - name: other
      image: app:1
      ports: [*i, *h, { containerPort: 8080, hostPort: 22 }]
`
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'k8s/bomb.yaml': bomb })
    expectNeighbour(result)
    // The one real port item after the aliases is still seen.
    expect(seen(result, 'privileged-port')).toContainEqual(
      expect.objectContaining({ file: 'k8s/bomb.yaml', message: expect.stringContaining('22') })
    )
    // Aliases to lists of lists of strings are not ports: some invalid-port findings at most,
    // never one per expanded leaf.
    expect(result.findings.length).toBeLessThan(100)
  })

  it('under a Compose service’s ports: finishes, and the other files are still reported', async () => {
    const compose = `x-bomb:
${aliasBomb('  ')}
services:
  web:
    image: nginx
    ports: *i
  api:
    image: api
    ports:
      - *h
      - "444:8443"
`
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'compose.yaml': compose })
    expectNeighbour(result)
    expect(seen(result, 'privileged-port')).toContainEqual(
      expect.objectContaining({
        file: 'compose.yaml',
        line: 20,
        column: 9,
        message: expect.stringContaining('444')
      })
    )
    expect(result.findings.length).toBeLessThan(100)
  })

  it('a merge-key bomb (`<<: [*a, *a, …]` nested) finishes too', async () => {
    const lines = ['x-0: &m0 { p: 1 }']
    for (let i = 1; i < 12; i++)
      lines.push(
        `x-${i}: &m${i} { <<: [${Array(10)
          .fill(`*m${i - 1}`)
          .join(', ')}] }`
      )
    const compose = `${lines.join('\n')}
services:
  web:
    <<: *m11
    image: nginx
    ports: ["25:25"]
`
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'compose.yaml': compose })
    expectNeighbour(result)
    expect(seen(result, 'privileged-port')).toContainEqual(
      expect.objectContaining({ file: 'compose.yaml', line: 17 })
    )
  })
})

describe('a broken document in a multi-document file', () => {
  it('is one parse-error at its line; the documents before and after are still checked', async () => {
    const file = `${deployment('first', '[{ containerPort: 8080, hostPort: 21 }]')}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
data:
  key: "unterminated
  other: [1, 2
---
${deployment('last', '\n            - containerPort: 9090\n              hostPort: 23')}`
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'k8s/multi.yaml': file })
    const errors = seen(result, 'parse-error')
    expect(errors).toHaveLength(1)
    // At the quote that is never closed (the `yaml` package let it run on to the end of the file,
    // swallowing the last document).
    expect(errors[0]).toEqual({
      ruleId: 'parse-error',
      file: 'k8s/multi.yaml',
      line: 18,
      column: 8,
      message: expect.stringMatching(/YAML parse error: Missing closing "quote/)
    })
    const privileged = seen(result, 'privileged-port').filter((f) => f.file === 'k8s/multi.yaml')
    expect(privileged.map((f) => f.line)).toEqual([11, 33])
    expect(privileged[0]!.message).toContain('21')
    expect(privileged[1]!.message).toContain('23')
    expectNeighbour(result)
  })

  it('several stray quotes: every document after each of them is still checked', async () => {
    const broken = (key: string) => `kind: ConfigMap\ndata:\n  ${key}: 'it''s\n  open\n`
    const pod = (port: number) =>
      `apiVersion: v1\nkind: Pod\nmetadata: { name: p${port} }\nspec:\n  containers: [{ name: a, ports: [{ containerPort: 80, hostPort: ${port} }] }]\n`
    const file = [broken('a'), pod(21), broken('b'), pod(22), broken('c'), pod(23)].join('---\n')
    const result = await scanTree({ 'k8s/multi.yaml': file })
    expect(seen(result, 'parse-error').map((f) => [f.line, f.column])).toEqual([
      [3, 6],
      [14, 6],
      [25, 6]
    ])
    expect(seen(result, 'privileged-port').map((f) => f.line)).toEqual([10, 21, 32])
  })

  it('a thousand stray quotes finish, with the first ones reported', async () => {
    const file = 'a: "open\n  more\n---\n'.repeat(1000) + 'b: 1\n'
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'k8s/quotes.yaml': file })
    const errors = seen(result, 'parse-error')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors[0]).toMatchObject({ file: 'k8s/quotes.yaml', line: 1, column: 4 })
    expectNeighbour(result)
  })

  it('an unclosed flow sequence points at the right line', async () => {
    const file = `a: 1
---
b: [1, 2
c: 3
---
${deployment('last', '[{ containerPort: 8080, hostPort: 22 }]')}`
    const result = await scanTree({ 'k8s/multi.yaml': file })
    const errors = seen(result, 'parse-error')
    expect(errors).toHaveLength(1)
    expect(errors[0]!.line).toBeGreaterThanOrEqual(3)
    expect(errors[0]!.line).toBeLessThanOrEqual(4)
    expect(seen(result, 'privileged-port')).toEqual([
      expect.objectContaining({ file: 'k8s/multi.yaml', line: 16 })
    ])
  })
})

describe('hostile names', () => {
  it('a file name with markup, backticks, spaces and unicode is carried as data', async () => {
    const name = 'k8s/we ird `x` [a](b) @org <!-- é ünï 日本 -->.yaml'
    const result = await scanTree({ [name]: NEIGHBOUR, 'k8s/ingress.yaml': NEIGHBOUR })
    expect(seen(result, 'privileged-port').map((f) => f.file)).toEqual(['k8s/ingress.yaml', name])
  })

  it('Compose service names such as `<!-- port-hygiene -->` and `@org/team` are carried as data', async () => {
    const compose = `services:
  "<!-- port-hygiene -->":
    image: nginx
    ports: ["81:81"]
  "@org/team":
    image: nginx
    ports: ["81:8080"]
  "\`rm -rf\` [x](javascript:alert(1))":
    image: nginx
    ports: ["127.0.0.1:8081:80"]
`
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'compose.yaml': compose })
    const duplicate = seen(result, 'duplicate-host-port')
    expect(duplicate).toEqual([
      expect.objectContaining({
        file: 'compose.yaml',
        line: 7,
        message: expect.stringContaining('@org/team')
      })
    ])
    expect(duplicate[0]!.message).toContain('<!-- port-hygiene -->')
    const services = result.model.bindings
      .filter((binding) => binding.object.format === 'compose')
      .map((binding) => (binding.object.format === 'compose' ? binding.object.service : ''))
    expect(services).toEqual([
      '<!-- port-hygiene -->',
      '@org/team',
      '`rm -rf` [x](javascript:alert(1))'
    ])
    expectNeighbour(result)
  })
})

describe('odd shapes', () => {
  it('Compose: `ports: 80`, a service that is a string, and an empty service do not crash', async () => {
    const compose = `services:
  scalar-ports:
    image: nginx
    ports: 80
  stringy: "just a string"
  empty:
  ok:
    image: ghcr.io/acme/ok:1.0
    ports: ["22:22"]
`
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'compose.yaml': compose })
    expectNeighbour(result)
    expect(seen(result).filter((f) => f.file === 'compose.yaml')).toEqual([
      expect.objectContaining({
        ruleId: 'invalid-port',
        line: 4,
        column: 12,
        message: expect.stringContaining('ports must be a list, not 80')
      }),
      // One line, one finding: the other rule on the entry is named in it.
      expect.objectContaining({
        ruleId: 'privileged-port',
        line: 9,
        column: 13,
        message: expect.stringContaining('Also on this line: unbound-interface (')
      })
    ])
  })

  it.each([
    ['services: null', 'services: null\n'],
    ['services: a list', 'services: [web, api]\n'],
    ['services: a string', 'services: web\n'],
    ['a top-level list', '- services: {}\n'],
    ['ports: null', 'services:\n  web:\n    ports: null\n'],
    ['ports: a map', 'services:\n  web:\n    ports: { a: 80 }\n'],
    ['ports: nested lists', 'services:\n  web:\n    ports: [[80], [{}], null, true, 1.5]\n'],
    [
      'long syntax with odd values',
      'services:\n  web:\n    ports:\n      - target: [1]\n        published: { a: 1 }\n        protocol: [tcp]\n      - {}\n'
    ],
    [
      'include: odd',
      'include: [null, 3, { path: [] }]\nservices:\n  web: { ports: ["8080:80"] }\n'
    ],
    [
      'extends: odd',
      'services:\n  web:\n    extends: { service: web }\n    ports: ["8080:80"]\n  api:\n    extends: 3\n'
    ]
  ])('Compose with %s does not crash', async (_name, compose) => {
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'compose.yaml': compose })
    expectNeighbour(result)
    // No YAML error; `include: 3` names a file "3" that does not exist, which Compose refuses
    // to load, and that is said on the project's file.
    const failures = result.findings.filter((finding) => finding.ruleId === 'parse-error')
    expect(failures.map((finding) => finding.message)).toEqual(
      compose.startsWith('include')
        ? [expect.stringContaining('includes or extends the file "3", which could not be read')]
        : []
    )
  })

  it('Kubernetes: `containers: null`, `ports: "8080"` and other odd values do not crash', async () => {
    const manifests = `apiVersion: apps/v1
kind: Deployment
metadata: { name: nulls }
spec:
  template:
    spec:
      containers: null
---
${deployment('stringy', '"8080"')}---
${deployment('numeric', '8080')}---
${deployment('items', '[null, 8080, "80", [80], { containerPort: null }, { containerPort: [80] }, { hostPort: { a: 1 } }]')}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: odd-containers }
spec:
  template:
    spec:
      hostNetwork: "yes"
      containers: [null, "nginx", 3, { ports: [{ containerPort: 8443, hostPort: 8443 }] }]
      initContainers: { a: 1 }
---
apiVersion: apps/v1
kind: Deployment
metadata: null
spec: "nope"
---
kind: [Deployment]
metadata: { name: [a], namespace: { b: 1 } }
---
apiVersion: v1
kind: List
items: [null, 3, { apiVersion: v1, kind: Pod, metadata: { name: listed }, spec: { containers: [{ name: x, ports: [{ containerPort: 80, hostPort: 81 }] }] } }]
---
apiVersion: v1
kind: Service
metadata: { name: svc }
spec:
  type: [NodePort]
  ports: [null, "80", { port: [80] }, { port: 80, nodePort: "x", targetPort: { a: 1 } }]
  selector: [a]
`
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'k8s/odd.yaml': manifests })
    expectNeighbour(result)
    expect(ruleIds(result)).not.toContain('parse-error')
    // The List item's hostPort 81 is still found among the odd shapes.
    expect(seen(result, 'privileged-port')).toContainEqual(
      expect.objectContaining({
        file: 'k8s/odd.yaml',
        line: 65,
        message: expect.stringContaining('Host port 81/TCP of Pod listed')
      })
    )
    // `ports: "8080"` and `ports: 8080` are what the API server rejects.
    const invalid = seen(result, 'invalid-port')
    expect(invalid).toContainEqual(
      expect.objectContaining({
        line: 19,
        column: 11,
        message: 'Deployment stringy: ports must be a list'
      })
    )
    expect(invalid).toContainEqual(
      expect.objectContaining({ line: 31, message: 'Deployment numeric: ports must be a list' })
    )
    expect(invalid).toContainEqual(
      expect.objectContaining({
        line: 43,
        message: expect.stringContaining('hostPort must be an integer, got a mapping')
      })
    )
    // `containers: null` (lines 1-7) yields nothing.
    expect(seen(result).filter((f) => f.file === 'k8s/odd.yaml' && f.line <= 7)).toEqual([])
  })
})

describe('odd files', () => {
  it('JSON in a .yaml file is read as YAML', async () => {
    const json = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'json' },
        spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 81 }] }] }
      },
      null,
      2
    )
    const result = await scanTree({ 'k8s/pod.yaml': json })
    expect(seen(result, 'privileged-port')).toEqual([
      expect.objectContaining({ file: 'k8s/pod.yaml', line: 14 })
    ])
  })

  it('an empty file, a comments-only file and `---` alone yield nothing', async () => {
    const result = await scanTree({
      'k8s/ingress.yaml': NEIGHBOUR,
      'empty.yaml': '',
      'comments.yaml': '# nothing here\n# port-hygiene: nothing either\n',
      'separators.yaml': '---\n---\n# x\n---\n',
      'whitespace.yml': '\n\n   \n\t\n'
    })
    expect(seen(result).map((f) => f.file)).toEqual(['k8s/ingress.yaml'])
    expect(result.model.files.map((file) => file.file)).toEqual([
      'comments.yaml',
      'empty.yaml',
      'k8s/ingress.yaml',
      'separators.yaml',
      'whitespace.yml'
    ])
  })

  it('a byte-order mark does not move lines or columns', async () => {
    const result = await scanTree({ 'k8s/ingress.yaml': `\uFEFF${NEIGHBOUR}` })
    expect(seen(result)).toEqual([expect.objectContaining(NEIGHBOUR_FINDING)])
  })

  it('CRLF line endings keep lines and columns right', async () => {
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR.replace(/\n/g, '\r\n') })
    expect(seen(result)).toEqual([expect.objectContaining(NEIGHBOUR_FINDING)])
  })

  it('CRLF with a BOM, a Compose file, and a suppression comment', async () => {
    const compose = [
      '\uFEFFservices:',
      '  web:',
      '    image: nginx',
      '    ports:',
      '      - "81:81" # port-hygiene-ignore privileged-port: the edge proxy',
      '      - "444:444"',
      ''
    ].join('\r\n')
    const result = await scanTree({ 'compose.yaml': compose })
    expect(seen(result, 'privileged-port')).toEqual([
      expect.objectContaining({ file: 'compose.yaml', line: 6, column: 9 })
    ])
    expect(result.suppressed.map((f) => [f.ruleId, f.location.line])).toEqual([
      ['privileged-port', 5]
    ])
  })

  it('a lone CR or invalid UTF-8 does not crash', async () => {
    const result = await scanTree({
      'k8s/ingress.yaml': NEIGHBOUR,
      'cr.yaml': 'a: 1\rb: 2\r',
      'latin1.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0xff, 0x0a])
    })
    expectNeighbour(result)
  })
})

describe('deep nesting', () => {
  it.each([
    ['10,000 flow sequences', '['.repeat(10_000) + ']'.repeat(10_000) + '\n'],
    ['10,000 unclosed flow sequences', '['.repeat(10_000) + '\n'],
    ['10,000 flow maps', '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n'],
    ['10,000 block sequences', '- '.repeat(10_000) + 'x\n'],
    // 3,000 levels: 4.5 MB of indentation, under the default 5 MB limit.
    [
      '3,000 indented block maps',
      Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n'
    ]
  ])('%s: no crash, the other files still reported', async (_name, text) => {
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'deep.yaml': text })
    expectNeighbour(result)
    for (const finding of seen(result).filter((f) => f.file === 'deep.yaml')) {
      expect(finding.ruleId).toBe('parse-error')
    }
  })

  it('deep nesting inside a pod spec: no crash', async () => {
    const text = deployment('deep', '[' + '['.repeat(10_000) + ']'.repeat(10_000) + ']')
    const result = await scanTree({ 'k8s/ingress.yaml': NEIGHBOUR, 'k8s/deep.yaml': text })
    expectNeighbour(result)
  })
})
