// .github/port-hygiene-problem-matcher.json turns the CLI's text lines into annotations in a
// workflow step (`echo "::add-matcher::..."`): its regexp must match every finding line, with the
// right groups, and nothing else the CLI prints — with `--base` too, where each line says `new`
// or `existing` before the severity. The runner's regexps are .NET's; this one uses nothing
// JavaScript and .NET read differently (lazy quantifiers, non-capturing groups, \s, \d).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promises as fs } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createTestRepo } from '../helpers/git-repo.js'
import { daemonSet, legacyDeployments } from '../helpers/manifests.js'
import { runCliIn } from '../helpers/cli.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const matcherFile = JSON.parse(
  readFileSync(path.join(root, '.github/port-hygiene-problem-matcher.json'), 'utf8')
)
const [matcher] = matcherFile.problemMatcher
const [pattern] = matcher.pattern
const regexp = new RegExp(pattern.regexp)

async function textReport(folder: string, argv: string[] = []) {
  return textReportIn(path.join(root, '__tests__/fixtures', folder), argv)
}

async function textReportIn(cwd: string, argv: string[] = []) {
  return (await runCliIn(cwd, argv)).stdout
}

function matched(line: string) {
  const match = regexp.exec(line)
  if (!match) return undefined
  return {
    file: match[pattern.file],
    line: Number(match[pattern.line]),
    column: Number(match[pattern.column]),
    severity: match[pattern.severity],
    message: match[pattern.message],
    code: match[pattern.code]
  }
}

describe('the problem matcher', () => {
  it('is owned by port-hygiene and has one single-line pattern', () => {
    expect(matcher.owner).toBe('port-hygiene')
    expect(matcher.pattern).toHaveLength(1)
  })

  it("matches the CLI's finding lines, with file, line, column, severity, message and rule", async () => {
    const report = await textReport('cli/errors')
    const findings = report.split('\n').map(matched).filter(Boolean)
    expect(findings).toEqual([
      {
        file: 'k8s/ingress.yaml',
        line: 24,
        column: 15,
        severity: 'error',
        // The nodes' sshd port on every interface: privileged-port's error.
        message: expect.stringMatching(/^Host port 22\/TCP .*[^ ]$/),
        code: 'privileged-port'
      },
      {
        file: 'k8s/web.yaml',
        line: 20,
        column: 15,
        severity: 'warning',
        message: expect.stringMatching(/^Container port 80\/TCP /),
        code: 'privileged-container-port'
      }
    ])
  })

  it('leaves the config line, related locations and the summary alone', async () => {
    const report = await textReport('cli/errors')
    const others = report.split('\n').filter((line) => !/ {2}\[[a-z-]+\]$/.test(line))
    expect(others.length).toBeGreaterThan(2)
    for (const line of others) expect(matched(line)).toBeUndefined()
    expect(report.split('\n')[0]).toMatch(/^Config: /)
  })

  it('matches a related-location-heavy report line by line (duplicate-host-port)', async () => {
    const report = await textReport('rules/duplicate-host-port/k8s-daemonsets')
    const lines = report.split('\n')
    const findingLines = lines.filter(
      (line) => / {2}\[[a-z-]+\]$/.test(line) && !line.startsWith(' ')
    )
    const related = lines.filter((line) => line.startsWith('    ↳ '))
    expect(related.length).toBeGreaterThan(0)
    for (const line of related) expect(matched(line)).toBeUndefined()
    for (const line of findingLines) {
      if (/ {2}notice {2}/.test(line)) continue // notices stay in the log only
      expect(matched(line)).toBeDefined()
    }
  })

  it('matches the lines of a --base report, new and existing, and not the fixed ones', async () => {
    const repo = await createTestRepo()
    try {
      await repo.commit(
        {
          'k8s/legacy.yaml': legacyDeployments(2),
          'k8s/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 })
        },
        'base'
      )
      // The change: one new conflict, one old finding fixed.
      await fs.writeFile(
        path.join(repo.dir, 'k8s/legacy.yaml'),
        legacyDeployments(2).replace('hostPort: 100\n', 'hostPort: 10100\n')
      )
      await fs.writeFile(
        path.join(repo.dir, 'k8s/dcgm-exporter.yaml'),
        daemonSet('dcgm-exporter', { hostPort: 9100 })
      )
      const report = await textReportIn(repo.dir, ['--base', 'main'])
      const lines = report.split('\n')
      expect(lines.some((line) => /:\d+:\d+ {2}new {5} {2}error/.test(line))).toBe(true)
      const findings = lines.map(matched).filter(Boolean)
      expect(findings).toEqual([
        {
          file: 'k8s/dcgm-exporter.yaml',
          line: 28,
          column: 15,
          severity: 'error',
          message: expect.stringMatching(
            /^Host port 9100\/TCP of DaemonSet monitoring\/dcgm-exporter .*[^ ]$/
          ),
          code: 'duplicate-host-port'
        },
        {
          file: 'k8s/legacy.yaml',
          line: 48,
          column: 15,
          // A port below 1024 no host daemon holds: a warning, matched as one.
          severity: 'warning',
          message: expect.stringMatching(/^Host port 101\/TCP /),
          code: 'privileged-port'
        }
      ])
      // The fixed finding is listed indented, under its own heading: never an annotation.
      const fixed = lines.filter(
        (line) => line.includes('[privileged-port]') && line.includes(':23:')
      )
      expect(fixed).toHaveLength(1)
      expect(matched(fixed[0]!)).toBeUndefined()
    } finally {
      await repo.remove()
    }
  })
})
