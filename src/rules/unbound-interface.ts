// A Compose port published without a host IP. Docker then listens on every interface of the
// host (0.0.0.0 and ::), and the rules it writes into iptables' nat table (DNAT in PREROUTING,
// then FORWARD) run before ufw's and firewalld's INPUT rules: `ufw deny 6379` does not stop
// anyone reaching the container (docs.docker.com/engine/network/packet-filtering-firewalls/,
// moby/moby#4737). A container port alone (`- "3200"`) is published too, on an ephemeral host
// port of every interface.
//
// Most published ports are meant to be reached (a web app in a dev stack, a site's entry point),
// so the calibration is: a warning only for a service that answers anyone by default and is
// dangerous once reachable (shared/exposed-services.ts, recognised by port and image), a notice
// for the rest, nothing for 80/443 or a reverse proxy, whose purpose is to be public. Never an
// error by default: the manifest works as written.
//
// A host IP written explicitly (even 0.0.0.0) is a choice someone made, and one given by a
// variable (`${BIND_ADDR:-127.0.0.1}:5432:5432`) is chosen per environment: both count as bound.
import path from 'node:path'
import { formatRange, type Fix, type PortBinding, type PortRange } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { portListOption } from '../config/options.js'
import { describeBinding, describeProtocol, objectKey } from './shared/describe.js'
import { portEntries } from './shared/entries.js'
import { maxOf, minOf } from '../append.js'
import { imageIsOneOf } from './shared/images.js'
import { EXPOSED_SERVICES, PUBLIC_IMAGES, type ExposedService } from './shared/exposed-services.js'

/** Published ports that are a site's entry points: never reported. */
export const WEB_PORTS: readonly number[] = [80, 443]

export interface UnboundInterfaceOptions {
  /** Container or published ports that are warnings whatever the image (besides the shipped list). */
  sensitivePorts: number[]
}

export const unboundInterface: Rule<UnboundInterfaceOptions> = {
  meta: {
    id: 'unbound-interface',
    description:
      'A Compose port published without a host IP, on every interface and past ufw/firewalld.',
    defaultSeverity: 'warning',
    cases: [
      {
        severity: 'warning',
        when: 'a service that answers without authentication by default and is dangerous when reachable (Redis, Memcached, Elasticsearch/OpenSearch, MongoDB, etcd, the Docker API, debuggers), recognised by container port and image, or a port of `sensitivePorts`',
        source: 'https://docs.docker.com/engine/network/packet-filtering-firewalls/'
      },
      {
        severity: 'notice',
        when: 'any other port published on every interface, a container port alone (ephemeral host port) included',
        source: 'https://docs.docker.com/reference/compose-file/services/#ports'
      }
    ]
  },
  options: { sensitivePorts: portListOption([]) },
  check(model, context) {
    const findings: RuleFinding[] = []
    for (const entry of portEntries(model.bindings)) {
      const binding = entry[0]!
      if (!listensEverywhere(binding) || isPublicByPurpose(entry)) continue
      findings.push(toFinding(binding, entry, dangerOf(entry, context.options.sensitivePorts)))
    }
    return findings
  }
}

function listensEverywhere(binding: PortBinding): boolean {
  return (
    binding.format === 'compose' &&
    !binding.unresolved &&
    !binding.hostNetwork &&
    (binding.hostPort !== undefined || binding.containerPort !== undefined) &&
    binding.hostIP === '' &&
    !binding.hostIPFromVariable
  )
}

/** 80/443 on the host (or in the container, for a container port alone), or a reverse proxy. */
function isPublicByPurpose(entry: PortBinding[]): boolean {
  if (imageIsOneOf(entry[0]!.image, PUBLIC_IMAGES)) return true
  return entry.some((binding) => {
    const facing = binding.hostPort ?? binding.containerPort
    return facing !== undefined && WEB_PORTS.some((port) => inRange(port, facing))
  })
}

