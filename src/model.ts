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
  /**
   * Set in a pull request's report at the head's lines (src/baseline/head-view.ts) when the line
   * is not in the PR's head commit: it is in GitHub's merge of the PR with its base branch (the
   * base branch wrote it since the branch was made), or in a file an earlier step generated.
   * `line` is then the checkout's; reports say so, and it is never commented inline.
   */
  notInHead?: true
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
  /**
   * The `port-hygiene/purpose` annotation as written: one text, or `port-name=text` pairs. Of
   * the object, else of the pod template the binding belongs to.
   */
  purpose?: string
  /**
   * Custom resources with pod templates: their API group (`serving.knative.dev`), so that a
   * Knative `Service` is never taken for a core one. Unset for built-in kinds.
   */
  apiGroup?: string
}

export interface ComposeServiceRef {
  format: 'compose'
  /** The Compose project name: the `name:` key, else the folder of the main compose file. */
  project: string
  service: string
  /** The main compose file of the project (relative path). */
  projectFile: string
  /**
   * Set when the service comes from an overlay: a file that cannot run alone or a
   * `compose.<variant>.yaml` beside its base, merged over `projectFile` as `docker compose -f base
   * -f overlay` would. Overlays of one base are alternatives to each other.
   */
  overlay?: string
  /**
   * Set for a developer-cluster config (kind `Cluster`, k3d `Simple`): its port mappings bind
   * host ports on the developer machine, next to the repository's Compose projects, so they are
   * checked in the one host scope Compose projects share (src/extract/dev-cluster/). `project`
   * is then `kind:<cluster>` / `k3d:<cluster>`, `service` the node(s) the mapping is on, and
   * `projectFile` the config file.
   */
  devCluster?: { tool: 'kind' | 'k3d'; cluster: string }
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
  /**
   * Who the process runs as, when the manifest says: `non-root` (Kubernetes `runAsNonRoot: true`
   * or `runAsUser` > 0, container over pod; Compose `user:` other than root/0), `root`
   * (`runAsUser: 0`, `user: root`). Undefined = the image decides.
   */
  runsAs?: 'root' | 'non-root'
  /** Kubernetes: the pod runs on Windows nodes (`os.name`, `kubernetes.io/os` selector or affinity, `windowsOptions`). */
  windows?: boolean
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
  /** Kubernetes: the API field path of the port item, e.g. `spec.template.spec.containers[0].ports[1]`. */
  fieldPath?: string
  /**
   * Compose short syntax written as a string scalar at the entry itself (not through an alias):
   * `plain` when unquoted (`- 22:22`, which a YAML 1.1 reader may take for a number), else
   * `quoted`. Undefined for long syntax, numbers and aliases. `location` spans the scalar.
   */
  scalarStyle?: 'plain' | 'quoted'
  /** Compose: the host IP is written with a variable (`${BIND_ADDR:-127.0.0.1}:5432:5432`). */
  hostIPFromVariable?: boolean
  /**
   * Compose: the same entry (host IP, published, target, protocol) written again, in an override,
   * an overlay or the same list, which Compose collapsed into this one. Changing one line of
   * them splits the binding in two: a one-click fix of one line is no fix.
   */
  alsoWrittenAt?: SourceLocation[]
  /**
   * Compose: the service's `ports:` key through the end of its list, in the file listing this
   * entry. The end is given only in block style, where the key and its list are whole lines.
   */
  portsLocation?: SourceLocation
  /** Compose: the `network_mode` value that applies to the service. */
  networkModeLocation?: SourceLocation
  /** Compose: the `scale` or `deploy.replicas` value that applies to the service. */
  replicasLocation?: SourceLocation
  /**
   * Compose: the service's `deploy` uses keys only Swarm acts on (placement, update_config,
   * rollback_config, endpoint_mode, mode: global): it is written for `docker stack deploy`.
   */
  swarmDeploy?: boolean
  /** Compose: the service's `image:` after interpolation (`redis:7.4`), when written. */
  image?: string
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
  /** Where `spec.selector` is written (absent or empty: the Service selects no pods by itself). */
  selectorLocation?: SourceLocation
  /** `spec.clusterIP` as written (`None` = headless). */
  clusterIP?: string
  /** The API field path of the port item: `spec.ports[1]`. */
  fieldPath?: string
  /** True when another port of the same Service could not be read (placeholder, invalid). */
  portsIncomplete?: boolean
}

/** One declared port of a container, as written (valid or not), for the pod-level checks. */
export interface DeclaredPort {
  location: SourceLocation
  /** `spec.template.spec.containers[0].ports[1]`. */
  fieldPath: string
  containerPort?: number
  /** The hostPort as written; 0 when unset. */
  hostPort: number
  hostIP: string
  /** Upper case as the API spells it: TCP, UDP, SCTP. */
  protocol: string
  name?: string
  nameLocation?: SourceLocation
}

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe'

