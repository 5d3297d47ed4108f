// The fleet check: the reports of many repositories merged into one model, and the rules that
// look across files run over it. What one repository's own run already reports (a clash inside
// it) is left to that run; the fleet check reports what only the merged view shows: clashes
// between repositories, and every port against the platform's ranges.
import { emptyModel, type Finding, type ScanModel, type Severity } from '../model.js'
import type { ResolvedConfig } from '../config/types.js'
import type { ScanResult } from '../engine.js'
import { RULES } from '../rules/index.js'
import { fingerprint, runRules, sortFindings } from '../rules/run.js'
import { mergeFindings } from '../rules/merge-findings.js'
import { duplicateNodePorts, FLEET_NODE_PORT_RULE } from './node-ports.js'
import { FleetReportError, type LabelledReport } from './reports.js'
import { append } from '../append.js'

/** The rules of the merged model; every other rule already ran in each repository. */
const FLEET_RULES = ['duplicate-host-port', 'port-out-of-range'] as const
/** Pair rules: only their findings between two repositories are new. */
const PAIR_RULES = new Set(['duplicate-host-port', FLEET_NODE_PORT_RULE])

export function runFleet(reports: readonly LabelledReport[], config: ResolvedConfig): ScanResult {
  const labels = new Map<string, string>()
  for (const report of reports) {
    const other = labels.get(report.label)
    if (other !== undefined) {
      throw new FleetReportError(
        `${other} and ${report.source} are both labelled "${report.label}": name them apart (label=REPORT.json)`
      )
    }
    labels.set(report.label, report.source)
  }
  const model = mergeModels(reports.map((report) => report.model))

  const fleetConfig: ResolvedConfig = {
    ...config,
    rules: { ...config.rules },
    scopes: {
      nodeScopes: config.scopes.nodeScopes.map((scope) => ({
        ...scope,
        paths: scope.paths.map(fleetGlob)
      })),
      // Compose projects of different repositories never share a host through this config.
      composeGroups: []
    },
    ranges: {
      ...config.ranges,
      paths: config.ranges.paths.map((entry) => ({ ...entry, glob: fleetGlob(entry.glob) }))
    }
  }
  for (const rule of RULES) {
    if (!(FLEET_RULES as readonly string[]).includes(rule.meta.id)) {
      fleetConfig.rules[rule.meta.id] = { severity: 'off' }
    }
  }
  // Compose projects of different repositories run on different machines.
  const hostPorts = config.rules['duplicate-host-port']
  if (hostPorts?.severity !== 'off') {
    fleetConfig.rules['duplicate-host-port'] = {
      severity: hostPorts?.severity ?? 'error',
      options: { betweenComposeProjects: false }
    }
  }
  const { findings, suppressed, conflicts } = runRules(model, fleetConfig)
  const nodePortSetting = config.rules[FLEET_NODE_PORT_RULE]?.severity
  if (nodePortSetting !== 'off') {
    const severity: Severity = nodePortSetting ?? 'error'
    for (const result of duplicateNodePorts(model, fleetConfig.scopes)) {
      findings.push({
        ruleId: FLEET_NODE_PORT_RULE,
        severity,
        message: result.message,
        location: result.location,
        related: result.related ?? [],
        fingerprint: fingerprint(FLEET_NODE_PORT_RULE, result.location.file, result.key),
        ...(result.object ? { object: result.object } : {})
      })
    }
  }
  return {
    model,
    // One place, one finding, as in a repository's own scan (src/rules/merge-findings.ts).
    findings: sortFindings(mergeFindings(findings.filter(isNewInFleet))),
    suppressed,
    unmatched: [],
    conflicts
  }
}

/**
 * Fleet files are `<repository>:<path>`, so `shop:**` would glue `**` to the label, where a glob
 * reads it as `*` (one segment). `**` right after the colon means "any folders" as everywhere
 * else: `shop:**` becomes the pair `shop:*` and `shop:*` + `/**`.
 */
export function fleetGlob(glob: string): string {
  const colon = glob.indexOf(':')
  if (colon === -1 || !glob.startsWith('**', colon + 1)) return glob
  const label = glob.slice(0, colon + 1)
  const rest = glob.slice(colon + 3).replace(/^\//, '')
  return `{${label}*${rest ? rest : ''},${label}*/**${rest ? `/${rest}` : ''}}`
}

/** `shop:k8s/web.yaml` → `shop`. */
export function repositoryOf(file: string): string {
  return file.slice(0, file.indexOf(':'))
}

function isNewInFleet(finding: Finding): boolean {
  if (!PAIR_RULES.has(finding.ruleId)) return true
  const own = repositoryOf(finding.location.file)
  return finding.related.some((related) => repositoryOf(related.location.file) !== own)
}

function mergeModels(models: readonly ScanModel[]): ScanModel {
  const merged = emptyModel()
  for (const model of models) {
    for (const key of Object.keys(merged) as Array<keyof ScanModel>) {
      append(merged[key] as unknown[], model[key] as unknown[])
    }
  }
  return merged
}
