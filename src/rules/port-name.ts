// Port names as the API server checks them (pkg/apis/core/validation/validation.go) and warns
// about them (pkg/api/pod/warnings.go):
// - a container port name is an IANA service name (IsValidPortName, IANA_SVC_NAME: 1-15
//   characters of [-a-z0-9], at least one letter, no "--", no leading or trailing "-"), unique
//   within its container — errors, found by the loader;
// - a Service port name is a DNS-1123 label (up to 63 characters), required on every port of a
//   Service with more than one, unique within it — errors, found by the loader;
// - the same name in two containers (or sidecars) of one pod is accepted with a warning: a named
//   targetPort or probe then picks the first. That one is found here.
import { describeObject } from '../model.js'
import { taggedRejections } from './shared/rejections.js'
import type { Rule, RuleFinding } from './rule.js'
import { objectKey } from './shared/describe.js'
import { podsOf, servingContainers } from './shared/containers.js'
import { inVisitOrder } from './duplicate-container-port.js'
import { append } from '../append.js'

export const portName: Rule = {
  meta: {
    id: 'port-name',
    description:
      'An invalid, missing or repeated port name (IANA names in pods, DNS-1123 labels in Services).',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'an invalid or missing port name the API server rejects (IANA service names in pods, DNS-1123 labels in Services, names on every port of a multi-port Service)',
        source:
          'https://kubernetes.io/docs/concepts/services-networking/service/#multi-port-services'
      },
      {
        severity: 'warning',
        when: 'one name on two ports of one pod: accepted, but a named targetPort or probe port then means either',
        source: 'https://github.com/kubernetes/kubernetes/blob/master/pkg/api/pod/warnings.go'
      }
    ]
  },
  options: {},
  check(model) {
    const findings: RuleFinding[] = taggedRejections(
      model,
      'port-name',
      (invalid) => `${invalid.value}/${invalid.message.split(':')[0]}`
    )
    for (const pod of podsOf(model.containers)) append(findings, podWideDuplicates(pod))
    return findings
  }
}

function podWideDuplicates(pod: Parameters<typeof servingContainers>[0]): RuleFinding[] {
  const findings: RuleFinding[] = []
  const first = new Map<string, { path: string; container: string; line: number }>()
  for (const container of servingContainers(inVisitOrder(pod))) {
    for (const port of container.ports) {
      if (!port.name) continue
      const earlier = first.get(port.name)
      if (!earlier) {
        first.set(port.name, {
          path: port.fieldPath,
          container: container.name,
          line: port.location.line
        })
        continue
      }
      // Twice in one container is the loader's error (Duplicate value), not this warning.
      if (earlier.container === container.name) continue
      findings.push({
        message:
          `${describeObject(container.object)}: ${port.fieldPath}: duplicate port name "${port.name}" with ` +
          `${earlier.path}, services and probes that select ports by name will use ${earlier.path} ` +
          `(container "${earlier.container}", line ${earlier.line})`,
        location: port.nameLocation ?? port.location,
        object: container.object,
        key: `${objectKey(container.object)}/pod-name/${port.name}/${port.fieldPath}`,
        severity: 'warning'
      })
    }
  }
  return findings
}