type Danger = { service: ExposedService } | { configuredPort: number }

function dangerOf(entry: PortBinding[], sensitivePorts: readonly number[]): Danger | undefined {
  const image = entry[0]!.image
  const containerPorts = entry.flatMap((each) => (each.containerPort ? [each.containerPort] : []))
  const service = EXPOSED_SERVICES.find(
    (candidate) =>
      candidate.ports.some((port) => containerPorts.some((range) => inRange(port, range))) &&
      (candidate.images === undefined || imageIsOneOf(image, candidate.images))
  )
  if (service) return { service }
  const ranges = entry.flatMap((each) => [each.containerPort, each.hostPort])
  const configured = sensitivePorts.find((port) =>
    ranges.some((range) => range !== undefined && inRange(port, range))
  )
  return configured === undefined ? undefined : { configuredPort: configured }
}

function inRange(port: number, range: PortRange): boolean {
  return port >= range.start && port <= range.end
}

function toFinding(
  binding: PortBinding,
  entry: PortBinding[],
  danger: Danger | undefined
): RuleFinding {
  const published = spanOf(entry.map((each) => each.hostPort))
  const target = spanOf(entry.map((each) => each.containerPort))
  const protocol = describeProtocol(binding)
  const what = danger === undefined ? '' : ` (${describeDanger(danger)})`
  const subject = published
    ? `Published port ${formatRange(published)}/${protocol}${what} of ${describeBinding(binding)} has no host IP`
    : `Container port ${formatRange(target!)}/${protocol}${what} of ${describeBinding(binding)} is published on an ephemeral host port with no host IP`
  const finding: RuleFinding = {
    message:
      `${subject}: Docker listens on every interface, and its iptables rules let traffic past ` +
      `ufw and firewalld; ${advice(binding)}`,
    location: binding.hostPortLocation ?? binding.location,
    object: binding.object,
    key: `${objectKey(binding.object)}/${published ? formatRange(published) : `ephemeral:${formatRange(target!)}`}/${binding.protocol}`,
    // Only the dangerous services keep the rule's severity; everything else is a notice.
    ...(danger === undefined ? { severity: 'notice' as const } : {})
  }
  const fix = fixable(binding) ? bindToLoopback(binding) : undefined
  if (fix) finding.fix = fix
  return finding
}

function spanOf(ranges: Array<PortRange | undefined>): PortRange | undefined {
  const known = ranges.filter((range): range is PortRange => range !== undefined)
  if (known.length === 0) return undefined
  return {
    start: minOf(known.map((range) => range.start)),
    end: maxOf(known.map((range) => range.end))
  }
}

function describeDanger(danger: Danger): string {
  if ('configuredPort' in danger) return `port ${danger.configuredPort}, listed in sensitivePorts`
  return `${danger.service.name}, which ${danger.service.reason}`
}

/**
 * `docker stack deploy` ignores the host IP of a published port (moby/moby#32299): a service
 * written with Swarm-only `deploy` keys, or in a file named as a stack (`docker-stack.yml`,
 * `stack.yaml`), gets no loopback advice that would do nothing there.
 */
export function inSwarmStack(binding: PortBinding): boolean {
  if (binding.swarmDeploy) return true
  const name = path.posix.basename(binding.location.file).toLowerCase()
  return /(^|[-_.])stack[-_.]/.test(name)
}

/**
 * The variable the host side is written with (`${WEB_PORT:-8080}:80` → WEB_PORT; `${PORT}`
 * alone), which may hold an address as well as a port (`WEB_PORT=127.0.0.1:8080`): prefixing
 * `127.0.0.1:` to it would be wrong. Undefined when the host side is written literally.
 */
