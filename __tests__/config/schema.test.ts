// schema/port-hygiene.schema.json and the loader must agree: same keys, same rule ids, same
// severities, and every example config shipped in the docs, the examples and the fixtures is
// accepted by both.
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  CONFIG_KEYS,
  RANGE_KEYS,
  RULE_SETTING_KEYS,
  SEVERITY_VALUES,
  loadConfig
} from '../../src/config/load.js'
import { RULES } from '../../src/rules/index.js'
import { validate } from './json-schema.js'
import { withRepo } from './repo.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const schema = JSON.parse(
  readFileSync(path.join(projectRoot, 'schema/port-hygiene.schema.json'), 'utf8')
) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** The ```yaml blocks of docs/configuration.md that are config files (not the suppression snippets). */
function docExamples(): Array<{ name: string; text: string }> {
  const markdown = readFileSync(path.join(projectRoot, 'docs/configuration.md'), 'utf8')
  const configPart = markdown.split('\n## Suppressions')[0]!
  return [...configPart.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match, index) => ({
    name: `docs/configuration.md block ${index + 1}`,
    text: match[1]!
  }))
}

function fileExamples(): Array<{ name: string; text: string }> {
  const found: Array<{ name: string; text: string }> = []
  const add = (file: string) =>
    found.push({ name: path.relative(projectRoot, file), text: readFileSync(file, 'utf8') })
  add(path.join(projectRoot, 'examples/.github/port-hygiene.yml'))
  for (const base of ['__tests__/fixtures/config', '__tests__/fixtures/cli']) {
    const dir = path.join(projectRoot, base)
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir)) {
      for (const file of ['port-hygiene.yml', 'port-hygiene.yaml']) {
        const candidate = path.join(dir, name, '.github', file)
        // fixtures named bad-* hold configs that are meant to fail
        if (existsSync(candidate) && !name.startsWith('bad-')) add(candidate)
      }
    }
  }
  const cliConfigs = path.join(projectRoot, '__tests__/fixtures/cli/configs')
  if (existsSync(cliConfigs)) {
    for (const name of readdirSync(cliConfigs)) add(path.join(cliConfigs, name))
  }
  return found
}

const examples = [...docExamples(), ...fileExamples()]

describe('schema/port-hygiene.schema.json matches the loader', () => {
  it('has exactly the top-level keys the loader accepts', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...CONFIG_KEYS].sort())
    expect(schema.additionalProperties).toBe(false)
  })

  it('has the same range kinds, rule-setting keys and severities', () => {
    expect(Object.keys(schema.properties.ranges.properties).sort()).toEqual([...RANGE_KEYS].sort())
    for (const setting of Object.values<{ oneOf: Array<{ properties: object }> }>(
      schema.properties.rules.properties
    )) {
      expect(Object.keys(setting.oneOf[1]!.properties).sort()).toEqual(
        [...RULE_SETTING_KEYS].sort()
      )
    }
    expect(schema.$defs.severity.enum).toEqual([...SEVERITY_VALUES])
  })

  it('lists every rule of the registry, and no other (update the schema when adding a rule)', () => {
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual(
      RULES.map((rule) => rule.meta.id).sort()
    )
    expect(schema.properties.rules.additionalProperties).toBe(false)
  })
})

describe('every example config is valid', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6)
  })

  it.each(examples)('$name: the loader accepts it', async ({ text }) => {
    await withRepo({ '.github/port-hygiene.yml': text }, async (root) => {
      await expect(loadConfig({ rules: RULES, root })).resolves.toBeDefined()
    })
  })

  it.each(examples)('$name: it conforms to the schema', ({ text }) => {
    expect(validate(schema, parse(text) ?? null)).toEqual([])
  })
})

describe('the schema rejects what the loader rejects', () => {
  it.each([
    ['an unknown key', { excludes: [] }],
    ['a bad severity', { rules: { 'privileged-port': { severity: 'eror' } } }],
    ['an unknown rule', { rules: { 'privileged-prot': 'off' } }],
    ['an unknown option', { rules: { 'privileged-port': { options: { alow: [80] } } } }],
    [
      'an allow entry of the wrong type',
      { rules: { 'privileged-port': { options: { allow: [true] } } } }
    ],
    ['a port beyond 65535', { ranges: { projects: { shop: { min: 1, max: 70000 } } } }],
    ['a range that is not "min-max"', { ranges: { namespaces: { a: 'thirty' } } }],
    ['include that is not a list', { include: '**/*.yaml' }],
    ['an empty include', { include: [] }],
    ['an empty node scope', { nodeScopes: { prod: [] } }]
  ])('%s', (_name, config) => {
    expect(validate(schema, config)).not.toEqual([])
  })
})
