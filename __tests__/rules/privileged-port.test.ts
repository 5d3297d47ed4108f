import { ruleCases } from '../helpers/rule-cases.js'
import { defaultOptions, parseOptions } from '../../src/config/options.js'
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { seen } from '../helpers/model.js'
import { CORPUS, scanFixture, scanFolder } from './scan-fixture.js'
import { privilegedPort } from '../../src/rules/privileged-port.js'
import { HOST_DAEMON_PORTS } from '../../src/rules/shared/host-daemons.js'
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

const ROOTLESS =
  'is privileged (below 1024): the bind fails under rootless Docker or Podman and wherever ' +
  'net.ipv4.ip_unprivileged_port_start is 1024 for the binder; use a port of 1024 or above, or ' +
  'allow it in the config.'

const TAKE =
  'use a port of 1024 or above, or allow it in the config if the host runs no such daemon.'

/** A host daemon's port: the bind collides on every interface, or may collide elsewhere. */
const daemon = (who: string, port: number, how: 'every' | 'maybe' | 'portmap') =>
  `is where ${who} commonly listens on the host (port ${port}): ` +
  {
    every: 'on every interface the bind collides with it ("address already in use"); ',
    maybe: 'the bind collides with it if it listens on the same address; ',
    portmap: "the CNI portmap plugin redirects the node's port to the pod, cutting the daemon off; "
  }[how] +
  TAKE

