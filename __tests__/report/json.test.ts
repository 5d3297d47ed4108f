// The JSON report: versioned, documented (docs/json-report.md), valid against
// schema/report.schema.json, and carrying the whole port model.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import packageJson from '../../package.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { buildJsonReport, renderJson } from '../../src/report/json.js'
import type { ConflictGroup, ConflictMember, PortBinding, ServicePort } from '../../src/model.js'
import { validate } from '../config/json-schema.js'
import { at, composeService, finding, k8sObject, scanResult } from '../helpers/result.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const schema = JSON.parse(
  readFileSync(path.join(projectRoot, 'schema/report.schema.json'), 'utf8')
) as Record<string, unknown>

const exporter = k8sObject('DaemonSet', 'monitoring', 'node-exporter')
const web = composeService('shop', 'web', 'compose/compose.yaml')

function kubernetesBinding(): PortBinding {
  return {
    format: 'kubernetes',
    location: at('k8s/node-exporter.yaml', 25, 15),
    hostPortLocation: at('k8s/node-exporter.yaml', 25, 15),
    object: exporter,
    container: 'node-exporter',
    containerKind: 'container',
    hostIP: '',
    hostPort: { start: 9100, end: 9100 },
    containerPort: { start: 9100, end: 9100 },
    protocol: 'tcp',
    name: 'metrics',
    hostNetwork: true,
    addedCapabilities: []
  }
}

function composeBinding(): PortBinding {
  return {
    format: 'compose',
    location: at('compose/compose.yaml', 9, 9),
    object: web,
    container: 'web',
    containerKind: 'container',
    hostIP: '127.0.0.1',
    hostPort: { start: 8080, end: 8080 },
    containerPort: { start: 80, end: 80 },
    protocol: 'tcp',
    hostNetwork: false,
    addedCapabilities: ['NET_ADMIN'],
    raw: '127.0.0.1:${PORT:-8080}:80',
    interpolated: true
  }
}

function service(): ServicePort {
  return {
    location: at('k8s/shop.yaml', 44, 7),
    object: { format: 'kubernetes', kind: 'Service', namespace: 'team-alpha', name: 'shop' },
    serviceType: 'NodePort',
    port: 30080,
    portLocation: { ...at('k8s/shop.yaml', 45, 7), endLine: 45, endColumn: 11 },
    targetPort: 'http',
    nodePort: 32080,
    nodePortLocation: { ...at('k8s/shop.yaml', 47, 7), endLine: 47, endColumn: 15 },
    protocol: 'TCP',
    name: 'http',
    selector: { app: 'shop' }
  }
}

function exporterConflict(): ConflictGroup {
  const member = (file: string, line: number, name: string): ConflictMember => ({
    location: at(file, line, 15),
    object: { format: 'kubernetes', kind: 'DaemonSet', namespace: 'monitoring', name },
    container: 'exporter',
    hostIP: '',
    ports: { start: 9100, end: 9100 }
  })
  return {
    id: 'kubernetes/tcp/9100',
    format: 'kubernetes',
    nodeScope: null,
    protocol: 'tcp',
    ports: { start: 9100, end: 9100 },
    certainty: 'certain',
    members: [
      member('k8s/gpu-exporter.yaml', 23, 'gpu-exporter'),
      member('k8s/node-exporter.yaml', 25, 'node-exporter')
    ]
  }
}

function sampleResult() {
  const result = scanResult({
    findings: [
      finding({
        ruleId: 'duplicate-host-port',
        message: 'Host port 9100/TCP is claimed twice',
        location: at('k8s/node-exporter.yaml', 25, 15),
        related: [{ location: at('k8s/gpu-exporter.yaml', 23, 15), message: 'the other claim' }],
        object: exporter,
        fingerprint: '0123456789abcdef0123456789abcdef',
        conflict: 'kubernetes/tcp/9100'
      }),
      finding({
        ruleId: 'privileged-container-port',
        severity: 'warning',
        location: at('k8s/shop.yaml', 20, 15),
        fingerprint: 'fedcba9876543210fedcba9876543210'
      })
    ],
    suppressed: [
      finding({
        ruleId: 'privileged-port',
        location: at('k8s/ingress.yaml', 30, 15),
        fingerprint: '00000000000000000000000000000001',
        suppressedBy: {
          kind: 'comment',
          reason: 'edge nodes',
          location: at('k8s/ingress.yaml', 29, 15)
        }
      })
    ],
    files: [
      { file: 'k8s/shop.yaml' },
      { file: 'compose/compose.yaml', format: 'compose' },
      { file: 'k8s/node-exporter.yaml' }
    ]
  })
  // In scan order (Compose after Kubernetes); the report sorts by position.
  result.model.bindings.push(kubernetesBinding(), composeBinding())
  result.model.services.push(service())
  result.model.namespaces.push({
    name: 'team-alpha',
    location: at('k8s/namespaces.yaml', 3, 1),
    annotations: { 'port-range': '30000-30999' },
    portRange: { min: 30000, max: 30999, location: at('k8s/namespaces.yaml', 8, 17) }
  })
  result.model.composeProjects.push({
    name: 'shop',
    files: ['compose/compose.yaml', 'compose/compose.override.yaml']
  })
  result.model.skippedFiles.push({ file: 'k8s/secrets.enc.yaml', reason: 'not a text file' })
  result.conflicts.push(exporterConflict())
  return result
}

