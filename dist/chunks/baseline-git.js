'use strict';

var node_child_process = require('node:child_process');
var node_fs = require('node:fs');
var node_os = require('node:os');
var path = require('node:path');
var cli = require('../cli-core.js');
require('node:url');
require('node:util');
require('node:module');

// The base commit's files, read from git objects: `git archive` of the commit (only the folder
// being scanned) unpacked into a temporary folder. The checkout is never touched, so the
// working tree the head scan reads stays exactly what the workflow checked out. Every git call
// has a deadline: a hung fetch must not hold the job.
const GIT_TIMEOUT_MS = 60_000;
const FETCH_TIMEOUT_MS = 120_000;
class BaseUnavailableError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BaseUnavailableError';
    }
}
function git(cwd, args, timeout = GIT_TIMEOUT_MS, maxBuffer = 16 * 1024 * 1024) {
    return new Promise((resolve, reject) => {
        node_child_process.execFile('git', args, {
            cwd,
            timeout,
            maxBuffer,
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
        }, (error, stdout, stderr) => {
            if (error)
                reject(new Error(firstLine(stderr) || error.message));
            else
                resolve(stdout);
        });
    });
}
function firstLine(text) {
    return text.trim().split('\n')[0] ?? '';
}
/** The top folder of the repository `folder` is in. */
async function repositoryRoot(folder) {
    try {
        return path.resolve((await git(folder, ['rev-parse', '--show-toplevel'])).trim());
    }
    catch (error) {
        throw new BaseUnavailableError(`${folder} is not in a git repository (${message(error)})`);
    }
}
/** The commit a ref names (`main`, `origin/main`, `HEAD~1`, a SHA). */
async function resolveCommit(repoRoot, ref) {
    if (ref.startsWith('-'))
        throw new BaseUnavailableError(`"${ref}" is not a git ref`);
    try {
        return (await git(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
    }
    catch {
        throw new BaseUnavailableError(`"${ref}" names no commit in ${repoRoot}`);
    }
}
async function hasCommit(repoRoot, sha) {
    try {
        await git(repoRoot, ['cat-file', '-e', `${sha}^{commit}`]);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Makes sure the commit is in the object store: actions/checkout fetches one commit by default
 * (for a pull request the merge commit), so the base and the head of a pull request are usually
 * missing and are fetched alone (depth 1, no tags).
 */
async function ensureCommit(repoRoot, sha, what = 'the base commit') {
    if (!/^[0-9a-f]{7,64}$/i.test(sha))
        throw new BaseUnavailableError(`"${sha}" is not a commit SHA`);
    if (await hasCommit(repoRoot, sha))
        return;
    try {
        await git(repoRoot, ['fetch', '--depth=1', '--no-tags', '--no-recurse-submodules', 'origin', sha], FETCH_TIMEOUT_MS);
    }
    catch (error) {
        throw new BaseUnavailableError(`git could not fetch ${what} ${sha.slice(0, 7)} (${message(error)})`);
    }
    if (!(await hasCommit(repoRoot, sha))) {
        throw new BaseUnavailableError(`${what} ${sha.slice(0, 7)} is not in the repository`);
    }
}
/** The folder with its links resolved, as git prints paths (macOS: /private/var/… for /var/…). */
function realFolder(folder) {
    return node_fs.promises.realpath(folder);
}
/** Pathspecs per git call: well under every system's command-line limit. */
const PATHS_PER_CALL = 200;
/** One git command over many paths, in batches; the outputs concatenated. */
async function overPaths(repoRoot, args, paths) {
    const outputs = [];
    for (let start = 0; start < paths.length; start += PATHS_PER_CALL) {
        // Literal pathspecs: a file named `*.yaml` is that file, not a glob.
        const batch = paths.slice(start, start + PATHS_PER_CALL);
        outputs.push(await git(repoRoot, ['--literal-pathspecs', '-c', 'core.quotePath=false', ...args, '--', ...batch], GIT_TIMEOUT_MS, 256 * 1024 * 1024));
    }
    return outputs.join('');
}
/** Which of the repository paths the commit has (as files). */
async function trackedFiles(repoRoot, sha, paths) {
    try {
        const listing = await overPaths(repoRoot, ['ls-tree', '-z', '--name-only', sha], paths);
        return new Set(listing.split('\0').filter(Boolean));
    }
    catch (error) {
        throw new BaseUnavailableError(`git could not list the files of ${sha.slice(0, 7)} (${message(error)})`);
    }
}
/**
 * `git diff -U0 <sha>` of the working tree, for the given repository paths: how the commit's
 * files became the files on disk (hunks only, no context lines).
 */
async function diffWorkingTree(repoRoot, sha, paths) {
    try {
        return await overPaths(repoRoot, [
            'diff',
            '-U0',
            '--no-color',
            '--no-ext-diff',
            '--no-textconv',
            '--no-renames',
            '--text',
            sha
        ], paths);
    }
    catch (error) {
        throw new BaseUnavailableError(`git could not compare the checkout with ${sha.slice(0, 7)} (${message(error)})`);
    }
}
/**
 * Unpacks `folder` (relative to the repository root; '' = all) of the commit into a new
 * temporary folder. `git archive | tar -x`: both ship with git on every runner.
 */
async function extractTree(repoRoot, sha, folder) {
    const root = await node_fs.promises.mkdtemp(path.join(node_os.tmpdir(), 'port-hygiene-base-'));
    const remove = () => node_fs.promises.rm(root, { recursive: true, force: true });
    const relative = cli.toPosix(folder);
    const args = [
        'archive',
        '--format=tar',
        sha,
        ...(relative && relative !== '.' ? ['--', relative] : [])
    ];
    try {
        await pipeArchive(repoRoot, args, root);
    }
    catch (error) {
        await remove();
        // A folder that did not exist at the base: an empty tree, not an error.
        if (/did not match any files|pathspec/i.test(message(error))) {
            return { sha, root: await node_fs.promises.mkdtemp(path.join(node_os.tmpdir(), 'port-hygiene-base-')), remove };
        }
        throw new BaseUnavailableError(`git could not read the base commit ${sha.slice(0, 7)} (${message(error)})`);
    }
    return { sha, root, remove };
}
function pipeArchive(repoRoot, args, target) {
    return new Promise((resolve, reject) => {
        const archive = node_child_process.spawn('git', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
        const untar = node_child_process.spawn('tar', ['-x', '-f', '-', '-C', target], {
            stdio: ['pipe', 'ignore', 'pipe']
        });
        let errors = '';
        archive.stderr.on('data', (chunk) => (errors += chunk.toString()));
        untar.stderr.on('data', (chunk) => (errors += chunk.toString()));
        archive.stdout.pipe(untar.stdin);
        const timer = setTimeout(() => {
            archive.kill('SIGKILL');
            untar.kill('SIGKILL');
        }, GIT_TIMEOUT_MS);
        let pending = 2;
        let failed;
        const done = (name) => (code) => {
            if (code !== 0)
                failed ??= `${name} exited with ${code ?? 'a signal'}`;
            if (--pending > 0)
                return;
            clearTimeout(timer);
            if (failed)
                reject(new Error(firstLine(errors) || failed));
            else
                resolve();
        };
        archive.on('error', reject);
        untar.on('error', reject);
        archive.on('close', done('git archive'));
        untar.on('close', done('tar'));
    });
}
/** The base tree of `folder` (an absolute path inside the repository) at `sha`, fetched if needed. */
async function readBaseTree(folder, sha) {
    const repoRoot = await repositoryRoot(folder);
    await ensureCommit(repoRoot, sha);
    // git prints the real path (macOS: /private/var/… for /var/…).
    const relative = path.relative(repoRoot, await node_fs.promises.realpath(folder));
    const tree = await extractTree(repoRoot, sha, relative);
    return { ...tree, scanRoot: path.join(tree.root, relative) };
}
function message(error) {
    return error instanceof Error ? error.message : String(error);
}

exports.BaseUnavailableError = BaseUnavailableError;
exports.diffWorkingTree = diffWorkingTree;
exports.ensureCommit = ensureCommit;
exports.extractTree = extractTree;
exports.readBaseTree = readBaseTree;
exports.realFolder = realFolder;
exports.repositoryRoot = repositoryRoot;
exports.resolveCommit = resolveCommit;
exports.trackedFiles = trackedFiles;
