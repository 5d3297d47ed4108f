// A Compose port published without a host IP. Docker then listens on every interface of the
// host (0.0.0.0 and ::), and the rules it writes into iptables' nat table (DNAT in PREROUTING,
// then FORWARD) run before ufw's and firewalld's INPUT rules: `ufw deny 5432` does not stop
// anyone reaching the container (docs.docker.com/engine/network/packet-filtering-firewalls/,
// moby/moby#4737). A database or a remote shell published this way is on the internet of any
// host with a public address, so well-known sensitive ports are an error.
//
// A host IP written explicitly (even 0.0.0.0) is a choice someone made, and one given by a
// variable (`${BIND_ADDR:-127.0.0.1}:5432:5432`) is chosen per environment: both count as bound.
import { formatRange, type Fix, type PortBinding, type PortRange } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { portListOption } from '../config/options.js'
import { describeBinding, describeProtocol, objectKey } from './shared/describe.js'
import { portEntries } from './shared/entries.js'
import { maxOf, minOf } from '../append.js'

/** The services the default `sensitivePorts` name, for messages. */
const WELL_KNOWN: Record<number, string> = {
  22: 'SSH',
  23: 'Telnet',
  2375: 'the Docker API',
  2376: 'the Docker API (TLS)',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  6379: 'Redis',
  9200: 'Elasticsearch',
  11211: 'Memcached',
  27017: 'MongoDB'
}

export const DEFAULT_SENSITIVE_PORTS = Object.keys(WELL_KNOWN).map(Number)

export interface UnboundInterfaceOptions {
  /** Container or published ports reported as errors rather than warnings. */
  sensitivePorts: number[]
}

export const unboundInterface: Rule<UnboundInterfaceOptions> = {
  meta: {
    id: 'unbound-interface',
    description:
      'A Compose port published without a host IP, on every interface and past ufw/firewalld.',
    defaultSeverity: 'error'
  },
  options: { sensitivePorts: portListOption(DEFAULT_SENSITIVE_PORTS) },
  check(model, context) {
    const findings: RuleFinding[] = []
    for (const entry of portEntries(model.bindings)) {
      const binding = entry[0]!
      if (!listensEverywhere(binding)) continue
      const sensitive = entry
        .flatMap((each) => [each.containerPort, each.hostPort])
        .flatMap((range) => (range ? portsIn(range, context.options.sensitivePorts) : []))
      findings.push(toFinding(binding, entry, sensitive[0]))
    }
    return findings
  }
}

function listensEverywhere(binding: PortBinding): boolean {
  return (
    binding.format === 'compose' &&
    !binding.unresolved &&
    !binding.hostNetwork &&
    binding.hostPort !== undefined &&
    binding.hostIP === '' &&
    !binding.hostIPFromVariable
  )
}

function portsIn(range: PortRange, ports: readonly number[]): number[] {
  return ports.filter((port) => port >= range.start && port <= range.end)
}

function toFinding(
  binding: PortBinding,
  entry: PortBinding[],
  sensitivePort: number | undefined
): RuleFinding {
  const published = {
    start: minOf(entry.map((each) => each.hostPort!.start)),
    end: maxOf(entry.map((each) => each.hostPort!.end))
  }
  const port = `${formatRange(published)}/${describeProtocol(binding)}`
  const service =
    sensitivePort === undefined ? '' : ` (${WELL_KNOWN[sensitivePort] ?? `port ${sensitivePort}`})`
  const finding: RuleFinding = {
    message:
      `Published port ${port}${service} of ${describeBinding(binding)} has no host IP: Docker ` +
      'listens on every interface, and its iptables rules let traffic past ufw and firewalld; ' +
      `bind it to an address (${loopbackExample(binding)}) if only this host should reach it.`,
    location: binding.hostPortLocation ?? binding.location,
    object: binding.object,
    key: `${objectKey(binding.object)}/${formatRange(published)}/${binding.protocol}`,
    // Only the sensitive services are errors; everything else published everywhere is a warning.
    ...(sensitivePort === undefined ? { severity: 'warning' as const } : {})
  }
  const fix = bindToLoopback(binding)
  if (fix) finding.fix = fix
  return finding
}

function loopbackExample(binding: PortBinding): string {
  const tool = binding.object.format === 'compose' ? binding.object.devCluster?.tool : undefined
  if (tool === 'kind') return '`listenAddress: 127.0.0.1`'
  if (tool === 'k3d') return `"127.0.0.1:${binding.raw ?? ''}"`
  return binding.scalarStyle !== undefined && binding.raw
    ? `"127.0.0.1:${binding.raw}"`
    : '`host_ip: 127.0.0.1`'
}

/** Short syntax written at the entry: insert `127.0.0.1:` in front, inside the quotes if any. */
function bindToLoopback(binding: PortBinding): Fix | undefined {
  if (binding.scalarStyle === undefined) return undefined
  const { file, line, column } = binding.location
  const at = column + (binding.scalarStyle === 'quoted' ? 1 : 0)
  return {
    description: 'Publish on the loopback interface only',
    location: { file, line, column: at, endLine: line, endColumn: at },
    replacement: '127.0.0.1:'
  }
}
