// Deterministic corpora for `npm run bench` and for the pre-filter's equivalence test. Every
// generator writes the same bytes for the same arguments (a seeded PRNG, no clock, no random
// names), so two runs measure the same work and a test can build a small copy at test time.
//
// - manifest: Kubernetes files (workload + Service, every 10th a DaemonSet with hostPorts) and
//   Compose projects (4–5 services, short and long port syntax, `${VAR:-default}`).
// - mixed: the manifest corpus plus port-free YAML a monorepo is full of: CI workflows, Helm
//   values, OpenAPI specs, i18n strings and CustomResourceDefinition schemas (which mention
//   `containerPort` and `hostPort` as schema properties, never as values).
// - conflict: N DaemonSets on one hostPort and N Compose projects on one published port.
// - bindings: N distinct host-port bindings that clash with nothing.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface ManifestSize {
  kubernetesFiles: number
  composeProjects: number
}

export interface MixedSize extends ManifestSize {
  portFreeFiles: number
}

/** The sizes; the bench scales them down with --scale, the test with small numbers. */
export const FULL_MANIFEST: ManifestSize = { kubernetesFiles: 5000, composeProjects: 1000 }
export const FULL_MIXED: MixedSize = { ...FULL_MANIFEST, portFreeFiles: 20000 }

/** mulberry32: small, fast and the same everywhere. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Random = ReturnType<typeof prng>

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!
const int = (random: Random, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1))
const pad = (n: number, width = 5) => String(n).padStart(width, '0')

function write(root: string, file: string, text: string): void {
  const absolute = path.join(root, file)
  mkdirSync(path.dirname(absolute), { recursive: true })
  writeFileSync(absolute, text)
}

const TEAMS = ['payments', 'search', 'checkout', 'identity', 'catalog', 'media', 'ledger', 'edge']
const IMAGES = ['nginx:1.27', 'redis:7.2', 'postgres:16', 'envoyproxy/envoy:v1.31', 'busybox:1.36']

function kubernetesFile(random: Random, index: number): string {
  const team = pick(random, TEAMS)
  const name = `${team}-svc-${pad(index)}`
  const port = int(random, 3000, 9999)
  const daemon = index % 10 === 0
  // Every 200th file: an ingress DaemonSet on the node's port 443 (privileged, and shared).
  const nodePort = index % 200 === 0 ? 443 : int(random, 30000, 32767)
  const hostPort = daemon ? `\n              hostPort: ${nodePort}` : ''
  const kind = daemon ? 'DaemonSet' : 'Deployment'
  const replicas = daemon ? '' : `\n  replicas: ${int(random, 1, 5)}`
  return `---
# Source: ${team}/templates/${daemon ? 'daemonset' : 'deployment'}.yaml
apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${team}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: ${team}
spec:${replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      containers:
        - name: app
          image: ${pick(random, IMAGES)}
          args: ["--listen=:${port}", "--log-level=info"]
          ports:
            - name: http
              containerPort: ${port}${hostPort}
              protocol: TCP
            - name: metrics
              containerPort: ${port + 1}
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
---
# Source: ${team}/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${team}
spec:
  type: ${index % 7 === 0 ? 'NodePort' : 'ClusterIP'}
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http
`
}

function composeProject(random: Random, index: number): string {
  const services = int(random, 4, 5)
  const base = 10000 + (index % 5000) * 10
  const lines = [`name: project-${pad(index)}`, 'services:']
  for (let s = 0; s < services; s++) {
    const host = base + s
    lines.push(`  svc${s}:`, `    image: ${pick(random, IMAGES)}`)
    // Every 25th project publishes its web service on port 80 (a privileged host port).
    const web = index % 25 === 0 ? 80 : host
    if (s === 0) lines.push('    ports:', `      - "\${WEB_PORT_${index}:-${web}}:80"`)
    else if (s === 1) {
      lines.push(
        '    ports:',
        '      - target: 5432',
        `        published: "${host}"`,
        '        protocol: tcp',
        '        mode: host'
      )
    } else if (s === 2) lines.push('    ports:', `      - "127.0.0.1:${host}:${host}/udp"`)
    else lines.push('    expose:', '      - "9000"')
    lines.push(
      '    environment:',
      `      LOG_LEVEL: \${LOG_LEVEL:-info}`,
      '    restart: unless-stopped'
    )
  }
  return lines.join('\n') + '\n'
}

export function writeManifestCorpus(root: string, size: ManifestSize): void {
  const random = prng(1)
  for (let i = 0; i < size.kubernetesFiles; i++) {
    write(root, `k8s/${TEAMS[i % TEAMS.length]}/app-${pad(i)}.yaml`, kubernetesFile(random, i))
  }
  for (let i = 0; i < size.composeProjects; i++) {
    write(root, `compose/project-${pad(i)}/docker-compose.yml`, composeProject(random, i))
  }
}

function workflow(random: Random, index: number): string {
  return `name: ci-${index}
on:
  push:
    branches: [main]
  pull_request:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: ${pick(random, ['20', '22', '24'])}
      - run: npm ci
      - run: npm test -- --shard=${int(random, 1, 4)}/4
`
}

function helmValues(random: Random): string {
  return `replicaCount: ${int(random, 1, 6)}
image:
  repository: ${pick(random, IMAGES).split(':')[0]}
  tag: "${int(random, 1, 9)}.${int(random, 0, 20)}"
  pullPolicy: IfNotPresent
resources:
  requests:
    cpu: ${int(random, 50, 500)}m
    memory: ${int(random, 64, 512)}Mi
nodeSelector: {}
tolerations: []
affinity: {}
podAnnotations:
  prometheus.io/scrape: "true"
`
}

function openApi(random: Random, index: number): string {
  const lines = ['openapi: 3.0.3', 'info:', `  title: API ${index}`, '  version: 1.0.0', 'paths:']
  const paths = int(random, 10, 30)
  for (let p = 0; p < paths; p++) {
    lines.push(
      `  /v1/resource${p}/{id}:`,
      '    get:',
      `      operationId: getResource${p}`,
      '      parameters:',
      '        - name: id',
      '          in: path',
      '          required: true',
      '          schema: { type: string }',
      '      responses:',
      "        '200':",
      `          description: 'The resource, with "quotes" and a colon: here'`,
      '          content:',
      '            application/json:',
      `              schema: { $ref: '#/components/schemas/Resource${p}' }`
    )
  }
  return lines.join('\n') + '\n'
}

function i18n(random: Random): string {
  const words = ['Save', 'Cancel', 'Delete', 'Sign in', 'Welcome back', 'Try again', "Don't ask"]
  const lines = ['en:']
  for (let k = 0; k < int(random, 20, 60); k++) {
    lines.push(`  key_${k}: "${pick(random, words)} (${k})"`)
  }
  return lines.join('\n') + '\n'
}

/** A CRD's OpenAPI schema declares container fields as properties: nothing here is a port. */
function crd(random: Random, index: number): string {
  const lines = [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata:',
    `  name: widgets${index}.example.com`,
    'spec:',
    '  group: example.com',
    '  names:',
    `    kind: Widget${index}`,
    '    plural: widgets',
    '  scope: Namespaced',
    '  versions:',
    '    - name: v1',
    '      served: true',
    '      storage: true',
    '      schema:',
    '        openAPIV3Schema:',
    '          type: object',
    '          properties:'
  ]
  for (let p = 0; p < int(random, 20, 60); p++) {
    lines.push(
      `            field${p}:`,
      "              description: 'A field that isn''t a port, though it mentions containerPort.'",
      '              type: object',
      '              properties:',
      '                containers:',
      '                  type: array',
      '                  items:',
      '                    properties:',
      '                      ports:',
      '                        items:',
      '                          properties:',
      '                            containerPort: { type: integer, format: int32 }',
      '                            hostPort: { type: integer, format: int32 }'
    )
  }
  return lines.join('\n') + '\n'
}

