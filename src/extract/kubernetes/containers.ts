// Container ports of one pod spec → PortBindings, and the API server's checks on them
// (validateContainerPorts and validatePodHostNetworkDeps in pkg/apis/core/validation).
import type { YAMLMap } from 'yaml'
import type {
  ContainerKind,
  ContainerSpec,
  KubernetesObjectRef,
  PortBinding,
  ProbeKind,
  ProbePort,
  SourceLocation
} from '../../model.js'
import {
  asMap,
  asSeq,
  get,
  getPair,
  isNullish,
  locate,
  locateKey,
  resolve,
  stringValue
} from '../../parse/nodes.js'
import { reportInvalid, spend, throughAlias, type KubeContext } from './context.js'
import {
  checkPortNumber,
  earlierSighting,
  readIntField,
  readIntOrString,
  readStringField,
  reportWrongShape,
  type CheckedPort
} from './fields.js'
import { checkProtocolField } from './protocol-field.js'
import { portNameErrors } from './validation.js'
import { runsAs, userFields, type UserFields } from './security.js'

/** What every port of a pod shares. */
export interface PodFacts {
  object: KubernetesObjectRef
  /** The pod template's location (PodTemplate.location). */
  location: SourceLocation
  /** The API field path of the pod spec (`spec.template.spec`). */
  path: string
  hostNetwork: boolean
  unprivilegedPortStart?: number
  replicas?: number
  /** `runAsUser` / `runAsNonRoot` of the pod's securityContext. */
  user: UserFields
  windows: boolean
}

interface ContainerFacts {
  pod: PodFacts
  name: string
  kind: ContainerKind
  addedCapabilities: string[]
  runsAs?: 'root' | 'non-root'
  windows: boolean
  /** Port names already seen in this container, for the API server's uniqueness check. */
  portNames: Map<string, SourceLocation>
  spec: ContainerSpec
}

const CONTAINER_LISTS: Array<{ key: string; kind: ContainerKind }> = [
  { key: 'containers', kind: 'container' },
  { key: 'initContainers', kind: 'initContainer' },
  { key: 'ephemeralContainers', kind: 'ephemeralContainer' }
]

export function extractContainers(podSpec: YAMLMap, pod: PodFacts, ctx: KubeContext): void {
  for (const { key, kind } of CONTAINER_LISTS) {
    const list = asSeq(get(podSpec, key, ctx), ctx)
    if (!list) continue
    throughAlias(ctx, getPair(podSpec, key, ctx)?.value, () => {
      for (const [index, item] of list.items.entries()) {
        const container = asMap(item, ctx)
        if (!container) continue
        throughAlias(ctx, item, () => {
          spend(ctx)
          const spec: ContainerSpec = {
            object: pod.object,
            podLocation: pod.location,
            name: stringValue(get(container, 'name', ctx), ctx) ?? '',
            kind: containerKindOf(container, kind, ctx),
            location: locate(container, ctx),
            fieldPath: `${pod.path}.${key}[${index}]`,
            ports: [],
            portsUnknown: false,
            probes: readProbes(container, ctx)
          }
          ctx.out.containers.push(spec)
          extractContainer(container, spec, pod, ctx)
        })
      }
    })
  }
}

const PROBES: ProbeKind[] = ['livenessProbe', 'readinessProbe', 'startupProbe']
const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const

/**
 * The port of each probe handler. A string is a port name the kubelet looks up among this
 * container's ports; a placeholder or a digits-only string (a type error the API server reports)
 * is left out.
 */
function readProbes(container: YAMLMap, ctx: KubeContext): ProbePort[] {
  const probes: ProbePort[] = []
  for (const probe of PROBES) {
    const probeMap = asMap(get(container, probe, ctx), ctx)
    for (const handler of PROBE_HANDLERS) {
      const handlerMap = asMap(get(probeMap, handler, ctx), ctx)
      if (!handlerMap) continue
      const field = readIntOrString(handlerMap, 'port', ctx)
      if (field.state === 'int') {
        probes.push({ probe, handler, port: field.value, location: locateKey(field.pair, ctx)! })
      } else if (field.state === 'string' && /[a-z]/i.test(field.value)) {
        probes.push({ probe, handler, port: field.value, location: locateKey(field.pair, ctx)! })
      }
    }
  }
  return probes
}

/**
 * An init container with `restartPolicy: Always` is a sidecar (KEP-753, Kubernetes 1.28+): it
 * keeps running next to the regular containers instead of finishing before they start.
 */
function containerKindOf(
  container: YAMLMap,
  listKind: ContainerKind,
  ctx: KubeContext
): ContainerKind {
  if (listKind !== 'initContainer') return listKind
  return stringValue(get(container, 'restartPolicy', ctx), ctx) === 'Always' ? 'sidecar' : listKind
}

