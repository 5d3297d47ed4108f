// The line check for duplicate keys in documents the pre-filter leaves out: what it reports, the
// parser reports too (same key, same places), and it gives up where it cannot be sure.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { splitDocuments } from '../../src/parse/documents.js'
import { duplicateKeysByLine } from '../../src/parse/duplicate-lines.js'
import { parseYamlFile } from '../../src/parse/yaml.js'

const REAL = path.resolve(import.meta.dirname, '../../../shared/corpus/real')

/** What the parser says about the same text (the reference). */
function parsed(text: string) {
  const file = parseYamlFile('x.yaml', text)
  return file.parseErrors.length > 0 ? [] : file.duplicateKeys
}

const byLine = (text: string) => duplicateKeysByLine('x.yaml', text, 1)

describe('duplicateKeysByLine', () => {
  it('finds a twin key of a top-level, nested, list-item and same-indent-list map, as the parser does', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: a',
      '  labels:',
      '    app: web',
      '    "app": api',
      '  name: b',
      'rules:',
      '- verbs: [get]',
      '  resources:',
      '  - pods',
      '  verbs: [list]',
      'kind: Secret',
      ''
    ].join('\n')
    const found = byLine(text)
    expect(found.map((d) => [d.key, d.location.line, d.location.column, d.first.line])).toEqual([
      ['app', 7, 5, 6],
      ['name', 8, 3, 4],
      ['verbs', 13, 3, 10],
      ['kind', 14, 1, 2]
    ])
    expect(found).toEqual(parsed(text))
  })

  it('skips the lines of scalar values: block, plain and quoted over several lines, flow collections', () => {
    const text = [
      'data:',
      '  conf: |',
      '    level: info',
      '    level: debug',
      '  note: a plain value',
      '    level: that wraps',
      '  quoted: "one',
      '    level: two"',
      '  flow: {a: 1,',
      '    a: 2}',
      'items:',
      '- plain item',
      '  continued: here',
      ''
    ].join('\n')
    expect(byLine(text)).toEqual([])
  })

  it('gives up where YAML gets subtle: tabs, explicit keys, anchors on keys, non-string keys', () => {
    for (const text of [
      'a: 1\n\tb: 2\na: 3\n',
      '? a\n: 1\na: 2\na: 3\n',
      '&k a: 1\na: 2\na: 3\n',
      '1: one\n1: uno\n',
      'true: yes\ntrue: no\n',
      '"a\\tb": 1\n"a\\tb": 2\n',
      '- - a: 1\n    a: 2\n'
    ]) {
      expect(byLine(text)).toEqual([])
    }
  })

  it('does not take merge keys or keys of different maps for twins', () => {
    const text = 'a:\n  <<: *base\n  <<: *other\n  x: 1\nb:\n  x: 1\n'
    expect(byLine(text)).toEqual([])
  })

  it.skipIf(!existsSync(REAL))(
    'over the real corpus, with a line copied in each document, reports only what the parser reports',
    () => {
      let reported = 0
      let seed = 7
      const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
      for (const file of yamlFiles(REAL)) {
        for (const chunk of splitDocuments(readFileSync(file, 'utf8'))) {
          const lines = chunk.split('\n')
          const at = next() % lines.length
          const text = [...lines.slice(0, at + 1), ...lines.slice(at)].join('\n')
          const mine = byLine(text)
          // A copied line may break the document (an unclosed quote copied): the pre-filter
          // parses such a document (its lexer check), so the line check never sees it.
          if (mine.length === 0 || parseYamlFile('x.yaml', text).parseErrors.length > 0) continue
          expect(parsed(text)).toEqual(expect.arrayContaining(mine))
          reported += mine.length
        }
      }
      expect(reported).toBeGreaterThan(100)
    },
    300_000
  )
})

function yamlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => path.join(root, name))
}
