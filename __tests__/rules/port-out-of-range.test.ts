import { parseOptions } from '../../src/config/options.js'
import { describe, expect, it } from 'vitest'
import { scanFixture } from './scan-fixture.js'
import { portOutOfRange } from '../../src/rules/port-out-of-range.js'
import type { RangeConfig } from '../../src/config/types.js'
import type { NamespaceInfo } from '../../src/model.js'
import { at, check, composePort, kubePort, model, noRanges, servicePort } from '../helpers/model.js'

const alpha = (source = '.github/port-ranges.json') => ({ min: 30000, max: 30999, source })

const annotated: NamespaceInfo = {
  name: 'team-beta',
  location: at('namespaces/team-beta.yaml', 2, 1),
  annotations: { 'port-range': '31000-31999' },
  portRange: { min: 31000, max: 31999, location: at('namespaces/team-beta.yaml', 6, 5) }
}

describe('port-out-of-range', () => {
  it('checks Service port and nodePort against the namespace range of the config', () => {
    const ranges: RangeConfig = { ...noRanges(), namespaces: { 'team-alpha': alpha() } }
    const services = [
      servicePort({
        file: 'alpha/api.yaml',
        line: 12,
        namespace: 'team-alpha',
        name: 'api',
        type: 'NodePort',
        port: 8080,
        nodePort: 31500
      }),
      servicePort({
        file: 'alpha/ok.yaml',
        line: 12,
        namespace: 'team-alpha',
        name: 'ok',
        port: 30080
      })
    ]
    expect(check(portOutOfRange, model({ services }), { ranges })).toEqual([
      {
        ruleId: 'port-out-of-range',
        severity: 'error',
        file: 'alpha/api.yaml',
        line: 12,
        column: 7,
        message:
          'Service port 8080 is outside the allowed range 30000-30999 for namespace team-alpha.'
      },
      {
        ruleId: 'port-out-of-range',
        severity: 'error',
        file: 'alpha/api.yaml',
        line: 13,
        column: 7,
        message: 'nodePort 31500 is outside the allowed range 30000-30999 for namespace team-alpha.'
      }
    ])
  })

  it("uses a Namespace's port-range annotation when the config has no range for it", () => {
    const bindings = [
      kubePort({
        file: 'beta/agent.yaml',
        line: 30,
        kind: 'DaemonSet',
        namespace: 'team-beta',
        name: 'agent',
        containerPort: 9100,
        hostPort: 9100
      })
    ]
    expect(check(portOutOfRange, model({ bindings, namespaces: [annotated] }))).toEqual([
      expect.objectContaining({
        file: 'beta/agent.yaml',
        line: 31,
        column: 13,
        message:
          'Host port 9100 of container "app" is outside the allowed range 31000-31999 for namespace team-beta.'
      })
    ])
  })

  it('the config wins over the annotation', () => {
    const ranges: RangeConfig = {
      ...noRanges(),
      namespaces: { 'team-beta': { min: 9000, max: 9999, source: '.github/port-hygiene.yml:4' } }
    }
    const bindings = [
      kubePort({
        file: 'beta/agent.yaml',
        line: 30,
        namespace: 'team-beta',
        containerPort: 9100,
        hostPort: 9100
      })
    ]
    expect(check(portOutOfRange, model({ bindings, namespaces: [annotated] }), { ranges })).toEqual(
      []
    )
  })

  it('falls back to the first matching path glob; Compose uses the project range first', () => {
    const ranges: RangeConfig = {
      namespaces: {},
      paths: [
        { glob: 'edge/**', range: { min: 8000, max: 8099, source: '.github/port-hygiene.yml:10' } },
        { glob: '**', range: { min: 1024, max: 65535, source: '.github/port-hygiene.yml:13' } }
      ],
      projects: { shop: { min: 18000, max: 18999, source: '.github/port-hygiene.yml:16' } }
    }
    const bindings = [
      composePort({
        file: 'edge/compose.yaml',
        line: 7,
        project: 'edge',
        published: 9000,
        target: 80
      }),
      composePort({
        file: 'shop/compose.yaml',
        line: 7,
        project: 'shop',
        published: 8080,
        target: 80
      }),
      composePort({
        file: 'blog/compose.yaml',
        line: 7,
        project: 'blog',
        published: 8080,
        target: 80
      }),
      kubePort({
        file: 'k8s/ds.yaml',
        line: 20,
        namespace: '',
        containerPort: 80,
        hostNetwork: true
      })
    ]
    expect(
      check(portOutOfRange, model({ bindings }), { ranges }).map(
        (f) => `${f.file}:${f.line}:${f.column} ${f.message}`
      )
    ).toEqual([
      'edge/compose.yaml:7:9 Published port 9000 of service "web" (project edge) is outside the allowed range 8000-8099 for paths edge/**.',
      'shop/compose.yaml:7:9 Published port 8080 of service "web" (project shop) is outside the allowed range 18000-18999 for project shop.',
      'k8s/ds.yaml:20:13 Host port 80 of container "app" is outside the allowed range 1024-65535 for paths **.'
    ])
  })

  it('is silent without ranges, for unpublished and unresolved ports, and for a range inside the limit', () => {
    const ranges: RangeConfig = {
      ...noRanges(),
      projects: { shop: { min: 8000, max: 8999, source: 'x' } }
    }
    const bindings = [
      composePort({ file: 'compose.yaml', line: 7, target: 80 }),
      composePort({ file: 'compose.yaml', line: 8, published: 9999, target: 80, unresolved: true }),
      composePort({ file: 'compose.yaml', line: 9, published: [8000, 8010], target: [8000, 8010] })
    ]
    expect(check(portOutOfRange, model({ bindings }), { ranges })).toEqual([])
    expect(
      check(
        portOutOfRange,
        model({
          bindings: [kubePort({ file: 'a.yaml', line: 1, containerPort: 80, hostPort: 80 })]
        })
      )
    ).toEqual([])
  })

  it('option check limits which ports are held to the range', () => {
    const ranges: RangeConfig = { ...noRanges(), namespaces: { 'team-alpha': alpha() } }
    const services = [
      servicePort({
        file: 'api.yaml',
        line: 12,
        namespace: 'team-alpha',
        type: 'NodePort',
        port: 80,
        nodePort: 32000
      })
    ]
    const options = parseOptions(portOutOfRange.options, { check: ['node-port'] })
    expect(
      check(portOutOfRange, model({ services }), { ranges, options }).map((f) => f.line)
    ).toEqual([13])
    expect(() => parseOptions(portOutOfRange.options, { check: ['nodeport'] })).toThrow(
      'check[0] must be one of service-port, node-port, host-port (got "nodeport")'
    )
  })
})

