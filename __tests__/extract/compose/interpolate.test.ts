import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDotenv } from '../../../src/extract/compose/dotenv.js'
import { interpolate, lookupFrom } from '../../../src/extract/compose/interpolate.js'

const env = lookupFrom(new Map(Object.entries({ PORT: '8080', EMPTY: '', HOST: '127.0.0.1' })))

describe('interpolate', () => {
  it.each([
    ['$PORT:80', '8080:80'],
    ['${PORT}:80', '8080:80'],
    ['${MISSING:-9000}:80', '9000:80'],
    ['${EMPTY:-9000}:80', '9000:80'],
    ['${EMPTY-9000}:80', ':80'],
    ['${MISSING-9000}:80', '9000:80'],
    ['${PORT:-9000}:80', '8080:80'],
    ['${MISSING:-${HOST}}:${PORT}:80', '127.0.0.1:8080:80'],
    ['${MISSING:-${ALSO_MISSING:-7000}}', '7000'],
    ['${PORT:+1}', '1'],
    ['${EMPTY:+1}${EMPTY+2}', '2'],
    ['${PORT:?required}', '8080'],
    ['$$PORT', '$PORT'],
    ['cost: $5 and $', 'cost: $5 and $'],
    ['${BIND:-}:8404:8404', ':8404:8404']
  ])('%s → %s', (template, expected) => {
    const result = interpolate(template, env)
    expect(result.error).toBeUndefined()
    expect(result.unresolved).toBe(false)
    expect(result.value).toBe(expected)
  })

  it('marks interpolated values, but not a bare $$ escape', () => {
    expect(interpolate('${PORT}:80', env).interpolated).toBe(true)
    expect(interpolate('$$HOME', env).interpolated).toBe(false)
    expect(interpolate('8080:80', env)).toEqual({
      value: '8080:80',
      interpolated: false,
      unresolved: false
    })
  })

  it('leaves an unknown variable unresolved, with the placeholder in its place', () => {
    expect(interpolate('${NOPE}:80', env, { placeholder: '?' })).toEqual({
      value: '?:80',
      interpolated: true,
      unresolved: true
    })
    expect(interpolate('${NOPE:?must be set}:80', env).unresolved).toBe(true)
    expect(interpolate('${EMPTY:?must be set}:80', env).unresolved).toBe(true)
    expect(interpolate('${NOPE:+1}', env).unresolved).toBe(true)
    // An unused default does not leak its own unknowns.
    expect(interpolate('${PORT:-${NOPE}}', env)).toEqual({
      value: '8080',
      interpolated: true,
      unresolved: false
    })
  })

  it.each(['${', '${PORT', '${1PORT}', '${}', '${PORT:x}', '${PORT:-${NOPE}'])(
    '%s is an invalid template',
    (template) => {
      expect(interpolate(template, env).error).toMatch(/^Invalid template/)
    }
  )

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = interpolate(text, env)
        expect(typeof result.value).toBe('string')
      }),
      { numRuns: 2000 }
    )
    expect(interpolate('${A:-'.repeat(500) + '}'.repeat(500), env).error).toMatch(
      /Invalid template/
    )
  })
})

describe('parseDotenv', () => {
  it('reads the dotenv syntax Compose accepts', () => {
    const text = [
      '# comment',
      '',
      'export WEB_PORT=8080',
      'DB_PORT = 5432   # inline comment',
      "SINGLE='${WEB_PORT} # kept'",
      'DOUBLE="a\\nb ${WEB_PORT}"',
      'HASH=abc#def',
      'EMPTY=',
      'COMMENT_ONLY=  # nothing',
      'YAMLISH: 9000',
      'MULTI="line one',
      'line two"',
      'FROM_ENV',
      'NOT_SET_ANYWHERE',
      '  INDENTED=1',
      'BAD LINE WITHOUT EQUALS',
      'CRLF=1\r',
      'LAST=${DB_PORT:-0}'
    ].join('\n')
    const values = parseDotenv(text, (name) => (name === 'FROM_ENV' ? 'shell' : undefined))
    expect(Object.fromEntries(values)).toEqual({
      WEB_PORT: '8080',
      DB_PORT: '5432',
      SINGLE: '${WEB_PORT} # kept',
      DOUBLE: 'a\nb 8080',
      HASH: 'abc#def',
      EMPTY: '',
      COMMENT_ONLY: '',
      YAMLISH: '9000',
      MULTI: 'line one\nline two',
      FROM_ENV: 'shell',
      INDENTED: '1',
      CRLF: '1',
      LAST: '5432'
    })
  })

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(parseDotenv(text)).toBeInstanceOf(Map)
      }),
      { numRuns: 1000 }
    )
  })
})
