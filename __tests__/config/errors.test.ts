// A bad config stops the run with a message that names the file, line and column of the node at
// fault (the CLI prints it and exits 2). Each case shows the text and the exact message.
import { RULES } from '../../src/rules/index.js'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/load.js'
import type { ConfigurableRule } from '../../src/config/types.js'
import { fail, stringListOption, type OptionSpec } from '../../src/config/options.js'
import { withRepo } from './repo.js'

const CONFIG = '.github/port-hygiene.yml'

async function errorFor(
  files: Record<string, string>,
  rules?: readonly ConfigurableRule[]
): Promise<ConfigError> {
  return withRepo(files, async (root) => {
    const error = await loadConfig({ root, rules: rules ?? RULES }).then(
      () => undefined,
      (e: unknown) => e
    )
    if (!(error instanceof ConfigError))
      throw new Error(`expected a ConfigError, got ${String(error)}`)
    return error
  })
}

const configError = (lines: string[]) => errorFor({ [CONFIG]: lines.join('\n') + '\n' })

describe('config errors name file:line:column', () => {
  it('an alias bomb in rule options is a config error, not a crash', async () => {
    const levels = ['      a0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]']
    for (let level = 1; level <= 8; level++) {
      levels.push(
        `      a${level}: &a${level} [${Array(10)
          .fill(`*a${level - 1}`)
          .join(', ')}]`
      )
    }
    const error = await configError([
      'rules:',
      '  privileged-port:',
      '    options:',
      ...levels,
      '      allow: *a8'
    ])
    expect(error.message).toMatch(
      new RegExp(
        `^${CONFIG.replace(/\./g, '\\.')}:4:7: rules\\.privileged-port\\.options: Excessive alias count`
      )
    )
  })

  it('a misspelt severity', async () => {
    const error = await configError([
      'rules:', //
      '  privileged-port:',
      '    severity: eror'
    ])
    expect(error.message).toBe(
      `${CONFIG}:3:15: rules.privileged-port.severity must be one of off, notice, warning, error (got "eror")`
    )
    expect([error.file, error.line, error.column]).toEqual([CONFIG, 3, 15])
  })

  it('a misspelt severity in the short form', async () => {
    const error = await configError(['rules:', '  privileged-port: warn'])
    expect(error.message).toBe(
      `${CONFIG}:2:20: rules.privileged-port must be one of off, notice, warning, error (got "warn")`
    )
  })

  it('a severity that is not text', async () => {
    const error = await configError(['rules:', '  privileged-port: 2'])
    expect(error.message).toBe(
      `${CONFIG}:2:20: rules.privileged-port must be one of off, notice, warning, error (got 2)`
    )
  })

  it('an unknown rule id, with the closest known id', async () => {
    const error = await configError(['rules:', '  invalid-port: off', '  privileged-prot: off'])
    expect(error.message).toBe(
      `${CONFIG}:3:3: rules: unknown rule "privileged-prot" (did you mean "privileged-port"?)`
    )
  })

  it('an unknown rule id with nothing close', async () => {
    const error = await configError(['rules:', '  no-latest-tag: error'])
    expect(error.message).toBe(`${CONFIG}:2:3: rules: unknown rule "no-latest-tag"`)
  })

  it('an unknown top-level key, with the closest known key', async () => {
    const error = await configError(['exclude: []', 'excludes: []'])
    expect(error.message).toBe(
      `${CONFIG}:2:1: unknown key "excludes" (did you mean "exclude"?); expected one of include, exclude, defaultExcludes, maxFileSize, rules, ranges, nodeScopes, composeGroups`
    )
  })

  it('an unknown key in a rule setting', async () => {
    const error = await configError(['rules:', '  privileged-port:', '    level: error'])
    expect(error.message).toBe(
      `${CONFIG}:3:5: rules.privileged-port: unknown key "level"; expected one of severity, options`
    )
  })

  it('an option the rule rejects, at the option', async () => {
    const error = await configError([
      'rules:',
      '  privileged-port:',
      '    options:',
      '      allow: [80, 70000]'
    ])
    // Points at the bad item itself.
    expect(error.message).toBe(
      `${CONFIG}:4:19: rules.privileged-port.options.allow[1] must be a port (1-65535) (got 70000)`
    )
  })

  it('an option of the wrong type says what the option accepts', async () => {
    const error = await configError([
      'rules:',
      '  privileged-port:',
      '    options:',
      '      allow: [abc]'
    ])
    expect(error.message).toBe(
      `${CONFIG}:4:15: rules.privileged-port.options.allow[0] must be a port, a range or a map of options (got "abc")`
    )
  })

  it('an unknown option of a rule, with the closest known one', async () => {
    const error = await configError([
      'rules:',
      '  unbound-interface:',
      '    options:',
      '      sensitivePort: [5432]'
    ])
    expect(error.message).toBe(
      `${CONFIG}:4:7: rules.unbound-interface.options.sensitivePort is not a known option (did you mean "sensitivePorts"?); expected one of sensitivePorts`
    )
  })

  it('a range option written as a map with a bad bound, at the bound', async () => {
    const error = await configError([
      'rules:',
      '  host-port-in-ephemeral-range:',
      '    options:',
      '      range: { min: 32768, max: 70000 }'
    ])
    expect(error.message).toBe(
      `${CONFIG}:4:33: rules.host-port-in-ephemeral-range.options.range.max must be a port (1-65535) (got 70000)`
    )
  })

  it('an unknown option of the rule', async () => {
    const error = await configError([
      'rules:',
      '  privileged-port:',
      '    options:',
      '      allowed: [80]'
    ])
    expect(error.message).toMatch(
      new RegExp(
        `^${CONFIG}:4:7: rules\\.privileged-port\\.options\\.allowed is not a known option`
      )
    )
  })

  it('options of a rule that takes none', async () => {
    const error = await configError([
      'rules:',
      '  parse-error:',
      '    options:',
      '      strict: true'
    ])
    expect(error.message).toBe(
      `${CONFIG}:4:7: rules.parse-error.options.strict is not an option: this rule takes no options`
    )
  })

  it('options that are not a map', async () => {
    const error = await configError(['rules:', '  privileged-port:', '    options: [80]'])
    expect(error.message).toBe(
      `${CONFIG}:3:14: rules.privileged-port.options must be a map (got a list)`
    )
  })

  it('a range whose min is above its max', async () => {
    const error = await configError(['ranges:', '  namespaces:', "    team-alpha: '30999-30000'"])
    expect(error.message).toBe(
      `${CONFIG}:3:17: ranges.namespaces.team-alpha: min 30999 is greater than max 30000`
    )
  })

  it('a range beyond 65535', async () => {
    const error = await configError([
      'ranges:',
      '  projects:',
      '    shop: { min: 60000, max: 70000 }'
    ])
    expect(error.message).toBe(
      `${CONFIG}:3:11: ranges.projects.shop: 70000 is not a port (1-65535)`
    )
  })

  it('a range starting at 0', async () => {
    const error = await configError(['ranges:', '  paths:', "    'teams/alpha/**': '0-100'"])
    expect(error.message).toBe(
      `${CONFIG}:3:23: ranges.paths["teams/alpha/**"]: 0 is not a port (1-65535)`
    )
  })

  it('a range that is not "min-max"', async () => {
    const error = await configError(['ranges:', '  namespaces:', '    team-alpha: 30000'])
    expect(error.message).toBe(
      `${CONFIG}:3:17: ranges.namespaces.team-alpha must be "min-max" or a map with min and max (got 30000)`
    )
  })

  it('a range map without max', async () => {
    const error = await configError([
      'ranges:',
      '  namespaces:',
      '    team-alpha:',
      '      min: 30000'
    ])
    expect(error.message).toBe(`${CONFIG}:4:7: ranges.namespaces.team-alpha.max is missing`)
  })

  it('an unknown range kind', async () => {
    const error = await configError(['ranges:', '  teams: {}'])
    expect(error.message).toBe(
      `${CONFIG}:2:3: ranges: unknown key "teams"; expected one of namespaces, paths, projects`
    )
  })

  it('include that is not a list', async () => {
    const error = await configError(["include: '**/*.yaml'"])
    expect(error.message).toBe(
      `${CONFIG}:1:10: include must be a list of strings (got "**/*.yaml")`
    )
  })

  it('an empty include list (it would scan nothing)', async () => {
    const error = await configError(['include: []'])
    expect(error.message).toBe(`${CONFIG}:1:10: include must list at least one glob`)
  })

  it('an empty glob', async () => {
    const error = await configError(['exclude:', "  - 'vendor/**'", "  - ''"])
    expect(error.message).toBe(`${CONFIG}:3:5: exclude[1] must be a non-empty string (got "")`)
  })

  it('a bad maxFileSize', async () => {
    const error = await configError(['maxFileSize: 5 parsecs'])
    expect(error.message).toBe(
      `${CONFIG}:1:14: maxFileSize must be a positive number of bytes or a size such as "5MB" (got "5 parsecs")`
    )
  })

  it('a node scope without paths', async () => {
    const error = await configError(['nodeScopes:', '  prod: []'])
    expect(error.message).toBe(`${CONFIG}:2:9: nodeScopes.prod must list at least one path glob`)
  })

  it('defaultExcludes that is not a boolean', async () => {
    const error = await configError(['defaultExcludes: no'])
    // YAML 1.2: `no` is a string, not false.
    expect(error.message).toBe(`${CONFIG}:1:18: defaultExcludes must be true or false (got "no")`)
  })

  it('a top level that is not a map', async () => {
    const error = await configError(['- rules'])
    expect(error.message).toBe(`${CONFIG}:1:1: the config file must be a map (got a list)`)
  })

  it('a key written twice', async () => {
    const error = await configError(['rules: {}', 'maxFileSize: 10', 'rules: {}'])
    expect(error.message).toBe(`${CONFIG}:3:1: invalid YAML: Map keys must be unique`)
  })

  it('broken YAML', async () => {
    const error = await configError(['rules:', '  privileged-port: [error'])
    expect(error.message).toMatch(new RegExp(`^${CONFIG}:\\d+:\\d+: invalid YAML: `))
    expect(error.line).toBeGreaterThanOrEqual(2)
  })

  it('a file given with --config is named as given (relative to the root)', async () => {
    await withRepo({ 'ci/ph.yml': 'rules:\n  nope: off\n' }, async (root) => {
      await expect(loadConfig({ rules: RULES, root, configPath: 'ci/ph.yml' })).rejects.toThrow(
        'ci/ph.yml:2:3: rules: unknown rule "nope"'
      )
    })
  })
})

