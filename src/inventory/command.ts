// `port-hygiene inventory`: print the port table, write it into PORTS.md between the markers, or
// check that the committed one still matches the manifests.
import path from 'node:path'
import packageJson from '../../package.json' with { type: 'json' }
import { toPosix } from '../discover/discover.js'
import type { ScanResult } from '../engine.js'
import { escapeControls } from '../model.js'
import { oneOf, parseCommandLine, UsageError } from '../usage.js'
import { buildInventory, type InventoryRow } from './build.js'
import { checkInventory, writeInventory } from './drift.js'
import { readInventoryDocument, writeInventoryDocument } from './document-file.js'
import { renderInventoryJson, renderInventoryMarkdown } from './render.js'
import { renderInventoryConfigMap } from './configmap.js'
import { checkGenerated, writeGenerated } from '../generated-file.js'

/** The forms the inventory prints in; a new one is one entry here (and its module). */
const RENDERERS = {
  markdown: (rows: readonly InventoryRow[]) => renderInventoryMarkdown(rows),
  json: (rows: readonly InventoryRow[]) => renderInventoryJson(rows, packageJson.version),
  configmap: (rows: readonly InventoryRow[]) => renderInventoryConfigMap(rows)
} satisfies Record<string, (rows: readonly InventoryRow[]) => string>
type Format = keyof typeof RENDERERS

const USAGE = `Usage: port-hygiene inventory [paths...] [options]

List every declared port (workloads, Services, Compose services) with its purpose, as a
Markdown table grouped by namespace and Compose project, as JSON, or as the port registry
ConfigMap (host ports and nodePorts: data "<scope>.<name>.<port>": "host:port" or "port").

Options:
  -c, --config <file>    config file (default: .github/port-hygiene.yml)
  -f, --format <format>  markdown | json | configmap (default: markdown)
      --write <file>     replace the table between the inventory markers of <file>
                         (configmap: write the whole file)
      --check <file>     exit 1 with a row-level diff when the table in <file> is out of date
                         (configmap: a line diff of the whole file)
  -h, --help             print this help

configmap stops with exit code 2, naming both claims, when two services claim one port.

The markers, on lines of their own where the table goes:
  <!-- port-hygiene:inventory:start -->
  <!-- port-hygiene:inventory:end -->
Purpose comes from the port-hygiene/purpose annotation, a "# purpose: ..." comment on the
port's line, the IANA service name of a well-known port, or the port name.

Both read and write the file only inside the scanned (or current) folder, never through a
link that leaves it; --write replaces the file in one step and keeps its line endings.

Exit codes: 0 done (or the table is up to date), 1 the table is out of date, 2 usage error
(or a document that cannot be read or written).
`

export interface InventoryIo {
  cwd: string
  env: Record<string, string | undefined>
  stdout: (text: string) => void
  stderr: (text: string) => void
}

export type Scanner = (
  options: { paths: string[]; config?: string },
  io: Pick<InventoryIo, 'cwd' | 'env'>
) => Promise<{ root: string; result: ScanResult }>

export async function runInventoryCommand(
  argv: string[],
  io: InventoryIo,
  scanner: Scanner
): Promise<number> {
  try {
    return await inventory(argv, io, scanner)
  } catch (error) {
    // A mistake here is explained by this command's help, not the scan's.
    if (error instanceof UsageError) error.command ??= 'inventory'
    throw error
  }
}

async function inventory(argv: string[], io: InventoryIo, scanner: Scanner): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      config: { type: 'string', short: 'c' },
      format: { type: 'string', short: 'f', default: 'markdown' },
      write: { type: 'string' },
      check: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    },
    USAGE
  )
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  const format = oneOf(values.format!, Object.keys(RENDERERS) as Format[], '--format')
  if (values.write !== undefined && values.check !== undefined) {
    throw new UsageError('--write and --check cannot be used together')
  }
  const documentOption = values.write ?? values.check
  if (documentOption !== undefined && format === 'json') {
    throw new UsageError(
      `--${values.write !== undefined ? 'write' : 'check'} writes Markdown; leave out --format`
    )
  }
  if (documentOption !== undefined && documentOption.trim() === '') {
    throw new UsageError(`--${values.write !== undefined ? 'write' : 'check'} needs a file name`)
  }

  const { root, result } = await scanner(
    { paths: positionals, ...(values.config !== undefined ? { config: values.config } : {}) },
    io
  )
  const rows = buildInventory(result.model)
  if (documentOption === undefined) {
    io.stdout(RENDERERS[format](rows))
    return 0
  }
  if (format === 'configmap') return configMapFile(rows, values.write, documentOption, io)

  const absolute = path.resolve(io.cwd, documentOption)
  const display = escapeControls(toPosix(path.relative(io.cwd, absolute)) || documentOption)
  const read = readInventoryDocument(absolute, display, [root, io.cwd])
  const documentFile = toPosix(path.relative(root, absolute))
  const target = { rows, documentFile, display, document: read.text }
  if (values.write !== undefined) {
    const written = writeInventory(target)
    if (written === read.text) {
      io.stdout(`${display} is up to date.\n`)
    } else {
      writeInventoryDocument(read, display, written)
      io.stdout(
        `${display}: inventory written (${rows.length} ${rows.length === 1 ? 'port' : 'ports'}).\n`
      )
    }
    return 0
  }
  const drift = checkInventory(target)
  if (!drift) {
    io.stdout(
      `${display} is up to date (${rows.length} ${rows.length === 1 ? 'port' : 'ports'}).\n`
    )
    return 0
  }
  // The committed rows come from the repository: inert in a terminal or a CI log.
  io.stdout(
    `${drift.summary}\n${drift.diff.split('\n').map(escapeControls).join('\n')}\n${drift.hint}\n`
  )
  return 1
}

/** The ConfigMap is a whole file of its own: --write replaces it, --check diffs it. */
async function configMapFile(
  rows: readonly InventoryRow[],
  write: string | undefined,
  file: string,
  io: InventoryIo
): Promise<number> {
  const generated = renderInventoryConfigMap(rows)
  if (write !== undefined) {
    await writeGenerated(io.cwd, file, generated)
    io.stdout(`${file}: port registry written.\n`)
    return 0
  }
  const drift = checkGenerated(
    io.cwd,
    file,
    generated,
    `port-hygiene inventory --format configmap --write ${file}`
  )
  if (!drift) {
    io.stdout(`${file} is up to date.\n`)
    return 0
  }
  io.stdout(`${drift.summary}\n${drift.diff}\n`)
  return 1
}