describe('privileged-port', () => {
  it('allows 80 and 443 by default; webPorts: [] takes the allowance away', () => {
    const bindings = [
      kubePort({ ...ingress, line: 40, containerPort: 80, hostPort: 80 }),
      composePort({ file: 'compose.yaml', line: 6, service: 'web', published: 443, target: 8443 })
    ]
    expect(run(bindings)).toEqual([])
    expect(run(bindings, { webPorts: [] })).toEqual([
      {
        ruleId: 'privileged-port',
        severity: 'warning',
        file: 'ingress/controller.yaml',
        line: 41,
        column: 13,
        message: `Host port 80/TCP of DaemonSet ingress-nginx/controller (container "controller") ${ROOTLESS}`
      },
      expect.objectContaining({
        file: 'compose.yaml',
        severity: 'warning',
        message: `Published port 443/tcp of service "web" (project shop) ${ROOTLESS}`
      })
    ])
  })

  it('reports a hostPort below 1024 at its hostPort key, a warning naming where the bind fails', () => {
    expect(run([kubePort({ ...ingress, line: 40, containerPort: 8081, hostPort: 81 })])).toEqual([
      {
        ruleId: 'privileged-port',
        severity: 'warning',
        file: 'ingress/controller.yaml',
        line: 41,
        column: 13,
        message: `Host port 81/TCP of DaemonSet ingress-nginx/controller (container "controller") ${ROOTLESS}`
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

  it('every containerPort of a hostNetwork pod is a host port; on a daemon port it may collide', () => {
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
        severity: 'warning',
        message:
          'Port 53/UDP of DaemonSet kube-system/node-dns (container "dns"), bound on the host itself ' +
          `(host network), ${daemon('systemd-resolved (127.0.0.53) or dnsmasq', 53, 'maybe')}`
      })
    ])
  })

  it('a container port without hostPort or host network is not host-facing', () => {
    expect(run([kubePort({ file: 'web.yaml', line: 20, containerPort: 80 })])).toEqual([])
  })

  it('a host daemon port published by Compose on every interface is an error; elsewhere a warning', () => {
    const findings = run([
      composePort({ file: 'compose.yaml', line: 6, service: 'mail', published: 25, target: 25 }),
      composePort({
        file: 'compose.yaml',
        line: 7,
        service: 'mail',
        hostIP: '0.0.0.0',
        published: 22,
        target: 22
      }),
      composePort({
        file: 'compose.yaml',
        line: 8,
        service: 'mail',
        hostIP: '10.0.0.5',
        published: 25,
        target: 25
      }),
      // rpcbind listens on 111 tcp and udp; NTP on 123 udp only, so 123/tcp is only privileged.
      composePort({
        file: 'compose.yaml',
        line: 9,
        service: 'nfs',
        published: 111,
        target: 111,
        protocol: 'udp'
      }),
      composePort({ file: 'compose.yaml', line: 10, service: 'ntp', published: 123, target: 123 }),
      composePort({
        file: 'compose.yaml',
        line: 11,
        service: 'env',
        published: 25,
        target: 25,
        unresolved: true
      }),
      composePort({ file: 'compose.yaml', line: 12, service: 'app', target: 22 })
    ])
    const mta = 'the mail transfer agent (Postfix, Exim)'
    expect(findings.map((f) => [f.line, f.severity, f.message])).toEqual([
      [
        6,
        'error',
        `Published port 25/tcp of service "mail" (project shop) ${daemon(mta, 25, 'every')}`
      ],
      [
        7,
        'error',
        `Published port 22/tcp on 0.0.0.0 of service "mail" (project shop) ${daemon('sshd', 22, 'every')}`
      ],
      [
        8,
        'warning',
        `Published port 25/tcp on 10.0.0.5 of service "mail" (project shop) ${daemon(mta, 25, 'maybe')}`
      ],
      [
        9,
        'error',
        `Published port 111/udp of service "nfs" (project shop) ${daemon('rpcbind', 111, 'every')}`
      ],
      [10, 'warning', `Published port 123/tcp of service "ntp" (project shop) ${ROOTLESS}`]
    ])
  })

  it('a Kubernetes hostPort on a daemon port is an error: the portmap DNAT cuts the daemon off', () => {
    expect(
      run([
        kubePort({ file: 'git.yaml', line: 20, name: 'git', containerPort: 2222, hostPort: 22 })
      ])
    ).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: `Host port 22/TCP of Deployment default/git (container "app") ${daemon('sshd', 22, 'portmap')}`
      })
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

  it('a range over a daemon port is an error on every interface, unless that port is allowed', () => {
    const range = composePort({
      file: 'compose.yaml',
      line: 6,
      published: [20, 30],
      target: [20, 30]
    })
    expect(run([range]).map((f) => f.severity)).toEqual(['error'])
    expect(run([range], { allow: [22, 25] }).map((f) => f.severity)).toEqual(['warning'])
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
    const noWeb = { webPorts: [] }
    expect(run(bindings, { ...noWeb, allow: [80, 443] })).toEqual([])
    expect(
      run(bindings, { ...noWeb, allow: [{ ports: [80, 443], paths: ['ingress/**'] }] }).map(
        (f) => f.file
      )
    ).toEqual(['apps/web.yaml', 'edge/compose.yaml'])
    expect(
      run(bindings, {
        ...noWeb,
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
    expect(() => parseOptions(privilegedPort.options, { webPorts: 80 })).toThrow(
      /^webPorts must be/
    )
    expect(() => parseOptions(privilegedPort.options, { alow: [80] })).toThrow(
      /^alow is not a known option/
    )
  })

  it('the host-daemon list: a source per entry, and the page lists each', () => {
    const page = readFileSync(
      path.join(
        path.dirname(fileURLToPath(import.meta.url)),
        '../../docs/rules/privileged-port.md'
      ),
      'utf8'
    )
    for (const entry of HOST_DAEMON_PORTS) {
      expect(entry.source).toMatch(/^https:\/\//)
      const row = page.split('\n').find((line) => line.split('|')[1]?.trim() === String(entry.port))
      expect(row, `docs/rules/privileged-port.md has no row for ${entry.port}`).toBeDefined()
      expect(row).toContain(entry.source)
    }
  })
})

describe('privileged-port: fixtures', () => {
  it('an ingress DaemonSet on 80/443 is allowed; a hostPort 22 is an error, a hostNetwork DNS cache a warning', async () => {
    expect(await scanFixture('privileged-port', 'kubernetes')).toEqual([
      {
        ruleId: 'privileged-port',
        severity: 'error',
        file: 'git-ssh.yaml',
        line: 21,
        column: 15,
        message: `Host port 22/TCP of DaemonSet forge/git-ssh (container "sshd") ${daemon('sshd', 22, 'portmap')}`
      },
      {
        ruleId: 'privileged-port',
        severity: 'warning',
        file: 'node-local-dns.yaml',
        line: 21,
        column: 15,
        message: `Port 53/UDP of DaemonSet kube-system/node-local-dns (container "node-cache"), bound on the host itself (host network), ${daemon('systemd-resolved (127.0.0.53) or dnsmasq', 53, 'maybe')}`
      }
    ])
  })

  it('Compose: 80/443 allowed, DNS on every interface an error, on a LAN address and host networking warnings', async () => {
    const findings = await scanFixture('privileged-port', 'compose')
    const dns = 'systemd-resolved (127.0.0.53) or dnsmasq'
    expect(
      findings.map((f) => [
        f.line,
        f.column,
        f.severity,
        f.message.replace(/\(project [\w-]+\)/, '(project P)')
      ])
    ).toEqual([
      [
        17,
        9,
        'warning',
        `Port 123/udp of service "ntp" (project P), bound on the host itself (host network), ${daemon('the NTP daemon (ntpd, chronyd serving time)', 123, 'maybe')}`
      ],
      [
        21,
        9,
        'error',
        `Published port 53/udp of service "dns" (project P) ${daemon(dns, 53, 'every')}`
      ],
      [
        22,
        9,
        'warning',
        `Published port 53/tcp on 192.168.1.10 of service "dns" (project P) ${daemon(dns, 53, 'maybe')}`
      ],
      [26, 9, 'warning', `Published port 873/tcp of service "rsync" (project P) ${ROOTLESS}`]
    ])
  })

  it('webPorts: [] and an allow entry scoped to ingress/** leave other paths reported', async () => {
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
      name: 'an unprivileged published port, 80/443 by default, and an allowed ingress hostPort',
      files: {
        'compose.yaml': `
          services:
            web:
              image: nginx:1.27
              ports:
                - "8080:80"
                - "80:80"
                - "443:443"
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
                      - containerPort: 53
                        hostPort: 53
                        protocol: UDP
        `
      },
      options: { allow: [{ ports: [53], namespaces: ['ingress-nginx'] }] }
    }
  ],
  invalid: [
    {
      name: 'a host daemon port at the configured severity; the others stay warnings',
      severity: 'warning',
      files: {
        'compose.yaml': `
          services:
            dns:
              image: pihole/pihole:2024.07.0
              ports:
                - "53:53/udp"
                - "67:67/udp"
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 5,
          column: 9,
          severity: 'warning',
          message: `Published port 53/udp of service "dns" (project repo) ${daemon('systemd-resolved (127.0.0.53) or dnsmasq', 53, 'every')}`
        },
        {
          file: 'compose.yaml',
          line: 6,
          column: 9,
          severity: 'warning',
          message: `Published port 67/udp of service "dns" (project repo) ${ROOTLESS}`
        }
      ]
    }
  ]
})
