// The admission side, evaluated: the generated policies run through a real CEL implementation
// (@bufbuild/cel with its strings extension, what src/policy/cel.ts restricts expressions to),
// as the API server runs a ValidatingAdmissionPolicy: its variables in order, then every
// validation; a false expression rejects with its messageExpression.
import { isCelError, run } from '@bufbuild/cel'
import { strings } from '@bufbuild/cel/ext'
import type { GeneratedPolicy } from '../../src/policy/generate.js'

/** The kind each resource of a policy's rules stands for. */
const KINDS: Record<string, string> = {
  services: 'Service',
  pods: 'Pod',
  replicationcontrollers: 'ReplicationController',
  daemonsets: 'DaemonSet',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  statefulsets: 'StatefulSet',
  jobs: 'Job',
  cronjobs: 'CronJob'
}

/** JSON as the API server hands it to CEL: objects are maps, integers are `int`. */
export function toCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCel)
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  if (value !== null && typeof value === 'object') {
    return new Map(Object.entries(value).map(([key, item]) => [key, toCel(item)]))
  }
  return value
}

function evaluate(expression: string, bindings: Record<string, unknown>): unknown {
  const result = run(expression, bindings as never, { funcs: strings })
  if (isCelError(result)) throw new Error(`CEL error in ${expression}: ${String(result)}`)
  return result
}

export interface AdmissionRequest {
  object: Record<string, unknown>
  /** The Namespace the object is created in, as the cluster has it. */
  namespaceObject: Record<string, unknown>
}

/** The messages an object is rejected with (empty = admitted); undefined = no policy matches it. */
export function admit(
  policies: readonly GeneratedPolicy[],
  request: AdmissionRequest
): string[] | undefined {
  const kind = request.object.kind as string
  const matching = policies.filter((policy) =>
    policy.resourceRules.some((rule) => rule.resources.some((resource) => KINDS[resource] === kind))
  )
  if (matching.length === 0) return undefined
  const metadata = (request.namespaceObject.metadata ?? {}) as { name?: string }
  const messages: string[] = []
  for (const policy of matching) {
    const variables = new Map<string, unknown>()
    const bindings = () => ({
      object: toCel(request.object),
      namespaceObject: toCel(request.namespaceObject),
      request: toCel({ namespace: metadata.name ?? '' }),
      variables
    })
    for (const variable of policy.variables) {
      variables.set(variable.name, evaluate(variable.expression, bindings()))
    }
    for (const validation of policy.validations) {
      if (evaluate(validation.expression, bindings()) === true) continue
      messages.push(String(evaluate(validation.messageExpression, bindings())))
    }
  }
  return messages
}
