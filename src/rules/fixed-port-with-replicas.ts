// More than one replica of something that binds a fixed host port.
//
// Compose: `scale: 3` or `deploy.replicas: 3` starts three containers of the service on one
// engine; each asks for the same published port, and every one after the first fails with
// "Bind for 0.0.0.0:8080 failed: port is already allocated" (docker/compose#1241, #7188). A
// published range mapped to one container port (`"8080-8082:80"`) is a pool each replica takes
// one free port from, so a pool at least as long as the replica count is fine (the Compose
// spec's ports section; docker/compose#8878 for v2 honouring it).
//
// Swarm (`docker stack deploy`) is different: published ports go through the routing mesh, so
// replicas never compete for them. A service written for Swarm — its `deploy` uses keys only
// Swarm acts on, or its file is a stack file by name (option `stackFiles`) — is left alone, except
// for long-syntax `mode: host` ports, which Swarm binds on the node of each task (a notice).
//
// Kubernetes: a Deployment or StatefulSet with a hostPort (or host network) and `replicas` > 1
// needs one node per replica with the port free — the scheduler's NodePorts filter places at
// most one such pod per node, so on a small cluster or during a surge rollout replicas stay
// Pending. A notice: it is often deliberate (projectcontour's example Envoy Deployment runs
// `replicas: 2` with hostPort 80/443), but a DaemonSet says so better.
import { matchesAnyGlob } from '../discover/discover.js'
import { formatRange, type PortBinding } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { stringListOption } from '../config/options.js'
import { hostClaim, isPortPool, type HostClaim } from './shared/host-ports.js'
import { describeBinding, describeProtocol, objectKey } from './shared/describe.js'
import { portEntries } from './shared/entries.js'
import { maxOf, minOf } from '../append.js'
import { uniq } from './shared/uniq.js'

const KUBERNETES_KINDS = ['Deployment', 'StatefulSet']

export interface FixedPortWithReplicasOptions {
  /** Compose files meant for `docker stack deploy` (Swarm), by path glob. */
  stackFiles: string[]
}

export const DEFAULT_STACK_FILES = ['**/docker-stack*.{yml,yaml}', '**/*[.-]stack.{yml,yaml}']

export const fixedPortWithReplicas: Rule<FixedPortWithReplicasOptions> = {
  meta: {
    id: 'fixed-port-with-replicas',
    description:
      'More than one replica of a service that publishes a fixed host port (Compose: error; Kubernetes hostPort: notice).',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'a Compose service with more than one replica and a fixed published port: the second container fails to start ("port is already allocated")',
        source: 'https://docs.docker.com/reference/compose-file/deploy/#replicas'
      },
      {
        severity: 'notice',
        when: 'a Kubernetes workload with replicas and a fixed hostPort: the scheduler places one pod per node, so a replica stays Pending when nodes run out',
        source: 'https://kubernetes.io/docs/concepts/configuration/overview/'
      }
    ]
  },
  options: { stackFiles: stringListOption(DEFAULT_STACK_FILES) },
  check(model, context) {
    const findings: RuleFinding[] = []
    // Kubernetes: one notice per container, naming all its host ports (storm's worker has four).
    const pods = new Map<string, HostClaim[]>()
    for (const entry of portEntries(model.bindings)) {
      const claims = entry.map(hostClaim).filter((claim) => claim !== undefined)
      const first = claims[0]
      const replicas = first?.binding.replicas ?? 1
      if (!first || replicas < 2) continue
      if (first.binding.format === 'compose') {
        const swarm = isSwarm(first.binding, context.options.stackFiles)
        // Under Swarm only `mode: host` ports are bound per node; the routing mesh takes the rest.
        if (swarm && first.binding.mode !== 'host') continue
        const finding = swarm
          ? swarmHostModeFinding(first, replicas)
          : composeFinding(claims, replicas)
        if (finding) findings.push(finding)
      } else if (
        first.binding.object.format === 'kubernetes' &&
        KUBERNETES_KINDS.includes(first.binding.object.kind)
      ) {
        // Per file: an object copied into two rendered files is two findings, which the
        // post-pass (merge-findings.ts) makes one with the copy as a related location.
        const key = `${objectKey(first.binding.object)}/${first.binding.container}\0${first.location.file}`
        pods.set(key, [...(pods.get(key) ?? []), first])
      }
    }
    for (const claims of pods.values()) findings.push(kubernetesFinding(claims))
    return findings
  }
}

