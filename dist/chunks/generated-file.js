'use strict';

var fs = require('node:fs/promises');
var path = require('node:path');
var cli = require('../cli-core.js');

// A generated file a repository commits (the port registry ConfigMap, the admission policy):
// written with --output, compared with --check. The committed file is read like every file the
// tool opens (inside the folder, no link out of it, size-capped); a difference is a line diff.
/** At most this many changed lines are printed; the rest are counted. */
const MAX_SHOWN = 40;
async function writeGenerated(cwd, file, text) {
    const target = path.resolve(cwd, file);
    try {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, text, 'utf8');
    }
    catch (error) {
        throw new cli.UsageError(`cannot write ${file}: ${error.message}`);
    }
}
/** Undefined when the committed file is the generated text (line endings aside). */
function checkGenerated(cwd, file, generated, regenerate) {
    const absolute = path.resolve(cwd, file);
    const display = cli.escapeControls(cli.toPosix(path.relative(cwd, absolute)) || file);
    if (!cli.isInside(cwd, absolute)) {
        throw new cli.UsageError(`${display} is outside the current folder: run the command from the repository`);
    }
    const read = cli.readGuarded(cwd, path.relative(cwd, absolute), { maxSize: 8 * 1024 * 1024 });
    if (read.refused !== undefined) {
        throw new cli.UsageError(`${display} cannot be read: ${read.refused}; create it with ${regenerate}`);
    }
    const before = read.text.replace(/\r\n/g, '\n').split('\n');
    const after = generated.split('\n');
    const lines = diffLines(before, after);
    if (lines.length === 0)
        return undefined;
    const removed = lines.filter((line) => line.startsWith('-')).length;
    const added = lines.length - removed;
    const counts = [
        ...(removed > 0 ? [`${removed} ${removed === 1 ? 'line' : 'lines'} to remove`] : []),
        ...(added > 0 ? [`${added} to add`] : [])
    ].join(', ');
    const shown = lines.slice(0, MAX_SHOWN).map(cli.escapeControls);
    if (lines.length > MAX_SHOWN)
        shown.push(`  … and ${lines.length - MAX_SHOWN} more`);
    return {
        summary: `${display} is out of date (${counts}); regenerate it with ${regenerate}:`,
        diff: shown.join('\n')
    };
}
/** `-  12 | old line` / `+     | new line`: committed lines with their numbers. */
function diffLines(before, after) {
    const common = cli.lcsTable(before, after);
    const out = [];
    let i = 0;
    let j = 0;
    while (i < before.length || j < after.length) {
        if (i < before.length && j < after.length && before[i] === after[j]) {
            i++;
            j++;
        }
        else if (i < before.length &&
            (j === after.length || common[i + 1][j] >= common[i][j + 1])) {
            out.push(`- ${String(i + 1).padStart(4)} | ${before[i]}`);
            i++;
        }
        else {
            out.push(`+      | ${after[j]}`);
            j++;
        }
    }
    return out;
}

exports.checkGenerated = checkGenerated;
exports.writeGenerated = writeGenerated;
