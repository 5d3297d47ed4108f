#!/usr/bin/env node
'use strict';

var nodeModule = require('node:module');
var node_fs = require('node:fs');
var node_os = require('node:os');
var path = require('node:path');

// Whether the CLI turns on Node's compile cache (`module.enableCompileCache()`, Node 22.1+), and
// in which folder. Node keeps V8's compiled code of each module there and runs it on the next
// start instead of compiling again. Compiled code is code, so whoever can write that folder can
// run code as the user: it is never a folder that the scan reads (a pull request's files), never
// one another user owns or can write, and never inside GitHub Actions, where each job starts on a
// fresh runner and a cache would only be written, never read. Node 20 has no compile cache: the
// CLI compiles at every start, as any Node program does.
//
// The scan root is only known once the command line is parsed (src/cli.ts `planScan`), after the
// CLI is loaded; this is decided before, so it takes every folder the scan could be rooted at:
// the current folder, every argument that could be a path, and, when one lies outside the
// current folder, the folder holding them all. Off in doubt: the only cost is a slower start.
/** The folder Node would use: NODE_COMPILE_CACHE, or its default under the temporary folder. */
function compileCacheDirectory(setting) {
    const chosen = setting.env.NODE_COMPILE_CACHE;
    return chosen
        ? path.resolve(setting.cwd, chosen)
        : path.join(setting.tmpdir, 'node-compile-cache');
}
function decideCompileCache(setting) {
    if (setting.env.GITHUB_ACTIONS)
        return { off: 'inside GitHub Actions' };
    if (setting.env.NODE_DISABLE_COMPILE_CACHE)
        return { off: 'NODE_DISABLE_COMPILE_CACHE is set' };
    const directory = compileCacheDirectory(setting);
    const root = scanRootHolding(directory, setting);
    if (root !== undefined) {
        return {
            off: `${JSON.stringify(directory)} is inside ${JSON.stringify(root)}, which may be scanned`
        };
    }
    const foreign = foreignFolder(directory, setting);
    if (foreign !== undefined)
        return { off: foreign };
    return { directory };
}
/** A folder the scan could be rooted at that holds `directory` (as named or as resolved), if any. */
function scanRootHolding(directory, setting) {
    const roots = possibleRoots(setting.cwd, setting.args);
    const cache = [directory, realPathOf(directory, setting.realpath)];
    for (const root of roots) {
        const forms = [root, realPathOf(root, setting.realpath)];
        if (forms.some((form) => cache.some((candidate) => isWithin(form, candidate))))
            return root;
    }
    return undefined;
}
/**
 * The current folder, each argument that is not an option (option values included: a value that
 * is not a path only adds a folder the cache is not in), and the folder holding them when one is
 * outside the current folder (planScan roots the scan there). A glob counts from its static part.
 */
function possibleRoots(cwd, args) {
    const named = args
        .map((arg) => (arg.startsWith('-') ? arg.slice(arg.indexOf('=') + 1 || arg.length) : arg))
        .filter((arg) => arg !== '')
        .map((arg) => path.resolve(cwd, staticPart(arg)));
    const roots = [cwd, ...named];
    if (named.some((target) => !isWithin(cwd, target))) {
        roots.push(named.map((target) => path.dirname(target)).reduce(commonFolder));
    }
    return roots;
}
/** A glob's path up to its first segment with a pattern character. */
function staticPart(arg) {
    const segments = arg.split(/[\\/]/);
    const first = segments.findIndex((segment) => /[*?[\]{}!]/.test(segment));
    return first === -1 ? arg : segments.slice(0, first).join('/') || '.';
}
function commonFolder(a, b) {
    let common = a;
    while (!isWithin(common, b))
        common = path.dirname(common);
    return common;
}
/** `target` is `folder` or below it (both absolute). A name such as `..cache` is below. */
function isWithin(folder, target) {
    const relative = path.relative(folder, target);
    if (relative === '')
        return true;
    return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
/** The real path of the deepest part that exists, with the rest of the path after it. */
function realPathOf(file, realpath) {
    const rest = [];
    let current = file;
    for (;;) {
        try {
            return path.join(realpath(current), ...rest.reverse());
        }
        catch {
            const parent = path.dirname(current);
            if (parent === current)
                return file;
            rest.push(path.basename(current));
            current = parent;
        }
    }
}
/**
 * Node's default folder is in the shared temporary folder, where anyone may create it first and
 * plant compiled code in it. An existing folder is used only when it is the user's own, a real
 * folder (not a link) that neither the group nor others can write; Node creates a missing one
 * with the user's umask.
 */
function foreignFolder(directory, setting) {
    if (setting.uid === undefined)
        return undefined;
    const stats = setting.lstat(directory);
    if (stats === undefined)
        return undefined;
    if (!stats.isDirectory())
        return `${JSON.stringify(directory)} is not a folder`;
    if (stats.uid !== setting.uid)
        return `${JSON.stringify(directory)} belongs to another user`;
    if ((stats.mode & 0o022) !== 0)
        return `${JSON.stringify(directory)} is writable by others`;
    return undefined;
}

// The program npm links as `port-hygiene` (dist/cli.js): it turns on Node's compile cache where
// that is safe (src/compile-cache.ts), then loads the CLI's bundle (dist/cli-core.js, built from
// src/cli.ts) and runs it. The two are apart so that the cache, on before the bundle loads,
// covers all of the CLI.
function startCompileCache() {
    const api = nodeModule;
    if (typeof api.enableCompileCache !== 'function')
        return 'unavailable (Node 22.1+)';
    const setting = {
        env: process.env,
        cwd: process.cwd(),
        args: process.argv.slice(2),
        tmpdir: node_os.tmpdir(),
        realpath: (file) => node_fs.realpathSync.native(file),
        lstat: (file) => node_fs.lstatSync(file, { throwIfNoEntry: false }),
        uid: typeof process.getuid === 'function' ? process.getuid() : undefined
    };
    // NODE_COMPILE_CACHE: Node turned the cache on itself, before this program ran, and it cannot be
    // turned off from here. Inside a folder being scanned, the files scanned could plant code in it.
    const active = api.getCompileCacheDir?.();
    if (active) {
        const root = scanRootHolding(active, setting);
        if (root !== undefined) {
            process.stderr.write(`port-hygiene: warning: Node's compile cache (NODE_COMPILE_CACHE) ${JSON.stringify(active)} ` +
                `is inside ${JSON.stringify(root)}, which may be scanned: files there can run as code. ` +
                'Move it, or set NODE_DISABLE_COMPILE_CACHE=1.\n');
        }
        return `on (NODE_COMPILE_CACHE) ${active}`;
    }
    const decision = decideCompileCache(setting);
    if ('off' in decision)
        return `off: ${decision.off}`;
    const result = api.enableCompileCache(decision.directory);
    return result.status === 1
        ? `on ${decision.directory}`
        : `not on: ${result.message ?? result.status}`;
}
/** Any failure deciding (a folder that cannot be read, say) leaves the cache off, never the CLI. */
function startCompileCacheSafely() {
    try {
        return startCompileCache();
    }
    catch (error) {
        return `off: ${error.message}`;
    }
}
const outcome = startCompileCacheSafely();
if (process.env.PORT_HYGIENE_DEBUG)
    process.stderr.write(`port-hygiene: compile cache ${outcome}\n`);
// Not bundled into this file (rollup leaves a require it cannot see through alone).
const cli = nodeModule.createRequire(require('node:url').pathToFileURL(__filename).href)('./cli-core.js');
void cli.runAsProgram();
