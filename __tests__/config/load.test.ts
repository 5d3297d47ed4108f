// The config loader: what a valid `.github/port-hygiene.yml` becomes, where it is found, and how
// `.github/port-ranges.json` joins in.
import { RULES } from '../../src/rules/index.js'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadConfig, ConfigError } from '../../src/config/load.js'
import {
  DEFAULT_EXCLUDE,
  DEFAULT_INCLUDE,
  DEFAULT_MAX_FILE_SIZE,
  defaultConfig
} from '../../src/config/types.js'
import { withRepo } from './repo.js'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/config')
const fixture = (name: string) => path.join(fixtures, name)

describe('loadConfig: defaults', () => {
  it('gives the defaults when the repository has no config file', async () => {
    await withRepo({}, async (root) => {
      expect(await loadConfig({ rules: RULES, root })).toEqual(defaultConfig())
    })
  })

  it('gives the defaults for a config file that holds only comments', async () => {
    const config = await loadConfig({ rules: RULES, root: fixture('empty') })
    expect(config).toEqual({ ...defaultConfig(), configFile: '.github/port-hygiene.yml' })
  })

  it('defaults are the documented ones', () => {
    const config = defaultConfig()
    expect(config.include).toEqual(['**/*.{yml,yaml}'])
    expect(config.exclude).toContain('**/node_modules/**')
    expect(config.exclude).toContain('**/.git/**')
    expect(config.maxFileSize).toBe(5 * 1024 * 1024)
  })
})

describe('loadConfig: a complete config file', () => {
  it('reads every key', async () => {
    const config = await loadConfig({ rules: RULES, root: fixture('full') })
    expect(config.configFile).toBe('.github/port-hygiene.yml')
    expect(config.include).toEqual(['deploy/**/*.yaml', '**/compose*.yaml'])
    // exclude adds to the defaults
    expect(config.exclude).toEqual([...DEFAULT_EXCLUDE, '**/templates/**'])
    expect(config.maxFileSize).toBe(512 * 1024)
    expect(config.rules).toEqual({
      'invalid-suppression': { severity: 'error' },
      'privileged-container-port': { severity: 'off' },
      'privileged-port': {
        severity: 'warning',
        // parsed: plain ports first, then each scoped entry with its scopes defaulted
        options: {
          allow: [
            { ports: [8080], paths: [], namespaces: [], projects: [] },
            { ports: [80, 443], paths: [], namespaces: ['ingress-nginx'], projects: [] }
          ],
          // not written: the option's default
          webPorts: [80, 443]
        }
      },
      // no severity written: the rule's default
      'port-out-of-range': { severity: 'error', options: { check: ['service-port', 'node-port'] } }
    })
    expect(config.scopes.nodeScopes).toEqual([
      { name: 'prod', paths: ['clusters/prod/**'] },
      { name: 'staging', paths: ['clusters/staging/**', 'clusters/qa/**'] }
    ])
  })

  it('reads ranges as "min-max" or {min, max}, with where each was declared', async () => {
    const { ranges } = await loadConfig({ rules: RULES, root: fixture('full') })
    expect(ranges.namespaces['team-beta']).toEqual({
      min: 31000,
      max: 31999,
      source: '.github/port-hygiene.yml:24'
    })
    expect(ranges.projects).toEqual({
      shop: { min: 8000, max: 8999, source: '.github/port-hygiene.yml:29' }
    })
  })

  it('keeps path ranges in file order (the first matching glob wins)', async () => {
    const { ranges } = await loadConfig({ rules: RULES, root: fixture('full') })
    expect(ranges.paths.map((entry) => [entry.glob, entry.range.min, entry.range.max])).toEqual([
      ['teams/gamma/**', 32000, 32099],
      ['teams/**', 33000, 33999]
    ])
  })
})

describe('loadConfig: .github/port-ranges.json', () => {
  it('adds namespace ranges; the config file wins for a namespace in both', async () => {
    const { ranges } = await loadConfig({ rules: RULES, root: fixture('full') })
    expect(ranges.namespaces['team-alpha']).toEqual({
      min: 30000,
      max: 30999,
      source: '.github/port-hygiene.yml:23'
    })
    expect(ranges.namespaces['team-delta']).toEqual({
      min: 34000,
      max: 34999,
      source: '.github/port-ranges.json:3'
    })
    expect(ranges.namespaces['team-epsilon']).toMatchObject({ min: 35000, max: 35999 })
  })

  it('is read without any config file', async () => {
    const config = await loadConfig({ rules: RULES, root: fixture('ranges-only') })
    expect(config.configFile).toBeUndefined()
    expect(config.ranges.namespaces).toEqual({
      'team-alpha': { min: 30000, max: 30999, source: '.github/port-ranges.json:1' }
    })
  })

  it('is read from under the root even when --config names a file elsewhere', async () => {
    await withRepo({ 'elsewhere/ph.yml': 'rules: {}\n' }, async (other) => {
      const config = await loadConfig({
        rules: RULES,
        root: fixture('ranges-only'),
        configPath: path.join(other, 'elsewhere/ph.yml')
      })
      expect(config.configFile).toBe(path.join(other, 'elsewhere/ph.yml'))
      expect(Object.keys(config.ranges.namespaces)).toEqual(['team-alpha'])
    })
  })
})

