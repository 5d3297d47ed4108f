// Outputs, job summary, annotations, files and the exit code of the built action.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitHubApiEmulator } from '../helpers/github-api.js'
import { manyFindingsManifest, runAction, type Sandbox, useActionHarness } from './action-runner.js'

let api: GitHubApiEmulator
let sandbox: Sandbox

useActionHarness((fresh) => ({ api, sandbox } = fresh))

interface JsonReport {
  summary: { findings: number; errors: number; warnings: number; notices: number }
  findings: Array<{ ruleId: string; location: { file: string; line: number } }>
}

describe('outputs and reports', () => {
  it('sets the counts, writes the JSON report and the summary', async () => {
    const result = await runAction(sandbox, { apiUrl: api.url })
    expect(result.code).toBe(1)
    const reportFile = result.outputs['report-file']!
    expect(path.dirname(reportFile)).toBe(sandbox.runnerTemp)
    const report = JSON.parse(await fs.readFile(reportFile, 'utf8')) as JsonReport
    expect(report.summary.errors).toBeGreaterThan(0)
    expect(result.outputs).toMatchObject({
      findings: String(report.summary.findings),
      errors: String(report.summary.errors),
      warnings: String(report.summary.warnings),
      'sarif-file': ''
    })
    expect(report.findings.map((finding) => finding.ruleId)).toContain('duplicate-host-port')

    // The summary is the comment's report, without the marker, with links to the PR head.
    const body = api.commentsOn({ owner: 'acme', repo: 'platform', issueNumber: 42 })[0]!.body
    expect(result.summary).toContain('duplicate-host-port')
    expect(result.summary).not.toContain('<!-- port-hygiene -->')
    expect(body).toContain(result.summary.trim().split('\n')[0]!)
    // The step fails with one message that gives the numbers.
    expect(result.commands('error').at(-1)).toMatch(
      /port-hygiene found \d+ errors? new in this pull request \(fail-on: error, fail-on-scope: new\)/
    )
  })

  it('writes SARIF where asked, relative to the working directory', async () => {
    const result = await runAction(sandbox, {
      apiUrl: api.url,
      inputs: { 'sarif-file': 'reports/port-hygiene.sarif' }
    })
    const sarifFile = path.join(sandbox.workspace, 'reports/port-hygiene.sarif')
    expect(result.outputs['sarif-file']).toBe(sarifFile)
    const sarif = JSON.parse(await fs.readFile(sarifFile, 'utf8')) as { version: string }
    expect(sarif.version).toBe('2.1.0')
  })

  it('caps annotations at 10 per level and says how many were left out', async () => {
    await fs.writeFile(path.join(sandbox.workspace, 'k8s/legacy.yaml'), manyFindingsManifest(40))
    const result = await runAction(sandbox, { apiUrl: api.url })
    expect(result.code).toBe(1)
    const errors = result.commands('error')
    const warnings = result.commands('warning')
    const notices = result.commands('notice')
    expect(errors).toHaveLength(10) // 9 findings and the step's failure message
    expect(warnings.length).toBeLessThanOrEqual(10)
    expect(notices.length).toBeLessThanOrEqual(10)
    expect(errors.slice(0, 9).every((line) => line.includes('file='))).toBe(true)
    const overflow = notices.filter((line) => line.includes('not annotated'))
    expect(overflow).toHaveLength(1)
    const total = Number(result.outputs.findings)
    // Notices are annotated too (the unbound-interface notices of the Compose file).
    const annotated = [...errors, ...warnings, ...notices].filter((line) =>
      line.includes('file=')
    ).length
    expect(notices.some((line) => line.includes('file='))).toBe(true)
    expect(overflow[0]).toContain(`${total - annotated} more findings`)
    expect(overflow[0]).toContain('job summary')
  })

  it('annotates paths relative to the repository when scanning a subfolder', async () => {
    const result = await runAction(sandbox, {
      apiUrl: api.url,
      inputs: { 'working-directory': 'k8s', comment: 'never', 'sarif-file': 'out.sarif' }
    })
    expect(result.code).toBe(1)
    expect(result.commands('error')[0]).toContain('file=k8s/')
    // Code scanning resolves SARIF URIs against the repository root, not the scanned folder.
    const sarif = JSON.parse(await fs.readFile(result.outputs['sarif-file']!, 'utf8')) as {
      runs: Array<{
        results: Array<{
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>
        }>
      }>
    }
    const uris = sarif.runs[0]!.results.map(
      (r) => r.locations[0]!.physicalLocation.artifactLocation.uri
    )
    expect(uris.length).toBeGreaterThan(0)
    expect(uris.every((uri) => uri.startsWith('k8s/'))).toBe(true)
  })

  it('exits 0 with fail-on: never whatever the findings', async () => {
    const result = await runAction(sandbox, { apiUrl: api.url, inputs: { 'fail-on': 'never' } })
    expect(Number(result.outputs.errors)).toBeGreaterThan(0)
    expect(result.code).toBe(0)
  })

  it('fails with fail-on: warning on warnings alone', async () => {
    const result = await runAction(sandbox, {
      apiUrl: api.url,
      inputs: { 'fail-on': 'warning', paths: 'k8s/ingress.yaml', annotations: 'false' }
    })
    expect(result.commands('warning').filter((line) => line.includes('file='))).toEqual([])
    expect(Number(result.outputs.warnings)).toBeGreaterThan(0)
    expect(result.code).toBe(1)
  })

  it('fails clearly on a bad input value, before any request', async () => {
    const result = await runAction(sandbox, { apiUrl: api.url, inputs: { 'fail-on': 'sometimes' } })
    expect(result.code).toBe(1)
    expect(result.commands('error')).toEqual([
      '::error::Input "fail-on" has an invalid value "sometimes": use one of "error", "warning", "never".'
    ])
    expect(api.requests).toEqual([])
  })

  it('fails with a usage error, naming it, when a path in "paths" matches no file', async () => {
    const result = await runAction(sandbox, {
      apiUrl: api.url,
      inputs: { paths: 'k8s\nhelm/rendered/**', 'fail-on': 'never' }
    })
    // A typo in the workflow must never look like a clean repository, whatever fail-on says.
    expect(result.code).toBe(1)
    expect(result.commands('error')).toEqual([
      '::error::The "paths" input names "helm/rendered/**", which matched no file.'
    ])
    // No comment and no report: the step stops before its sinks.
    expect(api.commentsOn({ owner: 'acme', repo: 'platform', issueNumber: 42 })).toEqual([])
    expect(result.outputs['report-file'] ?? '').toBe('')
  })

  it('reports a Compose project that cannot be loaded, and still checks the others', async () => {
    await fs.mkdir(path.join(sandbox.workspace, 'shop'), { recursive: true })
    await fs.writeFile(
      path.join(sandbox.workspace, 'shop/compose.yaml'),
      'include:\n  - ../monitoring/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n' +
        '    ports:\n      - "9090:80"\n'
    )
    const result = await runAction(sandbox, { apiUrl: api.url, inputs: { 'fail-on': 'never' } })
    expect(result.code).toBe(0)
    const report = JSON.parse(
      await fs.readFile(result.outputs['report-file']!, 'utf8')
    ) as JsonReport
    const failure = report.findings.find((finding) => finding.location.file === 'shop/compose.yaml')
    expect(failure).toMatchObject({ ruleId: 'parse-error', location: { line: 1 } })
    expect(result.commands('error').join('\n')).toContain('file=shop/compose.yaml,line=1,col=1')
    // The repository's other findings are all still there.
    expect(report.findings.map((finding) => finding.ruleId)).toContain('duplicate-host-port')
  })

  it('fails clearly on a config error', async () => {
    await fs.mkdir(path.join(sandbox.workspace, '.github'), { recursive: true })
    await fs.writeFile(
      path.join(sandbox.workspace, '.github/port-hygiene.yml'),
      'rules:\n  no-such-rule: error\n'
    )
    const result = await runAction(sandbox, { apiUrl: api.url, inputs: { 'fail-on': 'never' } })
    expect(result.code).toBe(1)
    expect(result.commands('error').join('\n')).toContain('Configuration error')
    expect(result.commands('error').join('\n')).toContain('.github/port-hygiene.yml')
    expect(api.requests).toEqual([])
  })
})
