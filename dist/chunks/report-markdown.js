'use strict';

var cli = require('../cli-core.js');
require('node:fs');
require('node:path');
require('node:url');
require('node:util');
require('node:module');
require('node:os');

const NODE_PORTS = 'Kubernetes nodePorts (every node)';
const COMPOSE_HOST = 'Compose host';
function buildPortMap(result, options = {}) {
    const conflictAt = conflictLocations(result);
    const isChanged = changeTest(result.change);
    const rows = [];
    for (const binding of result.model.bindings) {
        const claim = cli.hostClaim(binding);
        if (!claim)
            continue;
        const kubernetes = binding.format === 'kubernetes';
        const scopeName = kubernetes ? (options.nodeScopeOf?.(claim.location.file) ?? '') : '';
        const scope = kubernetes
            ? `Kubernetes nodes${scopeName ? ` (scope ${scopeName})` : ''}`
            : COMPOSE_HOST;
        const protocol = kubernetes ? binding.protocol.toUpperCase() : binding.protocol;
        const address = binding.hostIP
            ? `${binding.hostIP.includes(':') ? `[${binding.hostIP}]` : binding.hostIP}:`
            : '';
        const ports = cli.formatRange(claim.ports);
        const key = cli.bindingClaimKey(binding);
        rows.push({
            scope,
            port: `${address}${ports}/${protocol}${claim.viaHostNetwork ? ' (host network)' : ''}`,
            owner: owner(binding.object, kubernetes ? binding.container : undefined),
            location: claim.location,
            conflict: conflictAt.has(locationKey(claim.location)),
            changed: isChanged(key, claim.location),
            order: [kubernetes ? 0 : 2, scope, claim.ports.start]
        });
    }
    for (const service of result.model.services) {
        if (service.nodePort === undefined)
            continue;
        const location = service.nodePortLocation ?? service.location;
        const key = cli.nodePortKey(service);
        rows.push({
            scope: NODE_PORTS,
            port: `${service.nodePort}/${service.protocol.toUpperCase()}`,
            owner: owner(service.object),
            location,
            conflict: conflictAt.has(locationKey(location)),
            changed: isChanged(key, location),
            order: [1, NODE_PORTS, service.nodePort]
        });
    }
    rows.sort((a, b) => a.order[0] - b.order[0] ||
        cli.compareText(a.order[1], b.order[1]) ||
        a.order[2] - b.order[2] ||
        cli.compareLocations(a.location, b.location));
    const plain = rows.map(({ order: _order, ...row }) => row);
    return {
        rows: plain,
        conflicts: plain.filter((row) => row.conflict).length,
        changed: plain.filter((row) => row.changed).length
    };
}
function owner(object, container) {
    return cli.describeObject(object, container ? [`container "${container}"`] : []);
}
function locationKey(location) {
    return `${location.file}\0${location.line}\0${location.column}`;
}
/** Places named by a duplicate-host-port finding (either side of the conflict). */
function conflictLocations(result) {
    const places = new Set();
    // Every rule of a merged finding: a conflict may share its line with a more severe rule.
    for (const finding of result.findings.flatMap(cli.partsOf)) {
        if (!/^duplicate-(host|node)-port$/.test(finding.ruleId))
            continue;
        places.add(locationKey(finding.location));
        for (const related of finding.related)
            places.add(locationKey(related.location));
    }
    return places;
}
/** With a base scan: a claim the base did not have; with changed lines: a claim on an added line. */
function changeTest(change) {
    if (!change)
        return () => false;
    if (change.basePorts) {
        const base = new Set(change.basePorts);
        return (key) => !base.has(key);
    }
    const lines = change.changedLines;
    if (lines) {
        return (_key, location) => {
            const added = lines.get(location.file);
            return added === 'all' || (added?.has(location.line) ?? false);
        };
    }
    return () => false;
}

