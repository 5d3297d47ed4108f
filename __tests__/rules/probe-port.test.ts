// probe-port: the kubelet resolves a named probe port among the ports of the probe's container.
import { ruleCases } from '../helpers/rule-cases.js'
import { probePort } from '../../src/rules/probe-port.js'

ruleCases(probePort, {
  valid: [
    {
      name: 'httpGet, tcpSocket and grpc probes on declared names and numbers',
      files: {
        'apps/orders.yaml': `
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: orders
            namespace: shop
          spec:
            serviceName: orders
            selector:
              matchLabels:
                app: orders
            template:
              metadata:
                labels:
                  app: orders
              spec:
                containers:
                  - name: orders
                    image: ghcr.io/acme/orders:1.9.0
                    ports:
                      - name: http
                        containerPort: 8080
                      - name: metrics
                        containerPort: 9090
                    livenessProbe:
                      httpGet:
                        path: /healthz
                        port: http
                    readinessProbe:
                      tcpSocket:
                        port: 9090
                    startupProbe:
                      grpc:
                        port: 8080
        `
      }
    },
    {
      name: 'a numeric probe port on a container that declares no ports says nothing',
      files: {
        'apps/orders.yaml': `
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: orders
            namespace: shop
          spec:
            serviceName: orders
            selector:
              matchLabels:
                app: orders
            template:
              metadata:
                labels:
                  app: orders
              spec:
                containers:
                  - name: orders
                    image: ghcr.io/acme/orders:1.9.0
                    ports:
                      []
                    livenessProbe:
                      httpGet:
                        path: /healthz
                        port: 8081
        `
      }
    },
    {
      name: 'a CronJob container probing its own named port',
      files: {
        'jobs/report.yaml': `
          apiVersion: batch/v1
          kind: CronJob
          metadata:
            name: nightly-report
          spec:
            schedule: '0 3 * * *'
            jobTemplate:
              spec:
                template:
                  spec:
                    restartPolicy: OnFailure
                    containers:
                      - name: report
                        image: ghcr.io/acme/report:3
                        ports:
                          - name: admin
                            containerPort: 8558
                        readinessProbe:
                          httpGet:
                            path: /ready
                            port: admin
        `
      }
    }
  ],
  invalid: [
    {
      name: 'a port declared twice is named once in the list of the container ports',
      files: {
        'apps/cache.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: cache
          spec:
            selector:
              matchLabels: { app: cache }
            template:
              metadata:
                labels: { app: cache }
              spec:
                containers:
                  - name: cache
                    image: memcached:1.6
                    ports:
                      - containerPort: 11211
                      - containerPort: 11211
                    readinessProbe:
                      tcpSocket:
                        port: 11212
        `
      },
      findings: [
        {
          file: 'apps/cache.yaml',
          line: 20,
          column: 15,
          severity: 'notice',
          message:
            'readinessProbe (tcpSocket) of Deployment cache (container "cache"): port 11212 is not ' +
            'declared by this container (its ports: 11211/TCP). Declared ports are informational, so ' +
            'the probe works if the process listens there, but it often means a port that was ' +
            'changed in one place only.'
        }
      ]
    },
    {
      name: 'a liveness probe on a port name the container does not declare',
      files: {
        'apps/orders.yaml': `
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: orders
            namespace: shop
          spec:
            serviceName: orders
            selector:
              matchLabels:
                app: orders
            template:
              metadata:
                labels:
                  app: orders
              spec:
                containers:
                  - name: orders
                    image: ghcr.io/acme/orders:1.9.0
                    ports:
                      - name: http
                        containerPort: 8080
                      - name: metrics
                        containerPort: 9090
                    livenessProbe:
                      httpGet:
                        path: /healthz
                        port: health
        `
      },
      findings: [
        {
          file: 'apps/orders.yaml',
          line: 27,
          column: 15,
          severity: 'error',
          message:
            'livenessProbe (httpGet) of StatefulSet shop/orders (container "orders"): port "health" is not a port name of this container (its ports: 8080/TCP "http", 9090/TCP "metrics"); the kubelet cannot resolve it, every probe fails and the container is restarted over and over. Name the container port "health" or probe a declared one.'
        }
      ]
    },
    {
      name: 'the name belongs to another container of the pod (the sidecar), not to the probed one',
      files: {
        'apps/orders.yaml': `
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: orders
            namespace: shop
          spec:
            serviceName: orders
            selector:
              matchLabels:
                app: orders
            template:
              metadata:
                labels:
                  app: orders
              spec:
                containers:
                  - name: orders
                    image: ghcr.io/acme/orders:1.9.0
                    ports:
                      - name: http
                        containerPort: 8080
                      - name: metrics
                        containerPort: 9090
                    readinessProbe:
                      tcpSocket:
                        port: envoy-admin
                  - name: envoy
                    image: envoyproxy/envoy:v1.31.0
                    ports:
                      - name: envoy-admin
                        containerPort: 9901
        `
      },
      findings: [
        {
          file: 'apps/orders.yaml',
          line: 26,
          column: 15,
          severity: 'error',
          message:
            'readinessProbe (tcpSocket) of StatefulSet shop/orders (container "orders"): port "envoy-admin" is not a port name of this container (its ports: 8080/TCP "http", 9090/TCP "metrics"); the kubelet cannot resolve it, every probe fails and the pod never becomes ready. Name the container port "envoy-admin" or probe a declared one.'
        }
      ]
    },
    {
      name: 'a numeric port the container does not declare is a notice',
      files: {
        'apps/orders.yaml': `
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: orders
            namespace: shop
          spec:
            serviceName: orders
            selector:
              matchLabels:
                app: orders
            template:
              metadata:
                labels:
                  app: orders
              spec:
                containers:
                  - name: orders
                    image: ghcr.io/acme/orders:1.9.0
                    ports:
                      - name: http
                        containerPort: 8080
                      - name: metrics
                        containerPort: 9090
                    startupProbe:
                      httpGet:
                        path: /started
                        port: 8081
        `
      },
      findings: [
        {
          file: 'apps/orders.yaml',
          line: 27,
          column: 15,
          severity: 'notice',
          message:
            'startupProbe (httpGet) of StatefulSet shop/orders (container "orders"): port 8081 is not declared by this container (its ports: 8080/TCP "http", 9090/TCP "metrics"). Declared ports are informational, so the probe works if the process listens there, but it often means a port that was changed in one place only.'
        }
      ]
    }
  ]
})
