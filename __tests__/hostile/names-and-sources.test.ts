// Names a pull request controls (issue 20): a `# Source:` comment of 10⁶ anchors (3 MB) above
// 100 host ports made "Invalid string length" in every format; a file or folder whose name is not
// UTF-8 was dropped without a word ("No port problems in 0 files"); a FIFO found while walking
// had no skipped-file notice, though its page promises one.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { escapeBytes } from '../../src/discover/discover.js'
import { MAX_HELM_SOURCE_LENGTH } from '../../src/parse/yaml.js'
import { HEALTHY, RAW_CONTROL, cli, repo, scanRoot } from './hostile.js'

const POD = `apiVersion: v1
kind: Pod
metadata: {name: hidden}
spec:
  containers:
    - name: c
      ports: [{containerPort: 80, hostPort: 80}]
`

/** A rendered stream: `# Source:` naming `source`, above a Deployment with 100 host ports. */
function rendered(source: string): string {
  const ports = Array.from(
    { length: 100 },
    (_, index) =>
      `            - containerPort: ${8000 + index}\n              hostPort: ${100 + index}`
  ).join('\n')
  return `---\n# Source: ${source}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: i\n          ports:\n${ports}\n`
}

describe('a Helm `# Source:` comment of 10⁶ anchors (3 MB)', () => {
  const root = repo({ 'rendered/all.yaml': rendered('&a '.repeat(1_000_000).trim()) })

  it.each(['text', 'json', 'sarif', 'markdown'])(
    'the %s report is written: an input-limit finding, the 100 ports checked, the name quoted nowhere',
    async (format) => {
      const run = await cli(root, ['--format', format])
      expect(run.stderr).not.toContain('internal error')
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('input-limit')
      expect(run.stdout).toContain(`more than ${MAX_HELM_SOURCE_LENGTH}`)
      expect(run.stdout).not.toContain('&a &a &a')
      expect(run.stdout.length).toBeLessThan(1_000_000)
    }
  )

  it.each(['0', '2'])(
    'the findings are there, with no template linked (PORT_HYGIENE_THREADS=%s)',
    async (threads) => {
      const result = await scanRoot(root, { PORT_HYGIENE_THREADS: threads })
      const limits = result.findings.filter((finding) => finding.ruleId === 'input-limit')
      expect(limits.map((finding) => [finding.location.line, finding.message])).toEqual([
        [
          3,
          `The \`# Source:\` comment above this document names a template of 2999999 characters, more than ${MAX_HELM_SOURCE_LENGTH}: no template is linked to its findings.`
        ]
      ])
      const privileged = result.findings.filter((finding) => finding.ruleId === 'privileged-port')
      expect(privileged).toHaveLength(100)
      for (const finding of privileged) expect(finding.related).toEqual([])
    }
  )

  it(`a name of ${MAX_HELM_SOURCE_LENGTH} characters is still linked`, async () => {
    const name = `web/templates/${'d'.repeat(MAX_HELM_SOURCE_LENGTH - 'web/templates/.yaml'.length)}.yaml`
    const result = await scanRoot(repo({ 'rendered/all.yaml': rendered(name) }))
    expect(result.findings.filter((finding) => finding.ruleId === 'input-limit')).toEqual([])
    const finding = result.findings.find((each) => each.ruleId === 'privileged-port')!
    expect(finding.related.map((related) => related.message)).toEqual([
      `rendered from the Helm template ${name}`
    ])
  })
})

describe('a file or folder whose name is not UTF-8', () => {
  /** `p-\xff.yaml` and `d-\xfe/x.yaml`, each a hostPort 80 Pod, beside a healthy manifest. */
  function namesRepo(): string {
    const root = repo({ 'k8s/edge.yaml': HEALTHY })
    const bytes = (...parts: Array<string | number>) =>
      Buffer.concat(
        parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from([part])))
      )
    writeFileSync(bytes(root, '/k8s/p-', 0xff, '.yaml'), POD)
    mkdirSync(bytes(root, '/k8s/d-', 0xfe))
    writeFileSync(bytes(root, '/k8s/d-', 0xfe, '/x.yaml'), POD)
    // Not YAML by name: not a manifest, not reported.
    writeFileSync(bytes(root, '/k8s/notes-', 0xff, '.txt'), 'x')
    return root
  }

  for (const threads of ['0', '2']) {
    it(`is a skipped-file finding naming it, escaped; the rest is scanned (PORT_HYGIENE_THREADS=${threads})`, async () => {
      const result = await scanRoot(namesRepo(), { PORT_HYGIENE_THREADS: threads })
      const skipped = result.findings.filter((finding) => finding.ruleId === 'skipped-file')
      expect(skipped.map((finding) => [finding.location.file, finding.message])).toEqual([
        ['k8s/d-\\xfe/', 'Skipped k8s/d-\\xfe/: folder name is not UTF-8: not walked.'],
        ['k8s/p-\\xff.yaml', 'Skipped k8s/p-\\xff.yaml: file name is not UTF-8: not read.']
      ])
      expect(result.findings.some((finding) => finding.ruleId === 'privileged-port')).toBe(true)
    })
  }

  it('the CLI does not say "No port problems": it names both, with no raw byte', async () => {
    const run = await cli(namesRepo(), [])
    expect(run.stdout).toContain('Skipped k8s/p-\\xff.yaml: file name is not UTF-8: not read.')
    expect(run.stdout).toContain('Skipped k8s/d-\\xfe/: folder name is not UTF-8: not walked.')
    expect(run.stdout).not.toContain('\uFFFD')
    expect(run.stdout).not.toMatch(RAW_CONTROL)
  })

  it('escapes byte by byte: valid UTF-8 as it reads, a backslash doubled', () => {
    expect(escapeBytes(Buffer.from([0x70, 0xff, 0xc3, 0xa9, 0x5c, 0xe2, 0x82]))).toBe(
      'p\\xffé\\\\\\xe2\\x82'
    )
  })

  it('a valid name that holds U+FFFD itself is read as usual', async () => {
    const root = repo({ 'k8s/p-\uFFFD.yaml': POD })
    const result = await scanRoot(root)
    expect(result.model.files.map((file) => file.file)).toEqual(['k8s/p-\uFFFD.yaml'])
    expect(result.findings.filter((finding) => finding.ruleId === 'skipped-file')).toEqual([])
  })
})

describe('a FIFO found while walking', () => {
  for (const threads of ['0', '2']) {
    it(`is the skipped-file notice its page promises, and does not block (PORT_HYGIENE_THREADS=${threads})`, async () => {
      const root = repo({ 'k8s/edge.yaml': HEALTHY, 'k8s/pipe.yaml': { fifo: true } })
      // Not a manifest's name, or excluded: no notice.
      execFileSync('mkfifo', [path.join(root, 'k8s/pipe.txt')])
      const result = await scanRoot(root, { PORT_HYGIENE_THREADS: threads })
      const skipped = result.findings.filter((finding) => finding.ruleId === 'skipped-file')
      expect(skipped.map((finding) => finding.message)).toEqual([
        'Skipped k8s/pipe.yaml: not a regular file.'
      ])
      expect(result.model.files.map((file) => file.file)).toEqual(['k8s/edge.yaml'])
    }, 10_000)
  }
})