const DEFAULT_MAX_LENGTH = 65_000;
/** Caps on repository strings, so one hostile value cannot fill the comment on its own. */
const MAX_PATH_LENGTH = 300;
const MAX_SHORT_MESSAGE_LENGTH = 220;
const MAX_UNMATCHED_PATHS = 10;
const SEVERITY_ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
const SEVERITIES = ['error', 'warning', 'notice'];
/**
 * The order in which rows are left out of a body that is too long: the lowest first. Existing
 * findings go first (they are not this change's), then the port map's rows the change does not
 * touch, then those it touches; the findings the change fixed or changed, and the new findings
 * at the very last.
 */
const DROP_ORDER = {
    existing: 1,
    portMapUnchanged: 2,
    portMapTouched: 3,
    changed: 4,
    fixed: 5,
    new: 6
};
function renderMarkdown(result, options = {}) {
    const settings = {
        ...options,
        maxLength: options.maxLength ?? DEFAULT_MAX_LENGTH
    };
    const change = result.change;
    const marker = settings.marker ? `${settings.marker}\n` : '';
    const top = headline(result, settings) +
        '\n' +
        runLine(settings) +
        '\n' +
        changeNote(change) +
        extraNotes(settings.notes) +
        scanFacts(result);
    const sections = change ? changeSections(change, settings) : allFindingsSections(result, settings);
    if (settings.portMap)
        cli.append(sections, portMapSections(result, settings));
    const footer = footerLines(result.findings);
    return (marker + fitToLength({ top, sections, footer }, settings.maxLength - marker.length, settings));
}
// ── Verdict, run facts, notes ───────────────────────────────────────────────────────────────
/**
 * `### ❌ port-hygiene: adds 2 problems — 1 error, 1 warning; fixes 1; 20 existing`, or without
 * a change set `### ❌ port-hygiene: 3 errors, 2 warnings`. The icon is the worst severity the
 * gate counts, so a PR that adds nothing reads ✅ whatever the repository already holds.
 */
function headline(result, options = {}) {
    const change = result.change;
    if (!change) {
        if (result.findings.length === 0)
            return `### ✅ port-hygiene: ${cleanScan(result)}`;
        return `### ${icon(result.findings)} port-hygiene: ${severityCounts(cli.countBySeverity(result.findings))}`;
    }
    const gated = (options.scope ?? 'new') === 'new' ? change.added : result.findings;
    const parts = [];
    if (change.added.length > 0) {
        parts.push(`adds ${cli.plural(change.added.length, 'problem')} — ${severityCounts(cli.countBySeverity(change.added))}`);
    }
    else if (result.findings.length === 0 && change.fixed.length === 0 && !change.changed?.length) {
        return `### ✅ port-hygiene: ${cleanScan(result)}`;
    }
    else {
        parts.push('adds no port problems');
    }
    if (change.fixed.length > 0)
        parts.push(`fixes ${change.fixed.length}`);
    // Gone in one form, still there in another: never counted as fixed.
    if (change.changed?.length)
        parts.push(`${change.changed.length} changed`);
    if (change.existing.length > 0)
        parts.push(`${change.existing.length} existing`);
    return `### ${gated.length > 0 ? icon(gated) : '✅'} port-hygiene: ${parts.join('; ')}`;
}
function icon(findings) {
    const counts = cli.countBySeverity(findings);
    return SEVERITY_ICON[SEVERITIES.find((severity) => counts[severity] > 0) ?? 'notice'];
}
function cleanScan(result) {
    const files = checkedFiles(result);
    return files === 0
        ? 'no port problems (no Kubernetes or Compose files found)'
        : `no port problems in ${cli.plural(files, 'file')}`;
}
/** `3 errors, 2 warnings` (zero counts left out). */
function severityCounts(counts) {
    return SEVERITIES.filter((severity) => counts[severity] > 0)
        .map((severity) => cli.plural(counts[severity], severity))
        .join(', ');
}
/**
 * `<sub>Commit <code>9f8e7d6</code> · 2025-06-02 10:00 UTC · [workflow run](…) · working
 * directory <code>k8s</code> · gate: new findings</sub>`: what tells a stale comment from a fresh
 * one, and two steps' comments apart.
 */
