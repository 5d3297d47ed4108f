import { describe, expect, it } from 'vitest'
import { scanFixture, scanFolder, FIXTURES } from './scan-fixture.js'
import { inputLimit } from '../../src/rules/input-limit.js'
import { at, check, model } from '../helpers/model.js'
import path from 'node:path'

describe('input-limit', () => {
  it('reports each limit that was hit, as a warning, with its message', () => {
    const limitsExceeded = [
      {
        location: at('app/.env', 14, 1),
        limit: 'value-size',
        message: 'L13 expands to more than 65536 characters.'
      }
    ]
    expect(check(inputLimit, model({ limitsExceeded }))).toEqual([
      {
        ruleId: 'input-limit',
        severity: 'warning',
        file: 'app/.env',
        line: 14,
        column: 1,
        message: 'L13 expands to more than 65536 characters.'
      }
    ])
  })

  it('is silent when no limit was hit', () => {
    expect(check(inputLimit, model())).toEqual([])
  })
})

describe('input-limit: fixtures', () => {
  it('a .env doubling bomb: the oversized value is unknown, the project is still checked', async () => {
    expect(await scanFixture('input-limit', 'env-bomb')).toEqual([
      expect.objectContaining({
        file: '.env',
        line: 14,
        message: expect.stringMatching(/^L13 expands to more than 65536/)
      })
    ])
    const result = await scanFolder(path.join(FIXTURES, 'input-limit', 'env-bomb'))
    expect(result.findings.map((finding) => finding.ruleId)).toContain('duplicate-host-port')
  })

  it('nothing is reported with a limit the values fit in', async () => {
    const result = await scanFolder(path.join(FIXTURES, 'input-limit', 'env-bomb'), {
      PORT_HYGIENE_MAX_VALUE_LENGTH: '1000000'
    })
    expect(result.findings.map((finding) => finding.ruleId)).not.toContain('input-limit')
  })
})