describe('loadConfig: where the file is', () => {
  it('reads .github/port-hygiene.yaml too', async () => {
    const config = await loadConfig({ rules: RULES, root: fixture('yaml-extension') })
    expect(config.configFile).toBe('.github/port-hygiene.yaml')
    expect(config.rules['duplicate-host-port']).toEqual({ severity: 'warning' })
  })

  it('refuses two config files, since one would be ignored', async () => {
    await expect(loadConfig({ rules: RULES, root: fixture('both-extensions') })).rejects.toThrow(
      '.github/port-hygiene.yml and .github/port-hygiene.yaml exist; keep only one'
    )
  })

  it('reads an explicit path relative to the root', async () => {
    await withRepo({ 'ci/port-hygiene.yml': 'maxFileSize: 1000\n' }, async (root) => {
      const config = await loadConfig({ rules: RULES, root, configPath: 'ci/port-hygiene.yml' })
      expect(config.configFile).toBe('ci/port-hygiene.yml')
      expect(config.maxFileSize).toBe(1000)
    })
  })

  it('an explicit path that does not exist is an error', async () => {
    await withRepo({}, async (root) => {
      const error = await loadConfig({ rules: RULES, root, configPath: 'ci/missing.yml' }).catch(
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as Error).message).toBe('config file not found: ci/missing.yml')
    })
  })

  it('an explicit path wins over .github/port-hygiene.yml', async () => {
    await withRepo(
      { '.github/port-hygiene.yml': 'maxFileSize: 1\n', 'other.yml': 'maxFileSize: 2\n' },
      async (root) => {
        expect(
          (await loadConfig({ rules: RULES, root, configPath: 'other.yml' })).maxFileSize
        ).toBe(2)
      }
    )
  })
})

describe('loadConfig: smaller forms', () => {
  it('drops the default excludes with defaultExcludes: false', async () => {
    await withRepo(
      { '.github/port-hygiene.yml': "defaultExcludes: false\nexclude: ['**/.git/**']\n" },
      async (root) => {
        expect((await loadConfig({ rules: RULES, root })).exclude).toEqual(['**/.git/**'])
      }
    )
  })

  it('include replaces the default include', async () => {
    await withRepo({ '.github/port-hygiene.yml': "include: ['k8s/**/*.yaml']\n" }, async (root) => {
      const config = await loadConfig({ rules: RULES, root })
      expect(config.include).toEqual(['k8s/**/*.yaml'])
      expect(config.include).not.toContain(DEFAULT_INCLUDE[0])
    })
  })

  it.each([
    [1048576, 1048576],
    ['2MB', 2 * 1024 * 1024],
    ['512 KiB', 512 * 1024],
    ['100b', 100],
    ['1.5k', 1536]
  ])('maxFileSize %s = %d bytes', async (written, bytes) => {
    await withRepo(
      { '.github/port-hygiene.yml': `maxFileSize: ${JSON.stringify(written)}\n` },
      async (root) => {
        expect((await loadConfig({ rules: RULES, root })).maxFileSize).toBe(bytes)
      }
    )
  })

  it('keeps the default max file size when none is set', async () => {
    await withRepo({ '.github/port-hygiene.yml': 'rules: {}\n' }, async (root) => {
      expect((await loadConfig({ rules: RULES, root })).maxFileSize).toBe(DEFAULT_MAX_FILE_SIZE)
    })
  })

  it('accepts every severity, notice included', async () => {
    const text = [
      'rules:',
      '  duplicate-host-port: off',
      '  privileged-port: notice',
      '  privileged-container-port: warning',
      '  invalid-port: error',
      ''
    ].join('\n')
    await withRepo({ '.github/port-hygiene.yml': text }, async (root) => {
      const { rules } = await loadConfig({ rules: RULES, root })
      expect(Object.values(rules).map((rule) => rule.severity)).toEqual([
        'off',
        'notice',
        'warning',
        'error'
      ])
    })
  })

  it('reads a UTF-8 byte-order mark and CRLF line ends', async () => {
    await withRepo(
      { '.github/port-hygiene.yml': '\uFEFFrules:\r\n  parse-error: warning\r\n' },
      async (root) => {
        expect((await loadConfig({ rules: RULES, root })).rules['parse-error']).toEqual({
          severity: 'warning'
        })
      }
    )
  })
})
