import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { scan } from '../../src/engine.js'
import { defaultConfig } from '../../src/config/types.js'
// missing-network-policy (off by default; the cases turn it on as a notice): pods that declare
// ports with no NetworkPolicy in the scan selecting them.
import { ruleCases } from '../helpers/rule-cases.js'
import { missingNetworkPolicy } from '../../src/rules/missing-network-policy.js'
import { partsOf } from '../../src/rules/merge-findings.js'

ruleCases(missingNetworkPolicy, {
  valid: [
    {
      name: 'a default-deny policy with an empty podSelector covers the namespace',
      severity: 'notice',
      files: {
        'apps/web.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            namespace: shop
          spec:
            selector:
              matchLabels:
                app: web
            template:
              metadata:
                labels:
                  app: web
              spec:
                containers:
                  - name: web
                    image: ghcr.io/acme/web:1
                    ports:
                      - name: http
                        containerPort: 8080
        `,
        'apps/policies.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: default-deny
            namespace: shop
          spec:
            podSelector:
              {}
            policyTypes: [Ingress]
        `
      }
    },
    {
      name: 'matchLabels and matchExpressions select the pods; a hostNetwork pod is not subject to policies',
      severity: 'notice',
      files: {
        'apps/web.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            namespace: shop
          spec:
            selector:
              matchLabels:
                app: web
            template:
              metadata:
                labels:
                  app: web
                  tier: frontend
              spec:
                containers:
                  - name: web
                    image: ghcr.io/acme/web:1
                    ports:
                      - name: http
                        containerPort: 8080
        `,
        'apps/api.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: api
            namespace: shop
          spec:
            selector:
              matchLabels:
                app: api
            template:
              metadata:
                labels:
                  app: api
                  tier: backend
              spec:
                containers:
                  - name: api
                    image: ghcr.io/acme/api:1
                    ports:
                      - name: http
                        containerPort: 8080
        `,
        'apps/agent.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: agent
            namespace: shop
          spec:
            selector:
              matchLabels:
                app: agent
            template:
              metadata:
                labels:
                  app: agent
              spec:
                hostNetwork: true
                containers:
                  - name: agent
                    image: ghcr.io/acme/agent:1
                    ports:
                      - name: http
                        containerPort: 8080
        `,
        'apps/policies.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: web
            namespace: shop
          spec:
            podSelector:
              matchLabels:
                app: web
            policyTypes: [Ingress]
          ---

          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: backends
            namespace: shop
          spec:
            podSelector:
              matchExpressions:
                - key: tier
                  operator: In
                  values: [backend, batch]
            policyTypes: [Ingress]
        `
      }
    }
  ],
  invalid: [
    {
      name: 'a namespace without any policy, and a policy that selects other pods',
      severity: 'notice',
      files: {
        'apps/web.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            namespace: shop
          spec:
            selector:
              matchLabels:
                app: web
            template:
              metadata:
                labels:
                  app: web
                  tier: frontend
              spec:
                containers:
                  - name: web
                    image: ghcr.io/acme/web:1
                    ports:
                      - name: http
                        containerPort: 8080
        `,
        'apps/billing.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: invoices
            namespace: billing
          spec:
            selector:
              matchLabels:
                app: invoices
            template:
              metadata:
                labels:
                  app: invoices
              spec:
                containers:
                  - name: invoices
                    image: ghcr.io/acme/invoices:1
                    ports:
                      - name: http
                        containerPort: 8080
        `,
        'apps/policies.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: api-only
            namespace: shop
          spec:
            podSelector:
              matchLabels:
                app: api
            policyTypes: [Ingress]
        `
      },
      findings: [
        {
          file: 'apps/billing.yaml',
          line: 19,
          column: 15,
          severity: 'notice',
          message:
            'Deployment billing/invoices declares ports (8080/TCP "http") but no NetworkPolicy in namespace billing is in the scan: with no policy selecting a pod, every pod of the cluster can connect to it.'
        },
        {
          file: 'apps/web.yaml',
          line: 20,
          column: 15,
          severity: 'notice',
          message:
            'Deployment shop/web declares ports (8080/TCP "http") but the one NetworkPolicy of namespace shop (api-only) does not select its pods: with no policy selecting a pod, every pod of the cluster can connect to it.'
        }
      ]
    }
  ]
})

describe('missing-network-policy: off by default', () => {
  it('reports nothing unless the config turns it on', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'port-hygiene-netpol-'))
    try {
      await writeFile(
        path.join(root, 'web.yaml'),
        'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers:\n    - name: web\n      ports: [{containerPort: 8080}]\n'
      )
      const result = await scan({ root, paths: [], config: defaultConfig(), env: {} })
      expect(
        result.findings.flatMap(partsOf).filter((f) => f.ruleId === 'missing-network-policy')
      ).toEqual([])
      expect(missingNetworkPolicy.meta.enabledByDefault).toBe(false)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
