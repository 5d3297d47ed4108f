// Values the API server or Compose would reject. The loaders find them (they know the syntax);
// this rule only reports them, one finding each. Rejections another rule owns (port names,
// nodePorts: InvalidPort.rule) are that rule's to report.
import { describeObject } from '../model.js'
import type { Rule } from './rule.js'
import { objectKey } from './shared/describe.js'

export const invalidPort: Rule = {
  meta: {
    id: 'invalid-port',
    description: 'A port value that Kubernetes or Compose would reject.',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'a port value the Kubernetes API server or Compose rejects (out of range, wrong type, bad protocol)',
        source:
          'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports'
      }
    ]
  },
  options: {},
  check(model) {
    const own = model.invalidPorts.filter(
      (invalid) => (invalid.rule ?? 'invalid-port') === 'invalid-port'
    )
    return own.map((invalid) => ({
      message: invalid.object
        ? `${describeObject(invalid.object)}: ${invalid.message}`
        : invalid.message,
      location: invalid.location,
      ...(invalid.object ? { object: invalid.object } : {}),
      key: `${invalid.object ? objectKey(invalid.object) : ''}|${invalid.value}|${withoutPositions(invalid.message)}`
    }))
  }
}

/** Keys must survive lines moving; some parser messages quote a line or column. */
export function withoutPositions(message: string): string {
  return message.replace(/\b(at )?line \d+(,? column \d+)?/gi, '').replace(/:\d+:\d+/g, '')
}
