// Names for messages and identities for finding keys.
import {
  describeObject,
  type ObjectRef,
  type PortBinding,
  type SourceLocation
} from '../../model.js'

/** `kubernetes:Deployment/shop/web`, `compose:docker-compose.yml/web` — never contains a line. */
export function objectKey(object: ObjectRef): string {
  return object.format === 'kubernetes'
    ? `kubernetes:${object.kind}/${object.namespace}/${object.name}`
    : `compose:${object.projectFile}/${object.service}`
}

/** `file:line` — messages name both sides of a conflict this way. */
export function shortLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}`
}

/** `DaemonSet monitoring/node-exporter (container "exporter")`; Compose services need no container. */
export function describeBinding(binding: PortBinding): string {
  const object = describeObject(binding.object)
  if (binding.object.format === 'compose') return object
  const kind = binding.containerKind === 'container' ? 'container' : binding.containerKind
  return `${object} (${kind} "${binding.container}")`
}

/** `80/TCP` for Kubernetes (the API's spelling), `80/tcp` for Compose. */
export function describeProtocol(binding: PortBinding): string {
  return binding.format === 'kubernetes' ? binding.protocol.toUpperCase() : binding.protocol
}

/**
 * `DaemonSet monitoring/agent (container "agent", host network, b/agent.yaml:19)`,
 * `service "web" (project shop, compose.yaml:9)`: who, and where, in one parenthesis.
 */
export function describeBindingAt(
  binding: PortBinding,
  location: SourceLocation,
  notes: string[] = []
): string {
  const object = binding.object
  if (object.format === 'compose') {
    const details = [`project ${object.project}`, ...notes, shortLocation(location)]
    return `service "${object.service}" (${details.join(', ')})`
  }
  const ns = object.namespace ? `${object.namespace}/` : ''
  const details = [
    `${binding.containerKind} "${binding.container}"`,
    ...notes,
    shortLocation(location)
  ]
  return `${object.kind} ${ns}${object.name} (${details.join(', ')})`
}
