// What every part of the Kubernetes loader shares while it reads one file: the node context
// (positions, aliases), the file text (to quote a value exactly as written) and the output.
import type { YAMLMap } from 'yaml'
import type {
  ContainerSpec,
  IngressBackend,
  InvalidPort,
  NetworkPolicyInfo,
  KubernetesObjectRef,
  NamespaceInfo,
  ParseFailure,
  PodTemplate,
  PortBinding,
  ServicePort,
  SourceLocation
} from '../../model.js'
import type { NodeContext } from '../../parse/nodes.js'

export interface KubernetesExtraction {
  bindings: PortBinding[]
  services: ServicePort[]
  podTemplates: PodTemplate[]
  containers: ContainerSpec[]
  ingressBackends: IngressBackend[]
  networkPolicies: NetworkPolicyInfo[]
  namespaces: NamespaceInfo[]
  invalidPorts: InvalidPort[]
  parseErrors: ParseFailure[]
}

export interface KubeContext extends NodeContext {
  text: string
  helmSource?: string
  out: KubernetesExtraction
}

/** One Kubernetes object being read: its top-level map and the reference every record carries. */
export interface ObjectSite {
  root: YAMLMap
  apiVersion: string
  kind: string
  ref: KubernetesObjectRef
}

export function emptyExtraction(): KubernetesExtraction {
  return {
    bindings: [],
    services: [],
    podTemplates: [],
    containers: [],
    ingressBackends: [],
    networkPolicies: [],
    namespaces: [],
    invalidPorts: [],
    parseErrors: []
  }
}

export function reportInvalid(
  ctx: KubeContext,
  location: SourceLocation,
  value: string,
  message: string,
  object?: KubernetesObjectRef,
  rule?: string
): void {
  ctx.out.invalidPorts.push({
    location,
    value,
    message,
    ...(object ? { object } : {}),
    ...(rule ? { rule } : {})
  })
}
