import { ruleCases } from '../helpers/rule-cases.js'
import { hostPortInEphemeralRange } from '../../src/rules/host-port-in-ephemeral-range.js'

const tail = (start = 32768, end = 60999) =>
  ` is inside the ephemeral port range ${start}-${end} (net.ipv4.ip_local_port_range), which the ` +
  'kernel hands to outgoing connections: the port can be taken when the container starts and the ' +
  `bind fails with "address already in use"; use a port below ${start}, or reserve it on the ` +
  'hosts with net.ipv4.ip_local_reserved_ports.'

const daemonSet = (ports: string, extra = '') => `
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: agent
    namespace: observability
  spec:
    selector:
      matchLabels: { app: agent }
    template:
      metadata:
        labels: { app: agent }
      spec:${extra}
        containers:
          - name: agent
            image: otel/opentelemetry-collector-contrib:0.109.0
            ports:
${ports}
`

ruleCases(hostPortInEphemeralRange, {
  valid: [
    {
      name: 'host ports below the range, a nodePort-range hostPort, and a container port in range',
      files: {
        'agent.yaml': daemonSet(
          '              - { containerPort: 4317, hostPort: 4317 }\n' +
            '              - { containerPort: 32767, hostPort: 32767 }\n' +
            '              - { containerPort: 40000 }'
        ),
        'compose.yaml': `
          services:
            web:
              image: nginx:1.27
              ports:
                - "8080:80"
                - "61000:61000"
                - "50000"
                - "40000-40100:9000"
        `
      }
    },
    {
      name: 'a node whose range was moved by the option',
      options: { range: '49152-65535' },
      files: {
        'agent.yaml': daemonSet('              - { containerPort: 40000, hostPort: 40000 }')
      }
    }
  ],
  invalid: [
    {
      name: 'a hostPort, a hostNetwork port and a published port inside 32768-60999',
      files: {
        'agent.yaml': daemonSet(
          '              - containerPort: 4317\n                hostPort: 55680'
        ),
        'exporter.yaml': daemonSet(
          '              - containerPort: 39100',
          '\n        hostNetwork: true'
        ),
        'compose.yaml': `
          services:
            game:
              image: ghcr.io/acme/game-server:0.9.1
              ports:
                - "127.0.0.1:45000:45000/udp"
        `
      },
      findings: [
        {
          file: 'agent.yaml',
          line: 18,
          column: 15,
          severity: 'warning',
          message: `Host port 55680/TCP of DaemonSet observability/agent (container "agent")${tail()}`
        },
        {
          file: 'compose.yaml',
          line: 5,
          column: 9,
          severity: 'warning',
          message: `Published port 45000/udp on 127.0.0.1 of service "game" (project repo)${tail()}`
        },
        {
          file: 'exporter.yaml',
          line: 18,
          column: 15,
          severity: 'warning',
          message:
            'Port 39100/TCP of DaemonSet observability/agent (container "agent"), bound on the host ' +
            `itself (host network),${tail()}`
        }
      ]
    },
    {
      name: 'the range as { min, max } and a severity of error',
      options: { range: { min: 30000, max: 40000 } },
      severity: 'error',
      files: {
        'compose.yaml': `
          services:
            api:
              image: ghcr.io/acme/api:2.3.1
              ports:
                - target: 8080
                  published: 31080
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 6,
          column: 20,
          severity: 'error',
          message: `Published port 31080/tcp of service "api" (project repo)${tail(30000, 40000)}`
        }
      ]
    }
  ]
})
