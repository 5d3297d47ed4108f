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

/**
 * `DaemonSet monitoring/node-exporter (container "exporter")`; Compose services need no container.
 * `details` follow in the same parenthesis: `service "web" (project shop, compose.yaml:9)`.
 */
export function describeBinding(binding: PortBinding, details: readonly string[] = []): string {
  const container =
    binding.object.format === 'kubernetes'
      ? [`${binding.containerKind} "${binding.container}"`]
      : []
  return describeObject(binding.object, [...container, ...details])
}

/** `80/TCP` for Kubernetes (the API's spelling), `80/tcp` for Compose. */
export function describeProtocol(binding: PortBinding): string {
  return binding.format === 'kubernetes' ? binding.protocol.toUpperCase() : binding.protocol
}
