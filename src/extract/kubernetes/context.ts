// What every part of the Kubernetes loader shares while it reads one file: the node context
// (positions, aliases), the file text (to quote a value exactly as written) and the output.
import { isAlias, type YAMLMap } from 'yaml'
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
  /** Shared by every document of the file: aliases must not multiply one object without end. */
  budget: ExpansionBudget
}

/**
 * Objects, containers and ports one file may still expand into through aliases (`items: [*pod,
 * *pod, …]`, `ports: *list`). What is written out costs nothing: the file size bounds it.
 */
export interface ExpansionBudget {
  remaining: number
  /** How many aliases the reader is inside right now. */
  aliased: number
}

/** Thrown when a file's expansion budget is spent; the loader reports it and stops the file. */
export class ExpansionBudgetExceeded extends Error {}

/** Takes one unit (an object, a container, a port) from the budget when read through an alias. */
export function spend(ctx: KubeContext): void {
  if (ctx.budget.aliased === 0) return
  ctx.budget.remaining--
  if (ctx.budget.remaining < 0) throw new ExpansionBudgetExceeded()
}

/** Runs `read` counting everything in it against the budget when `node` is an alias. */
export function throughAlias(ctx: KubeContext, node: unknown, read: () => void): void {
  if (!isAlias(node)) return read()
  ctx.budget.aliased++
  try {
    read()
  } finally {
    ctx.budget.aliased--
  }
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
