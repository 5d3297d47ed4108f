import { describe, expect, it } from 'vitest'
import { scanFixture } from './scan-fixture.js'
import { duplicateKey } from '../../src/rules/duplicate-key.js'
import { at, check, model } from '../helpers/model.js'
import { ruleCases } from '../helpers/rule-cases.js'

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
    // The last hostPort (81) is the one checked: privileged-port sees it (2020 is not privileged).
    expect(
      await scanFixture('privileged-port', 'mixed'.replace('mixed', '../duplicate-key/mixed'))
    ).toEqual([expect.objectContaining({ file: 'k8s/agent.yaml', line: 22 })])
  })

  it('merge keys and keys in different maps are not duplicates', async () => {
    expect(await scanFixture('duplicate-key', 'clean')).toEqual([])
  })
})

// Documents the pre-filter leaves out (no port, no pod spec: a ConfigMap, a Role) are never
// parsed; their block maps are checked line by line (src/parse/duplicate-lines.ts).
ruleCases(duplicateKey, {
  valid: [
    {
      name: 'a left-out document whose repeated words are inside scalars, not keys',
      files: {
        'k8s/config.yaml': `
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: settings
            namespace: shop
          data:
            app.conf: |
              level: info
              level: debug
            note: a long value that wraps
              level: over two lines
            other: "quoted
              level: too"
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata:
            name: reader
          rules:
            - apiGroups: [""]
              resources: ["configmaps"]
              verbs: ["get"]
            - apiGroups: [""]
              resources: ["secrets"]
              verbs: ["get"]
        `
      }
    }
  ],
  invalid: [
    {
      name: 'a duplicate key in a left-out ConfigMap and in a list item of a left-out Role',
      files: {
        'k8s/app.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
          spec:
            template:
              spec:
                containers:
                  - name: web
                    image: nginx:1.27
                    ports:
                      - containerPort: 8080
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: settings
            namespace: shop
          data:
            LOG_LEVEL: info
            "LOG_LEVEL": debug
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata:
            name: reader
          rules:
            - apiGroups: [""]
              verbs: ["get"]
              resources: ["configmaps"]
              verbs: ["list"]
        `
      },
      findings: [
        {
          file: 'k8s/app.yaml',
          line: 21,
          column: 3,
          severity: 'warning',
          message:
            'Duplicate key "LOG_LEVEL" (first at line 20): the API server keeps the last value (kubectl --validate=strict rejects it); the last value is the one checked here.'
        },
        {
          file: 'k8s/app.yaml',
          line: 31,
          column: 5,
          severity: 'warning',
          message:
            'Duplicate key "verbs" (first at line 29): the API server keeps the last value (kubectl --validate=strict rejects it); the last value is the one checked here.'
        }
      ]
    }
  ]
})
