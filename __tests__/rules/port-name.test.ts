// port-name: port names as the API server validates them (IANA service names in pods, DNS-1123
// labels in Services) and warns about them (one name in two containers of a pod).
import { ruleCases } from '../helpers/rule-cases.js'
import { portName } from '../../src/rules/port-name.js'

ruleCases(portName, {
  valid: [
    {
      name: 'IANA names up to 15 characters in a pod; Service names up to 63 (admission-webhook, distributor-prom-metrics)',
      files: {
        'apps/metallb.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: metallb-controller
            namespace: metallb-system
          spec:
            selector:
              matchLabels:
                app: metallb
            template:
              metadata:
                labels:
                  app: metallb
              spec:
                containers:
                  - name: controller
                    image: quay.io/metallb/controller:v0.14.8
                    ports:
                      - name: monitoring
                        containerPort: 7472
                      - name: webhook-server
                        containerPort: 9443
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: metallb-webhook-service
            namespace: metallb-system
          spec:
            selector:
              app: metallb
            ports:
              - name: admission-webhook
                port: 443
                targetPort: webhook-server
              - name: distributor-prom-metrics
                port: 7472
                targetPort: monitoring
              - name: "8080"
                port: 8080
        `
      }
    },
    {
      name: 'a single-port Service needs no name',
      files: {
        'svc.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: web
          spec:
            selector:
              app: web
            ports:
              - port: 80
        `
      }
    }
  ],
  invalid: [
    {
      name: 'container port names that are not IANA service names, and one used twice in a container',
      files: {
        'apps/metallb.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: metallb-controller
            namespace: metallb-system
          spec:
            selector:
              matchLabels:
                app: metallb
            template:
              metadata:
                labels:
                  app: metallb
              spec:
                containers:
                  - name: controller
                    image: quay.io/metallb/controller:v0.14.8
                    ports:
                      - name: Monitoring
                        containerPort: 7472
                      - name: webhook-server-tls
                        containerPort: 9443
                      - name: metrics--http
                        containerPort: 9090
                      - name: health
                        containerPort: 8081
                      - name: health
                        containerPort: 8082
        `
      },
      findings: [
        {
          file: 'apps/metallb.yaml',
          line: 19,
          column: 15,
          severity: 'error',
          message:
            'Deployment metallb-system/metallb-controller: spec.template.spec.containers[0].ports[0].name: Invalid value: "Monitoring": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-) (container port names are IANA service names)'
        },
        {
          file: 'apps/metallb.yaml',
          line: 21,
          column: 15,
          severity: 'error',
          message:
            'Deployment metallb-system/metallb-controller: spec.template.spec.containers[0].ports[1].name: Invalid value: "webhook-server-tls": must be no more than 15 characters (container port names are IANA service names)'
        },
        {
          file: 'apps/metallb.yaml',
          line: 23,
          column: 15,
          severity: 'error',
          message:
            'Deployment metallb-system/metallb-controller: spec.template.spec.containers[0].ports[2].name: Invalid value: "metrics--http": must not contain consecutive hyphens (container port names are IANA service names)'
        },
        {
          file: 'apps/metallb.yaml',
          line: 27,
          column: 15,
          severity: 'error',
          message:
            'Deployment metallb-system/metallb-controller: spec.template.spec.containers[0].ports[4].name: Duplicate value: "health" (container "controller" already has a port of that name at line 25; names must be unique within a container)'
        }
      ]
    },
    {
      name: 'the same name in two containers of one pod is a warning',
      files: {
        'apps/metallb.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: metallb-controller
            namespace: metallb-system
          spec:
            selector:
              matchLabels:
                app: metallb
            template:
              metadata:
                labels:
                  app: metallb
              spec:
                containers:
                  - name: controller
                    image: quay.io/metallb/controller:v0.14.8
                    ports:
                      - name: monitoring
                        containerPort: 7472
                  - name: frr-metrics
                    image: quay.io/frrouting/frr:9.1.0
                    ports:
                      - name: monitoring
                        containerPort: 7473
        `
      },
      findings: [
        {
          file: 'apps/metallb.yaml',
          line: 24,
          column: 15,
          severity: 'warning',
          message:
            'Deployment metallb-system/metallb-controller: spec.template.spec.containers[1].ports[0]: duplicate port name "monitoring" with spec.template.spec.containers[0].ports[0], services and probes that select ports by name will use spec.template.spec.containers[0].ports[0] (container "controller", line 19)'
        }
      ]
    },
    {
      name: 'Service port names: required with several ports, DNS-1123 labels, unique',
      files: {
        'apps/svc.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: metallb-webhook-service
            namespace: metallb-system
          spec:
            selector:
              app: metallb
            ports:
              - port: 443
                targetPort: 9443
              - name: Metrics
                port: 7472
              - name: webhook
                port: 9443
              - name: webhook
                port: 9444
        `
      },
      findings: [
        {
          file: 'apps/svc.yaml',
          line: 10,
          column: 7,
          severity: 'error',
          message:
            'Service metallb-system/metallb-webhook-service: spec.ports[0].name: Required value (every port of a Service with more than one port needs a name)'
        },
        {
          file: 'apps/svc.yaml',
          line: 12,
          column: 7,
          severity: 'error',
          message:
            'Service metallb-system/metallb-webhook-service: spec.ports[1].name: Invalid value: "Metrics": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (Service port names are DNS-1123 labels)'
        },
        {
          file: 'apps/svc.yaml',
          line: 16,
          column: 7,
          severity: 'error',
          message:
            'Service metallb-system/metallb-webhook-service: spec.ports[3].name: Duplicate value: "webhook" (the same name is used at line 14; names must be unique within a Service)'
        }
      ]
    }
  ]
})
