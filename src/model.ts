// The one model every stage shares. Plain, serialisable data only: the per-file
// stages (read → parse → extract) return these shapes so that they can run on
// worker threads, and the JSON report writes them out as they are.
// This module imports nothing of ours.

/** Severity of a finding. `notice` is informational (e.g. a skipped file). */
export type Severity = 'error' | 'warning' | 'notice'

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

/** A position in a scanned file. Paths are POSIX, relative to the scan root; lines and columns are 1-based. */
export interface SourceLocation {
  file: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
}

/** An inclusive port range; a single port has start === end. */
export interface PortRange {
  start: number
  end: number
}

/** The object a port belongs to: a Kubernetes object or a Compose service. */
export type ObjectRef = KubernetesObjectRef | ComposeServiceRef

export interface KubernetesObjectRef {
  format: 'kubernetes'
  kind: string
  /** Empty when the manifest does not set one (it lands in whatever namespace it is applied to). */
  namespace: string
  name: string
  /** Helm-rendered streams: the template named by the `# Source:` comment above the document. */
  helmSource?: string
  /** Rules listed in the `port-hygiene/ignore` annotation of this object. */
  ignore?: AnnotationSuppression
}

export interface ComposeServiceRef {
  format: 'compose'
  /** The Compose project name: the `name:` key, else the folder of the main compose file. */
  project: string
  service: string
  /** The main compose file of the project (relative path). */
  projectFile: string
}

export type ContainerKind = 'container' | 'initContainer' | 'sidecar' | 'ephemeralContainer'

/**
 * One declared port of a container or Compose service, normalised across formats.
 * Kubernetes: one `ports[]` item (and for `hostNetwork` pods every containerPort is a host port).
 * Compose: one entry of `services.*.ports` after interpolation and merging.
 */
export interface PortBinding {
  format: 'kubernetes' | 'compose'
  /** The port item itself: the `- containerPort: 80` list entry, the `- "8080:80"` entry. */
  location: SourceLocation
  /** Where a finding about the host side points: the `hostPort:` key, the `published:` value; else `location`. */
  hostPortLocation?: SourceLocation
  /** Where a finding about the container side points: the `containerPort:` key, the `target:` value; else `location`. */
  containerPortLocation?: SourceLocation
  object: ObjectRef
  /** Kubernetes container, or the Compose service name again. */
  container: string
  containerKind: ContainerKind
  /** '' = every interface. Compose IPv6 hosts are given without brackets. */
  hostIP: string
  /** Undefined when the port is not bound on the host (no hostPort, Compose unpublished). */
  hostPort?: PortRange
  containerPort?: PortRange
  /** Lower-case: tcp, udp, sctp. Invalid protocols are reported by extraction and not turned into bindings. */
  protocol: string
  name?: string
  /** Kubernetes hostNetwork, Compose `network_mode: host`. */
  hostNetwork: boolean
  /** Upper-case capability names without the CAP_ prefix, e.g. NET_BIND_SERVICE. */
  addedCapabilities: string[]
  /** Pod sysctl net.ipv4.ip_unprivileged_port_start, when set. */
  unprivilegedPortStart?: number
  /** Compose: the text as written (before interpolation), for messages. */
  raw?: string
  /** True when a value came from `${VAR}` interpolation. */
  interpolated?: boolean
  /**
   * True when a variable stayed unknown after interpolation (no environment value, no `.env`
   * entry, no default). Rules must not report anything that depends on such a binding.
   */
  unresolved?: boolean
  /** Compose `scale`/`deploy.replicas`, Kubernetes `spec.replicas`. */
  replicas?: number
  /** Compose profiles of the service (empty = always started). */
  profiles?: string[]
  /** Compose long-syntax `mode` (ingress | host). */
  mode?: string
}

/** One `spec.ports[]` entry of a Kubernetes Service. */
export interface ServicePort {
  location: SourceLocation
  object: KubernetesObjectRef
  serviceType: string
  port?: number
  portLocation?: SourceLocation
  targetPort?: number | string
  targetPortLocation?: SourceLocation
  nodePort?: number
  nodePortLocation?: SourceLocation
  protocol: string
  name?: string
  selector: Record<string, string>
}

/** A pod template found in a workload, for rules that match Services to pods. */
export interface PodTemplate {
  location: SourceLocation
  object: KubernetesObjectRef
  labels: Record<string, string>
  hostNetwork: boolean
}

export interface NamespaceInfo {
  name: string
  location: SourceLocation
  annotations: Record<string, string>
  /** Parsed from the `port-range: "30000-30999"` annotation. */
  portRange?: { min: number; max: number; location: SourceLocation }
}

/** A value the API server or Compose would reject; the `invalid-port` rule reports these. */
export interface InvalidPort {
  location: SourceLocation
  object?: ObjectRef
  /** The offending value as written. */
  value: string
  message: string
}