function extractContainer(
  container: YAMLMap,
  spec: ContainerSpec,
  pod: PodFacts,
  ctx: KubeContext
): void {
  const kind = spec.kind
  const portsPair = getPair(container, 'ports', ctx)
  const portsNode = resolve(portsPair?.value, ctx)
  if (!portsPair || isNullish(portsNode)) return
  const ports = asSeq(portsNode, ctx)
  const securityContext = asMap(get(container, 'securityContext', ctx), ctx)
  const facts: ContainerFacts = {
    pod,
    name: spec.name,
    kind,
    addedCapabilities: addedCapabilities(container, ctx),
    windows: pod.windows || asMap(get(securityContext, 'windowsOptions', ctx), ctx) !== undefined,
    portNames: new Map(),
    spec
  }
  const user = runsAs(pod.user, userFields(securityContext, ctx))
  if (user) facts.runsAs = user
  if (!ports) {
    spec.portsUnknown = true
    reportWrongShape(ctx, portsNode, locateKey(portsPair, ctx)!, 'ports must be a list', pod.object)
    return
  }
  // The allow-list of ephemeral container fields has `Ports: false`: they may not declare ports.
  if (kind === 'ephemeralContainer') {
    if (ports.items.length > 0) {
      const message = `ephemeral container "${facts.name}" may not declare ports (the API server forbids them)`
      reportInvalid(ctx, locateKey(portsPair, ctx)!, 'ports', message, pod.object)
    }
    return
  }
  throughAlias(ctx, portsPair.value, () => {
    for (const [index, item] of ports.items.entries())
      throughAlias(ctx, item, () => {
        spend(ctx)
        extractContainerPort(item, `${spec.fieldPath}.ports[${index}]`, facts, ctx)
      })
  })
}

/** `securityContext.capabilities.add`, normalised: the runtime accepts `net_bind_service` and `CAP_NET_BIND_SERVICE` alike. */
function addedCapabilities(container: YAMLMap, ctx: KubeContext): string[] {
  const securityContext = asMap(get(container, 'securityContext', ctx), ctx)
  const capabilities = asMap(get(securityContext, 'capabilities', ctx), ctx)
  const add = asSeq(get(capabilities, 'add', ctx), ctx)
  if (!add) return []
  const names: string[] = []
  for (const item of add.items) {
    const name = stringValue(item, ctx)
    if (name) names.push(name.trim().toUpperCase().replace(/^CAP_/, ''))
  }
  return names
}

function extractContainerPort(
  item: unknown,
  fieldPath: string,
  container: ContainerFacts,
  ctx: KubeContext
): void {
  const object = container.pod.object
  const portMap = asMap(item, ctx)
  if (!portMap) {
    const message = 'each ports entry must be a mapping with a containerPort'
    reportWrongShape(ctx, item, locate(item, ctx), message, object)
    container.spec.portsUnknown = true
    return
  }
  const containerPort = checkContainerPort(portMap, ctx, object)
  const hostPort = checkHostPort(portMap, ctx, object)
  const protocol = checkProtocolField(portMap, ctx, object)
  const name = checkPortName(portMap, fieldPath, container, ctx)
  const hostIP = readStringField(portMap, 'hostIP', ctx)
  // An invalid value makes the API server reject the pod: no binding, so that rules do not pile
  // further findings on a value that has to change anyway. A bad *name* does not change what is
  // bound, so the binding stays (without the name).
  if (containerPort === undefined || hostPort === undefined || protocol === undefined) {
    container.spec.portsUnknown = true
    return
  }
  if (hostIP.state === 'placeholder' || hostIP.state === 'wrong-type') {
    container.spec.portsUnknown = true
    return
  }
  if (name === null) container.spec.portsUnknown = true
  const nameField = getPair(portMap, 'name', ctx)
  container.spec.ports.push({
    location: locate(portMap, ctx),
    fieldPath,
    containerPort: containerPort.value,
    hostPort: hostPort?.value ?? 0,
    hostIP: hostIP.state === 'string' ? hostIP.value : '',
    protocol: protocol.toUpperCase(),
    ...(typeof name === 'string' ? { name, nameLocation: locateKey(nameField, ctx)! } : {})
  })
  if (!checkHostNetworkMatch(containerPort, hostPort, container, ctx)) return

  ctx.out.bindings.push(
    buildBinding({
      portMap,
      container,
      containerPort,
      hostPort,
      protocol,
      name: name ?? undefined,
      hostIP: hostIP.state === 'string' ? hostIP.value.trim() : '',
      fieldPath,
      ctx
    })
  )
}

/** Undefined when unknown or invalid (already reported); `null` when unset. */
type HostPortResult = CheckedPort | null | undefined

