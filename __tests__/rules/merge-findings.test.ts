// The "one line, one finding" post-pass over hand-made findings: which findings become one, which
// stay apart, what the merged message says, and that every rule's finding is kept whole.
import { describe, expect, it } from 'vitest'
import {
  fixesOf,
  mergeAtOnePlace,
  mergeCopies,
  mergeFindings,
  partsOf,
  ruleIdsOf
} from '../../src/rules/merge-findings.js'
import type { Finding, Fix, ObjectRef, Severity } from '../../src/model.js'
import { kubeObject } from '../helpers/model.js'

const ORDER = ['duplicate-host-port', 'privileged-port', 'unbound-interface']

function finding(
  ruleId: string,
  severity: Severity,
  file: string,
  line: number,
  more: Partial<Finding> = {}
): Finding {
  return {
    ruleId,
    severity,
    message: `${ruleId} says so.`,
    location: { file, line, column: 9 },
    related: [],
    fingerprint: `${ruleId}-${file}-${line}`.padEnd(32, '0'),
    key: `${ruleId}-key`,
    ...more
  }
}

function fix(file: string, line: number, replacement: string): Fix {
  return { description: 'change it', location: { file, line, column: 9 }, replacement }
}

const agent: ObjectRef = kubeObject({ kind: 'DaemonSet', namespace: 'kube-system', name: 'agent' })

describe('one place', () => {
  it('rules at one file, line and column are one finding: the most severe first, the others named', () => {
    const merged = mergeAtOnePlace(
      [
        finding('unbound-interface', 'warning', 'compose.yaml', 5),
        finding('privileged-port', 'error', 'compose.yaml', 5),
        finding('duplicate-host-port', 'notice', 'compose.yaml', 5)
      ],
      ORDER
    )
    expect(merged).toHaveLength(1)
    expect(merged[0]).toMatchObject({
      ruleId: 'privileged-port',
      severity: 'error',
      message:
        'privileged-port says so. Also on this line: unbound-interface (warning), duplicate-host-port (notice).',
      fingerprint: 'privileged-port-compose.yaml-5'.padEnd(32, '0')
    })
    expect(ruleIdsOf(merged[0]!)).toEqual([
      'privileged-port',
      'unbound-interface',
      'duplicate-host-port'
    ])
    // Every part as its rule gave it: its own message.
    expect(partsOf(merged[0]!).map((part) => part.message)).toEqual([
      'privileged-port says so.',
      'unbound-interface says so.',
      'duplicate-host-port says so.'
    ])
  })

  it('a tie in severity goes to the rule order', () => {
    const [merged] = mergeAtOnePlace(
      [
        finding('privileged-port', 'error', 'compose.yaml', 5),
        finding('duplicate-host-port', 'error', 'compose.yaml', 5)
      ],
      ORDER
    )
    expect(merged!.ruleId).toBe('duplicate-host-port')
    expect(merged!.message).toBe(
      'duplicate-host-port says so. Also on this line: privileged-port (error).'
    )
  })

  it('another line, another column or two findings of one rule stay apart', () => {
    const apart = [
      finding('privileged-port', 'error', 'compose.yaml', 5),
      finding('unbound-interface', 'warning', 'compose.yaml', 6),
      { ...finding('unbound-interface', 'warning', 'compose.yaml', 5), location: at(5, 30) },
      finding('privileged-port', 'error', 'other.yaml', 5)
    ]
    expect(mergeAtOnePlace(apart, ORDER)).toEqual(apart)
    // Two objects on one shared line (one rule twice): not one thing to fix.
    const twice = [
      finding('privileged-port', 'error', 'compose.yaml', 5, { message: 'a' }),
      finding('privileged-port', 'error', 'compose.yaml', 5, { message: 'b' }),
      finding('unbound-interface', 'warning', 'compose.yaml', 5)
    ]
    expect(mergeAtOnePlace(twice, ORDER)).toEqual(twice)
  })

  it("keeps the primary's fix, else the other rule's: never two edits of one line", () => {
    const own = fix('compose.yaml', 5, '"8080:80"')
    const other = fix('compose.yaml', 5, '"127.0.0.1:80:80"')
    const [withOwn] = mergeAtOnePlace(
      [
        finding('privileged-port', 'error', 'compose.yaml', 5, { fix: own }),
        finding('unbound-interface', 'warning', 'compose.yaml', 5, { fix: other })
      ],
      ORDER
    )
    expect(withOwn!.fix).toBe(own)
    // --fix is offered both, its own first; it applies one of two overlapping edits per pass.
    expect(fixesOf(withOwn!)).toEqual([own, other])
    const [borrowed] = mergeAtOnePlace(
      [
        finding('privileged-port', 'error', 'compose.yaml', 5),
        finding('unbound-interface', 'warning', 'compose.yaml', 5, { fix: other })
      ],
      ORDER
    )
    expect(borrowed!.ruleId).toBe('privileged-port')
    expect(borrowed!.fix).toBe(other)
  })

  it('joins the related locations of every rule, each once', () => {
    const partner = {
      location: { file: 'compose.yaml', line: 9, column: 9 },
      message: 'the other claim'
    }
    const [merged] = mergeAtOnePlace(
      [
        finding('duplicate-host-port', 'error', 'compose.yaml', 5, { related: [partner] }),
        finding('privileged-port', 'error', 'compose.yaml', 5, { related: [{ ...partner }] })
      ],
      ORDER
    )
    expect(merged!.related).toEqual([partner])
  })
})

