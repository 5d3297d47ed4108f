// The config file's fast path: plain block YAML read by the block loader must give the nodes,
// values and positions `yaml` gives, and whatever the loader or this file's options treat
// differently must go to `yaml`, which reports it.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LineCounter, isMap, isPair, isSeq, parseDocument, type Node } from 'yaml'
import { loadConfig, plainBlockDocument } from '../../src/config/load.js'
import { RULES } from '../../src/rules/index.js'
import { withRepo } from './repo.js'

const CONFIG = '.github/port-hygiene.yml'

/** Every node's kind, value and range, in document order. */
function shape(node: unknown, out: unknown[] = []): unknown[] {
  if (isPair(node)) {
    shape(node.key, out)
    shape(node.value, out)
  } else if (isMap(node) || isSeq(node)) {
    out.push([isMap(node) ? 'map' : 'seq', (node as Node).range])
    for (const item of node.items) shape(item, out)
  } else if (node) {
    out.push([(node as Node & { value?: unknown }).value, (node as Node).range])
  }
  return out
}

/** The examples' config, and one of every top-level key. */
async function configTexts(): Promise<Array<[string, string]>> {
  return [
    ['examples/.github/port-hygiene.yml', await fs.readFile(path.join('examples', CONFIG), 'utf8')],
    [
      'every top-level key',
      [
        'include: ["**/*.yaml"]',
        "exclude: ['**/templates/**', vendor/**]",
        'defaultExcludes: true',
        'maxFileSize: 5MB',
        'nodeScopes:',
        '  prod: [clusters/prod/**]',
        'ranges:',
        '  namespaces:',
        '    team-alpha: 30000-30999 # a comment',
        '  projects: {}',
        'rules:',
        '  privileged-port:',
        '    severity: "warning"',
        '    options:',
        '      allow:',
        '        - ports: [53, 853]',
        '          namespaces: [kube-system]',
        '  missing-network-policy: off',
        ''
      ].join('\n')
    ]
  ]
}

describe('a config file in plain block YAML', () => {
  it('is read by the block loader into the nodes, values and ranges yaml gives', async () => {
    const texts = await configTexts()
    for (const [name, text] of texts) {
      const plain = plainBlockDocument(text)
      expect(plain, name).toBeDefined()
      const lineCounter = new LineCounter()
      const parsed = parseDocument(text, { lineCounter, uniqueKeys: true })
      expect(parsed.errors, name).toEqual([])
      expect(plain!.document.toJS(), name).toEqual(parsed.toJS())
      expect(shape(plain!.document.contents), name).toEqual(shape(parsed.contents))
      expect(plain!.lineCounter.lineStarts, name).toEqual(lineCounter.lineStarts)
    }
  })

  it.each([
    [
      'a key written twice in a nested map',
      'rules:\n  privileged-port: off\n  privileged-port: error\n'
    ],
    ['a key written twice in a list item', 'ranges:\n  namespaces:\n    a: 1-2\n    a: 3-4\n'],
    ['two documents', 'rules: {}\n---\nrules: {}\n'],
    ['a merge key', 'rules:\n  <<: {privileged-port: off}\n'],
    ['an anchor', 'exclude: &x [a]\n'],
    ['a tab', 'rules:\n\tprivileged-port: off\n']
  ])('leaves %s to yaml', (_name, text) => {
    expect(plainBlockDocument(text)).toBeUndefined()
  })

  it.each([
    [
      'a key written twice in a nested map',
      ['rules:', '  privileged-port: off', '  privileged-port: error'],
      `${CONFIG}:3:3: invalid YAML: Map keys must be unique`
    ],
    [
      'two documents',
      ['rules: {}', '---', 'rules: {}'],
      `${CONFIG}:2:1: invalid YAML: Source contains multiple documents; please use YAML.parseAllDocuments()`
    ],
    // YAML 1.2, as the config file is read: `<<` is a key like any other.
    [
      'a merge key',
      ['rules:', '  <<: {privileged-port: off}'],
      `${CONFIG}:2:3: rules: unknown rule "<<"`
    ]
  ])('reports %s as yaml does', async (_name, lines, message) => {
    await withRepo({ [CONFIG]: lines.join('\n') + '\n' }, async (root) => {
      await expect(loadConfig({ root, rules: RULES })).rejects.toThrow(message)
    })
  })
})
