import { defaultOptions, parseOptions } from '../../src/config/options.js'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { LineCounter, parseDocument, stringify, type Scalar, type YAMLMap } from 'yaml'
import { describe, expect, it } from 'vitest'
import { duplicateHostPort } from '../../src/rules/duplicate-host-port.js'
import type { PortBinding } from '../../src/model.js'
import type { ScanResult } from '../../src/engine.js'
import { renderJson, type JsonReport } from '../../src/report/json.js'
import { renderText } from '../../src/report/text.js'
import {
  at,
  check,
  composePort,
  kubeObject,
  kubePort,
  model,
  noRanges,
  seen
} from '../helpers/model.js'
import { CORPUS, scanFixture, scanFolder } from './scan-fixture.js'
import { partsOf } from '../../src/rules/merge-findings.js'

const run = (...bindings: PortBinding[]) => check(duplicateHostPort, model({ bindings }))

describe('duplicate-host-port: Kubernetes across workloads', () => {
  it('two DaemonSets with hostPort 9100 are a certain conflict, reported on the later one', () => {
    const findings = run(
      kubePort({
        file: 'monitoring/node-exporter.yaml',
        line: 20,
        kind: 'DaemonSet',
        namespace: 'monitoring',
        name: 'node-exporter',
        container: 'exporter',
        containerPort: 9100,
        hostPort: 9100
      }),
      kubePort({
        file: 'monitoring/agent.yaml',
        line: 30,
        kind: 'DaemonSet',
        namespace: 'monitoring',
        name: 'agent',
        container: 'agent',
        containerPort: 9100,
        hostPort: 9100
      })
    )
    expect(findings).toEqual([
      {
        ruleId: 'duplicate-host-port',
        severity: 'error',
        file: 'monitoring/node-exporter.yaml',
        line: 21,
        column: 13,
        message:
          'Host port 9100/TCP of DaemonSet monitoring/node-exporter (container "exporter", monitoring/node-exporter.yaml:21) ' +
          'is also claimed by DaemonSet monitoring/agent (container "agent", monitoring/agent.yaml:31): ' +
          'certain conflict: both are DaemonSets, which run a pod on every node, so the two pods can never share a node.'
      }
    ])
  })

  it('a hostNetwork DaemonSet containerPort 9100 conflicts with another DaemonSet hostPort 9100', () => {
    const findings = run(
      kubePort({
        file: 'a/exporter.yaml',
        line: 25,
        kind: 'DaemonSet',
        namespace: 'monitoring',
        name: 'node-exporter',
        containerPort: 9100,
        hostNetwork: true
      }),
      kubePort({
        file: 'b/agent.yaml',
        line: 18,
        kind: 'DaemonSet',
        namespace: 'monitoring',
        name: 'agent',
        containerPort: 9100,
        hostPort: 9100
      })
    )
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'b/agent.yaml',
        line: 19,
        column: 13,
        message:
          'Host port 9100/TCP of DaemonSet monitoring/agent (container "app", b/agent.yaml:19) is also claimed by ' +
          'DaemonSet monitoring/node-exporter (container "app", host network, a/exporter.yaml:25): ' +
          'certain conflict: both are DaemonSets, which run a pod on every node, so the two pods can never share a node.'
      })
    ])
  })

  it('a DaemonSet against a Deployment is certain', () => {
    const findings = run(
      kubePort({
        file: 'ingress.yaml',
        line: 30,
        kind: 'DaemonSet',
        namespace: 'ingress',
        name: 'controller',
        containerPort: 80,
        hostPort: 80
      }),
      kubePort({
        file: 'web.yaml',
        line: 22,
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        containerPort: 8080,
        hostPort: 80
      })
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ severity: 'error', file: 'web.yaml', line: 23, column: 13 })
    expect(findings[0]!.message).toContain(
      'certain conflict: DaemonSet controller runs a pod on every node'
    )
  })

  it('two Deployments are a possible conflict (a warning at the first claim: the scheduler leaves one Pending)', () => {
    const findings = run(
      kubePort({ file: 'apps/a.yaml', line: 22, name: 'a', containerPort: 8080, hostPort: 8080 }),
      kubePort({ file: 'apps/b.yaml', line: 22, name: 'b', containerPort: 8080, hostPort: 8080 })
    )
    expect(findings).toEqual([
      {
        ruleId: 'duplicate-host-port',
        severity: 'warning',
        file: 'apps/a.yaml',
        line: 23,
        column: 13,
        message:
          'Host port 8080/TCP of Deployment default/a (container "app", apps/a.yaml:23) is also claimed by ' +
          'Deployment default/b (container "app", apps/b.yaml:23): possible conflict: the scheduler never ' +
          'places both pods on one node, and leaves one Pending when no other node is free.'
      }
    ])
  })

  it('the same Deployment in base/ and overlays/prod/ never conflicts with itself', () => {
    const spec = {
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      containerPort: 8080,
      hostPort: 8080
    }
    expect(
      run(
        kubePort({ file: 'base/web.yaml', line: 20, ...spec }),
        kubePort({ file: 'overlays/prod/web.yaml', line: 24, ...spec })
      )
    ).toEqual([])
  })

  it('ports without a hostPort, different protocols and different host IPs do not conflict', () => {
    expect(
      run(
        kubePort({ file: 'a.yaml', line: 20, name: 'a', containerPort: 8080 }),
        kubePort({ file: 'b.yaml', line: 20, name: 'b', containerPort: 8080 }),
        kubePort({
          file: 'c.yaml',
          line: 20,
          name: 'c',
          containerPort: 53,
          hostPort: 53,
          protocol: 'UDP'
        }),
        kubePort({
          file: 'd.yaml',
          line: 20,
          name: 'd',
          containerPort: 53,
          hostPort: 53,
          protocol: 'TCP'
        }),
        kubePort({
          file: 'e.yaml',
          line: 20,
          kind: 'DaemonSet',
          name: 'e',
          containerPort: 80,
          hostPort: 7000,
          hostIP: '10.0.0.1'
        }),
        kubePort({
          file: 'f.yaml',
          line: 20,
          kind: 'DaemonSet',
          name: 'f',
          containerPort: 80,
          hostPort: 7000,
          hostIP: '10.0.0.2'
        })
      )
    ).toEqual([])
  })

  it('an empty hostIP overlaps a specific one across workloads', () => {
    const findings = run(
      kubePort({
        file: 'e.yaml',
        line: 20,
        kind: 'DaemonSet',
        name: 'e',
        containerPort: 80,
        hostPort: 7000,
        hostIP: '10.0.0.1'
      }),
      kubePort({
        file: 'f.yaml',
        line: 20,
        kind: 'DaemonSet',
        name: 'f',
        containerPort: 80,
        hostPort: 7000
      })
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ file: 'f.yaml', line: 21, severity: 'error' })
  })

  it('node scopes from the config separate clusters; files outside every scope share the default one', () => {
    const scopes = {
      nodeScopes: [
        { name: 'prod', paths: ['clusters/prod/**'] },
        { name: 'staging', paths: ['clusters/staging/**'] }
      ]
    }
    const bindings = [
      kubePort({
        file: 'clusters/prod/exporter.yaml',
        line: 20,
        kind: 'DaemonSet',
        name: 'exporter',
        containerPort: 9100,
        hostPort: 9100
      }),
      kubePort({
        file: 'clusters/staging/agent.yaml',
        line: 20,
        kind: 'DaemonSet',
        name: 'agent',
        containerPort: 9100,
        hostPort: 9100
      }),
      kubePort({
        file: 'shared/one.yaml',
        line: 20,
        kind: 'DaemonSet',
        name: 'one',
        containerPort: 9200,
        hostPort: 9200
      }),
      kubePort({
        file: 'other/two.yaml',
        line: 20,
        kind: 'DaemonSet',
        name: 'two',
        containerPort: 9200,
        hostPort: 9200
      })
    ]
    const findings = check(duplicateHostPort, model({ bindings }), { scopes })
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(['shared/one.yaml:21'])
  })

  it('two pod templates of one custom resource are two pods', () => {
    const object = kubeObject({ kind: 'TFJob', namespace: 'ml', name: 'train' })
    const templates = [
      { location: at('train.yaml', 10, 9), object, labels: {}, hostNetwork: false },
      { location: at('train.yaml', 30, 9), object, labels: {}, hostNetwork: false }
    ]
    const bindings = [
      kubePort({
        file: 'train.yaml',
        line: 20,
        kind: 'TFJob',
        namespace: 'ml',
        name: 'train',
        container: 'ps',
        containerPort: 2222,
        hostPort: 2222
      }),
      kubePort({
        file: 'train.yaml',
        line: 40,
        kind: 'TFJob',
        namespace: 'ml',
        name: 'train',
        container: 'worker',
        containerPort: 2222,
        hostPort: 2222
      })
    ]
    const findings = check(duplicateHostPort, model({ bindings, podTemplates: templates }))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ severity: 'warning', line: 21 })
    expect(findings[0]!.message).toContain('possible conflict')
  })
})

