// The pre-filter must never miss: every bench corpus (generated small, here) and the real corpus
// scanned with and without it give the same findings, bindings, services and the rest of the
// model. A rule that starts reading a kind or key the filter leaves out fails here: add it to
// KEEP_LIST in src/parse/prefilter.ts. The same scans on worker threads give the same result too.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  writeBindingsCorpus,
  writeConflictCorpus,
  writeManifestCorpus,
  writeMixedCorpus
} from '../../bench/corpora.js'
import { defaultConfig } from '../../src/config/types.js'
import { discover } from '../../src/discover/discover.js'
import { scan, type ScanResult } from '../../src/engine.js'
import { prefilter } from '../../src/parse/prefilter.js'

const REAL = path.resolve(import.meta.dirname, '../../../shared/corpus/real')
const realPresent = existsSync(REAL)
if (!realPresent) console.warn(`pre-filter equivalence: ${REAL} is absent, real corpus left out`)

const workspace = mkdtempSync(path.join(tmpdir(), 'port-hygiene-prefilter-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

function corpus(name: string, write: (root: string) => void): string {
  const root = path.join(workspace, name)
  write(root)
  return root
}

const corpora: Array<[string, () => string]> = [
  [
    'manifest',
    () =>
      corpus('manifest', (root) =>
        writeManifestCorpus(root, { kubernetesFiles: 60, composeProjects: 15 })
      )
  ],
  [
    'mixed',
    () =>
      corpus('mixed', (root) =>
        writeMixedCorpus(root, { kubernetesFiles: 30, composeProjects: 10, portFreeFiles: 200 })
      )
  ],
  ['conflict', () => corpus('conflict', (root) => writeConflictCorpus(root, 25))],
  ['bindings', () => corpus('bindings', (root) => writeBindingsCorpus(root, 1000))],
  ...(realPresent ? [['real', () => REAL] as [string, () => string]] : [])
]

async function scanWith(root: string, prefilter: boolean, threads = 0): Promise<ScanResult> {
  return scan({ root, paths: [], config: defaultConfig(), env: {}, prefilter, threads })
}

/** What a user sees of each finding, and the whole model the rules saw. */
function observable(result: ScanResult) {
  const finding = (f: ScanResult['findings'][number]) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    location: f.location,
    message: f.message
  })
  return {
    findings: result.findings.map(finding),
    suppressed: result.suppressed.map(finding),
    model: result.model
  }
}

describe.each(corpora)('pre-filter over the %s corpus', (_name, make) => {
  const root = make()

  it('gives the same findings, bindings, services and model as a scan without it', async () => {
    const unfiltered = observable(await scanWith(root, false))
    const filtered = observable(await scanWith(root, true))
    // A left-out document is not parsed: its duplicate keys are found by a line check
    // (src/parse/duplicate-lines.ts), which reports no key the parser does not and may miss some
    // it gives up on; every other finding is the same.
    const notDuplicateKey = (f: { ruleId: string }) => f.ruleId !== 'duplicate-key'
    expect(filtered.findings.filter(notDuplicateKey)).toEqual(
      unfiltered.findings.filter(notDuplicateKey)
    )
    expect(unfiltered.findings).toEqual(expect.arrayContaining(filtered.findings))
    expect(filtered.suppressed).toEqual(unfiltered.suppressed)
    expect(filtered.model.bindings).toEqual(unfiltered.model.bindings)
    expect(filtered.model.services).toEqual(unfiltered.model.services)
    expect({ ...filtered.model, duplicateKeys: [] }).toEqual({
      ...unfiltered.model,
      duplicateKeys: []
    })
  }, 300_000)
})

describe('the pre-filter has something to leave out', () => {
  it('leaves out documents of the port-free files of the mixed corpus, none of the manifests', async () => {
    const root = path.join(workspace, 'mixed')
    const { files } = await discover({ root, paths: [], ...defaultConfig() })
    const filteredFiles = files.filter((file) => prefilter(readFileSync(file.absolutePath, 'utf8')))
    const names = filteredFiles.map((file) => file.file)
    expect(names.some((name) => name.includes('/crds/'))).toBe(true)
    expect(names.some((name) => name.includes('/.github/workflows/'))).toBe(true)
    expect(names.some((name) => name.includes('/locales/'))).toBe(true)
    expect(names.filter((name) => name.startsWith('k8s/') || name.startsWith('compose/'))).toEqual(
      []
    )
  })
})

describe('worker threads', () => {
  it('give the same result as one thread', async () => {
    const root = path.join(workspace, 'mixed')
    const oneThread = observable(await scanWith(root, true, 0))
    const twoThreads = observable(await scanWith(root, true, 2))
    expect(twoThreads).toEqual(oneThread)
    expect(twoThreads.findings.length).toBeGreaterThan(0)
  }, 120_000)
})
