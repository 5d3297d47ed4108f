// The base scan: the same pipeline over the base commit's tree, with the base's own config (a
// PR that tightens a rule must see the old findings judged by the old rules, or every finding
// the new config raises would look "existing"), then the comparison.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { ConfigError, loadConfig } from '../config/load.js'
import { defaultConfig, type ResolvedConfig } from '../config/types.js'
import { isInside } from '../discover/discover.js'
import { scan, type ScanResult } from '../engine.js'
import type {
  ChangeSet,
  ChangedFinding,
  Finding,
  PortBinding,
  PortRange,
  SourceLocation
} from '../model.js'
import { compareWithBase, regrouper } from './classify.js'
import { bindingClaimKey, objectIdentity, portClaimKeys } from '../rules/identity.js'
import type { RuleBaseline } from '../rules/rule.js'
import { hostClaim } from '../rules/shared/host-ports.js'
import { RULES } from '../rules/index.js'
import { readBaseTree } from './git.js'
import { append } from '../append.js'
import { mergeFindings, partsOf } from '../rules/merge-findings.js'
import { sortFindings } from '../rules/run.js'

export interface BaseScanRequest {
  /** The folder the head scan read (absolute, inside a git checkout). */
  root: string
  paths: string[]
  /** The base commit (a SHA, or a ref the caller resolved). */
  sha: string
  /** The config file the head scan used, as given (absolute, or relative to the root). */
  configPath?: string
  /** Extra excludes from the command line or the action inputs: the same for both scans. */
  exclude: string[]
  env: Record<string, string | undefined>
}

export interface BaseScan {
  result: ScanResult
  /** The base's config could not be used: defaults instead, and why. */
  configNote?: string
}

/** Throws BaseUnavailableError when git cannot give the base. */
export async function scanBase(request: BaseScanRequest): Promise<BaseScan> {
  const tree = await readBaseTree(request.root, request.sha)
  try {
    await fs.mkdir(tree.scanRoot, { recursive: true })
    const { config, note } = await baseConfig(tree.scanRoot, request)
    append(config.exclude, request.exclude)
    const result = await scan({
      root: tree.scanRoot,
      paths: request.paths,
      config,
      env: request.env
    })
    return { result, ...(note ? { configNote: note } : {}) }
  } finally {
    await tree.remove()
  }
}