function runLine(settings) {
    const facts = [];
    const run = settings.run ?? {};
    if (run.headSha)
        facts.push(`Commit ${cli.codeText(run.headSha.slice(0, 7))}`);
    if (run.time)
        facts.push(cli.escapeMarkdown(formatTime(run.time)));
    if (run.runUrl)
        facts.push(cli.link('workflow run', run.runUrl));
    if (run.workingDirectory) {
        facts.push(`working directory ${cli.codeText(cli.truncate(run.workingDirectory, MAX_PATH_LENGTH))}`);
    }
    if (settings.scope) {
        facts.push(settings.scope === 'new'
            ? 'the check fails on new findings only (<code>fail-on-scope: new</code>)'
            : 'the check counts every finding (<code>fail-on-scope: all</code>)');
    }
    return facts.length > 0 ? `<sub>${facts.join(' · ')}</sub>\n` : '';
}
/** `2025-06-02T10:00:31.123Z` → `2025-06-02 10:00 UTC`. */
function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime()))
        return iso;
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
/** When new and existing could not be told apart exactly, the reader must know. */
function changeNote(change) {
    if (!change?.note)
        return '';
    const how = change.basis === 'changed-lines'
        ? '**Compared by changed lines**'
        : change.basis === 'none'
            ? '**Not compared with the base**'
            : '**Note**';
    return `> ${how}: ${cli.escapeMarkdown(change.note)}.\n\n`;
}
function extraNotes(notes) {
    return (notes ?? []).map((note) => `> **Note**: ${cli.escapeMarkdown(note)}.\n\n`).join('');
}
/** Files the loaders recognised; other YAML (CI configs, Helm values) is read but not counted. */
function checkedFiles(result) {
    return cli.countCheckedFiles(result.model.files);
}
/** One line: what was checked, what was suppressed or skipped. */
function scanFacts(result) {
    const kubernetes = result.model.files.filter((file) => file.format === 'kubernetes').length;
    const compose = result.model.files.filter((file) => file.format === 'compose').length;
    const kinds = [kubernetes && `${kubernetes} Kubernetes`, compose && `${compose} Compose`].filter(Boolean);
    const facts = [
        `Checked ${cli.plural(kubernetes + compose, 'file')}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}.`
    ];
    if (result.suppressed.length > 0) {
        facts.push(`${cli.plural(result.suppressed.length, 'finding')} suppressed by ` +
            '`port-hygiene-ignore` comments or annotations (not counted).');
    }
    if (result.model.skippedFiles.length > 0) {
        facts.push(`${cli.plural(result.model.skippedFiles.length, 'file')} skipped.`);
    }
    if (result.unmatched.length > 0)
        facts.push(unmatchedPaths(result.unmatched));
    return `${facts.join(' ')}\n\n`;
}
function unmatchedPaths(unmatched) {
    const shown = unmatched
        .slice(0, MAX_UNMATCHED_PATHS)
        .map((each) => cli.codeText(cli.truncate(each, MAX_PATH_LENGTH)));
    const more = unmatched.length > shown.length ? ` and ${unmatched.length - shown.length} more` : '';
    return `No file matched ${shown.join(', ')}${more}.`;
}
// ── Order ───────────────────────────────────────────────────────────────────────────────────
/**
 * A "possible" conflict is less certain than a definite one; every other finding is certain.
 * (Rules say so in the message; a certainty field would be the rule's to set.)
 */
