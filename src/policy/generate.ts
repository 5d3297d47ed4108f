// `port-hygiene policy`: the admission side of the port policy, generated from the resolved
// config, so that the cluster rejects what the CI check reports as errors, with its words.
//
// What it writes: ValidatingAdmissionPolicy + ValidatingAdmissionPolicyBinding pairs
// (admissionregistration.k8s.io/v1, GA since Kubernetes 1.30): one for Services, one each for
// Pods, for the workloads with `spec.template` and for CronJobs (each reads its pod spec at one
// path, so no expression depends on the kind). No webhook server to run.
//
// What they check, each only while its rule is an error in the config:
// - port-out-of-range: Service ports and nodePorts, host ports (hostPort, and containerPort under
//   hostNetwork), as the rule's `check` option says, against the namespace's range: the config's
//   (`ranges.namespaces`, `.github/port-ranges.json`), else the live Namespace's `port-range` (or
//   `port-hygiene/port-range`) annotation, read through `namespaceObject`. `ranges.paths` and
//   Compose projects have no meaning in a cluster and are left out.
// - privileged-port: what it reports as errors, a hostPort on every interface (no hostIP, 0.0.0.0,
//   `::`) where a host daemon commonly listens (shared/host-daemons.ts, by port and protocol),
//   but those `allow` and `webPorts` let through. The rest below 1024 (a specific hostIP, the
//   host network, ports no daemon holds) are its warnings, admitted. An `allow` entry scoped to
//   `paths` is taken as allowing (admission does not know files): admission never rejects what
//   CI passes. Entries scoped to Compose `projects` do not apply.
// - An object whose `port-hygiene/ignore` annotation names the rule is admitted, as CI skips it.
//   Comment suppressions (`# port-hygiene-ignore`) do not reach the cluster: use the annotation.
// What is not checked here: rules that compare objects (duplicate-host-port, duplicate-node-port)
// and what the API server rejects by itself (invalid ports, nodePorts outside its range).
import { stringify } from 'yaml'
import type { ResolvedConfig, RuleSetting } from '../config/types.js'
import { defaultOptions } from '../config/options.js'
import { RULES } from '../rules/index.js'
import {
  DAEMON_COLLISION,
  hostDaemonPortMessage,
  outOfRangeMessage
} from '../rules/shared/messages.js'
import { HOST_DAEMON_PORTS } from '../rules/shared/host-daemons.js'
import type { AllowEntry } from '../rules/shared/allow-list.js'
import { compareText } from '../model.js'
import { celList, celMessage, celString, hole } from './cel.js'

export const POLICY_PREFIX = 'port-hygiene'
const API_VERSION = 'admissionregistration.k8s.io/v1'
const IGNORE_ANNOTATION = 'port-hygiene/ignore'
const RANGE_ANNOTATIONS = ['port-range', 'port-hygiene/port-range']
/** parsePortRangeAnnotation (src/extract/kubernetes/validation.ts), in RE2. */
const RANGE_PATTERN = '^\\s*[0-9]{1,5}\\s*(-\\s*[0-9]{1,5}\\s*)?$'

export interface Validation {
  expression: string
  messageExpression: string
  reason: 'Invalid'
}

export interface Variable {
  name: string
  expression: string
}

/** One policy as the generator builds it; `render` writes it with its binding. */
export interface GeneratedPolicy {
  name: string
  resourceRules: Array<{ apiGroups: string[]; apiVersions: string[]; resources: string[] }>
  variables: Variable[]
  validations: Validation[]
}

interface Checks {
  servicePort: boolean
  nodePort: boolean
  hostPortRange: boolean
  privileged: boolean
  allow: AllowEntry[]
  /** privileged-port's `webPorts`: allowed everywhere, like a plain `allow` entry. */
  webPorts: number[]
  /** Namespace → `min-max`, from the config (port-hygiene.yml, port-ranges.json). */
  ranges: Array<[string, string]>
}

export function policyChecks(config: ResolvedConfig): Checks {
  const range = ruleSetting(config, 'port-out-of-range') as { check: string[] } | undefined
  const privileged = ruleSetting(config, 'privileged-port') as
    { allow: AllowEntry[]; webPorts: number[] } | undefined
  const check = new Set(range?.check ?? [])
  return {
    servicePort: check.has('service-port'),
    nodePort: check.has('node-port'),
    hostPortRange: check.has('host-port'),
    privileged: privileged !== undefined,
    allow: privileged?.allow ?? [],
    webPorts: privileged?.webPorts ?? [],
    ranges: Object.entries(config.ranges.namespaces)
      .map(([namespace, bounds]): [string, string] => [namespace, `${bounds.min}-${bounds.max}`])
      .sort(([a], [b]) => compareText(a, b))
  }
}

