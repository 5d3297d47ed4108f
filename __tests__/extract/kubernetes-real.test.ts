// Smoke test on real manifests: every file that ../shared/corpus/real/INDEX.tsv classes as `k8s`
// (1,393 files from public repositories) is parsed and extracted with no throw. The corpus is read
// in place, never copied; without it this suite is skipped.
//
// Facts restated from ../shared/corpus/real/NOTABLE.md ("True positives" and "False-positive traps"),
// paths relative to corpus/real/:
// - nginx__kubernetes-ingress/deployments/daemon-set/nginx-ingress.yaml and nginx-plus-ingress.yaml:
//   DaemonSet nginx-ingress, hostPort 80 and 443;
// - kubernetes__ingress-nginx/deploy/static/provider/kind/deploy.yaml and
//   docs/examples/static-ip/nginx-ingress-controller.yaml: Deployment ingress-nginx-controller,
//   container controller, hostPort 80 and 443;
// - kubernetes__examples/_archived/volumes/flocker/flocker-pod-with-rc.yml: ReplicationController
//   flocker-ghost, hostPort 80;
// - haproxytech__kubernetes-ingress/deploy/haproxy-ingress-daemonset.yaml: hostPort 1024 (the
//   off-by-one boundary of privileged-port), also 8080 and 8443;
// - prometheus-operator__kube-prometheus/manifests/nodeExporter-daemonset.yaml: hostNetwork, 9100;
// - traps: kind cluster configs (extraPortMappings) and CRD schemas declaring hostPort are no pods.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { PortBinding } from '../../src/model.js'
import { extractKubernetes } from '../../src/extract/kubernetes.js'
import { parseYamlFile } from '../../src/parse/yaml.js'
import { ROOT, type KubernetesPart } from './kubernetes-helpers.js'

const REAL = path.resolve(ROOT, '../shared/corpus/real')
const INDEX = path.join(REAL, 'INDEX.tsv')
const present = existsSync(INDEX)
if (!present) console.warn(`skipping the Kubernetes real-corpus smoke test: ${INDEX} is absent`)

const extracted = new Map<string, KubernetesPart>()

function kubernetesFiles(): string[] {
  return readFileSync(INDEX, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([, kind]) => kind === 'k8s')
    .map(([file]) => file!)
}

function hostPortsOf(file: string): number[] {
  const part = extracted.get(file)
  if (!part) throw new Error(`${file} was not extracted`)
  return part.bindings.flatMap((binding: PortBinding) =>
    binding.hostPort ? [binding.hostPort.start] : []
  )
}

describe.skipIf(!present)('real Kubernetes manifests (../shared/corpus/real)', () => {
  beforeAll(() => {
    for (const file of kubernetesFiles()) {
      const parsed = parseYamlFile(file, readFileSync(path.join(REAL, file), 'utf8'))
      const part = extractKubernetes(parsed)
      extracted.set(file, {
        bindings: part.bindings ?? [],
        services: part.services ?? [],
        podTemplates: part.podTemplates ?? [],
        namespaces: part.namespaces ?? [],
        invalidPorts: part.invalidPorts ?? [],
        parseErrors: part.parseErrors ?? []
      })
    }
  }, 120_000)

  it('extracts all 1,393 k8s files without a throw or a loader error', () => {
    expect(extracted.size).toBe(1393)
    const loaderErrors = [...extracted.values()].flatMap((part) => part.parseErrors)
    expect(loaderErrors).toEqual([])
    const bindings = [...extracted.values()].reduce((sum, part) => sum + part.bindings.length, 0)
    expect(bindings).toBeGreaterThan(700)
  })

  it.each([
    ['nginx__kubernetes-ingress/deployments/daemon-set/nginx-ingress.yaml', [80, 443]],
    ['nginx__kubernetes-ingress/deployments/daemon-set/nginx-plus-ingress.yaml', [80, 443]],
    ['kubernetes__ingress-nginx/deploy/static/provider/kind/deploy.yaml', [80, 443]],
    ['kubernetes__ingress-nginx/docs/examples/static-ip/nginx-ingress-controller.yaml', [80, 443]],
    ['kubernetes__examples/_archived/volumes/flocker/flocker-pod-with-rc.yml', [80]],
    ['haproxytech__kubernetes-ingress/deploy/haproxy-ingress-daemonset.yaml', [1024, 8080, 8443]],
    ['prometheus-operator__kube-prometheus/manifests/nodeExporter-daemonset.yaml', [9100]]
  ])('%s binds host ports %j', (file, ports) => {
    expect(hostPortsOf(file).sort((a, b) => a - b)).toEqual(ports)
  })

  it('the hostNetwork node-exporter binds 9100 through hostNetwork', () => {
    const [binding] = extracted.get(
      'prometheus-operator__kube-prometheus/manifests/nodeExporter-daemonset.yaml'
    )!.bindings
    expect(binding).toMatchObject({ hostNetwork: true, object: { kind: 'DaemonSet' } })
  })

  it('CRD schemas declaring hostPort yield no bindings and no invalid ports', () => {
    const crds = [...extracted.entries()].filter(([file]) => /CustomResourceDefinition/.test(file))
    expect(crds.length).toBeGreaterThan(0)
    for (const [, part] of crds) {
      expect(part.bindings).toEqual([])
      expect(part.invalidPorts).toEqual([])
    }
  })

  it('the kind cluster config yields no pod, only host bindings of the developer machine', () => {
    const file = 'haproxytech__kubernetes-ingress/deploy/tests/kind-config.yaml'
    const part = extractKubernetes(parseYamlFile(file, readFileSync(path.join(REAL, file), 'utf8')))
    // extraPortMappings bind the developer's host (src/extract/dev-cluster/), never a node's.
    expect(part.bindings!.length).toBeGreaterThan(0)
    for (const binding of part.bindings!) {
      expect(binding.format).toBe('compose')
      expect(binding.object).toMatchObject({ devCluster: { tool: 'kind' } })
    }
    expect(part.podTemplates).toEqual([])
    expect(part.invalidPorts).toEqual([])
  })

  it('no false alarm: the only invalid ports are the two real `protocol: tcp` Pods', () => {
    const invalid = [...extracted.values()].flatMap((part) =>
      part.invalidPorts.map((each) => `${each.location.file}:${each.location.line} ${each.value}`)
    )
    // Both are rejected by the API server: protocols are case-sensitive (TCP, UDP, SCTP).
    expect(invalid).toEqual([
      'kubernetes__examples/_archived/volumes/aws_ebs/aws-ebs-web.yaml:12 tcp',
      'kubernetes__examples/_archived/volumes/cinder/cinder-web.yaml:12 tcp'
    ])
  })
})
