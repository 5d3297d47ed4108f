// `port-hygiene fleet REPORT.json...`: the cross-repository check over the JSON reports that
// each repository's run already writes.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import packageJson from '../../package.json' with { type: 'json' }
import { loadConfig } from '../config/load.js'
import { defaultConfig, DEFAULT_MAX_FILE_SIZE } from '../config/types.js'
import { readGuarded } from '../discover/read.js'
import { escapeControls } from '../model.js'
import { renderJson } from '../report/json.js'
import { plural, renderText } from '../report/text.js'
import { oneOf, parseCommandLine, UsageError } from '../usage.js'
import { runFleet } from './fleet.js'
import { RULES } from '../rules/index.js'
import {
  ACCEPTED_SCHEMA_VERSIONS,
  FleetReportError,
  readReport,
  type LabelledReport
} from './reports.js'

const USAGE = `Usage: port-hygiene fleet [label=]REPORT.json... [options]

Merge the JSON reports of several repositories (the action's "report-file" output, or
"port-hygiene --format json") and check what no single repository can see: a host port
claimed by two repositories on one node scope, a nodePort taken twice in one cluster, and
every port against the platform's ranges.

A report is labelled with its repository: "shop=reports/shop.json", else the report's
"repository" field (the action sets it), else its file name ("shop.json" is "shop"); a
report named port-hygiene-report.json (an artifact download) by its last two folders
("reports/acme/shop/port-hygiene-report.json" is "acme/shop"), more when two reports would
share a label. Reports of schemaVersion ${ACCEPTED_SCHEMA_VERSIONS.join(' and ')} are read.

Compose projects are not compared across repositories: each repository's Compose files run on
hosts of their own (its own run checks them). Kubernetes host ports and nodePorts are.

Options:
  -c, --config <file>    the platform's config: nodeScopes (one per cluster) and ranges; its
                         path globs match "<repository>:<path>", e.g. "*:clusters/prod/**"
  -f, --format <format>  text | json (default: text)
  -o, --output <file>    write the report to a file instead of stdout
      --fail-on <level>  error | warning | never (default: error)
  -h, --help             print this help

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage, report or config error.
`

export interface FleetIo {
  cwd: string
  stdout: (text: string) => void
  stderr: (text: string) => void
}

const FAIL_ON = { error: ['error'], warning: ['error', 'warning'], never: [] } as const
type FailOn = keyof typeof FAIL_ON

export async function runFleetCommand(argv: string[], io: FleetIo): Promise<number> {
  try {
    return await fleet(argv, io)
  } catch (error) {
    // A mistake here is explained by this command's help, not the scan's.
    if (error instanceof UsageError) error.command ??= 'fleet'
    throw error
  }
}

async function fleet(argv: string[], io: FleetIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      config: { type: 'string', short: 'c' },
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string', default: 'error' },
      help: { type: 'boolean', short: 'h', default: false }
    },
    USAGE
  )
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  const format = oneOf(values.format!, ['text', 'json'] as const, '--format')
  const failOn = oneOf(values['fail-on']!, Object.keys(FAIL_ON) as FailOn[], '--fail-on')
  if (positionals.length === 0) throw new UsageError('name at least one JSON report', USAGE)

  const reports = loadReports(positionals, io.cwd)
  const config =
    values.config === undefined
      ? defaultConfig()
      : await loadConfig({
          rules: RULES,
          root: io.cwd,
          configPath: path.resolve(io.cwd, values.config)
        })
  let result
  try {
    result = runFleet(reports, config)
  } catch (error) {
    if (error instanceof FleetReportError) throw new UsageError(error.message)
    throw error
  }

  const report =
    format === 'json'
      ? renderJson(result, {
          toolVersion: packageJson.version,
          ...(config.configFile !== undefined ? { configFile: config.configFile } : {})
        })
      : `${fleetHeadline(reports)}\n\n${renderText(result, { color: false })}`
  if (values.output !== undefined) {
    const target = path.resolve(io.cwd, values.output)
    await fs.mkdir(path.dirname(target), { recursive: true })
    await fs.writeFile(target, report, 'utf8')
    io.stdout(`${fleetHeadline(reports)}\nReport written to ${values.output}\n`)
  } else {
    io.stdout(report)
  }
  const failing: readonly string[] = FAIL_ON[failOn]
  return result.findings.some((finding) => failing.includes(finding.severity)) ? 1 : 0
}

