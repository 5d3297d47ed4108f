// The containers of each pod template, and how to name a pod's ports in messages.
import {
  compareLocations,
  type ContainerSpec,
  type DeclaredPort,
  type PodTemplate,
  type SourceLocation
} from '../../model.js'
import { objectKey } from './describe.js'
import { uniq } from './uniq.js'

function templateKey(object: PodTemplate['object'], location: SourceLocation): string {
  return `${location.file}\0${location.line}\0${location.column}\0${objectKey(object)}`
}

/** Containers by pod template. */
export function containersByTemplate(
  containers: readonly ContainerSpec[]
): (template: PodTemplate) => ContainerSpec[] {
  const index = new Map<string, ContainerSpec[]>()
  for (const container of containers) {
    const key = templateKey(container.object, container.podLocation)
    const list = index.get(key) ?? []
    list.push(container)
    index.set(key, list)
  }
  return (template) => index.get(templateKey(template.object, template.location)) ?? []
}

/** Containers of one pod, grouped: each pod template is one group, in file order. */
export function podsOf(containers: readonly ContainerSpec[]): ContainerSpec[][] {
  const pods = new Map<string, ContainerSpec[]>()
  for (const container of containers) {
    const key = templateKey(container.object, container.podLocation)
    const list = pods.get(key) ?? []
    list.push(container)
    pods.set(key, list)
  }
  return [...pods.values()].sort((a, b) => compareLocations(a[0]!.podLocation, b[0]!.podLocation))
}

/** The containers whose ports Services and the endpoints controller see: not init containers. */
export function servingContainers(containers: readonly ContainerSpec[]): ContainerSpec[] {
  return containers.filter((c) => c.kind === 'container' || c.kind === 'sidecar')
}

/** `8080/TCP "http"` */
export function describeDeclaredPort(port: DeclaredPort): string {
  return `${port.containerPort}/${port.protocol}${port.name ? ` "${port.name}"` : ''}`
}

/** `8080/TCP "http", 9090/TCP "metrics"`, or `none` — capped for long lists. */
export function describeDeclaredPorts(ports: readonly DeclaredPort[], cap = 6): string {
  if (ports.length === 0) return 'none'
  // A port declared twice (duplicate-container-port's business) is listed once.
  const all = uniq(ports.map(describeDeclaredPort))
  const shown = all.slice(0, cap)
  return all.length > cap ? `${shown.join(', ')}, … (${all.length} in all)` : shown.join(', ')
}