/** The rule's options when it reports errors; undefined when it is off or less than an error. */
function ruleSetting(config: ResolvedConfig, id: string): unknown {
  const rule = RULES.find((candidate) => candidate.meta.id === id)!
  const setting: RuleSetting | undefined = config.rules[id]
  const severity = setting?.severity ?? rule.meta.defaultSeverity
  if (severity !== 'error') return undefined
  return setting?.options ?? defaultOptions(rule.options)
}

export function generatePolicies(config: ResolvedConfig): GeneratedPolicy[] {
  const checks = policyChecks(config)
  const policies: GeneratedPolicy[] = []
  const services = serviceValidations(checks)
  if (services.length > 0) {
    policies.push({
      name: `${POLICY_PREFIX}-services`,
      resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['services'] }],
      variables: commonVariables(checks),
      validations: services
    })
  }
  const pods: Array<[string, GeneratedPolicy['resourceRules'], string]> = [
    ['pods', [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }], 'object.spec'],
    [
      'workloads',
      [
        { apiGroups: [''], apiVersions: ['v1'], resources: ['replicationcontrollers'] },
        {
          apiGroups: ['apps'],
          apiVersions: ['v1'],
          resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets']
        },
        { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['jobs'] }
      ],
      'object.spec.template.spec'
    ],
    [
      'cronjobs',
      [{ apiGroups: ['batch'], apiVersions: ['v1'], resources: ['cronjobs'] }],
      'object.spec.jobTemplate.spec.template.spec'
    ]
  ]
  const podChecks = podValidations(checks)
  if (podChecks.length > 0) {
    for (const [suffix, resourceRules, specPath] of pods) {
      policies.push({
        name: `${POLICY_PREFIX}-${suffix}`,
        resourceRules,
        variables: [...commonVariables(checks), ...podVariables(checks, specPath)],
        validations: podChecks
      })
    }
  }
  return policies
}

// ── Variables ────────────────────────────────────────────────────────────────────────────────

function commonVariables(checks: Checks): Variable[] {
  const configured = `{${checks.ranges.map(([ns, text]) => `${celString(ns)}: ${celString(text)}`).join(', ')}}`
  const annotations = 'namespaceObject.metadata.annotations'
  const fromAnnotation = RANGE_ANNOTATIONS.reduceRight(
    (otherwise, key) =>
      `has(${annotations}) && ${celString(key)} in ${annotations} && ` +
      `${annotations}[${celString(key)}].matches(${celString(RANGE_PATTERN)}) ? ` +
      `${annotations}[${celString(key)}] : ${otherwise}`,
    "''"
  )
  return [
    {
      name: 'ns',
      expression:
        "has(object.metadata.namespace) && object.metadata.namespace != '' ? object.metadata.namespace : request.namespace"
    },
    {
      name: 'name',
      expression:
        "has(object.metadata.name) ? object.metadata.name : has(object.metadata.generateName) ? object.metadata.generateName : ''"
    },
    {
      name: 'ignored',
      expression:
        `has(object.metadata.annotations) && ${celString(IGNORE_ANNOTATION)} in object.metadata.annotations ? ` +
        `object.metadata.annotations[${celString(IGNORE_ANNOTATION)}].split(':')[0].replace(',', ' ').split(' ').map(r, r.trim()) : []`
    },
    {
      name: 'rangeText',
      expression: `variables.ns in ${configured} ? ${configured}[variables.ns] : ${fromAnnotation}`
    },
    {
      name: 'rangeParts',
      expression: `variables.rangeText.matches(${celString(RANGE_PATTERN)}) ? variables.rangeText.split('-') : []`
    },
    {
      name: 'rangeMin',
      expression: 'size(variables.rangeParts) > 0 ? int(variables.rangeParts[0].trim()) : 0'
    },
    {
      name: 'rangeMax',
      expression:
        'size(variables.rangeParts) > 0 ? int(variables.rangeParts[size(variables.rangeParts) - 1].trim()) : 0'
    },
    {
      name: 'hasRange',
      expression:
        'size(variables.rangeParts) > 0 && variables.rangeMin >= 1 && variables.rangeMax <= 65535 && variables.rangeMin <= variables.rangeMax'
    }
  ]
}

