#!/usr/bin/env node
'use strict';

var node_buffer = require('node:buffer');
var node_fs = require('node:fs');
var path = require('node:path');
var node_url = require('node:url');
var node_vm = require('node:vm');
var node_os = require('node:os');

// A V8 code cache for the CLI's bundle. Most of a small scan's time is V8 compiling the
// functions it runs for the first time (docs/performance.md, "Start-up"); V8 can hand back what
// it compiled as bytes, and take them on the next start instead of compiling again. That is
// what Node does with `module.enableCompileCache()` (Node 22.1+; TypeScript's `tsc` turns it on)
// and the v8-compile-cache package did before it; this is the same for Node 20 and up.
//
// A code cache is code that runs, so it is kept where only the user can write, and only read
// from there:
// - in the user's own cache folder (`$XDG_CACHE_HOME`, `~/.cache`, `~/Library/Caches`,
//   `%LOCALAPPDATA%`), never in the scanned repository nor in a shared temporary folder;
// - the folder and the file must belong to the user running the CLI, and neither may be writable
//   by the group or others; the file is opened without following a link and is size-capped;
// - the file's name holds the bundle's build id (a digest of its text, written into it by the
//   build: rollup.config.js) and V8's version and the processor, and its first line the bundle's
//   size and modification time: another build, a bundle edited by hand, or another Node never
//   reads it (V8 itself checks only the text's length, its version and its flags);
// - the file holds V8's bytes twice, and is used only when the two copies are the same, so a
//   damaged file is ignored (V8 does not check its payload in release builds);
// - it is written to a temporary name and renamed, so that no reader sees half a file.
// Whoever could still plant a cache there can already edit the installed bundle or the user's
// shell profile. Any failure means compiling as usual, silently; `PORT_HYGIENE_CACHE=off` turns
// the cache off, `PORT_HYGIENE_CACHE_DIR` moves it.
//
// Why no checksum: zlib's CRC-32 (what Node's own compile cache uses) loads `node:zlib` and with
// it Node's stream modules, 7 ms of a start-up of about 60 beyond Node's own, and a digest in
// JavaScript costs more than that, run once and unoptimised. Comparing two copies is one native
// `memcmp`; the build id comes with the bundle.
/** Far above a cache of the whole bundle (about 1 MB, twice). */
const MAX_CACHE_BYTES = 32 * 1024 * 1024;
const MAGIC = 'port-hygiene code cache 2';
/** The line the build ends cli-core.js with (rollup.config.js). */
const BUILD_ID = /\n\/\/# port-hygiene-build ([0-9a-f]{16})\n$/;
/** Where the cache lives for this environment, or undefined when it is off or has no place. */
function codeCacheDirectory(env, platform = process.platform, home = node_os.homedir) {
    if (/^(?:off|0|false|no)$/i.test(env.PORT_HYGIENE_CACHE ?? ''))
        return undefined;
    if (env.PORT_HYGIENE_CACHE_DIR)
        return path.resolve(env.PORT_HYGIENE_CACHE_DIR);
    try {
        if (platform === 'win32') {
            return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'port-hygiene', 'Cache') : undefined;
        }
        if (platform === 'darwin')
            return path.join(home(), 'Library', 'Caches', 'port-hygiene');
        // The XDG spec ignores a relative XDG_CACHE_HOME.
        const xdg = env.XDG_CACHE_HOME;
        const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home(), '.cache');
        return path.join(base, 'port-hygiene');
    }
    catch {
        return undefined; // no home folder
    }
}
/** The build id the build wrote at the end of the bundle, or undefined (an unstamped build). */
function buildIdOf(bundleText) {
    return BUILD_ID.exec(bundleText.slice(-64))?.[1];
}
/** The cache file for this build of the bundle, this V8 and this processor. */
function codeCacheFile(directory, buildId) {
    return path.join(directory, `${CACHE_PREFIX}${buildId}${cacheSuffix()}`);
}
/** What the cache's first line says of the bundle file: its size and modification time. */
function bundleStamp(stats) {
    return `${stats.size} ${stats.mtimeMs}`;
}
const CACHE_PREFIX = 'cli-';
const cacheSuffix = () => `-v8-${process.versions.v8}-${process.arch}.bin`;
/** The cached bytes, or undefined when there are none that may be used. */
function readCodeCache(file, stamp) {
    try {
        if (!isPrivate(node_fs.lstatSync(path.dirname(file)), 'directory'))
            return undefined;
        // Not through a link; and not waiting on a named pipe put where the file should be.
        const fd = node_fs.openSync(file, node_fs.constants.O_RDONLY | (node_fs.constants.O_NOFOLLOW ?? 0) | (node_fs.constants.O_NONBLOCK ?? 0));
        try {
            const stats = node_fs.fstatSync(fd);
            if (!isPrivate(stats, 'file') || stats.size > MAX_CACHE_BYTES)
                return undefined;
            return payloadOf(node_fs.readFileSync(fd), stamp);
        }
        finally {
            node_fs.closeSync(fd);
        }
    }
    catch {
        return undefined;
    }
}
/** Writes the cache; true when it was written. Older caches of this V8 are removed. */
function writeCodeCache(file, stamp, payload) {
    const directory = path.dirname(file);
    const temporary = path.join(directory, `.${process.pid}-${Date.now()}.tmp`);
    try {
        node_fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
        if (!isPrivate(node_fs.lstatSync(directory), 'directory'))
            return false;
        const header = Buffer.from(headerLine(stamp), 'latin1');
        node_fs.writeFileSync(temporary, Buffer.concat([header, payload, payload]), {
            mode: 0o600,
            flag: 'wx'
        });
        node_fs.renameSync(temporary, file);
    }
    catch {
        removeQuietly(temporary);
        return false;
    }
    removeOtherVersions(file);
    return true;
}
/** Caches of earlier bundles for the same V8: an upgrade leaves one file, not one per version. */
function removeOtherVersions(file) {
    const directory = path.dirname(file);
    const suffix = cacheSuffix();
    try {
        for (const name of node_fs.readdirSync(directory)) {
            if (name.startsWith(CACHE_PREFIX) && name.endsWith(suffix) && name !== path.basename(file)) {
                removeQuietly(path.join(directory, name));
            }
        }
    }
    catch {
        // Nothing to tidy: the next write tries again.
    }
}
function removeQuietly(file) {
    try {
        node_fs.rmSync(file, { force: true });
    }
    catch {
        // Not there, or not ours to remove.
    }
}
const headerLine = (stamp) => `${MAGIC} ${stamp}\n`;
/** V8's bytes, when the file is for this bundle file and its two copies of them are the same. */
function payloadOf(bytes, stamp) {
    const header = headerLine(stamp);
    if (bytes.toString('latin1', 0, header.length) !== header)
        return undefined;
    const size = bytes.length - header.length;
    if (size === 0 || size % 2 !== 0)
        return undefined;
    const payload = bytes.subarray(header.length, header.length + size / 2);
    return payload.equals(bytes.subarray(header.length + size / 2)) ? payload : undefined;
}
/**
 * The user's own, and not writable by anyone else. Windows has no such mode bits or owner
 * numbers; its per-user folder (LOCALAPPDATA) is private by its access rules.
 */
