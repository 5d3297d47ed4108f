import { describe, expect, it } from 'vitest'
import { scanFixture } from './scan-fixture.js'
import { duplicateKey } from '../../src/rules/duplicate-key.js'
import { at, check, model } from '../helpers/model.js'

describe('duplicate-key', () => {
  it('is an error in a Compose file and a warning in a Kubernetes file, at the second key', () => {
    const duplicateKeys = [
      {
        location: at('compose.yaml', 6, 3),
        key: 'web',
        first: at('compose.yaml', 2, 3),
        format: 'compose' as const
      },
      {
        location: at('k8s/a.yaml', 9, 9),
        key: 'hostPort',
        first: at('k8s/a.yaml', 8, 9),
        format: 'kubernetes' as const
      }
    ]
    expect(check(duplicateKey, model({ duplicateKeys }))).toEqual([
      {
        ruleId: 'duplicate-key',
        severity: 'error',
        file: 'compose.yaml',
        line: 6,
        column: 3,
        message:
          'Duplicate key "web" (first at line 2): Compose rejects this file; the last value is the one checked here.'
      },
      {
        ruleId: 'duplicate-key',
        severity: 'warning',
        file: 'k8s/a.yaml',
        line: 9,
        column: 9,
        message:
          'Duplicate key "hostPort" (first at line 8): the API server keeps the last value (kubectl --validate=strict rejects it); the last value is the one checked here.'
      }
    ])
  })

  it('is silent without duplicates', () => {
    expect(check(duplicateKey, model())).toEqual([])
  })
})

describe('duplicate-key: fixtures', () => {
  it('reports the twin keys of a DaemonSet and a Compose service, and the model uses the last value', async () => {
    expect(await scanFixture('duplicate-key', 'mixed')).toEqual([
      expect.objectContaining({ severity: 'error', file: 'app/compose.yaml', line: 6, column: 3 }),
      expect.objectContaining({ severity: 'warning', file: 'k8s/agent.yaml', line: 22, column: 15 })
    ])
    // The last hostPort (80) is the one checked: privileged-port sees it.
    expect(
      await scanFixture('privileged-port', 'mixed'.replace('mixed', '../duplicate-key/mixed'))
    ).toEqual([expect.objectContaining({ file: 'k8s/agent.yaml', line: 22 })])
  })

  it('merge keys and keys in different maps are not duplicates', async () => {
    expect(await scanFixture('duplicate-key', 'clean')).toEqual([])
  })
})
