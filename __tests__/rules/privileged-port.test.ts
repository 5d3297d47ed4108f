import { ruleCases } from '../helpers/rule-cases.js'
import { defaultOptions, parseOptions } from '../../src/config/options.js'
import { describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { seen } from '../helpers/model.js'
import { CORPUS, scanFixture, scanFolder } from './scan-fixture.js'
import { privilegedPort } from '../../src/rules/privileged-port.js'
import type { PortBinding } from '../../src/model.js'
import { check, composePort, kubePort, model } from '../helpers/model.js'

const run = (bindings: PortBinding[], options?: unknown) =>
  check(privilegedPort, model({ bindings }), {
    options:
      options === undefined
        ? defaultOptions(privilegedPort.options)
        : parseOptions(privilegedPort.options, options)
  })

const ingress = {
  file: 'ingress/controller.yaml',
  kind: 'DaemonSet',
  namespace: 'ingress-nginx',
  name: 'controller',
  container: 'controller'
}

describe('privileged-port', () => {
  it('reports a hostPort below 1024 at its hostPort key', () => {
    expect(run([kubePort({ ...ingress, line: 40, containerPort: 80, hostPort: 80 })])).toEqual([
      {
        ruleId: 'privileged-port',
        severity: 'error',
        file: 'ingress/controller.yaml',
        line: 41,
        column: 13,
        message:
          'Host port 80/TCP of DaemonSet ingress-nginx/controller (container "controller") is privileged ' +
          '(below 1024): it needs root on the host and competes with system services; use a port of 1024 ' +
          'or above, or allow it in the config.'
      }
    ])
  })

  it('1024 is not privileged, 1023 is', () => {
    const findings = run([
      kubePort({ ...ingress, line: 40, containerPort: 1024, hostPort: 1024 }),
      kubePort({ ...ingress, line: 50, containerPort: 1023, hostPort: 1023 })
    ])
    expect(findings.map((f) => f.line)).toEqual([51])
  })

  it('every containerPort of a hostNetwork pod is a host port', () => {
    const findings = run([
      kubePort({
        file: 'dns.yaml',
        line: 30,
        kind: 'DaemonSet',
        namespace: 'kube-system',
        name: 'node-dns',
        container: 'dns',
        containerPort: 53,
        protocol: 'UDP',
        hostNetwork: true
      })
    ])
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'dns.yaml',
        line: 30,
        column: 13,
        message:
          'Port 53/UDP of DaemonSet kube-system/node-dns (container "dns"), bound on the host itself ' +
          '(host network), is privileged (below 1024): it needs root on the host and competes with system ' +
          'services; use a port of 1024 or above, or allow it in the config.'
      })
    ])
  })

  it('a container port without hostPort or host network is not host-facing', () => {
    expect(run([kubePort({ file: 'web.yaml', line: 20, containerPort: 80 })])).toEqual([])
  })

  it('reports Compose published ports and host-network target ports, not unpublished ones', () => {
    const findings = run([
      composePort({ file: 'compose.yaml', line: 6, service: 'web', published: 80, target: 8080 }),
      composePort({ file: 'compose.yaml', line: 10, service: 'app', target: 80 }),
      composePort({
        file: 'compose.yaml',
        line: 14,
        service: 'dns',
        target: 53,
        protocol: 'udp',
        hostNetwork: true
      }),
      composePort({
        file: 'compose.yaml',
        line: 18,
        service: 'env',
        published: 25,
        target: 25,
        unresolved: true
      })
    ])
    expect(findings.map((f) => [f.line, f.column, f.message])).toEqual([
      [
        6,
        9,
        'Published port 80/tcp of service "web" (project shop) is privileged (below 1024): it needs root ' +
          'on the host and competes with system services; use a port of 1024 or above, or allow it in the config.'
      ],
      [
        14,
        9,
        'Port 53/udp of service "dns" (project shop), bound on the host itself (host network), is ' +
          'privileged (below 1024): it needs root on the host and competes with system services; use a ' +
          'port of 1024 or above, or allow it in the config.'
      ]
    ])
  })

  it('names the privileged part of a published range, and the host IP', () => {
    const findings = run([
      composePort({
        file: 'compose.yaml',
        line: 6,
        hostIP: '127.0.0.1',
        published: [1000, 1030],
        target: [1000, 1030]
      })
    ])
    expect(findings[0]!.message).toMatch(
      /^Published port 1000-1023\/tcp on 127\.0\.0\.1 of service "web"/
    )
  })

  it('allows listed ports everywhere, or per path, namespace and project', () => {
    const bindings = [
      kubePort({ ...ingress, line: 40, containerPort: 80, hostPort: 80 }),
      kubePort({ ...ingress, line: 50, containerPort: 443, hostPort: 443 }),
      kubePort({
        file: 'apps/web.yaml',
        line: 20,
        namespace: 'shop',
        containerPort: 80,
        hostPort: 80
      }),
      composePort({
        file: 'edge/compose.yaml',
        line: 6,
        project: 'edge',
        published: 443,
        target: 443
      })
    ]
    expect(run(bindings, { allow: [80, 443] })).toEqual([])
    expect(
      run(bindings, { allow: [{ ports: [80, 443], paths: ['ingress/**'] }] }).map((f) => f.file)
    ).toEqual(['apps/web.yaml', 'edge/compose.yaml'])
    expect(
      run(bindings, {
        allow: [
          { ports: [80, 443], namespaces: ['ingress-nginx'] },
          { ports: [443], projects: ['edge'] }
        ]
      }).map((f) => f.file)
    ).toEqual(['apps/web.yaml'])
  })

  it('rejects bad options with the option named', () => {
    expect(() => parseOptions(privilegedPort.options, { allow: 80 })).toThrow(
      /^allow must be a list/
    )
    expect(() => parseOptions(privilegedPort.options, { allow: [{ ports: [80, 70000] }] })).toThrow(
      'allow[0].ports[1] must be a port (1-65535) (got 70000)'
    )
    expect(() => parseOptions(privilegedPort.options, { allow: [{ paths: ['x/**'] }] })).toThrow(
      'allow[0].ports is required'
    )
    expect(() =>
      parseOptions(privilegedPort.options, { allow: [{ ports: [80], namespace: ['x'] }] })
    ).toThrow(/allow\[0\]\.namespace is not a key of an allow entry/)
    expect(() => parseOptions(privilegedPort.options, { alow: [80] })).toThrow(
      /^alow is not a known option/
    )
  })
})

