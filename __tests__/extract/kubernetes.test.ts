// The Kubernetes loader on real-looking manifests: which objects are read, what each port becomes,
// and where every record points (file, line, column of the key or list item).
import { describe, expect, it } from 'vitest'
import { extractText, kubeRef, loadFixture, pos, view } from './kubernetes-helpers.js'

describe('workload kinds and pod templates', () => {
  it('reads a DaemonSet with hostPort 80/443: ports, names, capabilities, ignore annotation', () => {
    const { file, bindings, podTemplates, namespaces, invalidPorts } =
      loadFixture('ingress-daemonset.yaml')
    expect(invalidPorts).toEqual([])
    expect(bindings.map(view)).toEqual([
      {
        container: 'nginx-ingress',
        kind: 'container',
        containerPort: 80,
        hostPort: 80,
        hostIP: '',
        protocol: 'tcp',
        name: 'http',
        at: '28:15',
        hostAt: '30:15',
        containerAt: '29:15'
      },
      {
        container: 'nginx-ingress',
        kind: 'container',
        containerPort: 443,
        hostPort: 443,
        hostIP: '',
        protocol: 'tcp',
        name: 'https',
        at: '31:15',
        hostAt: '33:15',
        containerAt: '32:15'
      },
      expect.objectContaining({ containerPort: 8081, hostPort: undefined, hostAt: '-' }),
      expect.objectContaining({ containerPort: 9113, hostPort: undefined, name: 'prometheus' })
    ])
    const [http] = bindings
    expect(http!.location.file).toBe(file)
    expect(http!.hostNetwork).toBe(false)
    expect(http!.addedCapabilities).toEqual(['NET_BIND_SERVICE'])
    expect(http!.replicas).toBeUndefined()
    expect(http!.object).toEqual({
      format: 'kubernetes',
      kind: 'DaemonSet',
      namespace: 'nginx-ingress',
      name: 'nginx-ingress',
      ignore: {
        location: { file, line: 13, column: 5, endLine: 13, endColumn: 24 },
        rules: ['privileged-port'],
        reason: 'the edge proxy must own 80 and 443'
      }
    })
    expect(podTemplates).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({ file, line: 19, column: 5 }),
        labels: { app: 'nginx-ingress' },
        hostNetwork: false
      })
    ])
    // The Namespace of the same stream is read too (no port-range annotation on it).
    expect(namespaces.map((namespace) => namespace.name)).toEqual(['nginx-ingress'])
  })

  it('hostNetwork: every containerPort is a host port, located at the containerPort key', () => {
    const { bindings, podTemplates } = loadFixture('node-exporter.yaml')
    expect(bindings.map(view)).toEqual([
      {
        container: 'kube-rbac-proxy',
        kind: 'container',
        containerPort: 9100,
        hostPort: 9100,
        hostIP: '',
        protocol: 'tcp',
        name: 'https',
        at: '28:15',
        hostAt: '28:15',
        containerAt: '28:15'
      },
      {
        container: 'textfile',
        kind: 'container',
        containerPort: 9200,
        hostPort: 9200,
        hostIP: '',
        protocol: 'udp',
        name: undefined,
        at: '33:15',
        hostAt: '34:15',
        containerAt: '33:15'
      }
    ])
    expect(bindings.every((binding) => binding.hostNetwork)).toBe(true)
    expect(podTemplates[0]).toMatchObject({
      hostNetwork: true,
      object: { namespace: 'monitoring' }
    })
  })

  it('CronJob: the pod template under spec.jobTemplate.spec.template', () => {
    const { bindings, podTemplates } = loadFixture('cronjob.yaml')
    expect(bindings.map(view)).toEqual([
      expect.objectContaining({ containerPort: 8125, protocol: 'udp', name: 'statsd', at: '20:19' })
    ])
    expect(bindings[0]!.object).toMatchObject({ kind: 'CronJob', name: 'nightly-report' })
    expect(podTemplates).toEqual([expect.objectContaining({ labels: { app: 'nightly-report' } })])
    expect(pos(podTemplates[0]!.location)).toBe('11:9')
  })

  it('custom resources: an Argo Rollout and a Knative Service are walked to their pod specs', () => {
    const { bindings, podTemplates, services } = loadFixture('argo-rollout.yaml')
    expect(
      bindings.map((binding) => [kubeRef(binding).kind, binding.containerPort?.start])
    ).toEqual([
      ['Rollout', 8080],
      ['Service', 8080]
    ])
    expect(bindings[0]).toMatchObject({ replicas: 5, name: 'http', container: 'checkout' })
    expect(pos(bindings[0]!.location)).toBe('26:15')
    expect(pos(bindings[1]!.location)).toBe('40:15')
    // Knative's serving.knative.dev/v1 Service is a workload, not a core Service.
    expect(services).toEqual([])
    expect(podTemplates.map((template) => template.labels)).toEqual([{ app: 'checkout' }, {}])
  })

  it('List: every item is read as a top-level object', () => {
    const { bindings, services } = loadFixture('list.yaml')
    expect(bindings.map(view)).toEqual([
      expect.objectContaining({ container: 'redis', containerPort: 6379, at: '23:19' })
    ])
    expect(bindings[0]).toMatchObject({ replicas: 3, object: { namespace: 'cache' } })
    expect(services).toEqual([
      expect.objectContaining({ port: 6379, targetPort: 'redis', serviceType: 'ClusterIP' })
    ])
  })

  it('init containers, sidecars (restartPolicy: Always), sysctl, hostIP; ephemeral ports rejected', () => {
    const { bindings, invalidPorts } = loadFixture('sidecars.yaml')
    expect(bindings.map(view)).toEqual([
      expect.objectContaining({
        container: 'web',
        kind: 'container',
        containerPort: 80,
        hostPort: 8080,
        hostIP: '127.0.0.1',
        at: '31:11',
        hostAt: '33:11'
      }),
      expect.objectContaining({ container: 'migrate', kind: 'initContainer', hostPort: 9000 }),
      expect.objectContaining({ container: 'envoy', kind: 'sidecar', hostPort: 15001 })
    ])
    expect(bindings.every((binding) => binding.unprivilegedPortStart === 80)).toBe(true)
    expect(bindings[2]!.addedCapabilities).toEqual(['NET_ADMIN', 'NET_BIND_SERVICE'])
    // The allow-list of ephemeral container fields has Ports: false.
    expect(invalidPorts.map((invalid) => [pos(invalid.location), invalid.message])).toEqual([
      ['37:7', 'ephemeral container "debugger" may not declare ports (the API server forbids them)']
    ])
  })

  it('anchors and merge keys: a merged port item keeps the values of its anchor', () => {
    const { bindings } = loadFixture('anchors.yaml')
    expect(bindings.map(view)).toEqual([
      expect.objectContaining({ containerPort: 9092, name: 'broker', hostPort: undefined }),
      expect.objectContaining({
        containerPort: 9092,
        name: 'broker-host',
        hostPort: 19092,
        at: '22:15',
        hostAt: '24:15',
        // The containerPort is written once, at the anchor.
        containerAt: '21:15'
      })
    ])
  })

  it('Pod: labels from its own metadata, generateName when there is no name', () => {
    const { bindings, podTemplates } = extractText(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  generateName: worker-',
        '  labels: {app: worker}',
        'spec:',
        '  containers:',
        '    - name: w',
        '      ports: [{containerPort: 7000}]'
      ].join('\n')
    )
    expect(bindings[0]!.object).toEqual({
      format: 'kubernetes',
      kind: 'Pod',
      namespace: '',
      name: 'worker-'
    })
    expect(pos(bindings[0]!.location)).toBe('9:15')
    expect(podTemplates[0]!.labels).toEqual({ app: 'worker' })
  })
})

