// The "must show" of issue 9: a repository shaped like a real platform repo — an ingress controller
// DaemonSet on hostPort 80/443 (allowed for its namespace in .github/port-hygiene.yml), node-exporter
// on the host network, an Argo Rollout behind a stable and a canary Service with named targetPorts,
// two teams' NodePort Services, an Ingress, probes on named ports, and a local Compose stack with a
// database published on every interface — gives exactly these findings, no more, no less.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { seen } from '../helpers/model.js'
import { scanFolder } from './scan-fixture.js'

const root = path.resolve(import.meta.dirname, '../fixtures/platform')

describe('a platform repository', () => {
  it('gives exactly the expected findings', async () => {
    const result = await scanFolder(root)
    expect(seen(result.findings)).toEqual([
      // The local stack's PostgreSQL on every interface (issue 9a's rule): a notice, since
      // PostgreSQL asks for a password (issue 18: warnings are for services that do not).
      {
        ruleId: 'unbound-interface',
        severity: 'notice',
        message:
          'Published port 5432/tcp of service "db" (project shop-local) has no host IP: Docker listens on every interface, and its iptables rules let traffic past ufw and firewalld; bind it to loopback ("127.0.0.1:5432:5432", plus "[::1]:5432:5432" for IPv6) if only this host should reach it.',
        file: 'local/compose.yaml',
        line: 17,
        column: 9
      },
      // node-exporter's liveness probe names "metrics"; its port is "http-metrics".
      {
        ruleId: 'probe-port',
        severity: 'error',
        message:
          'livenessProbe (httpGet) of DaemonSet monitoring/node-exporter (container "node-exporter"): port "metrics" is not a port name of this container (its ports: 9100/TCP "http-metrics"); the kubelet cannot resolve it, every probe fails and the container is restarted over and over. Name the container port "metrics" or probe a declared one.',
        file: 'platform/monitoring/node-exporter.yaml',
        line: 31,
        column: 15
      },
      // The Ingress asks the checkout Service for the container's admin port 8558.
      {
        ruleId: 'ingress-backend-port',
        severity: 'error',
        message:
          'Ingress team-alpha/checkout: the backend asks for port 8558 of Service checkout, which has no such port (its ports: 80 "http"); the ingress controller finds no upstream for this path. Use one of the Service ports (port number or name), not the container port.',
        file: 'teams/alpha/checkout/ingress.yaml',
        line: 30,
        column: 19
      },
      // The canary Service targets "web"; the Rollout's pods name their port "http".
      {
        ruleId: 'service-target-port',
        severity: 'error',
        message:
          'Service team-alpha/checkout-canary: targetPort "web" (TCP) is not a port of Rollout team-alpha/checkout (teams/alpha/checkout/rollout.yaml:20), which the selector app=checkout selects (its ports: 8080/TCP "http", 8558/TCP "admin"); the endpoints controller leaves its pods out, so traffic to port 80 does not reach them. Name the container port "web" or change the targetPort.',
        file: 'teams/alpha/checkout/service.yaml',
        line: 27,
        column: 7
      },
      // team-beta's gateway takes nodePort 30080, which team-alpha's checkout holds.
      {
        ruleId: 'duplicate-node-port',
        severity: 'error',
        message:
          'Service team-beta/gateway: nodePort 30080 is already used by Service team-alpha/checkout at teams/alpha/checkout/service.yaml:14; the second Service is refused with "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated". Give one of them another nodePort.',
        file: 'teams/beta/gateway.yaml',
        line: 41,
        column: 7
      },
      // nodePort 31500 is above the static band 30000-30085 (a notice).
      {
        ruleId: 'node-port-range',
        severity: 'notice',
        message:
          'Service team-beta/gateway: nodePort 31500 is hard-coded above the static band 30000-30085 of the range 30000-32767: the allocator hands out ports from the upper band first (KEP-3668), so a Service created without a nodePort may already hold it; pick a port in 30000-30085.',
        file: 'teams/beta/gateway.yaml',
        line: 45,
        column: 7
      }
    ])
    expect(result.suppressed).toEqual([])
  })
})
