// A container port below 1024 that the process will fail to bind: the manifest says it runs as
// a non-root user, on Linux, and nothing lets that user bind below 1024 — neither
// net.ipv4.ip_unprivileged_port_start (set on the pod, or lowered by the runtime in the
// container's own network namespace) nor a capability that is effective for that user.
// Facts and sources: docs/rules/privileged-container-port.md.
import { formatRange, type PortBinding } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { describeBinding, describeProtocol, objectKey } from './shared/describe.js'
import {
  OptionError,
  fail,
  portListOption,
  type OptionPath,
  type OptionSpec
} from '../config/options.js'
import { FIRST_UNPRIVILEGED_PORT } from './privileged-port.js'

/** What the runtime sets in a container's own network namespace when the manifest sets nothing. */
export interface UnprivilegedPortStart {
  /**
   * 1024, the kernel default: Kubernetes sets nothing, nor do containerd 1.x and CRI-O.
   * containerd 2.0, kind, k3s and minikube lower it to 0: set 0 there.
   */
  kubernetes: number
  /** 0: Docker Engine 20.10+ (moby/moby#41030). Set 1024 for older engines. */
  compose: number
}

export interface PrivilegedContainerPortOptions {
  /** Container ports never reported. */
  allow: number[]
  unprivilegedPortStart: UnprivilegedPortStart
}

const CAPABILITIES_THAT_BIND = ['NET_BIND_SERVICE', 'ALL']
const KERNEL_DEFAULT = FIRST_UNPRIVILEGED_PORT

export const privilegedContainerPort: Rule<PrivilegedContainerPortOptions> = {
  meta: {
    id: 'privileged-container-port',
    description: 'A non-root container that listens below 1024 with nothing that lets it bind.',
    defaultSeverity: 'warning',
    cases: [
      {
        severity: 'warning',
        when: 'a non-root container listening below 1024 without NET_BIND_SERVICE or a lowered ip_unprivileged_port_start: the bind fails unless the runtime lowers the sysctl for it (Docker 20.10 and later do)',
        source: 'https://man7.org/linux/man-pages/man7/capabilities.7.html'
      }
    ]
  },
  options: { allow: portListOption(), unprivilegedPortStart: unprivilegedPortStartOption() },
  check(model, context) {
    const findings: RuleFinding[] = []
    for (const binding of model.bindings) {
      if (binding.unresolved || !binding.containerPort) continue
      const port = binding.containerPort.start
      if (port >= FIRST_UNPRIVILEGED_PORT || context.options.allow.includes(port)) continue
      // Linux capabilities and sysctls do not apply to Windows containers; root binds anyway;
      // and when the manifest does not say, the image's USER decides, which we cannot see.
      if (binding.windows || binding.runsAs !== 'non-root') continue
      const start = effectiveStart(binding, context.options.unprivilegedPortStart)
      if (start.value <= port) continue
      if (addsBindCapability(binding)) continue
      findings.push(toFinding(binding, start))
    }
    return findings
  }
}

function unprivilegedPortStartOption(): OptionSpec<UnprivilegedPortStart> {
  const accepts = 'a map with kubernetes and/or compose, each a number from 0 to 65535'
  const defaults: UnprivilegedPortStart = { kubernetes: KERNEL_DEFAULT, compose: 0 }
  return {
    accepts,
    default: defaults,
    parse(value: unknown, path: OptionPath): UnprivilegedPortStart {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        fail(path, accepts, value)
      const record = value as Record<string, unknown>
      for (const key of Object.keys(record)) {
        if (key !== 'kubernetes' && key !== 'compose')
          throw new OptionError(
            [...path, key],
            'is not a known option; expected kubernetes or compose',
            'key'
          )
      }
      const start = (key: 'kubernetes' | 'compose'): number => {
        const item = record[key]
        if (item === undefined) return defaults[key]
        if (typeof item !== 'number' || !Number.isInteger(item) || item < 0 || item > 65535)
          fail([...path, key], 'a number from 0 to 65535', item)
        return item
      }
      return { kubernetes: start('kubernetes'), compose: start('compose') }
    }
  }
}