/** The port of a liveness/readiness/startup probe (`httpGet`, `tcpSocket`, `grpc`). */
export interface ProbePort {
  probe: ProbeKind
  handler: 'httpGet' | 'tcpSocket' | 'grpc'
  /** A number, or a port name to look up among the container's ports. */
  port: number | string
  /** The `port:` key. */
  location: SourceLocation
}

/** One container of a pod template: its ports and probes, for the rules that look inside a pod. */
export interface ContainerSpec {
  object: KubernetesObjectRef
  /** Location of the pod template the container belongs to (matches a PodTemplate's location). */
  podLocation: SourceLocation
  name: string
  kind: ContainerKind
  location: SourceLocation
  /** `spec.template.spec.containers[0]`. */
  fieldPath: string
  ports: DeclaredPort[]
  /**
   * True when some port could not be read (a template placeholder, a wrong type): rules that need
   * the complete list of ports stay silent about this container.
   */
  portsUnknown: boolean
  probes: ProbePort[]
}

/** A label selector (`matchLabels` and `matchExpressions`). */
export interface LabelSelector {
  matchLabels: Record<string, string>
  matchExpressions: Array<{ key: string; operator: string; values: string[] }>
}

/** A Service backend of an Ingress (networking.k8s.io/v1 `service.port`, v1beta1 `servicePort`). */
export interface IngressBackend {
  object: KubernetesObjectRef
  /** The `port.number` / `port.name` / `servicePort` key. */
  location: SourceLocation
  serviceName: string
  port: number | string
}

export interface NetworkPolicyInfo {
  object: KubernetesObjectRef
  location: SourceLocation
  podSelector: LabelSelector
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
  /**
   * The rule that reports this rejection when it is not `invalid-port`: port names belong to
   * `port-name`, a nodePort on a ClusterIP Service to `node-port-range`, a nodePort twice in one
   * Service to `duplicate-node-port`.
   */
  rule?: string
}

export interface ParseFailure {
  location: SourceLocation
  message: string
  /** `compose-project`: a Compose project that could not be (fully) loaded; `message` says why. */
  kind?: 'yaml' | 'compose-project'
}

export interface SkippedFile {
  file: string
  reason: string
}

/** A key written twice in one YAML map; `location` is the second key (the value the model uses). */
export interface DuplicateKey {
  location: SourceLocation
  key: string
  /** Where the same key was written first. */
  first: SourceLocation
  format: 'kubernetes' | 'compose'
}

/**
 * A safety limit that cut reading short (an interpolated value too large, a file whose aliases
 * expand past the budget): what lies past it is unknown, and the report says so.
 */
