// Finding the pod specs of an object. The built-in workload kinds have fixed paths; any other
// object (Argo Rollouts, Knative Services, OpenKruise CloneSets, …) is walked generically through
// `spec` / `template` / `jobTemplate` down to a map with a `containers` list — the way Polaris finds
// pod specs, so custom resources are seen too.
import { isSeq, type YAMLMap } from 'yaml'
import type { KubernetesObjectRef } from '../../model.js'
import {
  asMap,
  asSeq,
  get,
  getIn,
  locate,
  scalarValue,
  stringMap,
  stringValue
} from '../../parse/nodes.js'
import type { KubeContext, ObjectSite } from './context.js'
import { extractContainers, type PodFacts } from './containers.js'
import { isWindowsPod, userFields } from './security.js'

/** A pod spec and the map that carries its metadata (the template, or the Pod itself). */
interface PodSite {
  podSpec: YAMLMap
  template: YAMLMap
  /** The API field path of the pod spec: `spec` for a Pod, `spec.template.spec` for a Deployment. */
  path: string
  /** The map whose `spec.replicas` counts the pods, when it is not the object itself (an OLM deployment entry). */
  owner?: YAMLMap
}

/** What a port is for, in the inventory (src/inventory/build.ts). */
export const PURPOSE_ANNOTATION = 'port-hygiene/purpose'

/** Built-in API groups whose workload kinds keep the pod template at a known path. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'extensions', 'batch'])

/** Paths from the object to its pod template (the map holding `metadata` and `spec`). */
const TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template']
}

/**
 * Kinds that never hold a pod spec although they may mention container fields: a CRD's OpenAPI
 * schema declares `containers`/`hostPort` as *properties*, which must not read as values.
 */
const NEVER_POD_KINDS = new Set(['CustomResourceDefinition'])

const WALK_KEYS = ['spec', 'template', 'jobTemplate']
const MAX_WALK_DEPTH = 8

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/')
  return slash === -1 ? '' : apiVersion.slice(0, slash)
}

export function extractPodSpecs(site: ObjectSite, ctx: KubeContext): void {
  if (NEVER_POD_KINDS.has(site.kind)) return
  const group = apiGroupOf(site.apiVersion)
  const ref = BUILT_IN_GROUPS.has(group) ? site.ref : { ...site.ref, apiGroup: group }
  for (const pod of findPodSites(site, ctx)) {
    const replicas = replicasOf(pod.owner ?? site.root, ctx)
    const hostNetwork = scalarValue(get(pod.podSpec, 'hostNetwork', ctx), ctx) === true
    const location = locate(pod.template, ctx)
    const object = withTemplatePurpose(ref, pod.template, ctx)
    ctx.out.podTemplates.push({
      location,
      object,
      labels: stringMap(getIn(pod.template, ['metadata', 'labels'], ctx), ctx),
      hostNetwork
    })
    const facts: PodFacts = {
      object,
      hostNetwork,
      location,
      path: pod.path,
      user: userFields(asMap(get(pod.podSpec, 'securityContext', ctx), ctx), ctx),
      windows: isWindowsPod(pod.podSpec, ctx)
    }
    const unprivilegedPortStart = unprivilegedPortStartOf(pod.podSpec, ctx)
    if (unprivilegedPortStart !== undefined) facts.unprivilegedPortStart = unprivilegedPortStart
    if (replicas !== undefined) facts.replicas = replicas
    extractContainers(pod.podSpec, facts, ctx)
  }
}

/**
 * `port-hygiene/purpose` on the pod template (`spec.template.metadata.annotations`, where a
 * Deployment's annotations are usually written) counts when the object itself has none.
 */
function withTemplatePurpose(
  ref: KubernetesObjectRef,
  template: YAMLMap,
  ctx: KubeContext
): KubernetesObjectRef {
  if (ref.purpose) return ref
  const annotations = asMap(getIn(template, ['metadata', 'annotations'], ctx), ctx)
  const purpose = stringValue(get(annotations, PURPOSE_ANNOTATION, ctx), ctx)?.trim()
  return purpose ? { ...ref, purpose } : ref
}