describe('privileged-port: fixtures', () => {
  const tail =
    'is privileged (below 1024): it needs root on the host and competes with system services; use a port of 1024 or above, or allow it in the config.'

  it('an ingress DaemonSet with hostPort 80/443 and a hostNetwork DNS cache; not hostPort 1024, not a plain containerPort', async () => {
    expect(await scanFixture('privileged-port', 'kubernetes')).toEqual([
      {
        ruleId: 'privileged-port',
        severity: 'error',
        file: 'ingress-controller.yaml',
        line: 21,
        column: 15,
        message: `Host port 80/TCP of DaemonSet ingress-nginx/ingress-nginx-controller (container "controller") ${tail}`
      },
      {
        ruleId: 'privileged-port',
        severity: 'error',
        file: 'ingress-controller.yaml',
        line: 25,
        column: 15,
        message: `Host port 443/TCP of DaemonSet ingress-nginx/ingress-nginx-controller (container "controller") ${tail}`
      },
      {
        ruleId: 'privileged-port',
        severity: 'error',
        file: 'node-local-dns.yaml',
        line: 21,
        column: 15,
        message: `Port 53/UDP of DaemonSet kube-system/node-local-dns (container "node-cache"), bound on the host itself (host network), ${tail}`
      }
    ])
  })

  it('Compose: short and long published ports and network_mode: host, not an unpublished "443"', async () => {
    const findings = await scanFixture('privileged-port', 'compose')
    expect(findings.map((f) => [f.file, f.line, f.column, f.severity])).toEqual([
      ['compose.yaml', 5, 9, 'error'],
      ['compose.yaml', 7, 20, 'error'],
      ['compose.yaml', 17, 9, 'error']
    ])
    expect(findings.map((f) => f.message.replace(/\(project [\w-]+\)/, '(project P)'))).toEqual([
      `Published port 80/tcp of service "proxy" (project P) ${tail}`,
      `Published port 443/tcp of service "proxy" (project P) ${tail}`,
      `Port 123/udp of service "ntp" (project P), bound on the host itself (host network), ${tail}`
    ])
  })

  it('an allow entry scoped to ingress/** in .github/port-hygiene.yml leaves other paths reported', async () => {
    expect(
      (await scanFixture('privileged-port', 'allowed')).map((f) => [f.file, f.line, f.column])
    ).toEqual([
      ['apps/daemonset.yaml', 20, 15],
      ['apps/daemonset.yaml', 22, 15]
    ])
  })
})

const KUBE_LINTER = path.join(CORPUS, 'conformance/peer-cases/kube-linter__privileged-ports')

describe.skipIf(!existsSync(KUBE_LINTER))(
  `privileged-port: kube-linter peer case (skipped when ${KUBE_LINTER} is absent)`,
  () => {
    it('reports nothing: kube-linter flags containerPort 80, which is not host-facing', async () => {
      // kube-linter privileged-ports looks at containerPort in (0, 1024) and ignores hostPort and
      // hostNetwork (corpus README, "Where the peers disagree", 4). None of its objects binds a
      // host port, so this rule is silent; privileged-container-port reports what it reports.
      expect(seen((await scanFolder(KUBE_LINTER)).findings, 'privileged-port')).toEqual([])
    })
  }
)

ruleCases(privilegedPort, {
  valid: [
    {
      name: 'an unprivileged published port and an allowed ingress hostPort',
      files: {
        'compose.yaml': `
          services:
            web:
              image: nginx:1.27
              ports:
                - "8080:80"
        `,
        'ingress.yaml': `
          apiVersion: apps/v1
          kind: DaemonSet
          metadata: { name: controller, namespace: ingress-nginx }
          spec:
            template:
              spec:
                containers:
                  - name: controller
                    ports:
                      - containerPort: 80
                        hostPort: 80
        `
      },
      options: { allow: [{ ports: ['80-443'], namespaces: ['ingress-nginx'] }] }
    }
  ],
  invalid: [
    {
      name: 'a published port below 1024, at the configured severity',
      severity: 'warning',
      files: {
        'compose.yaml': `
          services:
            web:
              image: nginx:1.27
              ports:
                - "80:80"
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 5,
          column: 9,
          severity: 'warning',
          message:
            'Published port 80/tcp of service "web" (project repo) is privileged (below 1024): it needs ' +
            'root on the host and competes with system services; use a port of 1024 or above, or allow it in the config.'
        }
      ]
    }
  ]
})
