// k3d (`k3d.io/v1alpha5`, v1alpha4 … `Simple` config): `ports[].port` is Docker's
// `[HOST:][HOSTPORT:]CONTAINERPORT[/PROTOCOL]`, published by the node containers the
// `nodeFilters` pick (the load balancer by default) on the host, and `kubeAPI.hostPort` publishes
// the API server (k3d.io/stable/usage/configfile/). Docker's defaults apply: no host IP = every
// interface; no host port = a random one, which claims nothing.
import type { YAMLMap } from 'yaml'
import { asMap, asSeq, get, getPair, locate, locateKey, stringValue } from '../../parse/nodes.js'
import type { KubeContext, ObjectSite } from '../kubernetes/context.js'
import { parsePortNumber, parseShortPortSpec } from '../compose/ports.js'
import { isHostIP as isIPAddress } from '../compose/ports.js'
import { devClusterBinding, devClusterRef, reportDevClusterInvalid } from './shared.js'

const DEFAULT_NAME = 'k3s-default'

export function isK3dSimple(site: ObjectSite): boolean {
  return site.kind === 'Simple' && site.apiVersion.startsWith('k3d.io/')
}

export function extractK3dSimple(site: ObjectSite, ctx: KubeContext): void {
  const { root } = site
  // v1alpha4 and later: metadata.name; earlier: name at the top.
  const cluster =
    stringValue(get(asMap(get(root, 'metadata', ctx), ctx), 'name', ctx), ctx) ||
    stringValue(get(root, 'name', ctx), ctx) ||
    DEFAULT_NAME
  for (const item of asSeq(get(root, 'ports', ctx), ctx)?.items ?? []) {
    const map = asMap(item, ctx)
    if (map) readPort(map, cluster, ctx)
  }
  readKubeApi(root, cluster, ctx)
}

function readPort(map: YAMLMap, cluster: string, ctx: KubeContext): void {
  const pair = getPair(map, 'port', ctx)
  const spec = stringValue(pair?.value, ctx)?.trim()
  if (!pair || !spec) return
  const filters = (asSeq(get(map, 'nodeFilters', ctx), ctx)?.items ?? [])
    .map((node) => stringValue(node, ctx))
    .filter((filter): filter is string => Boolean(filter))
  const nodes = `nodes ${filters.length > 0 ? filters.join(', ') : 'loadbalancer'}`
  const object = devClusterRef('k3d', cluster, nodes, ctx.file)
  const location = locate(pair.value, ctx)
  // The CLI form `8080:80@loadbalancer` is accepted in the file too: the filter is not a port.
  const parsed = parseShortPortSpec(spec.replace(/@[^@]*$/, ''))
  if (!parsed.ok) {
    reportDevClusterInvalid(ctx, object, location, spec, `port "${spec}": ${parsed.error}`)
    return
  }
  for (const mapping of parsed.mappings) {
    if (!mapping.published || mapping.published.start === 0) continue
    ctx.out.bindings.push(
      devClusterBinding({
        object,
        location,
        hostPortLocation: location,
        containerPortLocation: location,
        hostIP: mapping.hostIP,
        hostPort: mapping.published,
        containerPort: mapping.target,
        protocol: mapping.protocol,
        raw: spec
      })
    )
  }
}

/** `kubeAPI: { hostIP, hostPort: "6445" }`; k3d's default host IP is 0.0.0.0. */
function readKubeApi(root: YAMLMap, cluster: string, ctx: KubeContext): void {
  const kubeApi = asMap(get(root, 'kubeAPI', ctx), ctx)
  const pair = getPair(kubeApi, 'hostPort', ctx)
  const text = stringValue(pair?.value, ctx)?.trim()
  if (!pair || !text) return
  const object = devClusterRef('k3d', cluster, 'API server', ctx.file)
  const location = locateKey(pair, ctx)!
  const port = parsePortNumber(text)
  if (!port.ok || port.value === 0) {
    if (!port.ok)
      reportDevClusterInvalid(
        ctx,
        object,
        location,
        text,
        `kubeAPI.hostPort "${text}": ${port.error}`
      )
    return
  }
  const ipPair = getPair(kubeApi, 'hostIP', ctx)
  const hostIP = stringValue(ipPair?.value, ctx)?.trim() ?? ''
  if (hostIP !== '' && !isIPAddress(hostIP)) {
    const message = `kubeAPI.hostIP ${hostIP} is not an IP address`
    reportDevClusterInvalid(ctx, object, locateKey(ipPair, ctx)!, hostIP, message)
    return
  }
  ctx.out.bindings.push(
    devClusterBinding({
      object,
      location,
      hostPortLocation: location,
      hostIP,
      hostPort: { start: port.value, end: port.value },
      protocol: 'tcp'
    })
  )
}