function isSwarm(binding: PortBinding, stackFiles: readonly string[]): boolean {
  if (binding.swarmDeploy) return true
  return (
    binding.object.format === 'compose' && matchesAnyGlob(binding.object.projectFile, stackFiles)
  )
}

function swarmHostModeFinding(claim: HostClaim, replicas: number): RuleFinding {
  const { binding } = claim
  const port = `${formatRange(claim.ports)}/${describeProtocol(binding)}`
  return {
    message:
      `${capitalise(describeBinding(binding))} runs ${replicas} Swarm replicas with port ${port} in ` +
      'mode: host: each task binds the port on its own node, so two tasks cannot share a node; ' +
      'use mode: ingress (the routing mesh), deploy.mode: global, or placement.max_replicas_per_node: 1.',
    location: point(claim),
    object: binding.object,
    key: `${objectKey(binding.object)}/swarm/${formatRange(claim.ports)}/${binding.protocol}`,
    severity: 'notice'
  }
}

function composeFinding(claims: HostClaim[], replicas: number): RuleFinding | undefined {
  const first = claims[0]!
  const { binding } = first
  const width = first.ports.end - first.ports.start + 1
  // One entry of a pool: each replica takes one port of the range.
  if (claims.length === 1 && isPortPool(first) && width >= replicas) return undefined
  const ports = {
    start: minOf(claims.map((claim) => claim.ports.start)),
    end: maxOf(claims.map((claim) => claim.ports.end))
  }
  const port = `${formatRange(ports)}/${describeProtocol(binding)}`
  const problem =
    claims.length === 1 && isPortPool(first)
      ? `publishes a range of ${width} host ports (${port}) for them: replica ${width + 1} finds none free`
      : `publishes the fixed host port ${port}: every replica after the first fails with ` +
        `"Bind for 0.0.0.0:${ports.start} failed: port is already allocated"`
  return {
    message:
      `${capitalise(describeBinding(binding))} runs ${replicas} replicas but ${problem}; ` +
      `publish a range at least as long as the replicas ("${poolExample(binding, ports.start, replicas)}"), ` +
      'leave the host port out, or put a proxy in front of the service.',
    location: point(first),
    ...(binding.replicasLocation
      ? {
          related: [
            { location: binding.replicasLocation, message: `${replicas} replicas are set here` }
          ]
        }
      : {}),
    object: binding.object,
    key: `${objectKey(binding.object)}/${formatRange(ports)}/${binding.protocol}`
  }
}

/** `"9000-9001:9000"`, with the host IP when one is written (IPv6 in brackets). */
function poolExample(binding: HostClaim['binding'], start: number, replicas: number): string {
  const ip = binding.hostIP.includes(':') ? `[${binding.hostIP}]` : binding.hostIP
  const target = binding.containerPort ? binding.containerPort.start : start
  return `${ip ? `${ip}:` : ''}${start}-${start + replicas - 1}:${target}`
}

function kubernetesFinding(claims: HostClaim[]): RuleFinding {
  const claim = claims[0]!
  const { binding } = claim
  const replicas = binding.replicas ?? 1
  const ports = uniq(
    claims.map((each) => `${formatRange(each.ports)}/${describeProtocol(each.binding)}`)
  ).join(', ')
  const plural = claims.length > 1 ? 's' : ''
  const how = claim.viaHostNetwork
    ? `port${plural} ${ports} on the host network`
    : `host port${plural} ${ports}`
  return {
    message:
      `${describeBinding(binding)} runs ${replicas} replicas with ${how}: each replica needs a ` +
      'node of its own where the port is free, so on a small cluster or during a rolling update ' +
      'some stay Pending; run it as a DaemonSet, or make sure there are enough nodes (maxSurge: 0, ' +
      'pod anti-affinity).',
    location: point(claim),
    object: binding.object,
    ...(claims.length > 1
      ? {
          related: claims.slice(1).map((each) => ({
            location: point(each),
            message: `host port ${formatRange(each.ports)}/${describeProtocol(each.binding)}`
          }))
        }
      : {}),
    key: `${objectKey(binding.object)}/${binding.container}/replicas-host-ports`,
    severity: 'notice'
  }
}

function point(claim: HostClaim) {
  const { file, line, column } = claim.location
  return { file, line, column }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
