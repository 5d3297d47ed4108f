import { describe, expect, it } from 'vitest'
import { FIXTURES, scanFolder } from './scan-fixture.js'
import { parseError } from '../../src/rules/parse-error.js'
import { at, check, model } from '../helpers/model.js'
import { partsOf } from '../../src/rules/merge-findings.js'

describe('parse-error', () => {
  it('reports each broken document at its position', () => {
    const parseErrors = [
      {
        location: at('broken.yaml', 7, 3),
        message: 'Implicit map keys need to be followed by map values'
      }
    ]
    expect(check(parseError, model({ parseErrors }))).toEqual([
      {
        ruleId: 'parse-error',
        severity: 'error',
        file: 'broken.yaml',
        line: 7,
        column: 3,
        message:
          'YAML parse error: Implicit map keys need to be followed by map values — this document was not checked.'
      }
    ])
  })

  it('is silent when everything parsed', () => {
    expect(check(parseError, model())).toEqual([])
  })
})

describe('parse-error: fixtures', () => {
  it('a broken document among good ones: the parse error, and the good files still checked', async () => {
    const result = await scanFolder(`${FIXTURES}/parse-error/mixed`)
    expect(
      result.findings
        .flatMap(partsOf)
        .map((f) => [f.ruleId, f.location.file, f.location.line, f.location.column])
    ).toEqual([
      ['parse-error', 'broken.yaml', 14, 1],
      ['privileged-port', 'compose.yaml', 5, 9],
      ['unbound-interface', 'compose.yaml', 5, 9]
    ])
    expect(result.findings[0]!.message).toBe(
      'YAML parse error: Flow map in block collection must be sufficiently indented and end with a } — this document was not checked.'
    )
  })
})