describe('.github/port-ranges.json errors name file:line:column', () => {
  it('broken JSON', async () => {
    const error = await errorFor({
      '.github/port-ranges.json': '{\n  "team-alpha": { "min": 1, }\n}\n'
    })
    expect(error.message).toMatch(/^\.github\/port-ranges\.json:2:\d+: invalid JSON: /)
  })

  // Node 20's JSON.parse names no position for an unexpected token: the position is still found.
  it.each([
    ['{\n  "team-alpha": { "min": 1, "max": }\n}\n', 2, 36],
    ['{\n  "team-alpha": { "min": 1 }\n  "team-beta": {}\n}\n', 3, 3],
    ['{\n  "team-alpha": { "min": 1 },\n}\n', 3, 1],
    ['{\n  "team-alpha": { "min": 01 }\n}\n', 2, 27],
    ["{\n  'team-alpha': {}\n}\n", 2, 3],
    ['{\n  "team-alpha": {}\n', 3, 1]
  ])('%j → line %i, column %i', async (text, line, column) => {
    const error = await errorFor({ '.github/port-ranges.json': text })
    expect(error.message).toMatch(
      new RegExp(`^\\.github/port-ranges\\.json:${line}:${column}: invalid JSON: `)
    )
    expect(error.message).not.toContain('is not valid JSON')
  })

  it('a range outside 1-65535', async () => {
    const error = await errorFor({
      '.github/port-ranges.json': '{\n  "team-beta": { "min": 31000, "max": 70000 }\n}\n'
    })
    expect(error.message).toBe(
      '.github/port-ranges.json:2:16: team-beta: 70000 is not a port (1-65535)'
    )
  })

  it('an unknown key in a range', async () => {
    const error = await errorFor({
      '.github/port-ranges.json': '{ "team-beta": { "min": 31000, "max": 31999, "step": 1 } }'
    })
    expect(error.message).toBe(
      '.github/port-ranges.json:1:46: team-beta: unknown key "step"; expected one of min, max'
    )
  })

  it('a top level that is not an object', async () => {
    const error = await errorFor({ '.github/port-ranges.json': '[]' })
    expect(error.message).toBe(
      '.github/port-ranges.json:1:1: the port ranges file must be a map (got a list)'
    )
  })
})