/** containerPort is required (0 or missing → Required) and must be 1–65535. */
function checkContainerPort(
  portMap: YAMLMap,
  ctx: KubeContext,
  object: KubernetesObjectRef
): CheckedPort | undefined {
  const field = readIntField(portMap, 'containerPort', ctx)
  if (field.state === 'absent' || (field.state === 'int' && field.value === 0)) {
    const location = field.state === 'int' ? locateKey(field.pair, ctx)! : locate(portMap, ctx)
    const value = field.state === 'int' ? '0' : ''
    reportInvalid(ctx, location, value, 'containerPort is required (1-65535)', object)
    return undefined
  }
  return checkPortNumber(field, 'containerPort', ctx, object)
}

/** hostPort 0 or missing means "not bound on the host"; anything else must be 1–65535. */
function checkHostPort(
  portMap: YAMLMap,
  ctx: KubeContext,
  object: KubernetesObjectRef
): HostPortResult {
  const field = readIntField(portMap, 'hostPort', ctx)
  if (field.state === 'absent' || (field.state === 'int' && field.value === 0)) return null
  return checkPortNumber(field, 'hostPort', ctx, object)
}

/**
 * IsValidPortName, and unique within the container (error Duplicate at `ports[i].name`); these
 * are reported by the port-name rule, in the API server's words. Undefined when unnamed or
 * invalid, `null` when unknown (a placeholder).
 */
function checkPortName(
  portMap: YAMLMap,
  fieldPath: string,
  container: ContainerFacts,
  ctx: KubeContext
): string | null | undefined {
  const object = container.pod.object
  const field = readStringField(portMap, 'name', ctx)
  if (field.state === 'absent') return undefined
  if (field.state === 'placeholder') return null
  const location = locateKey(field.pair, ctx)!
  if (field.state === 'wrong-type') {
    reportInvalid(ctx, location, field.raw, `port ${field.message}`, object)
    return undefined
  }
  if (field.value === '') return undefined
  const errors = portNameErrors(field.value)
  if (errors.length > 0) {
    const message = `${fieldPath}.name: Invalid value: "${field.value}": ${errors.join(', ')} (container port names are IANA service names)`
    reportInvalid(ctx, location, field.value, message, object, 'port-name')
    return undefined
  }
  const first = earlierSighting(container.portNames, field.value, location)
  if (first) {
    const message = `${fieldPath}.name: Duplicate value: "${field.value}" (container "${container.name}" already has a port of that name at line ${first.line}; names must be unique within a container)`
    reportInvalid(ctx, location, field.value, message, object, 'port-name')
  }
  return field.value
}

/**
 * validatePodHostNetworkDeps: with `hostNetwork: true` a regular container's hostPort must equal its
 * containerPort (0 is allowed in templates and defaulted to containerPort). Init containers are
 * not checked by the API server, so neither are they here.
 */
function checkHostNetworkMatch(
  containerPort: CheckedPort,
  hostPort: CheckedPort | null,
  container: ContainerFacts,
  ctx: KubeContext
): boolean {
  if (!container.pod.hostNetwork || container.kind !== 'container' || hostPort === null) return true
  if (hostPort.value === containerPort.value) return true
  const message = `hostPort ${hostPort.value} must match containerPort ${containerPort.value} when hostNetwork is true (the pod uses the node's network, so the container port is the host port)`
  reportInvalid(ctx, hostPort.location, String(hostPort.value), message, container.pod.object)
  return false
}

interface BindingParts {
  portMap: YAMLMap
  container: ContainerFacts
  containerPort: CheckedPort
  hostPort: CheckedPort | null
  protocol: string
  name: string | undefined
  hostIP: string
  fieldPath: string
  ctx: KubeContext
}

/**
 * With `hostNetwork: true` the v1 defaults (SetDefaults_PodSpec → defaultHostNetworkPorts) set an
 * unset hostPort to the containerPort, for containers and init containers: every declared port is
 * a port on the node. Its host-side location is then the `containerPort:` key.
 */
function buildBinding(parts: BindingParts): PortBinding {
  const { container, containerPort, hostPort, ctx } = parts
  const pod = container.pod
  const hostSide = hostPort ?? (pod.hostNetwork ? containerPort : null)
  const binding: PortBinding = {
    format: 'kubernetes',
    location: locate(parts.portMap, ctx),
    containerPortLocation: containerPort.location,
    object: pod.object,
    container: container.name,
    containerKind: container.kind,
    hostIP: parts.hostIP,
    containerPort: { start: containerPort.value, end: containerPort.value },
    protocol: parts.protocol,
    hostNetwork: pod.hostNetwork,
    addedCapabilities: container.addedCapabilities,
    fieldPath: parts.fieldPath
  }
  if (hostSide) {
    binding.hostPort = { start: hostSide.value, end: hostSide.value }
    binding.hostPortLocation = hostSide.location
  }
  if (parts.name !== undefined) binding.name = parts.name
  if (pod.unprivilegedPortStart !== undefined)
    binding.unprivilegedPortStart = pod.unprivilegedPortStart
  if (pod.replicas !== undefined) binding.replicas = pod.replicas
  if (container.runsAs) binding.runsAs = container.runsAs
  if (container.windows) binding.windows = true
  return binding
}
