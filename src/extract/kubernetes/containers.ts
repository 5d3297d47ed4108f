// Container ports of one pod spec → PortBindings, and the API server's checks on them
// (validateContainerPorts and validatePodHostNetworkDeps in pkg/apis/core/validation).
import type { YAMLMap } from 'yaml'
import type {
  ContainerKind,
  KubernetesObjectRef,
  PortBinding,
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
      for (const item of list.items) {
        const container = asMap(item, ctx)
        if (!container) continue
        throughAlias(ctx, item, () => {
          spend(ctx)
          extractContainer(container, containerKindOf(container, kind, ctx), pod, ctx)
        })
      }
    })
  }
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
  kind: ContainerKind,
  pod: PodFacts,
  ctx: KubeContext
): void {
  const portsPair = getPair(container, 'ports', ctx)
  const portsNode = resolve(portsPair?.value, ctx)
  if (!portsPair || isNullish(portsNode)) return
  const ports = asSeq(portsNode, ctx)
  const securityContext = asMap(get(container, 'securityContext', ctx), ctx)
  const facts: ContainerFacts = {
    pod,
    name: stringValue(get(container, 'name', ctx), ctx) ?? '',
    kind,
    addedCapabilities: addedCapabilities(container, ctx),
    windows: pod.windows || asMap(get(securityContext, 'windowsOptions', ctx), ctx) !== undefined,
    portNames: new Map()
  }
  const user = runsAs(pod.user, userFields(securityContext, ctx))
  if (user) facts.runsAs = user
  if (!ports) {
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
    for (const item of ports.items)
      throughAlias(ctx, item, () => {
        spend(ctx)
        extractContainerPort(item, facts, ctx)
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

function extractContainerPort(item: unknown, container: ContainerFacts, ctx: KubeContext): void {
  const object = container.pod.object
  const portMap = asMap(item, ctx)
  if (!portMap) {
    const message = 'each ports entry must be a mapping with a containerPort'
    reportWrongShape(ctx, item, locate(item, ctx), message, object)
    return
  }
  const containerPort = checkContainerPort(portMap, ctx, object)
  const hostPort = checkHostPort(portMap, ctx, object)
  const protocol = checkProtocolField(portMap, ctx, object)
  const name = checkPortName(portMap, container, ctx)
  const hostIP = readStringField(portMap, 'hostIP', ctx)
  // An invalid value makes the API server reject the pod: no binding, so that rules do not pile
  // further findings on a value that has to change anyway. A bad *name* does not change what is
  // bound, so the binding stays (without the name).
  if (containerPort === undefined || hostPort === undefined || protocol === undefined) return
  if (hostIP.state === 'placeholder' || hostIP.state === 'wrong-type') return
  if (!checkHostNetworkMatch(containerPort, hostPort, container, ctx)) return

  ctx.out.bindings.push(
    buildBinding({
      portMap,
      container,
      containerPort,
      hostPort,
      protocol,
      name,
      hostIP: hostIP.state === 'string' ? hostIP.value.trim() : '',
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

/** IsValidPortName, and unique within the container (error Duplicate at `ports[i].name`). */
function checkPortName(
  portMap: YAMLMap,
  container: ContainerFacts,
  ctx: KubeContext
): string | undefined {
  const object = container.pod.object
  const field = readStringField(portMap, 'name', ctx)
  if (field.state === 'absent' || field.state === 'placeholder') return undefined
  const location = locateKey(field.pair, ctx)!
  if (field.state === 'wrong-type') {
    reportInvalid(ctx, location, field.raw, `port ${field.message}`, object)
    return undefined
  }
  if (field.value === '') return undefined
  const errors = portNameErrors(field.value)
  if (errors.length > 0) {
    const message = `port name "${field.value}" is not a valid IANA service name: ${errors.join('; ')}`
    reportInvalid(ctx, location, field.value, message, object)
    return undefined
  }
  const first = earlierSighting(container.portNames, field.value, location)
  if (first) {
    const message = `port name "${field.value}" is used twice in container "${container.name}" (first at line ${first.line}); names must be unique within a container`
    reportInvalid(ctx, location, field.value, message, object)
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
    addedCapabilities: container.addedCapabilities
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
