import { describe, expect, it } from 'vitest'
import { FIXTURES, scanFolder } from './scan-fixture.js'
import { RULES } from '../../src/rules/index.js'
import type { AnyRule } from '../../src/rules/index.js'
import { at, check, kubeObject, kubePort, model, seen, servicePort } from '../helpers/model.js'

const invalidSuppression = RULES.find((rule) => rule.meta.id === 'invalid-suppression') as AnyRule

describe('invalid-suppression', () => {
  it('reports comments without a reason, without a rule, or with an unknown rule', () => {
    const suppressions = [
      {
        location: at('compose.yaml', 5, 7),
        rules: ['privileged-port'],
        reason: 'edge proxy needs 443'
      },
      { location: at('compose.yaml', 9, 7), rules: ['privileged-port'] },
      { location: at('compose.yaml', 13, 7), rules: [], reason: 'whatever' },
      { location: at('compose.yaml', 17, 7), rules: ['privileged-prot', 'duplicate-host-port'] }
    ]
    expect(check(invalidSuppression, model({ suppressions }))).toEqual([
      {
        ruleId: 'invalid-suppression',
        severity: 'warning',
        file: 'compose.yaml',
        line: 9,
        column: 7,
        message:
          'This port-hygiene-ignore comment gives no reason; write # port-hygiene-ignore <rule-id>: <reason>.'
      },
      {
        ruleId: 'invalid-suppression',
        severity: 'warning',
        file: 'compose.yaml',
        line: 13,
        column: 7,
        message:
          'This port-hygiene-ignore comment names no rule, so it silences nothing; write # port-hygiene-ignore <rule-id>: <reason>.'
      },
      {
        ruleId: 'invalid-suppression',
        severity: 'warning',
        file: 'compose.yaml',
        line: 17,
        column: 7,
        message:
          'This port-hygiene-ignore comment names an unknown rule "privileged-prot" and gives no reason; ' +
          'write # port-hygiene-ignore <rule-id>: <reason>.'
      }
    ])
  })

  it('reports an annotation once per object, however many ports carry it', () => {
    const ignore = {
      location: at('web.yaml', 8, 5),
      rules: ['duplicate-host-prot'],
      reason: 'legacy'
    }
    const object = { kind: 'Deployment', namespace: 'shop', name: 'web', ignore }
    const bindings = [
      kubePort({ file: 'web.yaml', line: 20, ...object, containerPort: 80 }),
      kubePort({ file: 'web.yaml', line: 23, ...object, containerPort: 443 })
    ]
    const services = [
      servicePort({
        file: 'web.yaml',
        line: 40,
        kind: 'Service',
        namespace: 'shop',
        name: 'web',
        port: 80,
        ignore: { location: at('web.yaml', 33, 5), rules: ['port-out-of-range'], reason: 'ok' }
      })
    ]
    expect(check(invalidSuppression, model({ bindings, services }))).toEqual([
      {
        ruleId: 'invalid-suppression',
        severity: 'warning',
        file: 'web.yaml',
        line: 8,
        column: 5,
        message:
          'The port-hygiene/ignore annotation of Deployment shop/web names an unknown rule "duplicate-host-prot", ' +
          'so it silences nothing; write port-hygiene/ignore: "<rule-id>: <reason>".'
      }
    ])
  })

  it('is silent for well-formed suppressions', () => {
    const object = kubeObject({
      ignore: {
        location: at('a.yaml', 6, 5),
        rules: ['privileged-port', 'duplicate-host-port'],
        reason: 'ingress'
      }
    })
    const bindings = [{ ...kubePort({ file: 'a.yaml', line: 20, containerPort: 80 }), object }]
    const suppressions = [
      {
        location: at('a.yaml', 19, 9),
        rules: ['privileged-container-port'],
        reason: 'runs as root'
      }
    ]
    expect(check(invalidSuppression, model({ bindings, suppressions }))).toEqual([])
  })
})

describe('invalid-suppression: fixtures', () => {
  it('comments and annotations: no reason, unknown rule; a bad suppression still counts as one', async () => {
    const result = await scanFolder(`${FIXTURES}/invalid-suppression/mixed`)
    expect(seen(result.findings, 'invalid-suppression')).toEqual([
      {
        ruleId: 'invalid-suppression',
        severity: 'warning',
        file: 'compose.yaml',
        line: 7,
        column: 7,
        message:
          'This port-hygiene-ignore comment gives no reason; write # port-hygiene-ignore <rule-id>: <reason>.'
      },
      {
        ruleId: 'invalid-suppression',
        severity: 'warning',
        file: 'compose.yaml',
        line: 9,
        column: 17,
        message:
          'This port-hygiene-ignore comment names an unknown rule "privileged-prot", so it silences nothing; ' +
          'write # port-hygiene-ignore <rule-id>: <reason>.'
      },
      {
        ruleId: 'invalid-suppression',
        severity: 'warning',
        file: 'daemonset.yaml',
        line: 7,
        column: 5,
        message:
          'The port-hygiene/ignore annotation of DaemonSet monitoring/node-exporter gives no reason; ' +
          'write port-hygiene/ignore: "<rule-id>: <reason>".'
      }
    ])
    // The typo silences nothing: port 25 is still reported. The reasonless one still suppresses.
    expect(seen(result.findings, 'privileged-port').map((f) => f.line)).toEqual([9])
    expect(result.suppressed.map((f) => [f.ruleId, f.location.line])).toEqual([
      ['privileged-port', 6],
      ['privileged-port', 8]
    ])
  })
})