export interface ParseFailure {
  location: SourceLocation
  message: string
}

export interface SkippedFile {
  file: string
  reason: string
}

/**
 * `# port-hygiene-ignore rule-a, rule-b: reason`. At the end of a line it applies to that line;
 * alone on its line it applies to the line below (and the whole port entry starting there).
 */
export interface CommentSuppression {
  location: SourceLocation
  rules: string[]
  reason?: string
  /** False for a comment after content on the same line. */
  ownLine?: boolean
}

/** `port-hygiene/ignore: "rule-a,rule-b: reason"` on a Kubernetes object. */
export interface AnnotationSuppression {
  location: SourceLocation
  rules: string[]
  reason?: string
}

export interface ComposeProject {
  name: string
  /** The main file and every file merged into it (overrides, includes, extends), relative paths. */
  files: string[]
}

export type FileFormat = 'kubernetes' | 'compose' | 'other'

export interface ScannedFile {
  file: string
  format: FileFormat
  documents: number
}

/** Everything the rules see. */
export interface ScanModel {
  files: ScannedFile[]
  bindings: PortBinding[]
  services: ServicePort[]
  podTemplates: PodTemplate[]
  namespaces: NamespaceInfo[]
  composeProjects: ComposeProject[]
  invalidPorts: InvalidPort[]
  parseErrors: ParseFailure[]
  skippedFiles: SkippedFile[]
  suppressions: CommentSuppression[]
}

export function emptyModel(): ScanModel {
  return {
    files: [],
    bindings: [],
    services: [],
    podTemplates: [],
    namespaces: [],
    composeProjects: [],
    invalidPorts: [],
    parseErrors: [],
    skippedFiles: [],
    suppressions: []
  }
}

export interface RelatedLocation {
  location: SourceLocation
  message: string
}

/** A replacement a reviewer can apply with one click (a suggestion in review comments). */
export interface Fix {
  description: string
  location: SourceLocation
  /** The new text for the whole region of `location` (line/column to endLine/endColumn). */
  replacement: string
}

export interface Finding {
  ruleId: string
  severity: Severity
  message: string
  location: SourceLocation
  related: RelatedLocation[]
  object?: ObjectRef
  /** Stable across runs and line moves: hash of rule id, file and the rule's key. */
  fingerprint: string
  /** The rule's own key for the finding (no line numbers): its object and port tuple. */
  key?: string
  /**
   * Identity across commits (rule, object, port tuple, occurrence index; see
   * src/baseline/identity.ts): how a pull request's findings are matched with its base's.
   */
  identity?: string
  fix?: Fix
  /** Set on suppressed findings: the reason given, or '' when none was. */
  suppressedBy?: { kind: 'comment' | 'annotation'; reason: string; location: SourceLocation }
}

/** How a pull request's findings were told apart into new and existing. */
export type ChangeBasis =
  /** The base commit was scanned with its own config: new, existing and fixed are exact. */
  | 'base-scan'
  /** Only the PR's changed lines were known: a finding on an added line is new; fixed is unknown. */
  | 'changed-lines'
  /** Nothing to compare with: every finding counts as new. */
  | 'none'

/** The findings of a change (a pull request, `--base`) against its base. */
export interface ChangeSet {
  basis: ChangeBasis
  /** The base commit that was scanned (base-scan only). */
  baseSha?: string
  /** Why the base scan was not possible, for readers of the report. */
  note?: string
  /** In the head, not in the base: what this change adds. */
  added: Finding[]
  /** In both. */
  existing: Finding[]
  /** In the base, gone from the head (their locations are the base's). */
  fixed: Finding[]
  /** Base scan: the base's host-port claims (see portClaimKey), to mark what the change adds. */
  basePorts?: string[]
  /** Changed-lines comparison: scan-relative file → added lines, or `all` for a new file. */
  changedLines?: Map<string, Set<number> | 'all'>
}

export type FindingState = 'new' | 'existing'

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 }
  for (const finding of findings) counts[finding.severity]++
  return counts
}

/**
 * Display form of an object: `DaemonSet kube-system/node-exporter`, `service "web" (project shop)`.
 * `details` join the parenthesis: `DaemonSet kube-system/node-exporter (container "exporter")`.
 */
export function describeObject(object: ObjectRef, details: readonly string[] = []): string {
  if (object.format === 'compose') {
    return `service "${object.service}" (${[`project ${object.project}`, ...details].join(', ')})`
  }
  const ns = object.namespace ? `${object.namespace}/` : ''
  const name = `${object.kind} ${ns}${object.name}`
  return details.length > 0 ? `${name} (${details.join(', ')})` : name
}

export function formatRange(range: PortRange): string {
  return range.start === range.end ? String(range.start) : `${range.start}-${range.end}`
}

/** Code-unit order, the same on every machine (no locale): the one string order of every report. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** File, then line, then column. */
export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`
}