describe('duplicate-host-port: inside one pod (what the API server rejects)', () => {
  const pod = { file: 'pod.yaml', kind: 'Pod', namespace: 'default', name: 'p' }

  it('two containers with the same hostPort (k8s "host port not unique")', () => {
    const findings = run(
      kubePort({ ...pod, line: 12, container: 'abc', containerPort: 80, hostPort: 80 }),
      kubePort({ ...pod, line: 18, container: 'def', containerPort: 81, hostPort: 80 })
    )
    expect(findings).toEqual([
      {
        ruleId: 'duplicate-host-port',
        severity: 'error',
        file: 'pod.yaml',
        line: 19,
        column: 13,
        message:
          'Host port 80/TCP of Pod default/p (container "def", pod.yaml:19) is also claimed by ' +
          'Pod default/p (container "abc", pod.yaml:13): both are in one pod, which the API server ' +
          'rejects (duplicate hostPort "TCP//80").'
      }
    ])
  })

  it('the same hostPort with TCP and UDP is fine', () => {
    expect(
      run(
        kubePort({ ...pod, line: 12, containerPort: 80, hostPort: 80, protocol: 'TCP' }),
        kubePort({ ...pod, line: 15, containerPort: 80, hostPort: 80, protocol: 'UDP' })
      )
    ).toEqual([])
  })

  it('init containers are checked one at a time, but a duplicate inside one is an error', () => {
    const init = { ...pod, containerKind: 'initContainer' as const }
    expect(
      run(
        kubePort({ ...init, line: 12, container: 'one', containerPort: 80, hostPort: 80 }),
        kubePort({ ...init, line: 18, container: 'two', containerPort: 80, hostPort: 80 }),
        kubePort({ ...pod, line: 24, container: 'app', containerPort: 80, hostPort: 80 })
      )
    ).toEqual([])
    const inside = run(
      kubePort({ ...init, line: 12, container: 'abc', containerPort: 8080, hostPort: 8080 }),
      kubePort({ ...init, line: 15, container: 'abc', containerPort: 8080, hostPort: 8080 })
    )
    expect(inside).toHaveLength(1)
    expect(inside[0]).toMatchObject({ line: 16, column: 13, severity: 'error' })
    expect(inside[0]!.message).toContain('duplicate hostPort "TCP//8080"')
  })

  it('a sidecar (restartPolicy Always) runs alongside the main containers', () => {
    const findings = run(
      kubePort({
        ...pod,
        line: 12,
        container: 'proxy',
        containerKind: 'sidecar',
        containerPort: 15000,
        hostPort: 15000
      }),
      kubePort({ ...pod, line: 24, container: 'app', containerPort: 15000, hostPort: 15000 })
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]!.message).toContain(
      'Pod default/p (container "app", pod.yaml:25) is also claimed by Pod default/p (sidecar "proxy", pod.yaml:13)'
    )
  })

  it('follows the API key exactly: an empty hostIP and 127.0.0.1 differ inside one pod', () => {
    expect(
      run(
        kubePort({ ...pod, line: 12, containerPort: 80, hostPort: 80 }),
        kubePort({
          ...pod,
          line: 18,
          container: 'b',
          containerPort: 80,
          hostPort: 80,
          hostIP: '127.0.0.1'
        })
      )
    ).toEqual([])
  })
})

