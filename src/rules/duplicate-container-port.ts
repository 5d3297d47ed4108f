// The API server's warnings about the ports of one pod (pkg/api/pod/warnings.go,
// warningsForPodSpecAndMeta), offline and in its words. Every container of the pod is visited
// (init containers, then containers, as pods.VisitContainersWithPath does) and ports are keyed on
// containerPort/protocol:
// - the same hostIP and hostPort again: "duplicate port definition with …";
// - one of them without hostPort: "overlapping port definition with …" (redundant, odd);
// - the same hostPort, one with and one without hostIP: "dangerously ambiguous port definition
//   with …" (which address wins is undefined);
// - a hostIP without a hostPort does nothing: "hostIP set without hostPort: {…}".
import {
  describeObject,
  type ContainerKind,
  type ContainerSpec,
  type DeclaredPort
} from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { objectKey } from './shared/describe.js'
import { podsOf } from './shared/containers.js'

/** pods.VisitContainersWithPath order. */
const VISIT_ORDER: Record<ContainerKind, number> = {
  initContainer: 0,
  sidecar: 0,
  container: 1,
  ephemeralContainer: 2
}

export function inVisitOrder(containers: readonly ContainerSpec[]): ContainerSpec[] {
  return [...containers].sort((a, b) => VISIT_ORDER[a.kind] - VISIT_ORDER[b.kind])
}

export const duplicateContainerPort: Rule = {
  meta: {
    id: 'duplicate-container-port',
    description:
      'Ports of one pod that the API server warns about: duplicate, overlapping or ambiguous definitions, hostIP without hostPort.',
    defaultSeverity: 'warning',
    cases: [
      {
        severity: 'warning',
        when: 'ports of one pod the API server accepts with a warning: duplicate, overlapping or ambiguous definitions, hostIP without hostPort',
        source: 'https://github.com/kubernetes/kubernetes/blob/master/pkg/api/pod/warnings.go'
      }
    ]
  },
  options: {},
  check(model) {
    const findings: RuleFinding[] = []
    for (const pod of podsOf(model.containers)) findings.push(...podWarnings(inVisitOrder(pod)))
    return findings
  }
}

/** `{Name:http HostPort:0 ContainerPort:80 Protocol:TCP HostIP:10.0.0.1}` — Go's %+v of the port. */
function goValue(port: DeclaredPort): string {
  return `{Name:${port.name ?? ''} HostPort:${port.hostPort} ContainerPort:${port.containerPort} Protocol:${port.protocol} HostIP:${port.hostIP}}`
}

function podWarnings(containers: readonly ContainerSpec[]): RuleFinding[] {
  const findings: RuleFinding[] = []
  const seen = new Map<string, DeclaredPort[]>()
  for (const container of containers) {
    const prefix = `${describeObject(container.object, [`${container.kind} "${container.name}"`])}: `
    const report = (port: DeclaredPort, text: string, kind: string, other?: DeclaredPort) => {
      findings.push({
        message: `${prefix}${text}${other ? ` (line ${other.location.line})` : ''}`,
        location: port.location,
        ...(other
          ? {
              related: [
                { location: other.location, message: `the other definition, ${other.fieldPath}` }
              ]
            }
          : {}),
        object: container.object,
        key: `${objectKey(container.object)}/${port.fieldPath}/${kind}/${other?.fieldPath ?? ''}`
      })
    }
    for (const port of container.ports) {
      if (port.hostIP !== '' && port.hostPort === 0) {
        report(port, `${port.fieldPath}: hostIP set without hostPort: ${goValue(port)}`, 'host-ip')
      }
      const key = `${port.containerPort}/${port.protocol}`
      const others = seen.get(key) ?? []
      for (const other of others) {
        const kind = classify(port, other)
        if (kind)
          report(
            port,
            `${port.fieldPath}: ${kind} port definition with ${other.fieldPath}`,
            kind,
            other
          )
      }
      seen.set(key, [...others, port])
    }
  }
  return findings
}

function classify(port: DeclaredPort, other: DeclaredPort): string | undefined {
  if (port.hostIP === other.hostIP && port.hostPort === other.hostPort) return 'duplicate'
  if (port.hostPort === 0 || other.hostPort === 0) return 'overlapping'
  const oneWithoutIP = (port.hostIP === '') !== (other.hostIP === '')
  if (port.hostPort === other.hostPort && oneWithoutIP) return 'dangerously ambiguous'
  return undefined
}
