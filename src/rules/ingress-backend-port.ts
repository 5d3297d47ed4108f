// An Ingress backend naming a port its Service does not have. The ingress controller resolves
// `service.port.number` / `.name` (v1beta1: `servicePort`) against the Service's `ports[].port` and
// `ports[].name`; a miss leaves the path without upstreams (ingress-nginx answers 503, others 404).
// Only Services in the scan are checked: one declared elsewhere may well have the port. The
// Service declaration nearest to the Ingress is the one it is applied with (same file, folder, a
// folder above or below); another folder's Service of the same name is another deployment.
import { describeObject, type ServicePort } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { objectKey } from './shared/describe.js'
import { nearest, serviceIdentity } from './shared/services.js'

export const ingressBackendPort: Rule = {
  meta: {
    id: 'ingress-backend-port',
    description: 'An Ingress backend naming a port that its Service (in the scan) does not have.',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'an Ingress backend naming a port its Service (in the scan) does not have: the route has no backend',
        source: 'https://kubernetes.io/docs/concepts/services-networking/ingress/'
      }
    ]
  },
  options: {},
  check(model) {
    const servicesByIdentity = new Map<string, ServicePort[]>()
    for (const port of model.services) {
      const key = serviceIdentity(port.object)
      servicesByIdentity.set(key, [...(servicesByIdentity.get(key) ?? []), port])
    }
    const findings: RuleFinding[] = []
    for (const backend of model.ingressBackends) {
      const target = { ...backend.object, kind: 'Service', name: backend.serviceName }
      const declared = servicesByIdentity.get(serviceIdentity(target)) ?? []
      const ports = nearest(backend.location.file, declared, (port) => port.location.file)
      if (ports.length === 0 || ports.some((port) => port.portsIncomplete)) continue
      const found =
        typeof backend.port === 'number'
          ? ports.some((port) => port.port === backend.port)
          : ports.some((port) => port.name === backend.port)
      if (found) continue
      const wanted =
        typeof backend.port === 'number' ? `port ${backend.port}` : `a port named "${backend.port}"`
      const available = [
        ...new Set(ports.map((port) => `${port.port}${port.name ? ` "${port.name}"` : ''}`))
      ].join(', ')
      findings.push({
        message:
          `${describeObject(backend.object)}: the backend asks for ${wanted} of Service ${backend.serviceName}, ` +
          `which has no such port (its ports: ${available}); the ingress controller finds no upstream for this path. ` +
          'Use one of the Service ports (port number or name), not the container port.',
        location: backend.location,
        related: [
          { location: ports[0]!.location, message: `ports of ${describeObject(ports[0]!.object)}` }
        ],
        object: backend.object,
        key: `${objectKey(backend.object)}/${backend.serviceName}/${backend.port}`
      })
    }
    return findings
  }
}