describe('duplicate-host-port: Compose', () => {
  it('two services each "3000" (unpublished) do not conflict', () => {
    expect(
      run(
        composePort({ file: 'compose.yaml', line: 5, service: 'a', target: 3000 }),
        composePort({ file: 'compose.yaml', line: 9, service: 'b', target: 3000 })
      )
    ).toEqual([])
  })

  it('127.0.0.1:8080 vs 192.168.1.10:8080 and [::1]:8200 vs 127.0.0.1:8200 do not conflict', () => {
    expect(
      run(
        composePort({
          file: 'compose.yaml',
          line: 5,
          service: 'a',
          hostIP: '127.0.0.1',
          published: 8080,
          target: 80
        }),
        composePort({
          file: 'compose.yaml',
          line: 9,
          service: 'b',
          hostIP: '192.168.1.10',
          published: 8080,
          target: 80
        }),
        composePort({
          file: 'compose.yaml',
          line: 13,
          service: 'c',
          hostIP: '::1',
          published: 8200,
          target: 8200
        }),
        composePort({
          file: 'compose.yaml',
          line: 17,
          service: 'd',
          hostIP: '127.0.0.1',
          published: 8200,
          target: 8200
        }),
        composePort({
          file: 'compose.yaml',
          line: 21,
          service: 'e',
          hostIP: '0.0.0.0',
          published: 8300,
          target: 80
        }),
        composePort({
          file: 'compose.yaml',
          line: 25,
          service: 'f',
          hostIP: '::1',
          published: 8300,
          target: 80
        })
      )
    ).toEqual([])
  })

  it('6000:80/TCP vs 6000:81/tcp in one project is an error', () => {
    const findings = run(
      composePort({
        file: 'compose.yaml',
        line: 5,
        service: 'a',
        published: 6000,
        target: 80,
        protocol: 'tcp'
      }),
      composePort({
        file: 'compose.yaml',
        line: 9,
        service: 'b',
        published: 6000,
        target: 81,
        protocol: 'tcp'
      })
    )
    expect(findings).toEqual([
      {
        ruleId: 'duplicate-host-port',
        severity: 'error',
        file: 'compose.yaml',
        line: 9,
        column: 9,
        message:
          'Host port 6000/tcp of service "b" (project shop, compose.yaml:9) is also claimed by ' +
          'service "a" (project shop, compose.yaml:5): both are in Compose project "shop", ' +
          'so the second container fails to start (port is already allocated).'
      }
    ])
  })

  it('every interface, 0.0.0.0 and :: overlap specific addresses', () => {
    const findings = run(
      composePort({ file: 'compose.yaml', line: 5, service: 'a', published: 8080, target: 80 }),
      composePort({
        file: 'compose.yaml',
        line: 9,
        service: 'b',
        hostIP: '127.0.0.1',
        published: 8080,
        target: 80
      }),
      composePort({
        file: 'compose.yaml',
        line: 13,
        service: 'c',
        hostIP: '::',
        published: 9000,
        target: 80
      }),
      composePort({
        file: 'compose.yaml',
        line: 17,
        service: 'd',
        hostIP: '10.1.2.3',
        published: 9000,
        target: 80
      }),
      composePort({
        file: 'compose.yaml',
        line: 21,
        service: 'e',
        hostIP: '0.0.0.0',
        published: 9100,
        target: 80
      }),
      composePort({
        file: 'compose.yaml',
        line: 25,
        service: 'f',
        hostIP: '10.1.2.3',
        published: 9100,
        target: 80
      })
    )
    expect(findings.map((f) => f.line)).toEqual([9, 17, 25])
    expect(findings[0]!.message).toContain('Host port 8080/tcp on 127.0.0.1 of service "b"')
  })

  it('reports each claim after the first once, naming the first and counting the others', () => {
    const findings = run(
      composePort({ file: 'compose.yaml', line: 5, service: 'a', published: 8080, target: 80 }),
      composePort({ file: 'compose.yaml', line: 9, service: 'b', published: 8080, target: 81 }),
      composePort({ file: 'compose.yaml', line: 13, service: 'c', published: 8080, target: 82 })
    )
    expect(
      findings.map((f) => `${f.line}<-${/claimed by .*compose\.yaml:(\d+)\)/.exec(f.message)?.[1]}`)
    ).toEqual(['9<-5', '13<-5'])
    expect(findings[1]!.message).toBe(
      'Host port 8080/tcp of service "c" (project shop, compose.yaml:13) is also claimed by service "a" ' +
        '(project shop, compose.yaml:5) and 1 other claim (see related locations): both are in Compose ' +
        'project "shop", so the second container fails to start (port is already allocated).'
    )
  })

  it('two projects of the repo in different folders conflict only as a notice', () => {
    const findings = run(
      composePort({
        file: 'shop/compose.yaml',
        line: 5,
        project: 'shop',
        published: 8080,
        target: 80
      }),
      composePort({
        file: 'blog/compose.yaml',
        line: 7,
        project: 'blog',
        published: 8080,
        target: 2368
      })
    )
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'notice',
        file: 'blog/compose.yaml',
        line: 7,
        message:
          'Host port 8080/tcp of service "web" (project blog, blog/compose.yaml:7) is also claimed by ' +
          'service "web" (project shop, shop/compose.yaml:5): projects "blog" and "shop" are in ' +
          'different folders and clash only when run on one host (declare them in composeGroups if they are).'
      })
    ])
  })

  it('two compose files sharing a project name are alternatives, not a conflict', () => {
    expect(
      run(
        composePort({
          file: 'app/docker-compose.yml',
          line: 5,
          project: 'app',
          published: 80,
          target: 80
        }),
        composePort({
          file: 'app/docker-compose.prod.yml',
          line: 5,
          project: 'app',
          published: 80,
          target: 80
        })
      )
    ).toEqual([])
  })

  it('a published range against one port is a possible conflict', () => {
    const findings = run(
      composePort({
        file: 'compose.yaml',
        line: 5,
        service: 'a',
        published: [8093, 9000],
        target: 80
      }),
      composePort({ file: 'compose.yaml', line: 9, service: 'b', published: 8094, target: 5432 })
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ severity: 'warning', line: 5 })
    expect(findings[0]!.message).toContain(
      'Host port 8093-9000/tcp of service "a" (project shop, compose.yaml:5) is also claimed by service "b" (project shop, compose.yaml:9): possible conflict: Docker picks one free port of the range 8093-9000'
    )
  })

  it('unresolved interpolation, identical merged entries and Compose vs Kubernetes never conflict', () => {
    expect(
      run(
        composePort({ file: 'compose.yaml', line: 5, service: 'a', published: 8080, target: 80 }),
        composePort({
          file: 'compose.yaml',
          line: 9,
          service: 'b',
          published: 8080,
          target: 80,
          unresolved: true
        }),
        composePort({
          file: 'compose.override.yaml',
          line: 4,
          projectFile: 'compose.yaml',
          service: 'a',
          published: 8080,
          target: 80
        }),
        kubePort({
          file: 'k8s/ds.yaml',
          line: 20,
          kind: 'DaemonSet',
          name: 'x',
          containerPort: 8080,
          hostPort: 8080
        })
      )
    ).toEqual([])
  })

  it('services of disjoint profiles conflict only as a warning', () => {
    const findings = run(
      composePort({
        file: 'compose.yaml',
        line: 5,
        service: 'a',
        published: 8080,
        target: 80,
        profiles: ['dev']
      }),
      composePort({
        file: 'compose.yaml',
        line: 9,
        service: 'b',
        published: 8080,
        target: 80,
        profiles: ['prod']
      })
    )
    expect(findings[0]).toMatchObject({ severity: 'warning' })
    expect(findings[0]!.message).toContain('different profiles (dev vs prod)')
  })

  it('a network_mode: host service binds its target ports on the host', () => {
    const findings = run(
      composePort({
        file: 'compose.yaml',
        line: 5,
        service: 'dns',
        target: 53,
        hostNetwork: true,
        protocol: 'udp'
      }),
      composePort({
        file: 'compose.yaml',
        line: 9,
        service: 'b',
        published: 53,
        target: 5353,
        protocol: 'udp'
      })
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]!.message).toContain(
      'is also claimed by service "dns" (project shop, host network, compose.yaml:5)'
    )
  })
})

