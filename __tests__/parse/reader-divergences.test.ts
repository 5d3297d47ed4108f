// The differential of issue 20: the pre-filter and the block loader against the `yaml` path
// agreed on almost everything; these five inputs changed a finding. Each is scanned end to end,
// on one thread and on workers, and where two readers are involved, the same text is also read
// by the `yaml` package alone (a tab in a comment makes the block loader decline a file).
import { describe, expect, it } from 'vitest'
import { parseBlockYaml } from '../../src/parse/block-yaml.js'
import { prefilter } from '../../src/parse/prefilter.js'
import { repo, scanRoot } from '../hostile/hostile.js'
import { YAML_OPTIONS } from '../helpers/yaml-shape.js'

const THREADS = ['0', '2']

/** Findings as a reader sees them: rule, line, message. */
async function seen(files: Record<string, string>, threads: string) {
  const result = await scanRoot(repo(files), { PORT_HYGIENE_THREADS: threads })
  return result.findings
    .filter((finding) => finding.ruleId !== 'unbound-interface')
    .map((finding) => [finding.ruleId, finding.location.line, finding.message])
}

describe('a key escaped in double quotes ("hostP\\x6frt": 22)', () => {
  // kubectl unescapes the keys: this is a Pod on host port 22, the nodes' sshd.
  const pod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: escaped}',
    'spec:',
    '  "c\\x6fntainers":',
    '    - name: c',
    '      image: i',
    '      "p\\x6frts":',
    '        - "c\\x6fntainerP\\x6frt": 80',
    '          "hostP\\x6frt": 22',
    ''
  ].join('\n')

  it('keeps the document in the pre-filter', () => {
    expect(prefilter(`${pod}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`)).toEqual(
      expect.objectContaining({ skippedDocuments: 1 })
    )
    expect(prefilter(pod)).toBeUndefined()
    expect(prefilter(pod.replace('kind: Pod', 'kind: "P\\x6fd"'))).toBeUndefined()
  })

  for (const threads of THREADS) {
    it(`is a privileged host port (PORT_HYGIENE_THREADS=${threads})`, async () => {
      const findings = await seen({ 'k8s/pod.yaml': pod }, threads)
      expect(findings.map(([rule, line]) => [rule, line])).toEqual([['privileged-port', 10]])
    })
  }
})

describe('%YAML, ---, a left-out ConfigMap, ...', () => {
  const stream =
    '%YAML 1.2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n...\n' +
    '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      ports: [{containerPort: 80, hostPort: 22}]\n'

  it('keeps the marker line of the blanked document', () => {
    const filtered = prefilter(stream)!
    expect(filtered.skippedDocuments).toBe(1)
    expect(filtered.text.split('\n').slice(0, 7)).toEqual([
      '%YAML 1.2',
      '---',
      '',
      '',
      '',
      '',
      '...'
    ])
    expect(filtered.text.split('\n')).toHaveLength(stream.split('\n').length)
  })

  for (const threads of THREADS) {
    it(`is no parse-error; the Pod after it is read (PORT_HYGIENE_THREADS=${threads})`, async () => {
      const findings = await seen({ 'k8s/stream.yaml': stream }, threads)
      expect(findings.map(([rule, line]) => [rule, line])).toEqual([['privileged-port', 15]])
    })
  }
})

describe('an under-indented quoted continuation, then port: "8080"', () => {
  const service = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: s',
    '  annotations:',
    '    note: "a quoted value',
    '  whose continuation is under-indented"',
    'spec:',
    '  ports:',
    '    - port: "8080"',
    '      targetPort: 80',
    ''
  ].join('\n')

  for (const threads of THREADS) {
    it(`quotes the value from the text that was parsed (PORT_HYGIENE_THREADS=${threads})`, async () => {
      const findings = await seen({ 'k8s/svc.yaml': service }, threads)
      expect(findings).toEqual([
        [
          'invalid-port',
          10,
          'Service s: port must be an integer, not the string "8080": the API server rejects a quoted number; remove the quotes'
        ]
      ])
    })
  }
})

describe('an implicit key over 1,024 characters', () => {
  const podWithKey = (length: number) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    ${'k'.repeat(length)}: v\nspec:\n  containers:\n    - name: c\n      image: i\n      ports:\n        - containerPort: 80\n          hostPort: 80\n`

  it('is declined by the block loader, as `yaml` rejects it; 1,024 is read', () => {
    expect(parseBlockYaml(podWithKey(1025), YAML_OPTIONS)).toBeUndefined()
    expect(parseBlockYaml(podWithKey(1024), YAML_OPTIONS)).toBeDefined()
  })

  for (const threads of THREADS) {
    it(`is a parse-error, as yaml, kubectl and Compose have it (PORT_HYGIENE_THREADS=${threads})`, async () => {
      const findings = await seen({ 'k8s/pod.yaml': podWithKey(1025) }, threads)
      expect(findings).toEqual([
        [
          'parse-error',
          6,
          expect.stringContaining('The : indicator must be at most 1024 chars after the start')
        ]
      ])
    })
  }
})

describe('an empty list item below a comment line (k: / - x / # c / -)', () => {
  const compose = (indent: string) =>
    `services:\n  web:\n    network_mode: host\n    ports:\n${indent}- "80:80"\n${indent}# c\n${indent}-\n    image: x\n`
  const onYamlPath = (text: string) => `${text}#\tthe tab makes the block loader decline\n`

  for (const threads of THREADS) {
    for (const indent of ['    ', '      ']) {
      it(`the host-network-ports fix removes lines 4-7 on both readers (list indented ${indent.length}, PORT_HYGIENE_THREADS=${threads})`, async () => {
        const fixes = []
        for (const text of [compose(indent), onYamlPath(compose(indent))]) {
          const result = await scanRoot(repo({ 'compose.yaml': text }), {
            PORT_HYGIENE_THREADS: threads
          })
          const finding = result.findings.find((each) => each.ruleId === 'host-network-ports')!
          fixes.push(finding.fix?.location)
        }
        // Up to the start of line 8: `image: x` stays.
        const removed = { file: 'compose.yaml', line: 4, column: 1, endLine: 8, endColumn: 1 }
        expect(fixes).toEqual([removed, removed])
      })
    }
  }
})
