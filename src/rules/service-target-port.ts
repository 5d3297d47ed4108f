// A Service whose targetPort reaches no container port of the pods it selects. The endpoints
// controller resolves a *named* targetPort per pod (podutil.FindPort: a port of that name and the
// Service port's protocol); a pod without one is left out of the endpoints, and when no selected
// pod has it the Service has no endpoints at all. A *numeric* targetPort is used as it is —
// `ports:` of a container are informational — so an undeclared one is only a notice.
import {
  compareText,
  describeObject,
  type ContainerSpec,
  type PodTemplate,
  type ServicePort
} from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { objectKey, shortLocation } from './shared/describe.js'
import {
  containersByTemplate,
  describeDeclaredPorts,
  servingContainers
} from './shared/containers.js'
import { nearest, podTemplateIndex, serviceIdentity } from './shared/services.js'
import { append } from '../append.js'

export const serviceTargetPort: Rule = {
  meta: {
    id: 'service-target-port',
    description:
      'A Service targetPort that the pods it selects do not declare, or a selector that matches no pod template.',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'a named targetPort that none of the selected pods declares: the Service has no endpoint for it',
        source: 'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports'
      },
      {
        severity: 'notice',
        when: 'a numeric targetPort the pods do not declare (declaring is optional), or a selector that matches no pod template of the scan (the pods may be made elsewhere)',
        source:
          'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports'
      }
    ]
  },
  options: {},
  check(model) {
    const containersOf = containersByTemplate(model.containers)
    const findings: RuleFinding[] = []
    const reportedSelectors = new Set<string>()
    const templatesSelectedBy = podTemplateIndex(model.podTemplates)
    // A Service has one entry per port: its templates are looked up once per declaration.
    const selectedBy = new Map<string, PodTemplate[]>()
    for (const service of model.services) {
      if (service.serviceType === 'ExternalName') continue
      if (Object.keys(service.selector).length === 0) continue
      const declaration = `${service.location.file}\0${serviceIdentity(service.object)}\0${describeSelector(service.selector)}`
      let selected = selectedBy.get(declaration)
      if (selected === undefined) {
        const matching = templatesSelectedBy(
          service.object.namespace,
          templateSelector(service.selector)
        )
        selected = nearest(service.location.file, matching, (t) => t.location.file)
        selectedBy.set(declaration, selected)
      }
      if (selected.length === 0) {
        const id = `${service.location.file}\0${serviceIdentity(service.object)}`
        if (!reportedSelectors.has(id)) findings.push(noPodsFinding(service))
        reportedSelectors.add(id)
        continue
      }
      const pods = selected.map((template) => ({
        template,
        containers: servingContainers(containersOf(template))
      }))
      if (typeof service.targetPort === 'string') {
        append(findings, namedTargetFindings(service, service.targetPort, pods))
      } else if (typeof service.targetPort === 'number') {
        const finding = numericTargetFinding(service, service.targetPort, pods)
        if (finding) findings.push(finding)
      }
    }
    return findings
  }
}

/**
 * Labels a controller adds to the pods it creates, never written in a template: a Service that
 * selects one StatefulSet replica (`statefulset.kubernetes.io/pod-name: redis-0`) still selects
 * pods of that template.
 */
const CONTROLLER_LABELS = new Set([
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'controller-revision-hash',
  'pod-template-hash',
  'pod-template-generation',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
  'rollouts-pod-template-hash'
])

function templateSelector(selector: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(selector).filter(([key]) => !CONTROLLER_LABELS.has(key)))
}

interface SelectedPod {
  template: PodTemplate
  containers: ContainerSpec[]
}

function describeSelector(selector: Record<string, string>): string {
  return Object.entries(selector)
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, value]) => `${key}=${value}`)
    .join(', ')
}

function noPodsFinding(service: ServicePort): RuleFinding {
  const namespace = service.object.namespace ? ` in namespace ${service.object.namespace}` : ''
  return {
    message:
      `${describeObject(service.object)}: the selector ${describeSelector(service.selector)} matches no pod ` +
      `template${namespace} in this file, its folder, or a folder above or below it, so the Service has no ` +
      'endpoints unless its pods are created elsewhere.',
    location: service.selectorLocation ?? service.location,
    object: service.object,
    key: `${objectKey(service.object)}/selector/${describeSelector(service.selector)}`,
    severity: 'notice'
  }
}

function namedTargetFindings(
  service: ServicePort,
  name: string,
  pods: readonly SelectedPod[]
): RuleFinding[] {
  const protocol = service.protocol.toUpperCase()
  const findings: RuleFinding[] = []
  for (const { template, containers } of pods) {
    if (containers.some((container) => container.portsUnknown)) continue
    const ports = containers.flatMap((container) => container.ports)
    if (ports.some((port) => port.name === name && port.protocol === protocol)) continue
    const otherProtocol = ports.find((port) => port.name === name)
    const why = otherProtocol
      ? `its port "${name}" is ${otherProtocol.protocol}, not ${protocol}`
      : `its ports: ${describeDeclaredPorts(ports)}`
    const fix = otherProtocol
      ? `Set protocol: ${otherProtocol.protocol} on the Service port, or declare "${name}" for ${protocol} too.`
      : `Name the container port "${name}" or change the targetPort.`
    findings.push({
      message:
        `${describeObject(service.object)}: targetPort "${name}" (${protocol}) is not a port of ` +
        `${describeObject(template.object)} (${shortLocation(template.location)}), which the selector ` +
        `${describeSelector(service.selector)} selects (${why}); the endpoints controller leaves its pods out, ` +
        `so traffic to port ${service.port} does not reach them. ${fix}`,
      location: service.targetPortLocation ?? service.location,
      related: [
        {
          location: template.location,
          message: `pod template of ${describeObject(template.object)}`
        }
      ],
      object: service.object,
      key: `${objectKey(service.object)}/${service.port}/${service.protocol}/target/${name}/${objectKey(template.object)}`
    })
  }
  return findings
}

function numericTargetFinding(
  service: ServicePort,
  port: number,
  pods: readonly SelectedPod[]
): RuleFinding | undefined {
  const protocol = service.protocol.toUpperCase()
  const containers = pods.flatMap((pod) => pod.containers)
  // Containers that declare no ports say nothing about where they listen: no notice then.
  if (containers.some((c) => c.portsUnknown)) return undefined
  const declared = containers.flatMap((c) => c.ports)
  if (declared.length === 0) return undefined
  if (declared.some((each) => each.containerPort === port && each.protocol === protocol)) {
    return undefined
  }
  const workloads = [...new Set(pods.map((pod) => describeObject(pod.template.object)))].join(', ')
  return {
    message:
      `${describeObject(service.object)}: targetPort ${port}/${protocol} is not declared by the pods it ` +
      `selects (${workloads}; declared: ${describeDeclaredPorts(declared)}). Declared ports are ` +
      'informational, so this works if the process listens there, but it often means the wrong port.',
    location: service.targetPortLocation ?? service.portLocation ?? service.location,
    object: service.object,
    key: `${objectKey(service.object)}/${service.port}/${service.protocol}/target/${port}`,
    severity: 'notice'
  }
}
