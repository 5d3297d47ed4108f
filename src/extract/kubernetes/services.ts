// Service `spec.ports[]` → ServicePort records, with the checks of ValidateService /
// validateServicePort (pkg/apis/core/validation/validation.go).
import { isScalar, type Pair, type YAMLMap } from 'yaml'
import type { ServicePort, SourceLocation } from '../../model.js'
import {
  asMap,
  asSeq,
  get,
  getPair,
  isNullish,
  locate,
  locateKey,
  resolve,
  stringMap,
  stringValue
} from '../../parse/nodes.js'
import { checkProtocolField } from './protocol-field.js'
import { reportInvalid, spend, throughAlias, type KubeContext, type ObjectSite } from './context.js'
import {
  checkPortNumber,
  earlierSighting,
  rawText,
  readIntField,
  readIntOrString,
  readStringField,
  reportWrongShape,
  type CheckedPort
} from './fields.js'
import { dns1123LabelErrors, portNameErrors } from './validation.js'

interface ServiceFacts {
  site: ObjectSite
  serviceType: string
  clusterIP: string | undefined
  selector: Record<string, string>
  selectorLocation: SourceLocation | undefined
  portCount: number
  /** First location of each port name, (protocol, port) and (protocol, nodePort): the API server rejects repeats. */
  seenNames: Map<string, SourceLocation>
  seenPorts: Map<string, SourceLocation>
  seenNodePorts: Map<string, SourceLocation>
}

export function extractService(site: ObjectSite, ctx: KubeContext): void {
  const spec = asMap(get(site.root, 'spec', ctx), ctx)
  if (!spec) return
  const portsPair = getPair(spec, 'ports', ctx)
  const ports = asSeq(get(spec, 'ports', ctx), ctx)
  const selectorPair = getPair(spec, 'selector', ctx)
  const facts: ServiceFacts = {
    site,
    serviceType: stringValue(get(spec, 'type', ctx), ctx) || 'ClusterIP',
    clusterIP: stringValue(get(spec, 'clusterIP', ctx), ctx),
    selector: stringMap(get(spec, 'selector', ctx), ctx),
    selectorLocation: locateKey(selectorPair, ctx),
    portCount: ports?.items.length ?? 0,
    seenNames: new Map(),
    seenPorts: new Map(),
    seenNodePorts: new Map()
  }
  if (portsPair && !ports) checkPortsShape(portsPair, facts, ctx)
  if (portsPair && facts.portCount === 0) checkPortsRequired(spec, portsPair, facts, ctx)
  const first = ctx.out.services.length
  throughAlias(ctx, portsPair?.value, () => {
    for (const [index, item] of (ports?.items ?? []).entries())
      throughAlias(ctx, item, () => {
        spend(ctx)
        extractServicePort(item, `spec.ports[${index}]`, facts, ctx)
      })
  })
  // A port that could not be read (a template placeholder, an invalid value) leaves the list
  // incomplete: rules that ask "does this Service have port X?" must not answer no.
  const records = ctx.out.services.slice(first)
  if (records.length < facts.portCount) for (const record of records) record.portsIncomplete = true
}

/** `ports: {}` or `ports: 80` is a type error for the API server; null is read as "no ports". */
function checkPortsShape(portsPair: Pair, facts: ServiceFacts, ctx: KubeContext): void {
  const node = resolve(portsPair.value, ctx)
  if (isNullish(node)) return
  const location = locateKey(portsPair, ctx)!
  reportWrongShape(ctx, node, location, 'Service ports must be a list', facts.site.ref)
}

/**
 * `spec.ports` is required unless the Service is headless (`clusterIP: None`) or ExternalName.
 * Only an explicit empty or null `ports:` is reported: a partial Service without the key is
 * usually a kustomize patch, not a whole object.
 */
function checkPortsRequired(
  spec: YAMLMap,
  portsPair: Pair,
  facts: ServiceFacts,
  ctx: KubeContext
): void {
  const clusterIP = stringValue(get(spec, 'clusterIP', ctx), ctx)
  if (clusterIP === 'None' || facts.serviceType === 'ExternalName') return
  const value = portsPair.value
  const node = asSeq(value, ctx) ?? (isScalar(value) && value.value === null ? value : undefined)
  if (!node) return
  const location = locateKey(portsPair, ctx)!
  const message = `a ${facts.serviceType} Service needs at least one port (spec.ports is empty)`
  reportInvalid(ctx, location, rawText(node, ctx), message, facts.site.ref)
}

