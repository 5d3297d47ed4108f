// A file the block loader declines as a whole is read document by document (parse/yaml.ts,
// parseByDocument): the documents it can read alone by it, the others by the `yaml` package. The
// property: the file reads exactly as when `yaml` parses it whole — the same documents, nodes,
// ranges, comments, Helm sources, line table, parse errors (message and place) and duplicate
// keys. It is checked on hand-written streams that mix both kinds of document, on the examples and
// test fixtures, and on every file of the real corpus, as written and as the pre-filter leaves it.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseBlockYaml } from '../../src/parse/block-yaml.js'
import { parseYamlFile, type ParsedFile } from '../../src/parse/yaml.js'
import { asScanned, shape, YAML_OPTIONS, yamlFiles } from '../helpers/yaml-shape.js'

const REPO = path.resolve(import.meta.dirname, '../..')
const REAL = path.resolve(REPO, '../shared/corpus/real')
const OPTIONS = YAML_OPTIONS

/** Everything of a parsed file that the rest of the pipeline reads. */
function view(parsed: ParsedFile): string {
  return JSON.stringify({
    lines: parsed.lineCounter.lineStarts,
    documents: parsed.documents.map(({ document, line, helmSource }) => [
      line,
      helmSource ?? null,
      document.range,
      document.comment ?? null,
      shape(document.contents)
    ]),
    parseErrors: parsed.parseErrors,
    duplicateKeys: parsed.duplicateKeys,
    suppressions: parsed.suppressions,
    purposeComments: parsed.purposeComments
  })
}

/** The block loader built this document (its nodes are instances of its own classes). */
const readFast = (parsed: ParsedFile) =>
  parsed.documents.map(({ document }) => document.contents?.constructor.name.startsWith('Fast'))

function expectSameReading(file: string, text: string): ParsedFile {
  const byDocument = parseYamlFile(file, text)
  const whole = parseYamlFile(file, text, { byDocument: false })
  expect(view(byDocument), file).toBe(view(whole))
  return byDocument
}

const service = (name: string, port: number) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  ports:
    - port: ${port}
      targetPort: http
`

describe('a stream the block loader declines as a whole', () => {
  // The block loader reads one-line flow collections, but no nested one.
  const declined = 'list: [1, [2]]\n'
  it.each([
    [
      'a broken document between two plain ones',
      `${service('a', 80)}---\nkind: ConfigMap\ndata:\n  key: [unclosed\n---\n${service('b', 81)}`,
      [true, true]
    ],
    [
      'a nested flow list in one document of a Helm render',
      `---\n# Source: chart/templates/svc.yaml\n${service('a', 80)}---\n# Source: chart/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          args: ["--port", ["8080"]]\n          ports: [{containerPort: 8080}]\n`,
      [true, false]
    ],
    [
      'the first document, without a marker, is the one declined',
      `${declined}---\n${service('a', 80)}`,
      [false, true]
    ],
    [
      'anchors and aliases in the declined document',
      `${service('a', 80)}---\nx-base: &base\n  image: nginx\nservices:\n  web:\n    <<: *base\n    ports: ["8080:80"]\n`,
      [true, false]
    ],
    [
      'a block scalar and a comment on marker lines',
      `--- |\n  text\n---\n# plain\n${service('a', 80)}---\n${declined}`,
      [false, true, false]
    ],
    [
      'duplicate keys in both kinds of document',
      `${service('a', 80)}metadata:\n  name: again\n---\nspec: {ports: [1]}\nspec: {ports: [2]}\n${declined}`,
      [true, false]
    ],
    [
      'an under-indented quoted continuation, which parsing repairs (then parsed whole)',
      `description: "a long text\nthat goes on"\n${declined}---\n${service('a', 80)}`,
      [false, false]
    ]
  ])('%s: the same reading', (_name, text, fast) => {
    expect(parseBlockYaml(text, OPTIONS)).toBeUndefined()
    const parsed = expectSameReading('stream.yaml', text)
    expect(readFast(parsed)).toEqual(fast)
  })

  it('an unclosed quote that runs over later markers: the same errors, at the same places', () => {
    const text = `${service('a', 80)}---\nkind: ConfigMap\ndata:\n  key: "unclosed\n---\n${service('b', 81)}---\n${declined}---\n${service('c', 82)}`
    const parsed = expectSameReading('stream.yaml', text)
    expect(parsed.parseErrors).toHaveLength(1)
    expect(parsed.parseErrors[0]!.location.line).toBe(12)
    expect(parsed.documents.map(({ document }) => document.toJSON()?.metadata?.name)).toEqual([
      'a',
      'b',
      undefined,
      'c'
    ])
    expect(readFast(parsed)).toEqual([true, true, false, true])
  })

  it.each([
    [
      'directives, which belong to the document after them',
      `%YAML 1.2\n---\n${service('a', 80)}---\n${declined}`
    ],
    ['carriage returns', `${service('a', 80)}---\n${declined}`.replace(/\n/g, '\r\n')],
    ['one document', 'a: &x 1\nb: *x\n'],
    ['every document declined', `a: &x 1\nb: *x\n---\n${declined}`],
    [
      'a `...` end marker, which the block loader does not read',
      `${service('a', 80)}...\n---\n${declined}`
    ]
  ])('%s: parsed whole by `yaml`', (_name, text) => {
    const parsed = expectSameReading('stream.yaml', text)
    expect(readFast(parsed).some(Boolean)).toBe(false)
  })
})

describe('files', () => {
  /** Every file as written and as the pre-filter leaves it; how many took the per-document path. */
  function checkFiles(files: string[]): { declined: number; readByDocument: number } {
    let declined = 0
    let readByDocument = 0
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const variant of asScanned(text)) {
        if (parseBlockYaml(variant, OPTIONS)) continue
        declined++
        const parsed = expectSameReading(path.relative(REPO, file), variant)
        if (readFast(parsed).some(Boolean)) readByDocument++
      }
    }
    return { declined, readByDocument }
  }

  it('the examples and the test fixtures read the same', () => {
    const { declined, readByDocument } = checkFiles([
      ...yamlFiles(path.join(REPO, 'examples')),
      ...yamlFiles(path.join(REPO, '__tests__'))
    ])
    expect(declined).toBeGreaterThan(10)
    // examples/k8s/legacy/broken.yaml among them.
    expect(readByDocument).toBeGreaterThan(0)
  })

  it.skipIf(!existsSync(REAL))(
    'the real corpus reads the same, and some declined files are read mostly by the block loader',
    () => {
      const { declined, readByDocument } = checkFiles(yamlFiles(REAL))
      expect(declined).toBeGreaterThan(50)
      expect(readByDocument).toBeGreaterThan(5)
    },
    600_000
  )
  if (!existsSync(REAL)) console.warn(`by-document: ${REAL} is absent, real corpus left out`)
})
