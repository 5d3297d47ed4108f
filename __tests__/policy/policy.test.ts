// `port-hygiene policy`: the generated admission policy evaluated with a real CEL evaluator
// (./admission.ts) against the same manifests the CI check scans. For every case the CI rules'
// errors and the admission verdict agree: an object CI reports an error for is rejected, with a
// message CI reports word for word; an object CI passes is admitted.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments, stringify } from 'yaml'
import { scan } from '../../src/engine.js'
import { loadConfig } from '../../src/config/load.js'
import { RULES } from '../../src/rules/index.js'
import type { ResolvedConfig } from '../../src/config/types.js'
import { generatePolicies } from '../../src/policy/generate.js'
import { runCli } from '../../src/cli.js'
import { admit } from './admission.js'
import { dedent } from '../helpers/rule-cases.js'
import { partsOf } from '../../src/rules/merge-findings.js'

const ENFORCED = new Set(['port-out-of-range', 'privileged-port'])
const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

interface Case {
  name: string
  /** `.github/port-hygiene.yml`; the default is the port-ranges.json range only. */
  config?: string
  /** The Namespace as the cluster has it (and as the repository declares it). */
  namespace: { name: string; annotations?: Record<string, string> }
  object: string
  /** What admission rejects with; [] = admitted. */
  rejects: string[]
}

const SSHD = 'sshd'
const MTA = 'the mail transfer agent (Postfix, Exim)'
const DNS = 'systemd-resolved (127.0.0.53) or dnsmasq'
const NTP = 'the NTP daemon (ntpd, chronyd serving time)'
/** privileged-port's error: a hostPort on every interface over a host daemon's port. */
const DAEMON = (subject: string, daemon: string, port: number) =>
  `${subject} is where ${daemon} commonly listens on the host (port ${port}): the CNI portmap ` +
  "plugin redirects the node's port to the pod, cutting the daemon off; use a port of 1024 or " +
  'above, or allow it in the config if the host runs no such daemon.'
const OUTSIDE = (subject: string, range: string, namespace: string) =>
  `${subject} is outside the allowed range ${range} for namespace ${namespace}.`

const service = (namespace: string, ports: string, annotations = '') => `
  apiVersion: v1
  kind: Service
  metadata:
    name: api
    namespace: ${namespace}${annotations}
  spec:
    type: NodePort
    selector: { app: api }
    ports:
${ports}
`

