// block-yaml.ts must build exactly the nodes the `yaml` package builds, or decline the file. The
// property, "accepted ⇒ `yaml` reports no error, and the documents, nodes, ranges, values, scalar
// types and line table are the same", is checked three ways: on generated documents (block trees
// rendered with random indentation, comments and blank lines, then mutated), on every file of the
// bench corpora, the real corpus and the examples, and on hand-written traps, each of which must
// be declined. The loader must also accept what most manifests look like, or it is useless: that
// is asserted too.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { Document, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit } from 'yaml'
import { writeManifestCorpus, writeMixedCorpus } from '../../bench/corpora.js'
import { MAY_NOT_BE_STRING, parseBlockYaml } from '../../src/parse/block-yaml.js'
import { helmSourceOf } from '../../src/parse/yaml.js'
import { asScanned, shape, YAML_OPTIONS, yamlFiles } from '../helpers/yaml-shape.js'

const OPTIONS = YAML_OPTIONS
const REPO = path.resolve(import.meta.dirname, '../..')
const REAL = path.resolve(REPO, '../shared/corpus/real')

/** The `yaml` package's reading of `text`, as parse/yaml.ts sees it (empty documents dropped). */
function reference(text: string) {
  const lineCounter = new LineCounter()
  const parsed = parseAllDocuments(text, { ...OPTIONS, lineCounter })
  const all = Array.isArray(parsed) ? parsed : [parsed]
  const problems = all.flatMap((document) => [...document.errors, ...document.warnings])
  const kept = all.filter(
    (document) =>
      !(
        document.contents === null ||
        (isScalar(document.contents) && document.contents.value === null && !document.contents.tag)
      )
  )
  return { all: kept, lineCounter, problems }
}

/** undefined when the loader declined or agrees; else what differs. */
function disagreement(text: string): string | undefined {
  const fast = parseBlockYaml(text, OPTIONS)
  if (!fast) return undefined
  const want = reference(text)
  if (want.problems.length > 0) return `accepted, but yaml says: ${want.problems[0]!.message}`
  const view = (all: typeof want.all, lineCounter: LineCounter) =>
    JSON.stringify({
      lines: lineCounter.lineStarts,
      documents: all.map((document) => [
        document.range,
        document.comment ?? null,
        shape(document.contents)
      ])
    })
  const expected = view(want.all, want.lineCounter)
  const actual = view(fast.all, fast.lineCounter)
  if (expected === actual) {
    // The Helm `# Source:` comment is read from the comments before a document's content.
    const helm = (all: typeof want.all) => JSON.stringify(all.map(helmSourceOf))
    if (helm(want.all) === helm(fast.all)) return undefined
    return `helm sources differ: ${helm(want.all)} vs ${helm(fast.all)}`
  }
  let at = 0
  while (expected[at] === actual[at]) at++
  return `yaml: …${expected.slice(Math.max(0, at - 120), at + 60)}\nfast: …${actual.slice(Math.max(0, at - 120), at + 60)}`
}

// ---- generated documents --------------------------------------------------------------------

type Tree =
  | { kind: 'map'; entries: Array<[string, Tree]> }
  | { kind: 'seq'; items: Tree[] }
  | { kind: 'scalar'; text: string }
  | { kind: 'block'; header: string; lines: string[] }

