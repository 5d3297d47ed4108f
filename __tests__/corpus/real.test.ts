// A scan of the real manifests in ../shared/corpus/real (2,041 files from 24 public repos):
// no crash, the known true positives found, the known traps left alone. The corpus is not
// copied into the project; where it is absent (outside CI) these tests are skipped.
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { scan, type ScanResult } from '../../src/engine.js'
import { defaultConfig } from '../../src/config/types.js'
import type { Finding } from '../../src/model.js'
import { partsOf } from '../../src/rules/merge-findings.js'

const REAL = path.resolve(import.meta.dirname, '../../../shared/corpus/real')
const present = existsSync(REAL)
if (!present) console.warn(`skipping the real-corpus scan: ${REAL} is absent`)

const results = new Map<string, ScanResult>()

function findingsOf(repo: string, ruleId: string): Finding[] {
  const result = results.get(repo)
  if (!result) throw new Error(`no scan of ${repo}`)
  // The rule's own findings, those merged into another rule's line included.
  return result.findings.flatMap(partsOf).filter((finding) => finding.ruleId === ruleId)
}

describe.skipIf(!present)('real corpus (../shared/corpus/real)', () => {
  beforeAll(async () => {
    // Each repository is its own scan root, as its maintainers would run the tool.
    const repos = readdirSync(REAL, { withFileTypes: true }).filter((entry) => entry.isDirectory())
    for (const repo of repos) {
      const root = path.join(REAL, repo.name)
      results.set(repo.name, await scan({ root, paths: [], config: defaultConfig(), env: {} }))
    }
  }, 300_000)

  it('scans all 2,041 files of the 24 repositories without a crash', () => {
    expect(results.size).toBe(24)
    const files = [...results.values()].reduce((sum, result) => sum + result.model.files.length, 0)
    const skipped = [...results.values()].reduce(
      (sum, result) => sum + result.model.skippedFiles.length,
      0
    )
    expect(files + skipped).toBe(2041)
  })

  it('parses every file: YAML 1.2 with merge keys and Compose tags (!reset) is no parse error', () => {
    const parseErrors = [...results.values()].flatMap((result) =>
      result.findings.flatMap(partsOf).filter((finding) => finding.ruleId === 'parse-error')
    )
    expect(parseErrors).toEqual([])
  })

  // NOTABLE.md, "True positives: privileged (<1024) host ports in Kubernetes": all of them 80
  // and 443, an ingress controller's entry points, which `webPorts` allows by default (the
  // CNI portmap plugin binds as root: they work as written). Without the allowance they are
  // privileged-port warnings.
  it.each([
    ['nginx__kubernetes-ingress', 'deployments/daemon-set/nginx-ingress.yaml', [80, 443]],
    ['nginx__kubernetes-ingress', 'deployments/daemon-set/nginx-plus-ingress.yaml', [80, 443]],
    ['kubernetes__ingress-nginx', 'deploy/static/provider/kind/deploy.yaml', [80, 443]],
    [
      'kubernetes__ingress-nginx',
      'docs/examples/static-ip/nginx-ingress-controller.yaml',
      [80, 443]
    ],
    ['kubernetes__examples', '_archived/volumes/flocker/flocker-pod-with-rc.yml', [80]]
  ])(
    '%s %s: hostPort %j allowed by default, a warning with webPorts: []',
    async (repo, file, ports) => {
      const onFile = (findings: Finding[]) =>
        findings.filter(
          (finding) => finding.ruleId === 'privileged-port' && finding.location.file === file
        )
      expect(onFile(findingsOf(repo, 'privileged-port'))).toEqual([])
      const config = defaultConfig()
      config.rules['privileged-port'] = { severity: 'error', options: { allow: [], webPorts: [] } }
      const root = path.join(REAL, repo)
      const found = onFile((await scan({ root, paths: [file], config, env: {} })).findings)
      for (const port of ports) {
        expect(
          found.some(
            (finding) =>
              finding.severity === 'warning' && finding.message.includes(`Host port ${port}/TCP`)
          )
        ).toBe(true)
      }
    }
  )

  it('haproxy hostPort 1024 is not privileged (the rule is < 1024)', () => {
    const file = 'deploy/haproxy-ingress-daemonset.yaml'
    const found = findingsOf('haproxytech__kubernetes-ingress', 'privileged-port').filter(
      (finding) => finding.location.file === file
    )
    expect(found).toEqual([])
  })

  it('mailcow publishes its mail ports below 1024 through ${VAR:-default}', () => {
    const found = findingsOf('mailcow__mailcow-dockerized', 'privileged-port').filter(
      (finding) => finding.location.file === 'docker-compose.yml'
    )
    const severityOf = (port: number) =>
      found
        .filter((finding) => finding.message.startsWith(`Published port ${port}/tcp `))
        .map((finding) => finding.severity)
    // SMTP on every interface collides with the host's own MTA: an error.
    expect(severityOf(25)).toEqual(['error'])
    for (const port of [465, 587, 143, 993, 110, 995]) expect(severityOf(port)).toEqual(['warning'])
    // Its web ports are 80 and 443, allowed by default.
    expect([...severityOf(80), ...severityOf(443)]).toEqual([])
  })

  it('symfony-docker: 443/tcp and 443/udp are no duplicate', () => {
    expect(findingsOf('dunglas__symfony-docker', 'duplicate-host-port')).toEqual([])
  })

  it('pi-hole: 53/tcp + 53/udp and 443 + 443/udp are no duplicates', () => {
    expect(findingsOf('pi-hole__docker-pi-hole', 'duplicate-host-port')).toEqual([])
  })

  it('laradock varnish: proxy and proxy2 both publish ${VARNISH_PORT}, unknown without .env: no finding', () => {
    // The corpus holds YAML only, no defaults.env: an unknown value never causes a finding.
    const found = findingsOf('laradock__laradock', 'duplicate-host-port').filter((finding) =>
      finding.location.file.startsWith('varnish/')
    )
    expect(found).toEqual([])
  })

  it('traps yield no port bindings: CRD schemas, kind cluster configs, Helm values', () => {
    for (const result of results.values()) {
      for (const binding of result.model.bindings) {
        expect(binding.location.file).not.toMatch(/values\.ya?ml$/)
        if (binding.object.format === 'kubernetes') {
          expect(binding.object.kind).not.toBe('CustomResourceDefinition')
          expect(binding.object.kind).not.toBe('Cluster')
        }
      }
    }
  })

  // The Compose runtime rules on the corpus, each finding read by hand against its file. None is
  // an error by default: every one of these stacks starts as written. The warnings are the
  // services that answer anyone once reachable, published on every interface (Elasticsearch,
  // Redis, the Node.js inspector), and host ports Linux may hand out as ephemeral ones. (The
  // PostgreSQL ports of postgresql-pgadmin and react-rust-postgres, and docker/cli's
  // "49100:22", errors before, are notices: they ask for a password.)
  it('the Compose runtime rules: no error, exactly these warnings', () => {
    const rules = [
      'host-network-ports',
      'fixed-port-with-replicas',
      'unbound-interface',
      'unquoted-port',
      'host-port-in-ephemeral-range'
    ]
    const bySeverity = (severity: string) =>
      [...results.entries()]
        .flatMap(([repo, result]) =>
          result.findings
            .flatMap(partsOf)
            .filter((finding) => rules.includes(finding.ruleId) && finding.severity === severity)
            .map(
              (finding) =>
                `${finding.ruleId} ${repo}/${finding.location.file}:${finding.location.line}`
            )
        )
        .sort()
    expect(bySeverity('error')).toEqual([])
    expect(bySeverity('warning')).toEqual([
      'host-port-in-ephemeral-range docker__awesome-compose/wireguard/compose.yaml:24',
      'host-port-in-ephemeral-range docker__cli/cli/compose/loader/full-example.yml:225',
      'unbound-interface docker__awesome-compose/elasticsearch-logstash-kibana/compose.yaml:10',
      'unbound-interface docker__awesome-compose/elasticsearch-logstash-kibana/compose.yaml:9',
      'unbound-interface docker__awesome-compose/flask-redis/compose.yaml:5',
      'unbound-interface docker__awesome-compose/nginx-nodejs-redis/compose.yaml:6',
      'unbound-interface docker__awesome-compose/react-express-mysql/compose.yaml:17'
    ])
  })

  it('Swarm stacks are no fixed-port-with-replicas error: voting app, docker/cli full example', () => {
    expect(findingsOf('dockersamples__example-voting-app', 'fixed-port-with-replicas')).toEqual([])
    expect(findingsOf('docker__cli', 'fixed-port-with-replicas')).toEqual([])
  })

  it('mailcow and plex run on the host network without ports: no host-network-ports', () => {
    expect(findingsOf('mailcow__mailcow-dockerized', 'host-network-ports')).toEqual([])
    expect(findingsOf('docker__awesome-compose', 'host-network-ports')).toEqual([])
  })

  it('mailcow binds its database and Redis through ${SQL_PORT:-127.0.0.1:13306}: not unbound', () => {
    const found = findingsOf('mailcow__mailcow-dockerized', 'unbound-interface')
    expect(found.some((finding) => /MySQL|Redis/.test(finding.message))).toBe(false)
    expect(found.length).toBeGreaterThan(0) // its IMAP, SMTP and web ports are on every interface
  })

  it('kube-prometheus node-exporter: hostNetwork with hostPort 9100 is a host binding', () => {
    const result = results.get('prometheus-operator__kube-prometheus')!
    const nodeExporter = result.model.bindings.filter(
      (binding) =>
        binding.location.file === 'manifests/nodeExporter-daemonset.yaml' &&
        binding.hostPort?.start === 9100
    )
    expect(nodeExporter.length).toBeGreaterThan(0)
    expect(nodeExporter.every((binding) => binding.hostNetwork)).toBe(true)
  })
})
