// The Kubernetes wiring and API-parity rules of issue 9 over the real corpus: every error they
// give there is one a reviewer would call true (each was read in its file), and the known traps
// stay quiet: install variants in sibling folders (ingress-nginx's providers, traefik's fixtures,
// the guestbook and guestbook-go examples) never wire a Service to another folder's pods.
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { scan } from '../../src/engine.js'
import { defaultConfig } from '../../src/config/types.js'
import type { Finding } from '../../src/model.js'
import { partsOf } from '../../src/rules/merge-findings.js'

const REAL = path.resolve(import.meta.dirname, '../../../shared/corpus/real')
const present = existsSync(REAL)
if (!present) console.warn(`skipping the real-corpus wiring checks: ${REAL} is absent`)

const RULE_IDS = [
  'node-port-range',
  'duplicate-node-port',
  'service-target-port',
  'probe-port',
  'ingress-backend-port',
  'duplicate-container-port',
  'port-name'
]

describe.skipIf(!present)('real corpus: wiring and API-parity rules', () => {
  const findings: Array<Finding & { repo: string }> = []

  beforeAll(async () => {
    // Each repository is its own scan root, as its maintainers would run the tool.
    for (const repo of readdirSync(REAL, { withFileTypes: true })) {
      if (!repo.isDirectory()) continue
      const result = await scan({
        root: path.join(REAL, repo.name),
        paths: [],
        config: defaultConfig(),
        env: {}
      })
      for (const finding of result.findings.flatMap(partsOf)) {
        if (RULE_IDS.includes(finding.ruleId)) findings.push({ ...finding, repo: repo.name })
      }
    }
  }, 300_000)

  const where = (finding: Finding & { repo: string }) =>
    `${finding.ruleId} ${finding.repo}/${finding.location.file}:${finding.location.line}`

  it('gives exactly these errors, each true', () => {
    expect(findings.filter((f) => f.severity === 'error').map(where)).toEqual([
      // Ingress "testing" asks service1 (ports: tchouk) for "carotte": no upstream for /foo.
      'ingress-backend-port traefik__traefik/pkg/provider/kubernetes/ingress/fixtures/2-ingresses-in-different-namespace-with-same-service-name.yml:65',
      // The fixture's name says it: port "toto", and port 21, of a Service with only port 80.
      'ingress-backend-port traefik__traefik/pkg/provider/kubernetes/ingress/fixtures/Ingress-with-unknown-service-port-name.yml:17',
      'ingress-backend-port traefik__traefik/pkg/provider/kubernetes/ingress/fixtures/Ingress-with-unknown-service-port.yml:17',
      // nodePort 9090 and 9091 on a NodePort Service: outside 30000-32767, the API refuses them.
      'node-port-range traefik__traefik/pkg/provider/kubernetes/ingress/fixtures/Published-Service-NodePort.yml:36',
      'node-port-range traefik__traefik/pkg/provider/kubernetes/ingress/fixtures/Published-Service-NodePort.yml:41'
    ])
  })

  it('warns where the API server warns: containerPort 80 declared twice (http and https)', () => {
    expect(findings.filter((f) => f.severity === 'warning').map(where)).toEqual([
      'duplicate-container-port kubernetes__ingress-nginx/deploy/static/provider/aws/nlb-with-tls-termination/deploy.yaml:481'
    ])
  })

  it('leaves install variants in sibling folders alone', () => {
    const wiring = findings.filter((f) => f.ruleId === 'service-target-port')
    expect(
      wiring.filter((f) => f.repo === 'kubernetes__ingress-nginx' && f.severity === 'error')
    ).toEqual([])
    expect(
      wiring.filter(
        (f) => f.location.file.startsWith('web/guestbook-go/') && f.severity === 'error'
      )
    ).toEqual([])
  })
})
