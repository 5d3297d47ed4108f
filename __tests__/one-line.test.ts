// Issue 18 item 4, as a user runs it: a Compose line `- "22:22"` that three rules flag is one
// finding, most severe first, naming the others; a Deployment copied into two rendered install
// files is one finding with the copy as a related location, its ports listed once. The JSON
// keeps every rule id, SARIF one result per rule, and --fail-on counts the highest severity.
// Severities are matched loosely where a rule's default may be tuned (unbound-interface): what is
// asserted is the merging, whatever the rules say.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Log } from 'sarif'
import type { JsonReport } from '../src/report/json.js'
import { runCliIn } from './helpers/cli.js'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/cli/one-line')

const cli = (argv: string[]) => runCliIn(root, argv)

/** `file:line:column  severity  message  [rule]` lines of the text report. */
function findingLines(text: string) {
  return [
    ...text.matchAll(/^(\S+:\d+):\d+\s+(error|warning|notice)\s+(.*?)\s+\[([a-z-]+)\]$/gm)
  ].map(([, where, severity, message, rule]) => ({ where, severity, rule, message }))
}

const SEVERITY = '(error|warning|notice)'

describe('one line, one finding', () => {
  it('the text report: one finding per line, the most severe first, the others named in it', async () => {
    const { code, stdout } = await cli(['--fail-on', 'error'])
    expect(code).toBe(1)
    const lines = findingLines(stdout)
    expect(lines.map(({ where, severity, rule }) => `${where} ${severity} ${rule}`)).toEqual([
      'deploy/install-ha.yaml:30 notice fixed-port-with-replicas',
      'git/compose.yaml:7 error privileged-port',
      'git/compose.yaml:11 error duplicate-host-port'
    ])
    // Copies: one finding, its ports once each (they were "29652/TCP, 29653/TCP, 29652/TCP, …").
    expect(lines[0]!.message).toContain('runs 2 replicas with host ports 29652/TCP, 29653/TCP:')
    expect(lines[0]!.message).toMatch(
      /The same object is copied in 1 other file, with the same finding: deploy\/install\.yaml:22\.$/
    )
    expect(stdout).toContain(
      '↳ deploy/install.yaml:22:15  the same finding on a copy of the object'
    )
    expect(lines[1]!.message).toMatch(
      new RegExp(
        `^Published port 22/tcp of service "git" \\(project git\\) .* Also on this line: unbound-interface \\(${SEVERITY}\\)\\.$`
      )
    )
    expect(lines[2]!.message).toMatch(
      new RegExp(
        `^Host port 22/tcp of service "bastion" .* is also claimed by service "git" .* Also on this line: ` +
          `privileged-port \\(error\\), unbound-interface \\(${SEVERITY}\\)\\.$`
      )
    )
    expect(stdout).toMatch(/3 problems \(2 errors, 0 warnings, 1 notice\) in 3 files; 1 suppressed/)
  })

  it("the JSON report keeps every rule id, with each rule's own message and identity", async () => {
    const report = JSON.parse((await cli(['--format', 'json'])).stdout) as JsonReport
    const view = report.findings.map((finding) => ({
      where: `${finding.location.file}:${finding.location.line}`,
      ruleIds: finding.ruleIds,
      also: finding.also.map((part) => `${part.ruleId} ${part.location.line}`),
      copies: finding.copies.map(
        (part) => `${part.ruleId} ${part.location.file}:${part.location.line}`
      )
    }))
    expect(view).toEqual([
      {
        where: 'deploy/install-ha.yaml:30',
        ruleIds: ['fixed-port-with-replicas'],
        also: [],
        copies: ['fixed-port-with-replicas deploy/install.yaml:22']
      },
      {
        where: 'git/compose.yaml:7',
        ruleIds: ['privileged-port', 'unbound-interface'],
        also: ['unbound-interface 7'],
        copies: []
      },
      {
        where: 'git/compose.yaml:11',
        ruleIds: ['duplicate-host-port', 'privileged-port', 'unbound-interface'],
        also: ['privileged-port 11', 'unbound-interface 11'],
        copies: []
      }
    ])
    const [, line7, line11] = report.findings
    expect(line7!.also[0]!.message).toMatch(/^Published port 22\/tcp .*service "git"/)
    expect(line7!.also[0]!.message).not.toContain('Also on this line')
    expect(line7!.also[0]!.identity).not.toBe(line7!.identity)
    expect(line11!.conflict).toBe('compose/tcp/22')
    // A rule suppressed on a line is suppressed alone, before anything is merged.
    expect(report.suppressed.map((f) => `${f.ruleId} ${f.location.line}`)).toEqual([
      'unbound-interface 12'
    ])
  })

  it('SARIF writes one result per rule and place, as code scanning tracks alerts', async () => {
    const log = JSON.parse((await cli(['--format', 'sarif'])).stdout) as Log
    const results = log.runs[0]!.results!
    expect(
      results
        .map((result) => {
          const place = result.locations![0]!.physicalLocation!
          return `${result.ruleId} ${place.artifactLocation!.uri}:${place.region!.startLine}`
        })
        .sort()
    ).toEqual([
      'duplicate-host-port git/compose.yaml:11',
      'fixed-port-with-replicas deploy/install-ha.yaml:30',
      'fixed-port-with-replicas deploy/install.yaml:22',
      'privileged-port git/compose.yaml:11',
      'privileged-port git/compose.yaml:7',
      'unbound-interface git/compose.yaml:11',
      'unbound-interface git/compose.yaml:12',
      'unbound-interface git/compose.yaml:7'
    ])
    expect(
      results.some((result) => /Also on this line|is copied in/.test(result.message.text!))
    ).toBe(false)
  })
})
