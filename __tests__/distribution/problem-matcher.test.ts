// .github/port-hygiene-problem-matcher.json turns the CLI's text lines into annotations in a
// workflow step (`echo "::add-matcher::..."`): its regexp must match every finding line, with the
// right groups, and nothing else the CLI prints.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const matcherFile = JSON.parse(
  readFileSync(path.join(root, '.github/port-hygiene-problem-matcher.json'), 'utf8')
)
const [matcher] = matcherFile.problemMatcher
const [pattern] = matcher.pattern
const regexp = new RegExp(pattern.regexp)

async function textReport(folder: string, argv: string[] = []) {
  let stdout = ''
  await runCli(argv, {
    cwd: path.join(root, '__tests__/fixtures', folder),
    env: {},
    stdout: (text) => (stdout += text),
    stderr: () => {},
    isTTY: false
  })
  return stdout
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
        message: expect.stringMatching(/^Host port 80\/TCP .*[^ ]$/),
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
})
