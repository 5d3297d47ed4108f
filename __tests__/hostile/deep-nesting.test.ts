// Deep nesting (issue 20): a block map 2,000–3,000 levels deep overflowed the stack of the YAML
// parsers ("internal error: Maximum call stack size exceeded", no report), and with worker
// threads the process died uncaught. Now a document nested past the limit is a parse-error on
// its file, every other file is scanned, on one thread and on workers, and under a 256 MB heap at
// depths of 1,000, 10,000 and 100,000 levels.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DiscoveredFile } from '../../src/discover/discover.js'
import { scanOnWorkers } from '../../src/parallel/pool.js'
import { MAX_NESTING_DEPTH, nestingDepth } from '../../src/parse/depth.js'
import { parseYamlFile } from '../../src/parse/yaml.js'
import { HEALTHY, cliWithHeapCap, repo, scanRoot } from './hostile.js'
import { partsOf } from '../../src/rules/merge-findings.js'

const POD_HEAD = `apiVersion: v1
kind: Pod
metadata: {name: deep}
spec:
  containers:
    - name: c
      ports: [{containerPort: 80, hostPort: 8080}]
  x:
`

/** A block map `depth` levels deep below `spec.x`, indented `step` spaces a level. */
function deepBlockMap(depth: number, step = 2): string {
  const lines: string[] = []
  for (let level = 0; level < depth; level++) lines.push(`${' '.repeat(4 + level * step)}k:`)
  lines.push(`${' '.repeat(4 + depth * step)}v`)
  return POD_HEAD + lines.join('\n') + '\n'
}

/** `- - - … - k: v`: a block sequence `depth` levels deep in two bytes a level. */
const deepCompactSeq = (depth: number) => `${POD_HEAD}    ${'- '.repeat(depth)}k: v\n`
/** `{a: {a: … 1}}` */
const deepFlowMap = (depth: number) =>
  `${POD_HEAD.slice(0, -1)} ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`

/** The 1-based line of the first nesting level past the limit in `text`. */
const lineOf = (text: string, needle: string) =>
  text.slice(0, text.indexOf(needle)).split('\n').length

describe('nestingDepth: an upper bound read from the text', () => {
  it('counts block maps, compact sequences and flow collections', () => {
    expect(nestingDepth('a:\n  b:\n    c: 1\n').depth).toBe(3)
    expect(nestingDepth('a:\n- - - x\n').depth).toBe(4)
    expect(nestingDepth('a: {b: [1, {c: 2}]}\n').depth).toBe(4)
    expect(nestingDepth(deepBlockMap(300)).tooDeepAt).toBeDefined()
    expect(nestingDepth(deepCompactSeq(300)).tooDeepAt).toBeDefined()
    expect(nestingDepth(deepFlowMap(300)).tooDeepAt).toBeDefined()
  })

  it('does not count brackets in quotes or comments, nor the indentation of block scalars', () => {
    const brackets = '['.repeat(400)
    const staircase = Array.from({ length: 400 }, (_, i) => `${' '.repeat(4 + i)}x`).join('\n')
    const text =
      `a: "${brackets}"\nb: '${brackets}'\nc: x # ${brackets}\nd: |\n${staircase}\n` +
      `e: >-\n${staircase}\nf: don't [stop]\n`
    expect(nestingDepth(text)).toEqual({ depth: 2 })
    // Parsed as before: no nesting error.
    expect(parseYamlFile('ok.yaml', text).parseErrors).toEqual([])
  })

  it('the deepest file of the real corpus is far below the limit', () => {
    // Measured when the limit was set: 35 levels (argo-cd's CRDs).
    expect(MAX_NESTING_DEPTH).toBeGreaterThanOrEqual(7 * 35)
  })
})