function podVariables(checks: Checks, specPath: string): Variable[] {
  return [
    { name: 'spec', expression: specPath },
    {
      name: 'hostNetwork',
      expression: 'has(variables.spec.hostNetwork) && variables.spec.hostNetwork'
    },
    {
      name: 'containers',
      expression:
        '(has(variables.spec.containers) ? variables.spec.containers : []) + ' +
        '(has(variables.spec.initContainers) ? variables.spec.initContainers : [])'
    },
    { name: 'allowedPorts', expression: allowedPorts(checks.allow, checks.webPorts) },
    { name: 'hostDaemons', expression: hostDaemons() }
  ]
}

/** The `allow` list and `webPorts` as the ports they allow in this object's namespace. */
function allowedPorts(entries: readonly AllowEntry[], webPorts: readonly number[]): string {
  const parts: string[] = webPorts.length > 0 ? [celList(webPorts.map(String))] : []
  for (const entry of entries) {
    if (entry.projects.length > 0) continue
    const ports = celList(entry.ports.map(String))
    parts.push(
      entry.namespaces.length > 0
        ? `(variables.ns in ${celList(entry.namespaces.map(celString))} ? ${ports} : [])`
        : ports
    )
  }
  return parts.length > 0 ? parts.join(' + ') : '[0]'
}

/** `{'22/TCP': 'sshd', '53/UDP': 'systemd-resolved (127.0.0.53) or dnsmasq', …}`. */
function hostDaemons(): string {
  const entries = HOST_DAEMON_PORTS.flatMap((entry) =>
    entry.protocols.map(
      (protocol) =>
        `${celString(`${entry.port}/${protocol.toUpperCase()}`)}: ${celString(entry.daemon)}`
    )
  )
  return `{${entries.join(', ')}}`
}

// ── Services ─────────────────────────────────────────────────────────────────────────────────

function serviceValidations(checks: Checks): Validation[] {
  const validations: Validation[] = []
  const fields: Array<[boolean, 'port' | 'nodePort', string]> = [
    [checks.servicePort, 'port', 'Service port'],
    [checks.nodePort, 'nodePort', 'nodePort']
  ]
  for (const [wanted, field, label] of fields) {
    if (!wanted) continue
    const outside = `has(p.${field}) && (p.${field} < variables.rangeMin || p.${field} > variables.rangeMax)`
    const first = `object.spec.ports.filter(p, ${outside})[0].${field}`
    validations.push({
      expression:
        `!variables.hasRange || 'port-out-of-range' in variables.ignored || ` +
        `!has(object.spec.ports) || !object.spec.ports.exists(p, ${outside})`,
      messageExpression: rangeMessage(`${label} ${hole(`string(${first})`)}`),
      reason: 'Invalid'
    })
  }
  return validations
}

function rangeMessage(subject: string): string {
  return celMessage(
    outOfRangeMessage(
      subject,
      hole('string(variables.rangeMin)'),
      hole('string(variables.rangeMax)'),
      `namespace ${hole('variables.ns')}`
    )
  )
}

// ── Pod templates ────────────────────────────────────────────────────────────────────────────

/** The host port a container port claims: its hostPort, or under hostNetwork its containerPort. */
const HOST_PORT =
  '(variables.hostNetwork ? (has(p.containerPort) ? p.containerPort : 0) : (has(p.hostPort) ? p.hostPort : 0))'

/** `container`, `initContainer` or `sidecar` (an init container that keeps running). */
const KIND_OF =
  '(has(variables.spec.initContainers) && variables.spec.initContainers.exists(i, i.name == c.name) ? ' +
  "(has(c.restartPolicy) && c.restartPolicy == 'Always' ? 'sidecar' : 'initContainer') : 'container')"

