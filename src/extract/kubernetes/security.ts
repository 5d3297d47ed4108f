// Who a container's process runs as and on which OS, as far as the manifest says: the facts
// privileged-container-port needs to know whether a bind below 1024 can fail.
import { isSeq, type YAMLMap } from 'yaml'
import { asMap, asSeq, get, getIn, scalarValue, stringMap, stringValue } from '../../parse/nodes.js'
import type { KubeContext } from './context.js'

/** The user fields of one securityContext (pod or container level). */
export interface UserFields {
  runAsUser?: number
  runAsNonRoot?: boolean
}

export function userFields(securityContext: YAMLMap | undefined, ctx: KubeContext): UserFields {
  const fields: UserFields = {}
  const user = scalarValue(get(securityContext, 'runAsUser', ctx), ctx)
  if (typeof user === 'number' && Number.isInteger(user) && user >= 0) fields.runAsUser = user
  const nonRoot = scalarValue(get(securityContext, 'runAsNonRoot', ctx), ctx)
  if (typeof nonRoot === 'boolean') fields.runAsNonRoot = nonRoot
  return fields
}

/**
 * The container's field wins over the pod's, each field on its own (the API's SecurityContext
 * docs: "If set in both SecurityContext and PodSecurityContext, the value specified in
 * SecurityContext takes precedence"). `runAsUser` decides; without it, `runAsNonRoot: true`
 * makes the kubelet refuse an image whose user is root, so the process is not root either.
 */
export function runsAs(pod: UserFields, container: UserFields): 'root' | 'non-root' | undefined {
  const user = container.runAsUser ?? pod.runAsUser
  if (user !== undefined) return user === 0 ? 'root' : 'non-root'
  return (container.runAsNonRoot ?? pod.runAsNonRoot) === true ? 'non-root' : undefined
}

const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os']

/**
 * A Windows pod: `spec.os.name: windows`, a node selector or a required node affinity that only
 * admits `kubernetes.io/os: windows` nodes, or `windowsOptions` in the pod's securityContext.
 * (A container's `windowsOptions` is read with the container.)
 */
export function isWindowsPod(podSpec: YAMLMap, ctx: KubeContext): boolean {
  if (stringValue(getIn(podSpec, ['os', 'name'], ctx), ctx)?.toLowerCase() === 'windows') {
    return true
  }
  const selector = stringMap(get(podSpec, 'nodeSelector', ctx), ctx)
  if (OS_LABELS.some((label) => selector[label]?.toLowerCase() === 'windows')) return true
  if (asMap(getIn(podSpec, ['securityContext', 'windowsOptions'], ctx), ctx)) return true
  return affinityRequiresWindows(podSpec, ctx)
}

/** Node selector terms are ORed: every term must admit Windows nodes only. */
function affinityRequiresWindows(podSpec: YAMLMap, ctx: KubeContext): boolean {
  const terms = asSeq(
    getIn(
      podSpec,
      [
        'affinity',
        'nodeAffinity',
        'requiredDuringSchedulingIgnoredDuringExecution',
        'nodeSelectorTerms'
      ],
      ctx
    ),
    ctx
  )
  if (!terms || terms.items.length === 0) return false
  return terms.items.every((term) => {
    const expressions = asSeq(get(asMap(term, ctx), 'matchExpressions', ctx), ctx)
    return (expressions?.items ?? []).some((item) => {
      const expression = asMap(item, ctx)
      const key = stringValue(get(expression, 'key', ctx), ctx)
      const operator = stringValue(get(expression, 'operator', ctx), ctx)
      const values = get(expression, 'values', ctx)
      if (!key || !OS_LABELS.includes(key) || operator !== 'In' || !isSeq(values)) return false
      const names = values.items.map((value) => String(scalarValue(value, ctx)).toLowerCase())
      return names.length > 0 && names.every((name) => name === 'windows')
    })
  })
}