describe('renderJson', () => {
  const report = buildJsonReport(sampleResult(), {
    toolVersion: '1.2.3',
    configFile: '.github/port-hygiene.yml'
  })

  it('is valid against schema/report.schema.json', () => {
    expect(
      validate(schema, JSON.parse(renderJson(sampleResult(), { toolVersion: '1.2.3' })))
    ).toEqual([])
  })

  it('is versioned and names the tool', () => {
    expect(report.schemaVersion).toBe(2)
    expect(report.tool).toEqual({
      name: 'port-hygiene',
      version: '1.2.3',
      informationUri: 'https://github.com/port-hygiene/port-hygiene'
    })
    expect(report.configFile).toBe('.github/port-hygiene.yml')
  })

  it('counts', () => {
    expect(report.summary).toEqual({
      files: 3,
      findings: 2,
      errors: 1,
      warnings: 1,
      notices: 0,
      suppressed: 1,
      bindings: 2,
      services: 1
    })
  })

  it('carries each finding with its location, related places, fingerprint and docs link', () => {
    expect(report.findings[0]).toEqual({
      ruleId: 'duplicate-host-port',
      severity: 'error',
      message: 'Host port 9100/TCP is claimed twice',
      location: { file: 'k8s/node-exporter.yaml', line: 25, column: 15 },
      related: [
        {
          location: { file: 'k8s/gpu-exporter.yaml', line: 23, column: 15 },
          message: 'the other claim'
        }
      ],
      fingerprint: '0123456789abcdef0123456789abcdef',
      identity: expect.stringMatching(/^[0-9a-f]{32}$/),
      state: null,
      // The docs of the release in use: the tag v<version> of package.json.
      helpUri: `https://github.com/port-hygiene/port-hygiene/blob/v${packageJson.version}/docs/rules/duplicate-host-port.md`,
      object: {
        format: 'kubernetes',
        kind: 'DaemonSet',
        namespace: 'monitoring',
        name: 'node-exporter'
      },
      fix: null,
      suppressedBy: null,
      conflict: 'kubernetes/tcp/9100',
      // Nothing merged into it: its own rule only.
      ruleIds: ['duplicate-host-port'],
      also: [],
      copies: []
    })
  })

  it('lists each conflict group once, with every member', () => {
    expect(report.conflicts).toEqual([
      {
        id: 'kubernetes/tcp/9100',
        format: 'kubernetes',
        nodeScope: null,
        protocol: 'tcp',
        ports: { start: 9100, end: 9100 },
        certainty: 'certain',
        members: [
          {
            file: 'k8s/gpu-exporter.yaml',
            line: 23,
            column: 15,
            object: {
              format: 'kubernetes',
              kind: 'DaemonSet',
              namespace: 'monitoring',
              name: 'gpu-exporter'
            },
            container: 'exporter',
            hostIP: '',
            ports: { start: 9100, end: 9100 }
          },
          expect.objectContaining({ file: 'k8s/node-exporter.yaml', line: 25 })
        ]
      }
    ])
  })

  it('keeps suppressed findings apart, with who suppressed them and why', () => {
    expect(report.suppressed).toHaveLength(1)
    expect(report.suppressed[0]!.suppressedBy).toEqual({
      kind: 'comment',
      reason: 'edge nodes',
      location: { file: 'k8s/ingress.yaml', line: 29, column: 15 }
    })
  })

  it('carries every binding with file, line, column, object, container, host IP, ports and protocol', () => {
    expect(report.model.bindings).toEqual([
      {
        format: 'compose',
        file: 'compose/compose.yaml',
        line: 9,
        column: 9,
        object: {
          format: 'compose',
          project: 'shop',
          service: 'web',
          projectFile: 'compose/compose.yaml'
        },
        container: 'web',
        containerKind: 'container',
        hostIP: '127.0.0.1',
        hostPort: { start: 8080, end: 8080 },
        // Short syntax: no key of its own to point at.
        hostPortAt: null,
        containerPort: { start: 80, end: 80 },
        containerPortAt: null,
        protocol: 'tcp',
        name: null,
        hostNetwork: false,
        addedCapabilities: ['NET_ADMIN'],
        raw: '127.0.0.1:${PORT:-8080}:80',
        interpolated: true,
        unresolved: false,
        replicas: null,
        profiles: [],
        mode: null
      },
      expect.objectContaining({
        format: 'kubernetes',
        file: 'k8s/node-exporter.yaml',
        line: 25,
        column: 15,
        container: 'node-exporter',
        hostPort: { start: 9100, end: 9100 },
        hostPortAt: { line: 25, column: 15 },
        containerPortAt: null,
        hostNetwork: true,
        name: 'metrics'
      })
    ])
  })

  it('gives a key position only in the file of its item (a place elsewhere is left out, not misfiled)', () => {
    const result = sampleResult()
    result.model.bindings[0]!.containerPortLocation = at('k8s/other.yaml', 3, 5)
    const [, kubernetes] = buildJsonReport(result, { toolVersion: '1.2.3' }).model.bindings
    expect(kubernetes).toMatchObject({
      hostPortAt: { line: 25, column: 15 },
      containerPortAt: null
    })
  })

  it('carries Service ports with their nodePort, namespaces, Compose projects and skipped files', () => {
    expect(report.model.services).toEqual([
      {
        file: 'k8s/shop.yaml',
        line: 44,
        column: 7,
        object: { format: 'kubernetes', kind: 'Service', namespace: 'team-alpha', name: 'shop' },
        serviceType: 'NodePort',
        name: 'http',
        port: 30080,
        portAt: { line: 45, column: 7, endLine: 45, endColumn: 11 },
        targetPort: 'http',
        // Not written as its own key: null, never missing.
        targetPortAt: null,
        nodePort: 32080,
        nodePortAt: { line: 47, column: 7, endLine: 47, endColumn: 15 },
        protocol: 'TCP',
        selector: { app: 'shop' }
      }
    ])
    expect(report.model.namespaces).toEqual([
      {
        name: 'team-alpha',
        location: { file: 'k8s/namespaces.yaml', line: 3, column: 1 },
        annotations: { 'port-range': '30000-30999' },
        portRange: { min: 30000, max: 30999 }
      }
    ])
    expect(report.model.composeProjects).toEqual([
      { name: 'shop', files: ['compose/compose.yaml', 'compose/compose.override.yaml'] }
    ])
    expect(report.model.skippedFiles).toEqual([
      { file: 'k8s/secrets.enc.yaml', reason: 'not a text file' }
    ])
    expect(report.model.files.map((file) => file.file)).toEqual([
      'compose/compose.yaml',
      'k8s/node-exporter.yaml',
      'k8s/shop.yaml'
    ])
  })

  it('is deterministic and ends with a new line', () => {
    const once = renderJson(sampleResult(), { toolVersion: '1.2.3' })
    expect(renderJson(sampleResult(), { toolVersion: '1.2.3' })).toBe(once)
    expect(once.endsWith('}\n')).toBe(true)
    expect(JSON.parse(once).configFile).toBeNull()
  })

  it('an empty scan is a valid report', () => {
    const text = renderJson(scanResult(), { toolVersion: '0.0.0' })
    expect(validate(schema, JSON.parse(text))).toEqual([])
    expect(JSON.parse(text).findings).toEqual([])
  })

  it('documents every field it writes (docs/json-report.md names each top-level and binding field)', () => {
    const docs = readFileSync(path.join(projectRoot, 'docs/json-report.md'), 'utf8')
    const fields = [
      ...Object.keys(report),
      ...Object.keys(report.summary),
      ...Object.keys(report.findings[0]!),
      ...Object.keys(report.conflicts[0]!),
      ...Object.keys(report.conflicts[0]!.members[0]!),
      ...Object.keys(report.model),
      ...Object.keys(report.model.bindings[0]!),
      ...Object.keys(report.model.services[0]!)
    ]
    for (const field of new Set(fields))
      expect(docs, field).toMatch(new RegExp(`\`(model\\.)?${field}\``))
  })
})
