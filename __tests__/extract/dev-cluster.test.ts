// kind and k3d configs as port sources (src/extract/dev-cluster/): their host port mappings are
// bindings on the developer machine, judged with the repository's Compose projects in one host
// scope by duplicate-host-port, privileged-port and unbound-interface, at their own lines.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { scan } from '../../src/engine.js'
import { defaultConfig } from '../../src/config/types.js'
import { dedent } from '../helpers/rule-cases.js'
import { prefilter } from '../../src/parse/prefilter.js'

async function scanFiles(files: Record<string, string>, config = defaultConfig()) {
  const temp = await mkdtemp(path.join(tmpdir(), 'port-hygiene-dev-cluster-'))
  const root = path.join(temp, 'repo')
  try {
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true })
      await writeFile(path.join(root, file), dedent(text))
    }
    return await scan({ root, paths: [], config, env: {}, threads: 0 })
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}

const seen = (result: Awaited<ReturnType<typeof scanFiles>>, rule: string) =>
  result.findings
    .filter((finding) => finding.ruleId === rule)
    .map((finding) => ({
      file: finding.location.file,
      line: finding.location.line,
      severity: finding.severity,
      message: finding.message,
      related: (finding.related ?? []).map((each) => `${each.location.file}:${each.location.line}`)
    }))

const KIND = `
  kind: Cluster
  apiVersion: kind.x-k8s.io/v1alpha4
  name: dev
  networking:
    apiServerPort: 6443
  nodes:
    - role: control-plane
      extraPortMappings:
        - containerPort: 80
          hostPort: 80
          listenAddress: 127.0.0.1
        - containerPort: 30300
          hostPort: 3000
          listenAddress: "127.0.0.1"
          protocol: TCP
        - containerPort: 30053
          hostPort: 0
          protocol: UDP
    - role: worker
      extraPortMappings:
        - containerPort: 30443
          hostPort: 8443
`

const COMPOSE = `
  name: shop
  services:
    web:
      image: nginx:1.27
      ports:
        - "127.0.0.1:3000:3000"
`

