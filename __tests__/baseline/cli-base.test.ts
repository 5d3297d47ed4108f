// `port-hygiene --base REF`: the ref's tree is read from git objects and scanned with its own
// config; each finding of the working tree is new or existing, and fixed ones are listed.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JsonReport } from '../../src/report/json.js'
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js'
import { daemonSet, legacyDeployments } from '../helpers/manifests.js'
import { runCliIn } from '../helpers/cli.js'

let repo: TestRepo

const cli = (args: string[]) => runCliIn(repo.dir, args)

async function json(args: string[]): Promise<{ code: number; report: JsonReport }> {
  const { code, stdout, stderr } = await cli([...args, '--format', 'json'])
  expect(stderr).toBe('')
  return { code, report: JSON.parse(stdout) as JsonReport }
}

beforeEach(async () => {
  repo = await createTestRepo()
  await repo.commit(
    {
      'k8s/legacy.yaml': legacyDeployments(20),
      'k8s/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 })
    },
    'base: 20 legacy Deployments on privileged host ports'
  )
})

afterEach(async () => {
  await repo.remove()
})

describe('--base', () => {
  it('marks the one finding a change adds as new and fails because of it alone', async () => {
    await fs.writeFile(
      path.join(repo.dir, 'k8s/telemetry-dcgm-exporter.yaml'),
      daemonSet('dcgm-exporter', { hostPort: 9100 })
    )
    const { code, report } = await json(['--base', 'main'])
    expect(report.findings).toHaveLength(21)
    const added = report.findings.filter((finding) => finding.state === 'new')
    expect(added.map((f) => [f.ruleId, f.location.file, f.location.line])).toEqual([
      ['duplicate-host-port', 'k8s/telemetry-dcgm-exporter.yaml', 28]
    ])
    expect(report.change).toMatchObject({ basis: 'base-scan', new: 1, existing: 20, fixed: [] })
    expect(report.change!.baseSha).toMatch(/^[0-9a-f]{40}$/)
    expect(code).toBe(1)

    // The same scan with only the old findings: exit 0 under the default scope `new`, 1 under `all`.
    await fs.rm(path.join(repo.dir, 'k8s/telemetry-dcgm-exporter.yaml'))
    expect((await cli(['--base', 'main'])).code).toBe(0)
    expect((await cli(['--base', 'main', '--fail-on-scope', 'all'])).code).toBe(1)
  })

  it('lists a finding the change removes as fixed, at its place in the base', async () => {
    const legacy = path.join(repo.dir, 'k8s/legacy.yaml')
    await fs.writeFile(
      legacy,
      (await fs.readFile(legacy, 'utf8')).replace(/hostPort: 105\n/, 'hostPort: 10105\n')
    )
    const { code, report } = await json(['--base', 'HEAD'])
    expect(code).toBe(0)
    expect(report.change!.new).toBe(0)
    expect(report.change!.existing).toBe(19)
    expect(report.change!.fixed.map((f) => [f.ruleId, f.state, f.location.file])).toEqual([
      ['privileged-port', 'fixed', 'k8s/legacy.yaml']
    ])
    expect(report.change!.fixed[0]!.message).toContain('105/TCP')
    const text = await cli(['--base', 'HEAD'])
    expect(text.stdout).toContain('Fixed (in the base')
    expect(text.stdout).toMatch(/0 new, 19 existing, 1 fixed since [0-9a-f]{7}/)
  })

  it('keeps old findings existing when 10 lines are inserted above them', async () => {
    const legacy = path.join(repo.dir, 'k8s/legacy.yaml')
    const header = Array.from({ length: 10 }, (_, i) => `# owner note ${i + 1}`).join('\n')
    await fs.writeFile(legacy, `${header}\n${await fs.readFile(legacy, 'utf8')}`)
    const { code, report } = await json(['--base', 'main'])
    expect(report.findings).toHaveLength(20)
    expect(report.findings.every((finding) => finding.state === 'existing')).toBe(true)
    // The lines did move: the comparison is not by line.
    expect(report.findings[0]!.location.line).toBeGreaterThan(10)
    expect(code).toBe(0)
  })

  it('keeps old findings existing when a file is reformatted with its keys reordered', async () => {
    await fs.writeFile(
      path.join(repo.dir, 'k8s/legacy.yaml'),
      legacyDeployments(20, { reordered: true })
    )
    const { code, report } = await json(['--base', 'main'])
    expect(report.findings).toHaveLength(20)
    expect(report.change).toMatchObject({ new: 0, existing: 20, fixed: [] })
    expect(code).toBe(0)
  })

  it("scans the base with the base's own config", async () => {
    // The change turns privileged-port off: its 20 findings are fixed, nothing is new.
    await fs.mkdir(path.join(repo.dir, '.github'), { recursive: true })
    await fs.writeFile(
      path.join(repo.dir, '.github/port-hygiene.yml'),
      'rules:\n  privileged-port: off\n'
    )
    const { report } = await json(['--base', 'main'])
    expect(report.findings).toHaveLength(0)
    expect(report.change!.fixed).toHaveLength(20)
  })

  it('reads the base from git objects and leaves the working tree alone', async () => {
    await fs.writeFile(
      path.join(repo.dir, 'k8s/uncommitted.yaml'),
      daemonSet('x', { hostPort: 80 })
    )
    await json(['--base', 'main'])
    expect(repo.git('status', '--porcelain')).toBe('?? k8s/uncommitted.yaml\n')
    expect(await fs.readFile(path.join(repo.dir, 'k8s/uncommitted.yaml'), 'utf8')).toContain('x')
  })

  it('marks SARIF results new, unchanged or absent', async () => {
    const legacy = path.join(repo.dir, 'k8s/legacy.yaml')
    await fs.writeFile(
      legacy,
      (await fs.readFile(legacy, 'utf8')).replace(/hostPort: 105\n/, 'hostPort: 10105\n')
    )
    await fs.writeFile(
      path.join(repo.dir, 'k8s/telemetry-dcgm-exporter.yaml'),
      daemonSet('dcgm-exporter', { hostPort: 9100 })
    )
    const { stdout } = await cli(['--base', 'main', '--format', 'sarif'])
    const results = (
      JSON.parse(stdout) as { runs: Array<{ results: Array<Record<string, unknown>> }> }
    ).runs[0]!.results
    const states = results.map((result) => result.baselineState)
    expect(states.filter((state) => state === 'new')).toHaveLength(1)
    expect(states.filter((state) => state === 'unchanged')).toHaveLength(19)
    expect(states.filter((state) => state === 'absent')).toHaveLength(1)
    for (const result of results) {
      expect(Object.keys(result.partialFingerprints as object)).toContain('portHygieneIdentity/v1')
    }
  })

  it('explains a ref git does not know, and --fail-on-scope new without --base', async () => {
    const unknown = await cli(['--base', 'no-such-branch'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--base: "no-such-branch" names no commit')
    const scope = await cli(['--fail-on-scope', 'new'])
    expect(scope.code).toBe(2)
    expect(scope.stderr).toContain('--fail-on-scope new needs --base')
  })
})