/**
 * An OLM ClusterServiceVersion carries the Deployments the operator installs at
 * `spec.install.spec.deployments[]` (`{name, spec}`, spec being a DeploymentSpec): their
 * templates are the pods the bundle's Services select. The generic walk does not reach them
 * (it follows maps, not lists), so they are read at their documented path.
 */
function csvPodSites(site: ObjectSite, ctx: KubeContext): PodSite[] {
  const deployments = asSeq(getIn(site.root, ['spec', 'install', 'spec', 'deployments'], ctx), ctx)
  const found: PodSite[] = []
  deployments?.items.forEach((item, index) => {
    const owner = asMap(item, ctx)
    const template = asMap(getIn(owner, ['spec', 'template'], ctx), ctx)
    const podSpec = asMap(get(template, 'spec', ctx), ctx)
    if (owner && template && podSpec) {
      const path = `spec.install.spec.deployments[${index}].spec.template.spec`
      found.push({ podSpec, template, path, owner })
    }
  })
  return found
}

function findPodSites(site: ObjectSite, ctx: KubeContext): PodSite[] {
  if (
    site.kind === 'ClusterServiceVersion' &&
    apiGroupOf(site.apiVersion) === 'operators.coreos.com'
  ) {
    return csvPodSites(site, ctx)
  }
  const path = BUILT_IN_GROUPS.has(apiGroupOf(site.apiVersion))
    ? TEMPLATE_PATHS[site.kind]
    : undefined
  if (path) {
    const template = path.length === 0 ? site.root : asMap(getIn(site.root, path, ctx), ctx)
    const podSpec = asMap(get(template, 'spec', ctx), ctx)
    const podPath = [...path, 'spec'].join('.')
    return template && podSpec ? [{ podSpec, template, path: podPath }] : []
  }
  const found: PodSite[] = []
  walkForPodSpecs(site.root, site.root, [], found, ctx)
  return found
}

/**
 * Depth-first through the walk keys only. A map whose `containers` is a list is a pod spec; the
 * map above it (the template, or the object for a Pod-like resource) holds its labels.
 */
function walkForPodSpecs(
  map: YAMLMap,
  parent: YAMLMap,
  path: string[],
  found: PodSite[],
  ctx: KubeContext
): void {
  if (path.length > MAX_WALK_DEPTH) return
  if (path.length > 0 && isSeq(get(map, 'containers', ctx))) {
    found.push({ podSpec: map, template: parent, path: path.join('.') })
    return
  }
  for (const key of WALK_KEYS) {
    const child = asMap(get(map, key, ctx), ctx)
    if (child && child !== map) walkForPodSpecs(child, map, [...path, key], found, ctx)
  }
}

/** `spec.replicas` when it is a plain integer (HPA-managed objects often leave it out). */
function replicasOf(root: YAMLMap, ctx: KubeContext): number | undefined {
  const value = scalarValue(getIn(root, ['spec', 'replicas'], ctx), ctx)
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined
}

const UNPRIVILEGED_PORT_START = 'net.ipv4.ip_unprivileged_port_start'

/** Pod `securityContext.sysctls` entry net.ipv4.ip_unprivileged_port_start (a string in the API). */
function unprivilegedPortStartOf(podSpec: YAMLMap, ctx: KubeContext): number | undefined {
  const sysctls = getIn(podSpec, ['securityContext', 'sysctls'], ctx)
  if (!isSeq(sysctls)) return undefined
  for (const item of sysctls.items) {
    const sysctl = asMap(item, ctx)
    if (scalarValue(get(sysctl, 'name', ctx), ctx) !== UNPRIVILEGED_PORT_START) continue
    const value = String(scalarValue(get(sysctl, 'value', ctx), ctx) ?? '').trim()
    if (/^\d+$/.test(value)) return Number(value)
  }
  return undefined
}
