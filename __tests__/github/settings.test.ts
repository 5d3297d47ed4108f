import { mkdtempSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { InputError, readSettings, splitList } from '../../src/github/settings.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'port-hygiene-settings-'))
mkdirSync(path.join(workspace, 'deploy'))

/** Inputs as the runner passes them: INPUT_<NAME>, upper-cased, dashes kept. */
function inputs(values: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { GITHUB_WORKSPACE: workspace }
  for (const [name, value] of Object.entries(values)) env[`INPUT_${name.toUpperCase()}`] = value
  return env
}

describe('readSettings', () => {
  it('gives the documented defaults when inputs are empty or missing', () => {
    expect(readSettings(inputs({ 'fail-on': '', comment: '' }))).toEqual({
      paths: [],
      exclude: [],
      failOn: 'error',
      comment: 'always',
      review: 'suggestions',
      annotations: true,
      summary: true,
      workingDirectory: workspace
    })
  })

  it('reads every input', () => {
    const settings = readSettings(
      inputs({
        paths: 'deploy/**/*.{yml,yaml}, compose.yaml\nk8s/',
        exclude: 'deploy/legacy/**',
        config: 'ci/port-hygiene.yml',
        'fail-on': 'Warning',
        'fail-on-scope': 'all',
        review: 'comments',
        comment: 'on-findings',
        'github-token': ' ghs_abc ',
        annotations: 'false',
        summary: 'FALSE',
        'sarif-file': 'out/ph.sarif',
        'inventory-file': ' PORTS.md ',
        'working-directory': 'deploy'
      })
    )
    expect(settings).toEqual({
      paths: ['deploy/**/*.{yml,yaml}', 'compose.yaml', 'k8s/'],
      exclude: ['deploy/legacy/**'],
      configPath: 'ci/port-hygiene.yml',
      failOn: 'warning',
      failOnScope: 'all',
      comment: 'on-findings',
      review: 'comments',
      githubToken: 'ghs_abc',
      annotations: false,
      summary: false,
      sarifFile: 'out/ph.sarif',
      inventoryFile: 'PORTS.md',
      workingDirectory: path.join(workspace, 'deploy')
    })
  })

  it('rejects fail-on-scope: changed and review: yes, naming the allowed values', () => {
    expect(() => readSettings(inputs({ 'fail-on-scope': 'changed' }))).toThrow(
      'Input "fail-on-scope" has an invalid value "changed": use one of "new", "all".'
    )
    expect(() => readSettings(inputs({ review: 'yes' }))).toThrow(
      'Input "review" has an invalid value "yes": use one of "off", "comments", "suggestions".'
    )
  })

  it('accepts true/false for comment, as DESIGN.md first named them', () => {
    expect(readSettings(inputs({ comment: 'true' })).comment).toBe('always')
    expect(readSettings(inputs({ comment: 'false' })).comment).toBe('never')
  })

  it.each([
    ['fail-on', 'sometimes', '"error", "warning", "never"'],
    ['comment', 'yes', '"always", "on-findings", "never"'],
    ['annotations', 'yes', '"true", "false"'],
    ['summary', '1', '"true", "false"']
  ])('rejects %s: %s, naming the input and the allowed values', (name, value, allowed) => {
    const read = () => readSettings(inputs({ [name]: value }))
    expect(read).toThrow(InputError)
    expect(read).toThrow(`Input "${name}" has an invalid value "${value}": use one of ${allowed}.`)
  })

  it('rejects a working directory that is not a folder', () => {
    expect(() => readSettings(inputs({ 'working-directory': 'nope' }))).toThrow(
      /Input "working-directory" is "nope", which is not a folder/
    )
  })
})

describe('splitList', () => {
  it('splits on newlines and top-level commas, keeping brace globs whole', () => {
    expect(splitList('a, b\n\n  c  ,\r\n**/*.{yml,yaml},{x,{y,z}}/f')).toEqual([
      'a',
      'b',
      'c',
      '**/*.{yml,yaml}',
      '{x,{y,z}}/f'
    ])
    expect(splitList('')).toEqual([])
  })
})
