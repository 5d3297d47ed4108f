// Ingress backends and NetworkPolicy pod selectors: what the wiring rules (ingress-backend-port,
// missing-network-policy) need from the networking.k8s.io objects.
import type { YAMLMap } from 'yaml'
import type { IngressBackend, LabelSelector } from '../../model.js'
import {
  asMap,
  asSeq,
  get,
  getIn,
  getPair,
  locate,
  locateKey,
  stringMap,
  stringValue
} from '../../parse/nodes.js'
import type { KubeContext, ObjectSite } from './context.js'
import { readIntOrString } from './fields.js'

/**
 * Every Service backend of an Ingress: `spec.defaultBackend` and `rules[].http.paths[].backend`
 * in networking.k8s.io/v1 (`service.name`, `service.port.number` | `service.port.name`), and
 * `spec.backend` / `backend.serviceName` + `servicePort` (a number or a name) in the v1beta1
 * APIs (extensions and networking.k8s.io). Resource backends name no Service and are skipped.
 */
export function extractIngress(site: ObjectSite, ctx: KubeContext): void {
  const spec = asMap(get(site.root, 'spec', ctx), ctx)
  if (!spec) return
  const backends: YAMLMap[] = []
  for (const key of ['defaultBackend', 'backend']) {
    const backend = asMap(get(spec, key, ctx), ctx)
    if (backend) backends.push(backend)
  }
  for (const rule of asSeq(get(spec, 'rules', ctx), ctx)?.items ?? []) {
    const paths = asSeq(getIn(asMap(rule, ctx), ['http', 'paths'], ctx), ctx)
    for (const path of paths?.items ?? []) {
      const backend = asMap(get(asMap(path, ctx), 'backend', ctx), ctx)
      if (backend) backends.push(backend)
    }
  }
  for (const backend of backends) {
    const read = readBackend(backend, ctx)
    if (read) ctx.out.ingressBackends.push({ object: site.ref, ...read })
  }
}

function readBackend(
  backend: YAMLMap,
  ctx: KubeContext
): Omit<IngressBackend, 'object'> | undefined {
  const service = asMap(get(backend, 'service', ctx), ctx)
  if (service) {
    const serviceName = stringValue(get(service, 'name', ctx), ctx)
    const port = asMap(get(service, 'port', ctx), ctx)
    for (const key of ['number', 'name']) {
      const read = portOf(port, key, ctx)
      if (serviceName && read) return { serviceName, ...read }
    }
    return undefined
  }
  const serviceName = stringValue(get(backend, 'serviceName', ctx), ctx)
  const read = portOf(backend, 'servicePort', ctx)
  return serviceName && read ? { serviceName, ...read } : undefined
}

function portOf(
  map: YAMLMap | undefined,
  key: string,
  ctx: KubeContext
): { port: number | string; location: IngressBackend['location'] } | undefined {
  if (!map) return undefined
  const field = readIntOrString(map, key, ctx)
  if (field.state !== 'int' && field.state !== 'string') return undefined
  if (field.state === 'string' && field.value === '') return undefined
  return { port: field.value, location: locateKey(field.pair, ctx)! }
}

export function extractNetworkPolicy(site: ObjectSite, ctx: KubeContext): void {
  const spec = asMap(get(site.root, 'spec', ctx), ctx)
  const pair = getPair(spec, 'podSelector', ctx)
  // The API requires podSelector; a policy without one is not read (it selects nothing we know).
  if (!spec || !pair) return
  ctx.out.networkPolicies.push({
    object: site.ref,
    location: locateKey(pair, ctx) ?? locate(site.root, ctx),
    podSelector: readLabelSelector(asMap(pair.value, ctx), ctx)
  })
}

/** `{}` or null selects every pod of the namespace. */
export function readLabelSelector(map: YAMLMap | undefined, ctx: KubeContext): LabelSelector {
  const selector: LabelSelector = {
    matchLabels: stringMap(get(map, 'matchLabels', ctx), ctx),
    matchExpressions: []
  }
  for (const item of asSeq(get(map, 'matchExpressions', ctx), ctx)?.items ?? []) {
    const expression = asMap(item, ctx)
    const key = stringValue(get(expression, 'key', ctx), ctx)
    const operator = stringValue(get(expression, 'operator', ctx), ctx)
    if (!key || !operator) continue
    const values = (asSeq(get(expression, 'values', ctx), ctx)?.items ?? [])
      .map((value) => stringValue(value, ctx))
      .filter((value): value is string => value !== undefined)
    selector.matchExpressions.push({ key, operator, values })
  }
  return selector
}