describe('copies', () => {
  it('one object copied into two files is one finding at the first path, the copy a related location', () => {
    const merged = mergeCopies([
      finding('privileged-port', 'error', 'deploy/b.yaml', 18, { object: agent }),
      finding('privileged-port', 'error', 'deploy/a.yaml', 20, { object: agent })
    ])
    expect(merged).toHaveLength(1)
    expect(merged[0]).toMatchObject({
      location: { file: 'deploy/a.yaml', line: 20 },
      message:
        'privileged-port says so. The same object is copied in 1 other file, with the same finding: deploy/b.yaml:18.',
      related: [
        {
          location: { file: 'deploy/b.yaml', line: 18, column: 9 },
          message: 'the same finding on a copy of the object'
        }
      ]
    })
    expect(partsOf(merged[0]!).map((part) => part.location.file)).toEqual([
      'deploy/a.yaml',
      'deploy/b.yaml'
    ])
  })

  it('messages that differ only in their own file and line are copies', () => {
    const merged = mergeCopies([
      finding('probe-port', 'error', 'a.yaml', 20, { object: agent, message: 'See a.yaml:24.' }),
      finding('probe-port', 'error', 'b.yaml', 30, { object: agent, message: 'See b.yaml:34.' })
    ])
    expect(merged).toHaveLength(1)
  })

  it('a conflict, another object, another key, another message, Compose or a nameless object stay apart', () => {
    const other = kubeObject({ kind: 'DaemonSet', namespace: 'kube-system', name: 'other' })
    const nameless = kubeObject({ kind: 'DaemonSet', namespace: 'kube-system', name: '' })
    const compose: ObjectRef = {
      format: 'compose',
      project: 'shop',
      service: 'web',
      projectFile: 'compose.yaml'
    }
    const pairs: Array<[Partial<Finding>, Partial<Finding>]> = [
      [
        { object: agent, conflict: 'kubernetes/tcp/80' },
        { object: agent, conflict: 'kubernetes/tcp/80' }
      ],
      [{ object: agent }, { object: other }],
      [{ object: agent }, { object: agent, key: 'another' }],
      [{ object: agent }, { object: agent, message: 'something else' }],
      [{ object: agent }, { object: agent, severity: 'warning' }],
      [{ object: compose }, { object: compose }],
      [{ object: nameless }, { object: nameless }],
      [{}, {}]
    ]
    for (const [left, right] of pairs) {
      const apart = [
        finding('privileged-port', 'error', 'a.yaml', 20, left),
        finding('privileged-port', 'error', 'b.yaml', 20, right)
      ]
      expect(mergeCopies(apart)).toEqual(apart)
    }
  })

  it('copies first, then one place: the merged finding names both, and --fix mends every copy', () => {
    const fixA = fix('a.yaml', 20, '8080')
    const fixB = fix('b.yaml', 20, '8080')
    const merged = mergeFindings(
      [
        finding('privileged-port', 'error', 'a.yaml', 20, { object: agent, fix: fixA }),
        finding('privileged-port', 'error', 'b.yaml', 20, { object: agent, fix: fixB }),
        finding('host-port-in-ephemeral-range', 'warning', 'a.yaml', 20, { object: agent }),
        finding('host-port-in-ephemeral-range', 'warning', 'b.yaml', 20, { object: agent })
      ],
      { ruleOrder: ORDER }
    )
    expect(merged).toHaveLength(1)
    expect(merged[0]!.message).toBe(
      'privileged-port says so. The same object is copied in 1 other file, with the same finding: b.yaml:20. ' +
        'Also on this line: host-port-in-ephemeral-range (warning).'
    )
    expect(partsOf(merged[0]!).map((p) => `${p.ruleId} ${p.location.file}`)).toEqual([
      'privileged-port a.yaml',
      'privileged-port b.yaml',
      'host-port-in-ephemeral-range a.yaml',
      'host-port-in-ephemeral-range b.yaml'
    ])
    expect(fixesOf(merged[0]!)).toEqual([fixA, fixB])
  })

  it('a single finding passes through as the same object', () => {
    const one = finding('privileged-port', 'error', 'a.yaml', 20, { object: agent })
    expect(mergeFindings([one])[0]).toBe(one)
    expect(partsOf(one)).toEqual([one])
    expect(ruleIdsOf(one)).toEqual(['privileged-port'])
  })
})

function at(line: number, column: number) {
  return { file: 'compose.yaml', line, column }
}
