'use strict';

var path = require('node:path');
var cli = require('../cli-core.js');
require('node:fs');
var write = require('./write.js');
require('node:url');
require('node:util');
require('node:os');
require('node:crypto');

// The committed inventory document on disk, for `inventory --write` and `--check`: read through
// the guarded reader and written back atomically (src/fix/write.ts). Only the command loads this
// (the `inventory-drift` rule gets the document's text from the engine), so the writer stays out
// of every scan's start-up.
/**
 * The document, read like every file the tool opens (src/discover/read.ts): a regular file
 * under the size limit, inside the scanned folder (or the current one) after its links are
 * resolved, so a PORTS.md that links out of the repository is never read, nor written.
 */
function readInventoryDocument(absolute, display, roots, maxSize = cli.DEFAULT_MAX_FILE_SIZE) {
    const root = roots.find((candidate) => cli.isInside(candidate, absolute));
    if (root === undefined) {
        throw new cli.InventoryDocumentError(`${display} is outside the scanned folder: run the command from the repository, with the document inside it`);
    }
    const file = path.relative(root, absolute);
    const read = cli.readGuarded(root, file, { maxSize });
    if (read.refused === undefined)
        return { text: read.text, root, file, read };
    if (read.refused.startsWith('it does not exist')) {
        throw new cli.InventoryDocumentError(`${display} does not exist: create it with the two inventory markers, then run --write`);
    }
    throw new cli.InventoryDocumentError(`${display} cannot be read: ${read.refused.replace('the repository', 'the scanned folder')}`);
}
/** Writes the document back atomically, never through a link or over a read-only file. */
function writeInventoryDocument(document, display, text) {
    const written = write.writeFixed(document.root, document.file, text, document.read);
    if (written.refused !== undefined) {
        throw new cli.InventoryDocumentError(`${display} cannot be written: ${written.refused}`);
    }
}

// `port-hygiene inventory`: print the port table, write it into PORTS.md between the markers, or
// check that the committed one still matches the manifests.
/** The forms the inventory prints in; a new one is one entry here (and its module). */
const RENDERERS = {
    markdown: (rows) => cli.renderInventoryMarkdown(rows),
    json: (rows) => cli.renderInventoryJson(rows, cli.packageJson.version)
};
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

Both read and write the file only inside the scanned (or current) folder, never through a
link that leaves it; --write replaces the file in one step and keeps its line endings.

Exit codes: 0 done (or the table is up to date), 1 the table is out of date, 2 usage error
(or a document that cannot be read or written).
`;
async function runInventoryCommand(argv, io, scanner) {
    try {
        return await inventory(argv, io, scanner);
    }
    catch (error) {
        // A mistake here is explained by this command's help, not the scan's.
        if (error instanceof cli.UsageError)
            error.command ??= 'inventory';
        throw error;
    }
}
async function inventory(argv, io, scanner) {
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
    const format = cli.oneOf(values.format, Object.keys(RENDERERS), '--format');
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
        io.stdout(RENDERERS[format](rows));
        return 0;
    }
    const absolute = path.resolve(io.cwd, documentOption);
    const display = cli.escapeControls(cli.toPosix(path.relative(io.cwd, absolute)) || documentOption);
    const read = readInventoryDocument(absolute, display, [root, io.cwd]);
    const documentFile = cli.toPosix(path.relative(root, absolute));
    const target = { rows, documentFile, display, document: read.text };
    if (values.write !== undefined) {
        const written = cli.writeInventory(target);
        if (written === read.text) {
            io.stdout(`${display} is up to date.\n`);
        }
        else {
            writeInventoryDocument(read, display, written);
            io.stdout(`${display}: inventory written (${rows.length} ${rows.length === 1 ? 'port' : 'ports'}).\n`);
        }
        return 0;
    }
    const drift = cli.checkInventory(target);
    if (!drift) {
        io.stdout(`${display} is up to date (${rows.length} ${rows.length === 1 ? 'port' : 'ports'}).\n`);
        return 0;
    }
    // The committed rows come from the repository: inert in a terminal or a CI log.
    io.stdout(`${drift.summary}\n${drift.diff.split('\n').map(cli.escapeControls).join('\n')}\n${drift.hint}\n`);
    return 1;
}

exports.runInventoryCommand = runInventoryCommand;
