import { describe, expect, it } from 'vitest'
import { scanFixture } from './scan-fixture.js'
import { skippedFile } from '../../src/rules/skipped-file.js'
import { check, model } from '../helpers/model.js'

describe('skipped-file', () => {
  it('reports each skipped file at line 1, column 1, as a notice', () => {
    const skippedFiles = [{ file: 'dumps/huge.yaml', reason: 'larger than the 5 MB limit' }]
    expect(check(skippedFile, model({ skippedFiles }))).toEqual([
      {
        ruleId: 'skipped-file',
        severity: 'notice',
        file: 'dumps/huge.yaml',
        line: 1,
        column: 1,
        message: 'Skipped dumps/huge.yaml: larger than the 5 MB limit.'
      }
    ])
  })

  it('is silent when nothing was skipped', () => {
    expect(check(skippedFile, model())).toEqual([])
  })
})

describe('skipped-file: fixtures', () => {
  it('a binary file named .yaml is skipped with a notice; the other files are scanned', async () => {
    expect(await scanFixture('skipped-file', 'binary')).toEqual([
      {
        ruleId: 'skipped-file',
        severity: 'notice',
        file: 'blob.yaml',
        line: 1,
        column: 1,
        message: 'Skipped blob.yaml: not a text file.'
      }
    ])
  })
})
