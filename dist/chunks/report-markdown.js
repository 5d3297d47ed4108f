'use strict';

var cli = require('../cli-core.js');
var escape = require('./escape.js');
require('node:fs');
require('node:path');
require('node:url');
require('node:util');
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
    for (const finding of result.findings) {
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
const SEVERITY_ICON = { error: '\u274c', warning: '\u26a0\ufe0f', notice: '\u2139\ufe0f' };
const SEVERITIES = ['error', 'warning', 'notice'];
function renderMarkdown(result, options = {}) {
    const settings = {
        ...options,
        maxLength: options.maxLength ?? DEFAULT_MAX_LENGTH
    };
    const change = result.change;
    const top = (settings.marker ? `${settings.marker}\n` : '') +
        headline(result, settings) +
        '\n' +
        runLine(settings) +
        '\n' +
        changeNote(change) +
        scanFacts(result);
    const sections = change ? changeSections(change, settings) : allFindingsSections(result, settings);
    if (settings.portMap) {
        const map = buildPortMap(result, settings.portMap);
        if (map.rows.length > 0)
            sections.push(portMapSection(map, settings));
    }
    const footer = footerLines(result.findings);
    const total = result.findings.length + (change?.fixed.length ?? 0);
    const full = top + sections.map(sectionText).join('') + footer;
    if (full.length <= settings.maxLength)
        return full;
    return cutToLength({ top, sections, footer }, total, settings);
}
// \u2500\u2500 Verdict, run facts, notes \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
/**
 * `### \u274c port-hygiene: adds 2 problems \u2014 1 error, 1 warning; fixes 1; 20 existing`, or without
 * a change set `### \u274c port-hygiene: 3 errors, 2 warnings`. The icon is the worst severity the
 * gate counts, so a PR that adds nothing reads \u2705 whatever the repository already holds.
 */
function headline(result, options = {}) {
    const change = result.change;
    if (!change) {
        if (result.findings.length === 0)
            return `### \u2705 port-hygiene: ${cleanScan(result)}`;
        return `### ${icon(result.findings)} port-hygiene: ${severityCounts(cli.countBySeverity(result.findings))}`;
    }
    const gated = (options.scope ?? 'new') === 'new' ? change.added : result.findings;
    const parts = [];
    if (change.added.length > 0) {
        parts.push(`adds ${cli.plural(change.added.length, 'problem')} \u2014 ${severityCounts(cli.countBySeverity(change.added))}`);
    }
    else if (result.findings.length === 0 && change.fixed.length === 0) {
        return `### \u2705 port-hygiene: ${cleanScan(result)}`;
    }
    else {
        parts.push('adds no port problems');
    }
    if (change.fixed.length > 0)
        parts.push(`fixes ${change.fixed.length}`);
    if (change.existing.length > 0)
        parts.push(`${change.existing.length} existing`);
    return `### ${gated.length > 0 ? icon(gated) : '\u2705'} port-hygiene: ${parts.join('; ')}`;
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
 * `<sub>Commit <code>9f8e7d6</code> \u00b7 2025-06-02 10:00 UTC \u00b7 [workflow run](\u2026) \u00b7 working
 * directory <code>k8s</code> \u00b7 gate: new findings</sub>`: what tells a stale comment from a fresh
 * one, and two steps' comments apart.
 */
function runLine(settings) {
    const facts = [];
    const run = settings.run ?? {};
    if (run.headSha)
        facts.push(`Commit ${escape.codeText(run.headSha.slice(0, 7))}`);
    if (run.time)
        facts.push(escape.escapeMarkdown(formatTime(run.time)));
    if (run.runUrl)
        facts.push(escape.link('workflow run', run.runUrl));
    if (run.workingDirectory) {
        facts.push(`working directory ${escape.codeText(escape.truncate(run.workingDirectory, MAX_PATH_LENGTH))}`);
    }
    if (settings.scope) {
        facts.push(settings.scope === 'new'
            ? 'the check fails on new findings only (<code>fail-on-scope: new</code>)'
            : 'the check counts every finding (<code>fail-on-scope: all</code>)');
    }
    return facts.length > 0 ? `<sub>${facts.join(' \u00b7 ')}</sub>\n` : '';
}
/** `2025-06-02T10:00:31.123Z` \u2192 `2025-06-02 10:00 UTC`. */
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
    return `> ${how}: ${escape.escapeMarkdown(change.note)}.\n\n`;
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
        .map((each) => escape.codeText(escape.truncate(each, MAX_PATH_LENGTH)));
    const more = unmatched.length > shown.length ? ` and ${unmatched.length - shown.length} more` : '';
    return `No file matched ${shown.join(', ')}${more}.`;
}
// \u2500\u2500 Order \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
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
// \u2500\u2500 Sections \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
const NEW_HEADER = '| | Rule | Where | Finding | Fix |\n|---|---|---|---|---|\n';
const LIST_HEADER = '| | Rule | Where | Finding |\n|---|---|---|---|\n';
function changeSections(change, settings) {
    const sections = [];
    if (change.added.length > 0) {
        const section = {
            open: `#### New in this pull request (${change.added.length})\n\n${NEW_HEADER}`,
            rows: [...change.added].sort(byImportance).map((f) => findingRow(f, settings, true)),
            close: '\n',
            counts: true
        };
        const review = reviewLine(settings.review);
        if (review)
            section.after = review;
        sections.push(section);
    }
    if (change.fixed.length > 0) {
        sections.push({
            open: `#### Fixed by this pull request (${change.fixed.length})\n\n${LIST_HEADER}`,
            rows: [...change.fixed]
                .sort(byImportance)
                .map((f) => findingRow(f, { ...settings, lineUrl: settings.baseLineUrl }, false, '\u2705')),
            close: '\n',
            counts: true
        });
    }
    if (change.existing.length > 0) {
        const counts = severityCounts(cli.countBySeverity(change.existing));
        sections.push({
            // Blank lines around the table: without them GitHub treats it as part of the HTML block.
            open: `<details>\n<summary>${escape.escapeHtml(`${cli.plural(change.existing.length, 'existing finding')} (${counts}), not from this pull request`)}</summary>\n\n` +
                LIST_HEADER,
            rows: [...change.existing].sort(byImportance).map((f) => findingRow(f, settings, false)),
            close: '\n</details>\n\n',
            counts: true
        });
    }
    return sections;
}
function allFindingsSections(result, settings) {
    if (result.findings.length === 0)
        return [];
    // Nothing to compare with: every finding is the reader's business, none is folded away.
    const rows = [...result.findings].sort(byImportance).map((f) => findingRow(f, settings, true));
    return [{ open: `#### Findings\n\n${NEW_HEADER}`, rows, close: '\n', counts: true }];
}
function reviewLine(review) {
    if (!review)
        return undefined;
    if (review.skipped)
        return `<sub>No inline review: ${escape.escapeMarkdown(review.skipped)}.</sub>\n\n`;
    const parts = [];
    if (review.inline > 0) {
        parts.push(`${cli.plural(review.inline, 'new finding is', 'new findings are')} commented inline on the diff`);
    }
    if (review.notInline > 0) {
        parts.push(`${cli.plural(review.notInline, 'is', 'are')} listed here only (outside the diff, or past 30 comments per review)`);
    }
    return parts.length > 0 ? `<sub>${parts.join('; ')}.</sub>\n\n` : undefined;
}
/**
 * One short row: icon, rule (linked to its page at the tool's version), `file:line` (linked to
 * the line), a one-line message (the why is on the rule's page) and, for new findings, the fix.
 */
function findingRow(finding, settings, withFix, iconOverride) {
    const other = finding.related[0];
    const also = other
        ? `<br>\u21b3 ${locationLink(other.location, settings)}${finding.related.length > 1 ? ` and ${finding.related.length - 1} more` : ''}`
        : '';
    const cells = [
        iconOverride ?? SEVERITY_ICON[finding.severity],
        escape.link(escape.codeText(finding.ruleId), cli.docsUrl(finding.ruleId)),
        locationLink(finding.location, settings),
        escape.escapeTableCell(shortMessage(finding)) + also
    ];
    if (withFix)
        cells.push(finding.fix ? escape.escapeTableCell(finding.fix.description) : '');
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
    // `DaemonSet monitoring/syslog: protocol "udp" must be written "UDP": \u2026` names the object
    // first: the clause that says what is wrong is the next one.
    if (head.length < withoutPlaces.length && !STATEMENT.test(head)) {
        head += `: ${firstClause(withoutPlaces.slice(head.length + 2))}`;
    }
    const rest = withoutPlaces.slice(head.length);
    const verdict = /^:\s*((?:certain|possible) conflict)\b/i.exec(rest);
    const text = verdict ? `${head} (${verdict[1]})` : head;
    return escape.truncate(text.replace(/[.\s]+$/, ''), MAX_SHORT_MESSAGE_LENGTH);
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
/** `[<code>k8s/a.yaml:12</code>](\u2026#L12)`; a file-level finding (line 0) shows the file alone. */
function locationLink(location, settings) {
    const file = escape.truncate(location.file, MAX_PATH_LENGTH);
    const text = location.line >= 1 ? `${file}:${location.line}` : file;
    return escape.link(escape.codeText(text), lineUrlOf(location, settings));
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
function sectionText(section) {
    return section.open + section.rows.join('') + section.close + (section.after ?? '');
}
// \u2500\u2500 Port map \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
function portMapSection(map, settings) {
    const facts = [
        cli.plural(map.rows.length, 'host port'),
        ...(map.conflicts > 0 ? [cli.plural(map.conflicts, 'in a conflict', 'in conflicts')] : []),
        ...(map.changed > 0 ? [`${map.changed} added or changed by this pull request`] : [])
    ];
    const rows = [];
    let scope = '';
    for (const row of map.rows) {
        // A scope change inside one table: a row naming the scope, so one table holds them all.
        if (row.scope !== scope) {
            scope = row.scope;
            rows.push(tableRow([`**${escape.escapeTableCell(scope)}**`, '', '', '']));
        }
        const marks = [row.conflict ? '\u26a0\ufe0f conflict' : '', row.changed ? '\ud83c\udd95 this PR' : '']
            .filter(Boolean)
            .join(' ');
        rows.push(tableRow([
            escape.escapeTableCell(row.port),
            escape.escapeTableCell(escape.truncate(row.owner, MAX_PATH_LENGTH)),
            locationLink(row.location, settings),
            marks
        ]));
    }
    return {
        open: `<details>\n<summary>${escape.escapeHtml(`Port map: ${facts.join(', ')}`)}</summary>\n\n` +
            '| Host port | Owner | Where | |\n|---|---|---|---|\n',
        rows,
        close: '\n</details>\n\n',
        counts: false
    };
}
// \u2500\u2500 Footer \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
/** One line of counts per rule (the rule table of old, shrunk), then how to silence a finding. */
function footerLines(findings) {
    if (findings.length === 0)
        return '';
    const counts = new Map();
    for (const finding of findings)
        counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
    const rules = [...counts.entries()]
        .sort(([a, countA], [b, countB]) => countB - countA || cli.compareText(a, b))
        .map(([ruleId, count]) => `${escape.link(escape.codeText(ruleId), cli.docsUrl(ruleId))} ${count}`)
        .join(' \u00b7 ');
    const syntax = escape.codeText('# port-hygiene-ignore <rule-id>: <reason>');
    return `<sub>By rule: ${rules}. To silence a finding, add ${syntax} on its line or the line above.</sub>\n`;
}
/**
 * Keeps whole rows, in order, while they fit, closes the section it stops in, and says how many
 * findings were left out. The note's length is reserved up front for the largest count it could
 * show, so adding it never pushes the body over the limit.
 */
function cutToLength(parts, total, settings) {
    const reserve = cutNote(total, settings).length;
    const footer = parts.top.length + reserve + parts.footer.length <= settings.maxLength ? parts.footer : '';
    // A limit too small for any report: the marker and the headline, sliced.
    if (parts.top.length + reserve > settings.maxLength) {
        return (parts.top + cutNote(total, settings)).slice(0, settings.maxLength);
    }
    let budget = settings.maxLength - parts.top.length - reserve - footer.length;
    let body = '';
    let shown = 0;
    for (const section of parts.sections) {
        const fixed = section.open.length + section.close.length;
        let rows = '';
        let count = 0;
        for (const row of section.rows) {
            if (fixed + rows.length + row.length > budget)
                break;
            rows += row;
            count += 1;
        }
        if (count === 0)
            break;
        const after = count === section.rows.length &&
            section.after &&
            fixed + rows.length + section.after.length <= budget
            ? section.after
            : '';
        body += section.open + rows + section.close + after;
        budget -= fixed + rows.length + after.length;
        if (section.counts)
            shown += count;
        if (count < section.rows.length)
            break;
    }
    return parts.top + body + cutNote(total - shown, settings) + footer;
}
function cutNote(omitted, settings) {
    const where = settings.fullReportHint
        ? `The full report is in ${hintText(settings.fullReportHint)}.`
        : 'Run port-hygiene locally for the full report.';
    return (`> **${cli.plural(omitted, 'finding is', 'findings are')} not shown**: ` +
        `this report is limited to ${settings.maxLength.toLocaleString('en-US')} characters. ${where}\n\n`);
}
/** Plain text with its http(s) URLs turned into links (the run URL in "the job summary of run \u2026 (URL)"). */
function hintText(hint) {
    return hint
        .split(/(https?:\/\/[^\s()<>]+)/)
        .map((part, index) => {
        if (index % 2 === 0)
            return escape.escapeMarkdown(part);
        const url = escape.safeUrl(part);
        return url ? escape.link(escape.escapeMarkdown(part), url) : escape.escapeMarkdown(part);
    })
        .join('');
}

exports.DEFAULT_MAX_LENGTH = DEFAULT_MAX_LENGTH;
exports.byImportance = byImportance;
exports.headline = headline;
exports.renderMarkdown = renderMarkdown;
exports.shortMessage = shortMessage;
