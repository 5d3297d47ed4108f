// What the kind and k3d readers share: the object reference and the binding they build.
import type { ComposeServiceRef, PortBinding, PortRange, SourceLocation } from '../../model.js'
import type { KubeContext } from '../kubernetes/context.js'

export type DevClusterTool = 'kind' | 'k3d'

/** `kind cluster "dev" (node control-plane)`: see describeObject in model.ts. */
export function devClusterRef(
  tool: DevClusterTool,
  cluster: string,
  nodes: string,
  file: string
): ComposeServiceRef {
  return {
    format: 'compose',
    // Prefixed so that a cluster never shares an identity with a Compose project of its name.
    project: `${tool}:${cluster}`,
    service: nodes,
    projectFile: file,
    devCluster: { tool, cluster }
  }
}

export interface MappingParts {
  object: ComposeServiceRef
  location: SourceLocation
  hostPortLocation: SourceLocation
  containerPortLocation?: SourceLocation
  hostIP: string
  hostPort: PortRange
  containerPort?: PortRange
  protocol: string
  raw?: string
}

export function devClusterBinding(parts: MappingParts): PortBinding {
  const binding: PortBinding = {
    format: 'compose',
    location: parts.location,
    hostPortLocation: parts.hostPortLocation,
    object: parts.object,
    container: parts.object.service,
    containerKind: 'container',
    hostIP: parts.hostIP,
    hostPort: parts.hostPort,
    protocol: parts.protocol,
    hostNetwork: false,
    addedCapabilities: []
  }
  if (parts.containerPortLocation) binding.containerPortLocation = parts.containerPortLocation
  if (parts.containerPort) binding.containerPort = parts.containerPort
  if (parts.raw !== undefined) binding.raw = parts.raw
  return binding
}

export function reportDevClusterInvalid(
  ctx: KubeContext,
  object: ComposeServiceRef,
  location: SourceLocation,
  value: string,
  message: string
): void {
  ctx.out.invalidPorts.push({ location, value, message, object })
}
