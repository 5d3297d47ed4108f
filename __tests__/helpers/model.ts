// A small typed builder for rule tests: real-looking bindings with the positions the loaders
// give them, without going through YAML. Positions follow the manifests the tests describe:
//
//   Kubernetes (item at column 11):          Compose short syntax (item at column 9):
//       - containerPort: 80      ← line          - "8080:80"              ← line
//         hostPort: 80           ← line + 1
import { defaultOptions } from '../../src/config/options.js'
import {
  emptyModel,
  type AnnotationSuppression,
  type ComposeServiceRef,
  type ContainerKind,
  type Finding,
  type KubernetesObjectRef,
  type PortBinding,
  type PortRange,
  type ScanModel,
  type ServicePort,
  type Severity,
  type SourceLocation
} from '../../src/model.js'
import type { RangeConfig, ScopeConfig } from '../../src/config/types.js'
import type { Rule } from '../../src/rules/rule.js'
import { partsOf } from '../../src/rules/merge-findings.js'
import { sortFindings } from '../../src/rules/run.js'

export function at(file: string, line: number, column: number): SourceLocation {
  return { file, line, column }
}

function range(port: number | [number, number] | undefined): PortRange | undefined {
  if (port === undefined) return undefined
  return typeof port === 'number' ? { start: port, end: port } : { start: port[0], end: port[1] }
}

export interface KubeObjectSpec {
  kind?: string
  namespace?: string
  name?: string
  ignore?: AnnotationSuppression
}

export function kubeObject(spec: KubeObjectSpec = {}): KubernetesObjectRef {
  const object: KubernetesObjectRef = {
    format: 'kubernetes',
    kind: spec.kind ?? 'Deployment',
    namespace: spec.namespace ?? 'default',
    name: spec.name ?? 'web'
  }
  if (spec.ignore) object.ignore = spec.ignore
  return object
}

export interface KubePortSpec extends KubeObjectSpec {
  file: string
  /** Line of the `- containerPort:` item; `hostPort:` is on the next line. */
  line: number
  container?: string
  containerKind?: ContainerKind
  containerPort: number
  hostPort?: number
  hostIP?: string
  protocol?: string
  hostNetwork?: boolean
  capabilities?: string[]
  unprivilegedPortStart?: number
  runsAs?: 'root' | 'non-root'
  windows?: boolean
}

export function kubePort(spec: KubePortSpec): PortBinding {
  const binding: PortBinding = {
    format: 'kubernetes',
    location: at(spec.file, spec.line, 11),
    containerPortLocation: at(spec.file, spec.line, 13),
    object: kubeObject(spec),
    container: spec.container ?? 'app',
    containerKind: spec.containerKind ?? 'container',
    hostIP: spec.hostIP ?? '',
    containerPort: range(spec.containerPort),
    protocol: (spec.protocol ?? 'tcp').toLowerCase(),
    hostNetwork: spec.hostNetwork ?? false,
    addedCapabilities: spec.capabilities ?? []
  }
  // As the loader does: hostNetwork defaults hostPort to containerPort, located at that key.
  if (spec.hostPort !== undefined) {
    binding.hostPort = range(spec.hostPort)
    binding.hostPortLocation = at(spec.file, spec.line + 1, 13)
  } else if (spec.hostNetwork) {
    binding.hostPort = range(spec.containerPort)
    binding.hostPortLocation = binding.containerPortLocation
  }
  if (spec.unprivilegedPortStart !== undefined) {
    binding.unprivilegedPortStart = spec.unprivilegedPortStart
  }
  if (spec.runsAs) binding.runsAs = spec.runsAs
  if (spec.windows) binding.windows = true
  return binding
}

export interface ComposePortSpec {
  file: string
  /** Line of the `- "8080:80"` item. */
  line: number
  service?: string
  project?: string
  /** Defaults to the file. */
  projectFile?: string
  published?: number | [number, number]
  target: number | [number, number]
  hostIP?: string
  protocol?: string
  hostNetwork?: boolean
  capabilities?: string[]
  profiles?: string[]
  raw?: string
  unresolved?: boolean
  runsAs?: 'root' | 'non-root'
}

