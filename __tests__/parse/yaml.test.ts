import { describe, expect, it } from 'vitest'
import { parseYamlFile, parseSuppressionText } from '../../src/parse/yaml.js'

describe('parseYamlFile', () => {
  it('reads every document of a multi-document file and skips empty ones', () => {
    const text = [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: {name: shop}',
      '---',
      '---',
      '# only a comment',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: web}',
      ''
    ].join('\n')
    const parsed = parseYamlFile('k8s/all.yaml', text)
    expect(parsed.parseErrors).toEqual([])
    expect(parsed.documents.map((doc) => doc.line)).toEqual([1, 8])
  })

  it('reports a broken document at its position and keeps the others', () => {
    const text = [
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: ok}',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web: nested',
      'spec: {}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: also-ok}',
      ''
    ].join('\n')
    const parsed = parseYamlFile('broken.yaml', text)
    expect(parsed.documents).toHaveLength(2)
    expect(parsed.parseErrors).toHaveLength(1)
    expect(parsed.parseErrors[0]!.location.file).toBe('broken.yaml')
    expect(parsed.parseErrors[0]!.location.line).toBeGreaterThanOrEqual(8)
    expect(parsed.parseErrors[0]!.location.line).toBeLessThanOrEqual(10)
  })

  it('accepts a quoted value whose continuation line is indented less than its key, as libyaml does', () => {
    // The shape of generated CRDs (x-kubernetes-validations rules); kubectl accepts it.
    const text = [
      'spec:',
      '  validations:',
      "    - rule: 'self.type == ''Hostname'' ? has(self.value)",
      "  : true'",
      '      message: must be set',
      ''
    ].join('\n')
    const parsed = parseYamlFile('crd.yaml', text)
    expect(parsed.parseErrors).toEqual([])
    expect(parsed.documents[0]!.document.toJS()).toEqual({
      spec: {
        validations: [
          { rule: "self.type == 'Hostname' ? has(self.value) : true", message: 'must be set' }
        ]
      }
    })
  })

  it('applies merge keys and tolerates duplicate keys', () => {
    const text = ['x: &base {a: 1}', 'y:', '  <<: *base', '  b: 2', 'z: 1', 'z: 2', ''].join('\n')
    const parsed = parseYamlFile('m.yaml', text)
    expect(parsed.parseErrors).toEqual([])
    expect(parsed.documents[0]!.document.toJS().y).toEqual({ a: 1, b: 2 })
  })

  it('names the Helm template a rendered document came from', () => {
    const text = [
      '---',
      '# Source: shop/templates/service.yaml',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: web}',
      '---',
      '# Source: shop/templates/deployment.yaml',
      '',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      ''
    ].join('\n')
    const parsed = parseYamlFile('rendered.yaml', text)
    expect(parsed.documents.map((doc) => doc.helmSource)).toEqual([
      'shop/templates/service.yaml',
      'shop/templates/deployment.yaml'
    ])
  })

  it('finds suppression comments with their rules, reason and column', () => {
    const text = [
      'ports:',
      '  # port-hygiene-ignore privileged-port: the ingress needs 443',
      '  - hostPort: 443',
      '  - hostPort: 80 # port-hygiene-ignore privileged-port, duplicate-host-port',
      ''
    ].join('\n')
    const parsed = parseYamlFile('ds.yaml', text)
    expect(parsed.suppressions).toEqual([
      {
        location: { file: 'ds.yaml', line: 2, column: 3 },
        rules: ['privileged-port'],
        reason: 'the ingress needs 443',
        ownLine: true
      },
      {
        location: { file: 'ds.yaml', line: 4, column: 18 },
        rules: ['privileged-port', 'duplicate-host-port'],
        ownLine: false
      }
    ])
  })
})

describe('parseSuppressionText', () => {
  it('splits rules from the reason', () => {
    expect(parseSuppressionText(' privileged-port: ingress needs 443')).toEqual({
      rules: ['privileged-port'],
      reason: 'ingress needs 443'
    })
    expect(parseSuppressionText('a,b')).toEqual({ rules: ['a', 'b'] })
    expect(parseSuppressionText('a:   ')).toEqual({ rules: ['a'] })
  })
})