describe('options are parsed once, by the declaration of the rule that owns them', () => {
  const limitOption: OptionSpec<number> = {
    accepts: 'a whole number',
    default: 1,
    parse: (value, path) =>
      Number.isInteger(value) ? (value as number) : fail(path, 'a whole number', value)
  }
  const strictRule: ConfigurableRule = {
    meta: { id: 'strict-rule', defaultSeverity: 'warning' },
    options: { limit: limitOption, names: stringListOption() }
  }

  it('keeps the parsed options, with defaults for the options not written', async () => {
    await withRepo(
      { [CONFIG]: 'rules:\n  strict-rule:\n    options:\n      limit: 3\n' },
      async (root) => {
        const config = await loadConfig({ root, rules: [strictRule] })
        expect(config.rules['strict-rule']).toEqual({
          severity: 'warning',
          options: { limit: 3, names: [] }
        })
      }
    )
  })

  it('reports a bad value at the value, with what the option accepts', async () => {
    const error = await errorFor(
      { [CONFIG]: 'rules:\n  strict-rule:\n    options:\n      names: []\n      limit: "3"\n' },
      [strictRule]
    )
    expect(error.message).toBe(
      `${CONFIG}:5:14: rules.strict-rule.options.limit must be a whole number (got "3")`
    )
  })

  it('reports a bad list item at the item', async () => {
    const error = await errorFor(
      {
        [CONFIG]: 'rules:\n  strict-rule:\n    options:\n      names:\n        - a\n        - 7\n'
      },
      [strictRule]
    )
    expect(error.message).toBe(
      `${CONFIG}:6:11: rules.strict-rule.options.names[1] must be a non-empty string (got 7)`
    )
  })

  it('reports an unknown option at its key, with the closest known one', async () => {
    const error = await errorFor(
      { [CONFIG]: 'rules:\n  strict-rule:\n    options:\n      limt: 2\n' },
      [strictRule]
    )
    expect(error.message).toBe(
      `${CONFIG}:4:7: rules.strict-rule.options.limt is not a known option (did you mean "limit"?); expected one of limit, names`
    )
  })

  it('a rule that takes no options says so', async () => {
    const error = await errorFor(
      { [CONFIG]: 'rules:\n  bare-rule:\n    options:\n      limit: 2\n' },
      [{ meta: { id: 'bare-rule', defaultSeverity: 'error' }, options: {} }]
    )
    expect(error.message).toBe(
      `${CONFIG}:4:7: rules.bare-rule.options.limit is not an option: this rule takes no options`
    )
  })
})
