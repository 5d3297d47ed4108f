// Helm-rendered input (`helm template` output): a finding stays on the rendered line, where line
// and column are true, and carries a related location on the chart template named by the
// `# Source:` comment — the repository's copy of the chart when it holds one, else the path as
// Helm wrote it. SARIF shows it under relatedLocations.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, scanFolder } from './scan-fixture.js'
import { renderSarif } from '../../src/report/sarif.js'

const root = path.join(FIXTURES, 'helm-source')

describe('Helm-rendered manifests', () => {
  it('report on the rendered file, with the template in the repository as a related location', async () => {
    const result = await scanFolder(root)
    const ours = result.findings.filter((f) => ['node-port-range', 'probe-port'].includes(f.ruleId))
    expect(
      ours.map((f) => ({
        rule: f.ruleId,
        at: `${f.location.file}:${f.location.line}:${f.location.column}`,
        related: f.related.map((r) => `${r.location.file}:${r.location.line} ${r.message}`)
      }))
    ).toEqual([
      {
        rule: 'node-port-range',
        at: 'rendered/checkout.yaml:20:7',
        related: [
          'charts/checkout/templates/service.yaml:1 rendered from the Helm template checkout/templates/service.yaml'
        ]
      },
      {
        rule: 'probe-port',
        at: 'rendered/checkout.yaml:47:15',
        // The chart in this repository has no deployment.yaml: the path as Helm wrote it.
        related: [
          'checkout/templates/deployment.yaml:1 rendered from the Helm template checkout/templates/deployment.yaml'
        ]
      }
    ])
  })

  it('SARIF carries the template under relatedLocations', async () => {
    const result = await scanFolder(root)
    const sarif = JSON.parse(renderSarif(result, { toolVersion: '0.0.0-test' })) as {
      runs: Array<{
        results: Array<{
          ruleId: string
          relatedLocations?: Array<{
            physicalLocation: { artifactLocation: { uri: string } }
            message: { text: string }
          }>
        }>
      }>
    }
    const nodePort = sarif.runs[0]!.results.find((r) => r.ruleId === 'node-port-range')!
    expect(nodePort.relatedLocations).toEqual([
      expect.objectContaining({
        physicalLocation: expect.objectContaining({
          artifactLocation: expect.objectContaining({
            uri: 'charts/checkout/templates/service.yaml'
          })
        }),
        message: { text: 'rendered from the Helm template checkout/templates/service.yaml' }
      })
    ])
  })
})
