// Pods that declare ports while no NetworkPolicy in the scan selects them. Without a policy
// selecting a pod, Kubernetes allows all ingress to it (a pod is isolated for ingress only once
// some policy selects it), so every pod of the cluster can reach those ports. Off by default:
// many clusters enforce policies from elsewhere (a platform repository, a mesh, Cilium clusterwide
// policies) and this repository cannot tell.
import { compareText, describeObject, type NetworkPolicyInfo, type PodTemplate } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { objectKey } from './shared/describe.js'
import {
  containersByTemplate,
  describeDeclaredPorts,
  servingContainers
} from './shared/containers.js'
import { labelSelectorMatches } from './shared/services.js'
import { uniq } from './shared/uniq.js'

export const missingNetworkPolicy: Rule = {
  meta: {
    id: 'missing-network-policy',
    description:
      'Pods that declare ports with no NetworkPolicy in the scan selecting them (off by default).',
    defaultSeverity: 'notice',
    cases: [
      {
        severity: 'notice',
        when: 'pods that declare ports with no NetworkPolicy of the scan selecting them: they accept traffic from anywhere in the cluster',
        source: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/'
      }
    ],
    enabledByDefault: false
  },
  options: {},
  check(model) {
    const containersOf = containersByTemplate(model.containers)
    const policies = new Map<string, NetworkPolicyInfo[]>()
    for (const policy of model.networkPolicies) {
      const list = policies.get(policy.object.namespace) ?? []
      list.push(policy)
      policies.set(policy.object.namespace, list)
    }
    const findings: RuleFinding[] = []
    for (const template of model.podTemplates) {
      // A hostNetwork pod is not isolated by NetworkPolicies at all: that is a different problem.
      if (template.hostNetwork) continue
      const ports = servingContainers(containersOf(template)).flatMap((c) => c.ports)
      if (ports.length === 0) continue
      const inNamespace = policies.get(template.object.namespace) ?? []
      if (inNamespace.some((policy) => labelSelectorMatches(policy.podSelector, template.labels))) {
        continue
      }
      findings.push(
        toFinding(template, inNamespace, describeDeclaredPorts(ports), ports[0]!.location)
      )
    }
    return findings
  }
}

function toFinding(
  template: PodTemplate,
  inNamespace: readonly NetworkPolicyInfo[],
  ports: string,
  location: RuleFinding['location']
): RuleFinding {
  const namespace = template.object.namespace
    ? `namespace ${template.object.namespace}`
    : 'its namespace'
  const policies =
    inNamespace.length === 0
      ? `no NetworkPolicy in ${namespace} is in the scan`
      : inNamespace.length === 1
        ? `the one NetworkPolicy of ${namespace} (${inNamespace[0]!.object.name}) does not select its pods`
        : `none of the ${inNamespace.length} NetworkPolicies of ${namespace} (${uniq(
            inNamespace.map((policy) => policy.object.name).sort(compareText)
          ).join(', ')}) selects its pods`
  return {
    message:
      `${describeObject(template.object)} declares ports (${ports}) but ${policies}: ` +
      'with no policy selecting a pod, every pod of the cluster can connect to it.',
    location,
    object: template.object,
    key: `${objectKey(template.object)}/network-policy`
  }
}