describe('traps: nothing that is not a pod spec becomes a binding', () => {
  it('a CRD schema with containerPort/hostPort properties and a kind cluster config', () => {
    const part = loadFixture('crd.yaml')
    expect(part).toMatchObject({ podTemplates: [], invalidPorts: [], services: [] })
    // The kind config's mapping binds the developer machine (src/extract/dev-cluster/), not a node.
    expect(part.bindings!.map((binding) => [binding.format, binding.hostPort?.start])).toEqual([
      ['compose', 80]
    ])
  })

  it('Helm values (no apiVersion/kind) are not Kubernetes', () => {
    expect(loadFixture('values.yaml')).toMatchObject({ bindings: [], invalidPorts: [] })
  })

  it('unrendered templates are unknown values, never findings', () => {
    const part = extractText(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: tpl}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: app',
        '          ports:',
        '            - containerPort: {{ .Values.port }}',
        '            - containerPort: ${PORT}',
        '              hostPort: 8080'
      ].join('\n')
    )
    expect(part.invalidPorts).toEqual([])
    expect(part.bindings).toEqual([])
  })
})

describe('Helm-rendered streams', () => {
  it('each document carries the template named by its # Source: comment', () => {
    const { bindings, services } = loadFixture('helm-rendered.yaml')
    expect(services.map((service) => service.object.helmSource)).toEqual([
      'shop/templates/service.yaml',
      'shop/templates/service.yaml'
    ])
    expect(bindings.map((binding) => binding.object)).toEqual([
      expect.objectContaining({ kind: 'Deployment', helmSource: 'shop/templates/deployment.yaml' }),
      expect.objectContaining({ kind: 'Deployment', helmSource: 'shop/templates/deployment.yaml' })
    ])
    expect(bindings.map((binding) => binding.replicas)).toEqual([2, 2])
  })
})

