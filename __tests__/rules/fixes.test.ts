// One-click fixes: each one, applied to its file, makes its finding disappear on a re-scan.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config/types.js'
import { scan } from '../../src/engine.js'
import type { Finding } from '../../src/model.js'
import { daemonSet } from '../helpers/manifests.js'
import { partsOf } from '../../src/rules/merge-findings.js'

let root: string

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'port-hygiene-fixes-'))
})
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

async function write(files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await fs.writeFile(path.join(root, file), text)
  }
}

let config = defaultConfig()
beforeEach(() => {
  config = defaultConfig()
})

const run = () => scan({ root, paths: [], config, env: {} })

/** privileged-port without its default allowance of 80 and 443 (`webPorts: []`). */
function withoutWebPorts(): void {
  config.rules['privileged-port'] = { severity: 'error', options: { allow: [], webPorts: [] } }
}

/** Applies a whole-line fix to its file, as GitHub applies a suggestion. */
async function apply(finding: Finding): Promise<void> {
  const fix = finding.fix!
  const file = path.join(root, fix.location.file)
  const lines = (await fs.readFile(file, 'utf8')).split('\n')
  lines.splice(
    fix.location.line - 1,
    (fix.location.endLine ?? fix.location.line) - fix.location.line + 1,
    fix.replacement
  )
  await fs.writeFile(file, lines.join('\n'))
}

/** Every fixable finding, fixed one at a time from a fresh copy: its finding is gone after. */
async function expectEachFixRemovesItsFinding(files: Record<string, string>): Promise<Finding[]> {
  await write(files)
  const fixable = (await run()).findings.filter((finding) => finding.fix)
  for (const finding of fixable) {
    await write(files)
    await apply(finding)
    const after = (await run()).findings
    expect(after.map((f) => f.identity)).not.toContain(finding.identity)
    expect(after.filter((f) => f.ruleId === finding.ruleId)).toHaveLength(
      (await scanOf(files)).filter((f) => f.ruleId === finding.ruleId).length - 1
    )
  }
  return fixable
}

async function scanOf(files: Record<string, string>): Promise<Finding[]> {
  await write(files)
  return (await run()).findings
}

describe('fixes', () => {
  it('moves a duplicate host port to the next port free in the whole scan', async () => {
    const fixed = await expectEachFixRemovesItsFinding({
      'k8s/node-exporter.yaml': daemonSet('node-exporter', { hostPort: 9100 }),
      'k8s/process-exporter.yaml': daemonSet('process-exporter', { hostPort: 9101 }),
      'k8s/telemetry.yaml': daemonSet('telemetry', { hostPort: 9100 })
    })
    expect(fixed.map((f) => [f.ruleId, f.location.file, f.fix!.replacement.trim()])).toEqual([
      // 9101 is taken by the process exporter: 9102 is the next free one.
      ['duplicate-host-port', 'k8s/telemetry.yaml', 'hostPort: 9102']
    ])
    expect(fixed[0]!.fix!.description).toBe(
      'Use host port 9102: no other binding of this scan uses it.'
    )
  })

  it("stays inside the namespace's allowed range", async () => {
    const namespace = `apiVersion: v1
kind: Namespace
metadata:
  name: monitoring
  annotations:
    port-range: "31000-31010"
---
`
    const fixed = await expectEachFixRemovesItsFinding({
      'k8s/namespace.yaml': namespace,
      'k8s/a.yaml': daemonSet('a', { hostPort: 31010 }),
      'k8s/b.yaml': daemonSet('b', { hostPort: 31010 }),
      'k8s/c.yaml': daemonSet('c', { hostPort: 31000 })
    })
    const duplicate = fixed.find((f) => f.ruleId === 'duplicate-host-port')!
    // 31011 is outside the range and 31000 is taken: back to the range's start, first free.
    expect(duplicate.fix!.replacement.trim()).toBe('hostPort: 31001')
    expect(duplicate.fix!.description).toContain(
      'inside the range 31000-31010 of namespace monitoring'
    )
  })

  it('moves a privileged host port to 8080, and 443 to 8443 (with webPorts: [])', async () => {
    withoutWebPorts()
    const fixed = await expectEachFixRemovesItsFinding({
      'k8s/ingress.yaml': daemonSet('ingress', { hostPort: 443, containerPort: 8443 }),
      'k8s/web.yaml': daemonSet('web', { hostPort: 80, containerPort: 8081, namespace: 'web' })
    })
    expect(fixed.map((f) => f.fix!.replacement.trim())).toEqual([
      'hostPort: 8443',
      'hostPort: 8080'
    ])
  })

  it('rewrites Compose published ports, short and long syntax', async () => {
    const compose = `name: shop
services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:81:8080"
  admin:
    image: shop/admin:2
    ports:
      - target: 9000
        host_ip: 127.0.0.1
        published: 9000
  api:
    image: shop/api:2
    ports:
      - 127.0.0.1:9000:9000/tcp
`
    const fixed = await expectEachFixRemovesItsFinding({ 'compose.yaml': compose })
    expect(fixed.map((f) => [f.ruleId, f.fix!.replacement.trim()])).toEqual([
      ['privileged-port', '- "127.0.0.1:8080:8080"'],
      ['duplicate-host-port', '- 127.0.0.1:9001:9000/tcp']
    ])
  })

  it('writes a protocol in the case Kubernetes accepts', async () => {
    const fixed = await expectEachFixRemovesItsFinding({
      'k8s/dns.yaml': daemonSet('dns', { hostPort: 5353, protocol: 'udp' })
    })
    expect(fixed.map((f) => [f.ruleId, f.fix!.replacement.trim()])).toEqual([
      ['invalid-port', 'protocol: UDP']
    ])
  })

  // From the real corpus (docker/cli's compose loader example): the published range
  // `9090-9091:8080-8081` collides with an earlier 9091; moving "9091" there made the host range
  // 9090-9092 for a container range of two ports, an entry Compose refuses.
  it('offers nothing for a port inside a published range', async () => {
    const compose = `services:
  api:
    image: shop/api:2
    ports:
      - "127.0.0.1:9091:9000"
  metrics:
    image: prom/prometheus:v2.55.0
    ports:
      - "127.0.0.1:9090-9091:8080-8081"
`
    const findings = await scanOf({ 'compose.yaml': compose })
    expect(findings.map((f) => [f.ruleId, f.location.line, f.fix])).toEqual([
      ['duplicate-host-port', 9, undefined]
    ])
  })

  // From the real corpus (dockersamples/example-voting-app): an entry written again in an
  // overlay or an override is one binding; moving the port on one line leaves the other copy on
  // the old port, a binding of its own.
  it('offers nothing for a port an override writes again', async () => {
    withoutWebPorts()
    const service = `services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:80:8080"
`
    const findings = await scanOf({ 'compose.yaml': service, 'compose.override.yaml': service })
    expect(findings.map((f) => [f.ruleId, f.location.file, f.location.line, f.fix])).toEqual([
      ['privileged-port', 'compose.yaml', 5, undefined]
    ])
  })

  it('offers nothing for an interpolated port', async () => {
    const compose = `services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:\${WEB_PORT:-81}:8080"
`
    const findings = await scanOf({ 'compose.yaml': compose })
    expect(findings.map((f) => f.ruleId)).toEqual(['privileged-port'])
    expect(findings[0]!.fix).toBeUndefined()
  })
})