describe('kind Cluster', () => {
  it('turns extraPortMappings and apiServerPort into host bindings at their lines', async () => {
    const result = await scanFiles({ 'kind.yaml': KIND })
    const bindings = result.model.bindings.map((binding) => ({
      line: binding.hostPortLocation?.line,
      hostIP: binding.hostIP,
      hostPort: binding.hostPort?.start,
      containerPort: binding.containerPort?.start,
      protocol: binding.protocol,
      object: binding.object
    }))
    const node = (service: string) => ({
      format: 'compose',
      project: 'kind:dev',
      service,
      projectFile: 'kind.yaml',
      devCluster: { tool: 'kind', cluster: 'dev' }
    })
    expect(bindings).toEqual([
      {
        line: 10,
        hostIP: '127.0.0.1',
        hostPort: 80,
        containerPort: 80,
        protocol: 'tcp',
        object: node('node control-plane')
      },
      {
        line: 13,
        hostIP: '127.0.0.1',
        hostPort: 3000,
        containerPort: 30300,
        protocol: 'tcp',
        object: node('node control-plane')
      },
      // hostPort 0: kind picks a free port, which claims nothing.
      {
        line: 22,
        hostIP: '',
        hostPort: 8443,
        containerPort: 30443,
        protocol: 'tcp',
        object: node('node worker')
      },
      {
        line: 5,
        hostIP: '127.0.0.1',
        hostPort: 6443,
        containerPort: undefined,
        protocol: 'tcp',
        object: node('API server')
      }
    ])
  })

  it('shares one host port with a Compose project: one finding naming both', async () => {
    const result = await scanFiles({ 'kind.yaml': KIND, 'compose.yaml': COMPOSE })
    expect(seen(result, 'duplicate-host-port')).toEqual([
      {
        file: 'compose.yaml',
        line: 6,
        severity: 'warning',
        message:
          'Host port 3000/tcp on 127.0.0.1 of service "web" (project shop, compose.yaml:6) is also ' +
          'claimed by kind cluster "dev" (node control-plane, kind.yaml:13): possible conflict: ' +
          'project "shop" and kind cluster "dev" clash only when run on one host.',
        related: ['kind.yaml:13']
      }
    ])
  })

  it('two nodes of one cluster on one host port are a certain conflict', async () => {
    const result = await scanFiles({
      'kind.yaml': `
        kind: Cluster
        apiVersion: kind.x-k8s.io/v1alpha4
        nodes:
          - role: control-plane
            extraPortMappings:
              - { containerPort: 80, hostPort: 8080 }
          - role: worker
            extraPortMappings:
              - { containerPort: 80, hostPort: 8080 }
          - role: worker
      `
    })
    const [finding] = seen(result, 'duplicate-host-port')
    expect(finding).toMatchObject({
      file: 'kind.yaml',
      line: 9,
      severity: 'error',
      related: ['kind.yaml:6']
    })
    expect(finding!.message).toContain('kind cluster "kind" (node worker 1, kind.yaml:9)')
    expect(finding!.message).toContain('kind cluster "kind" (node control-plane, kind.yaml:6)')
  })

  it('reports privileged and every-interface host ports, with kind words in the advice', async () => {
    const result = await scanFiles({ 'kind.yaml': KIND })
    // 80 is allowed by default (webPorts); without the allowance it is a privileged-port warning.
    expect(seen(result, 'privileged-port')).toEqual([])
    const config = defaultConfig()
    config.rules['privileged-port'] = { severity: 'error', options: { allow: [], webPorts: [] } }
    expect(seen(await scanFiles({ 'kind.yaml': KIND }, config), 'privileged-port')).toEqual([
      expect.objectContaining({
        file: 'kind.yaml',
        line: 10,
        severity: 'warning',
        message: expect.stringMatching(
          /^Published port 80\/tcp on 127\.0\.0\.1 of kind cluster "dev" \(node control-plane\) is privileged/
        )
      })
    ])
    expect(seen(result, 'unbound-interface')).toEqual([
      expect.objectContaining({
        file: 'kind.yaml',
        line: 22,
        severity: 'notice',
        message: expect.stringContaining(
          'Published port 8443/tcp of kind cluster "dev" (node worker) has no host IP'
        )
      })
    ])
    expect(seen(result, 'unbound-interface')[0]!.message).toContain('`listenAddress: 127.0.0.1`')
  })

  it('reports values kind rejects as invalid-port, and claims nothing for them', async () => {
    const result = await scanFiles({
      'kind.yaml': `
        kind: Cluster
        apiVersion: kind.x-k8s.io/v1alpha4
        nodes:
          - role: control-plane
            extraPortMappings:
              - { containerPort: 80, hostPort: 70000 }
              - { containerPort: 80, hostPort: 8080, protocol: HTTP }
              - { containerPort: 80, hostPort: 8081, listenAddress: localhost }
      `
    })
    expect(result.model.bindings).toEqual([])
    expect(seen(result, 'invalid-port').map((finding) => [finding.line, finding.message])).toEqual([
      [6, expect.stringContaining('hostPort 70000 is not a valid port')],
      [7, expect.stringContaining('protocol HTTP is not one kind knows')],
      [8, expect.stringContaining('listenAddress localhost is not an IP address')]
    ])
  })
})

