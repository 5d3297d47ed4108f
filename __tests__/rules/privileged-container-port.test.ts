import { defaultOptions, parseOptions } from '../../src/config/options.js'
import { describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { seen } from '../helpers/model.js'
import { CORPUS, scanFixture, scanFolder } from './scan-fixture.js'
import { privilegedContainerPort } from '../../src/rules/privileged-container-port.js'
import type { PortBinding } from '../../src/model.js'
import { check, composePort, kubePort, model } from '../helpers/model.js'

const run = (bindings: PortBinding[], options?: unknown) =>
  check(privilegedContainerPort, model({ bindings }), {
    options:
      options === undefined
        ? defaultOptions(privilegedContainerPort.options)
        : parseOptions(privilegedContainerPort.options, options)
  })

const web = {
  file: 'apps/web.yaml',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  container: 'nginx'
}

describe('privileged-container-port', () => {
  it('warns about a containerPort below 1024 without NET_BIND_SERVICE, at the containerPort key', () => {
    expect(run([kubePort({ ...web, line: 22, containerPort: 80 })])).toEqual([
      {
        ruleId: 'privileged-container-port',
        severity: 'warning',
        file: 'apps/web.yaml',
        line: 22,
        column: 13,
        message:
          'Container port 80/TCP of Deployment shop/web (container "nginx") is below 1024 and the container ' +
          'does not add NET_BIND_SERVICE: a process that does not run as root cannot bind it; add ' +
          'NET_BIND_SERVICE to securityContext.capabilities.add, set the pod sysctl ' +
          'net.ipv4.ip_unprivileged_port_start, or listen on a port of 1024 or above.'
      }
    ])
  })

  it('is silent for 1024 and above, NET_BIND_SERVICE, ALL, and a low enough sysctl', () => {
    expect(
      run([
        kubePort({ ...web, line: 22, containerPort: 1024 }),
        kubePort({ ...web, line: 30, containerPort: 80, capabilities: ['NET_BIND_SERVICE'] }),
        kubePort({ ...web, line: 38, containerPort: 443, capabilities: ['ALL'] }),
        kubePort({ ...web, line: 46, containerPort: 80, unprivilegedPortStart: 0 }),
        kubePort({ ...web, line: 54, containerPort: 80, unprivilegedPortStart: 80 })
      ])
    ).toEqual([])
  })

  it('warns when the sysctl starts above the port', () => {
    const findings = run([
      kubePort({ ...web, line: 22, containerPort: 80, unprivilegedPortStart: 443 })
    ])
    expect(findings.map((f) => f.line)).toEqual([22])
  })

  it('checks init containers and sidecars too, and honours allow', () => {
    const bindings = [
      kubePort({
        ...web,
        line: 22,
        container: 'proxy',
        containerKind: 'sidecar',
        containerPort: 443
      }),
      kubePort({
        ...web,
        line: 30,
        container: 'setup',
        containerKind: 'initContainer',
        containerPort: 80
      })
    ]
    expect(run(bindings).map((f) => f.message.split(' is below')[0])).toEqual([
      'Container port 443/TCP of Deployment shop/web (sidecar "proxy")',
      'Container port 80/TCP of Deployment shop/web (initContainer "setup")'
    ])
    expect(run(bindings, { allow: [80, 443] })).toEqual([])
  })

  it("trusts Docker's unprivileged-port default for Compose, except under host networking", () => {
    const bindings = [
      composePort({ file: 'compose.yaml', line: 6, service: 'web', published: 8080, target: 80 }),
      composePort({
        file: 'compose.yaml',
        line: 12,
        service: 'dns',
        target: 53,
        protocol: 'udp',
        hostNetwork: true
      }),
      composePort({
        file: 'compose.yaml',
        line: 18,
        service: 'ntp',
        target: 123,
        protocol: 'udp',
        hostNetwork: true,
        capabilities: ['NET_BIND_SERVICE']
      })
    ]
    expect(run(bindings)).toEqual([
      {
        ruleId: 'privileged-container-port',
        severity: 'warning',
        file: 'compose.yaml',
        line: 12,
        column: 9,
        message:
          'Container port 53/udp of service "dns" (project shop) is below 1024 and the container does not ' +
          'add NET_BIND_SERVICE: a process that does not run as root cannot bind it; add NET_BIND_SERVICE ' +
          'to cap_add, or listen on a port of 1024 or above.'
      }
    ])
    expect(run(bindings, { assumeDockerDefaults: false }).map((f) => f.line)).toEqual([6, 12])
  })

  it('rejects bad options with the option named', () => {
    expect(() => parseOptions(privilegedContainerPort.options, { allow: ['80'] })).toThrow(
      'allow[0] must be a port (1-65535) (got "80")'
    )
    expect(() =>
      parseOptions(privilegedContainerPort.options, { assumeDockerDefaults: 'yes' })
    ).toThrow('assumeDockerDefaults must be true or false')
  })
})

describe('privileged-container-port: fixtures', () => {
  it('a non-root nginx on 80 is reported; NET_BIND_SERVICE and the sysctl are not', async () => {
    expect(await scanFixture('privileged-container-port', 'kubernetes')).toEqual([
      {
        ruleId: 'privileged-container-port',
        severity: 'warning',
        file: 'deployments.yaml',
        line: 21,
        column: 15,
        message:
          'Container port 80/TCP of Deployment shop/web (container "nginx") is below 1024 and the container ' +
          'does not add NET_BIND_SERVICE: a process that does not run as root cannot bind it; add ' +
          'NET_BIND_SERVICE to securityContext.capabilities.add, set the pod sysctl ' +
          'net.ipv4.ip_unprivileged_port_start, or listen on a port of 1024 or above.'
      }
    ])
  })

  it('Compose: only the host-network service without NET_BIND_SERVICE', async () => {
    const findings = await scanFixture('privileged-container-port', 'compose')
    expect(findings.map((f) => [f.file, f.line, f.column, f.severity])).toEqual([
      ['compose.yaml', 12, 9, 'warning']
    ])
    expect(findings[0]!.message).toMatch(
      /^Container port 53\/udp of service "dns" \(project [\w-]+\) is below 1024/
    )
  })
})

const KUBE_LINTER = path.join(CORPUS, 'conformance/peer-cases/kube-linter__privileged-ports')

describe.skipIf(!existsSync(KUBE_LINTER))(
  `privileged-container-port: kube-linter peer case (skipped when ${KUBE_LINTER} is absent)`,
  () => {
    it('agrees with kube-linter privileged-ports: the Deployment and the DeploymentConfig on port 80', async () => {
      // kube-linter: 'port 80 is mapped in container "app".' for app1 (Deployment) and app2
      // (DeploymentConfig, a custom resource found by the generic pod-template walk); the two
      // dont-fire objects on 8080 are silent.
      const findings = seen((await scanFolder(KUBE_LINTER)).findings, 'privileged-container-port')
      expect(findings.map((f) => [f.file, f.line, f.column])).toEqual([
        ['input.yaml', 39, 11],
        ['input.yaml', 52, 11]
      ])
      expect(findings.map((f) => f.message.split(' is below')[0])).toEqual([
        'Container port 80/TCP of Deployment app1 (container "app")',
        'Container port 80/TCP of DeploymentConfig app2 (container "app")'
      ])
    })
  }
)
