// A port outside the range its team was given. Which range applies (first found wins):
//   Kubernetes: the namespace's range in the config (port-hygiene.yml, .github/port-ranges.json),
//               then the `port-range` annotation of the Namespace in the scanned manifests,
//               then the first path glob of the config matching the file;
//   Compose:    the project's range in the config, then the first matching path glob.
// The repository's config is what the reviewers own and changes in the same pull request as the
// manifests, so it overrides the annotation; the annotation still works with no config at all.
import { formatRange, type ObjectRef, type PortRange, type SourceLocation } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { hostClaim } from './shared/host-ports.js'
import { rangeResolver, type ApplicableRange } from './shared/ranges.js'
import { describeBinding, objectKey } from './shared/describe.js'
import { outOfRangeMessage } from './shared/messages.js'
import { choiceListOption } from '../config/options.js'

const TARGETS = ['service-port', 'node-port', 'host-port'] as const
type Target = (typeof TARGETS)[number]

export interface PortOutOfRangeOptions {
  /** Which ports are held to the range; Compose published ports count as `host-port`. */
  check: Target[]
}

export const portOutOfRange: Rule<PortOutOfRangeOptions> = {
  meta: {
    id: 'port-out-of-range',
    description: 'A port outside the range allowed for its namespace, path or Compose project.',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'a port outside a range the configuration declares for its namespace, path or Compose project: the repository declared the requirement',
        source: 'https://github.com/port-hygiene/port-hygiene/blob/main/docs/configuration.md'
      }
    ]
  },
  options: { check: choiceListOption(TARGETS, [...TARGETS]) },
  check(model, context) {
    const rangeOf = rangeResolver(context.ranges, model.namespaces)
    const wanted = new Set(context.options.check)
    const findings: RuleFinding[] = []
    const report = (finding: Omit<OutOfRange, 'range'>) => {
      const range = rangeOf(finding.object, finding.location.file)
      if (range && outside(finding.ports, range)) findings.push(toFinding({ ...finding, range }))
    }
    for (const service of model.services) {
      if (wanted.has('service-port') && service.port !== undefined) {
        report({
          what: `Service port ${service.port}`,
          kind: 'port',
          ports: { start: service.port, end: service.port },
          location: service.portLocation ?? service.location,
          object: service.object
        })
      }
      if (wanted.has('node-port') && service.nodePort !== undefined) {
        report({
          what: `nodePort ${service.nodePort}`,
          kind: 'nodePort',
          ports: { start: service.nodePort, end: service.nodePort },
          location: service.nodePortLocation ?? service.location,
          object: service.object
        })
      }
    }
    if (wanted.has('host-port')) {
      for (const binding of model.bindings) {
        const claim = hostClaim(binding)
        if (!claim) continue
        // Kubernetes names the container only (the finding's object is the workload), as the
        // admission policy can; Compose names the service and its project.
        const owner =
          binding.format === 'kubernetes'
            ? `${binding.containerKind} "${binding.container}"`
            : describeBinding(binding)
        const label =
          binding.format === 'compose' && !claim.viaHostNetwork ? 'Published port' : 'Host port'
        report({
          what: `${label} ${formatRange(claim.ports)} of ${owner}`,
          kind: `${binding.container}/host`,
          ports: claim.ports,
          location: claim.location,
          object: binding.object
        })
      }
    }
    return findings
  }
}

function outside(ports: PortRange, range: ApplicableRange): boolean {
  return ports.start < range.min || ports.end > range.max
}

interface OutOfRange {
  what: string
  /** Which port of the object, for the finding key. */
  kind: string
  ports: PortRange
  location: SourceLocation
  object: ObjectRef
  range: ApplicableRange
}

function toFinding(finding: OutOfRange): RuleFinding {
  return {
    // The admission policy's sentence (src/rules/shared/messages.ts); where the range is
    // declared is said by the rule's page and the config, not in every message.
    message: outOfRangeMessage(
      finding.what,
      String(finding.range.min),
      String(finding.range.max),
      finding.range.what
    ),
    location: finding.location,
    object: finding.object,
    key: `${objectKey(finding.object)}/${finding.kind}/${formatRange(finding.ports)}`
  }
}