describe('k3d Simple', () => {
  const K3D = (apiVersion: string, name: string) => `
    apiVersion: ${apiVersion}
    kind: Simple
    ${name}
    kubeAPI:
      hostIP: 127.0.0.1
      hostPort: "6445"
    ports:
      - port: 127.0.0.1:3000:80
        nodeFilters:
          - loadbalancer
      - port: 5432:5432/tcp
        nodeFilters: [server:0, agent:*]
      - port: "80"
  `

  it.each([
    ['k3d.io/v1alpha5', 'metadata:\n  name: dev'],
    ['k3d.io/v1alpha4', 'metadata:\n  name: dev']
  ])(
    '%s: ports and kubeAPI are host bindings; a port with no host port claims nothing',
    async (apiVersion, name) => {
      const result = await scanFiles({ 'k3d.yaml': K3D(apiVersion, name.replace('\n', '\n    ')) })
      expect(
        result.model.bindings.map((binding) => [
          binding.hostPortLocation?.line,
          binding.hostIP,
          binding.hostPort?.start,
          binding.object.format === 'compose' ? binding.object.service : ''
        ])
      ).toEqual([
        [9, '127.0.0.1', 3000, 'nodes loadbalancer'],
        [12, '', 5432, 'nodes server:0, agent:*'],
        [7, '127.0.0.1', 6445, 'API server']
      ])
    }
  )

  it('is checked with Compose projects: duplicate, and PostgreSQL on every interface', async () => {
    const result = await scanFiles({
      'dev/k3d.yaml': K3D('k3d.io/v1alpha5', 'metadata:\n      name: dev'),
      'compose.yaml': COMPOSE
    })
    expect(seen(result, 'duplicate-host-port')).toEqual([
      expect.objectContaining({
        file: 'compose.yaml',
        line: 6,
        message: expect.stringContaining(
          'is also claimed by k3d cluster "dev" (nodes loadbalancer, dev/k3d.yaml:9): possible ' +
            'conflict: project "shop" and k3d cluster "dev" clash only when run on one host.'
        ),
        related: ['dev/k3d.yaml:9']
      })
    ])
    expect(seen(result, 'unbound-interface')).toEqual([
      expect.objectContaining({
        file: 'dev/k3d.yaml',
        line: 12,
        // PostgreSQL asks for a password: a notice (no image names it on a k3d port anyway).
        severity: 'notice',
        message: expect.stringContaining(
          'Published port 5432/tcp of k3d cluster "dev" (nodes server:0, agent:*) has no host IP'
        )
      })
    ])
    expect(seen(result, 'unbound-interface')[0]!.message).toContain('"127.0.0.1:5432:5432/tcp"')
  })

  it('the cluster is k3s-default when the config names none', async () => {
    const result = await scanFiles({
      'k3d.yaml': `
        apiVersion: k3d.io/v1alpha5
        kind: Simple
        ports:
          - port: 8080:80
      `
    })
    expect(result.model.bindings[0]?.object).toMatchObject({ project: 'k3d:k3s-default' })
  })
})

describe('not a dev-cluster config', () => {
  it('a Cluster of another group is read as Kubernetes (no host bindings from its ports)', async () => {
    const result = await scanFiles({
      'cluster.yaml': `
        apiVersion: cluster.x-k8s.io/v1beta1
        kind: Cluster
        metadata:
          name: prod
        spec:
          clusterNetwork:
            services:
              cidrBlocks: ["10.128.0.0/12"]
          controlPlaneEndpoint:
            port: 6443
      `
    })
    expect(result.model.bindings).toEqual([])
  })
})

describe('the pre-filter keeps dev-cluster configs', () => {
  it.each([
    ['kind extraPortMappings', KIND],
    ['k3d ports', 'apiVersion: k3d.io/v1alpha5\nkind: Simple\nports:\n  - port: 8080:80\n'],
    [
      'k3d kubeAPI only',
      'apiVersion: k3d.io/v1alpha5\nkind: Simple\nkubeAPI:\n  hostPort: "6445"\n'
    ],
    [
      'kind apiServerPort only',
      'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  apiServerPort: 6443\n'
    ]
  ])('%s', (_name, text) => {
    // A ConfigMap beside it is left out; the config itself is parsed.
    const filtered = prefilter(
      `${dedent(text)}---\napiVersion: v1\nkind: ConfigMap\ndata: { a: b }\n`
    )
    expect(filtered?.skippedDocuments).toBe(1)
    expect(filtered?.text).toContain(dedent(text))
  })
})

describe('real kind configs (../shared/corpus)', () => {
  const corpus = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../../shared/corpus/real'
  )
  const file = 'haproxytech__kubernetes-ingress/deploy/tests/kind-config.yaml'
  it.skipIf(!existsSync(path.join(corpus, file)))(
    `${file}: every extraPortMapping and the API server, at their lines (skipped without the corpus)`,
    async () => {
      const result = await scan({
        root: corpus,
        paths: [file],
        config: defaultConfig(),
        env: {},
        threads: 0
      })
      expect(
        result.model.bindings.map((binding) => [
          binding.hostPortLocation?.line,
          binding.hostIP,
          binding.hostPort?.start,
          binding.object.format === 'compose' ? binding.object.service : ''
        ])
      ).toEqual([
        [11, '', 30080, 'node control-plane'],
        [15, '', 30443, 'node control-plane'],
        [17, '', 31024, 'node control-plane'],
        [19, '', 32766, 'node control-plane'],
        [21, '', 32767, 'node control-plane'],
        [23, '', 32765, 'node control-plane'],
        [25, '', 32060, 'node control-plane'],
        [5, '127.0.0.1', 6443, 'API server']
      ])
    }
  )
})