const benignValues = [
  'app',
  'nginx:1.25',
  '8080',
  '80:80',
  '"${PORT:-8080}:80"',
  '${PORT:-8080}',
  '0x1F',
  '0o17',
  '1e3',
  '-1',
  '+5',
  '.5',
  '1.50',
  '.inf',
  '-.Inf',
  '.NaN',
  'true',
  'True',
  'FALSE',
  'yes',
  'null',
  'Null',
  '~',
  '007',
  'a#b',
  'a #b',
  'http://x:80/p?q=1&r=2',
  'echo a > b | c',
  'a,b]c{d}',
  '100%',
  'ñandú',
  '😀 ok',
  'x ',
  "it's",
  '"q"',
  "'q'",
  "'it''s'",
  '"a \\" b"',
  '"tab\\there"',
  '"^\\\\d+$"',
  '"\\u00e9\\x41\\U0001F600"',
  '"\\0\\a\\b\\e\\f\\n\\r\\v\\ \\/\\N\\_\\L\\P"',
  '"a: b"',
  "'a # b'",
  '""',
  "''",
  '[]',
  '[ ]',
  '{}',
  '[a, b]',
  '["a", \'b\', 1]',
  '{a: 1, b: "2"}',
  '{ cpu: 100m, memory: 128Mi }',
  '[a,]',
  '{a: 1,}',
  '[a , b ]',
  '[a] # c'
]
// Outside the subset, or errors: the loader must decline them (or read them as `yaml` does).
const trapValues = [
  'a: b',
  'a:',
  '*x',
  '&a v',
  '!t v',
  '|',
  '>-',
  '%x',
  '@x',
  '`x',
  '-',
  '- x',
  '? x',
  ': x',
  '"open',
  "'open",
  '"a"b',
  '"a" # c',
  '"\\q"',
  '"\\x4"',
  '"\\xZZ"',
  '"\\u12"',
  '"\\UFFFFFFFF"',
  '"a\\"',
  '"\\"',
  '[a, , b]',
  '[a: b]',
  '{a}',
  '[a]]',
  '[[a]]',
  '{a: [b]}',
  '[a #c]',
  '[a]x',
  '{a:1}',
  '[-a]',
  '[a b, c]'
]
const benignKeys = [
  'name',
  'ports',
  'app.kubernetes.io/name',
  'a-b',
  'x_y',
  '8080',
  'true',
  'null',
  '1.5',
  '"quoted"',
  "'single'",
  '"with space"',
  "'it''s'",
  '"a:b"'
]
const trapKeys = ['a b', 'x:y', '-k', '<<', '?', '"a\\"b"', "'open", '[k]']

// Mostly what manifests hold, so that most documents are accepted and the property says
// something (a declined document passes trivially); the rest are the traps.
const value = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...benignValues) },
  { weight: 1, arbitrary: fc.constantFrom(...trapValues) }
)
const key = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...benignKeys) },
  { weight: 1, arbitrary: fc.constantFrom(...trapKeys) }
)

// Block scalars: every header (and some that are declined), lines of text, blank lines (some
// with spaces), more-indented lines, `#` lines that are content, trailing blank lines.
const blockHeaders = ['|', '|-', '|+', '>', '>-', '>+', '|-  ', '>+ ']
const blockTrapHeaders = ['|2', '>1-', '| # c', '|x']
const blockLines = ['echo hi', 'a b', 'x: 1', '# not a comment', '', '', ' ', '  more', '   - item']
const blockScalar = fc
  .tuple(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...blockHeaders) },
      { weight: 1, arbitrary: fc.constantFrom(...blockTrapHeaders) }
    ),
    fc.array(fc.constantFrom(...blockLines), { minLength: 1, maxLength: 6 }),
    fc.array(fc.constantFrom('', ' '), { maxLength: 3 })
  )
  .map(
    ([header, lines, trailing]) =>
      ({ kind: 'block', header, lines: [...lines, ...trailing] }) as Tree
  )

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: value.map((text) => ({ kind: 'scalar', text }) as Tree) },
    { weight: 1, arbitrary: blockScalar },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(key, tie('tree')), { minLength: 1, maxLength: 4 })
        .map((entries) => ({ kind: 'map', entries }) as Tree)
    },
    {
      weight: 1,
      arbitrary: fc
        .array(tie('tree'), { minLength: 1, maxLength: 3 })
        .map((items) => ({ kind: 'seq', items }) as Tree)
    }
  )
})).tree

/** A small deterministic random source, so that one seed renders one text. */
function random(seed: number) {
  let state = seed >>> 0 || 1
  return (n: number) => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) % n
  }
}

const decorations = ['# note', '#', '# Source: chart/templates/app.yaml', '#: x', '# - name: x']