async function baseConfig(
  baseRoot: string,
  request: BaseScanRequest
): Promise<{ config: ResolvedConfig; note?: string }> {
  let configPath: string | undefined
  if (request.configPath !== undefined) {
    const absolute = path.resolve(request.root, request.configPath)
    // A config outside the scanned folder is not part of the base tree: the same file serves both.
    configPath = isInside(request.root, absolute)
      ? path.join(baseRoot, path.relative(request.root, absolute))
      : absolute
    const exists = await fs
      .stat(configPath)
      .then((stat) => stat.isFile())
      .catch(() => false)
    if (!exists) configPath = undefined
  }
  try {
    return {
      config: await loadConfig({
        rules: RULES,
        root: baseRoot,
        ...(configPath ? { configPath } : {})
      })
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return {
      config: defaultConfig(),
      note: `the base's config is invalid (${error.message}), so the base was scanned with the defaults`
    }
  }
}

/** What the head's rules are told about the base: which host-port claims it already had. */
export function baselineOf(base: Pick<ScanResult, 'model'>): RuleBaseline {
  const claims = new Set(base.model.bindings.map(bindingClaimKey))
  return { hadClaim: (binding) => claims.has(bindingClaimKey(binding)) }
}

/**
 * The head result with its change set against a base scan. Findings are compared rule by rule
 * (the parts of a merged finding, src/rules/merge-findings.ts), then merged again within each
 * state: a line where a pull request adds a rule to an existing one shows the new rule as a new
 * finding and the old one as existing, and the gate counts what is new at its own severity. The
 * change's `added` and `existing` are then the head's findings (headFindings, ./classify.ts).
 */
export function compareScans(head: ScanResult, base: BaseScan, sha: string): ChangeSet {
  const headParts = head.findings.flatMap(partsOf)
  const compared = compareWithBase(headParts, base.result.findings.flatMap(partsOf))
  const { fixed, changed } = splitChanged(compared.fixed, compared.added, base.result, head)
  const regroup = regrouper(head.findings)
  const added = regroup(compared.added)
  const change: ChangeSet = {
    basis: 'base-scan',
    baseSha: sha,
    added,
    existing: regroup(compared.existing),
    fixed: sortFindings(mergeFindings(fixed)),
    basePorts: portClaimKeys(base.result.model)
  }
  if (changed.length > 0) {
    // Merged as the base's findings were (one per line), each pointing at the head's finding
    // that now covers its primary rule.
    const holder = new Map(added.flatMap((finding) => partsOf(finding).map((p) => [p, finding])))
    const nowOf = new Map(changed.map((each) => [each.finding, each.now]))
    change.changed = sortFindings(mergeFindings(changed.map((each) => each.finding))).map(
      (finding) => {
        const now = nowOf.get(partsOf(finding)[0]!)!
        return { finding, now: holder.get(now) ?? now }
      }
    )
  }
  if (base.configNote) change.note = base.configNote
  return change
}

/**
 * Moved is not fixed: a base finding that is gone while a finding the change adds covers the
 * same port entry is "changed". Two ways that happens:
 * - the service or pod switched to host networking: its container ports are now bound on the
 *   host itself (a `host-network-ports` finding, a host-network conflict), whatever became of
 *   the published ports the old findings were about;
 * - the object was renamed or changed kind in place: the same rule on the same host port of an
 *   entry in the same file, under another identity.
 * An existing finding on the same entry covers nothing: a fix of one of two problems of a port
 * is a fix.
 */
export function splitChanged(
  gone: readonly Finding[],
  added: readonly Finding[],
  base: Pick<ScanResult, 'model'>,
  head: Pick<ScanResult, 'model'>
): { fixed: Finding[]; changed: ChangedFinding[] } {
  const baseEntries = entriesAt(base.model.bindings)
  const headEntries = entriesAt(head.model.bindings)
  const covering = added.map((finding) => ({ finding, entries: headEntries(finding.location) }))
  const fixed: Finding[] = []
  const changed: ChangedFinding[] = []
  for (const finding of gone) {
    const entries = baseEntries(finding.location)
    const now = covering.find(
      (candidate) =>
        entries.length > 0 &&
        candidate.entries.some((entry) =>
          entries.some((old) => covers(candidate.finding, entry, finding, old))
        )
    )
    if (now) changed.push({ finding, now: now.finding })
    else fixed.push(finding)
  }
  return { fixed, changed }
}

function covers(
  headFinding: Finding,
  entry: PortBinding,
  baseFinding: Finding,
  old: PortBinding
): boolean {
  const sameEntry =
    entry.container === old.container &&
    entry.protocol === old.protocol &&
    rangesOverlap(entry.containerPort, old.containerPort)
  if (!sameEntry) return false
  const sameObject = objectIdentity(entry.object, '') === objectIdentity(old.object, '')
  if (sameObject && entry.hostNetwork && !old.hostNetwork) return true
  const newClaim = hostClaim(entry)
  const oldClaim = hostClaim(old)
  return (
    headFinding.ruleId === baseFinding.ruleId &&
    entry.location.file === old.location.file &&
    newClaim !== undefined &&
    oldClaim !== undefined &&
    rangesOverlap(newClaim.ports, oldClaim.ports)
  )
}

function rangesOverlap(a: PortRange | undefined, b: PortRange | undefined): boolean {
  if (!a || !b) return a === b
  return a.start <= b.end && b.start <= a.end
}

/** The port entries a finding's location is on: the item, its host or container port, its `ports:` list. */
function entriesAt(bindings: readonly PortBinding[]): (location: SourceLocation) => PortBinding[] {
  const index = new Map<string, PortBinding[]>()
  const key = (location: SourceLocation) => `${location.file}\0${location.line}\0${location.column}`
  for (const binding of bindings) {
    const places = [
      binding.location,
      binding.hostPortLocation,
      binding.containerPortLocation,
      binding.portsLocation
    ]
    for (const place of new Set(places.filter((each) => each !== undefined).map(key))) {
      const list = index.get(place)
      if (list) list.push(binding)
      else index.set(place, [binding])
    }
  }
  return (location) => index.get(key(location)) ?? []
}
