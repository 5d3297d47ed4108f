// kind (`kind.x-k8s.io/v1alpha4` Cluster): `nodes[].extraPortMappings` publish ports of a node
// container on the host (kind.sigs.k8s.io/docs/user/configuration/#extra-port-mappings), and
// `networking.apiServerPort` publishes the API server. kind's defaults: listenAddress 0.0.0.0
// (every interface, written here as '' so that unbound-interface sees it was not chosen),
// protocol TCP, apiServerAddress 127.0.0.1; a hostPort of 0 (or none) and an unset
// apiServerPort take a random free port, which claims nothing.
import type { YAMLMap } from 'yaml'
import { asMap, asSeq, get, getPair, locate, locateKey, stringValue } from '../../parse/nodes.js'
import { readIntField } from '../kubernetes/fields.js'
import type { KubeContext, ObjectSite } from '../kubernetes/context.js'
import { isHostIP as isIPAddress } from '../compose/ports.js'
import { devClusterBinding, devClusterRef, reportDevClusterInvalid } from './shared.js'
import type { ComposeServiceRef, SourceLocation } from '../../model.js'

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp'])
const DEFAULT_NAME = 'kind'

export function isKindCluster(site: ObjectSite): boolean {
  return site.kind === 'Cluster' && site.apiVersion.startsWith('kind.x-k8s.io/')
}

export function extractKindCluster(site: ObjectSite, ctx: KubeContext): void {
  const { root } = site
  const cluster = stringValue(get(root, 'name', ctx), ctx) || DEFAULT_NAME
  const file = ctx.file
  const nodes = asSeq(get(root, 'nodes', ctx), ctx)?.items ?? []
  const roles = nodes.map(
    (node) => stringValue(get(asMap(node, ctx), 'role', ctx), ctx) || 'control-plane'
  )
  nodes.forEach((node, index) => {
    const role = roles[index]!
    const sameRole = roles.filter((each) => each === role).length
    const ordinal = roles.slice(0, index + 1).filter((each) => each === role).length
    const label = sameRole > 1 ? `node ${role} ${ordinal}` : `node ${role}`
    const object = devClusterRef('kind', cluster, label, file)
    const mappings = asSeq(get(asMap(node, ctx), 'extraPortMappings', ctx), ctx)?.items ?? []
    for (const mapping of mappings) {
      const map = asMap(mapping, ctx)
      if (map) readMapping(map, object, ctx)
    }
  })
  readApiServer(root, cluster, ctx)
}

function readMapping(map: YAMLMap, object: ComposeServiceRef, ctx: KubeContext): void {
  const hostPort = readPort(map, 'hostPort', object, ctx)
  const containerPort = readPort(map, 'containerPort', object, ctx)
  const protocol = readProtocol(map, object, ctx)
  const hostIP = readAddress(map, 'listenAddress', object, ctx)
  if (!hostPort || hostPort.value === 0 || protocol === undefined || hostIP === undefined) return
  ctx.out.bindings.push(
    devClusterBinding({
      object,
      location: locate(map, ctx),
      hostPortLocation: hostPort.location,
      ...(containerPort && containerPort.value > 0
        ? {
            containerPort: { start: containerPort.value, end: containerPort.value },
            containerPortLocation: containerPort.location
          }
        : {}),
      hostIP,
      hostPort: { start: hostPort.value, end: hostPort.value },
      protocol
    })
  )
}

/** `networking.apiServerPort` on `apiServerAddress` (default 127.0.0.1). */
function readApiServer(root: YAMLMap, cluster: string, ctx: KubeContext): void {
  const networking = asMap(get(root, 'networking', ctx), ctx)
  if (!networking) return
  const object = devClusterRef('kind', cluster, 'API server', ctx.file)
  const port = readPort(networking, 'apiServerPort', object, ctx)
  const address = readAddress(networking, 'apiServerAddress', object, ctx)
  if (!port || port.value <= 0 || address === undefined) return
  ctx.out.bindings.push(
    devClusterBinding({
      object,
      location: port.location,
      hostPortLocation: port.location,
      hostIP: address === '' ? '127.0.0.1' : address,
      hostPort: { start: port.value, end: port.value },
      protocol: 'tcp'
    })
  )
}

interface ReadPort {
  value: number
  location: SourceLocation
}

/** An int port; 0 is kind's "pick one" (and -1 for apiServerPort); others outside 1-65535 are invalid. */
function readPort(
  map: YAMLMap,
  key: string,
  object: ComposeServiceRef,
  ctx: KubeContext
): ReadPort | undefined {
  const field = readIntField(map, key, ctx)
  if (field.state === 'absent' || field.state === 'placeholder') return undefined
  const location = locateKey(field.pair, ctx)!
  if (field.state === 'wrong-type') {
    reportDevClusterInvalid(ctx, object, location, field.raw, field.message)
    return undefined
  }
  if (field.value > 65535 || field.value < -1) {
    const message = `${key} ${field.value} is not a valid port: kind needs 0 (any free port) or 1-65535`
    reportDevClusterInvalid(ctx, object, location, String(field.value), message)
    return undefined
  }
  return { value: field.value, location }
}

function readProtocol(
  map: YAMLMap,
  object: ComposeServiceRef,
  ctx: KubeContext
): string | undefined {
  const pair = getPair(map, 'protocol', ctx)
  const text = stringValue(pair?.value, ctx)
  if (!pair || !text) return 'tcp'
  const protocol = text.toLowerCase()
  if (PROTOCOLS.has(protocol)) return protocol
  const message = `protocol ${text} is not one kind knows: TCP, UDP or SCTP`
  reportDevClusterInvalid(ctx, object, locateKey(pair, ctx)!, text, message)
  return undefined
}

/** '' when unset; undefined when it is not an IP address (reported). */
function readAddress(
  map: YAMLMap,
  key: string,
  object: ComposeServiceRef,
  ctx: KubeContext
): string | undefined {
  const pair = getPair(map, key, ctx)
  const text = stringValue(pair?.value, ctx)?.trim()
  if (!pair || !text) return ''
  const address = text.replace(/^\[(.*)\]$/, '$1')
  if (isIPAddress(address)) return address
  const message = `${key} ${text} is not an IP address`
  reportDevClusterInvalid(ctx, object, locateKey(pair, ctx)!, text, message)
  return undefined
}
