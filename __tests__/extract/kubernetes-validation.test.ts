// What the API server rejects, as the loader reports it: one InvalidPort per bad value, at the key
// that holds it, with a message that says what to write instead — and no binding built on it.
import { describe, expect, it } from 'vitest'
import {
  checkProtocol,
  dns1123LabelErrors,
  isValidPortNum,
  parsePortRangeAnnotation,
  portNameErrors
} from '../../src/extract/kubernetes/validation.js'
import { extractText, invalidView, kubeRef, loadFixture, pos } from './kubernetes-helpers.js'

describe('invalid container ports (invalid-ports.yaml)', () => {
  const { file, bindings, invalidPorts, services } = loadFixture('invalid-ports.yaml')

  it('reports every bad value at its key, with the value as written', () => {
    expect(invalidPorts.map(invalidView)).toEqual([
      {
        at: '16:15',
        value: '70000',
        message: 'containerPort 70000 is not a valid port: must be between 1 and 65535, inclusive'
      },
      {
        at: '17:15',
        value: '"8080"',
        message:
          'containerPort must be an integer, not the string "8080": the API server rejects a quoted number; remove the quotes'
      },
      {
        at: '19:15',
        value: 'tcp',
        message:
          'protocol "tcp" must be written "TCP": Kubernetes protocols are case-sensitive (supported values: "SCTP", "TCP", "UDP")'
      },
      {
        at: '21:15',
        value: 'ICMP',
        message: 'protocol "ICMP" is not supported (supported values: "SCTP", "TCP", "UDP")'
      },
      {
        at: '23:15',
        value: '-1',
        message: 'hostPort -1 is not a valid port: must be between 1 and 65535, inclusive'
      },
      {
        at: '25:15',
        value: 'Metrics_Port',
        message:
          'spec.template.spec.containers[0].ports[5].name: Invalid value: "Metrics_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-) (container port names are IANA service names)',
        rule: 'port-name'
      },
      // `- name: no-number`: the item itself, since there is no containerPort key to point at.
      { at: '29:15', value: '', message: 'containerPort is required (1-65535)' },
      { at: '30:15', value: '0', message: 'containerPort is required (1-65535)' },
      {
        at: '32:15',
        value: 'ok',
        message:
          'spec.template.spec.containers[0].ports[9].name: Duplicate value: "ok" (container "app" already has a port of that name at line 28; names must be unique within a container)',
        rule: 'port-name'
      },
      {
        at: '45:11',
        value: '9125',
        message:
          "hostPort 9125 must match containerPort 8125 when hostNetwork is true (the pod uses the node's network, so the container port is the host port)"
      },
      expect.objectContaining({ at: '55:7', value: 'HTTP', rule: 'port-name' }),
      {
        at: '57:7',
        value: '8080',
        message:
          'targetPort "8080" is a string, so Kubernetes reads it as a port name, and a port name needs a letter; write the number without quotes'
      },
      {
        at: '58:7',
        value: '30080',
        message:
          "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'; use type NodePort or LoadBalancer, or remove the nodePort",
        rule: 'node-port-range'
      },
      {
        at: '60:7',
        value: '65536',
        message: 'port 65536 is not a valid port: must be between 1 and 65535, inclusive'
      },
      {
        at: '61:7',
        value: '',
        message:
          'spec.ports[2].name: Required value (every port of a Service with more than one port needs a name)',
        rule: 'port-name'
      },
      expect.objectContaining({ at: '65:7', value: 'Tcp' }),
      {
        at: '66:7',
        value: 'web-port-long-name',
        message:
          'targetPort "web-port-long-name" is not a valid port name: must be no more than 15 characters'
      }
    ])
    expect(invalidPorts.every((invalid) => invalid.location.file === file)).toBe(true)
    expect(invalidPorts[0]!.object).toMatchObject({ kind: 'Deployment', name: 'broken' })
  })

  it('builds bindings only for valid items; a bad name drops the name, not the port', () => {
    expect(
      bindings.map((binding) => [
        kubeRef(binding).name,
        binding.containerPort?.start,
        binding.hostPort?.start,
        binding.name,
        pos(binding.location)
      ])
    ).toEqual([
      ['broken', 8084, undefined, undefined, '24:15'],
      // hostPort: 0 means "not bound on the host".
      ['broken', 8085, undefined, 'ok', '26:15'],
      ['broken', 8086, undefined, 'ok', '31:15'],
      ['host-net', 8126, 8126, undefined, '46:11']
    ])
  })

  it('keeps a Service port whose targetPort or nodePort is bad, without that value', () => {
    expect(
      services.map((service) => [service.port, service.targetPort, service.nodePort, service.name])
    ).toEqual([
      [80, 80, undefined, undefined],
      [81, 81, undefined, undefined]
    ])
  })
})

