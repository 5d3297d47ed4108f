import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { fitSummary, summaryAvailable } from '../../src/github/summary.js'

describe('fitSummary', () => {
  it('keeps a report that fits', () => {
    expect(fitSummary((max) => 'short'.slice(0, max), 10_000)).toBe('short')
  })

  it('shrinks the character limit until the UTF-8 bytes fit', () => {
    // Three bytes per character: a limit in characters alone would overshoot threefold.
    const render = (max: number) => '€'.repeat(Math.min(max, 50_000))
    const markdown = fitSummary(render, 30_000)
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(30_000)
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(25_000)
  })
})

describe('summaryAvailable', () => {
  it('needs GITHUB_STEP_SUMMARY', () => {
    expect(summaryAvailable({})).toBe(false)
    expect(summaryAvailable({ GITHUB_STEP_SUMMARY: '/tmp/s' })).toBe(true)
  })
})