function extractServicePort(
  item: unknown,
  fieldPath: string,
  facts: ServiceFacts,
  ctx: KubeContext
): void {
  const object = facts.site.ref
  const portMap = asMap(item, ctx)
  if (!portMap) {
    const message = 'each Service port must be a mapping with a port'
    reportWrongShape(ctx, item, locate(item, ctx), message, object)
    return
  }
  const port = checkServicePortNumber(portMap, ctx, facts)
  const protocol = checkProtocolField(portMap, ctx, object)
  const name = checkServicePortName(portMap, fieldPath, facts, ctx)
  const targetPort = checkTargetPort(portMap, ctx, facts)
  const nodePort = checkNodePort(portMap, fieldPath, protocol, ctx, facts)
  // An invalid port or protocol: no record (the Service is rejected, and rules must not read a
  // garbage value). An invalid targetPort, nodePort or name is left out of an otherwise good record.
  if (!port || protocol === undefined) return
  checkDuplicatePort(port, protocol, facts, ctx)

  const servicePort: ServicePort = {
    location: locate(portMap, ctx),
    object,
    serviceType: facts.serviceType,
    port: port.value,
    portLocation: port.location,
    // targetPort 0 / unset / "" is defaulted to `port` (SetDefaults_Service in core/v1/defaults.go).
    targetPort: targetPort?.value ?? port.value,
    protocol,
    selector: facts.selector,
    fieldPath
  }
  if (facts.selectorLocation) servicePort.selectorLocation = facts.selectorLocation
  if (facts.clusterIP !== undefined) servicePort.clusterIP = facts.clusterIP
  if (targetPort) servicePort.targetPortLocation = targetPort.location
  if (nodePort) {
    servicePort.nodePort = nodePort.value
    servicePort.nodePortLocation = nodePort.location
  }
  if (name !== undefined) servicePort.name = name
  ctx.out.services.push(servicePort)
}

/** `port` is required and must be 1–65535 (IsValidPortNum). */
function checkServicePortNumber(
  portMap: YAMLMap,
  ctx: KubeContext,
  facts: ServiceFacts
): CheckedPort | undefined {
  const object = facts.site.ref
  const field = readIntField(portMap, 'port', ctx)
  if (field.state === 'absent') {
    reportInvalid(ctx, locate(portMap, ctx), '', 'Service port is required (1-65535)', object)
    return undefined
  }
  return checkPortNumber(field, 'port', ctx, object)
}

/**
 * Service port names are DNS-1123 labels (not IANA names); they are required on every port when
 * the Service has more than one, and must be unique.
 */
function checkServicePortName(
  portMap: YAMLMap,
  fieldPath: string,
  facts: ServiceFacts,
  ctx: KubeContext
): string | undefined {
  const object = facts.site.ref
  const field = readStringField(portMap, 'name', ctx)
  if (field.state === 'placeholder') return undefined
  if (field.state === 'absent' || (field.state === 'string' && field.value === '')) {
    if (facts.portCount > 1) {
      const message = `${fieldPath}.name: Required value (every port of a Service with more than one port needs a name)`
      reportInvalid(ctx, locate(portMap, ctx), '', message, object, 'port-name')
    }
    return undefined
  }
  const location = locateKey(field.pair, ctx)!
  if (field.state === 'wrong-type') {
    reportInvalid(ctx, location, field.raw, `port ${field.message}`, object)
    return undefined
  }
  const errors = dns1123LabelErrors(field.value)
  if (errors.length > 0) {
    const message = `${fieldPath}.name: Invalid value: "${field.value}": ${errors.join(', ')} (Service port names are DNS-1123 labels)`
    reportInvalid(ctx, location, field.value, message, object, 'port-name')
    return undefined
  }
  const first = earlierSighting(facts.seenNames, field.value, location)
  if (first) {
    const message = `${fieldPath}.name: Duplicate value: "${field.value}" (the same name is used at line ${first.line}; names must be unique within a Service)`
    reportInvalid(ctx, location, field.value, message, object, 'port-name')
  }
  return field.value
}