function uncertainty(finding) {
    return /\bpossible conflict\b/i.test(finding.message) ? 1 : 0;
}
/** Most severe first, then most certain, then by place: the order of every list and sink. */
function byImportance(a, b) {
    return (cli.SEVERITY_ORDER[a.severity] - cli.SEVERITY_ORDER[b.severity] ||
        uncertainty(a) - uncertainty(b) ||
        cli.compareLocations(a.location, b.location) ||
        cli.compareText(a.ruleId, b.ruleId));
}
// ── Sections ────────────────────────────────────────────────────────────────────────────────
const NEW_HEADER = '| | Rule | Where | Finding | Fix |\n|---|---|---|---|---|\n';
const LIST_HEADER = '| | Rule | Where | Finding |\n|---|---|---|---|\n';
const CHANGED_HEADER = '| | Rule | Where it was | Finding | Covered now by |\n|---|---|---|---|---|\n';
function changeSections(change, settings) {
    const sections = [];
    const rows = (findings, rank, row) => [...findings].sort(byImportance).map((finding) => ({ text: row(finding), rank }));
    if (change.added.length > 0) {
        const heading = `#### New in this pull request (${change.added.length})\n\n`;
        const section = {
            open: heading + NEW_HEADER,
            rows: rows(change.added, DROP_ORDER.new, (f) => findingRow(f, settings, true)),
            close: '\n',
            standIn: heading,
            noun: ['new finding', 'new findings']
        };
        const after = newFindingsLine(change.added, settings.review);
        if (after)
            section.after = after;
        sections.push(section);
    }
    if (change.fixed.length > 0) {
        const heading = `#### Fixed by this pull request (${change.fixed.length})\n\n`;
        const atBase = { ...settings, lineUrl: settings.baseLineUrl };
        sections.push({
            open: heading + LIST_HEADER,
            rows: rows(change.fixed, DROP_ORDER.fixed, (f) => findingRow(f, atBase, false, '✅')),
            close: '\n',
            standIn: heading,
            noun: ['fixed finding', 'fixed findings']
        });
    }
    if (change.changed?.length) {
        const heading = `#### Changed by this pull request (${change.changed.length})\n\n` +
            '<sub>Gone in this form but not fixed: the same ports are still claimed, and a finding ' +
            'this pull request adds covers them now.</sub>\n\n';
        const atBase = { ...settings, lineUrl: settings.baseLineUrl };
        const ordered = [...change.changed].sort((a, b) => byImportance(a.finding, b.finding));
        sections.push({
            open: heading + CHANGED_HEADER,
            rows: ordered.map(({ finding, now }) => ({
                text: changedRow(finding, now, atBase, settings),
                rank: DROP_ORDER.changed
            })),
            close: '\n',
            standIn: heading,
            noun: ['changed finding', 'changed findings']
        });
    }
    if (change.existing.length > 0) {
        const counts = severityCounts(cli.countBySeverity(change.existing));
        sections.push({
            // Blank lines around the table: without them GitHub treats it as part of the HTML block.
            open: `<details>\n<summary>${cli.escapeHtml(`${cli.plural(change.existing.length, 'existing finding')} (${counts}), not from this pull request`)}</summary>\n\n` +
                LIST_HEADER,
            rows: rows(change.existing, DROP_ORDER.existing, (f) => findingRow(f, settings, false)),
            close: '\n</details>\n\n',
            noun: ['existing finding', 'existing findings']
        });
    }
    return sections;
}
function allFindingsSections(result, settings) {
    if (result.findings.length === 0)
        return [];
    // Nothing to compare with: every finding is the reader's business, none is folded away.
    const heading = '#### Findings\n\n';
    const rows = [...result.findings]
        .sort(byImportance)
        .map((f) => ({ text: findingRow(f, settings, true), rank: DROP_ORDER.new }));
    return [
        {
            open: heading + NEW_HEADER,
            rows,
            close: '\n',
            standIn: heading,
            noun: ['finding', 'findings']
        }
    ];
}
/** Under the new findings: where they are inline, and why the others are only listed. */
function newFindingsLine(added, review) {
    const notInHead = added.filter((finding) => finding.location.notInHead).length;
    const lines = [];
    const review_ = reviewLine(review);
    if (review_)
        lines.push(review_);
    if (notInHead > 0) {
        lines.push(`<sub>${cli.plural(notInHead, 'new finding is', 'new findings are')} on lines this pull ` +
            "request's head does not have: they are in GitHub's merge of it with the base branch " +
            '(the base branch wrote them since this branch was made). Lines marked ' +
            '"merge commit only" are the merge\'s; merging or rebasing the base branch into this ' +
            'one brings them into the diff.</sub>\n\n');
    }
    return lines.length > 0 ? lines.join('') : undefined;
}
function reviewLine(review) {
    if (!review)
        return undefined;
    if (review.skipped)
        return `<sub>No inline review: ${cli.escapeMarkdown(review.skipped)}.</sub>\n\n`;
    const reasons = [
        review.outsideDiff > 0 && `${review.outsideDiff} outside the diff`,
        review.notInHead > 0 && `${review.notInHead} on a line only the merge commit has`,
        review.overLimit > 0 &&
            `${review.overLimit} past the limit of ${review.limit ?? 30} inline comments per pull request`,
        review.refused > 0 && `${review.refused} refused by GitHub (the diff changed during the run)`
    ].filter((reason) => typeof reason === 'string');
    const listed = reasons.length > 0 ? sumOf(review) : 0;
    const parts = [];
    if (review.inline > 0) {
        parts.push(`${cli.plural(review.inline, 'new finding is', 'new findings are')} commented inline on the diff`);
    }
    if (listed > 0) {
        parts.push(`${cli.plural(listed, 'is', 'are')} listed here only: ${reasons.join(', ')}`);
    }
    return parts.length > 0 ? `<sub>${parts.join('; ')}.</sub>\n\n` : undefined;
}
function sumOf(review) {
    return review.outsideDiff + review.notInHead + review.overLimit + review.refused;
}
/**
 * One short row: icon, rule (linked to its page at the tool's version), `file:line` (linked to
 * the line), a one-line message (the why is on the rule's page) and, for new findings, the fix.
 */