/** Where the first unprivileged port comes from, for the message. */
interface Start {
  value: number
  source: 'pod' | 'host' | 'runtime'
}

/**
 * A pod sysctl applies in the pod's network namespace. Host networking shares the node's
 * namespace: the node's value applies (the kubelet refuses namespaced net sysctls there, and
 * neither Docker nor containerd lower it), taken as the kernel default. Otherwise the runtime's
 * default for a new network namespace.
 */
function effectiveStart(binding: PortBinding, defaults: UnprivilegedPortStart): Start {
  if (binding.hostNetwork) return { value: KERNEL_DEFAULT, source: 'host' }
  if (binding.unprivilegedPortStart !== undefined) {
    return { value: binding.unprivilegedPortStart, source: 'pod' }
  }
  return { value: defaults[binding.format], source: 'runtime' }
}

/**
 * For a non-root user an added capability lands in the bounding and permitted sets but not in
 * the effective one: neither Kubernetes nor Docker set ambient capabilities
 * (kubernetes/kubernetes#56374, KEP kubernetes/enhancements#2763, moby/moby#8460). It becomes
 * effective through a file capability on the executable (`setcap cap_net_bind_service=+ep`),
 * which images meant to run this way ship (ingress-nginx, Caddy). Adding the capability says the
 * image is built for it, so it counts as effective; the manifest cannot show the file capability.
 */
function addsBindCapability(binding: PortBinding): boolean {
  return binding.addedCapabilities.some((name) => CAPABILITIES_THAT_BIND.includes(name))
}

function toFinding(binding: PortBinding, start: Start): RuleFinding {
  const port = formatRange(binding.containerPort!)
  const why =
    start.source === 'host'
      ? binding.format === 'kubernetes'
        ? "in a hostNetwork pod the node's net.ipv4.ip_unprivileged_port_start applies (1024 by default)"
        : "under network_mode: host the host's net.ipv4.ip_unprivileged_port_start applies (1024 by default)"
      : start.source === 'pod'
        ? `the pod sets net.ipv4.ip_unprivileged_port_start to ${start.value}, above the port`
        : binding.format === 'kubernetes'
          ? `Kubernetes leaves net.ipv4.ip_unprivileged_port_start at ${start.value}, and an added ` +
            'NET_BIND_SERVICE is not effective for a non-root user'
          : `the engine's net.ipv4.ip_unprivileged_port_start is ${start.value} (option unprivilegedPortStart.compose)`
  return {
    message:
      `Container port ${port}/${describeProtocol(binding)} of ${describeBinding(binding)} is below ` +
      `${FIRST_UNPRIVILEGED_PORT} and the process runs as a non-root user, so the bind fails: ` +
      `${why}. ${fixFor(binding, port)}.`,
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

/** What works, and only that. */
function fixFor(binding: PortBinding, port: string): string {
  const listen = 'listen on a port of 1024 or above'
  const start = binding.containerPort!.start
  if (binding.format === 'kubernetes') {
    return binding.hostNetwork
      ? `Fix: ${listen}, or leave host networking and set the pod sysctl net.ipv4.ip_unprivileged_port_start to ${start}`
      : `Fix: set the pod sysctl net.ipv4.ip_unprivileged_port_start to ${start} or lower (a safe sysctl ` +
          `since Kubernetes 1.22), or ${listen} and let the Service map port ${port} to it`
  }
  return binding.hostNetwork
    ? `Fix: publish the port instead of using network_mode: host (the engine lets any user bind it in ` +
        `the container's own network namespace), or ${listen}`
    : `Fix: set sysctls: net.ipv4.ip_unprivileged_port_start: ${start} on the service, or ${listen}`
}
