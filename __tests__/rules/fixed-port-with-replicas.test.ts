import { ruleCases } from '../helpers/rule-cases.js'
import { fixedPortWithReplicas } from '../../src/rules/fixed-port-with-replicas.js'

const composeMessage = (service: string, replicas: number, problem: string, example: string) =>
  `Service "${service}" (project repo) runs ${replicas} replicas but ${problem}; publish a range ` +
  `at least as long as the replicas ("${example}"), leave the host port out, or put a proxy in ` +
  'front of the service.'

const fixed = (port: number, protocol = 'tcp') =>
  `publishes the fixed host port ${port}/${protocol}: every replica after the first fails with ` +
  `"Bind for 0.0.0.0:${port} failed: port is already allocated"`

const envoy = (replicas: string, extra = '') => `
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: envoy
    namespace: projectcontour
  spec:
    replicas: ${replicas}
    selector:
      matchLabels: { app: envoy }
    template:
      metadata:
        labels: { app: envoy }
      spec:${extra}
        containers:
          - name: envoy
            image: docker.io/envoyproxy/envoy:v1.31.0
            ports:
              - name: http
                containerPort: 8080
                hostPort: 80
              - name: metrics
                containerPort: 8002
`

const STORM_WORKER = `
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: storm-worker-controller
  spec:
    replicas: 2
    selector:
      matchLabels: { name: storm-worker }
    template:
      metadata:
        labels: { name: storm-worker }
      spec:
        containers:
          - name: storm-worker
            image: mattf/storm-worker
            ports:
              - hostPort: 6700
                containerPort: 6700
              - hostPort: 6701
                containerPort: 6701
`

