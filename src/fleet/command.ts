// `port-hygiene fleet REPORT.json...`: the cross-repository check over the JSON reports that
// each repository's run already writes.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import packageJson from '../../package.json' with { type: 'json' }
import { loadConfig } from '../config/load.js'
import { defaultConfig, DEFAULT_MAX_FILE_SIZE } from '../config/types.js'
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
"repository" field (the action sets it), else its file name ("shop.json" is "shop"; for
".../shop/port-hygiene-report.json", the folder). Reports of schemaVersion ${ACCEPTED_SCHEMA_VERSIONS.join(' and ')} are read.

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

  const reports = await Promise.all(positionals.map((argument) => loadReport(argument, io.cwd)))
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

function fleetHeadline(reports: readonly LabelledReport[]): string {
  const ports = reports.reduce((sum, report) => sum + report.model.bindings.length, 0)
  const services = reports.reduce((sum, report) => sum + report.model.services.length, 0)
  const labels = reports.map((report) => report.label).join(', ')
  return `Fleet: ${plural(reports.length, 'repository', 'repositories')} (${labels}), ${plural(ports, 'port')}, ${plural(services, 'Service port')}`
}

/** `shop=reports/shop.json` or `reports/shop.json`; read like every file: regular, size-capped. */
async function loadReport(argument: string, cwd: string): Promise<LabelledReport> {
  const match = /^([^=/\\:]+)=(.+)$/.exec(argument)
  const file = match ? match[2]! : argument
  const absolute = path.resolve(cwd, file)
  let text: string
  try {
    const stat = await fs.stat(absolute)
    if (!stat.isFile()) throw new UsageError(`${file} is not a file`)
    if (stat.size > DEFAULT_MAX_FILE_SIZE * 20)
      throw new UsageError(`${file} is too large for a report`)
    text = await fs.readFile(absolute, 'utf8')
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)
  }
  try {
    return readReport(text, file, match?.[1])
  } catch (error) {
    if (!(error instanceof FleetReportError)) throw error
    if (match || !/does not say which repository/.test(error.message)) {
      throw new UsageError(error.message)
    }
    return readReport(text, file, labelFromPath(absolute))
  }
}

/** `shop.json` → `shop`; `.../shop/port-hygiene-report.json` (an artifact download) → `shop`. */
function labelFromPath(absolute: string): string {
  const stem = path.basename(absolute).replace(/\.json$/i, '')
  return stem === 'port-hygiene-report' ? path.basename(path.dirname(absolute)) : stem
}