function findingRow(finding, settings, withFix, iconOverride) {
    const other = finding.related[0];
    const also = other
        ? `<br>↳ ${locationLink(other.location, settings)}${finding.related.length > 1 ? ` and ${finding.related.length - 1} more` : ''}`
        : '';
    const cells = [
        iconOverride ?? SEVERITY_ICON[finding.severity],
        cli.link(cli.codeText(finding.ruleId), cli.docsUrl(finding.ruleId)),
        locationLink(finding.location, settings),
        cli.escapeTableCell(shortMessage(finding)) + also
    ];
    if (withFix)
        cells.push(finding.fix ? cli.escapeTableCell(finding.fix.description) : '');
    return tableRow(cells);
}
/**
 * The message's first clause, without the places the row already shows: rule messages name
 * both sides of a conflict with `file:line` and then explain why it matters after a colon;
 * the row links the place, and the rule's page explains. A "certain"/"possible" verdict stays.
 */
function shortMessage(finding) {
    const withoutPlaces = finding.message
        .replace(/,\s*[^\s,()"]+:\d+(?::\d+)?(?=\))/g, '')
        .replace(/\s*\([^\s,()"]+:\d+(?::\d+)?\)/g, '');
    let head = firstClause(withoutPlaces);
    // `DaemonSet monitoring/syslog: protocol "udp" must be written "UDP": …` names the object
    // first: the clause that says what is wrong is the next one.
    if (head.length < withoutPlaces.length && !STATEMENT.test(head)) {
        head += `: ${firstClause(withoutPlaces.slice(head.length + 2))}`;
    }
    const rest = withoutPlaces.slice(head.length);
    const verdict = /^:\s*((?:certain|possible) conflict)\b/i.exec(rest);
    const text = verdict ? `${head} (${verdict[1]})` : head;
    return cli.truncate(text.replace(/[.\s]+$/, ''), MAX_SHORT_MESSAGE_LENGTH);
}
/** A clause that says something (rather than naming an object): it has a verb. */
const STATEMENT = /\b(?:is|are|was|must|has|have|needs?|uses?|claims?|cannot|does|do|matches|names)\b/;
/** Up to the first `: ` outside quotes and parentheses (`protocol "x:y"` is not a clause end). */
function firstClause(message) {
    let depth = 0;
    let quoted = false;
    for (let index = 0; index < message.length - 1; index++) {
        const char = message[index];
        if (char === '"')
            quoted = !quoted;
        else if (!quoted && char === '(')
            depth++;
        else if (!quoted && char === ')')
            depth = Math.max(0, depth - 1);
        else if (!quoted && depth === 0 && char === ':' && message[index + 1] === ' ') {
            return message.slice(0, index);
        }
    }
    return message;
}
/**
 * `[<code>k8s/a.yaml:12</code>](…#L12)`; a file-level finding (line 0) shows the file alone. A
 * line the PR's head does not have is the merge commit's: no link to the head, and said so.
 */
function locationLink(location, settings) {
    const file = cli.truncate(location.file, MAX_PATH_LENGTH);
    const text = location.line >= 1 ? `${file}:${location.line}` : file;
    if (location.notInHead)
        return `${cli.codeText(text)} <sub>(merge commit only)</sub>`;
    return cli.link(cli.codeText(text), lineUrlOf(location, settings));
}
/** A base finding that a new finding covers now: where it was, and what covers it. */
function changedRow(finding, now, atBase, atHead) {
    return tableRow([
        '↪️',
        cli.link(cli.codeText(finding.ruleId), cli.docsUrl(finding.ruleId)),
        locationLink(finding.location, atBase),
        cli.escapeTableCell(shortMessage(finding)),
        `${cli.link(cli.codeText(now.ruleId), cli.docsUrl(now.ruleId))} at ${locationLink(now.location, atHead)}`
    ]);
}
/** A URL builder that throws (a name it cannot encode) costs the link, not the report. */
function lineUrlOf(location, settings) {
    try {
        return settings.lineUrl?.(location.file, Math.max(location.line, 1));
    }
    catch {
        return undefined;
    }
}
/** A table row from cells that are already escaped for a table. */
function tableRow(cells) {
    return `| ${cells.join(' | ')} |\n`;
}
// ── Port map ────────────────────────────────────────────────────────────────────────────────
/**
 * The port map: in the job summary every host port; in the PR comment (`rows: review`) the host
 * ports in conflicts or that this change touches — what a reviewer asks about — and a line
 * saying how many others there are and where the whole map is.
 */
function portMapSections(result, settings) {
    const options = settings.portMap;
    const map = buildPortMap(result, options);
    if (map.rows.length === 0)
        return [];
    const review = options.rows === 'review';
    const rows = review ? map.rows.filter((row) => row.conflict || row.changed) : map.rows;
    const others = map.rows.length - rows.length;
    const where = options.fullMapHint ? hintText(options.fullMapHint) : 'the job summary';
    if (rows.length === 0) {
        const text = `<sub>Port map: none of the ${cli.plural(map.rows.length, 'host port')} is in a conflict or ` +
            `touched by this pull request; the whole map is in ${where}.</sub>\n\n`;
        return [{ open: '', rows: [], close: '', standIn: text, noun: ['host port', 'host ports'] }];
    }
    const facts = [
        review && others > 0
            ? `${rows.length} of ${map.rows.length} host ports`
            : cli.plural(map.rows.length, 'host port'),
        ...(map.conflicts > 0 ? [cli.plural(map.conflicts, 'in a conflict', 'in conflicts')] : []),
        ...(map.changed > 0 ? [`${map.changed} added or changed by this pull request`] : [])
    ];
    const othersLine = review && others > 0
        ? `<sub>The ${cli.plural(others, 'other host port')}, neither in a conflict nor touched by this ` +
            `pull request, ${others === 1 ? 'is' : 'are'} in the whole map in ${where}.</sub>\n\n`
        : '';
    const scopes = new Map();
    for (const row of rows) {
        if (!scopes.has(row.scope)) {
            scopes.set(row.scope, tableRow([`**${cli.escapeTableCell(row.scope)}**`, '', '', '']));
        }
    }
    const scopeOf = new Map();
    const mapRows = rows.map((row) => {
        const marks = [row.conflict ? '⚠️ conflict' : '', row.changed ? '🆕 this PR' : '']
            .filter(Boolean)
            .join(' ');
        const mapped = {
            text: tableRow([
                cli.escapeTableCell(row.port),
                cli.escapeTableCell(cli.truncate(row.owner, MAX_PATH_LENGTH)),
                locationLink(row.location, settings),
                marks
            ]),
            rank: row.changed ? DROP_ORDER.portMapTouched : DROP_ORDER.portMapUnchanged
        };
        scopeOf.set(mapped, row.scope);
        return mapped;
    });
    const standIn = `<sub>Port map: ${cli.escapeMarkdown(facts.join(', '))}.</sub>\n\n`;
    return [
        {
            open: `<details>\n<summary>${cli.escapeHtml(`Port map: ${facts.join(', ')}`)}</summary>\n\n` +
                othersLine +
                '| Host port | Owner | Where | |\n|---|---|---|---|\n',
            rows: mapRows,
            close: '\n</details>\n\n',
            standIn: standIn + othersLine,
            noun: ['host port', 'host ports'],
            // A scope change inside one table: a row naming the scope, so one table holds them all.
            render(kept) {
                let scope = '';
                let text = '';
                for (const row of kept) {
                    const rowScope = scopeOf.get(row);
                    if (rowScope !== scope) {
                        scope = rowScope;
                        text += scopes.get(scope);
                    }
                    text += row.text;
                }
                return text;
            },
            renderExtra: [...scopes.values()].reduce((sum, heading) => sum + heading.length, 0)
        }
    ];
}
// ── Footer ──────────────────────────────────────────────────────────────────────────────────
/** One line of counts per rule (the rule table of old, shrunk), then how to silence a finding. */
function footerLines(findings) {
    if (findings.length === 0)
        return '';
    const counts = new Map();
    // Each rule a finding stands for, once per finding (a merged line counts for each of its rules).
    for (const finding of findings) {
        for (const ruleId of cli.ruleIdsOf(finding))
            counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1);
    }
    const rules = [...counts.entries()]
        .sort(([a, countA], [b, countB]) => countB - countA || cli.compareText(a, b))
        .map(([ruleId, count]) => `${cli.link(cli.codeText(ruleId), cli.docsUrl(ruleId))} ${count}`)
        .join(' · ');
    const syntax = cli.codeText('# port-hygiene-ignore <rule-id>: <reason>');
    return `<sub>By rule: ${rules}. To silence a finding, add ${syntax} on its line or the line above.</sub>\n`;
}
/** The most rows a note could count: its length is reserved for this many digits. */
const MOST_ROWS = 999_999;
/**
 * The whole body when it fits; else rows are left out in DROP_ORDER, each kind from the end of
 * its list, until it does. Every section that lost rows says how many and where they all are,
 * and one line under the verdict sums it up. The notes' lengths are reserved for the largest
 * counts they could show, so writing them never pushes the body over the limit.
 */
function fitToLength(parts, maxLength, settings) {
    const states = parts.sections.map((section) => ({
        section,
        keptLength: section.rows.reduce((sum, row) => sum + row.text.length, 0),
        kept: section.rows.length,
        noteLength: leftOutNote(section, MOST_ROWS, settings).length
    }));
    const shown = (state) => {
        const { section } = state;
        const note = state.kept < section.rows.length ? state.noteLength : 0;
        if (state.kept === 0)
            return (section.standIn ?? '').length + note;
        return (section.open.length +
            state.keptLength +
            (section.renderExtra ?? 0) +
            section.close.length +
            (section.after ?? '').length +
            note);
    };
    let length = parts.top.length + parts.footer.length;
    for (const state of states)
        length += shown(state);
    if (length <= maxLength)
        return assemble(parts, settings);
    length += summaryLine(parts.sections.map((section) => [MOST_ROWS, section]), settings).length;
    const ranks = [...new Set(parts.sections.flatMap((section) => section.rows.map((r) => r.rank)))];
    for (const rank of ranks.sort((a, b) => a - b)) {
        for (const state of [...states].reverse()) {
            const rows = state.section.rows;
            for (let index = rows.length - 1; index >= 0 && length > maxLength; index--) {
                const row = rows[index];
                if (row.rank !== rank || row.dropped)
                    continue;
                const before = shown(state);
                row.dropped = true;
                state.kept -= 1;
                state.keptLength -= row.text.length;
                length += shown(state) - before;
            }
        }
        if (length <= maxLength)
            return assemble(parts, settings);
    }
    // A limit too small for any report: the verdict and the notes, sliced.
    return assemble(parts, settings).slice(0, maxLength);
}
function assemble(parts, settings) {
    const dropped = parts.sections.flatMap((section) => {
        const left = section.rows.filter((row) => row.dropped).length;
        return left > 0 ? [[left, section]] : [];
    });
    let body = parts.top + (dropped.length > 0 ? summaryLine(dropped, settings) : '');
    for (const section of parts.sections) {
        const kept = section.rows.filter((row) => !row.dropped);
        const left = section.rows.length - kept.length;
        if (kept.length > 0) {
            const rows = section.render ? section.render(kept) : kept.map((row) => row.text).join('');
            body += section.open + rows + section.close + (section.after ?? '');
        }
        else {
            body += section.standIn ?? '';
        }
        if (left > 0)
            body += leftOutNote(section, left, settings);
    }
    return body + parts.footer;
}
/** `312 of 320 existing findings are not shown here, …; they are all in the job summary …`. */
function leftOutNote(section, left, settings) {
    const total = Math.max(section.rows.length, left);
    const what = left === total ? (left === 1 ? 'The' : `All ${left}`) : `${left} of ${total}`;
    return (`<sub>${what} ${nounOf(section, total)} ${left === 1 ? 'is' : 'are'} not shown here, to ` +
        `keep this report within ${settings.maxLength.toLocaleString('en-US')} characters. ` +
        `${whereAll(settings)}</sub>\n\n`);
}
function nounOf(section, count) {
    return count === 1 ? section.noun[0] : section.noun[1];
}
function whereAll(settings) {
    return settings.fullReportHint
        ? `They are all in ${hintText(settings.fullReportHint)}.`
        : 'Run port-hygiene locally for the full report.';
}
/** One line under the verdict: what was left out, and where it all is. */
function summaryLine(dropped, settings) {
    const counts = dropped.map(([left, section]) => {
        const noun = cli.plural(left, ...section.noun);
        return section.noun[0] === 'host port' ? `${noun} of the port map` : noun;
    });
    const list = counts.length > 1 ? `${counts.slice(0, -1).join(', ')} and ${counts.at(-1)}` : counts[0];
    return (`> **Shortened** to ${settings.maxLength.toLocaleString('en-US')} characters, leaving out ` +
        `${list}. ${whereAll(settings)}\n\n`);
}
/** Plain text with its http(s) URLs turned into links (the run URL in "the job summary of run … (URL)"). */
function hintText(hint) {
    return hint
        .split(/(https?:\/\/[^\s()<>]+)/)
        .map((part, index) => {
        if (index % 2 === 0)
            return cli.escapeMarkdown(part);
        const url = cli.safeUrl(part);
        return url ? cli.link(cli.escapeMarkdown(part), url) : cli.escapeMarkdown(part);
    })
        .join('');
}

exports.DEFAULT_MAX_LENGTH = DEFAULT_MAX_LENGTH;
exports.byImportance = byImportance;
exports.headline = headline;
exports.renderMarkdown = renderMarkdown;
exports.shortMessage = shortMessage;