describe('a document nested past the limit', () => {
  it('is a parse-error at the line where it went past the limit; the other documents are read', () => {
    const deep = deepBlockMap(3000)
    const text = `${HEALTHY}---\n${deep}---\n${HEALTHY.replace('name: edge', 'name: edge2')}`
    const parsed = parseYamlFile('stream.yaml', text)
    expect(parsed.parseErrors).toHaveLength(1)
    // `spec` is level 2 and `x` level 3 (the first `k`): level 257 is the 255th `k`.
    const expectedLine = lineOf(text, `\n${' '.repeat(4 + (MAX_NESTING_DEPTH - 2) * 2)}k:`) + 1
    expect(parsed.parseErrors[0]).toEqual({
      location: { file: 'stream.yaml', line: expectedLine, column: 1 },
      message: `nested more than ${MAX_NESTING_DEPTH} levels deep (the nesting limit)`
    })
    expect(parsed.documents.map((document) => document.line)).toEqual([
      1,
      lineOf(text, 'name: edge2') - 3
    ])
  })

  for (const threads of [0, 2]) {
    it(`2,000- and 3,000-deep Kubernetes and Compose files: a finding on each, every other file scanned (${threads === 0 ? 'one thread' : 'workers'})`, async () => {
      const files: Record<string, string> = {
        'k8s/deep2000.yaml': deepBlockMap(2000),
        'k8s/deep3000.yaml': deepBlockMap(3000, 1),
        'compose/compose.yaml': `services:\n  web:\n    image: x\n    ports: ['80:80']\n    labels:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(6 + i)}k:`).join('\n')}\n${' '.repeat(2006)}v\n`,
        'k8s/edge.yaml': HEALTHY
      }
      for (let index = 0; index < 40; index++) {
        files[`k8s/pod${index}.yaml`] = HEALTHY.replace('name: edge', `name: edge${index}`)
      }
      const result = await scanRoot(repo(files), { PORT_HYGIENE_THREADS: String(threads) })
      const errors = result.findings
        .flatMap(partsOf)
        .filter((finding) => finding.ruleId === 'parse-error')
      expect(errors.map((finding) => finding.location.file).sort()).toEqual([
        'compose/compose.yaml',
        'k8s/deep2000.yaml',
        'k8s/deep3000.yaml'
      ])
      for (const finding of errors) expect(finding.message).toContain('levels deep')
      const privileged = result.findings
        .flatMap(partsOf)
        .filter((finding) => finding.ruleId === 'privileged-port')
      expect(new Set(privileged.map((finding) => finding.location.file)).size).toBe(41)
      expect(result.model.skippedFiles).toEqual([])
    })
  }
})

describe('deep nesting under a 256 MB heap', () => {
  for (const threads of ['0', '2']) {
    it(`depths 1,000 / 10,000 / 100,000: a parse-error each and an intact scan (PORT_HYGIENE_THREADS=${threads})`, async () => {
      const root = repo({
        'k8s/map1000.yaml': deepBlockMap(1000),
        'k8s/seq10000.yaml': deepCompactSeq(10_000),
        'k8s/flow10000.yaml': deepFlowMap(10_000),
        'k8s/seq100000.yaml': deepCompactSeq(100_000),
        'k8s/flow100000.yaml': deepFlowMap(100_000),
        'k8s/brackets100000.yaml': `${POD_HEAD.slice(0, -1)} ${'['.repeat(100_000)}\n`,
        'k8s/edge.yaml': HEALTHY
      })
      const run = await cliWithHeapCap(root, ['--format', 'json'], {
        heapMb: 256,
        env: { PORT_HYGIENE_THREADS: threads }
      })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(1)
      expect(run.heapLimitMb).toBeLessThanOrEqual(256 + 64)
      const report = JSON.parse(run.stdout) as {
        findings: Array<{ ruleId: string; location: { file: string } }>
      }
      const byRule = (id: string) =>
        report.findings
          .filter((finding) => finding.ruleId === id)
          .map((finding) => finding.location.file)
          .sort()
      expect(byRule('parse-error')).toEqual([
        'k8s/brackets100000.yaml',
        'k8s/flow10000.yaml',
        'k8s/flow100000.yaml',
        'k8s/map1000.yaml',
        'k8s/seq10000.yaml',
        'k8s/seq100000.yaml'
      ])
      expect(byRule('privileged-port')).toEqual(['k8s/edge.yaml'])
    })
  }
})

describe('a worker that fails', () => {
  it('costs the files it held, each a skipped-file finding naming it; the other files are scanned', async () => {
    const root = repo({})
    const files: DiscoveredFile[] = []
    for (let index = 0; index < 200; index++) {
      const name = index === 100 ? 'k8s/boom.yaml' : `k8s/pod${index}.yaml`
      writeFileSync(path.join(root, path.basename(name)), HEALTHY)
      files.push({ file: name, absolutePath: path.join(root, path.basename(name)), size: 500 })
    }
    // This worker throws outside any file's own handling on the batch holding boom.yaml.
    const script = `const { parentPort } = require('node:worker_threads')
parentPort.on('message', (batch) => {
  if (batch.files.some((file) => file.file === 'k8s/boom.yaml')) throw new Error('boom')
  parentPort.postMessage({ id: batch.id, scans: batch.files.map((file) => ({ file: file.file, parseErrors: [], suppressions: [], purposeComments: [], duplicateKeys: [] })) })
})`
    const options = { root, maxFileSize: 1 << 20, expansionBudget: 1000, prefilter: false }
    const results = await scanOnWorkers(files, options, 2, { script, eval: true })
    expect(results).toHaveLength(200)
    const failed = results.filter((result) => result.scan.skipped !== undefined)
    // The batch of 64 files that held boom.yaml, and only those.
    expect(failed.map((result) => result.scan.file)).toContain('k8s/boom.yaml')
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.length).toBeLessThanOrEqual(64 * 2)
    for (const result of failed) {
      expect(result.scan.skipped).toBe('could not be scanned: the scan worker failed: boom')
    }
    expect(results.every((result) => result.scan.file !== undefined)).toBe(true)
    const scanned = results.filter((result) => result.scan.skipped === undefined)
    expect(scanned.length).toBeGreaterThanOrEqual(200 - 64 * 2)
  })
})
