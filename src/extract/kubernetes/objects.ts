// One Kubernetes object → its reference (kind, namespace, name, Helm source, ignore annotation),
// then the part of the loader its kind needs: Service, Namespace, List items, or pod specs.
import { type YAMLMap } from 'yaml'
import type { AnnotationSuppression, KubernetesObjectRef } from '../../model.js'
import {
  asMap,
  asSeq,
  get,
  getPair,
  locate,
  locateKey,
  stringMap,
  stringValue
} from '../../parse/nodes.js'
import { parseSuppressionText } from '../../parse/yaml.js'
import { reportInvalid, spend, throughAlias, type KubeContext, type ObjectSite } from './context.js'
import { apiGroupOf, extractPodSpecs, PURPOSE_ANNOTATION } from './pod-specs.js'
import { extractService } from './services.js'
import { extractIngress, extractNetworkPolicy } from './networking.js'
import { parsePortRangeAnnotation } from './validation.js'
import { extractDevCluster } from '../dev-cluster/index.js'

const IGNORE_ANNOTATION = 'port-hygiene/ignore'
/** `port-range` is the documented key; the prefixed form is accepted for teams that namespace their annotations. */
const PORT_RANGE_ANNOTATIONS = ['port-range', 'port-hygiene/port-range']
/** `List` and `<Kind>List` (what `kubectl get -o yaml` writes) nest objects one level down. */
const MAX_LIST_DEPTH = 4

/** Reads a top-level map as a Kubernetes object; not one (no apiVersion or kind) → ignored. */
export function extractObject(root: YAMLMap, ctx: KubeContext, listDepth = 0): void {
  const apiVersion = stringValue(get(root, 'apiVersion', ctx), ctx)
  const kind = stringValue(get(root, 'kind', ctx), ctx)
  if (!apiVersion || !kind) return
  spend(ctx)
  const site: ObjectSite = { root, apiVersion, kind, ref: objectRef(root, kind, ctx) }

  if (isList(site, ctx)) {
    if (listDepth >= MAX_LIST_DEPTH) return
    throughAlias(ctx, getPair(root, 'items', ctx)?.value, () => {
      for (const item of asSeq(get(root, 'items', ctx), ctx)?.items ?? []) {
        const itemMap = asMap(item, ctx)
        if (itemMap) throughAlias(ctx, item, () => extractObject(itemMap, ctx, listDepth + 1))
      }
    })
    return
  }
  // Core kinds live in the core group (`apiVersion: v1`); Knative's `serving.knative.dev/v1`
  // Service is a workload, read for its pod template like any other custom resource.
  const core = apiGroupOf(apiVersion) === ''
  if (core && kind === 'Service') return extractService(site, ctx)
  if (core && kind === 'Namespace') return extractNamespace(site, ctx)
  const group = apiGroupOf(apiVersion)
  const networking = group === 'networking.k8s.io' || group === 'extensions'
  if (networking && kind === 'Ingress') return extractIngress(site, ctx)
  if (group === 'networking.k8s.io' && kind === 'NetworkPolicy') {
    return extractNetworkPolicy(site, ctx)
  }
  // kind and k3d configs have apiVersion and kind but bind ports on the developer machine.
  if (extractDevCluster(site, ctx)) return
  extractPodSpecs(site, ctx)
}

function isList(site: ObjectSite, ctx: KubeContext): boolean {
  return (
    (site.kind === 'List' || site.kind.endsWith('List')) &&
    asSeq(get(site.root, 'items', ctx), ctx) !== undefined
  )
}

function objectRef(root: YAMLMap, kind: string, ctx: KubeContext): KubernetesObjectRef {
  const metadata = asMap(get(root, 'metadata', ctx), ctx)
  const name =
    stringValue(get(metadata, 'name', ctx), ctx) ??
    stringValue(get(metadata, 'generateName', ctx), ctx) ??
    ''
  const ref: KubernetesObjectRef = {
    format: 'kubernetes',
    kind,
    namespace: stringValue(get(metadata, 'namespace', ctx), ctx) ?? '',
    name
  }
  if (ctx.helmSource) ref.helmSource = ctx.helmSource
  const ignore = ignoreAnnotation(metadata, ctx)
  if (ignore) ref.ignore = ignore
  const purpose = stringValue(
    get(asMap(get(metadata, 'annotations', ctx), ctx), PURPOSE_ANNOTATION, ctx),
    ctx
  )
  if (purpose?.trim()) ref.purpose = purpose.trim()
  return ref
}

/** `port-hygiene/ignore: "privileged-port, duplicate-host-port: ingress needs 443"`. */
function ignoreAnnotation(
  metadata: YAMLMap | undefined,
  ctx: KubeContext
): AnnotationSuppression | undefined {
  const annotations = asMap(get(metadata, 'annotations', ctx), ctx)
  const pair = getPair(annotations, IGNORE_ANNOTATION, ctx)
  const text = stringValue(pair?.value, ctx)
  if (!pair || text === undefined) return undefined
  return { location: locateKey(pair, ctx)!, ...parseSuppressionText(text) }
}

function extractNamespace(site: ObjectSite, ctx: KubeContext): void {
  const metadata = asMap(get(site.root, 'metadata', ctx), ctx)
  const nameNode = get(metadata, 'name', ctx)
  const annotations = asMap(get(metadata, 'annotations', ctx), ctx)
  const namespace = {
    name: site.ref.name,
    location: locate(nameNode ?? site.root, ctx),
    annotations: stringMap(annotations, ctx)
  }
  for (const key of PORT_RANGE_ANNOTATIONS) {
    const pair = getPair(annotations, key, ctx)
    const text = stringValue(pair?.value, ctx)
    if (!pair || text === undefined) continue
    const range = parsePortRangeAnnotation(text)
    const location = locate(pair.value, ctx)
    if (range) {
      ctx.out.namespaces.push({ ...namespace, portRange: { ...range, location } })
      return
    }
    const message = `${key} annotation "${text}" is not a port range: write "<min>-<max>" with ports 1-65535, e.g. "30000-30999"`
    reportInvalid(ctx, location, text, message, site.ref)
  }
  ctx.out.namespaces.push(namespace)
}
