// Matching a pull request's findings with its base's by identity, never by line.
import { describe, expect, it } from 'vitest'
import { compareWithBase, compareWithChangedLines } from '../../src/baseline/classify.js'
import type { Finding } from '../../src/model.js'
import { assignIdentities } from '../../src/rules/identity.js'
import { at, finding, k8sObject } from '../helpers/result.js'
import { mergeFindings, partsOf } from '../../src/rules/merge-findings.js'

function privileged(file: string, line: number, name = 'web', key = 'host-port/80/tcp'): Finding {
  const item = finding({
    ruleId: 'privileged-port',
    location: at(file, line, 15),
    object: k8sObject('Deployment', 'shop', name)
  })
  item.key = key
  return item
}

function identified(findings: Finding[]): Finding[] {
  assignIdentities(findings)
  return findings
}

describe('compareWithBase', () => {
  it('matches a finding whose line moved', () => {
    const base = identified([privileged('k8s/web.yaml', 20)])
    const head = identified([privileged('k8s/web.yaml', 31)])
    expect(compareWithBase(head, base)).toEqual({ added: [], existing: head, fixed: [] })
  })

  it('tells a new port of the same object apart from the old one', () => {
    const base = identified([privileged('k8s/web.yaml', 20)])
    const head = identified([
      privileged('k8s/web.yaml', 20),
      privileged('k8s/web.yaml', 26, 'web', 'host-port/443/tcp')
    ])
    const result = compareWithBase(head, base)
    expect(result.added.map((f) => f.location.line)).toEqual([26])
    expect(result.existing.map((f) => f.location.line)).toEqual([20])
  })

  it('counts occurrences: a second identical claim is new, in the file that gained it', () => {
    const base = identified([privileged('overlays/prod/web.yaml', 20)])
    // The new copy sorts first, but the old file keeps its match.
    const head = identified([
      privileged('base/web.yaml', 20),
      privileged('overlays/prod/web.yaml', 20)
    ])
    const result = compareWithBase(head, base)
    expect(result.added.map((f) => f.location.file)).toEqual(['base/web.yaml'])
  })

  it('follows a renamed file, and reports what is gone as fixed', () => {
    const base = identified([privileged('k8s/web.yaml', 20), privileged('k8s/old.yaml', 5, 'old')])
    const head = identified([privileged('deploy/web.yaml', 20)])
    const result = compareWithBase(head, base)
    expect(result.existing).toEqual(head)
    expect(result.fixed.map((f) => f.location.file)).toEqual(['k8s/old.yaml'])
  })
})

describe('compareWithChangedLines', () => {
  it('is new on an added line or in a new file, existing elsewhere', () => {
    const head = [
      privileged('a.yaml', 3),
      privileged('a.yaml', 9),
      privileged('b.yaml', 1),
      privileged('c.yaml', 4)
    ]
    const result = compareWithChangedLines(
      head,
      new Map<string, Set<number> | 'all'>([
        ['a.yaml', new Set([9])],
        ['b.yaml', 'all']
      ])
    )
    expect(result.added.map((f) => `${f.location.file}:${f.location.line}`)).toEqual([
      'a.yaml:9',
      'b.yaml:1'
    ])
    expect(result.existing).toHaveLength(2)
    expect(result.fixed).toEqual([])
  })
})

describe('merged findings (one line, one finding)', () => {
  it('a copy on a line the PR added is new on its own; the copy it was merged into stays existing', () => {
    const [merged] = mergeFindings(identified([privileged('a.yaml', 3), privileged('b.yaml', 7)]))
    expect(partsOf(merged!)).toHaveLength(2)
    const result = compareWithChangedLines(
      [merged!],
      new Map<string, Set<number> | 'all'>([['b.yaml', new Set([7])]])
    )
    const where = (f: Finding) => `${f.location.file}:${f.location.line}`
    expect(result.added.map(where)).toEqual(['b.yaml:7'])
    expect(result.existing.map(where)).toEqual(['a.yaml:3'])
    expect(result.existing[0]!.message).not.toContain('copied')
  })

  it('a merged finding whose lines are all old is kept whole, the same object', () => {
    const [merged] = mergeFindings(identified([privileged('a.yaml', 3), privileged('b.yaml', 7)]))
    const result = compareWithChangedLines([merged!], new Map())
    expect(result.existing).toEqual([merged])
    expect(result.existing[0]).toBe(merged)
  })

  it('against a base, rule by rule: a new rule on an old line is added alone', () => {
    const unbound = (line: number) => {
      const item = finding({
        ruleId: 'unbound-interface',
        severity: 'warning',
        location: at('a.yaml', line, 15),
        object: k8sObject('Deployment', 'shop', 'web')
      })
      item.key = 'unbound/80'
      return item
    }
    const base = mergeFindings(identified([unbound(3)]))
    const head = mergeFindings(identified([privileged('a.yaml', 3), unbound(3)]))
    expect(head).toHaveLength(1)
    const parts = compareWithBase(head.flatMap(partsOf), base.flatMap(partsOf))
    expect(parts.added.map((f) => f.ruleId)).toEqual(['privileged-port'])
    expect(parts.existing.map((f) => f.ruleId)).toEqual(['unbound-interface'])
  })
})
