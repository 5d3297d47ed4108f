// A privileged port must not hide behind its twin key, and a monorepo-sized tree must be read
// completely with a bounded number of open files, or fail loudly: never exit 0 with files dropped.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HEALTHY, cliWithHeapCap, repo, rules, scanRoot } from './hostile.js'
import { partsOf } from '../../src/rules/merge-findings.js'

const TWIN_HOST_PORTS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: monitoring
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
        - name: agent
          image: agent:1
          ports:
            - containerPort: 8080
              hostPort: 8080
              hostPort: 81
`

describe('duplicate keys', () => {
  it('hostPort: 8080 then hostPort: 81 is read as 81 (privileged), with a duplicate-key warning', async () => {
    const result = await scanRoot(repo({ 'k8s/agent.yaml': TWIN_HOST_PORTS }))
    expect(rules(result)).toEqual(['duplicate-key', 'privileged-port'])
    const duplicate = result.findings
      .flatMap(partsOf)
      .find((finding) => finding.ruleId === 'duplicate-key')!
    expect(duplicate).toMatchObject({
      severity: 'warning',
      location: { file: 'k8s/agent.yaml', line: 17, column: 15 }
    })
    expect(result.model.bindings[0]!.hostPort).toEqual({ start: 81, end: 81 })
  })

  it('a duplicate published port in Compose is an error, and the last value is checked', async () => {
    const result = await scanRoot(
      repo({
        'app/compose.yaml':
          'services:\n  web:\n    ports:\n      - target: 80\n        published: 8080\n        published: 444\n'
      })
    )
    const duplicate = result.findings
      .flatMap(partsOf)
      .find((finding) => finding.ruleId === 'duplicate-key')!
    expect(duplicate).toMatchObject({ severity: 'error', location: { line: 6, column: 9 } })
    expect(duplicate.message).toMatch(/Compose rejects this file/)
    expect(rules(result)).toContain('privileged-port')
  })

  it('a service defined twice in one Compose file: the second definition counts', async () => {
    const result = await scanRoot(
      repo({
        'app/compose.yaml':
          "services:\n  web:\n    ports: ['8080:80']\n  web:\n    ports: ['81:81']\n"
      })
    )
    expect(result.model.bindings.map((binding) => binding.hostPort?.start)).toEqual([81])
    expect(rules(result)).toEqual(['duplicate-key', 'privileged-port'])
  })

  it('a file reached only through include or extends is checked for duplicate keys too, once, and its last value wins', async () => {
    const result = await scanRoot(
      repo({
        // Not scanned on their own: only the projects below reach them.
        '.github/port-hygiene.yml': 'exclude: ["shared/**", "base/**"]\n',
        'shared/cache.yml':
          'services:\n  cache:\n    image: redis:7\n    ports:\n      - target: 6379\n        published: 6379\n        published: 80\n',
        'base/web.yml':
          "services:\n  web:\n    image: nginx:1.27\n    ports: ['9000:9000']\n    ports: ['25:25']\n",
        'shop/compose.yaml':
          "include: [../shared/cache.yml]\nservices:\n  web:\n    ports: ['8081:80']\n",
        'blog/compose.yaml':
          "include: [../shared/cache.yml]\nservices:\n  api:\n    ports: ['8082:80']\n",
        'mail/compose.yaml':
          'services:\n  relay:\n    extends: {file: ../base/web.yml, service: web}\n'
      })
    )
    const duplicates = result.findings
      .flatMap(partsOf)
      .filter((finding) => finding.ruleId === 'duplicate-key')
    expect(
      duplicates.map(({ location, severity }) => [location.file, location.line, severity])
    ).toEqual([
      ['base/web.yml', 5, 'error'],
      ['shared/cache.yml', 7, 'error']
    ])
    const hostPorts = (file: string) =>
      result.model.bindings
        .filter((binding) => binding.location.file === file)
        .map((binding) => binding.hostPort?.start)
    // Both projects read the shared file, each with the last `published`.
    expect(hostPorts('shared/cache.yml')).toEqual([80, 80])
    expect(hostPorts('base/web.yml')).toEqual([25])
    expect(
      result.findings
        .flatMap(partsOf)
        .some(
          (finding) =>
            finding.ruleId === 'privileged-port' && finding.location.file === 'base/web.yml'
        )
    ).toBe(true)
  })

  it('a duplicate key in a YAML file that is neither Kubernetes nor Compose is not reported', async () => {
    const result = await scanRoot(repo({ 'ci/values.yaml': 'a: 1\na: 2\n' }))
    expect(result.findings).toEqual([])
  })

  it('merge keys are not duplicates of the keys they merge', async () => {
    const result = await scanRoot(
      repo({
        'app/compose.yaml':
          "x-base: &base {image: nginx}\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n    ports: ['8080:80']\n"
      })
    )
    expect(rules(result)).toEqual([])
  })
})

const FILES = 100_000

describe('100,000 files', () => {
  it('every file is read with at most 128 descriptors open, and the duplicate among them is reported', async () => {
    const root = repo({
      'k8s/edge.yaml': HEALTHY,
      'k8s/edge-copy.yaml': HEALTHY.replace('name: edge', 'name: edge-copy')
    })
    for (let folder = 0; folder < FILES / 1000; folder++) {
      const dir = path.join(root, `gen/${folder}`)
      mkdirSync(dir, { recursive: true })
      for (let index = 0; index < 1000; index++)
        writeFileSync(
          path.join(dir, `f${index}.yaml`),
          `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${folder}-${index}}\n`
        )
    }
    // A descriptor limit far below the file count: reading them all at once would hit EMFILE.
    // The heap is capped as in memory.test.ts: 100,000 files must not cost memory without bound.
    const run = await cliWithHeapCap(root, ['--format', 'json'], {
      heapMb: 256,
      shellPrefix: 'ulimit -n 128 && '
    })
    const { code, stdout, stderr } = run
    expect(run.heapLimitMb).toBeLessThanOrEqual(256 + 64)
    expect(run.maxRssMb).toBeLessThan(256 + 384)
    expect(stderr).toBe('')
    const report = JSON.parse(stdout) as {
      summary: { files: number }
      findings: Array<{ ruleId: string; ruleIds: string[]; location: { file: string } }>
    }
    expect(report.findings.filter((finding) => finding.ruleIds.includes('skipped-file'))).toEqual(
      []
    )
    expect(report.summary.files).toBe(FILES + 2)
    expect(report.findings.flatMap((finding) => finding.ruleIds)).toContain('duplicate-host-port')
    expect(code).toBe(1)
  }, 300_000)
})