function render(root: Tree, seed: number): string {
  const pick = random(seed)
  const lines: string[] = []
  const step = [1, 2, 2, 2, 3, 4][pick(6)]!
  const sameIndentSeqs = pick(2) === 0
  const decorate = (indent: number) => {
    // Sometimes a blank line, a line of spaces, or a comment at a random indentation.
    const roll = pick(12)
    if (roll === 0) lines.push('')
    else if (roll === 1) lines.push(' '.repeat(pick(6)))
    else if (roll === 2) lines.push(' '.repeat(indent) + decorations[pick(5)])
    else if (roll === 3)
      lines.push(' '.repeat(Math.max(0, indent + pick(5) - 2)) + decorations[pick(5)])
  }
  // After a collection's last item: now and then a run of comment and blank lines at various
  // indentations (around the collection's own), which `yaml` gives to one collection or another.
  const endOf = (indent: number) => {
    if (pick(4) !== 0) return
    for (let count = 1 + pick(3); count > 0; count--) {
      const roll = pick(6)
      if (roll === 0) lines.push('')
      else
        lines.push(
          ' '.repeat(Math.max(0, indent + [-2, -1, 0, 0, 0, 1][pick(6)]!)) + decorations[pick(5)]
        )
    }
  }
  const comment = () => (pick(8) === 0 ? ' # trailing' : pick(12) === 0 ? ' #' : '')
  const emit = (node: Tree, indent: number, prefix: string): void => {
    // `prefix`: the `key:` or `- ` the node's first line starts with, at `indent`.
    if (node.kind === 'scalar') {
      lines.push(
        ' '.repeat(indent) + prefix + (prefix.endsWith(':') ? ' ' : '') + node.text + comment()
      )
      return
    }
    if (node.kind === 'block') {
      lines.push(' '.repeat(indent) + prefix + (prefix.endsWith(':') ? ' ' : '') + node.header)
      // Mostly deeper than the key or dash; now and then at its column or one deeper.
      const inner = indent + [step, step, step, step, step, 1, 0, step + 1][pick(8)]!
      for (const line of node.lines) {
        // A line of spaces, shorter or longer than the indentation.
        if (line === ' ') lines.push(' '.repeat(pick(inner + 4)))
        else lines.push(line === '' ? '' : ' '.repeat(inner) + line)
      }
      return
    }
    const inline = prefix.startsWith('-') && pick(3) > 0
    if (node.kind === 'map') {
      const [first, ...rest] = node.entries
      if (inline) {
        // A compact map: `- key: value`, later keys under the first.
        const column = indent + prefix.length
        emit(first![1], column, first![0] + ':')
        lines[lines.length - 1] =
          ' '.repeat(indent) + prefix + lines[lines.length - 1]!.slice(column)
        for (const [key, value] of rest) {
          decorate(column)
          emit(value, column, key + ':')
        }
        endOf(column)
        return
      }
      lines.push(' '.repeat(indent) + prefix + comment())
      const inner = prefix === '' ? indent : indent + step
      for (const [key, value] of node.entries) {
        decorate(inner)
        emit(value, inner, key + ':')
      }
      endOf(inner)
      return
    }
    lines.push(' '.repeat(indent) + prefix + comment())
    const inner =
      prefix === '' ? indent : sameIndentSeqs && prefix.endsWith(':') ? indent : indent + step
    for (const item of node.items) {
      decorate(inner)
      emit(item, inner, '-' + ' '.repeat(1 + (pick(6) === 0 ? 1 : 0)))
    }
    endOf(inner)
  }
  const documents = 1 + pick(3)
  for (let index = 0; index < documents; index++) {
    if (index > 0 || pick(2) === 0)
      lines.push(['---', '---', '---', '--- ', '---', '...', '--- # c', '----'][pick(8)]!)
    if (pick(3) === 0) lines.push('# Source: chart/templates/x.yaml')
    const top: Tree =
      root.kind === 'scalar' || root.kind === 'block'
        ? { kind: 'map', entries: [['k', root]] }
        : root
    emit(top, 0, '')
  }
  // A mutation now and then: a character inserted or deleted anywhere.
  let text = lines.join('\n')
  const mutation = pick(5)
  if (mutation === 0 && text.length > 0) {
    const at = pick(text.length)
    const inserted = [' ', '  ', ':', '#', '"', "'", '-', '\n', '\t', '[', '&', '\r'][pick(12)]!
    text = text.slice(0, at) + inserted + text.slice(at)
  } else if (mutation === 1 && text.length > 0) {
    const at = pick(text.length)
    text = text.slice(0, at) + text.slice(at + 1)
  }
  return pick(2) === 0 ? text + '\n' : text
}