export function hostVariable(binding: PortBinding): string | undefined {
  const raw = binding.raw
  if (binding.scalarStyle === undefined || !raw?.includes('$')) return undefined
  // Colons inside `${VAR:-default}` are not separators: blank them out before splitting.
  const masked = raw.replace(/\$\{[^}]*\}/g, (text) => text.replace(/:/g, ' '))
  const withoutProtocol = masked.split('/')[0]!
  const separator = withoutProtocol.lastIndexOf(':')
  const hostSide = separator === -1 ? raw : raw.slice(0, separator)
  const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(hostSide)
  return variable?.[1]
}

function fixable(binding: PortBinding): boolean {
  return (
    binding.scalarStyle !== undefined &&
    binding.raw !== undefined &&
    // Written again elsewhere (an override, an overlay): binding one line to loopback would
    // leave the other on every interface, two bindings of one port that conflict.
    binding.alsoWrittenAt === undefined &&
    (devClusterTool(binding) !== undefined ||
      (!inSwarmStack(binding) && hostVariable(binding) === undefined))
  )
}

/** The loopback spelling of this entry: `127.0.0.1:6379:6379`, `127.0.0.1::3200` for a container port alone. */
function loopbackSpec(binding: PortBinding, address: string): string {
  return binding.hostPort ? `${address}:${binding.raw}` : `${address}::${binding.raw}`
}

/** kind or k3d, for a host binding of a dev-cluster config (they are read as Compose). */
function devClusterTool(binding: PortBinding): 'kind' | 'k3d' | undefined {
  return binding.object.format === 'compose' ? binding.object.devCluster?.tool : undefined
}

function advice(binding: PortBinding): string {
  // A dev-cluster config is no Compose file: its own words, no swarm or variable cases.
  const tool = devClusterTool(binding)
  if (tool === 'kind')
    return 'bind it to an address (`listenAddress: 127.0.0.1`) if only this host should reach it.'
  if (tool === 'k3d')
    return `bind it to an address ("127.0.0.1:${binding.raw ?? ''}") if only this host should reach it.`
  if (inSwarmStack(binding)) {
    return (
      'in a Swarm stack the host IP is ignored (moby/moby#32299), so binding an address does ' +
      'not help: leave the port unpublished if only other services need it, or filter it in ' +
      "Docker's DOCKER-USER chain."
    )
  }
  const variable = hostVariable(binding)
  if (variable !== undefined) {
    const example = binding.hostPort
      ? `127.0.0.1:${formatRange(binding.hostPort)}`
      : `127.0.0.1::${formatRange(binding.containerPort!)}`
    return (
      `its host side comes from \${${variable}}, which may carry an address: set it to one ` +
      `(${variable}=${example}) if only this host should reach it.`
    )
  }
  if (binding.scalarStyle !== undefined && binding.raw) {
    return (
      `bind it to loopback ("${loopbackSpec(binding, '127.0.0.1')}", plus ` +
      `"${loopbackSpec(binding, '[::1]')}" for IPv6) if only this host should reach it.`
    )
  }
  return (
    'bind it to loopback (`host_ip: 127.0.0.1`, plus the same entry with `host_ip: "::1"` ' +
    'for IPv6) if only this host should reach it.'
  )
}

/**
 * Short syntax written at the entry: insert `127.0.0.1:` (`127.0.0.1::` before a container port
 * alone) in front, inside the quotes if any. One region can hold one entry, so the IPv6 entry is
 * in the description: a `[::1]` entry the fix added would fail to start on a host without IPv6.
 */
function bindToLoopback(binding: PortBinding): Fix {
  const { file, line, column } = binding.location
  const at = column + (binding.scalarStyle === 'quoted' ? 1 : 0)
  const prefix = binding.hostPort ? '127.0.0.1:' : '127.0.0.1::'
  return {
    description:
      devClusterTool(binding) !== undefined
        ? 'Publish on the loopback interface only'
        : `Publish on the IPv4 loopback only; add "${loopbackSpec(binding, '[::1]')}" as well ` +
          'for clients that resolve localhost to ::1',
    location: { file, line, column: at, endLine: line, endColumn: at },
    replacement: prefix
  }
}
