'use strict';

var node_fs = require('node:fs');
var path = require('node:path');
var cli = require('../cli-core.js');
require('node:url');
require('node:util');
require('node:os');

// `port-hygiene inventory`: print the port table, write it into PORTS.md between the markers, or
// check that the committed one still matches the manifests.
const USAGE = `Usage: port-hygiene inventory [paths...] [options]

List every declared port (workloads, Services, Compose services) with its purpose, as a
Markdown table grouped by namespace and Compose project, or as JSON.

Options:
  -c, --config <file>    config file (default: .github/port-hygiene.yml)
  -f, --format <format>  markdown | json (default: markdown)
      --write <file>     replace the table between the inventory markers of <file>
      --check <file>     exit 1 with a row-level diff when the table in <file> is out of date
  -h, --help             print this help

The markers, on lines of their own where the table goes:
  <!-- port-hygiene:inventory:start -->
  <!-- port-hygiene:inventory:end -->
Purpose comes from the port-hygiene/purpose annotation, a "# purpose: ..." comment on the
port's line, the IANA service name of a well-known port, or the port name.

Exit codes: 0 done (or the table is up to date), 1 the table is out of date, 2 usage error.
`;
async function runInventoryCommand(argv, io, scanner) {
    const { values, positionals } = cli.parseCommandLine(argv, {
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f', default: 'markdown' },
        write: { type: 'string' },
        check: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
    }, USAGE);
    if (values.help) {
        io.stdout(USAGE);
        return 0;
    }
    const format = cli.oneOf(values.format, ['markdown', 'json'], '--format');
    if (values.write !== undefined && values.check !== undefined) {
        throw new cli.UsageError('--write and --check cannot be used together');
    }
    const documentOption = values.write ?? values.check;
    if (documentOption !== undefined && format !== 'markdown') {
        throw new cli.UsageError(`--${values.write !== undefined ? 'write' : 'check'} writes Markdown; leave out --format`);
    }
    if (documentOption !== undefined && documentOption.trim() === '') {
        throw new cli.UsageError(`--${values.write !== undefined ? 'write' : 'check'} needs a file name`);
    }
    const { root, result } = await scanner({ paths: positionals, ...(values.config !== undefined ? { config: values.config } : {}) }, io);
    const rows = cli.buildInventory(result.model);
    if (documentOption === undefined) {
        io.stdout(format === 'json'
            ? cli.renderInventoryJson(rows, cli.packageJson.version)
            : cli.renderInventoryMarkdown(rows));
        return 0;
    }
    const absolute = path.resolve(io.cwd, documentOption);
    const display = cli.toPosix(path.relative(io.cwd, absolute)) || documentOption;
    const document = await cli.readInventoryDocument(absolute, display);
    const documentFile = cli.toPosix(path.relative(root, absolute));
    const target = { rows, documentFile, display, document };
    if (values.write !== undefined) {
        const written = cli.writeInventory(target);
        if (written === document) {
            io.stdout(`${display} is up to date.\n`);
        }
        else {
            await node_fs.promises.writeFile(absolute, written, 'utf8');
            io.stdout(`${display}: inventory written (${rows.length} ${rows.length === 1 ? 'port' : 'ports'}).\n`);
        }
        return 0;
    }
    const drift = cli.checkInventory(target);
    if (!drift) {
        io.stdout(`${display} is up to date (${rows.length} ${rows.length === 1 ? 'port' : 'ports'}).\n`);
        return 0;
    }
    io.stdout(`${drift.summary}\n${drift.diff}\n${drift.hint}\n`);
    return 1;
}

exports.runInventoryCommand = runInventoryCommand;