describe('generated documents', () => {
  it('accepted ⇒ the same nodes as `yaml`, and most are accepted', () => {
    let accepted = 0
    let runs = 0
    // Accepted documents with a block scalar, and with comment lines that end up as a collection's
    // or a document's `comment`: the two shapes must be accepted often enough to be tested.
    let withBlockScalars = 0
    let withEndComments = 0
    fc.assert(
      fc.property(tree, fc.integer(), (root, seed) => {
        const text = render(root, seed)
        runs++
        const fast = parseBlockYaml(text, OPTIONS)
        if (fast) {
          accepted++
          const found = { block: false, comment: false }
          fast.all.forEach((document) => {
            if (document.comment) found.comment = true
            visit(document, {
              Scalar: (_key, node) => void (node.type?.startsWith('BLOCK') && (found.block = true)),
              Collection: (_key, node) => void (node.comment && (found.comment = true))
            })
          })
          if (found.block) withBlockScalars++
          if (found.comment) withEndComments++
        }
        expect(disagreement(text), text).toBeUndefined()
      }),
      { numRuns: 50_000 }
    )
    // Without this the property could hold by declining everything.
    expect(accepted / runs).toBeGreaterThan(0.2)
    expect(withBlockScalars / runs).toBeGreaterThan(0.02)
    expect(withEndComments / runs).toBeGreaterThan(0.05)
  }, 120_000)
})

// ---- corpora --------------------------------------------------------------------------------

