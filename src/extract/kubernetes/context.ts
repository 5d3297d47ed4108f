// What every part of the Kubernetes loader shares while it reads one file: the node context
// (positions, aliases), the file text (to quote a value exactly as written) and the output.
import type { YAMLMap } from 'yaml'
import type {
  InvalidPort,
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

/** Objects, containers and ports one file may still expand into. */
export interface ExpansionBudget {
  remaining: number
}

/** Thrown when a file's expansion budget is spent; the loader reports it and stops the file. */
export class ExpansionBudgetExceeded extends Error {}

/** Takes one unit (an object, a container, a port) from the file's budget. */
export function spend(ctx: KubeContext): void {
  ctx.budget.remaining--
  if (ctx.budget.remaining < 0) throw new ExpansionBudgetExceeded()
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
  object?: KubernetesObjectRef
): void {
  ctx.out.invalidPorts.push({ location, value, message, ...(object ? { object } : {}) })
}