describe('duplicate-host-port: scale', () => {
  it('40,000 distinct host ports are 40,000 groups of one: no finding', () => {
    const bindings = Array.from({ length: 40_000 }, (_, i) =>
      kubePort({
        file: `f${i % 100}.yaml`,
        line: i,
        name: `w${i}`,
        containerPort: 80,
        hostPort: 1 + i
      })
    )
    expect(check(duplicateHostPort, model({ bindings }))).toEqual([])
  })
})

describe('duplicate-host-port: noise control', () => {
  it('gathers the possible conflicts of a group into one finding at its first claim', () => {
    const bindings = ['a', 'b', 'c', 'd'].map((project, index) =>
      composePort({
        file: `${project}/compose.yaml`,
        line: 5 + index,
        project,
        published: 80,
        target: 80
      })
    )
    const results = duplicateHostPort.check(model({ bindings }), {
      options: defaultOptions(duplicateHostPort.options),
      ranges: { namespaces: {}, paths: [], projects: {} },
      scopes: { nodeScopes: [] }
    })
    expect(results.map((r) => [r.location.file, r.related?.length])).toEqual([
      ['a/compose.yaml', 3]
    ])
    expect(results[0]!.message).toBe(
      'Host port 80/tcp of service "web" (project a, a/compose.yaml:5) is also claimed by 3 other claims: ' +
        'service "web" (project b, b/compose.yaml:6); service "web" (project c, c/compose.yaml:7); ' +
        'service "web" (project d, d/compose.yaml:8): Compose projects in different folders clash only ' +
        'when run on one host (declare them in composeGroups if they are).'
    )
    expect(results[0]!.conflict).toMatchObject({
      id: 'compose/tcp/80',
      certainty: 'possible',
      members: [
        expect.objectContaining({ location: at('a/compose.yaml', 5, 9) }),
        expect.objectContaining({ location: at('b/compose.yaml', 6, 9) }),
        expect.objectContaining({ location: at('c/compose.yaml', 7, 9) }),
        expect.objectContaining({ location: at('d/compose.yaml', 8, 9) })
      ]
    })
  })

  it('betweenComposeProjects: false leaves projects of a repo of examples alone', () => {
    const bindings = [
      composePort({ file: 'a/compose.yaml', line: 5, project: 'a', published: 80, target: 80 }),
      composePort({ file: 'b/compose.yaml', line: 5, project: 'b', published: 80, target: 80 }),
      composePort({
        file: 'b/compose.yaml',
        line: 9,
        project: 'b',
        service: 'admin',
        published: 80,
        target: 80
      })
    ]
    const options = parseOptions(duplicateHostPort.options, { betweenComposeProjects: false })
    expect(
      check(duplicateHostPort, model({ bindings }), { options }).map((f) => [
        f.file,
        f.line,
        f.severity
      ])
    ).toEqual([['b/compose.yaml', 9, 'error']])
  })

  it('a kustomize base without a namespace is the same object as its namespaced overlay', () => {
    const spec = { kind: 'DaemonSet', name: 'speaker', containerPort: 7946, hostNetwork: true }
    expect(
      run(
        kubePort({ file: 'config/controllers/speaker.yaml', line: 55, namespace: '', ...spec }),
        kubePort({
          file: 'config/manifests/metallb-native.yaml',
          line: 2326,
          namespace: 'metallb-system',
          ...spec
        })
      )
    ).toEqual([])
  })

  it('rejects unknown options and bad values, naming them', () => {
    expect(() => parseOptions(duplicateHostPort.options, { crossProjects: false })).toThrow(
      /^crossProjects is not a known option/
    )
    expect(() => parseOptions(duplicateHostPort.options, { betweenComposeProjects: 'no' })).toThrow(
      'betweenComposeProjects must be true or false'
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Whole-engine cases: real-looking YAML in __tests__/fixtures/rules/duplicate-host-port/.

describe('duplicate-host-port: fixtures (issue 2 "must show")', () => {
  const rule = 'duplicate-host-port'

  it('two services each "3000" and long target 80 / 81 without published: no conflict', async () => {
    expect(await scanFixture(rule, 'compose-unpublished')).toEqual([])
  })

  it('127.0.0.1:8080:80 vs 192.168.1.10:8080:80 and [::1]:8200:8200 vs 127.0.0.1:8200:8200: none', async () => {
    expect(await scanFixture(rule, 'compose-host-ips')).toEqual([])
  })

  it('${WEB_PORT:-9000}:80 vs 9000:80: conflict', async () => {
    expect(await scanFixture(rule, 'compose-interpolated')).toEqual([
      {
        ruleId: rule,
        severity: 'error',
        file: 'compose.yaml',
        line: 9,
        column: 9,
        message: expect.stringMatching(
          /^Host port 9000\/tcp of service "docs" \(project [\w-]+, compose\.yaml:9\) is also claimed by service "web" \(project [\w-]+, compose\.yaml:5\): both are in Compose project/
        )
      }
    ])
  })

  it('a set WEB_PORT moves the port away: no conflict', async () => {
    expect(await scanFixture(rule, 'compose-interpolated', { WEB_PORT: '9001' })).toEqual([])
  })

  it('6000:80/TCP vs 6000:81/tcp: conflict (Compose lower-cases the protocol)', async () => {
    const findings = await scanFixture(rule, 'compose-protocol-case')
    expect(findings.map((f) => [f.file, f.line, f.column, f.severity])).toEqual([
      ['compose.yaml', 9, 9, 'error']
    ])
    expect(findings[0]!.message).toMatch(/^Host port 6000\/tcp of service "vnc" .* service "x11"/)
  })

  it('127.0.0.1:8080:80 in compose.yaml + 127.0.0.1:8080:81 in compose.override.yaml: conflict', async () => {
    const findings = await scanFixture(rule, 'compose-override-conflict')
    expect(findings.map((f) => [f.file, f.line, f.column, f.severity])).toEqual([
      // Reported on the override's line: Compose merges the override after the main file, so
      // the override's entry is the one that brings the clash in.
      ['compose.override.yaml', 4, 9, 'error']
    ])
    expect(findings[0]!.message).toMatch(
      /^Host port 8080\/tcp on 127\.0\.0\.1 of service "web" \(project [\w-]+, compose\.override\.yaml:4\) is also claimed by service "web" \(project [\w-]+, compose\.yaml:5\)/
    )
  })

  it('8080:80 in both base and override is one binding: no conflict', async () => {
    expect(await scanFixture(rule, 'compose-override-same')).toEqual([])
  })

  it('two projects of one repo in different folders: a notice', async () => {
    expect(await scanFixture(rule, 'compose-projects')).toEqual([
      {
        ruleId: rule,
        severity: 'notice',
        file: 'blog/compose.yaml',
        line: 5,
        column: 9,
        message:
          'Host port 8080/tcp of service "ghost" (project blog, blog/compose.yaml:5) is also claimed by ' +
          'service "web" (project shop, shop/compose.yaml:5): projects "blog" and "shop" are in ' +
          'different folders and clash only when run on one host (declare them in composeGroups if they are).'
      }
    ])
  })

  it('docker-compose.yml and docker-compose.prod.yml with one project name are alternatives', async () => {
    expect(await scanFixture(rule, 'compose-alternatives')).toEqual([])
  })

  it('two DaemonSets with hostPort 9100: certain conflict', async () => {
    expect(await scanFixture(rule, 'k8s-daemonsets')).toEqual([
      {
        ruleId: rule,
        severity: 'error',
        file: 'telemetry-agent.yaml',
        line: 20,
        column: 15,
        message:
          'Host port 9100/TCP of DaemonSet monitoring/telemetry-agent (container "agent", telemetry-agent.yaml:20) ' +
          'is also claimed by DaemonSet monitoring/node-exporter (container "node-exporter", node-exporter.yaml:21): ' +
          'certain conflict: both are DaemonSets, which run a pod on every node, so the two pods can never share a node.'
      }
    ])
  })

  it('a hostNetwork DaemonSet containerPort 9100 vs a DaemonSet hostPort 9100: conflict', async () => {
    expect(await scanFixture(rule, 'k8s-host-network')).toEqual([
      {
        ruleId: rule,
        severity: 'error',
        file: 'telemetry-agent.yaml',
        line: 20,
        column: 15,
        message:
          'Host port 9100/TCP of DaemonSet monitoring/telemetry-agent (container "agent", telemetry-agent.yaml:20) ' +
          'is also claimed by DaemonSet monitoring/node-exporter (container "node-exporter", host network, node-exporter.yaml:23): ' +
          'certain conflict: both are DaemonSets, which run a pod on every node, so the two pods can never share a node.'
      }
    ])
  })

  it('the same Deployment in base/ and overlays/prod/: no conflict', async () => {
    expect(await scanFixture(rule, 'k8s-overlays')).toEqual([])
  })

  it('a Deployment and a StatefulSet on one hostPort: a possible conflict', async () => {
    expect(await scanFixture(rule, 'k8s-deployments')).toEqual([
      {
        ruleId: rule,
        severity: 'warning',
        file: 'workloads.yaml',
        line: 21,
        column: 15,
        message:
          'Host port 8080/TCP of Deployment shop/legacy-api (container "api", workloads.yaml:21) is also claimed by ' +
          'StatefulSet shop/search (container "search", workloads.yaml:44): possible conflict: the scheduler never ' +
          'places both pods on one node, and leaves one Pending when no other node is free.'
      }
    ])
  })

  it('inside one pod: two containers conflict, two init containers do not', async () => {
    expect(await scanFixture(rule, 'k8s-in-pod')).toEqual([
      {
        ruleId: rule,
        severity: 'error',
        file: 'pod.yaml',
        line: 29,
        column: 11,
        message:
          'Host port 8081/TCP of Pod default/debug-tools (container "metrics", pod.yaml:29) is also claimed by ' +
          'Pod default/debug-tools (container "web", pod.yaml:24): both are in one pod, which the API server ' +
          'rejects (duplicate hostPort "TCP//8081").'
      }
    ])
  })
})

// ---------------------------------------------------------------------------------------------
// Conformance: Kubernetes' own validation tests for in-pod host-port duplicates, read from
// ../shared/corpus (never copied here), turned into Pod manifests and scanned.

const K8S_CASES = path.join(CORPUS, 'conformance/k8s-ports.json')

interface K8sCase {
  id: string
  suite: string
  name?: string
  input: Record<string, unknown>
  valid: boolean
  expected_errors_exact?: Array<{ type: string; field: string }>
}

function k8sHostPortCases(): K8sCase[] {
  const data = JSON.parse(readFileSync(K8S_CASES, 'utf8')) as { cases: K8sCase[] }
  return data.cases.filter((c) => c.suite.endsWith('/hostPortConflicts'))
}

/** `containers[1].ports[0].hostPort` → line and column of that key in the generated manifest. */
function locateField(text: string, field: string): { line: number; column: number } {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter })
  const steps = field.split('.').flatMap((part) => {
    const match = /^(\w+)(?:\[(\d+)\])?$/.exec(part)!
    return match[2] === undefined ? [match[1]!] : [match[1]!, Number(match[2])]
  })
  const key = steps.pop() as string
  const parent = document.getIn(['spec', ...steps], true) as YAMLMap
  const pair = parent.items.find((item) => (item.key as Scalar).value === key)!
  const position = lineCounter.linePos((pair.key as Scalar).range![0])
  return { line: position.line, column: position.col }
}

describe.skipIf(!existsSync(K8S_CASES))(
  `duplicate-host-port: Kubernetes conformance (skipped when ${K8S_CASES} is absent)`,
  () => {
    it('agrees with every in-pod host-port case of k8s-ports.json', async () => {
      const cases = k8sHostPortCases()
      expect(cases.length).toBeGreaterThanOrEqual(4)
      // One folder per case: Pods of different cases would otherwise meet across workloads.
      for (const c of cases) {
        const root = mkdtempSync(path.join(tmpdir(), 'port-hygiene-k8s-'))
        try {
          const manifest = {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: c.id },
            spec: c.input
          }
          const text = stringify(manifest)
          writeFileSync(path.join(root, 'pod.yaml'), text)
          const findings = seen((await scanFolder(root)).findings, 'duplicate-host-port')
          const expected = (c.expected_errors_exact ?? []).filter(
            (e) => e.type === 'FieldValueDuplicate'
          )
          expect(
            findings.map((f) => ({ line: f.line, column: f.column })),
            `${c.id} ${c.name}`
          ).toEqual(c.valid ? [] : expected.map((e) => locateField(text, e.field)))
          for (const finding of findings) expect(finding.severity).toBe('error')
        } finally {
          rmSync(root, { recursive: true, force: true })
        }
      }
    })
  }
)

// ---------------------------------------------------------------------------------------------
// Peer cases: dclint no-duplicate-exported-ports, scanned where they lie in ../shared/corpus.

const PEERS = path.join(CORPUS, 'conformance/peer-cases')
const peer = (name: string) => path.join(PEERS, `dclint__no-duplicate-exported-ports__${name}`)

describe.skipIf(!existsSync(PEERS))(
  `duplicate-host-port: dclint peer cases (skipped when ${PEERS} is absent)`,
  () => {
    const scanPeer = async (name: string) =>
      seen((await scanFolder(peer(name))).findings, 'duplicate-host-port')

    it('unique ports: none, as dclint says', async () => {
      expect(await scanPeer('unique')).toEqual([])
    })

    it('same host port with tcp and udp: none, as dclint says', async () => {
      expect(await scanPeer('different-protocols')).toEqual([])
    })

    it('duplicates: we differ from dclint, which is wrong here', async () => {
      // dclint reports b, c, d, e, f against a. Per the corpus README ("Where the peers
      // disagree", 3): a lone '8080' / 8080 is a container port with an ephemeral host port, so
      // a-service and b-service publish nothing; host_ip matters (0.0.0.0 and the unspecified
      // address overlap 127.0.0.1, so c, d, e and f all collide with each other); and the
      // $WEB_PORT entries of g-service stay unresolved, so they never produce a finding.
      // One conflict group: each claim after the first (c) is reported once: d, e and f.
      const findings = await scanPeer('duplicates')
      const on = (line: number) => findings.filter((f) => f.line === line).length
      expect(findings).toHaveLength(3)
      expect(findings.every((f) => f.severity === 'error' && f.file === 'input.yaml')).toBe(true)
      expect([on(18), on(22), on(27)]).toEqual([1, 1, 1])
      expect(findings.map((f) => f.message).join('\n')).not.toMatch(/service "(a|b|g)-service"/)
    })

    it("range overlap: one possible conflict, not dclint's two", async () => {
      // "8093-9000:80" asks Docker for one free port of the range: against "8094:5432" that is
      // a possible conflict (warning). dclint also reports "8000-8085" against c-service, but
      // with no colon that is a container port range, published on ephemeral ports (README 3).
      expect(await scanPeer('range-overlap')).toEqual([
        {
          ruleId: 'duplicate-host-port',
          severity: 'warning',
          file: 'input.yaml',
          line: 5,
          column: 9,
          // The project name of a compose file at the scan root is the engine's choice.
          message: expect.stringMatching(
            /^Host port 8093-9000\/tcp of service "a-service" \(project [\w-]+, input\.yaml:5\) is also claimed by service "b-service" \(project [\w-]+, input\.yaml:9\): possible conflict: Docker picks one free port of the range 8093-9000/
          )
        }
      ])
    })
  }
)

describe('duplicate-host-port: install variants (issue 6)', () => {
  const rule = 'duplicate-host-port'

  it('a DaemonSet and a Deployment projectcontour/envoy in two files are alternatives, not a conflict', async () => {
    // Shaped like projectcontour/contour: examples/contour/03-envoy.yaml (DaemonSet) and
    // examples/deployment/03-envoy-deployment.yaml (Deployment), both on hostPort 80/443.
    expect(await scanFixture(rule, 'k8s-install-variants')).toEqual([])
  })

  it('the same name in another namespace, or in the same file, still conflicts', () => {
    const envoy = { name: 'envoy', containerPort: 8080, hostPort: 80 }
    const findings = run(
      kubePort({ ...envoy, file: 'a/envoy.yaml', line: 20, kind: 'DaemonSet', namespace: 'edge' }),
      kubePort({ ...envoy, file: 'b/envoy.yaml', line: 20, kind: 'Deployment', namespace: 'shop' }),
      kubePort({ ...envoy, file: 'c/envoy.yaml', line: 20, kind: 'DaemonSet', namespace: 'edge' }),
      kubePort({ ...envoy, file: 'c/envoy.yaml', line: 60, kind: 'Deployment', namespace: 'edge' })
    )
    // b (another namespace) conflicts with a; c's DaemonSet is the same object as a's, applied
    // from another folder, so it conflicts with b only; c's Deployment is another pod of the same
    // file, so it conflicts with a.
    expect(findings.map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual([
      'b/envoy.yaml:21 error',
      'c/envoy.yaml:21 error',
      'c/envoy.yaml:61 error'
    ])
    expect(findings[1]!.message).toContain('is also claimed by Deployment shop/envoy')
  })
})

describe('duplicate-host-port: at repository scale (issue 6 "must show")', () => {
  const rule = 'duplicate-host-port'
  const claimsOf = (result: ScanResult) =>
    result.model.bindings.filter((binding) => binding.hostPort).length

  /** `daemonSets` DaemonSets on hostPort 9100 (50 to a file) and `projects` Compose projects on 8080. */
  async function generatedRepository(daemonSets: number, projects: number): Promise<string> {
    const root = mkdtempSync(path.join(tmpdir(), 'port-hygiene-scale-'))
    mkdirSync(path.join(root, 'k8s'))
    for (let file = 0; file * 50 < daemonSets; file++) {
      const documents: string[] = []
      for (let i = file * 50; i < Math.min(daemonSets, (file + 1) * 50); i++) {
        documents.push(
          [
            'apiVersion: apps/v1',
            'kind: DaemonSet',
            `metadata: { name: exporter-${i}, namespace: monitoring }`,
            'spec:',
            '  template:',
            '    spec:',
            '      containers:',
            '        - name: exporter',
            '          image: quay.io/prometheus/node-exporter:v1.8.2',
            '          ports:',
            '            - containerPort: 9100',
            '              hostPort: 9100'
          ].join('\n')
        )
      }
      writeFileSync(path.join(root, 'k8s', `exporters-${file}.yaml`), documents.join('\n---\n'))
    }
    for (let i = 0; i < projects; i++) {
      mkdirSync(path.join(root, `app-${i}`))
      writeFileSync(
        path.join(root, `app-${i}`, 'compose.yaml'),
        `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "\${WEB_PORT:-8080}:80"\n`
      )
    }
    return root
  }

  async function scanGenerated(daemonSets: number, projects: number) {
    const root = await generatedRepository(daemonSets, projects)
    try {
      const result = await scanFolder(root)
      return { result, json: renderJson(result, { toolVersion: '0.0.0' }) }
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }

  it('4,000 DaemonSets and 500 Compose projects: bounded findings, one group per port, linear bytes', async () => {
    const single = await scanGenerated(4000, 500)
    const report = JSON.parse(single.json) as JsonReport
    // The rule's own findings: the possible conflict shares its line with unbound-interface.
    const findings = single.result.findings.flatMap(partsOf).filter((f) => f.ruleId === rule)
    expect(claimsOf(single.result)).toBe(4500)
    expect(report.findings.length).toBeLessThanOrEqual(claimsOf(single.result))
    // One certain finding per DaemonSet after the first, one possible finding for the projects.
    expect(findings.filter((f) => f.severity === 'error')).toHaveLength(3999)
    expect(findings.filter((f) => f.severity === 'notice')).toHaveLength(1)
    expect(Math.max(...report.findings.map((f) => f.related.length))).toBeLessThanOrEqual(5)
    expect(
      report.conflicts.map((group) => [group.id, group.certainty, group.members.length])
    ).toEqual([
      ['compose/tcp/8080', 'possible', 500],
      ['kubernetes/tcp/9100', 'certain', 4000]
    ])
    const members = new Set(report.conflicts[1]!.members.map((m) => `${m.file}:${m.line}`))
    const claims = single.result.model.bindings.filter((b) => b.format === 'kubernetes')
    expect(
      claims.every((b) => members.has(`${b.hostPortLocation!.file}:${b.hostPortLocation!.line}`))
    ).toBe(true)
    expect(report.findings.every((f) => f.ruleId !== rule || f.conflict !== null)).toBe(true)

    const double = await scanGenerated(8000, 1000)
    expect(claimsOf(double.result)).toBe(9000)
    expect(Buffer.byteLength(double.json)).toBeLessThanOrEqual(2.2 * Buffer.byteLength(single.json))
    const text = (result: ScanResult) => Buffer.byteLength(renderText(result, { color: false }))
    expect(text(double.result)).toBeLessThanOrEqual(2.2 * text(single.result))
  }, 600_000)
})

describe('duplicate-host-port: the side a change adds carries the finding', () => {
  const exporter = (
    file: string,
    name: string,
    spec: Partial<Parameters<typeof kubePort>[0]> = {}
  ) =>
    kubePort({
      file,
      line: 28,
      kind: 'DaemonSet',
      namespace: 'monitoring',
      name,
      container: name,
      containerPort: 9100,
      hostPort: 9100,
      ...spec
    })
  /** The rule on the head of a change whose base had exactly `existing`. */
  const runWithBase = (existing: PortBinding[], ...bindings: PortBinding[]) =>
    duplicateHostPort
      .check(model({ bindings }), {
        options: defaultOptions(duplicateHostPort.options),
        ranges: noRanges(),
        scopes: { nodeScopes: [] },
        baseline: { hadClaim: (binding) => existing.includes(binding) }
      })
      .map((finding) => ({
        at: `${finding.location.file}:${finding.location.line}`,
        related: finding.related?.map((each) => each.location.file)
      }))

  const old = exporter('k8s/node-exporter.yaml', 'node-exporter')
  const added = exporter('k8s/a-dcgm-exporter.yaml', 'dcgm-exporter')

  it('is the new claim, even in a file that sorts before the existing one', () => {
    // Without a base, file order decides: the later file.
    expect(run(old, added).map((finding) => finding.file)).toEqual(['k8s/node-exporter.yaml'])
    expect(runWithBase([old], old, added)).toEqual([
      { at: 'k8s/a-dcgm-exporter.yaml:29', related: ['k8s/node-exporter.yaml'] }
    ])
  })

  it('is the new hostPort claim when the existing side uses the host network', () => {
    const hostNetworkOld = exporter('k8s/node-exporter.yaml', 'node-exporter', {
      hostPort: undefined,
      hostNetwork: true
    })
    expect(runWithBase([hostNetworkOld], hostNetworkOld, added)).toEqual([
      { at: 'k8s/a-dcgm-exporter.yaml:29', related: ['k8s/node-exporter.yaml'] }
    ])
  })

  it('is never the host-network side when the other one can move, new or not', () => {
    const hostNetworkNew = exporter('k8s/a-dcgm-exporter.yaml', 'dcgm-exporter', {
      hostPort: undefined,
      hostNetwork: true
    })
    expect(runWithBase([old], old, hostNetworkNew)).toEqual([
      { at: 'k8s/node-exporter.yaml:29', related: ['k8s/a-dcgm-exporter.yaml'] }
    ])
    // Without a base as well: the host network is the claim that stays.
    const both = run(
      exporter('k8s/z-agent.yaml', 'agent', { hostNetwork: true, hostPort: undefined }),
      old
    )
    expect(both.map((finding) => finding.file)).toEqual(['k8s/node-exporter.yaml'])
  })

  it('stands a possible conflict on the new claim, and leaves an old group where it was', () => {
    const deployment = (file: string, name: string) =>
      exporter(file, name, { kind: 'Deployment', namespace: 'web' })
    const oldWeb = deployment('k8s/web.yaml', 'web')
    const newApi = deployment('k8s/api.yaml', 'api')
    expect(runWithBase([oldWeb], oldWeb, newApi)).toEqual([
      { at: 'k8s/api.yaml:29', related: ['k8s/web.yaml'] }
    ])
    const newAdmin = deployment('k8s/admin.yaml', 'admin')
    expect(runWithBase([oldWeb, newApi], oldWeb, newApi, newAdmin)).toEqual([
      { at: 'k8s/api.yaml:29', related: ['k8s/web.yaml', 'k8s/admin.yaml'] }
    ])
  })
})