export function composePort(spec: ComposePortSpec): PortBinding {
  const object: ComposeServiceRef = {
    format: 'compose',
    project: spec.project ?? 'shop',
    service: spec.service ?? 'web',
    projectFile: spec.projectFile ?? spec.file
  }
  const location = at(spec.file, spec.line, 9)
  const binding: PortBinding = {
    format: 'compose',
    location,
    containerPortLocation: location,
    object,
    container: object.service,
    containerKind: 'container',
    hostIP: spec.hostIP ?? '',
    containerPort: range(spec.target),
    protocol: (spec.protocol ?? 'tcp').toLowerCase(),
    hostNetwork: spec.hostNetwork ?? false,
    addedCapabilities: spec.capabilities ?? []
  }
  if (spec.published !== undefined) {
    binding.hostPort = range(spec.published)
    binding.hostPortLocation = location
  }
  if (spec.profiles) binding.profiles = spec.profiles
  if (spec.raw) binding.raw = spec.raw
  if (spec.unresolved) binding.unresolved = true
  if (spec.runsAs) binding.runsAs = spec.runsAs
  return binding
}

export interface ServicePortSpec extends KubeObjectSpec {
  file: string
  /** Line of the `- port:` item; `nodePort:` is on the next line. */
  line: number
  port?: number
  nodePort?: number
  type?: string
  protocol?: string
}

export function servicePort(spec: ServicePortSpec): ServicePort {
  const service: ServicePort = {
    location: at(spec.file, spec.line, 5),
    object: kubeObject({ kind: 'Service', name: 'api', ...spec }),
    serviceType: spec.type ?? 'ClusterIP',
    protocol: spec.protocol ?? 'TCP',
    selector: {}
  }
  if (spec.port !== undefined) {
    service.port = spec.port
    service.portLocation = at(spec.file, spec.line, 7)
  }
  if (spec.nodePort !== undefined) {
    service.nodePort = spec.nodePort
    service.nodePortLocation = at(spec.file, spec.line + 1, 7)
  }
  return service
}

export function model(parts: Partial<ScanModel> = {}): ScanModel {
  return { ...emptyModel(), ...parts }
}

export function noRanges(): RangeConfig {
  return { namespaces: {}, paths: [], projects: {} }
}

export interface CheckOptions<Options> {
  options?: Options
  ranges?: RangeConfig
  scopes?: ScopeConfig
}

/** What a test asserts about a finding: everything a reader sees, and nothing volatile. */
export type SeenFinding = Pick<Finding, 'ruleId' | 'severity' | 'message'> & {
  file: string
  line: number
  column: number
}

/** Runs one rule's check the way run.ts does (default severity, lowered per finding). */
export function check<Options>(
  rule: Rule<Options>,
  scanModel: ScanModel,
  context: CheckOptions<Options> = {}
): SeenFinding[] {
  const results = rule.check(scanModel, {
    options: context.options ?? defaultOptions(rule.options),
    ranges: context.ranges ?? noRanges(),
    scopes: context.scopes ?? { nodeScopes: [] }
  })
  return results.map((result) => ({
    ruleId: rule.meta.id,
    severity: lower(rule.meta.defaultSeverity, result.severity),
    message: result.message,
    file: result.location.file,
    line: result.location.line,
    column: result.location.column
  }))
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

function lower(configured: Severity, wanted: Severity | undefined): Severity {
  return wanted && ORDER[wanted] > ORDER[configured] ? wanted : configured
}

/**
 * Findings reduced to what tests assert: as the engine reports them (merged, one per line), or,
 * given a rule, that rule's findings as it gave them (every part of a merged finding, in order).
 */
export function seen(findings: readonly Finding[], ruleId?: string): SeenFinding[] {
  const list =
    ruleId === undefined
      ? findings
      : sortFindings(findings.flatMap(partsOf).filter((finding) => finding.ruleId === ruleId))
  return list.map((finding) => ({
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.location.file,
    line: finding.location.line,
    column: finding.location.column
  }))
}
