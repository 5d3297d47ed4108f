// ruleCases(rule, { valid, invalid }): ESLint's RuleTester for port-hygiene. Each case is YAML
// files in (a small repository), the findings of one rule out, through the whole engine
// (discover → parse → extract → rules) with the rule's options parsed as the config loader
// parses them. A valid case must produce no finding of the rule; an invalid case exactly the
// findings listed — rule id, file, line, column, severity, message (and the fix, when given).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { scan } from '../../src/engine.js'
import { defaultConfig } from '../../src/config/types.js'
import { parseOptions } from '../../src/config/options.js'
import type { Finding, Severity } from '../../src/model.js'
import type { AnyRule } from '../../src/rules/index.js'
import { partsOf } from '../../src/rules/merge-findings.js'
import { sortFindings } from '../../src/rules/run.js'

export interface RuleCase {
  name: string
  /** Path (relative to the repository root) → YAML text; indentation common to all lines is removed. */
  files: Record<string, string>
  /** The rule's `options`, as written under `rules.<id>.options` in the config. */
  options?: Record<string, unknown>
  severity?: Severity
  /** Variables for Compose interpolation. */
  env?: Record<string, string>
}

export interface ExpectedFinding {
  file: string
  line: number
  column: number
  severity: Severity
  message: string
  /** Asserted when given: the replacement and the region it replaces, or null for "no fix". */
  fix?: {
    line: number
    column: number
    endLine: number
    endColumn: number
    replacement: string
  } | null
}

export interface InvalidCase extends RuleCase {
  findings: ExpectedFinding[]
}

export function ruleCases(
  rule: AnyRule,
  cases: { valid: RuleCase[]; invalid: InvalidCase[] }
): void {
  const id = rule.meta.id
  describe(`${id}: valid`, () => {
    it.each(cases.valid)('$name', async (testCase) => {
      expect(await findingsOf(rule, testCase)).toEqual([])
    })
  })
  describe(`${id}: invalid`, () => {
    it.each(cases.invalid)('$name', async (testCase) => {
      const withFix = new Set(
        testCase.findings.filter((finding) => 'fix' in finding).map((f) => `${f.line}:${f.column}`)
      )
      const actual = (await findingsOf(rule, testCase)).map((finding) =>
        seenWithFix(finding, withFix.has(`${finding.location.line}:${finding.location.column}`))
      )
      expect(actual).toEqual(testCase.findings.map((finding) => ({ ruleId: id, ...finding })))
    })
  })
}

async function findingsOf(rule: AnyRule, testCase: RuleCase): Promise<Finding[]> {
  // A fixed folder name: a Compose file at the root is project "repo" in every message.
  const temp = await mkdtemp(path.join(tmpdir(), 'port-hygiene-rule-'))
  const root = path.join(temp, 'repo')
  try {
    for (const [file, text] of Object.entries(testCase.files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true })
      await writeFile(path.join(root, file), dedent(text))
    }
    const config = defaultConfig()
    config.rules[rule.meta.id] = {
      severity: testCase.severity ?? rule.meta.defaultSeverity,
      options: parseOptions(rule.options, testCase.options ?? {})
    }
    const result = await scan({ root, paths: [], config, env: testCase.env ?? {} })
    // The rule's findings as it gave them: every part of a merged finding (one line, one
    // finding is the post-pass's business, tested in merge-findings.test.ts).
    return sortFindings(
      result.findings.flatMap(partsOf).filter((finding) => finding.ruleId === rule.meta.id)
    )
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}

function seenWithFix(finding: Finding, assertFix: boolean) {
  const seen = {
    ruleId: finding.ruleId,
    file: finding.location.file,
    line: finding.location.line,
    column: finding.location.column,
    severity: finding.severity,
    message: finding.message
  }
  if (!assertFix) return seen
  const fix = finding.fix
  return {
    ...seen,
    fix: fix
      ? {
          line: fix.location.line,
          column: fix.location.column,
          endLine: fix.location.endLine,
          endColumn: fix.location.endColumn,
          replacement: fix.replacement
        }
      : null
  }
}

/** Template literals in tests are indented with the code; YAML is not. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n')
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => /^ */.exec(line)![0].length)
  const common = indents.length > 0 ? Math.min(...indents) : 0
  return lines
    .map((line) => line.slice(common))
    .join('\n')
    .replace(/\s*$/, '\n')
}
