// Compose `ports:` on a service with `network_mode: host`. The container shares the host's
// network stack, so there is nothing to map: Docker Engine discards the ports with a warning
// ("Published ports are discarded when using host network mode", docs.docker.com/engine/network/
// drivers/host), and docker-compose 1.28+ / docker-py refuse the service outright ("host"
// network_mode is incompatible with port_bindings, docker/docker-py#2511). Either way the file
// says something that is not true: the ports listed are not what the service binds.
import { describeObject, type Fix, type PortBinding } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { objectKey, shortLocation } from './shared/describe.js'

export const hostNetworkPorts: Rule = {
  meta: {
    id: 'host-network-ports',
    description:
      'Compose ports on a service with network_mode: host, where Docker discards or refuses them.',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'ports on a service with network_mode: host: Docker discards them (or refuses a published port that differs from the target), so they do not work as written',
        source: 'https://docs.docker.com/engine/network/drivers/host/'
      }
    ]
  },
  options: {},
  check(model) {
    const findings: RuleFinding[] = []
    // One finding per `ports:` list (a base file and its override may each have one).
    const seen = new Set<string>()
    for (const binding of model.bindings) {
      if (binding.format !== 'compose' || !binding.hostNetwork || !binding.portsLocation) continue
      const list = binding.portsLocation
      const key = `${objectKey(binding.object)}/${list.file}:${list.line}`
      if (seen.has(key)) continue
      seen.add(key)
      findings.push(toFinding(binding, list))
    }
    return findings
  }
}

function toFinding(
  binding: PortBinding,
  list: NonNullable<PortBinding['portsLocation']>
): RuleFinding {
  const where = binding.networkModeLocation
  const finding: RuleFinding = {
    message:
      `${capitalise(describeObject(binding.object))} lists ports but runs with network_mode: host` +
      (where && where.file !== list.file ? ` (set in ${shortLocation(where)})` : '') +
      ': the container uses the host network directly, so Docker discards these ports ' +
      '(docker-compose 1.x refuses to start the service); remove `ports:` — the service listens on ' +
      'the host on its own ports — or drop network_mode: host.',
    location: { file: list.file, line: list.line, column: list.column },
    object: binding.object,
    key: `${objectKey(binding.object)}/ports`
  }
  if (where) finding.related = [{ location: where, message: 'network_mode: host is set here' }]
  const fix = removeLines(list)
  if (fix) finding.fix = fix
  return finding
}

/**
 * Removes the `ports:` key and its list, whole lines. Only offered when the key is the first
 * thing on its line in block style (the column of a block mapping key is its indentation).
 */
function removeLines(list: NonNullable<PortBinding['portsLocation']>): Fix | undefined {
  if (list.endLine === undefined) return undefined
  // The end of a block list is the start of the next line; of a flow list, its closing bracket.
  const endsAtLineStart = list.endColumn === 1
  const lastLine = endsAtLineStart ? list.endLine - 1 : list.endLine
  return {
    description: 'Remove `ports:` (ignored under network_mode: host)',
    location: { file: list.file, line: list.line, column: 1, endLine: lastLine + 1, endColumn: 1 },
    replacement: ''
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