describe('Services', () => {
  it('NodePort: port, named and numeric targetPort, nodePort, with the location of each key', () => {
    const { services } = loadFixture('helm-rendered.yaml')
    expect(
      services.map((service) => ({
        type: service.serviceType,
        port: service.port,
        targetPort: service.targetPort,
        nodePort: service.nodePort,
        protocol: service.protocol,
        name: service.name,
        at: pos(service.location),
        portAt: pos(service.portLocation),
        targetAt: pos(service.targetPortLocation),
        nodeAt: pos(service.nodePortLocation)
      }))
    ).toEqual([
      {
        type: 'NodePort',
        port: 80,
        targetPort: 'http',
        nodePort: 30080,
        protocol: 'tcp',
        name: 'http',
        at: '14:7',
        portAt: '15:7',
        targetAt: '16:7',
        nodeAt: '17:7'
      },
      {
        type: 'NodePort',
        port: 9090,
        targetPort: 9090,
        nodePort: undefined,
        protocol: 'tcp',
        name: 'metrics',
        at: '18:7',
        portAt: '19:7',
        targetAt: '20:7',
        nodeAt: '-'
      }
    ])
    expect(services[0]!.selector).toEqual({ 'app.kubernetes.io/name': 'shop-web' })
  })

  it('LoadBalancer, UDP, ClusterIP by default, targetPort defaulted to port, headless without ports', () => {
    const { services, invalidPorts } = loadFixture('services.yaml')
    expect(invalidPorts).toEqual([])
    expect(
      services.map((service) => [
        service.object.name,
        service.serviceType,
        service.port,
        service.targetPort,
        service.nodePort,
        service.protocol,
        pos(service.targetPortLocation)
      ])
    ).toEqual([
      ['edge', 'LoadBalancer', 443, 8443, 30443, 'tcp', '13:7'],
      ['edge', 'LoadBalancer', 53, 53, undefined, 'udp', '-'],
      ['internal', 'ClusterIP', 8080, 8080, undefined, 'tcp', '-']
    ])
    expect(services[0]!.object).toEqual({
      format: 'kubernetes',
      kind: 'Service',
      namespace: 'team-alpha',
      name: 'edge'
    })
  })
})

describe('Namespaces', () => {
  it('annotations and the port-range annotation; a malformed range is an invalid port', () => {
    const { namespaces, invalidPorts, file } = loadFixture('namespaces.yaml')
    expect(namespaces.map((namespace) => [namespace.name, pos(namespace.location)])).toEqual([
      ['team-alpha', '4:9'],
      ['team-beta', '12:9'],
      ['team-gamma', '19:9']
    ])
    expect(namespaces[0]!.annotations).toEqual({
      'port-range': '30000-30999',
      owner: 'alpha@example.com'
    })
    expect(namespaces[0]!.portRange).toEqual({
      min: 30000,
      max: 30999,
      location: { file, line: 6, column: 17, endLine: 6, endColumn: 30 }
    })
    expect(namespaces[1]!.portRange).toBeUndefined()
    expect(invalidPorts).toEqual([
      {
        location: expect.objectContaining({ file, line: 14, column: 17 }),
        object: expect.objectContaining({ kind: 'Namespace', name: 'team-beta' }),
        value: '31000 to 31999',
        message:
          'port-range annotation "31000 to 31999" is not a port range: write "<min>-<max>" with ports 1-65535, e.g. "30000-30999"'
      }
    ])
  })
})

