// node-port-range: the API server's and the allocator's verdicts on nodePorts, and the KEP-3668
// static band (30000-30085 of the default range), asserted through the whole engine.
import { ruleCases } from '../helpers/rule-cases.js'
import { nodePortRange } from '../../src/rules/node-port-range.js'

ruleCases(nodePortRange, {
  valid: [
    {
      name: 'a static nodePort inside the static band of the default range',
      files: {
        'apps/checkout/service.yaml': `
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
                targetPort: http
                nodePort: 30080
        `
      }
    },
    {
      name: 'a LoadBalancer with no nodePort (the allocator picks one), and a ClusterIP Service without one',
      files: {
        'apps/web.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: web
          spec:
            type: LoadBalancer
            selector:
              app: web
            ports:
              - port: 443
                targetPort: 8443
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: web-internal
          spec:
            selector:
              app: web
            ports:
              - port: 80
                nodePort: 0
        `
      }
    },
    {
      name: 'a nodePort in a configured range; the band check switched off',
      options: { range: '20000-22767', staticBand: false },
      files: {
        'svc.yaml': `
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
                targetPort: http
                nodePort: 21000
        `
      }
    },
    {
      name: 'a nodePort left to a Helm value is unknown, never reported',
      files: {
        'charts/web/templates/service.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: web
          spec:
            type: NodePort
            ports:
              - port: 80
                nodePort: {{ .Values.service.nodePort }}
        `
      }
    }
  ],
  invalid: [
    {
      name: 'a nodePort outside the default range, as the allocator words it',
      files: {
        'apps/checkout/service.yaml': `
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
                targetPort: http
                nodePort: 8080
        `
      },
      findings: [
        {
          file: 'apps/checkout/service.yaml',
          line: 14,
          column: 7,
          severity: 'error',
          message:
            'Service team-alpha/checkout: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767'
        }
      ]
    },
    {
      name: 'a nodePort on a ClusterIP Service (type left out) and on a headless one',
      files: {
        'apps/api.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: api
            namespace: shop
          spec:
            selector:
              app: api
            ports:
              - name: http
                port: 80
                nodePort: 30081
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: api-headless
            namespace: shop
          spec:
            clusterIP: None
            selector:
              app: api
            ports:
              - name: http
                port: 80
                nodePort: 30082
        `
      },
      findings: [
        {
          file: 'apps/api.yaml',
          line: 12,
          column: 7,
          severity: 'error',
          message:
            "Service shop/api: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'; use type NodePort or LoadBalancer, or remove the nodePort"
        },
        {
          file: 'apps/api.yaml',
          line: 26,
          column: 7,
          severity: 'error',
          message:
            "Service shop/api-headless: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP' (a headless Service is a ClusterIP Service); use type NodePort or LoadBalancer, or remove the nodePort"
        }
      ]
    },
    {
      name: 'a headless NodePort Service',
      files: {
        'svc.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: team-alpha
          spec:
            type: NodePort
            clusterIP: None
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: http
                nodePort: 30080
        `
      },
      findings: [
        {
          file: 'svc.yaml',
          line: 12,
          column: 7,
          severity: 'error',
          message:
            'Service team-alpha/checkout: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services; a headless Service has no nodePorts, so remove clusterIP: None or use type ClusterIP'
        }
      ]
    },
    {
      name: 'a hard-coded nodePort above the static band is a notice',
      files: {
        'apps/checkout/service.yaml': `
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
                targetPort: http
                nodePort: 31080
        `
      },
      findings: [
        {
          file: 'apps/checkout/service.yaml',
          line: 14,
          column: 7,
          severity: 'notice',
          message:
            'Service team-alpha/checkout: nodePort 31080 is hard-coded above the static band 30000-30085 of the range 30000-32767: the allocator hands out ports from the upper band first (KEP-3668), so a Service created without a nodePort may already hold it; pick a port in 30000-30085.'
        }
      ]
    },
    {
      name: 'a configured range: band and bounds follow it (20000-21023: band 20000-20031)',
      options: { range: { min: 20000, max: 21023 } },
      files: {
        'a.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: team-alpha
          spec:
            type: LoadBalancer
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: http
                nodePort: 30080
        `,
        'b.yaml': `
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
                targetPort: http
                nodePort: 20040
        `
      },
      findings: [
        {
          file: 'a.yaml',
          line: 14,
          column: 7,
          severity: 'error',
          message:
            'Service team-alpha/checkout: spec.ports[0].nodePort: Invalid value: 30080: provided port is not in the valid range. The range of valid ports is 20000-21023'
        },
        {
          file: 'b.yaml',
          line: 14,
          column: 7,
          severity: 'notice',
          message:
            'Service team-alpha/checkout: nodePort 20040 is hard-coded above the static band 20000-20031 of the range 20000-21023: the allocator hands out ports from the upper band first (KEP-3668), so a Service created without a nodePort may already hold it; pick a port in 20000-20031.'
        }
      ]
    }
  ]
})
