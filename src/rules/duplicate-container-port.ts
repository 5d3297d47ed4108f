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
import { append } from '../append.js'

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
    for (const pod of podsOf(model.containers)) {
      for (const finding of podWarnings(inVisitOrder(pod))) findings.push(finding)
    }
    return findings
  }
}

/** `{Name:http HostPort:0 ContainerPort:80 Protocol:TCP HostIP:10.0.0.1}` — Go's %+v of the port. */
function goValue(port: DeclaredPort): string {
  return `{Name:${port.name ?? ''} HostPort:${port.hostPort} ContainerPort:${port.containerPort} Protocol:${port.protocol} HostIP:${port.hostIP}}`
}

function podWarnings(containers: readonly ContainerSpec[]): RuleFinding[] {
  const findings: RuleFinding[] = []
  const seen = new Map<string, SeenPorts>()
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
      let seenPorts = seen.get(key)
      if (!seenPorts) seen.set(key, (seenPorts = new SeenPorts()))
      for (const other of seenPorts.candidates(port)) {
        const kind = classify(port, other)
        if (kind)
          report(
            port,
            `${port.fieldPath}: ${kind} port definition with ${other.fieldPath}`,
            kind,
            other
          )
      }
      seenPorts.add(port)
    }
  }
  return findings
}

/**
 * The API server compares every pair of a pod's ports with the same containerPort/protocol; a pod
 * with 120,000 ports on one line made that 7 × 10⁹ comparisons and billions of findings. Each
 * port is compared here with the first MAX_PER_KIND earlier definitions of each kind it can have
 * (duplicate, overlapping, dangerously ambiguous), found through indexes: the same findings as
 * the API server for any pod with fewer such definitions, and linear work and output beyond.
 */
export const MAX_PER_KIND = 8

class SeenPorts {
  private count = 0
  private readonly order = new Map<DeclaredPort, number>()
  /** Same hostIP and hostPort ("slot"), in first-seen order of the slots. */
  private readonly bySlot = new Map<string, DeclaredPort[]>()
  /** hostPort 0, any hostIP. */
  private readonly withoutHostPort: DeclaredPort[] = []
  /** By hostPort (not 0): those with a hostIP, and those without. */
  private readonly withIP = new Map<number, DeclaredPort[]>()
  private readonly withoutIP = new Map<number, DeclaredPort[]>()

  add(port: DeclaredPort): void {
    this.order.set(port, this.count++)
    keep(this.bySlot, slotOf(port), port)
    if (port.hostPort === 0) {
      if (this.withoutHostPort.length < MAX_PER_KIND) this.withoutHostPort.push(port)
    } else keep(port.hostIP === '' ? this.withoutIP : this.withIP, port.hostPort, port)
  }

  /** The earlier ports `port` is compared with, in the order they were seen. */
  candidates(port: DeclaredPort): DeclaredPort[] {
    const own = slotOf(port)
    const found = [...(this.bySlot.get(own) ?? [])]
    if (port.hostPort === 0) {
      // Overlapping with every other slot: the first MAX_PER_KIND ports outside its own are among
      // the first MAX_PER_KIND + 1 slots seen.
      const others: DeclaredPort[] = []
      let slots = 0
      for (const [slot, ports] of this.bySlot) {
        if (slot === own) continue
        append(others, ports)
        if (++slots > MAX_PER_KIND) break
      }
      append(found, this.earliest(others))
    } else {
      append(found, this.withoutHostPort)
      const ambiguous = (port.hostIP === '' ? this.withIP : this.withoutIP).get(port.hostPort)
      if (ambiguous) append(found, ambiguous)
    }
    return this.earliest(found, found.length)
  }

  private earliest(ports: DeclaredPort[], limit = MAX_PER_KIND): DeclaredPort[] {
    return ports.sort((a, b) => this.order.get(a)! - this.order.get(b)!).slice(0, limit)
  }
}

function slotOf(port: DeclaredPort): string {
  return `${port.hostIP}|${port.hostPort}`
}

function keep<K>(index: Map<K, DeclaredPort[]>, key: K, port: DeclaredPort): void {
  const ports = index.get(key)
  if (!ports) index.set(key, [port])
  else if (ports.length < MAX_PER_KIND) ports.push(port)
}

function classify(port: DeclaredPort, other: DeclaredPort): string | undefined {
  if (port.hostIP === other.hostIP && port.hostPort === other.hostPort) return 'duplicate'
  if (port.hostPort === 0 || other.hostPort === 0) return 'overlapping'
  const oneWithoutIP = (port.hostIP === '') !== (other.hostIP === '')
  if (port.hostPort === other.hostPort && oneWithoutIP) return 'dangerously ambiguous'
  return undefined
}
