// What the document pre-filter leaves out, and what a left-out document still reports.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config/types.js'
import { scan, type ScanResult } from '../../src/engine.js'
import { prefilter } from '../../src/parse/prefilter.js'

const scratch: string[] = []
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

async function scanTree(files: Record<string, string>, usePrefilter = true): Promise<ScanResult> {
  const root = mkdtempSync(path.join(tmpdir(), 'port-hygiene-prefilter-'))
  scratch.push(root)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }
  return scan({ root, paths: [], config: defaultConfig(), env: {}, prefilter: usePrefilter })
}

const seen = (result: ScanResult) =>
  result.findings.map(
    (f) => `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column}`
  )

const CONFIG_MAP = `---
# Source: edge/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: edge-config
data:
  nginx.conf: |
    worker_processes auto;
    events { worker_connections 1024; }
`

// hostPort 444: a privileged-port finding (443 is allowed by default).
const DAEMON_SET = `---
# Source: edge/templates/daemonset.yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: edge
spec:
  selector:
    matchLabels: { app: edge }
  template:
    metadata:
      labels: { app: edge }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 443
              hostPort: 444
`

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gateways.example.com
spec:
  group: example.com
  names: { kind: Gateway, plural: gateways }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            containers:
              type: array
              items:
                properties:
                  ports:
                    items:
                      properties:
                        hostPort: { type: integer, format: int32 }
