import { describe, expect, it } from 'vitest'
import { check, model, servicePort } from '../helpers/model.js'
// duplicate-node-port: the nodePort allocator is cluster-wide and protocol-blind; inside one
// Service the API server keys nodePorts on (protocol, nodePort).
import { ruleCases } from '../helpers/rule-cases.js'
import { duplicateNodePort } from '../../src/rules/duplicate-node-port.js'

ruleCases(duplicateNodePort, {
  valid: [
    {
      name: 'DNS on one nodePort for TCP and UDP of one Service',
      files: {
        'infra/dns.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: edge-dns
            namespace: kube-system
          spec:
            type: NodePort
            selector:
              app: edge-dns
            ports:
              - name: dns-tcp
                port: 53
                protocol: TCP
                nodePort: 30053
              - name: dns-udp
                port: 53
                protocol: UDP
                nodePort: 30053
        `
      }
    },
    {
      name: 'the same Service in a base and an overlay',
      files: {
        'base/web.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: web
            namespace: shop
          spec:
            type: NodePort
            selector:
              app: web
            ports:
              - port: 80
                nodePort: 30080
        `,
        'overlays/prod/web.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: web
            namespace: shop
          spec:
            type: NodePort
            selector:
              app: web
            ports:
              - port: 80
                nodePort: 30080
        `
      }
    }
  ],
  invalid: [
    {
      name: 'two teams claim one nodePort',
      files: {
        'teams/alpha/checkout.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: team-alpha
          spec:
            type: NodePort
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                nodePort: 30080
        `,
        'teams/beta/gateway.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: gateway
            namespace: team-beta
          spec:
            type: LoadBalancer
            selector:
              app: gateway
            ports:
              - name: http
                port: 8080
                nodePort: 30080
        `
      },
      findings: [
        {
          file: 'teams/beta/gateway.yaml',
          line: 13,
          column: 7,
          severity: 'error',
          message:
            'Service team-beta/gateway: nodePort 30080 is already used by Service team-alpha/checkout at teams/alpha/checkout.yaml:13; the second Service is refused with "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated". Give one of them another nodePort.'
        }
      ]
    },
    {
      name: 'TCP on one Service and UDP on another still collide',
      files: {
        'infra/syslog.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: syslog
            namespace: logging
          spec:
            type: NodePort
            selector:
              app: syslog
            ports:
              - name: syslog
                port: 514
                protocol: UDP
                nodePort: 30514
          ---

          apiVersion: v1
          kind: Service
          metadata:
            name: syslog-tls
            namespace: logging
          spec:
            type: NodePort
            selector:
              app: syslog-tls
            ports:
              - name: syslog-tls
                port: 6514
                nodePort: 30514
        `
      },
      findings: [
        {
          file: 'infra/syslog.yaml',
          line: 29,
          column: 7,
          severity: 'error',
          message:
            'Service logging/syslog-tls: nodePort 30514 is already used by Service logging/syslog at infra/syslog.yaml:14 (the allocator ignores the protocol: TCP here, UDP there); the second Service is refused with "spec.ports[0].nodePort: Invalid value: 30514: provided port is already allocated". Give one of them another nodePort.'
        }
      ]
    },
    {
      name: 'one Service repeats a nodePort with the same protocol',
      files: {
        'apps/web.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: web
            namespace: shop
          spec:
            type: NodePort
            selector:
              app: web
            ports:
              - name: http
                port: 80
                nodePort: 30080
              - name: alt
                port: 8080
                nodePort: 30080
        `
      },
      findings: [
        {
          file: 'apps/web.yaml',
          line: 16,
          column: 7,
          severity: 'error',
          message:
            'Service shop/web: spec.ports[1].nodePort: Duplicate value: 30080 (nodePort 30080/TCP is already used by this Service at line 13)'
        }
      ]
    }
  ]
})

describe('duplicate-node-port: scopes', () => {
  it('two clusters split by nodeScopes never share a nodePort allocator', () => {
    const services = [
      servicePort({
        file: 'clusters/prod/web.yaml',
        line: 12,
        type: 'NodePort',
        name: 'web',
        port: 80,
        nodePort: 30080
      }),
      servicePort({
        file: 'clusters/staging/api.yaml',
        line: 12,
        type: 'NodePort',
        name: 'api',
        port: 80,
        nodePort: 30080
      })
    ]
    const scopes = {
      nodeScopes: [
        { name: 'prod', paths: ['clusters/prod/**'] },
        { name: 'staging', paths: ['clusters/staging/**'] }
      ]
    }
    expect(check(duplicateNodePort, model({ services }), { scopes })).toEqual([])
    expect(
      check(duplicateNodePort, model({ services })).map((f) => [f.file, f.line, f.column])
    ).toEqual([['clusters/staging/api.yaml', 13, 7]])
  })
})
