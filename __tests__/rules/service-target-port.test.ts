// service-target-port: Services wired to the pod templates they select (Argo Rollouts and other
// custom resources included), as the endpoints controller resolves targetPort.
import { ruleCases } from '../helpers/rule-cases.js'
import { serviceTargetPort } from '../../src/rules/service-target-port.js'

ruleCases(serviceTargetPort, {
  valid: [
    {
      name: 'a named targetPort the Deployment declares, and an absent targetPort equal to a declared port',
      files: {
        'apps/checkout.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: checkout
            namespace: shop
          spec:
            replicas: 3
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
                  version: v2
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: http
                        containerPort: 8080
                      - name: metrics
                        containerPort: 9090
          ---

          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: shop
          spec:
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: http
              - name: metrics
                port: 9090
        `
      }
    },
    {
      name: 'an Argo Rollout declares the named port',
      files: {
        'apps/checkout/rollout.yaml': `
          apiVersion: argoproj.io/v1alpha1
          kind: Rollout
          metadata:
            name: checkout
            namespace: shop
          spec:
            replicas: 3
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
                  version: v2
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: http
                        containerPort: 8080
        `,
        'apps/checkout/service.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: shop
          spec:
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: http
        `
      }
    },
    {
      name: 'ExternalName and selector-less Services are not matched to pods',
      files: {
        'apps/external.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: payments
            namespace: shop
          spec:
            type: ExternalName
            externalName: payments.example.com
            selector:
              app: payments
            ports:
              - port: 443
                targetPort: https
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: legacy-db
            namespace: shop
          spec:
            ports:
              - port: 5432
                targetPort: postgres
        `
      }
    },
    {
      name: 'a pod template in a sibling folder is another deployment unit',
      files: {
        'examples/v1/checkout.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: checkout
            namespace: shop
          spec:
            replicas: 3
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
                  version: v2
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: http
                        containerPort: 8080
        `,
        'examples/v2/service.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: shop
          spec:
            selector:
              app: checkout
            ports:
              - port: 80
                targetPort: web
          ---

          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: checkout
            namespace: shop
          spec:
            replicas: 3
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
                  version: v2
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: web
                        containerPort: 8080
        `
      }
    },
    {
      name: 'a container port name left to a Helm value is unknown',
      files: {
        'rendered.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: checkout
            namespace: shop
          spec:
            replicas: 3
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
                  version: v2
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: {{ .Values.portName }}
                        containerPort: 8080
          ---

          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: shop
          spec:
            selector:
              app: checkout
            ports:
              - port: 80
                targetPort: http
        `
      }
    },
    {
      name: 'an unset namespace is default: a Service without one selects a Deployment in default',
      files: {
        'apps/checkout.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: checkout
            namespace: default
          spec:
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: http
                        containerPort: 8080
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
          spec:
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: http
        `
      }
    },
    {
      name: 'an OLM ClusterServiceVersion deployment is the pod template its Service selects',
      files: {
        'bundle/manifests/checkout.clusterserviceversion.yaml': `
          apiVersion: operators.coreos.com/v1alpha1
          kind: ClusterServiceVersion
          metadata:
            name: checkout-operator.v1.2.0
            namespace: operators
          spec:
            install:
              strategy: deployment
              spec:
                deployments:
                  - name: checkout-operator
                    spec:
                      replicas: 1
                      selector:
                        matchLabels:
                          app: checkout
                      template:
                        metadata:
                          labels:
                            app: checkout
                        spec:
                          containers:
                            - name: manager
                              image: ghcr.io/acme/checkout-operator:1.2.0
                              ports:
                                - name: http
                                  containerPort: 8080
        `,
        'bundle/manifests/checkout-metrics_v1_service.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: checkout-metrics
            namespace: operators
          spec:
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: http
        `
      }
    }
  ],
  invalid: [
    {
      name: 'a named targetPort the selected Deployment does not declare',
      files: {
        'apps/checkout.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: checkout
            namespace: shop
          spec:
            replicas: 3
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
                  version: v2
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: web
                        containerPort: 8080
          ---

          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: shop
          spec:
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: http
        `
      },
      findings: [
        {
          file: 'apps/checkout.yaml',
          line: 36,
          column: 7,
          severity: 'error',
          message:
            'Service shop/checkout: targetPort "http" (TCP) is not a port of Deployment shop/checkout (apps/checkout.yaml:12), which the selector app=checkout selects (its ports: 8080/TCP "web"); the endpoints controller leaves its pods out, so traffic to port 80 does not reach them. Name the container port "http" or change the targetPort.'
        }
      ]
    },
    {
      name: 'the name exists with another protocol',
      files: {
        'apps/dns.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: checkout
            namespace: shop
          spec:
            replicas: 3
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
                  version: v2
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: dns
                        containerPort: 5353
                        protocol: UDP
          ---

          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: shop
          spec:
            selector:
              app: checkout
            ports:
              - name: dns
                port: 53
                targetPort: dns
        `
      },
      findings: [
        {
          file: 'apps/dns.yaml',
          line: 37,
          column: 7,
          severity: 'error',
          message:
            'Service shop/checkout: targetPort "dns" (TCP) is not a port of Deployment shop/checkout (apps/dns.yaml:12), which the selector app=checkout selects (its port "dns" is UDP, not TCP); the endpoints controller leaves its pods out, so traffic to port 53 does not reach them. Set protocol: UDP on the Service port, or declare "dns" for TCP too.'
        }
      ]
    },
    {
      name: 'a numeric targetPort no container declares is a notice; a selector matching nothing is a notice',
      files: {
        'apps/checkout.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: checkout
            namespace: shop
          spec:
            replicas: 3
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
                  version: v2
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: http
                        containerPort: 8080
          ---

          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: shop
          spec:
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: 8000
        `,
        'apps/orphan.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: search
            namespace: shop
          spec:
            selector:
              app: search
              tier: api
            ports:
              - port: 80
                targetPort: http
        `
      },
      findings: [
        {
          file: 'apps/checkout.yaml',
          line: 36,
          column: 7,
          severity: 'notice',
          message:
            'Service shop/checkout: targetPort 8000/TCP is not declared by the pods it selects (Deployment shop/checkout; declared: 8080/TCP "http"). Declared ports are informational, so this works if the process listens there, but it often means the wrong port.'
        },
        {
          file: 'apps/orphan.yaml',
          line: 7,
          column: 3,
          severity: 'notice',
          message:
            'Service shop/search: the selector app=search, tier=api matches no pod template in namespace shop in this file, its folder, or a folder above or below it, so the Service has no endpoints unless its pods are created elsewhere.'
        }
      ]
    },
    {
      name: 'a custom resource with a pod template (OpenKruise CloneSet) is matched too',
      files: {
        'apps/checkout.yaml': `
          apiVersion: apps.kruise.io/v1alpha1
          kind: CloneSet
          metadata:
            name: checkout
            namespace: shop
          spec:
            replicas: 3
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
                  version: v2
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: web
                        containerPort: 8080
          ---

          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: shop
          spec:
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: http
        `
      },
      findings: [
        {
          file: 'apps/checkout.yaml',
          line: 36,
          column: 7,
          severity: 'error',
          message:
            'Service shop/checkout: targetPort "http" (TCP) is not a port of CloneSet shop/checkout (apps/checkout.yaml:12), which the selector app=checkout selects (its ports: 8080/TCP "web"); the endpoints controller leaves its pods out, so traffic to port 80 does not reach them. Name the container port "http" or change the targetPort.'
        }
      ]
    },
    {
      name: 'a Service in default and a Deployment without a namespace are matched: the named targetPort is checked',
      files: {
        'apps/checkout.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: checkout
          spec:
            selector:
              matchLabels:
                app: checkout
            template:
              metadata:
                labels:
                  app: checkout
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: web
                        containerPort: 8080
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: default
          spec:
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: http
        `
      },
      findings: [
        {
          file: 'apps/checkout.yaml',
          line: 32,
          column: 7,
          severity: 'error',
          message:
            'Service default/checkout: targetPort "http" (TCP) is not a port of Deployment checkout (apps/checkout.yaml:10), which the selector app=checkout selects (its ports: 8080/TCP "web"); the endpoints controller leaves its pods out, so traffic to port 80 does not reach them. Name the container port "http" or change the targetPort.'
        }
      ]
    },
    {
      name: 'an OLM ClusterServiceVersion deployment without the named port',
      files: {
        'bundle/manifests/checkout.clusterserviceversion.yaml': `
          apiVersion: operators.coreos.com/v1alpha1
          kind: ClusterServiceVersion
          metadata:
            name: checkout-operator.v1.2.0
            namespace: operators
          spec:
            install:
              strategy: deployment
              spec:
                deployments:
                  - name: checkout-operator
                    spec:
                      replicas: 1
                      selector:
                        matchLabels:
                          app: checkout
                      template:
                        metadata:
                          labels:
                            app: checkout
                        spec:
                          containers:
                            - name: manager
                              image: ghcr.io/acme/checkout-operator:1.2.0
                              ports:
                                - name: metrics
                                  containerPort: 8080
        `,
        'bundle/manifests/checkout-metrics_v1_service.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: checkout-metrics
            namespace: operators
          spec:
            selector:
              app: checkout
            ports:
              - name: http
                port: 80
                targetPort: http
        `
      },
      findings: [
        {
          file: 'bundle/manifests/checkout-metrics_v1_service.yaml',
          line: 12,
          column: 7,
          severity: 'error',
          message:
            'Service operators/checkout-metrics: targetPort "http" (TCP) is not a port of ClusterServiceVersion operators/checkout-operator.v1.2.0 (bundle/manifests/checkout.clusterserviceversion.yaml:18), which the selector app=checkout selects (its ports: 8080/TCP "metrics"); the endpoints controller leaves its pods out, so traffic to port 80 does not reach them. Name the container port "http" or change the targetPort.'
        }
      ]
    },
    {
      name: 'pods an operator makes (no template anywhere): one notice for the Service, not one per port',
      files: {
        'cluster/prometheus-service.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: prometheus-operated
            namespace: monitoring
          spec:
            selector:
              app.kubernetes.io/name: prometheus
            ports:
              - name: web
                port: 9090
                targetPort: web
              - name: grpc
                port: 10901
                targetPort: grpc
              - name: reloader
                port: 8080
                targetPort: reloader-web
        `
      },
      findings: [
        {
          file: 'cluster/prometheus-service.yaml',
          line: 7,
          column: 3,
          severity: 'notice',
          message:
            'Service monitoring/prometheus-operated: the selector app.kubernetes.io/name=prometheus matches no pod template in namespace monitoring in this file, its folder, or a folder above or below it, so the Service has no endpoints unless its pods are created elsewhere.'
        }
      ]
    },
    {
      name: 'a Deployment without a name is named as such (no double space)',
      files: {
        'apps/checkout.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            namespace: shop
          spec:
            template:
              metadata:
                labels:
                  app: checkout
              spec:
                containers:
                  - name: app
                    image: ghcr.io/acme/checkout:2.4.1
                    ports:
                      - name: web
                        containerPort: 8080
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: checkout
            namespace: shop
          spec:
            selector:
              app: checkout
            ports:
              - port: 80
                targetPort: http
        `
      },
      findings: [
        {
          file: 'apps/checkout.yaml',
          line: 28,
          column: 7,
          severity: 'error',
          message:
            'Service shop/checkout: targetPort "http" (TCP) is not a port of Deployment without a name in namespace shop (apps/checkout.yaml:7), which the selector app=checkout selects (its ports: 8080/TCP "web"); the endpoints controller leaves its pods out, so traffic to port 80 does not reach them. Name the container port "http" or change the targetPort.'
        }
      ]
    }
  ]
})
