// API-server rejections that extraction found and tagged with the rule that reports them (a
// nodePort on a ClusterIP Service, an invalid port name): one finding each, in the API's words.
import { describeObject, type InvalidPort, type ScanModel } from '../../model.js'
import type { RuleFinding } from '../rule.js'
import { objectKey } from './describe.js'

/** The rejections tagged `ruleId`; `keyOf` names what makes one distinct within its object. */
export function taggedRejections(
  model: ScanModel,
  ruleId: string,
  keyOf: (invalid: InvalidPort) => string
): RuleFinding[] {
  return model.invalidPorts
    .filter((invalid) => invalid.rule === ruleId)
    .map((invalid) => ({
      message: invalid.object
        ? `${describeObject(invalid.object)}: ${invalid.message}`
        : invalid.message,
      location: invalid.location,
      ...(invalid.object ? { object: invalid.object } : {}),
      key: `${invalid.object ? objectKey(invalid.object) : ''}/${keyOf(invalid)}`
    }))
}
