import { describe, expect, it } from 'vitest'
import {
  AnnotationBudget,
  annotateFindings,
  type AnnotationProperties,
  type WorkflowCommands
} from '../../src/github/annotations.js'
import type { Finding, Severity } from '../../src/model.js'

interface Call {
  level: Severity | 'info'
  message: string
  properties?: AnnotationProperties
}

function recorder(): WorkflowCommands & { calls: Call[] } {
  const calls: Call[] = []
  return {
    calls,
    error: (message, properties) => calls.push({ level: 'error', message, properties }),
    warning: (message, properties) => calls.push({ level: 'warning', message, properties }),
    notice: (message, properties) => calls.push({ level: 'notice', message, properties }),
    info: (message) => calls.push({ level: 'info', message })
  }
}

function finding(severity: Severity, line: number): Finding {
  return {
    ruleId: `rule-${severity}`,
    severity,
    message: `${severity} at ${line}`,
    location: { file: 'deploy/app.yaml', line, column: 7 },
    related: [],
    fingerprint: `${severity}${line}`
  }
}

const options = {
  repositoryPath: (file: string) => `sub/${file}`,
  fullReportHint: 'the job summary'
}

describe('annotateFindings', () => {
  it('annotates every finding with file, line, column and the rule id as title', () => {
    const commands = recorder()
    const result = annotateFindings(
      [finding('warning', 3), finding('error', 9)],
      new AnnotationBudget(commands),
      options
    )
    expect(result).toEqual({ annotated: 2, leftOut: 0 })
    expect(commands.calls).toEqual([
      {
        level: 'error',
        message: 'error at 9',
        properties: {
          title: 'rule-error',
          file: 'sub/deploy/app.yaml',
          startLine: 9,
          startColumn: 7
        }
      },
      {
        level: 'warning',
        message: 'warning at 3',
        properties: {
          title: 'rule-warning',
          file: 'sub/deploy/app.yaml',
          startLine: 3,
          startColumn: 7
        }
      }
    ])
  })

  it('caps each level at 10, most severe first, then says how many were left out', () => {
    const commands = recorder()
    const findings = [
      ...Array.from({ length: 14 }, (_, i) => finding('notice', i + 1)),
      ...Array.from({ length: 12 }, (_, i) => finding('warning', i + 100)),
      ...Array.from({ length: 11 }, (_, i) => finding('error', i + 200))
    ]
    const result = annotateFindings(findings, new AnnotationBudget(commands), options)
    const count = (level: Severity) => commands.calls.filter((call) => call.level === level).length
    expect(count('error')).toBe(10)
    expect(count('warning')).toBe(10)
    expect(count('notice')).toBe(10) // 9 findings + the overflow notice
    expect(commands.calls[0]!.level).toBe('error')
    expect(result).toEqual({ annotated: 29, leftOut: 8 })
    expect(commands.calls.at(-1)).toMatchObject({
      level: 'notice',
      message: expect.stringMatching(
        /^8 more findings are not annotated .* the full list is in the job summary\.$/
      ) as string
    })
  })

  it("shares the budget with the action's own messages and keeps reserved slots free", () => {
    const commands = recorder()
    const budget = new AnnotationBudget(commands)
    budget.emit('notice', 'No pull-request comment: …')
    const findings = Array.from({ length: 12 }, (_, i) => finding('error', i + 1))
    annotateFindings(findings, budget, { ...options, reserve: { error: 1 } })
    expect(commands.calls.filter((call) => call.level === 'error')).toHaveLength(9)
    expect(budget.remaining('error')).toBe(1)
    expect(commands.calls.filter((call) => call.level === 'notice')).toHaveLength(2)
  })

  it('falls back to the plain log when a level is full', () => {
    const commands = recorder()
    const budget = new AnnotationBudget(commands, 1)
    expect(budget.emit('warning', 'first')).toBe(true)
    expect(budget.emit('warning', 'second')).toBe(false)
    expect(commands.calls).toEqual([
      { level: 'warning', message: 'first', properties: undefined },
      { level: 'info', message: 'warning: second' }
    ])
  })
})

describe('a finding on a line the pull request head does not have', () => {
  it('is annotated on its file only, and the message says where the line is', () => {
    const commands = recorder()
    const merged = finding('error', 476)
    merged.location.notInHead = true
    annotateFindings([merged, finding('error', 12)], new AnnotationBudget(commands), options)
    expect(commands.calls).toEqual([
      {
        level: 'error',
        message:
          "error at 476 (Line 476 of GitHub's merge commit: this pull request's head does not have it.)",
        properties: { title: 'rule-error', file: 'sub/deploy/app.yaml' }
      },
      {
        level: 'error',
        message: 'error at 12',
        properties: {
          title: 'rule-error',
          file: 'sub/deploy/app.yaml',
          startLine: 12,
          startColumn: 7
        }
      }
    ])
  })
})