function podValidations(checks: Checks): Validation[] {
  const validations: Validation[] = []
  if (checks.hostPortRange) {
    const bad = `${HOST_PORT} > 0 && (${HOST_PORT} < variables.rangeMin || ${HOST_PORT} > variables.rangeMax)`
    const { expression, port, container, kind } = firstBadPort(bad)
    validations.push({
      expression: `!variables.hasRange || 'port-out-of-range' in variables.ignored || ${expression}`,
      messageExpression: rangeMessage(
        `Host port ${hole(`string(${port})`)} of ${hole(kind)} "${hole(container)}"`
      ),
      reason: 'Invalid'
    })
  }
  if (checks.privileged) {
    // privileged-port's errors only: a hostPort (not the host network, where the process picks
    // its address) on every interface over a host daemon's port; CI's warnings are admitted.
    const protocol = "(has(p.protocol) ? p.protocol : 'TCP')"
    const daemonKey = `string(p.hostPort) + '/' + ${protocol}`
    const everyInterface =
      "(!has(p.hostIP) || p.hostIP == '' || p.hostIP == '0.0.0.0' || " +
      "(p.hostIP.contains(':') && p.hostIP.matches('^[0:]+$')))"
    const bad =
      `!variables.hostNetwork && has(p.hostPort) && p.hostPort > 0 && ` +
      `${daemonKey} in variables.hostDaemons && ${everyInterface} && ` +
      `!(p.hostPort in variables.allowedPorts)`
    const { expression, container, kind, entry } = firstBadPort(bad)
    const at = (text: string) => text.replace(/\bp\./g, () => `${entry}.`)
    const owner = `${hole('object.kind')} ${hole('variables.ns')}/${hole('variables.name')} (${hole(kind)} "${hole(container)}")`
    // Every interface, so the only IPv6 spelling CI can print is `[::]` (describeAddress).
    const address =
      `has(${entry}.hostIP) && ${entry}.hostIP != '' ? ` +
      `(${entry}.hostIP.contains(':') ? ' on [::]' : ' on ' + ${entry}.hostIP) : ''`
    const port = `string(${entry}.hostPort)`
    validations.push({
      expression: `'privileged-port' in variables.ignored || ${expression}`,
      messageExpression: celMessage(
        hostDaemonPortMessage(
          `Host port ${hole(port)}/${hole(at(protocol))}${hole(address)} of ${owner}`,
          hole(`variables.hostDaemons[${at(daemonKey)}]`),
          hole(port),
          DAEMON_COLLISION.portmap
        )
      ),
      reason: 'Invalid'
    })
  }
  return validations
}

/**
 * "No container has a bad port", and the parts of the first bad one, for the message. The
 * replacements are functions: the expressions hold `$'` (a regex's end), which a replacement
 * string would read as "the text after the match".
 */
function firstBadPort(bad: string) {
  const container = `variables.containers.filter(c, has(c.ports) && c.ports.exists(p, ${bad}))[0]`
  const entry = `${container}.ports.filter(p, ${bad})[0]`
  return {
    expression: `!variables.containers.exists(c, has(c.ports) && c.ports.exists(p, ${bad}))`,
    container: `${container}.name`,
    kind: KIND_OF.replace(/\bc\./g, () => `${container}.`),
    entry,
    port: HOST_PORT.replace(/\bp\./g, () => `${entry}.`)
  }
}

// ── YAML ─────────────────────────────────────────────────────────────────────────────────────

/** `deny` refuses; `warn` admits with a warning to the client and an audit annotation (rollout). */
export type PolicyMode = 'deny' | 'warn'
const ACTIONS: Record<PolicyMode, string[]> = { deny: ['Deny'], warn: ['Warn', 'Audit'] }

export function renderPolicies(
  policies: readonly GeneratedPolicy[],
  source: string,
  mode: PolicyMode = 'deny'
): string {
  const documents = policies.flatMap((policy) => [
    {
      apiVersion: API_VERSION,
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: policy.name, labels: { 'app.kubernetes.io/managed-by': 'port-hygiene' } },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: policy.resourceRules.map((rule) => ({
            ...rule,
            operations: ['CREATE', 'UPDATE']
          }))
        },
        variables: policy.variables,
        validations: policy.validations
      }
    },
    {
      apiVersion: API_VERSION,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: policy.name, labels: { 'app.kubernetes.io/managed-by': 'port-hygiene' } },
      spec: { policyName: policy.name, validationActions: ACTIONS[mode] }
    }
  ])
  const header =
    `# Generated by \`port-hygiene policy\` from ${source}; do not edit: regenerate it.\n` +
    '# Rejects at admission what the CI check reports as errors (port-out-of-range,\n' +
    '# privileged-port), with the same messages. Needs Kubernetes 1.30 or later.\n'
  if (documents.length === 0) {
    return `${header}# No rule that admission can enforce is an error in the config: nothing to apply.\n`
  }
  return header + documents.map((document) => stringify(document, { lineWidth: 0 })).join('---\n')
}
