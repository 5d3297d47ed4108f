'use strict';

var node_fs = require('node:fs');
var path = require('node:path');
var cli = require('../cli-core.js');
var git = require('./baseline-git.js');
require('node:url');
require('node:util');
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
        config.exclude.push(...request.exclude);
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
/** The head result with its change set against a base scan. */
function compareScans(head, base, sha) {
    const change = {
        basis: 'base-scan',
        baseSha: sha,
        ...cli.compareWithBase(head.findings, base.result.findings),
        basePorts: cli.portClaimKeys(base.result.model)
    };
    if (base.configNote)
        change.note = base.configNote;
    return change;
}

exports.compareScans = compareScans;
exports.scanBase = scanBase;
