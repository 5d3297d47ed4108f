// A probe aimed at a port its container does not declare. The kubelet resolves a named probe
// port among the ports of the probe's own container (findPortByName in pkg/kubelet/prober); an
// unknown name fails every probe ("couldn't find port"), so a liveness probe restarts the
// container forever and a readiness probe keeps it out of every Service. A numeric port is used
// as written (declared ports are informational), so an undeclared one is a notice.
import { describeObject, type ContainerSpec, type ProbePort } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { objectKey } from './shared/describe.js'
import { describeDeclaredPorts } from './shared/containers.js'

export const probePort: Rule = {
  meta: {
    id: 'probe-port',
    description: 'A liveness, readiness or startup probe on a port its container does not declare.',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'a probe on a named port its container does not declare: the probe can never succeed',
        source:
          'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'
      },
      {
        severity: 'notice',
        when: 'a probe on a numeric port its container does not declare (declaring is optional)',
        source:
          'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports'
      }
    ]
  },
  options: {},
  check(model) {
    const findings: RuleFinding[] = []
    for (const container of model.containers) {
      if (container.portsUnknown) continue
      for (const probe of container.probes) {
        const finding =
          typeof probe.port === 'string'
            ? namedProbeFinding(container, probe, probe.port)
            : numericProbeFinding(container, probe, probe.port)
        if (finding) findings.push(finding)
      }
    }
    return findings
  }
}

function where(container: ContainerSpec, probe: ProbePort): string {
  return `${probe.probe} (${probe.handler}) of ${describeObject(container.object, [`${container.kind} "${container.name}"`])}`
}

function namedProbeFinding(
  container: ContainerSpec,
  probe: ProbePort,
  name: string
): RuleFinding | undefined {
  if (container.ports.some((port) => port.name === name)) return undefined
  const consequence =
    probe.probe === 'livenessProbe'
      ? 'the kubelet cannot resolve it, every probe fails and the container is restarted over and over'
      : probe.probe === 'readinessProbe'
        ? 'the kubelet cannot resolve it, every probe fails and the pod never becomes ready'
        : 'the kubelet cannot resolve it, the startup probe never succeeds and the container is killed'
  return {
    message:
      `${where(container, probe)}: port "${name}" is not a port name of this container ` +
      `(its ports: ${describeDeclaredPorts(container.ports)}); ${consequence}. Name the container port "${name}" or probe a declared one.`,
    location: probe.location,
    object: container.object,
    key: `${objectKey(container.object)}/${container.name}/${probe.probe}/${probe.handler}/${name}`
  }
}

function numericProbeFinding(
  container: ContainerSpec,
  probe: ProbePort,
  port: number
): RuleFinding | undefined {
  // A container that declares no ports says nothing about where it listens.
  if (container.ports.length === 0) return undefined
  if (container.ports.some((each) => each.containerPort === port)) return undefined
  return {
    message:
      `${where(container, probe)}: port ${port} is not declared by this container ` +
      `(its ports: ${describeDeclaredPorts(container.ports)}). Declared ports are informational, so the probe ` +
      'works if the process listens there, but it often means a port that was changed in one place only.',
    location: probe.location,
    object: container.object,
    key: `${objectKey(container.object)}/${container.name}/${probe.probe}/${probe.handler}/${port}`,
    severity: 'notice'
  }
}
