// The `protocol` field of a container port or a Service port, read and checked the same way for
// both (validateContainerPorts and validateServicePort share supportedPortProtocols).
import type { YAMLMap } from 'yaml'
import type { KubernetesObjectRef } from '../../model.js'
import { locateKey } from '../../parse/nodes.js'
import { reportInvalid, type KubeContext } from './context.js'
import { readStringField } from './fields.js'
import { checkProtocol } from './validation.js'

/** Lower-case protocol for the model, or undefined when invalid (reported) or unknown. */
export function checkProtocolField(
  portMap: YAMLMap,
  ctx: KubeContext,
  object: KubernetesObjectRef
): string | undefined {
  const field = readStringField(portMap, 'protocol', ctx)
  if (field.state === 'placeholder') return undefined
  if (field.state === 'absent') return 'tcp'
  const location = locateKey(field.pair, ctx)!
  if (field.state === 'wrong-type') {
    reportInvalid(ctx, location, field.raw, field.message, object)
    return undefined
  }
  const check = checkProtocol(field.value)
  if (check.valid) return check.protocol
  reportInvalid(ctx, location, field.value, check.message, object)
  return undefined
}