`

describe('prefilter()', () => {
  it('leaves out a ConfigMap and keeps the DaemonSet on its own lines', () => {
    const text = CONFIG_MAP + DAEMON_SET
    const filtered = prefilter(text)!
    expect(filtered.skippedDocuments).toBe(1)
    expect(filtered.skippedKubernetes).toBe(true)
    expect(filtered.text.split('\n')).toHaveLength(text.split('\n').length)
    expect(filtered.text).not.toContain('ConfigMap')
    expect(filtered.text.split('\n').slice(10).join('\n')).toBe(DAEMON_SET.slice(0, -1) + '\n')
  })

  it('never parses a CustomResourceDefinition, though its schema names ports', () => {
    expect(prefilter(CRD)?.skippedDocuments).toBe(1)
  })

  it('never parses an admission policy, though its CEL reads containers and host ports', () => {
    const policy = [
      'apiVersion: admissionregistration.k8s.io/v1',
      'kind: ValidatingAdmissionPolicy',
      'metadata:',
      '  name: port-hygiene-pods',
      'spec:',
      '  variables:',
      '    - name: containers',
      '      expression: "has(object.spec.containers) ? object.spec.containers : []"',
      '  validations:',
      '    - expression: "!variables.containers.exists(c, has(c.ports) && c.ports.exists(p, (has(p.hostPort) ? p.hostPort : 0) == 22))"',
      "      messageExpression: \"'hostPort ' + string(22) + ' is held by sshd'\"",
      ''
    ].join('\n')
    expect(prefilter(policy)?.skippedDocuments).toBe(1)
    expect(prefilter(policy.replace('Validating', 'Mutating'))?.skippedDocuments).toBe(1)
    // The same kind name in another API group is read like any other object.
    expect(prefilter(policy.replace('admissionregistration.k8s.io', 'example.com'))).toBeUndefined()
    // A second top-level kind makes the document something else: it is parsed.
    expect(prefilter(policy + 'kind: Pod\n')).toBeUndefined()
  })

  it('leaves out a List whose items hold nothing a rule reads', () => {
    const dashboards =
      'apiVersion: v1\nkind: ConfigMapList\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    data: { a.json: "{}" }\n'
    expect(prefilter(dashboards)?.skippedDocuments).toBe(1)
  })

  it('leaves out a CRD with a quote under-indented as libyaml allows (parsing repairs it)', () => {
    const crd = CRD.replace(
      'properties:\n            containers:',
      "properties:\n            mode:\n              description: 'one\n            two'\n            containers:"
    )
    expect(crd).toContain("'one\n            two'")
    expect(prefilter(crd)?.skippedDocuments).toBe(1)
  })

  it('keeps documents of the kinds and keys rules read', () => {
    const keep = [
      'apiVersion: v1\nkind: Service\nmetadata: { name: web }\n',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: team-a }\n',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: web }\n',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny }\n',
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: web }\n',
      'apiVersion: example.com/v1\nkind: Widget\nspec:\n  containers: []\n',
      'apiVersion: example.com/v1\nkind: Widget\nspec:\n  healthCheckPort: 8080\n',
      'apiVersion: example.com/v1\nkind: Widget\nspec: {"hostNetwork": true}\n',
      'x-defaults:\n  network_mode: host\n',
      '  apiVersion: v1\n  kind: ConfigMap\n',
      '{"apiVersion": "v1", "kind": "ConfigMap"}\n'
    ]
    for (const text of keep) expect(prefilter(text), text).toBeUndefined()
  })
})

describe('a scan with the pre-filter', () => {
  it('reports the DaemonSet after a left-out ConfigMap on the same line as without it', async () => {
    const files = { 'chart/rendered.yaml': CONFIG_MAP + DAEMON_SET }
    const filtered = await scanTree(files)
    expect(seen(filtered)).toContain('privileged-port chart/rendered.yaml:29:15')
    expect(seen(filtered)).toEqual(seen(await scanTree(files, false)))
    expect(filtered.model.files).toEqual([
      { file: 'chart/rendered.yaml', format: 'kubernetes', documents: 2 }
    ])
  })

  it('counts a file of CRDs as a Kubernetes file with its documents, and finds no port in them', async () => {
    const result = await scanTree({ 'crds/gateway.yaml': `${CRD}---\n${CRD}` })
    expect(result.findings).toEqual([])
    expect(result.model.bindings).toEqual([])
    expect(result.model.files).toEqual([
      { file: 'crds/gateway.yaml', format: 'kubernetes', documents: 2 }
    ])
  })

  it('still reports an unclosed quote in a left-out document, where a scan without it does', async () => {
    const files = {
      'ci/workflow.yml': `name: ci\non: push\njobs:\n  test:\n    runs-on: 'ubuntu-latest\n---\nname: other\n`
    }
    const filtered = await scanTree(files)
    expect(seen(filtered)).toEqual(['parse-error ci/workflow.yml:5:14'])
    expect(filtered.findings).toEqual((await scanTree(files, false)).findings)
  })

  it('still reports an unclosed flow sequence in a left-out document', async () => {
    const files = { 'values.yaml': 'image:\n  tag: [1, 2\nreplicas: 1\n' }
    const filtered = await scanTree(files)
    expect(seen(filtered).map((line) => line.split(' ')[0])).toEqual(['parse-error'])
    expect(filtered.findings).toEqual((await scanTree(files, false)).findings)
  })

  it('does not report other syntax errors of a document that holds no port (documented)', async () => {
    const files = { 'locales/en.yml': 'en:\n  title: Save: now\n' }
    expect(seen(await scanTree(files, false))).toEqual(['parse-error locales/en.yml:2:10'])
    const filtered = await scanTree(files)
    expect(filtered.findings).toEqual([])
    expect(filtered.model.files).toEqual([
      { file: 'locales/en.yml', format: 'other', documents: 1 }
    ])
  })

  it('still checks a suppression comment inside a left-out document', async () => {
    const files = {
      'chart/values.yaml': 'image:\n  # port-hygiene-ignore no-such-rule: typo\n  tag: "1.2"\n'
    }
    const filtered = await scanTree(files)
    expect(seen(filtered)).toEqual(['invalid-suppression chart/values.yaml:2:3'])
    expect(filtered.findings).toEqual((await scanTree(files, false)).findings)
  })

  it('never filters a Compose file by its name: an override with only x- anchors still merges', async () => {
    const files = {
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n',
      'compose.override.yaml': 'x-note: nothing here but an anchor\nname: shop\n'
    }
    const filtered = await scanTree(files)
    expect(filtered.model.composeProjects).toEqual(
      (await scanTree(files, false)).model.composeProjects
    )
    expect(filtered.model.composeProjects[0]?.name).toBe('shop')
  })
})