function isPrivate(stats, kind) {
    const isKind = kind === 'file' ? stats.isFile() : stats.isDirectory();
    if (!isKind || stats.isSymbolicLink())
        return false;
    if (process.platform === 'win32' || typeof process.getuid !== 'function')
        return true;
    return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

// The program npm links as `port-hygiene` (dist/cli.js): it loads the CLI's bundle
// (dist/cli-core.js, built from src/cli.ts) through V8's code cache (src/code-cache.ts) and runs
// it. The bundle is loaded as Node would load it (a CommonJS module under its own file name, in
// require's cache, so that its lazily loaded chunks share it), but compiled here, where the
// cache can be handed to V8 and taken back after the run.
const bundle = node_url.fileURLToPath(new URL('./cli-core.js', require('node:url').pathToFileURL(__filename).href));
// The Module class, from this program's own CommonJS `module` (dist/cli.js is CommonJS; this file
// runs only bundled): importing `node:module` would load Node's ES module loader with it.
const Module = module.constructor;
function load() {
    const { bytes, stamp } = readBundle();
    const text = textOf(bytes);
    const directory = codeCacheDirectory(process.env);
    const buildId = buildIdOf(text);
    const cacheFile = directory !== undefined && buildId !== undefined ? codeCacheFile(directory, buildId) : undefined;
    const cachedData = cacheFile !== undefined ? readCodeCache(cacheFile, stamp) : undefined;
    // Node's own CommonJS wrapper, on the bundle's first line: line numbers in stacks stay true.
    const script = new node_vm.Script(`(function (exports, require, module, __filename, __dirname) { ${text}\n})`, { filename: bundle, ...(cachedData !== undefined ? { cachedData } : {}) });
    const used = cachedData !== undefined && !script.cachedDataRejected;
    const cliModule = new Module(bundle);
    cliModule.filename = bundle;
    const require = Module.createRequire(bundle);
    require.cache[bundle] = cliModule;
    const wrapper = script.runInThisContext();
    wrapper.call(cliModule.exports, cliModule.exports, require, cliModule, bundle, path.dirname(bundle));
    cliModule.loaded = true;
    return {
        cli: cliModule.exports,
        // After the run V8's cache holds every function the run compiled. A run that only printed
        // its help or version compiled too little to be worth keeping.
        saveCache: (worthCaching) => {
            if (directory === undefined)
                return 'off';
            if (cacheFile === undefined)
                return 'off (the bundle has no build id)';
            if (used)
                return `used ${cacheFile}`;
            const rejected = cachedData !== undefined ? 'rejected, ' : '';
            if (!worthCaching)
                return `${rejected}not written (no scan ran)`;
            const written = writeCodeCache(cacheFile, stamp, script.createCachedData());
            return `${rejected}${written ? 'written' : 'not written'} ${cacheFile}`;
        }
    };
}
function readBundle() {
    const fd = node_fs.openSync(bundle, 'r');
    try {
        return { stamp: bundleStamp(node_fs.fstatSync(fd)), bytes: node_fs.readFileSync(fd) };
    }
    finally {
        node_fs.closeSync(fd);
    }
}
/** The build writes cli-core.js in ASCII (rollup.config.js): read as such, nothing to decode. */
function textOf(bytes) {
    return node_buffer.isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
const { cli, saveCache } = load();
void cli.runAsProgram().then((worthCaching) => {
    const outcome = saveCache(worthCaching);
    if (process.env.PORT_HYGIENE_DEBUG)
        process.stderr.write(`port-hygiene: code cache ${outcome}\n`);
});