describe('port-out-of-range: fixtures', () => {
  it('.github/port-ranges.json beats the annotation; the annotation applies where the config is silent', async () => {
    expect(await scanFixture('port-out-of-range', 'teams')).toEqual([
      {
        ruleId: 'port-out-of-range',
        severity: 'error',
        file: 'alpha/services.yaml',
        line: 14,
        column: 7,
        message: 'nodePort 31080 is outside the allowed range 30000-30999 for namespace team-alpha.'
      },
      {
        ruleId: 'port-out-of-range',
        severity: 'error',
        file: 'alpha/services.yaml',
        line: 26,
        column: 7,
        message:
          'Service port 8080 is outside the allowed range 30000-30999 for namespace team-alpha.'
      },
      {
        ruleId: 'port-out-of-range',
        severity: 'error',
        file: 'beta/agent.yaml',
        line: 20,
        column: 15,
        message:
          'Host port 2020 of container "shipper" is outside the allowed range 31000-31999 for namespace team-beta.'
      }
    ])
  })

  it('Compose: the project range, then the path glob', async () => {
    expect(await scanFixture('port-out-of-range', 'compose')).toEqual([
      {
        ruleId: 'port-out-of-range',
        severity: 'error',
        file: 'shop/compose.yaml',
        line: 7,
        column: 9,
        message:
          'Published port 8443 of service "web" (project shop) is outside the allowed range 18000-18999 for project shop.'
      },
      {
        ruleId: 'port-out-of-range',
        severity: 'error',
        file: 'tools/compose.yaml',
        line: 7,
        column: 9,
        message:
          'Published port 9090 of service "adminer" (project tools) is outside the allowed range 19000-19099 for paths tools/**.'
      }
    ])
  })
})
