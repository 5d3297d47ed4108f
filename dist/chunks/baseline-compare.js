'use strict';

var node_fs = require('node:fs');
var path = require('node:path');
var cli = require('../cli-core.js');
var git = require('./baseline-git.js');
require('node:url');
require('node:util');
require('node:module');
require('node:os');
require('node:child_process');

// The base scan: the same pipeline over the base commit's tree, with the base's own config (a
// PR that tightens a rule must see the old findings judged by the old rules, or every finding
// the new config raises would look "existing"), then the comparison.
/** Throws BaseUnavailableError when git cannot give the base. */
async function scanBase(request) {
    const tree = await git.readBaseTree(request.root, request.sha);
    try {
        await node_fs.promises.mkdir(tree.scanRoot, { recursive: true });
        const { config, note } = await baseConfig(tree.scanRoot, request);
        cli.append(config.exclude, request.exclude);
        const result = await cli.scan({
            root: tree.scanRoot,
            paths: request.paths,
            config,
            env: request.env
        });
        return { result, ...(note ? { configNote: note } : {}) };
    }
    finally {
        await tree.remove();
    }
}
async function baseConfig(baseRoot, request) {
    let configPath;
    if (request.configPath !== undefined) {
        const absolute = path.resolve(request.root, request.configPath);
        // A config outside the scanned folder is not part of the base tree: the same file serves both.
        configPath = cli.isInside(request.root, absolute)
            ? path.join(baseRoot, path.relative(request.root, absolute))
            : absolute;
        const exists = await node_fs.promises
            .stat(configPath)
            .then((stat) => stat.isFile())
            .catch(() => false);
        if (!exists)
            configPath = undefined;
    }
    try {
        return {
            config: await cli.loadConfig({
                rules: cli.RULES,
                root: baseRoot,
                ...(configPath ? { configPath } : {})
            })
        };
    }
    catch (error) {
        if (!(error instanceof cli.ConfigError))
            throw error;
        return {
            config: cli.defaultConfig(),
            note: `the base's config is invalid (${error.message}), so the base was scanned with the defaults`
        };
    }
}
/** What the head's rules are told about the base: which host-port claims it already had. */
function baselineOf(base) {
    const claims = new Set(base.model.bindings.map(cli.bindingClaimKey));
    return { hadClaim: (binding) => claims.has(cli.bindingClaimKey(binding)) };
}
/**
 * The head result with its change set against a base scan. Findings are compared rule by rule
 * (the parts of a merged finding, src/rules/merge-findings.ts), then merged again within each
 * state: a line where a pull request adds a rule to an existing one shows the new rule as a new
 * finding and the old one as existing, and the gate counts what is new at its own severity. The
 * change's `added` and `existing` are then the head's findings (headFindings, ./classify.ts).
 */
function compareScans(head, base, sha) {
    const headParts = head.findings.flatMap(cli.partsOf);
    const compared = cli.compareWithBase(headParts, base.result.findings.flatMap(cli.partsOf));
    const { fixed, changed } = splitChanged(compared.fixed, compared.added, base.result, head);
    const regroup = cli.regrouper(head.findings);
    const added = regroup(compared.added);
    const change = {
        basis: 'base-scan',
        baseSha: sha,
        added,
        existing: regroup(compared.existing),
        fixed: cli.sortFindings(cli.mergeFindings(fixed)),
        basePorts: cli.portClaimKeys(base.result.model)
    };
    if (changed.length > 0) {
        // Merged as the base's findings were (one per line), each pointing at the head's finding
        // that now covers its primary rule.
        const holder = new Map(added.flatMap((finding) => cli.partsOf(finding).map((p) => [p, finding])));
        const nowOf = new Map(changed.map((each) => [each.finding, each.now]));
        change.changed = cli.sortFindings(cli.mergeFindings(changed.map((each) => each.finding))).map((finding) => {
            const now = nowOf.get(cli.partsOf(finding)[0]);
            return { finding, now: holder.get(now) ?? now };
        });
    }
    if (base.configNote)
        change.note = base.configNote;
    return change;
}
/**
 * Moved is not fixed: a base finding that is gone while a finding the change adds covers the
 * same port entry is "changed". Two ways that happens:
 * - the service or pod switched to host networking: its container ports are now bound on the
 *   host itself (a `host-network-ports` finding, a host-network conflict), whatever became of
 *   the published ports the old findings were about;
 * - the object was renamed or changed kind in place: the same rule on the same host port of an
 *   entry in the same file, under another identity.
 * An existing finding on the same entry covers nothing: a fix of one of two problems of a port
 * is a fix.
 */
function splitChanged(gone, added, base, head) {
    const baseEntries = entriesAt(base.model.bindings);
    const headEntries = entriesAt(head.model.bindings);
    const covering = added.map((finding) => ({ finding, entries: headEntries(finding.location) }));
    const fixed = [];
    const changed = [];
    for (const finding of gone) {
        const entries = baseEntries(finding.location);
        const now = covering.find((candidate) => entries.length > 0 &&
            candidate.entries.some((entry) => entries.some((old) => covers(candidate.finding, entry, finding, old))));
        if (now)
            changed.push({ finding, now: now.finding });
        else
            fixed.push(finding);
    }
    return { fixed, changed };
}
function covers(headFinding, entry, baseFinding, old) {
    const sameEntry = entry.container === old.container &&
        entry.protocol === old.protocol &&
        rangesOverlap(entry.containerPort, old.containerPort);
    if (!sameEntry)
        return false;
    const sameObject = cli.objectIdentity(entry.object, '') === cli.objectIdentity(old.object, '');
    if (sameObject && entry.hostNetwork && !old.hostNetwork)
        return true;
    const newClaim = cli.hostClaim(entry);
    const oldClaim = cli.hostClaim(old);
    return (headFinding.ruleId === baseFinding.ruleId &&
        entry.location.file === old.location.file &&
        newClaim !== undefined &&
        oldClaim !== undefined &&
        rangesOverlap(newClaim.ports, oldClaim.ports));
}
function rangesOverlap(a, b) {
    if (!a || !b)
        return a === b;
    return a.start <= b.end && b.start <= a.end;
}
/** The port entries a finding's location is on: the item, its host or container port, its `ports:` list. */
function entriesAt(bindings) {
    const index = new Map();
    const key = (location) => `${location.file}\0${location.line}\0${location.column}`;
    for (const binding of bindings) {
        const places = [
            binding.location,
            binding.hostPortLocation,
            binding.containerPortLocation,
            binding.portsLocation
        ];
        for (const place of new Set(places.filter((each) => each !== undefined).map(key))) {
            const list = index.get(place);
            if (list)
                list.push(binding);
            else
                index.set(place, [binding]);
        }
    }
    return (location) => index.get(key(location)) ?? [];
}

exports.baselineOf = baselineOf;
exports.compareScans = compareScans;
exports.scanBase = scanBase;
exports.splitChanged = splitChanged;
