import { describe, expect, it } from 'vitest'
import { computeOnRead, copyKeepingLazy } from '../../src/rules/shared/lazy-property.js'

describe('computeOnRead', () => {
  const make = () => {
    let calls = 0
    const finding = { ruleId: 'privileged-port', fingerprint: '', key: '80/TCP' }
    computeOnRead(finding, 'fingerprint', () => {
      calls++
      return 'ab12'
    })
    return { finding, calls: () => calls }
  }

  it('computes once, on the first read, and keeps the key in its place', () => {
    const { finding, calls } = make()
    expect(calls()).toBe(0)
    expect(JSON.stringify(finding)).toBe(
      '{"ruleId":"privileged-port","fingerprint":"ab12","key":"80/TCP"}'
    )
    expect(finding.fingerprint).toBe('ab12')
    expect(calls()).toBe(1)
    expect(Object.getOwnPropertyDescriptor(finding, 'fingerprint')).toEqual({
      value: 'ab12',
      writable: true,
      enumerable: true,
      configurable: true
    })
  })

  it('reads as a plain property to copies, clones and comparisons', () => {
    expect({ ...make().finding }).toEqual({
      ruleId: 'privileged-port',
      fingerprint: 'ab12',
      key: '80/TCP'
    })
    expect(structuredClone(make().finding)).toEqual({
      ruleId: 'privileged-port',
      fingerprint: 'ab12',
      key: '80/TCP'
    })
    expect(Object.keys(make().finding)).toEqual(['ruleId', 'fingerprint', 'key'])
  })

  it('takes an assignment instead, without computing', () => {
    const { finding, calls } = make()
    finding.fingerprint = 'set by hand'
    expect(finding.fingerprint).toBe('set by hand')
    expect(calls()).toBe(0)
  })

  it('stays uncomputed in a copy (a suppressed finding), which settles on itself', () => {
    const { finding, calls } = make()
    const copy = copyKeepingLazy(finding, { key: '81/TCP' })
    expect(calls()).toBe(0)
    expect(Object.keys(copy)).toEqual(['ruleId', 'fingerprint', 'key'])
    expect(copy.fingerprint).toBe('ab12')
    expect(calls()).toBe(1)
    expect(Object.getOwnPropertyDescriptor(copy, 'fingerprint')).toHaveProperty('value', 'ab12')
    // The original is still to compute, and an assignment to the copy is the copy's.
    expect(Object.getOwnPropertyDescriptor(finding, 'fingerprint')).toHaveProperty('get')
    copy.fingerprint = 'copy'
    expect(finding.fingerprint).toBe('ab12')
    expect(copy).toEqual({ ruleId: 'privileged-port', fingerprint: 'copy', key: '81/TCP' })
  })
})