/**
 * The repositories merged and what was compared. Labels come from the reports: written inert,
 * as file and object names are in finding lines (a label cannot start a line of the log).
 */
function fleetHeadline(reports: readonly LabelledReport[]): string {
  const ports = reports.reduce((sum, report) => sum + report.model.bindings.length, 0)
  const services = reports.reduce((sum, report) => sum + report.model.services.length, 0)
  const compose = reports.reduce(
    (sum, report) =>
      sum + report.model.bindings.filter((binding) => binding.format === 'compose').length,
    0
  )
  const labels = reports.map((report) => escapeControls(report.label)).join(', ')
  const headline = `Fleet: ${plural(reports.length, 'repository', 'repositories')} (${labels}), ${plural(ports, 'port')}, ${plural(services, 'Service port')}`
  return compose === 0
    ? headline
    : `${headline}\n${plural(compose, 'Compose port')} not compared across repositories: Compose projects of different repositories run on different hosts.`
}

/** Every report of the command line, labelled (see USAGE). */
function loadReports(argumentsGiven: readonly string[], cwd: string): LabelledReport[] {
  const loaded = argumentsGiven.map((argument) => loadReport(argument, cwd))
  const byFolder = loaded.filter(
    (each) => each.report === undefined && isArtifactReport(each.absolute)
  )
  const folderLabels = labelsFromFolders(byFolder.map((each) => path.dirname(each.absolute)))
  return loaded.map((each) => {
    if (each.report) return each.report
    const index = byFolder.indexOf(each)
    const label =
      index === -1 ? path.basename(each.absolute).replace(/\.json$/i, '') : folderLabels[index]!
    return readReportOrUsage(each.text, each.file, label)
  })
}

interface LoadedReport {
  file: string
  absolute: string
  text: string
  /** Undefined until a label from the path is given (the report names no repository). */
  report?: LabelledReport
}

/**
 * `shop=reports/shop.json` or `reports/shop.json`: read like every file the tool opens (a
 * regular file, size-capped, errors said without a path the user did not type).
 */
function loadReport(argument: string, cwd: string): LoadedReport {
  const match = /^([^=/\\:]+)=(.+)$/.exec(argument)
  const file = match ? match[2]! : argument
  const absolute = path.resolve(cwd, file)
  const read = readGuarded(path.parse(absolute).root, absolute, {
    maxSize: DEFAULT_MAX_FILE_SIZE * 20
  })
  if (read.refused !== undefined) {
    const reason = read.refused.startsWith('it does not exist')
      ? 'it does not exist'
      : read.refused.startsWith('larger than')
        ? `it is too large for a report (${read.refused})`
        : read.refused
    throw new UsageError(`cannot read the report ${file}: ${reason}`)
  }
  try {
    return { file, absolute, text: read.text, report: readReport(read.text, file, match?.[1]) }
  } catch (error) {
    if (!(error instanceof FleetReportError)) throw error
    if (match || !/does not say which repository/.test(error.message)) {
      throw new UsageError(error.message)
    }
    return { file, absolute, text: read.text }
  }
}

function readReportOrUsage(text: string, file: string, label: string): LabelledReport {
  try {
    return readReport(text, file, label)
  } catch (error) {
    if (error instanceof FleetReportError) throw new UsageError(error.message)
    throw error
  }
}

/** An artifact download: `<folder>/port-hygiene-report.json`, named by its folder. */
function isArtifactReport(absolute: string): boolean {
  return path.basename(absolute).toLowerCase() === 'port-hygiene-report.json'
}

/**
 * Labels for reports named by their folders: the last two folder names, as a download into
 * `reports/<owner>/<repository>` lays them out (`reports/acme/shop` → `acme/shop`, so two
 * owners' repositories of one name stay apart), and more when the reports share fewer folders
 * than that (`a/acme/shop`, `b/acme/shop` → `a/acme/shop`, `b/acme/shop`).
 */
export function labelsFromFolders(folders: readonly string[]): string[] {
  if (folders.length === 0) return []
  const split = folders.map((folder) => folder.split(path.sep).filter(Boolean))
  let common = 0
  while (
    split.every((parts) => common < parts.length - 1) &&
    split.every((parts) => parts[common] === split[0]![common])
  ) {
    common++
  }
  return split.map((parts) =>
    parts.slice(Math.min(common, Math.max(0, parts.length - 2))).join('/')
  )
}
