import { describe, expect, it } from 'vitest'
import { scanFixture } from './scan-fixture.js'
import { invalidPort } from '../../src/rules/invalid-port.js'
import { at, check, kubeObject, model } from '../helpers/model.js'

describe('invalid-port', () => {
  it('reports each value the loaders found invalid, naming the object', () => {
    const invalidPorts = [
      {
        location: at('web.yaml', 24, 13),
        object: kubeObject({ namespace: 'shop', name: 'web' }),
        value: '70000',
        message: 'containerPort 70000 is not a valid port: must be between 1 and 65535, inclusive'
      },
      {
        location: at('compose.yaml', 6, 9),
        value: '80:80:80:80',
        message: 'invalid port spec "80:80:80:80"'
      }
    ]
    expect(check(invalidPort, model({ invalidPorts }))).toEqual([
      {
        ruleId: 'invalid-port',
        severity: 'error',
        file: 'web.yaml',
        line: 24,
        column: 13,
        message:
          'Deployment shop/web: containerPort 70000 is not a valid port: must be between 1 and 65535, inclusive'
      },
      {
        ruleId: 'invalid-port',
        severity: 'error',
        file: 'compose.yaml',
        line: 6,
        column: 9,
        message: 'invalid port spec "80:80:80:80"'
      }
    ])
  })

  it('is silent when nothing is invalid', () => {
    expect(check(invalidPort, model())).toEqual([])
  })

  it('keys findings without line numbers', () => {
    const invalid = {
      location: at('a.yaml', 3, 1),
      value: 'x',
      message: 'port name "x" is used twice (first at line 2)'
    }
    const moved = {
      ...invalid,
      location: at('a.yaml', 9, 1),
      message: 'port name "x" is used twice (first at line 8)'
    }
    const key = (entry: typeof invalid) =>
      invalidPort.check(model({ invalidPorts: [entry] }), {
        options: {},
        ranges: { namespaces: {}, paths: [], projects: {} },
        scopes: { nodeScopes: [] }
      })[0]!.key
    expect(key(invalid)).toBe(key(moved))
  })
})

describe('invalid-port: fixtures', () => {
  it('Kubernetes: an out-of-range containerPort and a lower-case protocol; hostPort 0 means unset', async () => {
    expect(await scanFixture('invalid-port', 'kubernetes')).toEqual([
      {
        ruleId: 'invalid-port',
        severity: 'error',
        file: 'deployment.yaml',
        line: 19,
        column: 15,
        message:
          'Deployment shop/api: containerPort 70000 is not a valid port: must be between 1 and 65535, inclusive'
      },
      {
        ruleId: 'invalid-port',
        severity: 'error',
        file: 'deployment.yaml',
        line: 21,
        column: 15,
        message:
          'Deployment shop/api: protocol "tcp" must be written "TCP": Kubernetes protocols are case-sensitive ' +
          '(supported values: "SCTP", "TCP", "UDP")'
      }
    ])
  })

  it('Compose: specs compose-go rejects, at the entry', async () => {
    const findings = await scanFixture('invalid-port', 'compose')
    expect(findings.map((f) => [f.file, f.line, f.column, f.severity])).toEqual([
      ['compose.yaml', 5, 9, 'error'],
      ['compose.yaml', 6, 9, 'error']
    ])
    expect(
      findings.map((f) => f.message.replace(/^service "web" \(project [\w-]+\): /, ''))
    ).toEqual([
      'Invalid ip address: 8080',
      'Invalid ranges specified for container and host Ports: 80-81 and 8000-8010'
    ])
  })
})
