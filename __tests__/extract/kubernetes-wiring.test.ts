// What the Kubernetes loader gives the wiring rules: containers with their declared ports,
// probes and API field paths; Services' clusterIP and selector; Ingress backends in both API
// shapes; NetworkPolicy pod selectors.
import { describe, expect, it } from 'vitest'
import { extractKubernetes } from '../../src/extract/kubernetes.js'
import { parseYamlFile } from '../../src/parse/yaml.js'
import { pos } from './kubernetes-helpers.js'

function extract(text: string) {
  const part = extractKubernetes(parseYamlFile('wiring.yaml', text))
  return {
    containers: part.containers ?? [],
    services: part.services ?? [],
    ingressBackends: part.ingressBackends ?? [],
    networkPolicies: part.networkPolicies ?? []
  }
}

describe('containers, ports and probes', () => {
  it('gives API field paths for built-in kinds and walked custom resources', () => {
    const { containers } = extract(
      [
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: report}',
        'spec:',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          initContainers:',
        '            - name: migrate',
        '              restartPolicy: Always',
        '              ports: [{containerPort: 9901, name: admin}]',
        '          containers:',
        '            - name: report',
        '              ports: [{containerPort: 8080, name: http}]',
        '---',
        'apiVersion: apps.kruise.io/v1alpha1',
        'kind: CloneSet',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          ports: [{containerPort: 80, hostPort: 8080, hostIP: 10.0.0.1, protocol: UDP}]'
      ].join('\n')
    )
    expect(
      containers.map((c) => [c.name, c.kind, c.fieldPath, c.ports.map((p) => p.fieldPath)])
    ).toEqual([
      [
        'report',
        'container',
        'spec.jobTemplate.spec.template.spec.containers[0]',
        ['spec.jobTemplate.spec.template.spec.containers[0].ports[0]']
      ],
      [
        'migrate',
        'sidecar',
        'spec.jobTemplate.spec.template.spec.initContainers[0]',
        ['spec.jobTemplate.spec.template.spec.initContainers[0].ports[0]']
      ],
      [
        'web',
        'container',
        'spec.template.spec.containers[0]',
        ['spec.template.spec.containers[0].ports[0]']
      ]
    ])
    expect(containers[2]!.ports[0]).toMatchObject({
      containerPort: 80,
      hostPort: 8080,
      hostIP: '10.0.0.1',
      protocol: 'UDP'
    })
    expect(containers[2]!.ports[0]!.name).toBeUndefined()
  })

  it('reads httpGet, tcpSocket and grpc probe ports at their keys; placeholders make ports unknown', () => {
    const { containers } = extract(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: api}',
        'spec:',
        '  containers:',
        '    - name: api',
        '      ports:',
        '        - name: "{{ .Values.portName }}"',
        '          containerPort: 8080',
        '      livenessProbe:',
        '        httpGet: {path: /healthz, port: http}',
        '      readinessProbe:',
        '        tcpSocket: {port: 8080}',
        '      startupProbe:',
        '        grpc: {port: 9090}'
      ].join('\n')
    )
    const [api] = containers
    expect(api!.portsUnknown).toBe(true)
    expect(api!.probes.map((p) => [p.probe, p.handler, p.port, pos(p.location)])).toEqual([
      ['livenessProbe', 'httpGet', 'http', '11:35'],
      ['readinessProbe', 'tcpSocket', 8080, '13:21'],
      ['startupProbe', 'grpc', 9090, '15:16']
    ])
  })
})

describe('Services, Ingresses and NetworkPolicies', () => {
  it('keeps clusterIP, the selector key and each port field path', () => {
    const { services } = extract(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: db, namespace: shop}',
        'spec:',
        '  clusterIP: None',
        '  selector: {app: db}',
        '  ports:',
        '    - {name: pg, port: 5432}',
        '    - {name: metrics, port: 9187}'
      ].join('\n')
    )
    expect(
      services.map((s) => [s.clusterIP, pos(s.selectorLocation), s.fieldPath, s.targetPort])
    ).toEqual([
      ['None', '6:3', 'spec.ports[0]', 5432],
      ['None', '6:3', 'spec.ports[1]', 9187]
    ])
  })

  it('reads Ingress backends of networking.k8s.io/v1 and of the v1beta1 servicePort shape', () => {
    const { ingressBackends } = extract(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata: {name: web, namespace: shop}',
        'spec:',
        '  defaultBackend:',
        '    service: {name: web, port: {number: 80}}',
        '  rules:',
        '    - http:',
        '        paths:',
        '          - path: /api',
        '            backend:',
        '              service: {name: api, port: {name: http}}',
        '          - path: /assets',
        '            backend:',
        '              resource: {apiGroup: k8s.example.com, kind: Bucket, name: assets}',
        '---',
        'apiVersion: extensions/v1beta1',
        'kind: Ingress',
        'metadata: {name: legacy, namespace: shop}',
        'spec:',
        '  backend: {serviceName: web, servicePort: 8080}',
        '  rules:',
        '    - http:',
        '        paths:',
        '          - backend: {serviceName: api, servicePort: grpc}'
      ].join('\n')
    )
    expect(
      ingressBackends.map((b) => [b.object.name, b.serviceName, b.port, pos(b.location)])
    ).toEqual([
      ['web', 'web', 80, '6:33'],
      ['web', 'api', 'http', '12:43'],
      ['legacy', 'web', 8080, '21:31'],
      ['legacy', 'api', 'grpc', '25:41']
    ])
  })

  it('reads NetworkPolicy pod selectors: matchLabels, matchExpressions, and {} for every pod', () => {
    const { networkPolicies } = extract(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: {name: default-deny, namespace: shop}',
        'spec:',
        '  podSelector: {}',
        '---',
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: {name: backends, namespace: shop}',
        'spec:',
        '  podSelector:',
        '    matchLabels: {team: shop}',
        '    matchExpressions:',
        '      - {key: tier, operator: In, values: [api, worker]}'
      ].join('\n')
    )
    expect(networkPolicies.map((p) => [p.object.name, p.podSelector, pos(p.location)])).toEqual([
      ['default-deny', { matchLabels: {}, matchExpressions: [] }, '5:3'],
      [
        'backends',
        {
          matchLabels: { team: 'shop' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'worker'] }]
        },
        '11:3'
      ]
    ])
  })
})
