// The registry: every rule, in the order their docs list them. Adding a rule = one file in this
// folder, one line here, one test file, one docs page.
import type { Rule } from './rule.js'
import { duplicateHostPort } from './duplicate-host-port.js'
import { privilegedPort } from './privileged-port.js'
import { privilegedContainerPort } from './privileged-container-port.js'
import { portOutOfRange } from './port-out-of-range.js'
import { hostNetworkPorts } from './host-network-ports.js'
import { fixedPortWithReplicas } from './fixed-port-with-replicas.js'
import { unboundInterface } from './unbound-interface.js'
import { unquotedPort } from './unquoted-port.js'
import { hostPortInEphemeralRange } from './host-port-in-ephemeral-range.js'
import { invalidPort } from './invalid-port.js'
import { parseError } from './parse-error.js'
import { skippedFile } from './skipped-file.js'
import { inventoryDrift } from './inventory-drift.js'
import { duplicateKey } from './duplicate-key.js'
import { inputLimit } from './input-limit.js'
import { makeInvalidSuppression } from './invalid-suppression.js'
import { nodePortRange } from './node-port-range.js'
import { duplicateNodePort } from './duplicate-node-port.js'
import { serviceTargetPort } from './service-target-port.js'
import { probePort } from './probe-port.js'
import { ingressBackendPort } from './ingress-backend-port.js'
import { duplicateContainerPort } from './duplicate-container-port.js'
import { portName } from './port-name.js'
import { missingNetworkPolicy } from './missing-network-policy.js'

// Each rule has its own options type; the registry only needs the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>

export const RULES: readonly AnyRule[] = [
  duplicateHostPort,
  privilegedPort,
  privilegedContainerPort,
  portOutOfRange,
  hostNetworkPorts,
  fixedPortWithReplicas,
  unboundInterface,
  unquotedPort,
  hostPortInEphemeralRange,
  invalidPort,
  parseError,
  skippedFile,
  nodePortRange,
  duplicateNodePort,
  serviceTargetPort,
  probePort,
  ingressBackendPort,
  duplicateContainerPort,
  portName,
  missingNetworkPolicy,
  inventoryDrift,
  duplicateKey,
  inputLimit,
  makeInvalidSuppression((id) => ruleById(id) !== undefined)
]

export function ruleById(id: string): AnyRule | undefined {
  return RULES.find((rule) => rule.meta.id === id)
}