ruleCases(fixedPortWithReplicas, {
  valid: [
    {
      name: 'one replica, unpublished ports, and a range at least as long as the replicas',
      files: {
        'compose.yaml': `
          services:
            web:
              image: nginx:1.27
              ports:
                - "8080:80"
            worker:
              image: ghcr.io/acme/worker:3.0.2
              scale: 4
              ports:
                - "9000"
            api:
              image: ghcr.io/acme/api:2.3.1
              deploy:
                replicas: 3
              ports:
                - "8000-8002:8000"
        `
      }
    },
    {
      name: 'a DaemonSet with hostPort 80/443, and a Deployment with one replica',
      files: {
        'ingress.yaml': `
          apiVersion: apps/v1
          kind: DaemonSet
          metadata: { name: ingress-nginx-controller, namespace: ingress-nginx }
          spec:
            selector: { matchLabels: { app: ingress-nginx } }
            template:
              metadata: { labels: { app: ingress-nginx } }
              spec:
                containers:
                  - name: controller
                    image: registry.k8s.io/ingress-nginx/controller:v1.11.2
                    ports:
                      - { containerPort: 80, hostPort: 80 }
                      - { containerPort: 443, hostPort: 443 }
        `,
        'envoy.yaml': envoy('1')
      }
    },
    {
      name: 'a Swarm stack file by name, and a service whose deploy keys only Swarm reads',
      files: {
        'docker-stack.yml': `
          services:
            vote:
              image: dockersamples/examplevotingapp_vote
              ports:
                - "8080:80"
              deploy:
                replicas: 2
        `,
        'edge/compose.yaml': `
          services:
            proxy:
              image: traefik:v3.1
              ports:
                - "443:443"
              deploy:
                replicas: 3
                placement:
                  constraints: [node.role == manager]
                update_config:
                  parallelism: 1
        `
      }
    },
    {
      name: 'a stack file named by the option',
      options: { stackFiles: ['deploy/swarm/**'] },
      files: {
        'deploy/swarm/app.yml': `
          services:
            app:
              image: ghcr.io/acme/app:1.0.0
              deploy: { replicas: 4 }
              ports: ["8000:8000"]
        `
      }
    }
  ],
  invalid: [
    {
      name: 'a Swarm service publishing in mode: host is a notice',
      files: {
        'monitoring-stack.yml': `
          services:
            cadvisor:
              image: gcr.io/cadvisor/cadvisor:v0.49.1
              deploy:
                replicas: 3
              ports:
                - target: 8080
                  published: 10080
                  mode: host
        `
      },
      findings: [
        {
          file: 'monitoring-stack.yml',
          line: 8,
          column: 20,
          severity: 'notice',
          message:
            'Service "cadvisor" (project repo) runs 3 Swarm replicas with port 10080/tcp in mode: host: ' +
            'each task binds the port on its own node, so two tasks cannot share a node; use mode: ' +
            'ingress (the routing mesh), deploy.mode: global, or placement.max_replicas_per_node: 1.'
        }
      ]
    },
    {
      name: 'scale and deploy.replicas on fixed ports, and a range shorter than the replicas',
      files: {
        'compose.yaml': `
          services:
            web:
              image: ghcr.io/acme/web:1.0.0
              scale: 2
              ports:
                - "8080:80"
            api:
              image: ghcr.io/acme/api:2.3.1
              deploy:
                replicas: 3
              ports:
                - "8000-8001:8000"
                - target: 9090
                  published: "9090"
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 6,
          column: 9,
          severity: 'error',
          message: composeMessage('web', 2, fixed(8080), '8080-8081:80')
        },
        {
          file: 'compose.yaml',
          line: 12,
          column: 9,
          severity: 'error',
          message: composeMessage(
            'api',
            3,
            'publishes a range of 2 host ports (8000-8001/tcp) for them: replica 3 finds none free',
            '8000-8002:8000'
          )
        },
        {
          file: 'compose.yaml',
          line: 14,
          column: 20,
          severity: 'error',
          message: composeMessage('api', 3, fixed(9090), '9090-9092:9090')
        }
      ]
    },
    {
      name: 'replicas set in an override file, ranges mapped port to port',
      files: {
        'compose.yaml': `
          services:
            game:
              image: ghcr.io/acme/game-server:0.9.1
              ports:
                - "27015-27016:27015-27016/udp"
        `,
        'compose.override.yaml': `
          services:
            game:
              deploy:
                replicas: \${GAME_REPLICAS:-2}
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 5,
          column: 9,
          severity: 'error',
          message: composeMessage(
            'game',
            2,
            fixed(27015, 'udp').replace('27015/udp', '27015-27016/udp'),
            '27015-27016:27015'
          )
        }
      ]
    },
    {
      name: 'a Deployment with hostPort 80 and two replicas is a notice (projectcontour example)',
      files: { 'contour/envoy.yaml': envoy('2') },
      findings: [
        {
          file: 'contour/envoy.yaml',
          line: 20,
          column: 15,
          severity: 'notice',
          message:
            'Deployment projectcontour/envoy (container "envoy") runs 2 replicas with host port 80/TCP: ' +
            'each replica needs a node of its own where the port is free, so on a small cluster or ' +
            'during a rolling update some stay Pending; run it as a DaemonSet, or make sure there are ' +
            'enough nodes (maxSurge: 0, pod anti-affinity).'
        }
      ]
    },
    {
      name: 'one notice per container, naming each of its host ports (the storm worker example)',
      files: {
        'storm/worker.yaml': STORM_WORKER
      },
      findings: [
        {
          file: 'storm/worker.yaml',
          line: 17,
          column: 15,
          severity: 'notice',
          message:
            'Deployment storm-worker-controller (container "storm-worker") runs 2 replicas with host ' +
            'ports 6700/TCP, 6701/TCP: each replica needs a node of its own where the port is free, so ' +
            'on a small cluster or during a rolling update some stay Pending; run it as a DaemonSet, ' +
            'or make sure there are enough nodes (maxSurge: 0, pod anti-affinity).'
        }
      ]
    },
    {
      // Rendered install files: each copy is the rule's own finding, its ports once each (they
      // were one finding over both files, "6700/TCP, 6701/TCP, 6700/TCP, 6701/TCP"); the
      // post-pass then makes the copies one finding (merge-findings.test.ts, one-line.test.ts).
      name: 'one object copied into two files: a notice per file, each port named once',
      files: { 'install/a.yaml': STORM_WORKER, 'install/b.yaml': STORM_WORKER },
      findings: ['install/a.yaml', 'install/b.yaml'].map((file) => ({
        file,
        line: 17,
        column: 15,
        severity: 'notice' as const,
        message:
          'Deployment storm-worker-controller (container "storm-worker") runs 2 replicas with host ' +
          'ports 6700/TCP, 6701/TCP: each replica needs a node of its own where the port is free, so ' +
          'on a small cluster or during a rolling update some stay Pending; run it as a DaemonSet, ' +
          'or make sure there are enough nodes (maxSurge: 0, pod anti-affinity).'
      }))
    },
    {
      name: 'a StatefulSet on the host network with three replicas',
      files: {
        'kafka.yaml': `
          apiVersion: apps/v1
          kind: StatefulSet
          metadata: { name: kafka, namespace: data }
          spec:
            replicas: 3
            serviceName: kafka
            selector: { matchLabels: { app: kafka } }
            template:
              metadata: { labels: { app: kafka } }
              spec:
                hostNetwork: true
                containers:
                  - name: kafka
                    image: apache/kafka:3.8.0
                    ports:
                      - containerPort: 9092
        `
      },
      findings: [
        {
          file: 'kafka.yaml',
          line: 16,
          column: 15,
          severity: 'notice',
          message:
            'StatefulSet data/kafka (container "kafka") runs 3 replicas with port 9092/TCP on the host ' +
            'network: each replica needs a node of its own where the port is free, so on a small ' +
            'cluster or during a rolling update some stay Pending; run it as a DaemonSet, or make sure ' +
            'there are enough nodes (maxSurge: 0, pod anti-affinity).'
        }
      ]
    }
  ]
})