export interface LimitExceeded {
  location: SourceLocation
  /** Which limit, for the fingerprint: `value-size`, `expansion-budget`. */
  limit: string
  message: string
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

/** `# purpose: public storefront` on a port's line: what the port is for, for the inventory. */
export interface PurposeComment {
  location: SourceLocation
  text: string
}

/** A committed port inventory (PORTS.md) to check against the manifests (action input `inventory-file`). */
export interface InventoryDocument {
  /** Relative to the scan root. */
  file: string
  /** Undefined when the file could not be read; `problem` says why. */
  text?: string
  problem?: string
}

export interface ComposeProject {
  name: string
  /** The main file and every file merged into it (overrides, includes, extends), relative paths. */
  files: string[]
  /** Overlays merged over this project one at a time (alternatives, never a project of their own). */
  overlays?: string[]
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
  containers: ContainerSpec[]
  ingressBackends: IngressBackend[]
  networkPolicies: NetworkPolicyInfo[]
  namespaces: NamespaceInfo[]
  composeProjects: ComposeProject[]
  invalidPorts: InvalidPort[]
  parseErrors: ParseFailure[]
  skippedFiles: SkippedFile[]
  suppressions: CommentSuppression[]
  purposeComments: PurposeComment[]
  inventoryDocuments: InventoryDocument[]
  duplicateKeys: DuplicateKey[]
  limitsExceeded: LimitExceeded[]
  /** Compose `expose:` entries: listed in the inventory, never a host port. */
  exposedPorts: ExposedPort[]
}

/**
 * A Compose `expose:` entry: a port the service listens on for other services of its network,
 * never published on the host (compose-spec: "not published to the host machine").
 */
export interface ExposedPort {
  location: SourceLocation
  object: ComposeServiceRef
  ports: PortRange
  /** Lower-case: tcp, udp, sctp. */
  protocol: string
}

export function emptyModel(): ScanModel {
  return {
    files: [],
    bindings: [],
    services: [],
    podTemplates: [],
    containers: [],
    ingressBackends: [],
    networkPolicies: [],
    namespaces: [],
    composeProjects: [],
    invalidPorts: [],
    parseErrors: [],
    skippedFiles: [],
    suppressions: [],
    purposeComments: [],
    inventoryDocuments: [],
    duplicateKeys: [],
    limitsExceeded: [],
    exposedPorts: []
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
  /**
   * The same change as whole lines `line`..`endLine` replaced by `text` (no final newline; ''
   * deletes them): the shape of a GitHub review suggestion. Set when the file's text was at hand.
   */
  wholeLines?: { line: number; endLine: number; text: string }
}

/** One claim of a conflict group: where it is written and what makes it. */
export interface ConflictMember {
  location: SourceLocation
  object: ObjectRef
  container: string
  hostIP: string
  ports: PortRange
}

/**
 * Claims that collide on one host port (same node scope or Compose host, protocol, overlapping
 * addresses and ports), listed once with every member; findings name their group by `id`.
 */
export interface ConflictGroup {
  /** Stable and readable: `kubernetes/tcp/9100`, `kubernetes[prod]/udp/53@10.0.0.5`, `compose/tcp/8080`. */
  id: string
  format: 'kubernetes' | 'compose'
  /** Kubernetes: the node scope from the config, null for the default one. Compose: null. */
  nodeScope: string | null
  protocol: string
  ports: PortRange
  /** `certain` when at least one member certainly cannot run next to another. */
  certainty: 'certain' | 'possible'
  /** Every claim that conflicts with another, in the stable order of the report. */
  members: ConflictMember[]
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
  /** The conflict group (ConflictGroup.id) a duplicate-host-port finding belongs to. */
  conflict?: string
  /** Set on suppressed findings: the reason given, or '' when none was. */
  suppressedBy?: { kind: 'comment' | 'annotation'; reason: string; location: SourceLocation }
  /**
   * Set when this finding stands for several (src/rules/merge-findings.ts): other rules at the
   * same place, or the same finding on copies of its object in other files. `ruleId`, `severity`,
   * `fingerprint` and `identity` are the primary's; `message` names the others.
   */
  merged?: MergedFindings
}

/** What a merged finding stands for; every finding in it is whole, as its rule gave it. */
export interface MergedFindings {
  /** The primary finding itself, before the others were named in it (its own message, related, fix). */
  own: Finding
  /** Other rules at the same place, most severe first. */
  also: Finding[]
  /** The same finding on copies of the object in other files, in path order. */
  copies: Finding[]
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
  /**
   * In the base, gone from the head, but not fixed: a finding the change adds covers the same
   * ports now (the service switched to host networking, the object was renamed). Not in `fixed`.
   */
  changed?: ChangedFinding[]
  /** Base scan: the base's host-port claims (see portClaimKey), to mark what the change adds. */
  basePorts?: string[]
  /** Changed-lines comparison: scan-relative file → added lines, or `all` for a new file. */
  changedLines?: Map<string, Set<number> | 'all'>
}

/** A base finding that moved into another finding of the head rather than being fixed. */
export interface ChangedFinding {
  /** The base's finding, at its location in the base. */
  finding: Finding
  /** The head's new finding that covers its ports now. */
  now: Finding
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
  if (object.format === 'compose' && object.devCluster) {
    const { tool, cluster } = object.devCluster
    return `${tool} cluster "${cluster}" (${[object.service, ...details].join(', ')})`
  }
  if (object.format === 'compose') {
    return `service "${object.service}" (${[`project ${object.project}`, ...details].join(', ')})`
  }
  const ns = object.namespace ? `${object.namespace}/` : ''
  // A manifest may leave the name to a generator (Kustomize's namePrefix, a Helm placeholder, a
  // `generateName`): say so rather than print "Deployment  (container …".
  const name = object.name
    ? `${object.kind} ${ns}${object.name}`
    : `${object.kind} without a name${object.namespace ? ` in namespace ${object.namespace}` : ''}`
  return details.length > 0 ? `${name} (${details.join(', ')})` : name
}

/**
 * Files the loaders recognised as Kubernetes or Compose: the one file count every report shows
 * (other YAML — CI configs, Helm values — is read but not counted).
 */
export function countCheckedFiles(files: readonly ScannedFile[]): number {
  return files.filter((file) => file.format !== 'other').length
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

/**
 * C0 and C1 controls, DEL, bidirectional overrides and isolates (Trojan Source), line and
 * paragraph separators, and lone surrogates: what must never reach a terminal, a log or a
 * workflow command raw, since names and values come from whoever opened the pull request.
 */
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text made inert for a terminal or log: every unsafe character written as `\u001b`. */
export function escapeControls(text: string): string {
  return text.replace(
    UNSAFE_CHARACTERS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/**
 * What JSON.stringify leaves raw although a terminal, an editor or a log viewer acts on it: DEL,
 * C1 controls, bidirectional marks, overrides and isolates, line and paragraph separators.
 * (It already escapes C0 controls and lone surrogates.) Such characters can only stand inside a
 * JSON string, so writing them as `\uXXXX` changes no parsed value.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * JSON text whose bytes are inert: every JSON report the tool writes (JSON, SARIF, inventory,
 * fleet) goes through this, so a hostile name is data, never a control sequence. JSON.parse of
 * the result gives back exactly `value`.
 */
export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    RAW_IN_JSON,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return `${text}\n`
}

/** At most `max` characters of a value from a file, escaped and quoted, for an error message. */
export function excerpt(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text
  return `"${escapeControls(cut).replace(/"/g, '\\"')}"`
}