/** Applies a finding's fix as GitHub applies its review suggestion: the whole-line form. */
async function applySuggestion(finding: Finding): Promise<void> {
  const whole = finding.fix!.wholeLines!
  const file = path.join(root, finding.fix!.location.file)
  const lines = (await fs.readFile(file, 'utf8')).split('\n')
  const replacement = whole.text === '' ? [] : whole.text.split('\n')
  lines.splice(whole.line - 1, whole.endLine - whole.line + 1, ...replacement)
  await fs.writeFile(file, lines.join('\n'))
}

describe('suggestions from the rules’ own fixes (whole lines)', () => {
  const compose = [
    'services:',
    '  ssh:',
    '    image: linuxserver/openssh-server:9.7',
    '    ports:',
    '      - 2222:22',
    '  db:',
    '    image: postgres:16',
    '    ports:',
    '      - "5432:5432"',
    '  agent:',
    '    image: grafana/alloy:v1.4',
    '    network_mode: host',
    '    ports:',
    '      - "12345:12345"',
    '    restart: unless-stopped',
    ''
  ].join('\n')

  for (const ruleId of ['unquoted-port', 'unbound-interface', 'host-network-ports']) {
    it(`${ruleId}: the suggestion, applied, makes its finding disappear`, async () => {
      await write({ 'compose.yaml': compose })
      const before = (await run()).findings
        .flatMap(partsOf)
        .filter((f) => f.ruleId === ruleId && f.fix)
      expect(before.length).toBeGreaterThan(0)
      const finding = before[0]!
      expect(finding.fix!.wholeLines).toBeDefined()
      await applySuggestion(finding)
      const after = (await run()).findings.flatMap(partsOf)
      expect(after.map((f) => f.identity)).not.toContain(finding.identity)
      expect(after.filter((f) => f.ruleId === 'parse-error')).toEqual([])
    })
  }

  it('an unquoted port becomes the quoted line, indentation kept', async () => {
    await write({ 'compose.yaml': compose })
    const finding = (await run()).findings
      .flatMap(partsOf)
      .find((f) => f.ruleId === 'unquoted-port')!
    expect(finding.fix!.wholeLines).toEqual({ line: 5, endLine: 5, text: '      - "2222:22"' })
  })

  it('removed lines are an empty suggestion over exactly those lines', async () => {
    await write({ 'compose.yaml': compose })
    const finding = (await run()).findings
      .flatMap(partsOf)
      .find((f) => f.ruleId === 'host-network-ports')!
    expect(finding.fix!.wholeLines).toEqual({ line: 13, endLine: 14, text: '' })
  })
})