const workload = (
  kind: string,
  namespace: string,
  spec: string,
  { name = 'web', annotations = '' } = {}
) => {
  const apiVersion =
    { Pod: 'v1', ReplicationController: 'v1', Job: 'batch/v1', CronJob: 'batch/v1' }[kind] ??
    'apps/v1'
  const indent = (text: string, by: number) => text.replace(/^/gm, ' '.repeat(by))
  const body =
    kind === 'Pod'
      ? `spec:\n${indent(spec, 2)}`
      : kind === 'CronJob'
        ? `spec:\n  schedule: '@hourly'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(spec, 10)}`
        : `spec:\n  template:\n    spec:\n${indent(spec, 6)}`
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${namespace}${annotations}\n${body}\n`
}

const containers = (ports: string, extra = '') =>
  `${extra}containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n${ports.replace(/^/gm, '      ')}`

const CASES: Case[] = [
  // ── Services: the namespace range ──────────────────────────────────────────────────────────
  {
    name: 'a Service port outside the range of .github/port-ranges.json',
    namespace: { name: 'team-beta' },
    object: service('team-beta', '      - { port: 8080, targetPort: 8080 }'),
    rejects: [OUTSIDE('Service port 8080', '31000-31999', 'team-beta')]
  },
  {
    name: 'a Service port inside it',
    namespace: { name: 'team-beta' },
    object: service('team-beta', '      - { port: 31500, targetPort: 8080 }'),
    rejects: []
  },
  {
    name: 'a nodePort outside it',
    namespace: { name: 'team-beta' },
    object: service('team-beta', '      - { port: 31001, nodePort: 30080 }'),
    rejects: [OUTSIDE('nodePort 30080', '31000-31999', 'team-beta')]
  },
  {
    name: 'both outside: one message each',
    namespace: { name: 'team-beta' },
    object: service('team-beta', '      - { port: 80, nodePort: 30080 }'),
    rejects: [
      OUTSIDE('Service port 80', '31000-31999', 'team-beta'),
      OUTSIDE('nodePort 30080', '31000-31999', 'team-beta')
    ]
  },
  {
    name: 'the second port of two is the one named',
    namespace: { name: 'team-beta' },
    object: service(
      'team-beta',
      '      - { name: a, port: 31001 }\n      - { name: b, port: 9090 }'
    ),
    rejects: [OUTSIDE('Service port 9090', '31000-31999', 'team-beta')]
  },
  {
    name: "the Namespace's port-range annotation, read through namespaceObject",
    namespace: { name: 'team-alpha', annotations: { 'port-range': '30000-30999' } },
    object: service('team-alpha', '      - { port: 8080 }'),
    rejects: [OUTSIDE('Service port 8080', '30000-30999', 'team-alpha')]
  },
  {
    name: 'inside the annotated range',
    namespace: { name: 'team-alpha', annotations: { 'port-range': '30000-30999' } },
    object: service('team-alpha', '      - { port: 30080, nodePort: 30081 }'),
    rejects: []
  },
  {
    name: 'the prefixed annotation port-hygiene/port-range',
    namespace: { name: 'team-gamma', annotations: { 'port-hygiene/port-range': '32000-32099' } },
    object: service('team-gamma', '      - { port: 8080 }'),
    rejects: [OUTSIDE('Service port 8080', '32000-32099', 'team-gamma')]
  },
  {
    name: 'an annotation with spaces',
    namespace: { name: 'team-alpha', annotations: { 'port-range': ' 30000 - 30999 ' } },
    object: service('team-alpha', '      - { port: 8080 }'),
    rejects: [OUTSIDE('Service port 8080', '30000-30999', 'team-alpha')]
  },
  {
    name: 'a one-port annotation',
    namespace: { name: 'team-one', annotations: { 'port-range': '30100' } },
    object: service('team-one', '      - { port: 30101 }'),
    rejects: [OUTSIDE('Service port 30101', '30100-30100', 'team-one')]
  },
  {
    name: 'an annotation that is not a range gives no range',
    namespace: { name: 'team-alpha', annotations: { 'port-range': 'the high ones' } },
    object: service('team-alpha', '      - { port: 8080 }'),
    rejects: []
  },
  {
    name: 'an annotation with min above max gives no range',
    namespace: { name: 'team-alpha', annotations: { 'port-range': '30999-30000' } },
    object: service('team-alpha', '      - { port: 8080 }'),
    rejects: []
  },
  {
    name: 'the config wins over the annotation',
    namespace: { name: 'team-beta', annotations: { 'port-range': '1-65535' } },
    object: service('team-beta', '      - { port: 8080 }'),
    rejects: [OUTSIDE('Service port 8080', '31000-31999', 'team-beta')]
  },
  {
    name: 'ranges.namespaces of port-hygiene.yml',
    config: "ranges:\n  namespaces:\n    payments: '9000-9099'\n",
    namespace: { name: 'payments' },
    object: service('payments', '      - { port: 9100 }'),
    rejects: [OUTSIDE('Service port 9100', '9000-9099', 'payments')]
  },
  {
    name: 'a namespace without a range',
    namespace: { name: 'shop' },
    object: service('shop', '      - { port: 80, nodePort: 30080 }'),
    rejects: []
  },
  {
    name: 'port-hygiene/ignore naming the rule',
    namespace: { name: 'team-beta' },
    object: service(
      'team-beta',
      '      - { port: 8080 }',
      "\n    annotations:\n      port-hygiene/ignore: 'port-out-of-range: moved next quarter'"
    ),
    rejects: []
  },
  {
    name: 'port-hygiene/ignore naming another rule',
    namespace: { name: 'team-beta' },
    object: service(
      'team-beta',
      '      - { port: 8080 }',
      "\n    annotations:\n      port-hygiene/ignore: 'privileged-port, node-port-range: not ours'"
    ),
    rejects: [OUTSIDE('Service port 8080', '31000-31999', 'team-beta')]
  },
  {
    name: 'an ExternalName Service has no ports',
    namespace: { name: 'team-beta' },
    object:
      'apiVersion: v1\nkind: Service\nmetadata: { name: db, namespace: team-beta }\nspec:\n  type: ExternalName\n  externalName: db.example.com\n',
    rejects: []
  },
  {
    name: 'check: [node-port] leaves Service ports alone',
    config: 'rules:\n  port-out-of-range:\n    options: { check: [node-port] }\n',
    namespace: { name: 'team-beta' },
    object: service('team-beta', '      - { port: 8080, nodePort: 30080 }'),
    rejects: [OUTSIDE('nodePort 30080', '31000-31999', 'team-beta')]
  },
  {
    name: 'port-out-of-range as a warning is not enforced',
    config: 'rules:\n  port-out-of-range: warning\n',
    namespace: { name: 'team-beta' },
    object: service('team-beta', '      - { port: 8080 }'),
    rejects: []
  },
  // ── Pod templates: privileged host ports ───────────────────────────────────────────────────
  // CI's errors are a hostPort on every interface over a host daemon's port; the other ports
  // below 1024 are its warnings (or allowed, 80 and 443), and admitted.
  {
    name: 'a Deployment with hostPort 22 (sshd)',
    namespace: { name: 'web' },
    object: workload('Deployment', 'web', containers('- { containerPort: 22, hostPort: 22 }')),
    rejects: [DAEMON('Host port 22/TCP of Deployment web/web (container "app")', SSHD, 22)]
  },
  {
    name: 'hostPort 80 and 443: allowed by webPorts',
    namespace: { name: 'web' },
    object: workload(
      'Deployment',
      'web',
      containers('- { containerPort: 80, hostPort: 80 }\n- { containerPort: 443, hostPort: 443 }')
    ),
    rejects: []
  },
  {
    name: 'webPorts: [] makes 80 a warning in CI, still admitted',
    config: 'rules:\n  privileged-port:\n    options: { webPorts: [] }\n',
    namespace: { name: 'web' },
    object: workload('Deployment', 'web', containers('- { containerPort: 80, hostPort: 80 }')),
    rejects: []
  },
  {
    name: 'a port below 1024 no daemon holds (69/UDP): a warning, admitted',
    namespace: { name: 'boot' },
    object: workload(
      'Deployment',
      'boot',
      containers('- { containerPort: 6969, hostPort: 69, protocol: UDP }')
    ),
    rejects: []
  },
  {
    name: 'a Deployment with hostPort 8080',
    namespace: { name: 'web' },
    object: workload('Deployment', 'web', containers('- { containerPort: 80, hostPort: 8080 }')),
    rejects: []
  },
  {
    name: 'a containerPort below 1024 without a hostPort',
    namespace: { name: 'web' },
    object: workload('Deployment', 'web', containers('- { containerPort: 22 }')),
    rejects: []
  },
  {
    name: 'a Pod',
    namespace: { name: 'mail' },
    object: workload('Pod', 'mail', containers('- { containerPort: 25, hostPort: 25 }')),
    rejects: [DAEMON('Host port 25/TCP of Pod mail/web (container "app")', MTA, 25)]
  },
  {
    name: 'a Pod named by generateName',
    namespace: { name: 'web' },
    object: workload('Pod', 'web', containers('- { containerPort: 22, hostPort: 22 }')).replace(
      'name: web',
      'generateName: web-'
    ),
    rejects: [DAEMON('Host port 22/TCP of Pod web/web- (container "app")', SSHD, 22)]
  },
  {
    name: 'the host network over a daemon port: the process picks its address, a warning',
    namespace: { name: 'dns' },
    object: workload(
      'DaemonSet',
      'dns',
      containers('- { containerPort: 53, protocol: UDP }', 'hostNetwork: true\n')
    ),
    rejects: []
  },
  {
    name: 'the host network above 1024',
    namespace: { name: 'monitoring' },
    object: workload(
      'DaemonSet',
      'monitoring',
      containers('- { containerPort: 9100 }', 'hostNetwork: true\n')
    ),
    rejects: []
  },
  {
    name: 'a specific hostIP may not collide with the daemon: a warning',
    namespace: { name: 'web' },
    object: workload(
      'Deployment',
      'web',
      containers('- { containerPort: 22, hostPort: 22, hostIP: 10.0.0.1 }')
    ),
    rejects: []
  },
  {
    name: 'hostIP 0.0.0.0 is every interface, and named',
    namespace: { name: 'web' },
    object: workload(
      'Deployment',
      'web',
      containers('- { containerPort: 22, hostPort: 22, hostIP: 0.0.0.0 }')
    ),
    rejects: [
      DAEMON('Host port 22/TCP on 0.0.0.0 of Deployment web/web (container "app")', SSHD, 22)
    ]
  },
  {
    name: "hostIP '::' is every interface",
    namespace: { name: 'web' },
    object: workload(
      'Deployment',
      'web',
      containers("- { containerPort: 22, hostPort: 22, hostIP: '::' }")
    ),
    rejects: [DAEMON('Host port 22/TCP on [::] of Deployment web/web (container "app")', SSHD, 22)]
  },
  {
    name: 'a UDP daemon port (NTP)',
    namespace: { name: 'time' },
    object: workload(
      'DaemonSet',
      'time',
      containers('- { containerPort: 1123, hostPort: 123, protocol: UDP }')
    ),
    rejects: [DAEMON('Host port 123/UDP of DaemonSet time/web (container "app")', NTP, 123)]
  },
  {
    name: 'the protocol counts: NTP is UDP, so 123/TCP is a warning',
    namespace: { name: 'time' },
    object: workload(
      'DaemonSet',
      'time',
      containers('- { containerPort: 1123, hostPort: 123, protocol: TCP }')
    ),
    rejects: []
  },
  {
    name: 'an init container',
    namespace: { name: 'mail' },
    object: workload(
      'Deployment',
      'mail',
      'initContainers:\n  - name: warm\n    image: busybox:1.36\n    ports: [{ containerPort: 25, hostPort: 25 }]\n' +
        containers('- { containerPort: 8080 }')
    ),
    rejects: [DAEMON('Host port 25/TCP of Deployment mail/web (initContainer "warm")', MTA, 25)]
  },
  {
    name: 'a sidecar (an init container that keeps running)',
    namespace: { name: 'mesh' },
    object: workload(
      'Deployment',
      'mesh',
      'initContainers:\n  - name: dns\n    image: coredns/coredns:1.11.3\n    restartPolicy: Always\n    ports: [{ containerPort: 53, hostPort: 53 }]\n' +
        containers('- { containerPort: 8080 }')
    ),
    rejects: [DAEMON('Host port 53/TCP of Deployment mesh/web (sidecar "dns")', DNS, 53)]
  },
  {
    name: 'the second container is the one named',
    namespace: { name: 'web' },
    object: workload(
      'Deployment',
      'web',
      containers('- { containerPort: 8080, hostPort: 8080 }') +
        '\n  - name: ssh\n    image: linuxserver/openssh-server:9.7\n    ports: [{ containerPort: 2222, hostPort: 22 }]'
    ),
    rejects: [DAEMON('Host port 22/TCP of Deployment web/web (container "ssh")', SSHD, 22)]
  },
  {
    name: 'two daemon ports: the first is named, past an allowed 80',
    namespace: { name: 'web' },
    object: workload(
      'Deployment',
      'web',
      containers(
        '- { containerPort: 80, hostPort: 80 }\n- { containerPort: 25, hostPort: 25 }\n- { containerPort: 22, hostPort: 22 }'
      )
    ),
    rejects: [DAEMON('Host port 25/TCP of Deployment web/web (container "app")', MTA, 25)]
  },
  ...(['StatefulSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'] as const).map(
    (kind): Case => ({
      name: `a ${kind}`,
      namespace: { name: 'ops' },
      object: workload(kind, 'ops', containers('- { containerPort: 22, hostPort: 22 }')),
      rejects: [DAEMON(`Host port 22/TCP of ${kind} ops/web (container "app")`, SSHD, 22)]
    })
  ),
  {
    name: 'allow: a plain port',
    config: 'rules:\n  privileged-port:\n    options: { allow: [22] }\n',
    namespace: { name: 'web' },
    object: workload('Deployment', 'web', containers('- { containerPort: 22, hostPort: 22 }')),
    rejects: []
  },
  {
    name: 'webPorts: a port listed there is allowed like allow',
    config: 'rules:\n  privileged-port:\n    options: { webPorts: [25] }\n',
    namespace: { name: 'mail' },
    object: workload('Deployment', 'mail', containers('- { containerPort: 25, hostPort: 25 }')),
    rejects: []
  },
  {
    name: 'allow: a port in its namespace',
    config:
      'rules:\n  privileged-port:\n    options: { allow: [{ ports: [53], namespaces: [kube-system] }] }\n',
    namespace: { name: 'kube-system' },
    object: workload(
      'DaemonSet',
      'kube-system',
      containers('- { containerPort: 53, hostPort: 53, protocol: UDP }')
    ),
    rejects: []
  },
  {
    name: 'allow: the same port in another namespace',
    config:
      'rules:\n  privileged-port:\n    options: { allow: [{ ports: [53], namespaces: [kube-system] }] }\n',
    namespace: { name: 'dns' },
    object: workload(
      'DaemonSet',
      'dns',
      containers('- { containerPort: 53, hostPort: 53, protocol: UDP }')
    ),
    rejects: [DAEMON('Host port 53/UDP of DaemonSet dns/web (container "app")', DNS, 53)]
  },
  {
    name: 'allow: an entry for a Compose project does not reach Kubernetes',
    config:
      'rules:\n  privileged-port:\n    options: { allow: [{ ports: [22], projects: [shop] }] }\n',
    namespace: { name: 'web' },
    object: workload('Deployment', 'web', containers('- { containerPort: 22, hostPort: 22 }')),
    rejects: [DAEMON('Host port 22/TCP of Deployment web/web (container "app")', SSHD, 22)]
  },
  {
    name: 'port-hygiene/ignore: privileged-port',
    namespace: { name: 'ingress' },
    object: workload('Deployment', 'ingress', containers('- { containerPort: 22, hostPort: 22 }'), {
      annotations:
        "\n  annotations:\n    port-hygiene/ignore: 'privileged-port: bastion nodes only'"
    }),
    rejects: []
  },
  {
    name: 'privileged-port off',
    config: 'rules:\n  privileged-port: off\n',
    namespace: { name: 'web' },
    object: workload('Deployment', 'web', containers('- { containerPort: 22, hostPort: 22 }')),
    rejects: []
  },
  {
    name: 'privileged-port as a warning is not enforced',
    config: 'rules:\n  privileged-port: warning\n',
    namespace: { name: 'web' },
    object: workload('Deployment', 'web', containers('- { containerPort: 22, hostPort: 22 }')),
    rejects: []
  },
  {
    name: 'a workload without ports',
    namespace: { name: 'team-beta' },
    object: workload(
      'Deployment',
      'team-beta',
      'containers:\n  - name: app\n    image: busybox:1.36'
    ),
    rejects: []
  },
  // ── Pod templates: host ports against the namespace range ──────────────────────────────────
  {
    name: 'a hostPort outside the namespace range',
    namespace: { name: 'team-beta' },
    object: workload(
      'DaemonSet',
      'team-beta',
      containers('- { containerPort: 9100, hostPort: 9100 }')
    ),
    rejects: [OUTSIDE('Host port 9100 of container "app"', '31000-31999', 'team-beta')]
  },
  {
    name: 'a hostPort inside it',
    namespace: { name: 'team-beta' },
    object: workload(
      'DaemonSet',
      'team-beta',
      containers('- { containerPort: 9100, hostPort: 31500 }')
    ),
    rejects: []
  },
  {
    name: 'the host network against the range',
    namespace: { name: 'team-beta' },
    object: workload(
      'DaemonSet',
      'team-beta',
      containers('- { containerPort: 9100 }', 'hostNetwork: true\n')
    ),
    rejects: [OUTSIDE('Host port 9100 of container "app"', '31000-31999', 'team-beta')]
  },
  {
    name: 'privileged and outside the range: both messages',
    namespace: { name: 'team-beta' },
    object: workload(
      'Deployment',
      'team-beta',
      containers('- { containerPort: 22, hostPort: 22 }')
    ),
    rejects: [
      OUTSIDE('Host port 22 of container "app"', '31000-31999', 'team-beta'),
      DAEMON('Host port 22/TCP of Deployment team-beta/web (container "app")', SSHD, 22)
    ]
  },
  {
    name: 'an init container against the annotated range',
    namespace: { name: 'team-alpha', annotations: { 'port-range': '30000-30999' } },
    object: workload(
      'Job',
      'team-alpha',
      'initContainers:\n  - name: seed\n    image: busybox:1.36\n    ports: [{ containerPort: 5000, hostPort: 5000 }]\n' +
        containers('- { containerPort: 8080 }')
    ),
    rejects: [OUTSIDE('Host port 5000 of initContainer "seed"', '30000-30999', 'team-alpha')]
  },
  {
    name: 'check: [service-port] leaves host ports alone',
    config: 'rules:\n  port-out-of-range:\n    options: { check: [service-port] }\n',
    namespace: { name: 'team-beta' },
    object: workload(
      'DaemonSet',
      'team-beta',
      containers('- { containerPort: 9100, hostPort: 9100 }')
    ),
    rejects: []
  }
]

const PORT_RANGES = JSON.stringify({ 'team-beta': { min: 31000, max: 31999 } })

async function withRepo<T>(files: Record<string, string>, use: (root: string) => Promise<T>) {
  const temp = await mkdtemp(path.join(tmpdir(), 'port-hygiene-policy-'))
  const root = path.join(temp, 'repo')
  try {
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true })
      await writeFile(path.join(root, file), text)
    }
    return await use(root)
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}

/** The CI check's errors of the enforced rules, per object (`Kind namespace/name`), as messages. */
async function ciErrors(root: string, config: ResolvedConfig) {
  const result = await scan({ root, paths: [], config, env: {}, threads: 0 })
  const byObject = new Map<string, string[]>()
  const invalid = new Set<string>()
  // Each rule's own finding and message: admission rejects per rule, as the rules report.
  for (const finding of result.findings.flatMap(partsOf)) {
    const object = finding.object
    if (object?.format !== 'kubernetes') continue
    const key = `${object.kind} ${object.namespace}/${object.name}`
    if (finding.ruleId === 'invalid-port') invalid.add(key)
    if (!ENFORCED.has(finding.ruleId) || finding.severity !== 'error') continue
    byObject.set(key, [...(byObject.get(key) ?? []), finding.message])
  }
  return Object.assign(byObject, { invalid })
}

function namespaceManifest(namespace: Case['namespace']) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace.name,
      ...(namespace.annotations ? { annotations: namespace.annotations } : {})
    }
  }
}

describe('admission cases through the CEL evaluator, against the CI check', () => {
  it('has at least 40 of them', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40)
  })

  it.each(CASES)('$name', async (testCase) => {
    const object = dedent(testCase.object)
    const files = {
      '.github/port-hygiene.yml': testCase.config ?? '{}\n',
      '.github/port-ranges.json': PORT_RANGES,
      'k8s/namespace.yaml': stringify(namespaceManifest(testCase.namespace)),
      'k8s/object.yaml': object
    }
    await withRepo(files, async (root) => {
      const config = await loadConfig({ rules: RULES, root })
      const policies = generatePolicies(config)
      const manifest = parseAllDocuments(object)[0]!.toJS() as Record<string, unknown>
      const admission =
        admit(policies, {
          object: manifest,
          namespaceObject: namespaceManifest(testCase.namespace)
        }) ?? []
      expect(admission).toEqual(testCase.rejects)

      const ci = [...(await ciErrors(root, config)).values()].flat()
      // Rejected iff CI reports an error; every admission message is one CI reports.
      expect(admission.length > 0).toBe(ci.length > 0)
      for (const message of admission) expect(ci).toContain(message)
    })
  })
})

describe('examples/: every object the CI check scans', () => {
  it('is rejected exactly when CI reports an enforced error for it, with its message', async () => {
    const examples = path.join(PROJECT, 'examples')
    const config = await loadConfig({ rules: RULES, root: examples })
    const policies = generatePolicies(config)
    const ci = await ciErrors(examples, config)
    const documents = ['k8s/namespaces.yaml', ...listYaml(path.join(examples, 'k8s'))]
    const namespaces = new Map<string, Record<string, unknown>>()
    const objects: Array<Record<string, unknown>> = []
    for (const file of documents) {
      for (const document of parseAllDocuments(readFileSync(path.join(examples, file), 'utf8'))) {
        if (document.errors.length > 0) continue
        const object = document.toJS() as Record<string, unknown> | null
        if (!object || typeof object !== 'object' || typeof object.kind !== 'string') continue
        const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string }
        if (object.kind === 'Namespace') namespaces.set(metadata.name!, object)
        else objects.push(object)
      }
    }
    let evaluated = 0
    let rejected = 0
    for (const object of objects) {
      const metadata = object.metadata as { name: string; namespace?: string }
      const namespace = metadata.namespace ?? 'default'
      const admission = admit(policies, {
        object,
        namespaceObject: namespaces.get(namespace) ?? { metadata: { name: namespace } }
      })
      // The API server refuses an invalid object (hostPort 70000) before any admission policy.
      if (
        admission === undefined ||
        ci.invalid.has(`${object.kind} ${namespace}/${metadata.name}`)
      ) {
        continue
      }
      evaluated++
      const reported = ci.get(`${object.kind} ${namespace}/${metadata.name}`) ?? []
      expect({
        object: `${object.kind} ${namespace}/${metadata.name}`,
        rejected: admission.length > 0
      }).toEqual({
        object: `${object.kind} ${namespace}/${metadata.name}`,
        rejected: reported.length > 0
      })
      for (const message of admission) expect(reported).toContain(message)
      if (admission.length > 0) rejected++
    }
    expect(evaluated).toBeGreaterThan(10)
    expect(rejected).toBeGreaterThan(0)
  })

  it('examples/k8s/admission/port-policy.yaml is up to date', async () => {
    let stdout = ''
    const code = await runCli(['policy', '--check', 'k8s/admission/port-policy.yaml'], {
      cwd: path.join(PROJECT, 'examples'),
      env: {},
      stdout: (text) => (stdout += text),
      stderr: (text) => (stdout += text),
      isTTY: false
    })
    expect({ code, stdout }).toEqual({
      code: 0,
      stdout: 'k8s/admission/port-policy.yaml is up to date.\n'
    })
  })
})

function listYaml(folder: string, prefix = 'k8s'): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listYaml(path.join(folder, entry.name), `${prefix}/${entry.name}`)
      : /\.ya?ml$/.test(entry.name) && entry.name !== 'namespaces.yaml'
        ? [`${prefix}/${entry.name}`]
        : []
  )
}
