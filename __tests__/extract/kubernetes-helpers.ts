// Shared by the Kubernetes loader tests: read a fixture (or inline YAML) the way the engine does —
// parse, then extract — and give back the model part with short views for assertions.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { extractKubernetes } from '../../src/extract/kubernetes.js'
import type {
  InvalidPort,
  KubernetesObjectRef,
  PortBinding,
  ScanModel,
  SourceLocation
} from '../../src/model.js'
import { parseYamlFile } from '../../src/parse/yaml.js'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const FIXTURES = '__tests__/fixtures/kubernetes'

export type KubernetesPart = Required<
  Pick<
    ScanModel,
    'bindings' | 'services' | 'podTemplates' | 'namespaces' | 'invalidPorts' | 'parseErrors'
  >
>

function complete(part: Partial<ScanModel>): KubernetesPart {
  return {
    bindings: part.bindings ?? [],
    services: part.services ?? [],
    podTemplates: part.podTemplates ?? [],
    namespaces: part.namespaces ?? [],
    invalidPorts: part.invalidPorts ?? [],
    parseErrors: part.parseErrors ?? []
  }
}

/** A fixture by name, with its path relative to the repository root (as a scan of the repo gives it). */
export function loadFixture(name: string): KubernetesPart & { file: string } {
  const file = `${FIXTURES}/${name}`
  const text = readFileSync(path.join(ROOT, file), 'utf8')
  return { file, ...complete(extractKubernetes(parseYamlFile(file, text))) }
}

export function extractText(text: string, file = 'inline.yaml'): KubernetesPart {
  return complete(extractKubernetes(parseYamlFile(file, text)))
}

/** `line:column` of a location, or '-' — compact for table-like assertions. */
export function pos(location: SourceLocation | undefined): string {
  return location ? `${location.line}:${location.column}` : '-'
}

/** The facts of a binding a reader checks, without the noise of end positions. */
export function view(binding: PortBinding) {
  return {
    container: binding.container,
    kind: binding.containerKind,
    containerPort: binding.containerPort?.start,
    hostPort: binding.hostPort?.start,
    hostIP: binding.hostIP,
    protocol: binding.protocol,
    name: binding.name,
    at: pos(binding.location),
    hostAt: pos(binding.hostPortLocation),
    containerAt: pos(binding.containerPortLocation)
  }
}

export function invalidView(invalid: InvalidPort) {
  return {
    at: pos(invalid.location),
    value: invalid.value,
    message: invalid.message,
    ...(invalid.rule ? { rule: invalid.rule } : {})
  }
}

/** The Kubernetes object of a binding (the loader only makes Kubernetes ones). */
export function kubeRef(binding: PortBinding): KubernetesObjectRef {
  if (binding.object.format !== 'kubernetes') throw new Error('not a Kubernetes binding')
  return binding.object
}