describe('type errors the JSON decoder of the API server gives', () => {
  function portsOf(item: string) {
    return extractText(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '    - name: c',
        '      ports:',
        `        - ${item}`
      ].join('\n')
    )
  }

  it.each([
    ['containerPort: 80.5', 'containerPort must be an integer, got a fractional number: 80.5', 0],
    ['containerPort: true', 'containerPort must be an integer, got a boolean: true', 0],
    ['{containerPort: 80, protocol: 6}', 'protocol must be a string, got a number: 6; quote it', 0],
    // A name does not change what is bound: the binding stays, without the name.
    [
      '{containerPort: 80, name: 8080}',
      'port name must be a string, got a number: 8080; quote it',
      1
    ]
  ])('%s', (item, message, bindingCount) => {
    const { invalidPorts, bindings } = portsOf(item)
    expect(invalidPorts.map((invalid) => invalid.message)).toEqual([message])
    expect(bindings).toHaveLength(bindingCount)
  })

  it('an empty or missing protocol is TCP (the v1 API defaults it before validation)', () => {
    expect(portsOf('{containerPort: 80, protocol: ""}').bindings[0]!.protocol).toBe('tcp')
    expect(portsOf('{containerPort: 80, protocol: SCTP}').bindings[0]!.protocol).toBe('sctp')
  })

  it('hex and octal YAML 1.2 integers are integers', () => {
    expect(portsOf('{containerPort: 0x50}').bindings[0]!.containerPort).toEqual({
      start: 80,
      end: 80
    })
  })
})

describe('validators (apimachinery pkg/util/validation)', () => {
  it('IsValidPortNum', () => {
    expect([0, 1, 65535, 65536, -1, 80.5].map(isValidPortNum)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false
    ])
  })

  it('IsValidPortName collects every message, in the API server order', () => {
    expect(portNameErrors('-Bad--Name-Too-Long-')).toEqual([
      'must be no more than 15 characters',
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen'
    ])
    expect(portNameErrors('http-alt')).toEqual([])
  })

  it('IsDNS1123Label for Service port names: digits alone are fine, up to 63 characters', () => {
    expect(dns1123LabelErrors('8080')).toEqual([])
    expect(dns1123LabelErrors('a'.repeat(63))).toEqual([])
    expect(dns1123LabelErrors('a'.repeat(64))).toHaveLength(1)
    expect(dns1123LabelErrors('-web')).toHaveLength(1)
  })

  it('protocols are case-sensitive', () => {
    expect(checkProtocol('UDP')).toEqual({ valid: true, protocol: 'udp' })
    expect(checkProtocol(undefined)).toEqual({ valid: true, protocol: 'tcp' })
    expect(checkProtocol('udp')).toMatchObject({ valid: false })
  })

  it('port-range annotations', () => {
    expect(parsePortRangeAnnotation('30000-30999')).toEqual({ min: 30000, max: 30999 })
    expect(parsePortRangeAnnotation(' 8080 ')).toEqual({ min: 8080, max: 8080 })
    expect(parsePortRangeAnnotation('30999-30000')).toBeUndefined()
    expect(parsePortRangeAnnotation('0-100')).toBeUndefined()
    expect(parsePortRangeAnnotation('30000-70000')).toBeUndefined()
    expect(parsePortRangeAnnotation('30000:30999')).toBeUndefined()
  })
})