const workspace = mkdtempSync(path.join(tmpdir(), 'port-hygiene-block-yaml-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

/** Every file as written and as the pre-filter leaves it (which is what parse/yaml.ts reads). */
function checkFiles(files: string[]): { accepted: number; texts: number } {
  let accepted = 0
  let texts = 0
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    for (const variant of asScanned(text)) {
      texts++
      if (parseBlockYaml(variant, OPTIONS)) accepted++
      const differs = disagreement(variant)
      if (differs) expect.fail(`${path.relative(REPO, file)}: ${differs}`)
    }
  }
  return { accepted, texts }
}

describe('corpora', () => {
  it('the bench corpora: every manifest and Compose file is accepted and read as `yaml` reads it', () => {
    const manifest = path.join(workspace, 'manifest')
    writeManifestCorpus(manifest, { kubernetesFiles: 120, composeProjects: 30 })
    const { accepted, texts } = checkFiles(yamlFiles(manifest))
    expect(texts).toBeGreaterThanOrEqual(150)
    expect(accepted).toBe(texts)
  })

  it('the mixed corpus, port-free files included, is read as `yaml` reads it', () => {
    const mixed = path.join(workspace, 'mixed')
    writeMixedCorpus(mixed, { kubernetesFiles: 20, composeProjects: 10, portFreeFiles: 300 })
    const { accepted, texts } = checkFiles(yamlFiles(mixed))
    expect(accepted / texts).toBeGreaterThan(0.5)
  })

  it('the examples and the test fixtures are read as `yaml` reads them', () => {
    const files = [
      ...yamlFiles(path.join(REPO, 'examples')),
      ...yamlFiles(path.join(REPO, '__tests__'))
    ]
    const { accepted } = checkFiles(files)
    expect(accepted).toBeGreaterThan(10)
  })

  it('the examples with a folded scalar and with comments at the ends of mappings are accepted; a broken one is declined', () => {
    for (const file of [
      'examples/k8s/ingress-nginx/controller.yaml',
      'examples/.github/port-hygiene.yml'
    ]) {
      const text = readFileSync(path.join(REPO, file), 'utf8')
      expect(parseBlockYaml(text, OPTIONS), file).toBeDefined()
      expect(disagreement(text), file).toBeUndefined()
    }
    const broken = readFileSync(path.join(REPO, 'examples/k8s/legacy/broken.yaml'), 'utf8')
    expect(parseBlockYaml(broken, OPTIONS)).toBeUndefined()
  })

  it.skipIf(!existsSync(REAL))(
    'the real corpus: every accepted file is read as `yaml` reads it, and most are accepted',
    () => {
      const { accepted, texts } = checkFiles(yamlFiles(REAL))
      // Declined: CRD schemas (multi-line strings), anchors, escapes, Helm templates, …
      expect(accepted / texts).toBeGreaterThan(0.93)
    },
    300_000
  )
  if (!existsSync(REAL)) console.warn(`block-yaml: ${REAL} is absent, real corpus left out`)
})

// ---- hand-written cases ---------------------------------------------------------------------

describe('what is accepted', () => {
  const helmRendered = `---
# Source: edge/templates/daemonset.yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: edge-proxy
  labels:
    app.kubernetes.io/name: edge-proxy
spec:
  selector:
    matchLabels: { app: edge-proxy }
  template:
    metadata:
      labels:
        app: edge-proxy
    spec:
      containers:
        - name: envoy
          image: "envoyproxy/envoy:v1.31"
          args: ["--config-path", '/etc/envoy/envoy.yaml']
          ports:
            - containerPort: 80
              hostPort: 80 # public HTTP
            # TLS terminates here
            - containerPort: 443
              hostPort: 443
---
# Source: edge/templates/cronjob.yaml
apiVersion: batch/v1
kind: CronJob
metadata:
  name: cert-renew
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: renew
            image: certbot/certbot:v2.11.0
            ports:
            - containerPort: 8080
`
  const compose = `name: shop
services:
  web:
    image: nginx:1.27
    ports:
      - "\${WEB_PORT:-8080}:80"
      - target: 443
        published: "8443"
        protocol: tcp
    environment:
      LOG_LEVEL: \${LOG_LEVEL:-info}
      'QUOTED_KEY': 'it''s'
  db:
    image: postgres:16
    expose: ["5432"]
`
  it.each([
    ['a Helm-rendered DaemonSet and CronJob', helmRendered, 2],
    ['a Compose file with interpolation and long syntax', compose, 1]
  ])('%s', (_name, text, documents) => {
    const fast = parseBlockYaml(text, OPTIONS)
    expect(fast?.all).toHaveLength(documents)
    expect(disagreement(text)).toBeUndefined()
    expect(fast!.all.map(helmSourceOf)).toEqual(
      documents === 2
        ? ['edge/templates/daemonset.yaml', 'edge/templates/cronjob.yaml']
        : [undefined]
    )
  })
})

describe('comments that `yaml` gives to the node above them', () => {
  it.each([
    ['at the end of the file', 'a: 1\n# end\n', 'document'],
    ['at the end of a nested mapping', 'a:\n  b: 1\n  # c\nd: 2\n', 'map'],
    ['below a nested mapping at the top level', 'a:\n  b: 1\n# c\n#  d\n', 'document'],
    [
      'after the last item of a nested sequence',
      'a:\n  p:\n    - 1\n    # - 2\n\n    #\n  q: 1\n',
      'seq'
    ],
    ['in a compact mapping in a list', '- a: 1\n  # c\n- x\n', 'map'],
    [
      'commented out before the next document',
      'a:\n  b:\n    c: 1\n#    d: 2\n---\ne: 1\n',
      'document'
    ],
    ['nested, before the next document', 'a:\n  b:\n    c: 1\n  # d: 2\n---\ne: 1\n', 'map'],
    ['between a key and its block, less indented', 'a:\n# c\n  b: 1\n', 'none'],
    ['between a key and its block, more indented', 'x:\n  a:\n      # c\n  - 1\n', 'none'],
    ['at the end of a nested mapping at the end of the file', 'a:\n  b: 1\n  # c  \n\n', 'map']
  ])(
    '%s: accepted, the comment on the %s (a `commentBefore`, not set, for none), as `yaml` has it',
    (_name, text, owner) => {
      const fast = parseBlockYaml(text, OPTIONS)
      expect(fast).toBeDefined()
      expect(disagreement(text)).toBeUndefined()
      const commented: string[] = []
      if (fast!.all[0]!.comment) commented.push('document')
      visit(fast!.all[0]!, {
        Map: (_key, node) => void (node.comment && commented.push('map')),
        Seq: (_key, node) => void (node.comment && commented.push('seq'))
      })
      expect(commented).toEqual(owner === 'none' ? [] : [owner])
    }
  )

  it.each([
    ['below a same-indent sequence, at the top level', 'a:\n- 1\n# c\n\nd: 2\n'],
    ['below a same-indent sequence, nested', 'x:\n  a:\n  - 1\n  # c\n\n  d: 2\n'],
    ['below a same-indent sequence in a list item', '- a:\n  - 1\n  # c\n  # e\n  d: 2\n']
  ])('%s: accepted, with the ranges `yaml` gives', (_name, text) => {
    expect(parseBlockYaml(text, OPTIONS)).toBeDefined()
    expect(disagreement(text)).toBeUndefined()
  })
})

describe('block scalars', () => {
  it.each([
    ['literal, clipped, blank lines inside and after', 'a: |\n  x\n\n  y\n\n\nb: 1\n', 'x\n\ny\n'],
    ['literal, stripped', 'a: |-\n  x\n\n\nb: 1\n', 'x'],
    ['literal, kept', 'a: |+\n  x\n\n\nb: 1\n', 'x\n\n\n'],
    [
      'folded, more-indented lines',
      'a: >\n  x\n  y\n\n  z\n    more\n  w\n\n',
      'x y\nz\n  more\nw\n'
    ],
    ['folded, stripped, at the end without a line break', 'a: >-\n  x\n  y', 'x y'],
    ['folded, kept, leading blank line', 'a: >+\n\n  x\n  y\n', '\nx y\n'],
    ['a `#` line inside', 'a: |\n  # not a comment\n  x\n# a comment\n', '# not a comment\nx\n'],
    [
      'blank lines with more spaces than the indentation',
      'a: >\n  x\n     \n  y\n    \n',
      'x\n   \ny\n  \n'
    ],
    ['in a sequence', 'a:\n- |\n x\n-   >-\n   y\n   z\n', 'x\n']
  ])('%s: accepted, read as `yaml` reads it', (_name, text, first) => {
    const fast = parseBlockYaml(text, OPTIONS)
    expect(fast).toBeDefined()
    expect(disagreement(text)).toBeUndefined()
    const values: unknown[] = []
    visit(fast!.all[0]!, {
      Scalar: (_key, node) => void (node.type?.startsWith('BLOCK') && values.push(node.value))
    })
    expect(values[0]).toBe(first)
  })
})

describe('the nodes', () => {
  it('are instances of the `yaml` classes, with the same own properties as theirs', () => {
    const text =
      'a: 1\nb: [x, "y"]\nc:\n  - d: true\n    e: 1.50\n    f: >-\n      g\n      h\n  # i\n'
    const fast = parseBlockYaml(text, OPTIONS)!.all[0]!
    const slow = reference(text).all[0]!
    const nodes = (document: typeof slow) => {
      const found: unknown[] = []
      const walk = (node: unknown): void => {
        found.push(node)
        if (isMap(node))
          node.items.forEach((pair) => (found.push(pair), walk(pair.key), walk(pair.value)))
        else if (isSeq(node)) node.items.forEach(walk)
      }
      walk(document.contents)
      return found as object[]
    }
    const [ours, theirs] = [nodes(fast), nodes(slow)]
    expect(ours).toHaveLength(theirs.length)
    ours.forEach((node, index) => {
      expect(node).toBeInstanceOf(theirs[index]!.constructor)
      expect(Object.keys(node)).toEqual(Object.keys(theirs[index]!))
      expect(JSON.stringify(node)).toBe(JSON.stringify(theirs[index]))
    })
    expect(fast.toJS()).toEqual(slow.toJS())
    expect(String(fast)).toBe(String(slow))
  })
})

describe('what is declined (and left to the `yaml` parser)', () => {
  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a merge key', 'base: {a: 1}\nc:\n  <<: {a: 2}\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['an unknown escape in double quotes', 'a: "\\q"\n'],
    ['a short hex escape', 'a: "\\x4"\n'],
    ['a code point past U+10FFFF', 'a: "\\U00110000"\n'],
    ['an escaped closing quote', 'a: "open\\"\n'],
    ['an escape in a double-quoted key', '"hostP\\x6frt": 80\n'],
    ['an unclosed quote', "a: 'open\n"],
    ['a tab', 'a:\n\tb: 1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['content on the marker line', '--- a: 1\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a nested sequence on one line', 'a:\n  - - 1\n'],
    ['a nested mapping in a value', 'a: b: c\n'],
    ['a key without a space after the colon', 'a:1\n'],
    ['a key with a space in it', 'a b: 1\n'],
    ['a nested flow collection', 'a: [b, [c]]\n'],
    ['a flow collection over two lines', 'a: [b,\n  c]\n'],
    ['an empty flow entry', 'a: [b, , c]\n'],
    ['a bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a comment below an empty value', 'a:\n  b:\n\n# c\nd: 1\n'],
    ['a comment after an empty value', 'a:\n  b: # c\nd: 1\n'],
    ['a comment more indented than what follows', 'a:\n  b: 1\n    # c\nd: 2\n'],
    ['a comment more indented than the last value at the end', 'a: 1\n  # c\n'],
    ['a comment below a block scalar, less indented than it', 'a: |\n    x\n  # c\nb: 1\n'],
    ['a block scalar with an indentation indicator', 'a: |2\n   x\n'],
    ['a block scalar with a comment after its header', 'a: >- # c\n  x\n'],
    ['an empty block scalar', 'a: |\nb: 1\n'],
    ['a block scalar not deeper than its key', 'a:\n  b: |\n  x\n'],
    [
      'a leading blank line of a block scalar with more spaces than its first line',
      'a: |\n     \n  x\n'
    ],
    ['a kept block scalar ending in fewer spaces without a line break', 'a: |+\n   x\n '],
    ['comments above a top-level sequence', '# Source: x\n- a\n'],
    ['an indented top level', '  a: 1\n'],
    ['a top-level scalar', 'just text\n']
  ])('%s', (_name, text) => {
    expect(parseBlockYaml(text, OPTIONS)).toBeUndefined()
  })
})

describe('plain scalars', () => {
  it('no tag of the schema reads a plain scalar as anything but a string unless its first character may', () => {
    const tags = new Document(null, OPTIONS).schema.tags.filter(
      (tag) => !tag.collection && tag.default === true && tag.test
    )
    expect(tags.length).toBeGreaterThanOrEqual(8)
    // Random rests, and the rests of every spelling the schema knows (`n` + `ull`, `.` + `inf`, …).
    const spellings = ['', 'ull', 'ULL', 'rue', 'RUE', 'alse', 'ALSE', 'inf', 'Inf', 'nan', 'NaN']
    const rests = fc.oneof(
      fc.string(),
      fc.constantFrom(...spellings, '1', '12', '.5', 'x1F', 'o17', 'e3', '1e3', '.inf', '<')
    )
    const others = [...Array(128).keys()]
      .filter((code) => !MAY_NOT_BE_STRING[code])
      .map((code) => String.fromCharCode(code))
    fc.assert(
      fc.property(fc.constantFrom(...others, 'é', '😀'), rests, (first, rest) => {
        for (const tag of tags) expect(tag.test!.test(first + rest), tag.tag).toBe(false)
      }),
      { numRuns: 5_000 }
    )
  })
})