describe('robustness', () => {
  it('odd shapes are reported or skipped, never thrown', () => {
    const { bindings, invalidPorts, parseErrors } = loadFixture('odd-shapes.yaml')
    expect(parseErrors).toEqual([])
    expect(bindings).toEqual([])
    expect(invalidPorts.map((invalid) => [pos(invalid.location), invalid.message])).toEqual([
      ['10:11', 'ports must be a list'],
      ['14:15', 'each ports entry must be a mapping with a containerPort'],
      ['16:15', 'hostPort must be an integer, got a list: [80]'],
      ['35:3', 'Service ports must be a list']
    ])
  })

  it('a large multi-document stream stays linear and complete', () => {
    const documents = Array.from({ length: 2000 }, (_, index) =>
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        `metadata: {name: app-${index}}`,
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        `        - {name: app, ports: [{containerPort: ${1024 + index}, hostPort: ${20000 + index}}]}`
      ].join('\n')
    )
    const started = performance.now()
    const { bindings } = extractText(documents.join('\n---\n'))
    expect(bindings).toHaveLength(2000)
    expect(bindings[1999]!.hostPort).toEqual({ start: 21999, end: 21999 })
    expect(pos(bindings[1999]!.location)).toBe(`${1999 * 9 + 8}:31`)
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('an alias bomb does not stall extraction', () => {
    const bomb = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: bomb}',
      'x0: &a0 [lol, lol]',
      ...Array.from({ length: 20 }, (_, i) => `x${i + 1}: &a${i + 1} [*a${i}, *a${i}]`),
      'spec:',
      '  containers:',
      '    - name: c',
      '      ports: [{containerPort: 80}]'
    ].join('\n')
    const { bindings } = extractText(bomb)
    expect(bindings.map((binding) => binding.containerPort?.start)).toEqual([80])
  })
})

describe('who a container runs as, and on which OS (for privileged-container-port)', () => {
  const pod = (podSecurity: string, containerSecurity: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
${extra}  securityContext: ${podSecurity}
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 80
      securityContext: ${containerSecurity}
`
  const facts = (text: string) => {
    const [binding] = extractText(text).bindings
    return { runsAs: binding!.runsAs, windows: binding!.windows ?? false }
  }

  it('takes the container field over the pod field, each on its own', () => {
    expect(facts(pod('{ runAsNonRoot: true }', '{}'))).toEqual({
      runsAs: 'non-root',
      windows: false
    })
    expect(facts(pod('{ runAsUser: 1000 }', '{ runAsUser: 0 }'))).toEqual({
      runsAs: 'root',
      windows: false
    })
    expect(facts(pod('{ runAsUser: 0 }', '{ runAsNonRoot: true }'))).toEqual({
      runsAs: 'root',
      windows: false
    })
    expect(facts(pod('{ runAsNonRoot: true }', '{ runAsNonRoot: false }'))).toEqual({
      runsAs: undefined,
      windows: false
    })
    expect(facts(pod('{}', '{}'))).toEqual({ runsAs: undefined, windows: false })
  })

  it('sees Windows pods by os.name, node selector, required affinity and windowsOptions', () => {
    const windows = (extra: string, podSecurity = '{}', container = '{}') =>
      facts(pod(podSecurity, container, extra)).windows
    expect(windows('  os: { name: windows }\n')).toBe(true)
    expect(windows('  nodeSelector: { kubernetes.io/os: windows }\n')).toBe(true)
    expect(windows('  nodeSelector: { kubernetes.io/os: linux }\n')).toBe(false)
    expect(windows('', '{ windowsOptions: { runAsUserName: ContainerUser } }')).toBe(true)
    expect(windows('', '{}', '{ windowsOptions: { runAsUserName: ContainerUser } }')).toBe(true)
    const affinity = (values: string) =>
      `  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n` +
      `        nodeSelectorTerms:\n          - matchExpressions:\n` +
      `              - { key: kubernetes.io/os, operator: In, values: ${values} }\n`
    expect(windows(affinity('[windows]'))).toBe(true)
    // A term that also admits Linux nodes does not make the pod a Windows pod.
    expect(windows(affinity('[windows, linux]'))).toBe(false)
  })
})
