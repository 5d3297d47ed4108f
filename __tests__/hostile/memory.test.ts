// Bounded memory, asserted rather than hoped for: the heaviest hostile inputs go through the CLI
// in a child process whose V8 heap is capped (--max-old-space-size). An expansion that is not
// bounded (an alias fanned out, a shared include loaded on every path, a .env value doubled 64
// times) dies there with a heap out-of-memory crash, whatever the machine; the test then fails on
// the exit code. The child also reports its peak resident set (worker threads included), which
// is held to a generous ceiling. No time is measured.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HEALTHY, cliWithHeapCap, repo, type ChildRun } from './hostile.js'
import {
  aliasedList,
  composeAliasChain,
  composeMergeBomb,
  diamond,
  doublingEnv,
  kubernetesMergeBomb
} from './inputs.js'

/** The heap cap of the children: a scan of a real repository stays far below it. */
const HEAP_CAP_MB = 256
/**
 * A 5 MB stream of 25,000 small documents (the size limit, Helm-rendered) needs about 200 MB of
 * heap by itself (176 MB is too little): its case gets a larger cap, still far from unbounded.
 */
const BIG_FILE_HEAP_CAP_MB = 512
/** Peak resident set allowed over the heap cap: code, buffers and worker threads. */
const RSS_OVER_HEAP_MB = 384

interface JsonReport {
  summary: { files: number }
  findings: Array<{
    ruleId: string
    ruleIds: string[]
    message: string
    location: { file: string }
  }>
}

/** Exit code 1 (findings), the cap in force, memory under the ceiling; the parsed report. */
function boundedRun(run: ChildRun, heapMb = HEAP_CAP_MB): JsonReport {
  // A heap out-of-memory crash prints "JavaScript heap out of memory" here and aborts.
  expect(run.stderr).toBe('')
  expect(run.code).toBe(1)
  // The cap took effect (V8's limit adds the young generation to the old-space size).
  expect(run.heapLimitMb).toBeGreaterThan(0)
  expect(run.heapLimitMb).toBeLessThanOrEqual(heapMb + 64)
  expect(run.maxRssMb).toBeLessThan(heapMb + RSS_OVER_HEAP_MB)
  return JSON.parse(run.stdout) as JsonReport
}

function rulesIn(report: JsonReport, file: string): string[] {
  // Every rule id, those merged into another's line included (one line, one finding).
  const ids = report.findings.filter((finding) => finding.location.file === file)
  return [...new Set(ids.flatMap((finding) => finding.ruleIds))].sort()
}

const scan = (root: string, heapMb = HEAP_CAP_MB) =>
  // `--fail-on warning`: the healthy file's finding (a privileged hostPort) is a warning.
  cliWithHeapCap(root, ['--format', 'json', '--fail-on', 'warning'], { heapMb })

describe(`hostile inputs under a ${HEAP_CAP_MB} MB heap`, () => {
  it('alias and merge-key bombs (Kubernetes and Compose) beside a healthy file', async () => {
    const report = boundedRun(
      await scan(
        repo({
          'k8s/list-bomb.yaml': aliasedList(100, 2),
          'k8s/merge-bomb.yaml': kubernetesMergeBomb(),
          'app/compose.yaml': composeAliasChain(),
          'fan/compose.yaml': composeMergeBomb(2000, 500),
          'k8s/edge.yaml': HEALTHY
        })
      )
    )
    expect(rulesIn(report, 'k8s/list-bomb.yaml')).toContain('input-limit')
    expect(rulesIn(report, 'fan/compose.yaml')).toContain('input-limit')
    expect(rulesIn(report, 'k8s/merge-bomb.yaml')).toContain('privileged-port')
    expect(rulesIn(report, 'app/compose.yaml')).toContain('privileged-port')
    expect(rulesIn(report, 'k8s/edge.yaml')).toEqual(['privileged-port'])
  })

  it('an include diamond 24 levels deep', async () => {
    const report = boundedRun(await scan(repo({ ...diamond(), 'k8s/edge.yaml': HEALTHY })))
    expect(rulesIn(report, 'deep/compose.yaml')).toContain('privileged-port')
    expect(rulesIn(report, 'k8s/edge.yaml')).toEqual(['privileged-port'])
  })

  it('a .env doubling bomb beside a real duplicate', async () => {
    const report = boundedRun(
      await scan(
        repo({
          'shop/.env': doublingEnv(64) + 'API_PORT=8081\n',
          'shop/compose.yaml': `services:\n  api:\n    image: shop/api\n    environment:\n      HUGE: \${B63}\n    ports: ['\${API_PORT}:8080']\n  admin:\n    image: shop/admin\n    ports: ['8081:9000']\n`
        })
      )
    )
    expect(rulesIn(report, 'shop/.env')).toEqual(['input-limit'])
    expect(rulesIn(report, 'shop/compose.yaml')).toContain('duplicate-host-port')
  })

  it('huge files: one just under the size limit, one ten times over it', async () => {
    const root = repo({ 'k8s/edge.yaml': HEALTHY })
    const pods: string[] = []
    for (let index = 0, size = 0; size < 4.8 * 1024 * 1024; index++) {
      const pod = `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p${index}, namespace: big}\nspec:\n  containers:\n    - name: c\n      image: nginx\n      ports:\n        - containerPort: ${8000 + (index % 1000)}\n`
      pods.push(pod)
      size += pod.length
    }
    // The last pod alone binds a privileged host port: found only if the whole file is read.
    pods.push(
      pods.at(-1)!.replace(/containerPort: \d+/, 'containerPort: 80\n          hostPort: 81')
    )
    writeFileSync(path.join(root, 'k8s/pods.yaml'), pods.join(''))
    writeFileSync(path.join(root, 'k8s/dump.yaml'), `a: "${'x'.repeat(50 * 1024 * 1024)}"\n`)
    const report = boundedRun(await scan(root, BIG_FILE_HEAP_CAP_MB), BIG_FILE_HEAP_CAP_MB)
    expect(rulesIn(report, 'k8s/dump.yaml')).toEqual(['skipped-file'])
    expect(rulesIn(report, 'k8s/pods.yaml')).toEqual(['privileged-port'])
    expect(rulesIn(report, 'k8s/edge.yaml')).toEqual(['privileged-port'])
  })
})