/**
 * targetPort (IntOrString): a number must be 1–65535, a string must be a valid IANA port name.
 * A quoted number ("8080") is a *string* to Kubernetes, so it is read as a port name and rejected.
 */
function checkTargetPort(
  portMap: YAMLMap,
  ctx: KubeContext,
  facts: ServiceFacts
): { value: number | string; location: SourceLocation } | undefined {
  const object = facts.site.ref
  const field = readIntOrString(portMap, 'targetPort', ctx)
  if (field.state === 'absent' || field.state === 'placeholder') return undefined
  const location = locateKey(field.pair, ctx)!
  if (field.state === 'wrong-type') {
    reportInvalid(
      ctx,
      location,
      field.raw,
      field.message.replace('an integer', 'an integer or a port name'),
      object
    )
    return undefined
  }
  if (field.state === 'int') {
    return field.value === 0 ? undefined : checkPortNumber(field, 'targetPort', ctx, object)
  }
  if (field.value === '') return undefined
  const errors = portNameErrors(field.value)
  if (errors.length === 0) return { value: field.value, location }
  const message = /^\d+$/.test(field.value)
    ? `targetPort ${field.raw} is a string, so Kubernetes reads it as a port name, and a port name needs a letter; write the number without quotes`
    : `targetPort "${field.value}" is not a valid port name: ${errors.join('; ')}`
  reportInvalid(ctx, location, field.value, message, object)
  return undefined
}

/**
 * nodePort: 0 or unset lets the cluster allocate one; a set value must be a port number, and is
 * forbidden on a ClusterIP Service ("may not be used when `type` is 'ClusterIP'"). The cluster's
 * range (30000–32767 by default) is checked by the allocator and by the node-port-range rule.
 */
function checkNodePort(
  portMap: YAMLMap,
  fieldPath: string,
  protocol: string | undefined,
  ctx: KubeContext,
  facts: ServiceFacts
): CheckedPort | undefined {
  const object = facts.site.ref
  const field = readIntField(portMap, 'nodePort', ctx)
  if (field.state === 'absent' || (field.state === 'int' && field.value === 0)) return undefined
  const nodePort = checkPortNumber(field, 'nodePort', ctx, object)
  if (!nodePort) return undefined
  if (facts.serviceType === 'ClusterIP') {
    const headless =
      facts.clusterIP === 'None' ? ' (a headless Service is a ClusterIP Service)' : ''
    const message = `${fieldPath}.nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'${headless}; use type NodePort or LoadBalancer, or remove the nodePort`
    reportInvalid(
      ctx,
      nodePort.location,
      String(nodePort.value),
      message,
      object,
      'node-port-range'
    )
    return undefined
  }
  if (protocol !== undefined) checkDuplicateNodePort(nodePort, fieldPath, protocol, facts, ctx)
  return nodePort
}

/** The API server keys Service ports on (protocol, port): 53/TCP and 53/UDP may coexist. */
function checkDuplicatePort(
  port: CheckedPort,
  protocol: string,
  facts: ServiceFacts,
  ctx: KubeContext
): void {
  const first = earlierSighting(facts.seenPorts, `${protocol}/${port.value}`, port.location)
  if (!first) return
  const message = `port ${port.value}/${protocol.toUpperCase()} is declared twice in this Service (first at line ${first.line})`
  reportInvalid(ctx, port.location, String(port.value), message, facts.site.ref)
}

/** Inside one Service the API server keys nodePorts on (protocol, nodePort). */
function checkDuplicateNodePort(
  nodePort: CheckedPort,
  fieldPath: string,
  protocol: string,
  facts: ServiceFacts,
  ctx: KubeContext
): void {
  const key = `${protocol}/${nodePort.value}`
  const first = earlierSighting(facts.seenNodePorts, key, nodePort.location)
  if (!first) return
  const message = `${fieldPath}.nodePort: Duplicate value: ${nodePort.value} (nodePort ${nodePort.value}/${protocol.toUpperCase()} is already used by this Service at line ${first.line})`
  reportInvalid(
    ctx,
    nodePort.location,
    String(nodePort.value),
    message,
    facts.site.ref,
    'duplicate-node-port'
  )
}
