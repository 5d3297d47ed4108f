// A container port below 1024 that a non-root process cannot bind: the container does not add
// NET_BIND_SERVICE and nothing lowers net.ipv4.ip_unprivileged_port_start below the port.
// A warning by design: a process running as root (with the runtime's default capabilities)
// binds it fine, and the model cannot see which user the image runs as.
import { formatRange, type PortBinding } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { describeBinding, describeProtocol, objectKey } from './shared/describe.js'
import { booleanOption, portListOption } from '../config/options.js'
import { FIRST_UNPRIVILEGED_PORT } from './privileged-port.js'

export interface PrivilegedContainerPortOptions {
  /** Container ports never reported. */
  allow: number[]
  /**
   * Docker Engine 20.10+ sets `net.ipv4.ip_unprivileged_port_start=0` in every container that
   * has its own network namespace (moby/moby#41030), so any user binds any port there. When
   * true, Compose services are only checked under `network_mode: host`.
   */
  assumeDockerDefaults: boolean
}

const CAPABILITIES_THAT_BIND = ['NET_BIND_SERVICE', 'ALL']

export const privilegedContainerPort: Rule<PrivilegedContainerPortOptions> = {
  meta: {
    id: 'privileged-container-port',
    description:
      'A container port below 1024 without NET_BIND_SERVICE or a lower ip_unprivileged_port_start.',
    defaultSeverity: 'warning'
  },
  options: { allow: portListOption(), assumeDockerDefaults: booleanOption(true) },
  check(model, context) {
    const findings: RuleFinding[] = []
    for (const binding of model.bindings) {
      if (binding.unresolved || !binding.containerPort) continue
      const port = binding.containerPort.start
      if (port >= FIRST_UNPRIVILEGED_PORT || context.options.allow.includes(port)) continue
      if (canBindBelow1024(binding)) continue
      const start = unprivilegedPortStart(binding, context.options.assumeDockerDefaults)
      if (start !== undefined && start <= port) continue
      findings.push(toFinding(binding))
    }
    return findings
  }
}

/** The loaders already normalise capability names (upper case, no `CAP_` prefix). */
function canBindBelow1024(binding: PortBinding): boolean {
  return binding.addedCapabilities.some((capability) => CAPABILITIES_THAT_BIND.includes(capability))
}

/** The sysctl as set, or Docker's default for a Compose service with its own network namespace. */
function unprivilegedPortStart(
  binding: PortBinding,
  assumeDockerDefaults: boolean
): number | undefined {
  if (binding.unprivilegedPortStart !== undefined) return binding.unprivilegedPortStart
  if (binding.format === 'compose' && !binding.hostNetwork && assumeDockerDefaults) return 0
  return undefined
}

function toFinding(binding: PortBinding): RuleFinding {
  const port = `${formatRange(binding.containerPort!)}/${describeProtocol(binding)}`
  const fix =
    binding.format === 'kubernetes'
      ? 'add NET_BIND_SERVICE to securityContext.capabilities.add, set the pod sysctl ' +
        'net.ipv4.ip_unprivileged_port_start, or listen on a port of 1024 or above'
      : 'add NET_BIND_SERVICE to cap_add, or listen on a port of 1024 or above'
  return {
    message:
      `Container port ${port} of ${describeBinding(binding)} is below ${FIRST_UNPRIVILEGED_PORT} ` +
      'and the container does not add NET_BIND_SERVICE: a process that does not run as root ' +
      `cannot bind it; ${fix}.`,
    location: binding.containerPortLocation ?? binding.location,
    object: binding.object,
    key: [
      objectKey(binding.object),
      binding.container,
      formatRange(binding.containerPort!),
      binding.protocol.toLowerCase()
    ].join('/')
  }
}
