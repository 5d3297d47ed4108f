'use strict';

var cli = require('../cli-core.js');
var write = require('./write.js');
require('node:fs');
require('node:path');
require('node:url');
require('node:util');
require('node:module');
require('node:os');
require('node:crypto');

// A unified diff of what `--fix` would change, built from the changes the applier made (it knows
// exactly which lines each fix touched, so no diff algorithm is needed): `--- a/<file>`,
// `+++ b/<file>` and hunks with three lines of context, as `git diff` writes them, so that
// `git apply` (or `patch -p1`) applies the output. Lines come from the scanned repository, so
// control characters and bidirectional overrides in them are written escaped (`\u001b`), as in
// the text report; a tab and a CRLF line ending stay as they are.
const CONTEXT = 3;
function unifiedDiff(file, before, after, changes) {
    if (changes.length === 0 || before === after)
        return '';
    const oldLines = splitLines(before);
    const newLines = splitLines(after);
    const name = cli.escapeControls(file);
    const out = [`--- a/${name}\n`, `+++ b/${name}\n`];
    for (const hunk of hunksOf(changes)) {
        out.push(renderHunk(hunk, oldLines, newLines));
    }
    return out.join('');
}
/** Changes close enough to share their context lines go into one hunk. */
function hunksOf(changes) {
    const hunks = [];
    for (const change of changes) {
        const hunk = hunks[hunks.length - 1];
        const last = hunk?.[hunk.length - 1];
        if (hunk && last && change.oldStart - last.oldEnd <= 2 * CONTEXT)
            hunk.push(change);
        else
            hunks.push([change]);
    }
    return hunks;
}
function renderHunk(hunk, oldLines, newLines) {
    const first = hunk[0];
    const last = hunk[hunk.length - 1];
    const oldFrom = Math.max(0, first.oldStart - CONTEXT);
    const oldTo = Math.min(oldLines.length, last.oldEnd + CONTEXT);
    // Context is the same on both sides: the new side starts as many lines before its change.
    const newFrom = first.newStart - (first.oldStart - oldFrom);
    const newTo = last.newEnd + (oldTo - last.oldEnd);
    const body = [];
    let at = oldFrom;
    for (const change of hunk) {
        for (; at < change.oldStart; at++)
            body.push(diffLine(' ', oldLines[at]));
        for (let index = change.oldStart; index < change.oldEnd; index++) {
            body.push(diffLine('-', oldLines[index]));
        }
        for (let index = change.newStart; index < change.newEnd; index++) {
            body.push(diffLine('+', newLines[index]));
        }
        at = change.oldEnd;
    }
    for (; at < oldTo; at++)
        body.push(diffLine(' ', oldLines[at]));
    const header = `@@ -${range(oldFrom, oldTo - oldFrom)} +${range(newFrom, newTo - newFrom)} @@\n`;
    return header + body.join('');
}
/** `start,count` with 1-based lines; an empty range names the line before it (0 at the top). */
function range(start, count) {
    return `${count === 0 ? start : start + 1},${count}`;
}
function diffLine(marker, line) {
    const content = line.content.split('\t').map(cli.escapeControls).join('\t');
    return line.eol === ''
        ? `${marker}${content}\n\\ No newline at end of file\n`
        : `${marker}${content}${line.eol}`;
}
/** The lines of a text as a diff counts them: text after the last line ending is one more line. */
function splitLines(text) {
    const lines = [];
    let at = 0;
    while (at < text.length) {
        const newline = text.indexOf('\n', at);
        if (newline === -1) {
            lines.push({ content: text.slice(at), eol: '' });
            break;
        }
        const crlf = newline > at && text[newline - 1] === '\r';
        lines.push({ content: text.slice(at, crlf ? newline - 1 : newline), eol: crlf ? '\r\n' : '\n' });
        at = newline + 1;
    }
    return lines;
}

// `port-hygiene --fix` and `--fix-dry-run`: the fixes the review suggests (a finding's `fix`,
// src/rules/fixes.ts and the rules' own), applied file by file. As ESLint does, in passes: scan,
// apply every fix that does not overlap another, write, scan again; a fix held back by an overlap
// is computed again on the changed text in the next pass. It stops when a pass changes nothing
// (or after MAX_PASSES, should two fixes keep undoing each other), and what the last scan finds
// is what is left. A dry run makes one pass in memory and prints it as a unified diff.
/** ESLint's number of passes too. */
const MAX_PASSES = 10;
async function runFixes(request) {
    const counts = new Map();
    const refused = new Map();
    let result = await request.scan();
    let passes = 0;
    let diff = '';
    let appliedThisRun = new Set();
    while (passes < MAX_PASSES) {
        const pass = fixPass(request, result, refused);
        passes++;
        for (const [file, fixes] of pass.counts)
            counts.set(file, (counts.get(file) ?? 0) + fixes);
        if (request.dryRun) {
            diff = pass.diff;
            appliedThisRun = pass.fixedFindings;
            break;
        }
        if (pass.counts.size === 0)
            break;
        result = await request.scan();
    }
    const left = request.dryRun
        ? result.findings.filter((finding) => !appliedThisRun.has(finding))
        : result.findings;
    return {
        result,
        left,
        changed: [...counts]
            .map(([file, fixes]) => ({ file, fixes }))
            .sort((a, b) => cli.compareText(a.file, b.file)),
        refused: [...refused]
            .map(([file, reason]) => ({ file, reason }))
            .sort((a, b) => cli.compareText(a.file, b.file)),
        diff,
        passes
    };
}
function fixPass(request, result, refused) {
    const byFile = new Map();
    for (const finding of result.findings) {
        // A finding merged over copies of its object carries a fix for each copy.
        for (const fix of cli.fixesOf(finding)) {
            if (refused.has(fix.location.file))
                continue;
            const list = byFile.get(fix.location.file) ?? [];
            list.push({ finding, fix });
            byFile.set(fix.location.file, list);
        }
    }
    const pass = { counts: new Map(), diff: '', fixedFindings: new Set() };
    const diffs = [];
    for (const file of [...byFile.keys()].sort(cli.compareText)) {
        const fixes = byFile.get(file);
        const read = cli.readGuarded(request.root, file, { maxSize: request.maxFileSize });
        if (read.refused !== undefined) {
            refused.set(file, read.refused);
            continue;
        }
        const applied = cli.applyFixes(read.text, fixes.map((each) => each.fix));
        if (applied.text === read.text)
            continue;
        const outcome = request.dryRun
            ? write.checkWritable(request.root, file, read.identity)
            : write.writeFixed(request.root, file, applied.text, read);
        if (outcome.refused !== undefined) {
            refused.set(file, outcome.refused);
            continue;
        }
        pass.counts.set(file, applied.applied.length);
        const went = new Set(applied.applied);
        for (const each of fixes)
            if (went.has(each.fix))
                pass.fixedFindings.add(each.finding);
        if (request.dryRun)
            diffs.push(unifiedDiff(file, read.text, applied.text, applied.changes));
    }
    pass.diff = diffs.join('');
    return pass;
}

exports.MAX_PASSES = MAX_PASSES;
exports.runFixes = runFixes;