export function writeMixedCorpus(root: string, size: MixedSize): void {
  writeManifestCorpus(root, size)
  const random = prng(2)
  for (let i = 0; i < size.portFreeFiles; i++) {
    const dir = `libs/lib-${pad(Math.floor(i / 50), 4)}`
    switch (i % 10) {
      case 0:
      case 1:
        write(root, `${dir}/.github/workflows/ci-${i}.yml`, workflow(random, i))
        break
      case 2:
      case 3:
      case 4:
        write(root, `${dir}/chart/values-${i}.yaml`, helmValues(random))
        break
      case 5:
        write(root, `${dir}/api/openapi-${i}.yaml`, openApi(random, i))
        break
      case 6:
      case 7:
      case 8:
        write(root, `${dir}/locales/strings-${i}.yml`, i18n(random))
        break
      default:
        write(root, `${dir}/crds/widget-${i}.yaml`, crd(random, i))
    }
  }
}

/** N DaemonSets on host port 8443 in one file and N Compose projects publishing 8080: N² pairs, N claims each. */
export function writeConflictCorpus(root: string, claims: number): void {
  // The DaemonSets in one file, documents one after another: the case where fixes once split the
  // file's text again for each finding (quadratic). The Compose projects one folder each.
  const daemonSets: string[] = []
  for (let i = 0; i < claims; i++) {
    daemonSets.push(`apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent-${pad(i)}
  namespace: monitoring
spec:
  selector:
    matchLabels: { app: agent-${pad(i)} }
  template:
    metadata:
      labels: { app: agent-${pad(i)} }
    spec:
      containers:
        - name: agent
          image: busybox:1.36
          ports:
            - containerPort: 8443
              hostPort: 8443
`)
  }
  write(root, 'k8s/agents.yaml', daemonSets.join('---\n'))
  for (let i = 0; i < claims; i++) {
    write(
      root,
      `compose/stack-${pad(i)}/compose.yaml`,
      `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n`
    )
  }
}

/** N host-port bindings, no two on the same host IP, port and protocol: nothing to report. */
export function writeBindingsCorpus(root: string, bindings: number): void {
  const perFile = 100
  for (let file = 0; file * perFile < bindings; file++) {
    const ports: string[] = []
    for (let i = file * perFile; i < Math.min(bindings, (file + 1) * perFile); i++) {
      // 30,000 ports per host IP, below the ephemeral range (32768+, which host-port-in-ephemeral-range
      // reports): the same port recurs only on another address.
      const hostIP = `10.0.${Math.floor(i / 30000)}.1`
      const port = 2000 + (i % 30000)
      ports.push(
        `        - containerPort: ${port}\n          hostPort: ${port}\n          hostIP: ${hostIP}`
      )
    }
    write(
      root,
      `k8s/edge-${pad(file)}.yaml`,
      `apiVersion: v1
kind: Pod
metadata:
  name: edge-${pad(file)}
spec:
  containers:
    - name: proxy
      image: envoyproxy/envoy:v1.31
      ports:
${ports.join('\n')}
`
    )
  }
}
