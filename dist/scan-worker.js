'use strict';

var node_worker_threads = require('node:worker_threads');
var node_fs = require('node:fs');
var path = require('node:path');
var node_module = require('node:module');

// The one guarded reader: every file the tool opens (scanned files, the config file,
// port-ranges.json, `.env`, env files, included and extended Compose files) is read here.
// A pull request can put anything in the repository, so a file is read only when, after its
// links are resolved, it is inside the root, a regular file (no FIFO, device, socket or folder)
// and no larger than the size limit; and never more than a bounded number are open at once.
// A refusal names the reason, never the content.
/** Files larger than this are refused unless the caller says otherwise (the `maxFileSize` default). */
const DEFAULT_READ_LIMIT = 5 * 1024 * 1024;
/** `target` is `root` or below it (both absolute). */
function isInside(root, target) {
    const relative = path.relative(root, target);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
// O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused after fstat anyway).
// O_NOFOLLOW: the real path was resolved already; a link swapped in since then is not followed.
const OPEN_FLAGS = node_fs.constants.O_RDONLY | (node_fs.constants.O_NONBLOCK ?? 0) | (node_fs.constants.O_NOFOLLOW ?? 0);
/**
 * Reads `relativePath` (or an absolute path) under `root` as UTF-8 text, without a BOM, or says
 * why it did not. Synchronous: one file open at a time, for callers that read files one by one.
 */
function readGuarded(root, relativePath, options = {}) {
    const maxSize = options.maxSize ?? DEFAULT_READ_LIMIT;
    const realRoot = realRootOf(root);
    if (realRoot === undefined)
        return { refused: 'the scan root does not exist' };
    let real;
    try {
        const absolute = path.resolve(realRoot, relativePath);
        real = options.linkFree ? absolute : node_fs.realpathSync.native(absolute);
    }
    catch (error) {
        return { refused: describeError(error) };
    }
    if (!isInside(realRoot, real))
        return { refused: 'it resolves outside the repository' };
    let fd;
    try {
        fd = node_fs.openSync(real, OPEN_FLAGS);
    }
    catch (error) {
        return { refused: describeError(error) };
    }
    try {
        const stat = node_fs.fstatSync(fd);
        if (!stat.isFile())
            return { refused: 'not a regular file' };
        if (stat.size > maxSize)
            return { refused: `larger than the size limit (${stat.size} bytes > ${maxSize})` };
        // One byte more than the size, to see the end in one read; /proc-like files report size 0.
        // Never more than one byte past the limit. Only the bytes read are decoded.
        const buffer = Buffer.allocUnsafe(Math.min(maxSize + 1, stat.size > 0 ? stat.size + 1 : 64 * 1024));
        const identity = { dev: stat.dev, ino: stat.ino, mode: stat.mode };
        let length = 0;
        for (;;) {
            if (length === buffer.length) {
                if (length > maxSize)
                    return { refused: `larger than the size limit (${maxSize} bytes)` };
                return grow(fd, buffer, length, maxSize, identity);
            }
            const read = node_fs.readSync(fd, buffer, length, buffer.length - length, null);
            if (read === 0)
                break;
            length += read;
        }
        return { ...decode(buffer.subarray(0, length)), size: length, identity };
    }
    catch (error) {
        return { refused: describeError(error) };
    }
    finally {
        node_fs.closeSync(fd);
    }
}
// Every read of a scan resolves the same root: resolved once per root (per thread).
let lastRoot;
function realRootOf(root) {
    if (lastRoot?.root === root)
        return lastRoot.real;
    try {
        lastRoot = { root, real: node_fs.realpathSync.native(root) };
        return lastRoot.real;
    }
    catch {
        return undefined;
    }
}
/** The file is bigger than its stat said: keep reading in chunks up to the limit. */
function grow(fd, start, length, maxSize, identity) {
    const chunks = [start.subarray(0, length)];
    let total = length;
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
        const read = node_fs.readSync(fd, chunk, 0, chunk.length, null);
        if (read === 0)
            break;
        total += read;
        if (total > maxSize)
            return { refused: `larger than the size limit (${maxSize} bytes)` };
        chunks.push(Buffer.from(chunk.subarray(0, read)));
    }
    return { ...decode(Buffer.concat(chunks)), size: total, identity };
}
function decode(buffer) {
    const text = buffer.toString('utf8');
    const bom = text.startsWith('\uFEFF');
    return { text: bom ? text.slice(1) : text, bom };
}
/** A NUL byte in the first 8 KiB is how git and grep tell binary files too. */
function looksBinary(text) {
    return text.slice(0, 8192).includes('\u0000');
}
/** The error's code and what it means, never a path or content beyond what we passed in. */
function describeError(error) {
    const code = error?.code;
    switch (code) {
        case 'ENOENT':
            return 'it does not exist (or is a link to nothing)';
        case 'ELOOP':
            return 'a symbolic link that loops or was swapped';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'EISDIR':
            return 'not a regular file';
        case 'EMFILE':
        case 'ENFILE':
            return 'too many open files';
        default:
            return code ? `could not be read (${code})` : 'could not be read';
    }
}

const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR$1 = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE$1 = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE$1] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE$1] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE$1] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE$1] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE$1] === SCALAR$1;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE$1] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE$1]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE$1]) {
            case ALIAS:
            case MAP:
            case SCALAR$1:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (isNode(ctrl) || isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (isMap(node))
        return visitor.Map?.(key, node, path);
    if (isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (isPair(node))
        return visitor.Pair?.(key, node, path);
    if (isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && isNode(doc.contents)) {
            const tags = {};
            visit(doc.contents, (_key, node) => {
                if (isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (isScalar(ref.node) || isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, NODE_TYPE$1, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

class Alias extends NodeBase {
    constructor(source) {
        super(ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit(doc, {
                Node: (_key, node) => {
                    if (isAlias(node) || hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends NodeBase {
    constructor(value) {
        super(SCALAR$1);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (isDocument(value))
        value = value.contents;
    if (isNode(value))
        return value;
    if (isPair(value)) {
        const map = ctx.schema[MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[MAP]
                : Symbol.iterator in Object(value)
                    ? schema[SEQ]
                    : schema[MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => isNode(it) || isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && isScalar(node) ? node.value : node;
        else
            return isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines(str, indent, FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines(res, indent, FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines(`${start}${foldedValue}${end}`, indent, FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines(str, indent, FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.BLOCK_FOLDED:
            case Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (isScalar(node) || isCollection(node)) && node.anchor;
    if (anchor && anchorIsValid(anchor)) {
        anchors.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : isScalar(node)
            ? stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (isCollection(key) || (!isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            isCollection(key) ||
            (isScalar(key)
                ? key.type === Scalar.BLOCK_FOLDED || key.type === Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        console.warn(warning);
    }
}

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey$1 = (ctx, key) => (merge.identify(key) ||
    (isScalar(key) &&
        (!key.type || key.type === Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

function addPairToJSMap(ctx, map, { key, value }) {
    if (isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (isMergeKey$1(ctx, key))
        addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (isNode(key) && ctx?.doc) {
        const strCtx = createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

function createPair(key, value, ctx) {
    const k = createNode(key, undefined, ctx);
    const v = createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, NODE_TYPE$1, { value: PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (isNode(key))
            key = key.clone(schema);
        if (isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (isPair(item)) {
            const ik = isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (isPair(item)) {
            const ik = isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

function findPair(items, key) {
    const k = isScalar(key) ? key.value : key;
    for (const it of items) {
        if (isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair(pair, pair?.value);
        }
        else
            _pair = new Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (isScalar(prev.value) && isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.from(schema, obj, ctx)
};

class YAMLSeq extends Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (isScalar(prev) && isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.from(schema, obj, ctx)
};

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString(item, ctx, onComment, onChompKeep);
    }
};

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

const floatNaN$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber
};
const floatExp$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber(node);
    }
};
const float$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber
};

const intIdentify$2 = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve$1 = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify$1(node, radix, prefix) {
    const { value } = node;
    if (intIdentify$2(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber(node);
}
const intOct$1 = {
    identify: value => intIdentify$2(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 2, 8, opt),
    stringify: node => intStringify$1(node, 8, '0o')
};
const int$1 = {
    identify: intIdentify$2,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 0, 10, opt),
    stringify: stringifyNumber
};
const intHex$1 = {
    identify: value => intIdentify$2(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 2, 16, opt),
    stringify: node => intStringify$1(node, 16, '0x')
};

const schema$2 = [
    map,
    seq,
    string,
    nullTag,
    boolTag,
    intOct$1,
    int$1,
    intHex$1,
    floatNaN$1,
    floatExp$1,
    float$1
];

function intIdentify$1(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify$1,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify$1(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema$1 = [map, seq].concat(jsonScalars, jsonError);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.BLOCK_LITERAL);
        if (type !== Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

function resolvePairs(seq, onError) {
    if (isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (isPair(item))
                continue;
            else if (isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair(new Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = isPair(item) ? item : new Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

class YAMLOMap extends YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (isPair(pair)) {
                key = toJS(pair.key, '', ctx);
                value = toJS(pair.value, key, ctx);
            }
            else {
                key = toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs = createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs = resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs.items) {
            if (isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar(false),
    stringify: boolStringify
};

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber
};

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

class YAMLSet extends YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair(key.key, null);
        else
            pair = new Pair(key, null);
        const prev = findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = findPair(this.items, key);
        return !keepPair && isPair(pair)
            ? isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

const schema = [
    map,
    seq,
    string,
    nullTag,
    trueTag,
    falseTag,
    intBin,
    intOct,
    int,
    intHex,
    floatNaN,
    floatExp,
    float,
    binary,
    merge,
    omap,
    pairs,
    set,
    intTime,
    floatTime,
    timestamp
];

const schemas = new Map([
    ['core', schema$2],
    ['failsafe', [map, seq, string]],
    ['json', schema$1],
    ['yaml11', schema],
    ['yaml-1.1', schema]
]);
const tagsByName = {
    binary,
    bool: boolTag,
    float: float$1,
    floatExp: floatExp$1,
    floatNaN: floatNaN$1,
    floatTime,
    int: int$1,
    intHex: intHex$1,
    intOct: intOct$1,
    intTime,
    map,
    merge,
    null: nullTag,
    omap,
    pairs,
    seq,
    set,
    timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary,
    'tag:yaml.org,2002:merge': merge,
    'tag:yaml.org,2002:omap': omap,
    'tag:yaml.org,2002:pairs': pairs,
    'tag:yaml.org,2002:set': set,
    'tag:yaml.org,2002:timestamp': timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge)
            ? schemaTags.concat(merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? getTags(compat, 'compat')
            : compat
                ? getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? coreKnownTags : {};
        this.tags = getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, MAP, { value: map });
        Object.defineProperty(this, SCALAR$1, { value: string });
        Object.defineProperty(this, SEQ, { value: seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, NODE_TYPE$1, { value: DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [NODE_TYPE$1]: { value: DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode(value, tag, ctx);
        if (flow && isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (isEmptyPath(path))
            return !keepScalar && isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (isEmptyPath(path))
            return this.contents !== undefined;
        return isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (isScalar(a) && isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap : YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = isNode(res)
        ? res
        : new Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[SCALAR$1];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[SCALAR$1];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = isScalar(res) ? res : new Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[SCALAR$1]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[SCALAR$1];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[SCALAR$1];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[SCALAR$1];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode(ctx, value, props, onError)
        : composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new YAMLWarning(pos, code, message));
            else
                this.errors.push(new YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty$2(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty$2(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty$2(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty$2(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty$2(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty$2(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty$2(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty$2(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty$2(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty$2(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty$2(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty$2(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter = options.lineCounter || (prettyErrors && new LineCounter()) || null;
    return { lineCounter, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser = new Parser(lineCounter?.addNewLine);
    const composer = new Composer(options);
    const docs = Array.from(composer.compose(parser.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(prettifyError(source, lineCounter));
            doc.warnings.forEach(prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer.streamInfo());
}

// Which loader reads a file. Kubernetes: any document with `apiVersion` and `kind`.
// Compose: the file name says so, or the top level has a `services` map and no apiVersion/kind.
const COMPOSE_NAME = /^(docker-)?compose([.-][^/]*)?\.ya?ml$/i;
function isComposeFileName(file) {
    const base = file.split('/').pop() ?? file;
    return COMPOSE_NAME.test(base);
}
function classifyFile(parsed) {
    let kubernetes = false;
    let composeShape = false;
    for (const { document } of parsed.documents) {
        const top = document.contents;
        if (!isMap(top))
            continue;
        const hasKind = top.has('apiVersion') && top.has('kind');
        if (hasKind)
            kubernetes = true;
        else if (isMap(top.get('services', true)))
            composeShape = true;
    }
    if (kubernetes)
        return 'kubernetes';
    if (composeShape)
        return 'compose';
    if (isComposeFileName(parsed.file) && parsed.documents.length > 0)
        return 'compose';
    return 'other';
}

// A fast loader for the plain block YAML that most manifests are written in: block mappings and
// sequences, one-line plain and quoted scalars, one-line flow collections of scalars, block
// scalars (`|`, `>`), comments. It builds the same `yaml` nodes (Document, YAMLMap, YAMLSeq, Pair,
// Scalar) with the same ranges and values as the `yaml` package's parser, in a fraction of its
// time, and declines the whole file (returns undefined) at the first thing outside that subset:
// tabs, anchors, aliases, tags, escapes, multi-line plain and quoted scalars, block scalars with
// an indentation indicator or a header comment, explicit keys, directives, and comment lines whose
// place in `yaml` would change a range in a way not modelled here. A declined file is parsed by
// the `yaml` package as before, so a file in the subset must be one the `yaml` parser reads
// without an error, and everything this loader rejects costs only the time spent before the
// rejection.
//
// Comments: the comment lines at the end of a block collection or a document are modelled (they
// change ranges: see trailingComments), and so are the ones before a document's content (the Helm
// `# Source:` lookup reads them). Comments above a key or an item (`commentBefore`) and after a
// value on its line (`comment` of a scalar or flow collection) are not set: nothing reads them.
//
// The differential test (__tests__/parse/block-yaml.test.ts) holds it to that: on every file of
// the bench corpora, the real corpus and the fixtures, and on generated documents, a file this
// loader accepts gives the same documents, nodes, ranges, values, end comments and line table as
// `yaml`.
/** The one options object: the loader keeps its node classes per options object. */
const BLOCK_YAML_OPTIONS = {
    merge: true,
    prettyErrors: false,
    keepSourceTokens: false,
    uniqueKeys: false
};
/** Thrown at the first construct outside the subset; caught in parseBlockYaml. */
class Declined extends Error {
}
const DECLINED = new Declined('outside the block YAML subset');
/** The longest implicit key YAML allows, from its first character to its `:`. */
const MAX_IMPLICIT_KEY = 1024;
const decline = () => {
    throw DECLINED;
};
// Characters that change the rules of a whole file: tabs, carriage returns, other controls, the
// byte order mark, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const UNUSUAL$1 = /[\t\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;
var Line;
(function (Line) {
    Line[Line["Blank"] = 0] = "Blank";
    Line[Line["Comment"] = 1] = "Comment";
    Line[Line["Marker"] = 2] = "Marker";
    Line[Line["Content"] = 3] = "Content";
})(Line || (Line = {}));
const SPACE$1 = 32;
const NEWLINE$1 = 10;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const QUOTE_DOUBLE = 34;
const QUOTE_SINGLE = 39;
const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;
const COMMA = 44;
const BACKSLASH = 92;
const PIPE = 124;
const GREATER = 62;
const PLUS = 43;
// First characters of a plain scalar that the YAML indicators reserve (`-` is let through when a
// non-space follows it: `-1`, `-Xmx1g`).
const INDICATOR_FIRST = new Set([...'?:,[]{}#&*!|>\'"%@`'].map((ch) => ch.charCodeAt(0)));
// A plain key: no spaces, no indicators, no quotes; `-` and `.` inside (`app.kubernetes.io/name`).
const KEY_FIRST = new Uint8Array(128);
const KEY_REST = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$./') {
    KEY_FIRST[ch.charCodeAt(0)] = KEY_REST[ch.charCodeAt(0)] = 1;
}
KEY_REST[DASH] = 1;
// The first characters of every plain scalar the core schema reads as something else than a
// string (null `~`/`null`, booleans, integers, floats, `.inf`, `.nan`): any other plain scalar is a
// string without testing the schema's tags (a third of the time of a scalar). The unit test holds
// every tag of the schema to it.
const MAY_NOT_BE_STRING = new Uint8Array(128);
for (const ch of '-+.~0123456789nNtTfF')
    MAY_NOT_BE_STRING[ch.charCodeAt(0)] = 1;
// YAML 1.2's escapes in double quotes (section 5.7): one character, or a code point in hex.
const SIMPLE_ESCAPES = {
    '0': '\0',
    a: '\x07',
    b: '\b',
    t: '\t',
    n: '\n',
    v: '\v',
    f: '\f',
    r: '\r',
    e: '\x1b',
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    N: '\u0085',
    _: '\u00a0',
    L: '\u2028',
    P: '\u2029'
};
const HEX_ESCAPE_DIGITS = { x: 2, u: 4, U: 8 };
// Inside flow collections a plain scalar also ends at `,`, `[`, `]`, `{` and `}`.
// Colons are left out: `key: value` pairs are read by the caller, and `a:b` is declined.
const FLOW_PLAIN = /[^,[\]{}#'":\s][^,[\]{}:\s]*(?: +[^,[\]{}#:\s][^,[\]{}:\s]*)*/y;
function parseBlockYaml(text, options) {
    if (UNUSUAL$1.test(text))
        return undefined;
    try {
        return new BlockLoader(text, options).load();
    }
    catch (error) {
        if (error === DECLINED)
            return undefined;
        throw error;
    }
}
/**
 * The `yaml` node classes each mark their instances with `Object.defineProperty`, which costs a
 * tenth of this loader's time. The nodes built here are the same classes' instances
 * (`instanceof`, `isScalar` and every method work) whose mark sits on a prototype between the
 * instance and the class: `yaml` reads the mark as `node[Symbol.for('yaml.node.type')]`.
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
function markedPrototype(base, type, schema) {
    const properties = { [NODE_TYPE]: { value: Symbol.for(type) } };
    // Collections carry their schema as a property that is not enumerable, like NODE_TYPE.
    if (schema)
        properties.schema = { value: schema, writable: true, configurable: true };
    return Object.create(base, properties);
}
function nodeFactory(options) {
    const schema = new Document(null, options).schema;
    const tags = schema.tags.filter((tag) => !tag.collection && tag.default === true && tag.test !== undefined);
    // Plain classes whose prototypes sit on the marked ones: as fast to build as any object.
    const FastScalar = class {
        constructor(value) {
            this.value = value;
        }
    };
    const FastMap = class {
        items = [];
    };
    const FastSeq = class {
        items = [];
    };
    const FastPair = class {
        constructor(key, value) {
            this.key = key;
            this.value = value;
        }
    };
    Object.setPrototypeOf(FastScalar.prototype, markedPrototype(Scalar.prototype, 'yaml.scalar'));
    Object.setPrototypeOf(FastMap.prototype, markedPrototype(YAMLMap.prototype, 'yaml.map', schema));
    Object.setPrototypeOf(FastSeq.prototype, markedPrototype(YAMLSeq.prototype, 'yaml.seq', schema));
    Object.setPrototypeOf(FastPair.prototype, markedPrototype(Pair.prototype, 'yaml.pair'));
    const fast = {
        schema,
        tags,
        scalar: (value) => new FastScalar(value),
        map: () => new FastMap(),
        seq: () => new FastSeq(),
        pair: (key, value) => new FastPair(key, value)
    };
    // Should `yaml` ever mark its nodes another way, the classes themselves are used.
    const one = fast.scalar(1);
    const working = isScalar(one) && isMap(fast.map()) && isSeq(fast.seq()) && isPair(fast.pair(one, one));
    if (working)
        return fast;
    return {
        schema,
        tags,
        scalar: (value) => new Scalar(value),
        map: () => new YAMLMap(schema),
        seq: () => new YAMLSeq(schema),
        pair: (key, value) => new Pair(key, value)
    };
}
/** One factory per options object: building its schema is a tenth of the time of a small file. */
const factories = new WeakMap();
function factoryFor(options) {
    let factory = factories.get(options);
    if (!factory)
        factories.set(options, (factory = nodeFactory(options)));
    return factory;
}
class BlockLoader {
    text;
    options;
    starts = [];
    ends = [];
    indents = [];
    kinds = [];
    nodes;
    /** The current line. */
    at = 0;
    /**
     * The content line whose run of comment lines above it a collection has taken as its own
     * (see trailingComments): the collections around it that end there too leave it alone.
     */
    claimedRunBefore = -1;
    constructor(text, options) {
        this.text = text;
        this.options = options;
        this.nodes = factoryFor(options);
        this.splitLines();
    }
    load() {
        const lineCounter = new LineCounter();
        for (const start of this.starts)
            lineCounter.addNewLine(start);
        const all = [];
        const count = this.kinds.length;
        while (this.at < count) {
            const document = this.document();
            if (document)
                all.push(document);
        }
        return { all, lineCounter };
    }
    splitLines() {
        const text = this.text;
        let start = 0;
        for (;;) {
            let end = text.indexOf('\n', start);
            if (end === -1)
                end = text.length;
            let indent = 0;
            while (text.charCodeAt(start + indent) === SPACE$1)
                indent++;
            const first = start + indent;
            let kind;
            if (first === end)
                kind = Line.Blank;
            else if (text.charCodeAt(first) === HASH)
                kind = Line.Comment;
            else if (indent === 0 && text.startsWith('---', start)) {
                // `---` alone (spaces after it aside): content, a comment or a tag after it is declined.
                for (let at = start + 3; at < end; at++)
                    if (text.charCodeAt(at) !== SPACE$1)
                        decline();
                kind = Line.Marker;
            }
            else {
                // `...` ends a document, `%` opens a directive: both are left to the `yaml` parser.
                if (indent === 0 && (text.startsWith('...', start) || text.charCodeAt(start) === 37))
                    decline();
                kind = Line.Content;
            }
            this.starts.push(start);
            this.ends.push(end);
            this.indents.push(indent);
            this.kinds.push(kind);
            if (end === text.length)
                break;
            start = end + 1;
        }
    }
    /** Skips blank and comment lines; the kind of the line then reached (Marker at the end). */
    nextContent() {
        const count = this.kinds.length;
        while (this.at < count) {
            const kind = this.kinds[this.at];
            if (kind === Line.Content || kind === Line.Marker)
                return kind;
            this.at++;
        }
        return Line.Marker;
    }
    /** A comment line between the current line and the content line above it. */
    commentAbove() {
        for (let line = this.at - 1; line >= 0; line--) {
            const kind = this.kinds[line];
            if (kind === Line.Comment)
                return true;
            if (kind !== Line.Blank)
                return false;
        }
        return false;
    }
    /** The first line of the run of blank and comment lines that ends above the current line. */
    runStart() {
        let line = this.at;
        while (line > 0 &&
            (this.kinds[line - 1] === Line.Blank || this.kinds[line - 1] === Line.Comment))
            line--;
        return line;
    }
    /** A comment line's text as `yaml` keeps it: after the `#`, a space if there is nothing. */
    commentLine(line) {
        return this.text.slice(this.starts[line] + this.indents[line] + 1, this.ends[line]) || ' ';
    }
    /**
     * The comment lines from `first` to the current line as `yaml` keeps them: from the first
     * comment line on, each blank line an empty one (a line of spaces at the very end of the file,
     * without a line break, is not a line to `yaml`).
     */
    commentRun(first) {
        const lines = [];
        for (let line = first; line < this.at; line++) {
            if (this.kinds[line] === Line.Comment)
                lines.push(this.commentLine(line));
            else if (lines.length > 0 && this.ends[line] !== this.text.length)
                lines.push('');
        }
        return lines;
    }
    /**
     * Below a value on its line (a scalar, a flow collection, a block scalar) of a collection at
     * `owner`, `yaml` gives a first comment line more indented than that collection to the value,
     * whose range then takes in the comment: declined.
     */
    checkCommentBelowValue(owner) {
        let line = this.at;
        while (this.kinds[line] === Line.Blank)
            line++;
        if (this.kinds[line] === Line.Comment && this.indents[line] > owner)
            decline();
    }
    /**
     * When a block collection at `indent` ends, the comment lines between its last line and what
     * follows (the next content line, a marker or the end of the file) are its own in `yaml` if one
     * of them is at its indentation or deeper and it does not start at column 0: its range then
     * ends at the content after them (past its indentation), and they are its `comment`. Otherwise
     * they pass to the collection around it, to the next key or item (as its `commentBefore`, which
     * this loader does not set, as for every comment above a key) or to the document.
     * Returns the end of the collection's range.
     */
    trailingComments(collection, indent, offset) {
        if (indent === 0 || this.claimedRunBefore === this.at)
            return offset;
        const first = this.runStart();
        let taken = false;
        for (let line = first; line < this.at && !taken; line++) {
            taken = this.kinds[line] === Line.Comment && this.indents[line] >= indent;
        }
        if (!taken)
            return offset;
        this.claimedRunBefore = this.at;
        collection.comment = this.commentRun(first).join('\n');
        if (this.at >= this.kinds.length)
            return this.text.length;
        const start = this.starts[this.at];
        return this.kinds[this.at] === Line.Content ? start + this.indents[this.at] : start;
    }
    document() {
        const count = this.kinds.length;
        let offset = 0;
        let explicit = false;
        // Comments before the first marker are the first explicit document's, as `yaml` has it.
        const comments = [];
        for (; this.at < count; this.at++) {
            const kind = this.kinds[this.at];
            if (kind === Line.Content)
                break;
            if (kind === Line.Marker) {
                if (explicit)
                    return undefined; // an empty document: parse/yaml.ts drops it
                offset = this.starts[this.at];
                explicit = true;
            }
            else if (kind === Line.Comment) {
                const start = this.starts[this.at] + this.indents[this.at] + 1;
                comments.push(this.text.slice(start, this.ends[this.at]));
            }
        }
        if (this.at >= count)
            return undefined;
        if (this.indents[this.at] !== 0)
            decline();
        // Without a marker, a document starts at its content.
        if (!explicit)
            offset = this.starts[this.at];
        const contents = this.blockNode(0);
        // `yaml` hands the comments above a top-level sequence to its first item, where Helm sources
        // are not looked for; above a map they are the document's, its map's or its first key's.
        if (comments.length > 0 && !isMap(contents))
            decline();
        if (this.nextContent() !== Line.Marker)
            decline();
        // The document takes in the blank lines after its content, unless that content ends with an
        // empty value (whose line break `yaml` leaves outside every node).
        const contentEnd = contents.range[2];
        const end = this.text.charCodeAt(contentEnd - 1) !== NEWLINE$1
            ? contentEnd
            : this.at < count
                ? this.starts[this.at]
                : this.text.length;
        const document = new Document(undefined, this.options);
        document.contents = contents;
        document.range = [offset, contentEnd, end];
        if (explicit)
            document.directives.docStart = true;
        if (comments.length > 0)
            document.commentBefore = comments.join('\n');
        // Comment lines after the content that no collection took are the document's comment, from
        // its first comment line to its last.
        if (this.claimedRunBefore !== this.at) {
            const trailing = this.commentRun(this.runStart());
            while (trailing.at(-1) === '')
                trailing.pop();
            if (trailing.length > 0)
                document.comment = trailing.join('\n');
        }
        return document;
    }
    /** The block node whose first line is the current one, at its indentation. */
    blockNode(indent) {
        const first = this.starts[this.at] + indent;
        if (this.isDash(first))
            return this.blockSeq(indent, false);
        const colon = this.keyEnd(first, this.ends[this.at]);
        if (colon === -1)
            decline();
        return this.blockMap(indent, first, colon);
    }
    isDash(offset) {
        const text = this.text;
        if (text.charCodeAt(offset) !== DASH)
            return false;
        if (offset + 1 >= text.length)
            return true;
        const next = text.charCodeAt(offset + 1);
        return next === SPACE$1 || next === NEWLINE$1;
    }
    /** A block mapping whose first key is at `first`, its `:` at `colon`, on the current line. */
    blockMap(indent, first, colon) {
        const map = this.nodes.map();
        let keyStart = first;
        let offset;
        for (;;) {
            const key = this.keyNode(keyStart, colon);
            const value = this.valueAfter(colon + 1, indent, true);
            map.items.push(this.nodes.pair(key, value));
            offset = value.range[2];
            if (this.nextContent() === Line.Marker)
                break;
            const nextIndent = this.indents[this.at];
            if (nextIndent < indent)
                break;
            if (nextIndent > indent)
                decline();
            keyStart = this.starts[this.at] + indent;
            colon = this.keyEnd(keyStart, this.ends[this.at]);
            if (colon === -1)
                decline();
        }
        const end = this.trailingComments(map, indent, offset);
        map.range = [first, offset, end];
        return map;
    }
    /** A block sequence whose first `-` is on the current line at `indent`. */
    blockSeq(indent, inMap) {
        const seq = this.nodes.seq();
        const first = this.starts[this.at] + indent;
        let offset;
        for (;;) {
            const dash = this.starts[this.at] + indent;
            if (!this.isDash(dash))
                decline();
            const item = this.seqItem(dash, indent);
            seq.items.push(item);
            offset = item.range[2];
            if (this.nextContent() === Line.Marker)
                break;
            const nextIndent = this.indents[this.at];
            if (nextIndent < indent)
                break;
            if (nextIndent > indent)
                decline();
            if (!this.isDash(this.starts[this.at] + indent)) {
                // The next key of the map this sequence is a value of (at the same indentation).
                if (!inMap)
                    decline();
                break;
            }
        }
        const end = this.trailingComments(seq, indent, offset);
        seq.range = [first, offset, end];
        return seq;
    }
    /** The item after the `-` at `dash`: a compact map, a scalar, a flow collection or a block. */
    seqItem(dash, indent) {
        const text = this.text;
        const lineEnd = this.ends[this.at];
        let content = dash + 1;
        while (text.charCodeAt(content) === SPACE$1)
            content++;
        if (content < lineEnd && text.charCodeAt(content) !== HASH) {
            if (this.isDash(content))
                decline();
            const colon = this.keyEnd(content, lineEnd);
            if (colon !== -1)
                return this.blockMap(content - this.starts[this.at], content, colon);
        }
        return this.valueAfter(dash + 1, indent, false);
    }
    /**
     * The value that starts after `from` on the current line (after `key:` or `-`), or on the lines
     * below it. `owner`: the indentation of the key or dash; `inMap`: after a key.
     */
    valueAfter(from, owner, inMap) {
        const text = this.text;
        const line = this.at;
        const lineEnd = this.ends[line];
        const next = lineEnd === text.length ? lineEnd : lineEnd + 1;
        let start = from;
        while (text.charCodeAt(start) === SPACE$1)
            start++;
        if (start === lineEnd || text.charCodeAt(start) === HASH) {
            this.at++;
            const kind = this.nextContent();
            if (kind === Line.Content) {
                const indent = this.indents[this.at];
                // Comment lines between `key:` (or `-`) and the block below it, at any indentation, are
                // that block's `commentBefore` in `yaml`, and no range changes.
                if (indent > owner)
                    return this.blockNode(indent);
                if (inMap && indent === owner && this.isDash(this.starts[this.at] + indent)) {
                    return this.blockSeq(indent, true);
                }
            }
            // Nothing: a null after the spaces. `yaml` stretches its range over a comment after it, or
            // over comment lines below it, in ways that depend on what follows: those are declined.
            if (start !== lineEnd || this.commentAbove())
                decline();
            return this.plain('', start, start, start);
        }
        const first = text.charCodeAt(start);
        let node;
        if (first === PIPE || first === GREATER) {
            node = this.blockScalar(start, lineEnd, owner);
        }
        else {
            node = this.inlineValue(start, lineEnd, next);
            this.at++;
        }
        this.checkCommentBelowValue(owner);
        return node;
    }
    /**
     * A block scalar whose header (`|` or `>`, then `-`, `+` or nothing) is at `start`, on the line
     * of its key or `-` (at `owner`), read as the `yaml` lexer and composer read it
     * (parseBlockScalar in its lexer, resolveBlockScalar in its composer). Moves past its lines.
     *
     * Its lines are the blank ones and those at the indentation of its first line that is not blank,
     * which must be deeper than `owner`; the first line less indented ends it. Its range ends after
     * its last line that is not blank, or, when it keeps its trailing line breaks (`+`), after the
     * blank lines below that. Declined: an indentation indicator (`|2`), a comment after the
     * header, an empty block scalar, and leading blank lines with more spaces than the first line
     * (an error in `yaml`).
     */
    blockScalar(start, lineEnd, owner) {
        const text = this.text;
        const folded = text.charCodeAt(start) === GREATER;
        let headerEnd = start + 1;
        const chomping = text.charCodeAt(headerEnd);
        const keep = chomping === PLUS;
        if (keep || chomping === DASH)
            headerEnd++;
        for (let at = headerEnd; at < lineEnd; at++)
            if (text.charCodeAt(at) !== SPACE$1)
                decline();
        const count = this.kinds.length;
        const body = this.at + 1;
        let line = body;
        while (line < count && this.kinds[line] === Line.Blank)
            line++;
        if (line >= count || this.indents[line] <= owner)
            decline();
        const indent = this.indents[line];
        // Without `+`, the lexer ends the scalar after its last line that is not blank or that has
        // more spaces than the indentation (which are content to `yaml`).
        let last = line;
        for (line++; line < count; line++) {
            if (this.kinds[line] !== Line.Blank) {
                if (this.indents[line] < indent)
                    break;
                last = line;
            }
            else if (this.indents[line] > indent) {
                last = line;
            }
        }
        // A line of fewer spaces at the very end of the file, without a line break, is not one of
        // its lines to the lexer.
        const final = count - 1;
        if (keep && line === count && this.kinds[final] === Line.Blank) {
            if (this.indents[final] > 0 && this.indents[final] < indent)
                decline();
        }
        const after = keep ? line : last + 1;
        const end = after < count ? this.starts[after] : text.length;
        const source = text.slice(this.starts[body], end);
        const value = blockScalarValue(source, owner, folded, keep ? '+' : chomping === DASH ? '-' : '');
        // Its lines are content, a `#` line among them too, for the comment rules of the collections.
        for (let each = body; each < after; each++)
            this.kinds[each] = Line.Content;
        this.at = after;
        const scalar = this.nodes.scalar(value);
        scalar.range = [start, end, end];
        scalar.source = value;
        scalar.type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
        return scalar;
    }
    /** A scalar or flow collection from `start` to the end of its line, a comment aside. */
    inlineValue(start, lineEnd, next) {
        const text = this.text;
        const first = text.charCodeAt(start);
        let node;
        let end;
        if (first === QUOTE_DOUBLE || first === QUOTE_SINGLE) {
            const quoted = this.quoted(start, lineEnd);
            node = quoted.node;
            end = quoted.end;
        }
        else if (first === OPEN_SQUARE || first === OPEN_CURLY) {
            const flow = this.flow(start, lineEnd);
            node = flow.node;
            end = flow.end;
        }
        else {
            if (INDICATOR_FIRST.has(first))
                decline();
            if (this.isDash(start))
                decline();
            end = plainEnd$1(text, start, lineEnd);
            const source = text.slice(start, end);
            // `a: b` inside a value is a nested mapping (an error); a trailing `:` is a key.
            if (source.includes(': ') || source.endsWith(':'))
                decline();
            return this.plain(source, start, end, next);
        }
        // After a quoted scalar or a flow collection: spaces, then a comment or the end of the line.
        let after = end;
        while (text.charCodeAt(after) === SPACE$1)
            after++;
        if (after !== lineEnd && (after === end || text.charCodeAt(after) !== HASH))
            decline();
        node.range = [node.range[0], node.range[1], next];
        return node;
    }
    /** A one-line quoted scalar from `start`. */
    quoted(start, lineEnd) {
        const text = this.text;
        const quote = text.charCodeAt(start);
        if (quote === QUOTE_DOUBLE)
            return this.doubleQuoted(start, lineEnd);
        let value = '';
        let position = start + 1;
        for (;;) {
            const close = text.indexOf("'", position);
            if (close === -1 || close >= lineEnd)
                decline();
            value += text.slice(position, close);
            if (text.charCodeAt(close + 1) === QUOTE_SINGLE) {
                value += "'";
                position = close + 2;
                continue;
            }
            const end = close + 1;
            return { node: this.quotedScalar(value, quote, start, end), end };
        }
    }
    /**
     * A one-line double-quoted scalar, escapes decoded as YAML 1.2 decodes them (Helm renders
     * regular expressions, newlines and generated policies' CEL this way); an escape `yaml` would
     * report as an error is declined, so that `yaml` reports it.
     */
    doubleQuoted(start, lineEnd) {
        const text = this.text;
        let value = '';
        let from = start + 1;
        for (let at = from; at < lineEnd; at++) {
            const ch = text.charCodeAt(at);
            if (ch === QUOTE_DOUBLE) {
                value += text.slice(from, at);
                return { node: this.quotedScalar(value, QUOTE_DOUBLE, start, at + 1), end: at + 1 };
            }
            if (ch !== BACKSLASH)
                continue;
            value += text.slice(from, at);
            const escape = text[at + 1] ?? '';
            const simple = SIMPLE_ESCAPES[escape];
            if (simple !== undefined) {
                value += simple;
                at += 1;
            }
            else {
                const digits = HEX_ESCAPE_DIGITS[escape] ?? decline();
                const hex = text.slice(at + 2, at + 2 + digits);
                if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits)
                    decline();
                const code = parseInt(hex, 16);
                if (code > 0x10ffff)
                    decline();
                value += String.fromCodePoint(code);
                at += 1 + digits;
            }
            from = at + 1;
        }
        return decline();
    }
    /** A one-line flow sequence or mapping of scalars from `start`. */
    flow(start, lineEnd) {
        const text = this.text;
        const isMap = text.charCodeAt(start) === OPEN_CURLY;
        const close = isMap ? CLOSE_CURLY : CLOSE_SQUARE;
        const collection = isMap ? this.nodes.map() : this.nodes.seq();
        collection.flow = true;
        let position = start + 1;
        const skipSpaces = () => {
            while (text.charCodeAt(position) === SPACE$1)
                position++;
        };
        skipSpaces();
        while (text.charCodeAt(position) !== close) {
            const key = this.flowScalar(position, lineEnd);
            position = key.range[1];
            if (isMap) {
                if (text.charCodeAt(position) !== COLON || text.charCodeAt(position + 1) !== SPACE$1)
                    decline();
                position += 2;
                skipSpaces();
                const value = this.flowScalar(position, lineEnd);
                position = value.range[1];
                skipSpaces();
                value.range = [value.range[0], value.range[1], position];
                collection.items.push(this.nodes.pair(key, value));
            }
            else {
                skipSpaces();
                key.range = [key.range[0], key.range[1], position];
                collection.items.push(key);
            }
            const ch = text.charCodeAt(position);
            if (ch === COMMA) {
                position++;
                skipSpaces();
            }
            else if (ch !== close)
                decline();
        }
        if (position >= lineEnd)
            decline();
        const end = position + 1;
        collection.range = [start, end, end];
        return { node: collection, end };
    }
    /** A plain or quoted scalar inside a flow collection (its range ends at its last character). */
    flowScalar(start, lineEnd) {
        const text = this.text;
        const first = text.charCodeAt(start);
        if (first === QUOTE_DOUBLE || first === QUOTE_SINGLE)
            return this.quoted(start, lineEnd).node;
        if (INDICATOR_FIRST.has(first) || first === DASH)
            decline();
        FLOW_PLAIN.lastIndex = start;
        const match = FLOW_PLAIN.exec(text);
        if (!match || start + match[0].length > lineEnd)
            decline();
        const source = match[0];
        const end = start + source.length;
        return this.plain(source, start, end, end);
    }
    /**
     * The offset of the `:` of a key at `start` (plain, or quoted without escapes, then `: ` or `:`
     * at the end of the line), else -1. Builds nothing: a line that is not a key is asked too.
     */
    keyEnd(start, lineEnd) {
        const text = this.text;
        const first = text.charCodeAt(start);
        let end;
        if (first === QUOTE_DOUBLE || first === QUOTE_SINGLE) {
            const close = text.indexOf(first === QUOTE_DOUBLE ? '"' : "'", start + 1);
            if (close === -1 || close >= lineEnd)
                return -1;
            if (first === QUOTE_DOUBLE && hasBackslash(text, start + 1, close))
                return -1;
            end = close + 1;
        }
        else {
            if (!(first < 128 && KEY_FIRST[first]))
                return -1;
            end = start + 1;
            for (let ch = text.charCodeAt(end); ch < 128 && KEY_REST[ch]; ch = text.charCodeAt(++end))
                ;
        }
        if (text.charCodeAt(end) !== COLON)
            return -1;
        if (end + 1 !== lineEnd && text.charCodeAt(end + 1) !== SPACE$1)
            return -1;
        // `yaml` rejects a `:` more than 1,024 characters after the start of an implicit key
        // (KEY_OVER_1024_CHARS), as YAML 1.2, kubectl and Compose do: that file is theirs to judge.
        if (end - start > MAX_IMPLICIT_KEY)
            decline();
        return end;
    }
    /** The key scalar from `start` to `colon` (found by keyEnd). */
    keyNode(start, colon) {
        const text = this.text;
        const first = text.charCodeAt(start);
        if (first !== QUOTE_DOUBLE && first !== QUOTE_SINGLE) {
            return this.plain(text.slice(start, colon), start, colon, colon);
        }
        return this.quotedScalar(text.slice(start + 1, colon - 1), first, start, colon);
    }
    /** A quoted scalar (its value unescaped already) from `start` to `end`, after its closing quote. */
    quotedScalar(value, quote, start, end) {
        const scalar = this.nodes.scalar(value);
        scalar.range = [start, end, end];
        scalar.source = value;
        scalar.type = quote === QUOTE_DOUBLE ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
        return scalar;
    }
    /** A plain scalar, its value resolved by the schema's tags as the `yaml` Composer does. */
    plain(source, start, end, rangeEnd) {
        const first = source.charCodeAt(0);
        const tag = source === '' || (first < 128 && MAY_NOT_BE_STRING[first])
            ? this.nodes.tags.find((each) => each.test.test(source))
            : undefined;
        let scalar;
        if (tag) {
            const resolved = tag.resolve(source, decline, this.options);
            scalar =
                resolved instanceof Scalar ? resolved : this.nodes.scalar(resolved);
            if (tag.format)
                scalar.format = tag.format;
        }
        else {
            scalar = this.nodes.scalar(source);
        }
        scalar.range = [start, end, rangeEnd];
        scalar.source = source;
        scalar.type = 'PLAIN';
        return scalar;
    }
}
/**
 * The value of a block scalar whose lines (after its header line) are `source`, in a collection
 * at `parentIndent`: resolveBlockScalar of the `yaml` composer without an indentation indicator,
 * tabs or carriage returns (which the loader declines before), declining where it reports an error.
 */
function blockScalarValue(source, parentIndent, folded, chomp) {
    const lines = source.split('\n').map((line) => {
        let spaces = 0;
        while (line.charCodeAt(spaces) === SPACE$1)
            spaces++;
        return [line.slice(0, spaces), line.slice(spaces)];
    });
    // The trailing empty lines are chomped.
    let chompStart = lines.length;
    while (chompStart > 0 && lines[chompStart - 1][1] === '')
        chompStart--;
    if (chompStart === 0)
        decline();
    // The indentation trimmed: that of the first line with content (leading empty lines with more
    // spaces are an error).
    let trimIndent = parentIndent;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '') {
            if (indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent)
                decline();
            trimIndent = indent.length;
            contentStart = i;
            break;
        }
    }
    // Trailing empty lines with more spaces than that are content.
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    // Folding: a line break between two lines of text becomes a space, an empty line a line break;
    // lines more indented than the rest keep the line breaks around them.
    let sep = '';
    let prevMoreIndented = false;
    for (let i = contentStart; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content !== '' && indent.length < trimIndent)
            decline();
        if (!folded) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent) {
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    if (chomp === '+') {
        for (let i = chompStart; i < lines.length; ++i)
            value += '\n' + lines[i][0].slice(trimIndent);
        if (!value.endsWith('\n'))
            value += '\n';
    }
    else if (chomp === '') {
        value += '\n';
    }
    return value;
}
/** End of a plain scalar that starts at `start`: before ` #` or the end of the line, spaces trimmed. */
function plainEnd$1(text, start, lineEnd) {
    let end = lineEnd;
    for (let at = start + 1; at < lineEnd; at++) {
        if (text.charCodeAt(at) === HASH && text.charCodeAt(at - 1) === SPACE$1) {
            end = at;
            break;
        }
    }
    while (end > start && text.charCodeAt(end - 1) === SPACE$1)
        end--;
    return end;
}
function hasBackslash(text, from, to) {
    for (let at = from; at < to; at++)
        if (text.charCodeAt(at) === BACKSLASH)
            return true;
    return false;
}

// How deeply a YAML document nests, read from its text before any parser sees it. The `yaml`
// composer, the block loader (block-yaml.ts) and every walker after them (duplicate keys, the
// Kubernetes and Compose loaders, the rules) recurse once per level, so a pull request that nests
// a map a few thousand levels deep (a few megabytes, or a few kilobytes of `[[[[` or `- - - -`)
// overflowed the stack: "Maximum call stack size exceeded", an internal error that lost the
// whole report, and with worker threads an uncaught exit. A document deeper than the limit is
// not parsed: it is a parse-error on its file (yaml.ts), and every other document and file is
// read as usual.
//
// The count is an upper bound, in one pass and without recursion: each line is one level below
// the nearest less indented line above it, each `- `, `? ` (and explicit `: `) that opens a line
// one more, each open `[` or `{` one more. Quoted scalars, comments and block scalars (`|`, `>`)
// are skipped, so brackets or indentation in a value do not count. Real manifests stay far below
// the limit (the deepest file of the real corpus nests a few dozen levels; docs/limits.md).
/**
 * Levels a document may nest. Far above real files, far below the ~900 levels at which the
 * `yaml` composer overflows Node's default stack (main thread and workers alike), leaving room
 * for the walkers that recurse per level after it.
 */
const MAX_NESTING_DEPTH = 256;
const SPACE = 32;
const NEWLINE = 10;
const TAB = 9;
/** The nesting of `text` (one document, or a stream: a document marker does not reset it). */
function nestingDepth(text, limit = MAX_NESTING_DEPTH) {
    const indents = [];
    const depths = [];
    let deepest = 0;
    // Inside a flow collection or a quoted scalar that spans lines: the depth it started at.
    let flow = 0;
    let flowBase = 0;
    let quote = 0;
    // Inside a block scalar: the indentation of the line that opened it (its lines are deeper).
    let blockOwner = -1;
    let start = 0;
    while (start <= text.length) {
        let end = text.indexOf('\n', start);
        if (end === -1)
            end = text.length;
        let indent = 0;
        while (start + indent < end && text.charCodeAt(start + indent) === SPACE)
            indent++;
        const first = start + indent;
        const blank = first >= end || (first === end - 1 && text.charCodeAt(first) === 13);
        let lineDepth = 0;
        if (blockOwner !== -1 && (blank || indent > blockOwner)) ;
        else if (quote !== 0 || flow > 0) {
            blockOwner = -1;
            const scanned = scanLine(text, start, end, flow, quote);
            lineDepth = flowBase + scanned.deepestFlow;
            flow = scanned.flow;
            quote = scanned.quote;
        }
        else if (!blank && text.charCodeAt(first) !== 35) {
            blockOwner = -1;
            let at = first;
            // A document marker line: what follows it is the document's top level.
            if (indent === 0 && (text.startsWith('---', start) || text.startsWith('...', start))) {
                at += 3;
                indents.length = depths.length = 0;
            }
            while (indents.length > 0 && indents[indents.length - 1] >= indent) {
                indents.pop();
                depths.pop();
            }
            const parent = depths.length > 0 ? depths[depths.length - 1] : 0;
            let level = parent + 1;
            // `- - - x`, `? - x`, `: - x`: each indicator that opens the line is a level.
            for (;;) {
                while (at < end && isBlank(text.charCodeAt(at)))
                    at++;
                const ch = text.charCodeAt(at);
                if ((ch === 45 || ch === 63 || ch === 58) && isBlankOrEnd(text, at + 1, end)) {
                    level++;
                    at++;
                }
                else
                    break;
            }
            const scanned = scanLine(text, at, end, 0, 0);
            lineDepth = level + scanned.deepestFlow;
            flow = scanned.flow;
            quote = scanned.quote;
            flowBase = level;
            if (scanned.blockScalar)
                blockOwner = indent;
            indents.push(indent);
            depths.push(level);
        }
        if (lineDepth > deepest) {
            deepest = lineDepth;
            if (deepest > limit)
                return { depth: deepest, tooDeepAt: start };
        }
        start = end + 1;
    }
    return { depth: deepest };
}
/**
 * Brackets, quotes and comments of one line from `from`, with `flow` brackets and `quote` open
 * before it. A quote opens only where a scalar may start (after a space, `[`, `{`, `,` or `:`),
 * so the apostrophe of `don't` is text.
 */
function scanLine(text, from, end, flow, quote) {
    let deepestFlow = flow;
    let at = from;
    let lastToken = -1;
    while (at < end) {
        const ch = text.charCodeAt(at);
        if (quote !== 0) {
            if (ch === 92 && quote === 34)
                at++;
            else if (ch === quote) {
                if (quote === 39 && text.charCodeAt(at + 1) === 39)
                    at++;
                else
                    quote = 0;
            }
            at++;
            continue;
        }
        const before = at === from ? SPACE : text.charCodeAt(at - 1);
        const tokenStart = isBlank(before) || before === 91 || before === 123 || before === 44;
        if (ch === 35 && isBlank(before))
            break;
        if ((ch === 34 || ch === 39) && (tokenStart || before === 58))
            quote = ch;
        else if (ch === 91 || ch === 123) {
            flow++;
            if (flow > deepestFlow)
                deepestFlow = flow;
        }
        else if ((ch === 93 || ch === 125) && flow > 0)
            flow--;
        if (!isBlank(ch))
            lastToken = at;
        at++;
    }
    let blockScalar = false;
    if (quote === 0 && flow === 0 && lastToken !== -1) {
        // `|`, `>`, then chomping and indentation indicators, as the last token of the line.
        let head = lastToken;
        while (head > from && /[-+0-9]/.test(text[head]))
            head--;
        const ch = text.charCodeAt(head);
        blockScalar = (ch === 124 || ch === 62) && (head === from || isBlank(text.charCodeAt(head - 1)));
    }
    return { flow, deepestFlow, quote, blockScalar };
}
function isBlank(ch) {
    return ch === SPACE || ch === TAB || ch === 13;
}
function isBlankOrEnd(text, at, end) {
    return at >= end || isBlank(text.charCodeAt(at)) || text.charCodeAt(at) === NEWLINE;
}

// A YAML stream cut into its documents, as text: the pre-filter (prefilter.ts), the reading of a
// file document by document and the recovery after a broken document (yaml.ts) all work on these
// pieces.
// `---` or `...` at the start of a line ends a document, whatever came before (YAML 1.2
// c-forbidden).
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
/** Offset of the first document marker line at or after `from`, if any. */
function markerFrom(text, from) {
    DOCUMENT_MARKER.lastIndex = from;
    return DOCUMENT_MARKER.exec(text)?.index;
}
/** The file cut before each document marker line; joined again they give the text back. */
function splitDocuments(text) {
    const chunks = [];
    let start = 0;
    for (let marker = markerFrom(text, 0); marker !== undefined; marker = markerFrom(text, marker + 3)) {
        if (marker > start)
            chunks.push(text.slice(start, marker));
        start = marker;
    }
    chunks.push(text.slice(start));
    return chunks;
}
/** Every character but line breaks a space: the same offsets, lines and columns, and no content. */
function blanked(text) {
    return text.replace(/[^\r\n]/g, ' ');
}
/**
 * The piece as an empty document of the same length: its marker (if it starts with one) kept,
 * the rest blanked. Offsets, lines and columns after it are unchanged, and the document before it
 * still ends where it ended.
 */
function blankDocument(chunk) {
    const marker = markerLength(chunk);
    return chunk.slice(0, marker) + blanked(chunk.slice(marker));
}
/**
 * The piece as its marker (if it starts with one) and its line breaks: lines after it keep their
 * numbers, and without the marker the documents around it would run together (`%YAML 1.2` would
 * face a `...`). The pre-filter's left-out documents, shorter than blanked ones.
 */
function documentLines(chunk) {
    const marker = markerLength(chunk);
    return chunk.slice(0, marker) + chunk.slice(marker).replace(/[^\n]+/g, '');
}
/** 3 when the piece starts with its `---` or `...` line, else 0. */
function markerLength(chunk) {
    return markerFrom(chunk, 0) === 0 ? 3 : 0;
}
/** The number of `\n` in a text: how many lines a document or a prefix of a file spans. */
function countLineBreaks(text) {
    let count = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
        count++;
    return count;
}

// `target.push(...items)` passes every item as an argument of one call, and a call has at most
// some 10⁵ arguments before "Maximum call stack size exceeded": a pod with 120,000 ports, or as
// many findings, crashed the scan that way (issue 20). Every list of unknown length is appended
// with this loop instead, and the largest or smallest of one found with maxOf / minOf.
/** Appends `items` to `target` one by one; returns `target`. */
function append(target, items) {
    for (const item of items)
        target.push(item);
    return target;
}

// Reading YAML nodes with their positions. Extractors walk nodes (not plain JS
// values) so that every finding can point at the exact key or list item.
// Aliases and merge keys (`<<: *defaults`) are resolved here, once, for both formats.
/** Aliases deeper than this are not followed: an alias bomb must not stall the scan. */
const MAX_ALIAS_DEPTH = 16;
function resolve(node, ctx, depth = 0) {
    if (isAlias(node)) {
        if (depth >= MAX_ALIAS_DEPTH)
            return undefined;
        return resolve(node.resolve(ctx.document), ctx, depth + 1);
    }
    return (node ?? undefined);
}
function asMap(node, ctx) {
    const resolved = resolve(node, ctx);
    return isMap(resolved) ? resolved : undefined;
}
function asSeq(node, ctx) {
    const resolved = resolve(node, ctx);
    return isSeq(resolved) ? resolved : undefined;
}
function asScalar(node, ctx) {
    const resolved = resolve(node, ctx);
    return isScalar(resolved) ? resolved : undefined;
}
/** `<<` (a merge key), which merges a map instead of naming a key. */
function isMergeKey(key) {
    return isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol');
}
/**
 * The pairs of a map with merge keys applied: explicit keys win over merged ones, and earlier
 * merge sources win over later ones (YAML merge-key semantics).
 */
function mapPairs(map, ctx, depth = 0, visited) {
    // A key written twice: the last one wins (kubectl's YAML decoding, PyYAML), so a privileged
    // `hostPort: 80` cannot hide behind an earlier `hostPort: 8080`. parse/yaml.ts reports it.
    const ownByKey = new Map();
    const merged = [];
    for (const item of map.items) {
        if (!isPair(item))
            continue;
        if (isMergeKey(item.key)) {
            if (depth >= MAX_ALIAS_DEPTH)
                continue;
            const source = resolve(item.value, ctx);
            const sources = isSeq(source) ? source.items : [source];
            for (const each of sources) {
                const sourceMap = asMap(each, ctx);
                // A map merged a second time adds nothing (its keys are already taken): skipping it keeps
                // `<<: [*m, *m, …]` nested a few levels (a merge-key alias bomb) linear, not exponential.
                visited ??= new Set([map]);
                if (!sourceMap || visited.has(sourceMap))
                    continue;
                visited.add(sourceMap);
                append(merged, mapPairs(sourceMap, ctx, depth + 1, visited));
            }
        }
        else {
            const key = keyText(item.key);
            ownByKey.delete(key);
            ownByKey.set(key, item);
        }
    }
    const own = [...ownByKey.values()];
    if (merged.length === 0)
        return own;
    const seen = new Set(own.map((pair) => keyText(pair.key)));
    const result = [...own];
    for (const pair of merged) {
        const key = keyText(pair.key);
        if (seen.has(key))
            continue;
        seen.add(key);
        result.push(pair);
    }
    return result;
}
function keyText(key) {
    if (isScalar(key))
        return String(key.value);
    return String(key);
}
/** The pair for `key` in a map (merge keys applied), or undefined. */
function getPair(map, key, ctx) {
    if (!map)
        return undefined;
    // The map's own last `key` wins over everything (as in mapPairs), so it is looked for first,
    // from the end, without building the merged list: every field read of every scan comes here.
    let merges = false;
    const items = map.items;
    for (let index = items.length - 1; index >= 0; index--) {
        const item = items[index];
        if (!isPair(item))
            continue;
        if (isMergeKey(item.key))
            merges = true;
        else if (keyText(item.key) === key)
            return item;
    }
    return merges ? mapPairs(map, ctx).find((pair) => keyText(pair.key) === key) : undefined;
}
/** The resolved value node for `key`, or undefined. */
function get(map, key, ctx) {
    const pair = getPair(map, key, ctx);
    return pair ? resolve(pair.value, ctx) : undefined;
}
/** No value: a missing key, or one written with nothing after it (`ports:`) or as `null`. */
function isNullish(node) {
    return node === undefined || (isScalar(node) && node.value === null);
}
/** Walks a path of keys through nested maps. */
function getIn(map, path, ctx) {
    let current = map;
    for (const key of path) {
        const next = asMap(current, ctx);
        if (!next)
            return undefined;
        current = get(next, key, ctx);
    }
    return current;
}
/** The JS value of a scalar (string, number, boolean, null), else undefined. */
function scalarValue(node, ctx) {
    return asScalar(node, ctx)?.value;
}
function stringValue(node, ctx) {
    const value = scalarValue(node, ctx);
    if (value === undefined || value === null)
        return undefined;
    return typeof value === 'string' ? value : String(value);
}
/** Reads a `{ key: "value" }` map of strings (labels, annotations, selectors). */
function stringMap(node, ctx) {
    const map = asMap(node, ctx);
    const result = {};
    if (!map)
        return result;
    for (const pair of mapPairs(map, ctx)) {
        const value = stringValue(pair.value, ctx);
        if (value !== undefined)
            result[keyText(pair.key)] = value;
    }
    return result;
}
/** Position of a node's start (and end), 1-based. Falls back to the document start. */
function locate(node, ctx) {
    const range = node?.range ?? ctx.document.range;
    const start = ctx.lineCounter.linePos(range[0]);
    const end = ctx.lineCounter.linePos(range[1]);
    return {
        file: ctx.file,
        line: start.line,
        column: start.col,
        endLine: end.line,
        endColumn: end.col
    };
}
/** Position of a key in its map (`hostPort:`), falling back to the value. */
function locateKey(pair, ctx) {
    if (!pair)
        return undefined;
    return locate(isScalar(pair.key) ? pair.key : pair.value, ctx);
}

// Parse one file's text into YAML documents, keeping positions. A document
// that fails to parse is reported with its position; the others are still used.
/** Longest `# Source:` template name read (a path: PATH_MAX is 4,096, real ones are < 200). */
const MAX_HELM_SOURCE_LENGTH = 1024;
// Compose reads YAML with merge keys (`<<: *defaults`) and so do most Kubernetes
// tools; YAML 1.2 otherwise (so `on`/`yes` stay strings and `8080:80` is a string).
// Duplicate keys are not a parse error here, so the rest of the document is still read: they are
// collected (duplicateKeys) for the `duplicate-key` rule, and nodes.ts keeps the last value, as
// kubectl's YAML decoding and PyYAML do.
const PARSE_OPTIONS = BLOCK_YAML_OPTIONS;
function parseYamlFile(file, text, options = {}) {
    // A document nested deeper than the parsers can recurse is blanked before they see it, and is a
    // parse error of its own (depth.ts): the rest of the file is read as usual.
    const { text: parsedText, tooDeep } = withoutTooDeep(file, text);
    const parsed = parseYamlText(file, parsedText, options);
    parsed.parseErrors = append(tooDeep, parsed.parseErrors);
    if (tooDeep.length > 0)
        parsed.parseErrors.sort((a, b) => a.location.line - b.location.line);
    return {
        ...parsed,
        file,
        text,
        suppressions: findSuppressionComments(file, text),
        purposeComments: findPurposeComments(file, text)
    };
}
/** The text with every document nested deeper than MAX_NESTING_DEPTH blanked, and their errors. */
function withoutTooDeep(file, text) {
    if (nestingDepth(text).tooDeepAt === undefined)
        return { text, tooDeep: [] };
    const tooDeep = [];
    let offset = 0;
    const chunks = splitDocuments(text).map((chunk) => {
        const at = nestingDepth(chunk).tooDeepAt;
        const start = offset;
        offset += chunk.length;
        if (at === undefined)
            return chunk;
        const line = 1 + countLineBreaks(text.slice(0, start + at));
        tooDeep.push({
            location: { file, line, column: 1 },
            message: `nested more than ${MAX_NESTING_DEPTH} levels deep (the nesting limit)`
        });
        return blankDocument(chunk);
    });
    return { text: chunks.join(''), tooDeep };
}
function parseYamlText(file, text, options) {
    // Most manifests are plain block YAML, which block-yaml.ts reads in a fraction of the time and
    // into the same nodes; it declines every other file. Of those, the documents it can read alone
    // are read by it, and the `yaml` package parses the rest.
    const read = parseBlockYaml(text, PARSE_OPTIONS) ??
        (options.byDocument === false ? undefined : parseByDocument(text)) ??
        parseLeniently(text);
    const { all, lineCounter, repaired } = read;
    const documents = [];
    const parseErrors = [];
    const duplicateKeys = [];
    for (const document of all) {
        if (document.errors.length > 0) {
            const error = document.errors[0];
            const pos = lineCounter.linePos(errorOffset(document, error));
            parseErrors.push({
                location: { file, line: pos.line, column: pos.col },
                message: firstLine(error.message)
            });
            continue;
        }
        if (isEmpty$1(document))
            continue;
        const start = document.contents?.range?.[0] ?? document.range[0];
        const line = lineCounter.linePos(start).line;
        const helmSource = helmSourceOf(document);
        documents.push({
            document,
            line,
            ...(helmSource === undefined
                ? {}
                : helmSource.length > MAX_HELM_SOURCE_LENGTH
                    ? { helmSourceTooLong: helmSource.length }
                    : { helmSource })
        });
        append(duplicateKeys, findDuplicateKeys(file, document, lineCounter));
    }
    return {
        text,
        ...(repaired === undefined ? {} : { parsedText: repaired }),
        lineCounter,
        documents,
        parseErrors,
        duplicateKeys
    };
}
/** Every key written a second (third, …) time in the same map; merge keys (`<<`) aside. */
function findDuplicateKeys(file, document, lineCounter) {
    const found = [];
    const at = (node) => {
        const offset = node?.range?.[0] ?? 0;
        const pos = lineCounter.linePos(offset);
        return { file, line: pos.line, column: pos.col };
    };
    // A plain walk over maps and sequences (aliases are not followed): every document of every
    // scanned file goes through here, and the generic visitor cost a tenth of the parse.
    const nameOf = (key) => isScalar(key) && !isMergeKey(key) ? String(key.value) : undefined;
    const report = (key, name, first) => found.push({ location: at(key), key: name, first: at(first) });
    const walk = (node) => {
        if (isMap(node)) {
            const items = node.items;
            for (const pair of items) {
                walk(pair.key);
                walk(pair.value);
            }
            if (items.length <= 16) {
                // A small map (nearly all of them) is searched pair by pair, with nothing built.
                for (let index = 1; index < items.length; index++) {
                    const name = nameOf(items[index].key);
                    if (name === undefined)
                        continue;
                    let first = 0;
                    while (first < index && nameOf(items[first].key) !== name)
                        first++;
                    if (first < index)
                        report(items[index].key, name, items[first].key);
                }
                return;
            }
            const firstOf = new Map();
            for (const { key } of items) {
                const name = nameOf(key);
                if (name === undefined)
                    continue;
                const first = firstOf.get(name);
                if (first === undefined)
                    firstOf.set(name, key);
                else
                    report(key, name, first);
            }
        }
        else if (isSeq(node)) {
            for (const item of node.items)
                walk(item);
        }
    };
    walk(document.contents);
    return found;
}
function parseDocuments(text) {
    const lineCounter = new LineCounter();
    const parsed = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
    const all = Array.isArray(parsed) ? parsed : [parsed];
    const cut = all.findIndex((document) => markerInside(text, document) !== undefined);
    if (cut === -1)
        return { all, lineCounter };
    return recoverAfterMarker(text, all, cut);
}
// A document marker line ends a document whatever comes before it (documents.ts), but the `yaml`
// package lets an unclosed quote run on through such lines to the end of the file, so one stray
// quote would hide every later document. libyaml stops there too.
/** Recoveries per file: each re-parses the rest of the file, so hostile input must not repeat it. */
const MAX_RECOVERIES = 8;
/** Offset of a document marker inside a broken document (after its own start), if any. */
function markerInside(text, document) {
    if (document.errors.length === 0)
        return undefined;
    const [start, , end] = document.range;
    // After the document's own `---` (and any comments or directives before its content).
    const marker = markerFrom(text, Math.max(start + 1, document.contents?.range?.[0] ?? 0));
    return marker !== undefined && marker < end ? marker : undefined;
}
/**
 * Ends the broken document `all[cut]` at the marker it ran over and parses the rest again: the
 * text before the marker is blanked out (new lines kept), so offsets, lines and columns stay those
 * of the file.
 */
function recoverAfterMarker(text, all, cut) {
    const documents = all.slice(0, cut);
    let broken = all[cut];
    for (let recoveries = 0;; recoveries++) {
        const marker = markerInside(text, broken);
        pullErrorBefore(broken, marker);
        documents.push(broken);
        const rewritten = blanked(text.slice(0, marker)) + text.slice(marker);
        // Same line breaks as the file, so this counter serves for every document kept.
        const lineCounter = new LineCounter();
        const parsed = parseAllDocuments(rewritten, { ...PARSE_OPTIONS, lineCounter });
        const rest = (Array.isArray(parsed) ? parsed : [parsed]).filter((document) => document.range[2] > marker);
        const next = rest.findIndex((document) => markerInside(text, document) !== undefined);
        if (next === -1 || recoveries + 1 >= MAX_RECOVERIES) {
            append(documents, rest);
            return { all: documents, lineCounter };
        }
        append(documents, rest.slice(0, next));
        broken = rest[next];
    }
}
/**
 * The error of a document that ran over a marker is reported at the scalar that swallowed the
 * marker (the opening quote), else at the marker, not at the end of the file.
 */
function pullErrorBefore(document, marker) {
    const error = document.errors[0];
    if (error.pos[0] < marker)
        return;
    const at = scalarAround(document, marker) ?? marker;
    error.pos[0] = at;
    error.pos[1] = at + 1;
}
/** Where to report an error: an unclosed quote at its opening quote (the `yaml` package points at
 * where it gave up looking for the closing one, often the end of the document). */
function errorOffset(document, error) {
    const offset = error.pos[0];
    if (error.code !== 'MISSING_CHAR' || !/quote/i.test(error.message))
        return offset;
    return scalarAround(document, offset) ?? offset;
}
/** Start of the quoted scalar that reaches `offset`, if any. */
function scalarAround(document, offset) {
    let start;
    visit(document, {
        Scalar(_key, node) {
            const range = node.range;
            const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
            if (quoted && range && range[0] <= offset && range[1] >= offset)
                start = range[0];
        }
    });
    return start;
}
/**
 * A file the block loader declines may still be mostly plain block YAML: a Helm render with one
 * flow list, a stream with one broken document. Each document is tried alone; those the loader
 * reads are read by it, the others by `yaml`, each in a copy of the file in which the other
 * documents are blanked (documents.ts): offsets, lines and columns are the file's, and each
 * document ends where it ends in the file, so the `yaml` package reports the same errors at the
 * same places. Undefined when the whole file should go to `yaml`: one document, none or all read
 * alone, or directives (`%YAML` belongs to the document after it).
 */
function parseByDocument(text) {
    if (/^%/m.test(text))
        return undefined;
    const chunks = splitDocuments(text);
    if (chunks.length < 2)
        return undefined;
    const readAlone = chunks.map((chunk) => parseBlockYaml(chunk, PARSE_OPTIONS) !== undefined);
    if (readAlone.every(Boolean) || !readAlone.some(Boolean))
        return undefined;
    const keeping = (fast) => chunks
        .map((chunk, index) => (readAlone[index] === fast ? chunk : blankDocument(chunk)))
        .join('');
    const fast = parseBlockYaml(keeping(true), PARSE_OPTIONS);
    if (!fast)
        return undefined;
    const rest = parseLeniently(keeping(false));
    // A repair of under-indented quotes (parseLeniently) moves the offsets after it: such a file is
    // parsed whole, so that one line table serves every document.
    if (rest.lineCounter.lineStarts.join() !== fast.lineCounter.lineStarts.join())
        return undefined;
    // The blanked copies of each side's documents are empty documents, which parseYamlFile drops.
    const all = [...fast.all, ...rest.all].sort((a, b) => a.range[0] - b.range[0]);
    return { all, lineCounter: rest.lineCounter };
}
/**
 * libyaml (kubectl, PyYAML, Compose's Go reader) accepts a quoted scalar whose continuation line
 * is indented less than its key — generated CRDs are full of them — while the `yaml` package
 * stops with "Missing closing quote". Leading white space of a quoted scalar's continuation line
 * is folded away, so indenting such lines changes no value: we do that and parse again, keeping
 * the result only when it has fewer errors. Line numbers are unchanged.
 */
function parseLeniently(text) {
    const result = parseDocuments(text);
    const unindented = result.all.some((document) => document.errors.some((error) => error.code === 'MISSING_CHAR' && /quote/i.test(error.message)));
    if (!unindented)
        return result;
    const repaired = indentQuotedContinuations(text);
    if (repaired === text)
        return result;
    const again = parseDocuments(repaired);
    return errorCount(again.all) < errorCount(result.all) ? { ...again, repaired } : result;
}
/** `---` with nothing (or only comments) after it. */
function isEmpty$1(document) {
    const contents = document.contents;
    return contents === null || (isScalar(contents) && contents.value === null && !contents.tag);
}
function errorCount(documents) {
    return documents.reduce((sum, document) => sum + document.errors.length, 0);
}
// A value that opens a quote it does not close on the same line: `key: 'abc`, `- "abc`.
const OPENING_QUOTE = /^(\s*(?:-\s+)?(?:[^\s'"#][^#]*?:\s+)?)(['"])/;
/**
 * Every continuation line of a multi-line quoted value, up to its closing quote, is indented to
 * at least the column of the opening quote.
 */
function indentQuotedContinuations(text) {
    const lines = text.split('\n');
    for (let index = 0; index < lines.length; index++) {
        const opening = OPENING_QUOTE.exec(lines[index]);
        if (!opening)
            continue;
        const quote = opening[2];
        const column = opening[1].length;
        if (closesQuote(lines[index].slice(column + 1), quote))
            continue;
        for (let next = index + 1; next < lines.length; next++) {
            const line = lines[next];
            // A document marker ends the document, and the unclosed quote with it.
            if (/^(?:---|\.\.\.)(?:[ \t\r]|$)/.test(line))
                break;
            if (indentOf(line) <= column && line.trim() !== '') {
                lines[next] = ' '.repeat(column + 1) + line.trimStart();
            }
            index = next;
            if (closesQuote(line, quote))
                break;
        }
    }
    return lines.join('\n');
}
/** A closing quote on this line: `'` not doubled, or `"` not escaped. */
function closesQuote(line, quote) {
    const pattern = quote === "'" ? /(?:^|[^'])(?:'')*'(?!')/ : /(?:^|[^\\])(?:\\\\)*"/;
    return pattern.test(line);
}
function indentOf(line) {
    return line.length - line.trimStart().length;
}
function firstLine(message) {
    return message.split('\n')[0].trim();
}
const HELM_SOURCE = /^\s*Source:\s*(\S.*?)\s*$/m;
/**
 * `helm template` writes `---` then `# Source: chart/templates/x.yaml` above each document. The
 * `yaml` package attaches that comment to the document, to its top map, or to the first key,
 * depending on the blank lines around it, so all three places are read.
 */
function helmSourceOf(document) {
    const contents = document.contents;
    const firstItem = isMap(contents) ? contents.items[0] : undefined;
    const firstKey = isPair(firstItem)
        ? firstItem.key
        : undefined;
    for (const comment of [
        document.commentBefore,
        contents?.commentBefore,
        firstKey?.commentBefore
    ]) {
        const match = comment ? HELM_SOURCE.exec(comment) : null;
        if (match?.[1])
            return match[1];
    }
    return undefined;
}
// `# port-hygiene-ignore privileged-port, duplicate-host-port: ingress needs 443`.
// The marker must open a YAML comment: `#` at line start or after white space.
const SUPPRESSION = /(?:^|\s)#\s*port-hygiene-ignore\b(.*)$/;
function findSuppressionComments(file, text) {
    if (!text.includes('port-hygiene-ignore'))
        return [];
    const found = [];
    const lines = text.split(/\r?\n/);
    lines.forEach((lineText, index) => {
        const match = SUPPRESSION.exec(lineText);
        if (!match)
            return;
        const column = lineText.indexOf('#', match.index) + 1;
        const location = { file, line: index + 1, column };
        const ownLine = lineText.slice(0, column - 1).trim() === '';
        found.push({ location, ...parseSuppressionText(match[1] ?? ''), ownLine });
    });
    return found;
}
// `- containerPort: 8080 # purpose: public storefront`: what the port is for (the inventory).
const PURPOSE = /(?:^|\s)#\s*purpose:\s*(\S.*?)\s*$/i;
function findPurposeComments(file, text) {
    if (!/purpose:/i.test(text))
        return [];
    const found = [];
    text.split(/\r?\n/).forEach((lineText, index) => {
        const match = PURPOSE.exec(lineText);
        if (!match)
            return;
        const column = lineText.indexOf('#', match.index) + 1;
        found.push({ location: { file, line: index + 1, column }, text: match[1] });
    });
    return found;
}
/** `rule-a, rule-b: reason` → rules and reason (annotation values use the same form). */
function parseSuppressionText(text) {
    const colon = text.indexOf(':');
    const rulePart = colon === -1 ? text : text.slice(0, colon);
    const reason = colon === -1 ? '' : text.slice(colon + 1).trim();
    const rules = rulePart
        .split(/[\s,]+/)
        .map((rule) => rule.trim())
        .filter(Boolean);
    return reason ? { rules, reason } : { rules };
}

// The safety limits of a scan, in one place. A pull request can make any file as large, deep or
// self-referencing as it likes; each limit bounds the work one file can cause, and tripping one
// is a finding (skipped-file, input-limit), never a silent loss. Defaults suit real
// repositories; each can be changed by an environment variable of the CLI or the action step.
// Plain data: imports nothing of ours.
const DEFAULT_LIMITS = {
    expansionBudget: 1_000};

// What every part of the Kubernetes loader shares while it reads one file: the node context
// (positions, aliases), the file text (to quote a value exactly as written) and the output.
/** Thrown when a file's expansion budget is spent; the loader reports it and stops the file. */
class ExpansionBudgetExceeded extends Error {
}
/** Takes one unit (an object, a container, a port) from the budget when read through an alias. */
function spend(ctx) {
    if (ctx.budget.aliased === 0)
        return;
    ctx.budget.remaining--;
    if (ctx.budget.remaining < 0)
        throw new ExpansionBudgetExceeded();
}
/** Runs `read` counting everything in it against the budget when `node` is an alias. */
function throughAlias(ctx, node, read) {
    if (!isAlias(node))
        return read();
    ctx.budget.aliased++;
    try {
        read();
    }
    finally {
        ctx.budget.aliased--;
    }
}
function emptyExtraction() {
    return {
        bindings: [],
        services: [],
        podTemplates: [],
        containers: [],
        ingressBackends: [],
        networkPolicies: [],
        namespaces: [],
        invalidPorts: [],
        parseErrors: []
    };
}
function reportInvalid(ctx, location, value, message, object, rule) {
    ctx.out.invalidPorts.push({
        location,
        value,
        message,
        ...(object ? { object } : {}),
        ...(rule ? { rule } : {})
    });
}

// The API server's own checks on port values, restated from Kubernetes:
// - apimachinery pkg/util/validation/validation.go: IsValidPortNum, IsValidPortName (IANA_SVC_NAME),
//   IsDNS1123Label;
// - kubernetes pkg/apis/core/validation/validation.go: validateContainerPorts, validateServicePort.
// Each checker returns the messages the API server would give (empty = valid), so that a finding
// says the same thing `kubectl apply` would.
const MIN_PORT = 1;
const MAX_PORT = 65535;
/** IsValidPortNum: 1–65535 inclusive; 0 is not a port (callers treat `hostPort: 0` as unset first). */
function isValidPortNum(port) {
    return Number.isInteger(port) && port >= MIN_PORT && port <= MAX_PORT;
}
const PORT_RANGE_MESSAGE = `must be between ${MIN_PORT} and ${MAX_PORT}, inclusive`;
const IANA_SVC_NAME_MAX = 15;
const IANA_CHARS = /^[-a-z0-9]+$/;
const HAS_LETTER = /[a-z]/;
/**
 * IsValidPortName (IANA_SVC_NAME, RFC 6335) — container port names and string targetPorts.
 * Collects every message that applies, in the API server's order. Only lower case is accepted,
 * although RFC 6335 itself ignores case.
 */
function portNameErrors(name) {
    const errors = [];
    if (name.length > IANA_SVC_NAME_MAX) {
        errors.push(`must be no more than ${IANA_SVC_NAME_MAX} characters`);
    }
    if (!IANA_CHARS.test(name)) {
        errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
    }
    if (!HAS_LETTER.test(name))
        errors.push('must contain at least one letter (a-z)');
    if (name.includes('--'))
        errors.push('must not contain consecutive hyphens');
    if (name.length > 0 && (name.startsWith('-') || name.endsWith('-'))) {
        errors.push('must not begin or end with a hyphen');
    }
    return errors;
}
const DNS1123_LABEL_MAX = 63;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** IsDNS1123Label — Service port names (not IANA: up to 63 characters, all digits allowed). */
function dns1123LabelErrors(name) {
    const errors = [];
    if (name.length > DNS1123_LABEL_MAX) {
        errors.push(`must be no more than ${DNS1123_LABEL_MAX} characters`);
    }
    if (!DNS1123_LABEL.test(name)) {
        errors.push("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
    }
    return errors;
}
/** The protocols Kubernetes accepts, exactly as it spells them (the check is case-sensitive). */
const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SUPPORTED_LIST = SUPPORTED_PROTOCOLS.map((protocol) => `"${protocol}"`).join(', ');
/**
 * `protocol` of a container or Service port. The v1 API defaults an empty protocol to TCP before
 * validation (pkg/apis/core/v1/defaults.go), so a manifest may leave it out. Anything else must be
 * exactly TCP, UDP or SCTP: `tcp` is rejected with NotSupported.
 */
function checkProtocol(protocol) {
    if (protocol === undefined || protocol === '')
        return { valid: true, protocol: 'tcp' };
    if (SUPPORTED_PROTOCOLS.includes(protocol)) {
        return { valid: true, protocol: protocol.toLowerCase() };
    }
    const upper = protocol.toUpperCase();
    if (SUPPORTED_PROTOCOLS.includes(upper)) {
        return {
            valid: false,
            message: `protocol "${protocol}" must be written "${upper}": Kubernetes protocols are case-sensitive (supported values: ${SUPPORTED_LIST})`
        };
    }
    return {
        valid: false,
        message: `protocol "${protocol}" is not supported (supported values: ${SUPPORTED_LIST})`
    };
}
/** `port-range: "30000-30999"` (or a single port) → inclusive range; undefined when malformed. */
function parsePortRangeAnnotation(text) {
    const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(text);
    if (!match)
        return undefined;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : Number(match[2]);
    if (!isValidPortNum(min) || !isValidPortNum(max) || min > max)
        return undefined;
    return { min, max };
}

// Typed reads of port fields. The API server decodes manifests as JSON into Go structs, so a
// field's YAML type matters: `containerPort: "8080"` is a string and is rejected with a type error
// ("cannot unmarshal string into Go struct field ... of type int32"), while `hostPort: 0` or a null
// value decodes to the zero value, which Kubernetes reads as "not set".
const MAX_RAW_LENGTH = 80;
/** The value exactly as written in the file (from the node's range), shortened for messages. */
function rawText(node, ctx) {
    const range = node?.range;
    if (!range)
        return '';
    const text = ctx.text.slice(range[0], range[1]).trim();
    return text.length > MAX_RAW_LENGTH ? `${text.slice(0, MAX_RAW_LENGTH - 1)}…` : text;
}
/** Helm (`{{ }}`) and envsubst (`${VAR}`) placeholders left in a manifest. */
function isPlaceholderText(text) {
    return text.includes('{{') || text.includes('${');
}
function describeNodeType(node) {
    if (isMap(node))
        return 'a mapping';
    if (isSeq(node))
        return 'a list';
    if (isScalar(node)) {
        if (typeof node.value === 'string')
            return 'a string';
        if (typeof node.value === 'boolean')
            return 'a boolean';
        if (typeof node.value === 'number') {
            return Number.isInteger(node.value) ? 'a number' : 'a fractional number';
        }
    }
    return 'not a number';
}
/** Reads an int32 field; `null` and a missing key are both "absent". */
function readIntField(map, key, ctx) {
    const field = readIntOrString(map, key, ctx);
    if (field.state !== 'string')
        return field;
    const digits = /^\s*-?\d+\s*$/.test(field.value);
    const message = digits
        ? `${key} must be an integer, not the string ${field.raw}: the API server rejects a quoted number; remove the quotes`
        : `${key} must be an integer, not the string ${field.raw}`;
    return { state: 'wrong-type', pair: field.pair, raw: field.raw, message };
}
/** Reads an IntOrString field (Service targetPort). */
function readIntOrString(map, key, ctx) {
    const pair = getPair(map, key, ctx);
    if (!pair)
        return { state: 'absent' };
    const node = resolve(pair.value, ctx);
    const raw = rawText(node, ctx);
    if (isNullish(node))
        return { state: 'absent' };
    if (isPlaceholderText(raw))
        return { state: 'placeholder', pair };
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value)) {
        return { state: 'int', value: node.value, pair };
    }
    if (isScalar(node) && typeof node.value === 'string') {
        return { state: 'string', value: node.value, pair, raw };
    }
    const shown = raw || '(empty)';
    return {
        state: 'wrong-type',
        pair,
        raw: shown,
        message: `${key} must be an integer, got ${describeNodeType(node)}: ${shown}`
    };
}
/** Reads a string field. Numbers and booleans are type errors for the API server's JSON decoder. */
function readStringField(map, key, ctx) {
    const pair = getPair(map, key, ctx);
    if (!pair)
        return { state: 'absent' };
    const node = resolve(pair.value, ctx);
    const raw = rawText(node, ctx);
    if (isNullish(node))
        return { state: 'absent' };
    if (isPlaceholderText(raw))
        return { state: 'placeholder', pair };
    if (isScalar(node) && typeof node.value === 'string') {
        return { state: 'string', value: node.value, pair, raw };
    }
    return {
        state: 'wrong-type',
        pair,
        raw: raw || '(empty)',
        message: `${key} must be a string, got ${describeNodeType(node)}: ${raw}; quote it`
    };
}
/**
 * A port field that is set (containerPort, hostPort, port, nodePort, a numeric targetPort):
 * IsValidPortNum, or reported. A placeholder is unknown and never reported.
 */
function checkPortNumber(field, key, ctx, object) {
    if (field.state === 'placeholder')
        return undefined;
    const location = locateKey(field.pair, ctx);
    if (field.state === 'wrong-type') {
        reportInvalid(ctx, location, field.raw, field.message, object);
        return undefined;
    }
    if (!isValidPortNum(field.value)) {
        const message = `${key} ${field.value} is not a valid port: ${PORT_RANGE_MESSAGE}`;
        reportInvalid(ctx, location, String(field.value), message, object);
        return undefined;
    }
    return { value: field.value, location };
}
/** A node of the wrong shape (a map where a list belongs), quoted as written; templates are skipped. */
function reportWrongShape(ctx, node, location, message, object) {
    const raw = rawText(node, ctx);
    if (!isPlaceholderText(raw))
        reportInvalid(ctx, location, raw, message, object);
}
/**
 * For the API server's uniqueness checks (port names, protocol/port pairs): where `key` was
 * first seen, or undefined when this is the first time (and `location` is remembered).
 */
function earlierSighting(seen, key, location) {
    const first = seen.get(key);
    if (!first)
        seen.set(key, location);
    return first;
}

/** Lower-case protocol for the model, or undefined when invalid (reported) or unknown. */
function checkProtocolField(portMap, ctx, object) {
    const field = readStringField(portMap, 'protocol', ctx);
    if (field.state === 'placeholder')
        return undefined;
    if (field.state === 'absent')
        return 'tcp';
    const location = locateKey(field.pair, ctx);
    if (field.state === 'wrong-type') {
        reportInvalid(ctx, location, field.raw, field.message, object);
        return undefined;
    }
    const check = checkProtocol(field.value);
    if (check.valid)
        return check.protocol;
    reportInvalid(ctx, location, field.value, check.message, object);
    return undefined;
}

// Who a container's process runs as and on which OS, as far as the manifest says: the facts
// privileged-container-port needs to know whether a bind below 1024 can fail.
function userFields(securityContext, ctx) {
    const fields = {};
    const user = scalarValue(get(securityContext, 'runAsUser', ctx), ctx);
    if (typeof user === 'number' && Number.isInteger(user) && user >= 0)
        fields.runAsUser = user;
    const nonRoot = scalarValue(get(securityContext, 'runAsNonRoot', ctx), ctx);
    if (typeof nonRoot === 'boolean')
        fields.runAsNonRoot = nonRoot;
    return fields;
}
/**
 * The container's field wins over the pod's, each field on its own (the API's SecurityContext
 * docs: "If set in both SecurityContext and PodSecurityContext, the value specified in
 * SecurityContext takes precedence"). `runAsUser` decides; without it, `runAsNonRoot: true`
 * makes the kubelet refuse an image whose user is root, so the process is not root either.
 */
function runsAs(pod, container) {
    const user = container.runAsUser ?? pod.runAsUser;
    if (user !== undefined)
        return user === 0 ? 'root' : 'non-root';
    return (container.runAsNonRoot ?? pod.runAsNonRoot) === true ? 'non-root' : undefined;
}
const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];
/**
 * A Windows pod: `spec.os.name: windows`, a node selector or a required node affinity that only
 * admits `kubernetes.io/os: windows` nodes, or `windowsOptions` in the pod's securityContext.
 * (A container's `windowsOptions` is read with the container.)
 */
function isWindowsPod(podSpec, ctx) {
    if (stringValue(getIn(podSpec, ['os', 'name'], ctx), ctx)?.toLowerCase() === 'windows') {
        return true;
    }
    const selector = stringMap(get(podSpec, 'nodeSelector', ctx), ctx);
    if (OS_LABELS.some((label) => selector[label]?.toLowerCase() === 'windows'))
        return true;
    if (asMap(getIn(podSpec, ['securityContext', 'windowsOptions'], ctx), ctx))
        return true;
    return affinityRequiresWindows(podSpec, ctx);
}
/** Node selector terms are ORed: every term must admit Windows nodes only. */
function affinityRequiresWindows(podSpec, ctx) {
    const terms = asSeq(getIn(podSpec, [
        'affinity',
        'nodeAffinity',
        'requiredDuringSchedulingIgnoredDuringExecution',
        'nodeSelectorTerms'
    ], ctx), ctx);
    if (!terms || terms.items.length === 0)
        return false;
    return terms.items.every((term) => {
        const expressions = asSeq(get(asMap(term, ctx), 'matchExpressions', ctx), ctx);
        return (expressions?.items ?? []).some((item) => {
            const expression = asMap(item, ctx);
            const key = stringValue(get(expression, 'key', ctx), ctx);
            const operator = stringValue(get(expression, 'operator', ctx), ctx);
            const values = get(expression, 'values', ctx);
            if (!key || !OS_LABELS.includes(key) || operator !== 'In' || !isSeq(values))
                return false;
            const names = values.items.map((value) => String(scalarValue(value, ctx)).toLowerCase());
            return names.length > 0 && names.every((name) => name === 'windows');
        });
    });
}

const CONTAINER_LISTS = [
    { key: 'containers', kind: 'container' },
    { key: 'initContainers', kind: 'initContainer' },
    { key: 'ephemeralContainers', kind: 'ephemeralContainer' }
];
function extractContainers(podSpec, pod, ctx) {
    for (const { key, kind } of CONTAINER_LISTS) {
        const list = asSeq(get(podSpec, key, ctx), ctx);
        if (!list)
            continue;
        throughAlias(ctx, getPair(podSpec, key, ctx)?.value, () => {
            for (const [index, item] of list.items.entries()) {
                const container = asMap(item, ctx);
                if (!container)
                    continue;
                throughAlias(ctx, item, () => {
                    spend(ctx);
                    const spec = {
                        object: pod.object,
                        podLocation: pod.location,
                        name: stringValue(get(container, 'name', ctx), ctx) ?? '',
                        kind: containerKindOf(container, kind, ctx),
                        location: locate(container, ctx),
                        fieldPath: `${pod.path}.${key}[${index}]`,
                        ports: [],
                        portsUnknown: false,
                        probes: readProbes(container, ctx)
                    };
                    ctx.out.containers.push(spec);
                    extractContainer(container, spec, pod, ctx);
                });
            }
        });
    }
}
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'];
/**
 * The port of each probe handler. A string is a port name the kubelet looks up among this
 * container's ports; a placeholder or a digits-only string (a type error the API server reports)
 * is left out.
 */
function readProbes(container, ctx) {
    const probes = [];
    for (const probe of PROBES) {
        const probeMap = asMap(get(container, probe, ctx), ctx);
        for (const handler of PROBE_HANDLERS) {
            const handlerMap = asMap(get(probeMap, handler, ctx), ctx);
            if (!handlerMap)
                continue;
            const field = readIntOrString(handlerMap, 'port', ctx);
            if (field.state === 'int') {
                probes.push({ probe, handler, port: field.value, location: locateKey(field.pair, ctx) });
            }
            else if (field.state === 'string' && /[a-z]/i.test(field.value)) {
                probes.push({ probe, handler, port: field.value, location: locateKey(field.pair, ctx) });
            }
        }
    }
    return probes;
}
/**
 * An init container with `restartPolicy: Always` is a sidecar (KEP-753, Kubernetes 1.28+): it
 * keeps running next to the regular containers instead of finishing before they start.
 */
function containerKindOf(container, listKind, ctx) {
    if (listKind !== 'initContainer')
        return listKind;
    return stringValue(get(container, 'restartPolicy', ctx), ctx) === 'Always' ? 'sidecar' : listKind;
}
function extractContainer(container, spec, pod, ctx) {
    const kind = spec.kind;
    const portsPair = getPair(container, 'ports', ctx);
    const portsNode = resolve(portsPair?.value, ctx);
    if (!portsPair || isNullish(portsNode))
        return;
    const ports = asSeq(portsNode, ctx);
    const securityContext = asMap(get(container, 'securityContext', ctx), ctx);
    const facts = {
        pod,
        name: spec.name,
        kind,
        addedCapabilities: addedCapabilities(container, ctx),
        windows: pod.windows || asMap(get(securityContext, 'windowsOptions', ctx), ctx) !== undefined,
        portNames: new Map(),
        spec
    };
    const user = runsAs(pod.user, userFields(securityContext, ctx));
    if (user)
        facts.runsAs = user;
    if (!ports) {
        spec.portsUnknown = true;
        reportWrongShape(ctx, portsNode, locateKey(portsPair, ctx), 'ports must be a list', pod.object);
        return;
    }
    // The allow-list of ephemeral container fields has `Ports: false`: they may not declare ports.
    if (kind === 'ephemeralContainer') {
        if (ports.items.length > 0) {
            const message = `ephemeral container "${facts.name}" may not declare ports (the API server forbids them)`;
            reportInvalid(ctx, locateKey(portsPair, ctx), 'ports', message, pod.object);
        }
        return;
    }
    throughAlias(ctx, portsPair.value, () => {
        for (const [index, item] of ports.items.entries())
            throughAlias(ctx, item, () => {
                spend(ctx);
                extractContainerPort(item, `${spec.fieldPath}.ports[${index}]`, facts, ctx);
            });
    });
}
/** `securityContext.capabilities.add`, normalised: the runtime accepts `net_bind_service` and `CAP_NET_BIND_SERVICE` alike. */
function addedCapabilities(container, ctx) {
    const securityContext = asMap(get(container, 'securityContext', ctx), ctx);
    const capabilities = asMap(get(securityContext, 'capabilities', ctx), ctx);
    const add = asSeq(get(capabilities, 'add', ctx), ctx);
    if (!add)
        return [];
    const names = [];
    for (const item of add.items) {
        const name = stringValue(item, ctx);
        if (name)
            names.push(name.trim().toUpperCase().replace(/^CAP_/, ''));
    }
    return names;
}
function extractContainerPort(item, fieldPath, container, ctx) {
    const object = container.pod.object;
    const portMap = asMap(item, ctx);
    if (!portMap) {
        const message = 'each ports entry must be a mapping with a containerPort';
        reportWrongShape(ctx, item, locate(item, ctx), message, object);
        container.spec.portsUnknown = true;
        return;
    }
    const containerPort = checkContainerPort(portMap, ctx, object);
    const hostPort = checkHostPort(portMap, ctx, object);
    const protocol = checkProtocolField(portMap, ctx, object);
    const name = checkPortName(portMap, fieldPath, container, ctx);
    const hostIP = readStringField(portMap, 'hostIP', ctx);
    // An invalid value makes the API server reject the pod: no binding, so that rules do not pile
    // further findings on a value that has to change anyway. A bad *name* does not change what is
    // bound, so the binding stays (without the name).
    if (containerPort === undefined || hostPort === undefined || protocol === undefined) {
        container.spec.portsUnknown = true;
        return;
    }
    if (hostIP.state === 'placeholder' || hostIP.state === 'wrong-type') {
        container.spec.portsUnknown = true;
        return;
    }
    if (name === null)
        container.spec.portsUnknown = true;
    const nameField = getPair(portMap, 'name', ctx);
    container.spec.ports.push({
        location: locate(portMap, ctx),
        fieldPath,
        containerPort: containerPort.value,
        hostPort: hostPort?.value ?? 0,
        hostIP: hostIP.state === 'string' ? hostIP.value : '',
        protocol: protocol.toUpperCase(),
        ...(typeof name === 'string' ? { name, nameLocation: locateKey(nameField, ctx) } : {})
    });
    if (!checkHostNetworkMatch(containerPort, hostPort, container, ctx))
        return;
    ctx.out.bindings.push(buildBinding({
        portMap,
        container,
        containerPort,
        hostPort,
        protocol,
        name: name ?? undefined,
        hostIP: hostIP.state === 'string' ? hostIP.value.trim() : '',
        fieldPath,
        ctx
    }));
}
/** containerPort is required (0 or missing → Required) and must be 1–65535. */
function checkContainerPort(portMap, ctx, object) {
    const field = readIntField(portMap, 'containerPort', ctx);
    if (field.state === 'absent' || (field.state === 'int' && field.value === 0)) {
        const location = field.state === 'int' ? locateKey(field.pair, ctx) : locate(portMap, ctx);
        const value = field.state === 'int' ? '0' : '';
        reportInvalid(ctx, location, value, 'containerPort is required (1-65535)', object);
        return undefined;
    }
    return checkPortNumber(field, 'containerPort', ctx, object);
}
/** hostPort 0 or missing means "not bound on the host"; anything else must be 1–65535. */
function checkHostPort(portMap, ctx, object) {
    const field = readIntField(portMap, 'hostPort', ctx);
    if (field.state === 'absent' || (field.state === 'int' && field.value === 0))
        return null;
    return checkPortNumber(field, 'hostPort', ctx, object);
}
/**
 * IsValidPortName, and unique within the container (error Duplicate at `ports[i].name`); these
 * are reported by the port-name rule, in the API server's words. Undefined when unnamed or
 * invalid, `null` when unknown (a placeholder).
 */
function checkPortName(portMap, fieldPath, container, ctx) {
    const object = container.pod.object;
    const field = readStringField(portMap, 'name', ctx);
    if (field.state === 'absent')
        return undefined;
    if (field.state === 'placeholder')
        return null;
    const location = locateKey(field.pair, ctx);
    if (field.state === 'wrong-type') {
        reportInvalid(ctx, location, field.raw, `port ${field.message}`, object);
        return undefined;
    }
    if (field.value === '')
        return undefined;
    const errors = portNameErrors(field.value);
    if (errors.length > 0) {
        const message = `${fieldPath}.name: Invalid value: "${field.value}": ${errors.join(', ')} (container port names are IANA service names)`;
        reportInvalid(ctx, location, field.value, message, object, 'port-name');
        return undefined;
    }
    const first = earlierSighting(container.portNames, field.value, location);
    if (first) {
        const message = `${fieldPath}.name: Duplicate value: "${field.value}" (container "${container.name}" already has a port of that name at line ${first.line}; names must be unique within a container)`;
        reportInvalid(ctx, location, field.value, message, object, 'port-name');
    }
    return field.value;
}
/**
 * validatePodHostNetworkDeps: with `hostNetwork: true` a regular container's hostPort must equal its
 * containerPort (0 is allowed in templates and defaulted to containerPort). Init containers are
 * not checked by the API server, so neither are they here.
 */
function checkHostNetworkMatch(containerPort, hostPort, container, ctx) {
    if (!container.pod.hostNetwork || container.kind !== 'container' || hostPort === null)
        return true;
    if (hostPort.value === containerPort.value)
        return true;
    const message = `hostPort ${hostPort.value} must match containerPort ${containerPort.value} when hostNetwork is true (the pod uses the node's network, so the container port is the host port)`;
    reportInvalid(ctx, hostPort.location, String(hostPort.value), message, container.pod.object);
    return false;
}
/**
 * With `hostNetwork: true` the v1 defaults (SetDefaults_PodSpec → defaultHostNetworkPorts) set an
 * unset hostPort to the containerPort, for containers and init containers: every declared port is
 * a port on the node. Its host-side location is then the `containerPort:` key.
 */
function buildBinding(parts) {
    const { container, containerPort, hostPort, ctx } = parts;
    const pod = container.pod;
    const hostSide = hostPort ?? (pod.hostNetwork ? containerPort : null);
    const binding = {
        format: 'kubernetes',
        location: locate(parts.portMap, ctx),
        containerPortLocation: containerPort.location,
        object: pod.object,
        container: container.name,
        containerKind: container.kind,
        hostIP: parts.hostIP,
        containerPort: { start: containerPort.value, end: containerPort.value },
        protocol: parts.protocol,
        hostNetwork: pod.hostNetwork,
        addedCapabilities: container.addedCapabilities,
        fieldPath: parts.fieldPath
    };
    if (hostSide) {
        binding.hostPort = { start: hostSide.value, end: hostSide.value };
        binding.hostPortLocation = hostSide.location;
    }
    if (parts.name !== undefined)
        binding.name = parts.name;
    if (pod.unprivilegedPortStart !== undefined)
        binding.unprivilegedPortStart = pod.unprivilegedPortStart;
    if (pod.replicas !== undefined)
        binding.replicas = pod.replicas;
    if (container.runsAs)
        binding.runsAs = container.runsAs;
    if (container.windows)
        binding.windows = true;
    return binding;
}

// Finding the pod specs of an object. The built-in workload kinds have fixed paths; any other
// object (Argo Rollouts, Knative Services, OpenKruise CloneSets, …) is walked generically through
// `spec` / `template` / `jobTemplate` down to a map with a `containers` list — the way Polaris finds
// pod specs, so custom resources are seen too.
/** What a port is for, in the inventory (src/inventory/build.ts). */
const PURPOSE_ANNOTATION = 'port-hygiene/purpose';
/** Built-in API groups whose workload kinds keep the pod template at a known path. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'extensions', 'batch']);
/** Paths from the object to its pod template (the map holding `metadata` and `spec`). */
const TEMPLATE_PATHS = {
    Pod: [],
    PodTemplate: ['template'],
    Deployment: ['spec', 'template'],
    StatefulSet: ['spec', 'template'],
    DaemonSet: ['spec', 'template'],
    ReplicaSet: ['spec', 'template'],
    ReplicationController: ['spec', 'template'],
    Job: ['spec', 'template'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template']
};
/**
 * Kinds that never hold a pod spec although they may mention container fields: a CRD's OpenAPI
 * schema declares `containers`/`hostPort` as *properties*, which must not read as values.
 */
const NEVER_POD_KINDS = new Set(['CustomResourceDefinition']);
const WALK_KEYS = ['spec', 'template', 'jobTemplate'];
const MAX_WALK_DEPTH = 8;
function apiGroupOf(apiVersion) {
    const slash = apiVersion.indexOf('/');
    return slash === -1 ? '' : apiVersion.slice(0, slash);
}
function extractPodSpecs(site, ctx) {
    if (NEVER_POD_KINDS.has(site.kind))
        return;
    const group = apiGroupOf(site.apiVersion);
    const ref = BUILT_IN_GROUPS.has(group) ? site.ref : { ...site.ref, apiGroup: group };
    for (const pod of findPodSites(site, ctx)) {
        const replicas = replicasOf(pod.owner ?? site.root, ctx);
        const hostNetwork = scalarValue(get(pod.podSpec, 'hostNetwork', ctx), ctx) === true;
        const location = locate(pod.template, ctx);
        const object = withTemplatePurpose(ref, pod.template, ctx);
        ctx.out.podTemplates.push({
            location,
            object,
            labels: stringMap(getIn(pod.template, ['metadata', 'labels'], ctx), ctx),
            hostNetwork
        });
        const facts = {
            object,
            hostNetwork,
            location,
            path: pod.path,
            user: userFields(asMap(get(pod.podSpec, 'securityContext', ctx), ctx), ctx),
            windows: isWindowsPod(pod.podSpec, ctx)
        };
        const unprivilegedPortStart = unprivilegedPortStartOf(pod.podSpec, ctx);
        if (unprivilegedPortStart !== undefined)
            facts.unprivilegedPortStart = unprivilegedPortStart;
        if (replicas !== undefined)
            facts.replicas = replicas;
        extractContainers(pod.podSpec, facts, ctx);
    }
}
/**
 * `port-hygiene/purpose` on the pod template (`spec.template.metadata.annotations`, where a
 * Deployment's annotations are usually written) counts when the object itself has none.
 */
function withTemplatePurpose(ref, template, ctx) {
    if (ref.purpose)
        return ref;
    const annotations = asMap(getIn(template, ['metadata', 'annotations'], ctx), ctx);
    const purpose = stringValue(get(annotations, PURPOSE_ANNOTATION, ctx), ctx)?.trim();
    return purpose ? { ...ref, purpose } : ref;
}
/**
 * An OLM ClusterServiceVersion carries the Deployments the operator installs at
 * `spec.install.spec.deployments[]` (`{name, spec}`, spec being a DeploymentSpec): their
 * templates are the pods the bundle's Services select. The generic walk does not reach them
 * (it follows maps, not lists), so they are read at their documented path.
 */
function csvPodSites(site, ctx) {
    const deployments = asSeq(getIn(site.root, ['spec', 'install', 'spec', 'deployments'], ctx), ctx);
    const found = [];
    deployments?.items.forEach((item, index) => {
        const owner = asMap(item, ctx);
        const template = asMap(getIn(owner, ['spec', 'template'], ctx), ctx);
        const podSpec = asMap(get(template, 'spec', ctx), ctx);
        if (owner && template && podSpec) {
            const path = `spec.install.spec.deployments[${index}].spec.template.spec`;
            found.push({ podSpec, template, path, owner });
        }
    });
    return found;
}
function findPodSites(site, ctx) {
    if (site.kind === 'ClusterServiceVersion' &&
        apiGroupOf(site.apiVersion) === 'operators.coreos.com') {
        return csvPodSites(site, ctx);
    }
    const path = BUILT_IN_GROUPS.has(apiGroupOf(site.apiVersion))
        ? TEMPLATE_PATHS[site.kind]
        : undefined;
    if (path) {
        const template = path.length === 0 ? site.root : asMap(getIn(site.root, path, ctx), ctx);
        const podSpec = asMap(get(template, 'spec', ctx), ctx);
        const podPath = [...path, 'spec'].join('.');
        return template && podSpec ? [{ podSpec, template, path: podPath }] : [];
    }
    const found = [];
    walkForPodSpecs(site.root, site.root, [], found, ctx);
    return found;
}
/**
 * Depth-first through the walk keys only. A map whose `containers` is a list is a pod spec; the
 * map above it (the template, or the object for a Pod-like resource) holds its labels.
 */
function walkForPodSpecs(map, parent, path, found, ctx) {
    if (path.length > MAX_WALK_DEPTH)
        return;
    if (path.length > 0 && isSeq(get(map, 'containers', ctx))) {
        found.push({ podSpec: map, template: parent, path: path.join('.') });
        return;
    }
    for (const key of WALK_KEYS) {
        const child = asMap(get(map, key, ctx), ctx);
        if (child && child !== map)
            walkForPodSpecs(child, map, [...path, key], found, ctx);
    }
}
/** `spec.replicas` when it is a plain integer (HPA-managed objects often leave it out). */
function replicasOf(root, ctx) {
    const value = scalarValue(getIn(root, ['spec', 'replicas'], ctx), ctx);
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
const UNPRIVILEGED_PORT_START = 'net.ipv4.ip_unprivileged_port_start';
/** Pod `securityContext.sysctls` entry net.ipv4.ip_unprivileged_port_start (a string in the API). */
function unprivilegedPortStartOf(podSpec, ctx) {
    const sysctls = getIn(podSpec, ['securityContext', 'sysctls'], ctx);
    if (!isSeq(sysctls))
        return undefined;
    for (const item of sysctls.items) {
        const sysctl = asMap(item, ctx);
        if (scalarValue(get(sysctl, 'name', ctx), ctx) !== UNPRIVILEGED_PORT_START)
            continue;
        const value = String(scalarValue(get(sysctl, 'value', ctx), ctx) ?? '').trim();
        if (/^\d+$/.test(value))
            return Number(value);
    }
    return undefined;
}

// Service `spec.ports[]` → ServicePort records, with the checks of ValidateService /
// validateServicePort (pkg/apis/core/validation/validation.go).
function extractService(site, ctx) {
    const spec = asMap(get(site.root, 'spec', ctx), ctx);
    if (!spec)
        return;
    const portsPair = getPair(spec, 'ports', ctx);
    const ports = asSeq(get(spec, 'ports', ctx), ctx);
    const selectorPair = getPair(spec, 'selector', ctx);
    const facts = {
        site,
        serviceType: stringValue(get(spec, 'type', ctx), ctx) || 'ClusterIP',
        clusterIP: stringValue(get(spec, 'clusterIP', ctx), ctx),
        selector: stringMap(get(spec, 'selector', ctx), ctx),
        selectorLocation: locateKey(selectorPair, ctx),
        portCount: ports?.items.length ?? 0,
        seenNames: new Map(),
        seenPorts: new Map(),
        seenNodePorts: new Map()
    };
    if (portsPair && !ports)
        checkPortsShape(portsPair, facts, ctx);
    if (portsPair && facts.portCount === 0)
        checkPortsRequired(spec, portsPair, facts, ctx);
    const first = ctx.out.services.length;
    throughAlias(ctx, portsPair?.value, () => {
        for (const [index, item] of (ports?.items ?? []).entries())
            throughAlias(ctx, item, () => {
                spend(ctx);
                extractServicePort(item, `spec.ports[${index}]`, facts, ctx);
            });
    });
    // A port that could not be read (a template placeholder, an invalid value) leaves the list
    // incomplete: rules that ask "does this Service have port X?" must not answer no.
    const records = ctx.out.services.slice(first);
    if (records.length < facts.portCount)
        for (const record of records)
            record.portsIncomplete = true;
}
/** `ports: {}` or `ports: 80` is a type error for the API server; null is read as "no ports". */
function checkPortsShape(portsPair, facts, ctx) {
    const node = resolve(portsPair.value, ctx);
    if (isNullish(node))
        return;
    const location = locateKey(portsPair, ctx);
    reportWrongShape(ctx, node, location, 'Service ports must be a list', facts.site.ref);
}
/**
 * `spec.ports` is required unless the Service is headless (`clusterIP: None`) or ExternalName.
 * Only an explicit empty or null `ports:` is reported: a partial Service without the key is
 * usually a kustomize patch, not a whole object.
 */
function checkPortsRequired(spec, portsPair, facts, ctx) {
    const clusterIP = stringValue(get(spec, 'clusterIP', ctx), ctx);
    if (clusterIP === 'None' || facts.serviceType === 'ExternalName')
        return;
    const value = portsPair.value;
    const node = asSeq(value, ctx) ?? (isScalar(value) && value.value === null ? value : undefined);
    if (!node)
        return;
    const location = locateKey(portsPair, ctx);
    const message = `a ${facts.serviceType} Service needs at least one port (spec.ports is empty)`;
    reportInvalid(ctx, location, rawText(node, ctx), message, facts.site.ref);
}
function extractServicePort(item, fieldPath, facts, ctx) {
    const object = facts.site.ref;
    const portMap = asMap(item, ctx);
    if (!portMap) {
        const message = 'each Service port must be a mapping with a port';
        reportWrongShape(ctx, item, locate(item, ctx), message, object);
        return;
    }
    const port = checkServicePortNumber(portMap, ctx, facts);
    const protocol = checkProtocolField(portMap, ctx, object);
    const name = checkServicePortName(portMap, fieldPath, facts, ctx);
    const targetPort = checkTargetPort(portMap, ctx, facts);
    const nodePort = checkNodePort(portMap, fieldPath, protocol, ctx, facts);
    // An invalid port or protocol: no record (the Service is rejected, and rules must not read a
    // garbage value). An invalid targetPort, nodePort or name is left out of an otherwise good record.
    if (!port || protocol === undefined)
        return;
    checkDuplicatePort(port, protocol, facts, ctx);
    const servicePort = {
        location: locate(portMap, ctx),
        object,
        serviceType: facts.serviceType,
        port: port.value,
        portLocation: port.location,
        // targetPort 0 / unset / "" is defaulted to `port` (SetDefaults_Service in core/v1/defaults.go).
        targetPort: targetPort?.value ?? port.value,
        protocol,
        selector: facts.selector,
        fieldPath
    };
    if (facts.selectorLocation)
        servicePort.selectorLocation = facts.selectorLocation;
    if (facts.clusterIP !== undefined)
        servicePort.clusterIP = facts.clusterIP;
    if (targetPort)
        servicePort.targetPortLocation = targetPort.location;
    if (nodePort) {
        servicePort.nodePort = nodePort.value;
        servicePort.nodePortLocation = nodePort.location;
    }
    if (name !== undefined)
        servicePort.name = name;
    ctx.out.services.push(servicePort);
}
/** `port` is required and must be 1–65535 (IsValidPortNum). */
function checkServicePortNumber(portMap, ctx, facts) {
    const object = facts.site.ref;
    const field = readIntField(portMap, 'port', ctx);
    if (field.state === 'absent') {
        reportInvalid(ctx, locate(portMap, ctx), '', 'Service port is required (1-65535)', object);
        return undefined;
    }
    return checkPortNumber(field, 'port', ctx, object);
}
/**
 * Service port names are DNS-1123 labels (not IANA names); they are required on every port when
 * the Service has more than one, and must be unique.
 */
function checkServicePortName(portMap, fieldPath, facts, ctx) {
    const object = facts.site.ref;
    const field = readStringField(portMap, 'name', ctx);
    if (field.state === 'placeholder')
        return undefined;
    if (field.state === 'absent' || (field.state === 'string' && field.value === '')) {
        if (facts.portCount > 1) {
            const message = `${fieldPath}.name: Required value (every port of a Service with more than one port needs a name)`;
            reportInvalid(ctx, locate(portMap, ctx), '', message, object, 'port-name');
        }
        return undefined;
    }
    const location = locateKey(field.pair, ctx);
    if (field.state === 'wrong-type') {
        reportInvalid(ctx, location, field.raw, `port ${field.message}`, object);
        return undefined;
    }
    const errors = dns1123LabelErrors(field.value);
    if (errors.length > 0) {
        const message = `${fieldPath}.name: Invalid value: "${field.value}": ${errors.join(', ')} (Service port names are DNS-1123 labels)`;
        reportInvalid(ctx, location, field.value, message, object, 'port-name');
        return undefined;
    }
    const first = earlierSighting(facts.seenNames, field.value, location);
    if (first) {
        const message = `${fieldPath}.name: Duplicate value: "${field.value}" (the same name is used at line ${first.line}; names must be unique within a Service)`;
        reportInvalid(ctx, location, field.value, message, object, 'port-name');
    }
    return field.value;
}
/**
 * targetPort (IntOrString): a number must be 1–65535, a string must be a valid IANA port name.
 * A quoted number ("8080") is a *string* to Kubernetes, so it is read as a port name and rejected.
 */
function checkTargetPort(portMap, ctx, facts) {
    const object = facts.site.ref;
    const field = readIntOrString(portMap, 'targetPort', ctx);
    if (field.state === 'absent' || field.state === 'placeholder')
        return undefined;
    const location = locateKey(field.pair, ctx);
    if (field.state === 'wrong-type') {
        reportInvalid(ctx, location, field.raw, field.message.replace('an integer', 'an integer or a port name'), object);
        return undefined;
    }
    if (field.state === 'int') {
        return field.value === 0 ? undefined : checkPortNumber(field, 'targetPort', ctx, object);
    }
    if (field.value === '')
        return undefined;
    const errors = portNameErrors(field.value);
    if (errors.length === 0)
        return { value: field.value, location };
    const message = /^\d+$/.test(field.value)
        ? `targetPort ${field.raw} is a string, so Kubernetes reads it as a port name, and a port name needs a letter; write the number without quotes`
        : `targetPort "${field.value}" is not a valid port name: ${errors.join('; ')}`;
    reportInvalid(ctx, location, field.value, message, object);
    return undefined;
}
/**
 * nodePort: 0 or unset lets the cluster allocate one; a set value must be a port number, and is
 * forbidden on a ClusterIP Service ("may not be used when `type` is 'ClusterIP'"). The cluster's
 * range (30000–32767 by default) is checked by the allocator and by the node-port-range rule.
 */
function checkNodePort(portMap, fieldPath, protocol, ctx, facts) {
    const object = facts.site.ref;
    const field = readIntField(portMap, 'nodePort', ctx);
    if (field.state === 'absent' || (field.state === 'int' && field.value === 0))
        return undefined;
    const nodePort = checkPortNumber(field, 'nodePort', ctx, object);
    if (!nodePort)
        return undefined;
    if (facts.serviceType === 'ClusterIP') {
        const headless = facts.clusterIP === 'None' ? ' (a headless Service is a ClusterIP Service)' : '';
        const message = `${fieldPath}.nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'${headless}; use type NodePort or LoadBalancer, or remove the nodePort`;
        reportInvalid(ctx, nodePort.location, String(nodePort.value), message, object, 'node-port-range');
        return undefined;
    }
    if (protocol !== undefined)
        checkDuplicateNodePort(nodePort, fieldPath, protocol, facts, ctx);
    return nodePort;
}
/** The API server keys Service ports on (protocol, port): 53/TCP and 53/UDP may coexist. */
function checkDuplicatePort(port, protocol, facts, ctx) {
    const first = earlierSighting(facts.seenPorts, `${protocol}/${port.value}`, port.location);
    if (!first)
        return;
    const message = `port ${port.value}/${protocol.toUpperCase()} is declared twice in this Service (first at line ${first.line})`;
    reportInvalid(ctx, port.location, String(port.value), message, facts.site.ref);
}
/** Inside one Service the API server keys nodePorts on (protocol, nodePort). */
function checkDuplicateNodePort(nodePort, fieldPath, protocol, facts, ctx) {
    const key = `${protocol}/${nodePort.value}`;
    const first = earlierSighting(facts.seenNodePorts, key, nodePort.location);
    if (!first)
        return;
    const message = `${fieldPath}.nodePort: Duplicate value: ${nodePort.value} (nodePort ${nodePort.value}/${protocol.toUpperCase()} is already used by this Service at line ${first.line})`;
    reportInvalid(ctx, nodePort.location, String(nodePort.value), message, facts.site.ref, 'duplicate-node-port');
}

/**
 * Every Service backend of an Ingress: `spec.defaultBackend` and `rules[].http.paths[].backend`
 * in networking.k8s.io/v1 (`service.name`, `service.port.number` | `service.port.name`), and
 * `spec.backend` / `backend.serviceName` + `servicePort` (a number or a name) in the v1beta1
 * APIs (extensions and networking.k8s.io). Resource backends name no Service and are skipped.
 */
function extractIngress(site, ctx) {
    const spec = asMap(get(site.root, 'spec', ctx), ctx);
    if (!spec)
        return;
    const backends = [];
    for (const key of ['defaultBackend', 'backend']) {
        const backend = asMap(get(spec, key, ctx), ctx);
        if (backend)
            backends.push(backend);
    }
    for (const rule of asSeq(get(spec, 'rules', ctx), ctx)?.items ?? []) {
        const paths = asSeq(getIn(asMap(rule, ctx), ['http', 'paths'], ctx), ctx);
        for (const path of paths?.items ?? []) {
            const backend = asMap(get(asMap(path, ctx), 'backend', ctx), ctx);
            if (backend)
                backends.push(backend);
        }
    }
    for (const backend of backends) {
        const read = readBackend(backend, ctx);
        if (read)
            ctx.out.ingressBackends.push({ object: site.ref, ...read });
    }
}
function readBackend(backend, ctx) {
    const service = asMap(get(backend, 'service', ctx), ctx);
    if (service) {
        const serviceName = stringValue(get(service, 'name', ctx), ctx);
        const port = asMap(get(service, 'port', ctx), ctx);
        for (const key of ['number', 'name']) {
            const read = portOf(port, key, ctx);
            if (serviceName && read)
                return { serviceName, ...read };
        }
        return undefined;
    }
    const serviceName = stringValue(get(backend, 'serviceName', ctx), ctx);
    const read = portOf(backend, 'servicePort', ctx);
    return serviceName && read ? { serviceName, ...read } : undefined;
}
function portOf(map, key, ctx) {
    if (!map)
        return undefined;
    const field = readIntOrString(map, key, ctx);
    if (field.state !== 'int' && field.state !== 'string')
        return undefined;
    if (field.state === 'string' && field.value === '')
        return undefined;
    return { port: field.value, location: locateKey(field.pair, ctx) };
}
function extractNetworkPolicy(site, ctx) {
    const spec = asMap(get(site.root, 'spec', ctx), ctx);
    const pair = getPair(spec, 'podSelector', ctx);
    // The API requires podSelector; a policy without one is not read (it selects nothing we know).
    if (!spec || !pair)
        return;
    ctx.out.networkPolicies.push({
        object: site.ref,
        location: locateKey(pair, ctx) ?? locate(site.root, ctx),
        podSelector: readLabelSelector(asMap(pair.value, ctx), ctx)
    });
}
/** `{}` or null selects every pod of the namespace. */
function readLabelSelector(map, ctx) {
    const selector = {
        matchLabels: stringMap(get(map, 'matchLabels', ctx), ctx),
        matchExpressions: []
    };
    for (const item of asSeq(get(map, 'matchExpressions', ctx), ctx)?.items ?? []) {
        const expression = asMap(item, ctx);
        const key = stringValue(get(expression, 'key', ctx), ctx);
        const operator = stringValue(get(expression, 'operator', ctx), ctx);
        if (!key || !operator)
            continue;
        const values = (asSeq(get(expression, 'values', ctx), ctx)?.items ?? [])
            .map((value) => stringValue(value, ctx))
            .filter((value) => value !== undefined);
        selector.matchExpressions.push({ key, operator, values });
    }
    return selector;
}

// Node's own modules that only some runs need, loaded the first time they are used rather than
// at start: `node:crypto` and `node:net` each load dozens of Node's internal modules, and a scan
// that reports nothing needs neither. Node's modules, not copies of them: this only decides when.
/** The module, loaded on the first call (`process.getBuiltinModule` is Node 20.16+; before it, require). */
function builtin(name) {
    const loaded = process.getBuiltinModule?.(name);
    return loaded ?? node_module.createRequire(require('node:url').pathToFileURL(__filename).href)(name);
}

// Compose port specs, parsed exactly as compose-go does it. Pure functions, no YAML here.
//
// Short syntax goes through compose-go `types.ParsePortConfig`, which calls docker/go-connections
// `nat.ParsePortSpecs`: split `ip:host:container/proto` on the LAST two colons (so bare IPv6
// hosts work), strip `[...]` around IPv6, validate the IP with `net.ParseIP`, parse both sides
// with `ParsePortRange`, and expand equal-length ranges into one mapping per port. A host range
// against a single container port stays ONE mapping whose published value is the range
// (`"80-82:8080"` → published "80-82", target 8080): the engine picks one free port from it.
// Long syntax is compose-go `transform/ports.go`: `published` may be a number, a string or a
// range; `mode` defaults to "ingress" and `protocol` to "tcp".
/**
 * Whether a host IP is an address as Go's `net.ParseIP` (which compose-go and go-connections use)
 * decides it. `node:net`'s `isIP` agrees on every form (dotted IPv4 without leading zeros, IPv6
 * in any RFC 4291 text form, IPv4-mapped and other dotted tails included) but one: it takes an
 * IPv6 zone (`fe80::1%eth0`), which `net.ParseIP` refuses, so Compose rejects the port.
 * `node:net` is loaded on the first host IP (src/builtin.ts): most files have none.
 */
function isHostIP(text) {
    return !text.includes('%') && builtin('node:net').isIP(text) !== 0;
}
/** The protocols the engine accepts (go-connections `validateProto`). */
const PROTOCOLS$1 = new Set(['tcp', 'udp', 'sctp']);
/**
 * Ranges longer than this are kept as one mapping with paired ranges instead of one mapping
 * per port: `"1-65535:1-65535"` would otherwise make 65,535 bindings out of one line.
 */
const MAX_EXPANDED_RANGE = 1024;
const DEFAULT_MODE = 'ingress';
/** go-connections `splitParts`: the container port is after the last colon, the host port before it, the IP is the rest. */
function splitParts(rawPort) {
    const parts = rawPort.split(':');
    const n = parts.length;
    const containerPort = parts[n - 1];
    if (n === 1)
        return { ip: '', hostPort: '', containerPort };
    if (n === 2)
        return { ip: '', hostPort: parts[0], containerPort };
    return { ip: parts.slice(0, n - 2).join(':'), hostPort: parts[n - 2], containerPort };
}
/** go-connections `SplitProtoPort`: no validation, no case change; a missing protocol is tcp. */
function splitProtoPort(rawPort) {
    const parts = rawPort.split('/');
    if (rawPort.length === 0 || parts[0].length === 0)
        return { port: '', proto: '' };
    if (parts.length === 1 || parts[1].length === 0)
        return { port: parts[0], proto: 'tcp' };
    return { port: parts[0], proto: parts[1] };
}
/**
 * go-connections `parsePortNumber`: Go `strconv.ParseInt(s, 10, 0)` (ASCII digits with an
 * optional sign, leading zeros allowed), then 0..65535.
 */
function parsePortNumber(text) {
    if (text === '')
        return { ok: false, error: 'value is empty' };
    if (!/^[+-]?\d+$/.test(text))
        return { ok: false, error: 'invalid syntax' };
    const value = Number(text);
    if (value < 0 || value > 65535)
        return { ok: false, error: 'value out of range (0–65535)' };
    return { ok: true, value: value + 0 };
}
/**
 * go-connections `ParsePortRange`: `"80"`, `"80-90"` (split at the first dash); the end may not
 * be below the start. Error texts are go-connections' own.
 */
function parsePortRange(text) {
    if (text === '')
        return { ok: false, error: 'empty string specified for ports' };
    const dash = text.indexOf('-');
    const startText = dash === -1 ? text : text.slice(0, dash);
    const start = parsePortNumber(startText);
    if (!start.ok)
        return { ok: false, error: `invalid start port '${startText}': ${start.error}` };
    if (dash === -1)
        return { ok: true, range: { start: start.value, end: start.value } };
    const endText = text.slice(dash + 1);
    const end = parsePortNumber(endText);
    if (!end.ok)
        return { ok: false, error: `invalid end port '${endText}': ${end.error}` };
    if (end.value < start.value)
        return { ok: false, error: `invalid port range: ${text}` };
    return { ok: true, range: { start: start.value, end: end.value } };
}
/** go-connections strips `[...]` with `net.SplitHostPort(ip + ":")`; anything else bracketed is invalid. */
function stripBrackets(ip) {
    if (!ip.startsWith('['))
        return ip;
    const inner = ip.slice(1, -1);
    if (!ip.endsWith(']') || inner.includes('[') || inner.includes(']'))
        return undefined;
    return inner;
}
function rangeLength(range) {
    return range.end - range.start;
}
/**
 * Short syntax (`"[ip:][host:]container[/proto]"`, or a bare integer written as a string).
 * Error texts are compose-go's (types_test.go `TestParsePortConfig`).
 */
function parseShortPortSpec(spec) {
    const parts = splitParts(spec);
    const { port: containerText, proto } = splitProtoPort(parts.containerPort);
    const ip = stripBrackets(parts.ip);
    if (ip === undefined)
        return { ok: false, error: `Invalid ip address: ${parts.ip}` };
    if (ip !== '' && !isHostIP(ip))
        return { ok: false, error: `Invalid ip address: ${ip}` };
    if (containerText === '')
        return { ok: false, error: `No port specified: ${spec}<empty>` };
    const target = parsePortRange(containerText);
    if (!target.ok)
        return { ok: false, error: `Invalid containerPort: ${containerText}` };
    let published;
    if (parts.hostPort !== '') {
        const host = parsePortRange(parts.hostPort);
        if (!host.ok)
            return { ok: false, error: `Invalid hostPort: ${parts.hostPort}` };
        published = host.range;
    }
    // go-connections: a host range may differ in length only when the container side is one port.
    if (published &&
        rangeLength(published) !== rangeLength(target.range) &&
        rangeLength(target.range) !== 0) {
        return {
            ok: false,
            error: `Invalid ranges specified for container and host Ports: ${containerText} and ${parts.hostPort}`
        };
    }
    const protocol = proto.toLowerCase();
    if (!PROTOCOLS$1.has(protocol))
        return { ok: false, error: `Invalid proto: ${proto}` };
    return { ok: true, mappings: expandMappings(ip, published, target.range, protocol) };
}
/** One mapping per container port, as go-connections does; see MAX_EXPANDED_RANGE for the cap. */
function expandMappings(hostIP, published, target, protocol) {
    const count = target.end - target.start + 1;
    if (count === 1 || count > MAX_EXPANDED_RANGE) {
        return [{ hostIP, ...(published ? { published } : {}), target, protocol, mode: DEFAULT_MODE }];
    }
    const mappings = [];
    for (let offset = 0; offset < count; offset++) {
        const port = target.start + offset;
        const host = published ? published.start + offset : undefined;
        mappings.push({
            hostIP,
            ...(host === undefined ? {} : { published: { start: host, end: host } }),
            target: { start: port, end: port },
            protocol,
            mode: DEFAULT_MODE
        });
    }
    return mappings;
}

/** `kind cluster "dev" (node control-plane)`: see describeObject in model.ts. */
function devClusterRef(tool, cluster, nodes, file) {
    return {
        format: 'compose',
        // Prefixed so that a cluster never shares an identity with a Compose project of its name.
        project: `${tool}:${cluster}`,
        service: nodes,
        projectFile: file,
        devCluster: { tool, cluster }
    };
}
function devClusterBinding(parts) {
    const binding = {
        format: 'compose',
        location: parts.location,
        hostPortLocation: parts.hostPortLocation,
        object: parts.object,
        container: parts.object.service,
        containerKind: 'container',
        hostIP: parts.hostIP,
        hostPort: parts.hostPort,
        protocol: parts.protocol,
        hostNetwork: false,
        addedCapabilities: []
    };
    if (parts.containerPortLocation)
        binding.containerPortLocation = parts.containerPortLocation;
    if (parts.containerPort)
        binding.containerPort = parts.containerPort;
    if (parts.raw !== undefined)
        binding.raw = parts.raw;
    return binding;
}
function reportDevClusterInvalid(ctx, object, location, value, message) {
    ctx.out.invalidPorts.push({ location, value, message, object });
}

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const DEFAULT_NAME$1 = 'kind';
function isKindCluster(site) {
    return site.kind === 'Cluster' && site.apiVersion.startsWith('kind.x-k8s.io/');
}
function extractKindCluster(site, ctx) {
    const { root } = site;
    const cluster = stringValue(get(root, 'name', ctx), ctx) || DEFAULT_NAME$1;
    const file = ctx.file;
    const nodes = asSeq(get(root, 'nodes', ctx), ctx)?.items ?? [];
    const roles = nodes.map((node) => stringValue(get(asMap(node, ctx), 'role', ctx), ctx) || 'control-plane');
    nodes.forEach((node, index) => {
        const role = roles[index];
        const sameRole = roles.filter((each) => each === role).length;
        const ordinal = roles.slice(0, index + 1).filter((each) => each === role).length;
        const label = sameRole > 1 ? `node ${role} ${ordinal}` : `node ${role}`;
        const object = devClusterRef('kind', cluster, label, file);
        const mappings = asSeq(get(asMap(node, ctx), 'extraPortMappings', ctx), ctx)?.items ?? [];
        for (const mapping of mappings) {
            const map = asMap(mapping, ctx);
            if (map)
                readMapping(map, object, ctx);
        }
    });
    readApiServer(root, cluster, ctx);
}
function readMapping(map, object, ctx) {
    const hostPort = readPort$1(map, 'hostPort', object, ctx);
    const containerPort = readPort$1(map, 'containerPort', object, ctx);
    const protocol = readProtocol(map, object, ctx);
    const hostIP = readAddress(map, 'listenAddress', object, ctx);
    if (!hostPort || hostPort.value === 0 || protocol === undefined || hostIP === undefined)
        return;
    ctx.out.bindings.push(devClusterBinding({
        object,
        location: locate(map, ctx),
        hostPortLocation: hostPort.location,
        ...(containerPort && containerPort.value > 0
            ? {
                containerPort: { start: containerPort.value, end: containerPort.value },
                containerPortLocation: containerPort.location
            }
            : {}),
        hostIP,
        hostPort: { start: hostPort.value, end: hostPort.value },
        protocol
    }));
}
/** `networking.apiServerPort` on `apiServerAddress` (default 127.0.0.1). */
function readApiServer(root, cluster, ctx) {
    const networking = asMap(get(root, 'networking', ctx), ctx);
    if (!networking)
        return;
    const object = devClusterRef('kind', cluster, 'API server', ctx.file);
    const port = readPort$1(networking, 'apiServerPort', object, ctx);
    const address = readAddress(networking, 'apiServerAddress', object, ctx);
    if (!port || port.value <= 0 || address === undefined)
        return;
    ctx.out.bindings.push(devClusterBinding({
        object,
        location: port.location,
        hostPortLocation: port.location,
        hostIP: address === '' ? '127.0.0.1' : address,
        hostPort: { start: port.value, end: port.value },
        protocol: 'tcp'
    }));
}
/** An int port; 0 is kind's "pick one" (and -1 for apiServerPort); others outside 1-65535 are invalid. */
function readPort$1(map, key, object, ctx) {
    const field = readIntField(map, key, ctx);
    if (field.state === 'absent' || field.state === 'placeholder')
        return undefined;
    const location = locateKey(field.pair, ctx);
    if (field.state === 'wrong-type') {
        reportDevClusterInvalid(ctx, object, location, field.raw, field.message);
        return undefined;
    }
    if (field.value > 65535 || field.value < -1) {
        const message = `${key} ${field.value} is not a valid port: kind needs 0 (any free port) or 1-65535`;
        reportDevClusterInvalid(ctx, object, location, String(field.value), message);
        return undefined;
    }
    return { value: field.value, location };
}
function readProtocol(map, object, ctx) {
    const pair = getPair(map, 'protocol', ctx);
    const text = stringValue(pair?.value, ctx);
    if (!pair || !text)
        return 'tcp';
    const protocol = text.toLowerCase();
    if (PROTOCOLS.has(protocol))
        return protocol;
    const message = `protocol ${text} is not one kind knows: TCP, UDP or SCTP`;
    reportDevClusterInvalid(ctx, object, locateKey(pair, ctx), text, message);
    return undefined;
}
/** '' when unset; undefined when it is not an IP address (reported). */
function readAddress(map, key, object, ctx) {
    const pair = getPair(map, key, ctx);
    const text = stringValue(pair?.value, ctx)?.trim();
    if (!pair || !text)
        return '';
    const address = text.replace(/^\[(.*)\]$/, '$1');
    if (isHostIP(address))
        return address;
    const message = `${key} ${text} is not an IP address`;
    reportDevClusterInvalid(ctx, object, locateKey(pair, ctx), text, message);
    return undefined;
}

const DEFAULT_NAME = 'k3s-default';
function isK3dSimple(site) {
    return site.kind === 'Simple' && site.apiVersion.startsWith('k3d.io/');
}
function extractK3dSimple(site, ctx) {
    const { root } = site;
    // v1alpha4 and later: metadata.name; earlier: name at the top.
    const cluster = stringValue(get(asMap(get(root, 'metadata', ctx), ctx), 'name', ctx), ctx) ||
        stringValue(get(root, 'name', ctx), ctx) ||
        DEFAULT_NAME;
    for (const item of asSeq(get(root, 'ports', ctx), ctx)?.items ?? []) {
        const map = asMap(item, ctx);
        if (map)
            readPort(map, cluster, ctx);
    }
    readKubeApi(root, cluster, ctx);
}
function readPort(map, cluster, ctx) {
    const pair = getPair(map, 'port', ctx);
    const spec = stringValue(pair?.value, ctx)?.trim();
    if (!pair || !spec)
        return;
    const filters = (asSeq(get(map, 'nodeFilters', ctx), ctx)?.items ?? [])
        .map((node) => stringValue(node, ctx))
        .filter((filter) => Boolean(filter));
    const nodes = `nodes ${filters.length > 0 ? filters.join(', ') : 'loadbalancer'}`;
    const object = devClusterRef('k3d', cluster, nodes, ctx.file);
    const location = locate(pair.value, ctx);
    // The CLI form `8080:80@loadbalancer` is accepted in the file too: the filter is not a port.
    const parsed = parseShortPortSpec(spec.replace(/@[^@]*$/, ''));
    if (!parsed.ok) {
        reportDevClusterInvalid(ctx, object, location, spec, `port "${spec}": ${parsed.error}`);
        return;
    }
    for (const mapping of parsed.mappings) {
        if (!mapping.published || mapping.published.start === 0)
            continue;
        ctx.out.bindings.push(devClusterBinding({
            object,
            location,
            hostPortLocation: location,
            containerPortLocation: location,
            hostIP: mapping.hostIP,
            hostPort: mapping.published,
            containerPort: mapping.target,
            protocol: mapping.protocol,
            raw: spec
        }));
    }
}
/** `kubeAPI: { hostIP, hostPort: "6445" }`; k3d's default host IP is 0.0.0.0. */
function readKubeApi(root, cluster, ctx) {
    const kubeApi = asMap(get(root, 'kubeAPI', ctx), ctx);
    const pair = getPair(kubeApi, 'hostPort', ctx);
    const text = stringValue(pair?.value, ctx)?.trim();
    if (!pair || !text)
        return;
    const object = devClusterRef('k3d', cluster, 'API server', ctx.file);
    const location = locateKey(pair, ctx);
    const port = parsePortNumber(text);
    if (!port.ok || port.value === 0) {
        if (!port.ok)
            reportDevClusterInvalid(ctx, object, location, text, `kubeAPI.hostPort "${text}": ${port.error}`);
        return;
    }
    const ipPair = getPair(kubeApi, 'hostIP', ctx);
    const hostIP = stringValue(ipPair?.value, ctx)?.trim() ?? '';
    if (hostIP !== '' && !isHostIP(hostIP)) {
        const message = `kubeAPI.hostIP ${hostIP} is not an IP address`;
        reportDevClusterInvalid(ctx, object, locateKey(ipPair, ctx), hostIP, message);
        return;
    }
    ctx.out.bindings.push(devClusterBinding({
        object,
        location,
        hostPortLocation: location,
        hostIP,
        hostPort: { start: port.value, end: port.value },
        protocol: 'tcp'
    }));
}

/** Reads the object as a dev-cluster config when it is one; false = not one (read it as Kubernetes). */
function extractDevCluster(site, ctx) {
    if (isKindCluster(site)) {
        extractKindCluster(site, ctx);
        return true;
    }
    if (isK3dSimple(site)) {
        extractK3dSimple(site, ctx);
        return true;
    }
    return false;
}

const IGNORE_ANNOTATION = 'port-hygiene/ignore';
/** `port-range` is the documented key; the prefixed form is accepted for teams that namespace their annotations. */
const PORT_RANGE_ANNOTATIONS = ['port-range', 'port-hygiene/port-range'];
/** `List` and `<Kind>List` (what `kubectl get -o yaml` writes) nest objects one level down. */
const MAX_LIST_DEPTH = 4;
/** Reads a top-level map as a Kubernetes object; not one (no apiVersion or kind) → ignored. */
function extractObject(root, ctx, listDepth = 0) {
    const apiVersion = stringValue(get(root, 'apiVersion', ctx), ctx);
    const kind = stringValue(get(root, 'kind', ctx), ctx);
    if (!apiVersion || !kind)
        return;
    spend(ctx);
    const site = { root, apiVersion, kind, ref: objectRef(root, kind, ctx) };
    if (isList(site, ctx)) {
        if (listDepth >= MAX_LIST_DEPTH)
            return;
        throughAlias(ctx, getPair(root, 'items', ctx)?.value, () => {
            for (const item of asSeq(get(root, 'items', ctx), ctx)?.items ?? []) {
                const itemMap = asMap(item, ctx);
                if (itemMap)
                    throughAlias(ctx, item, () => extractObject(itemMap, ctx, listDepth + 1));
            }
        });
        return;
    }
    // Core kinds live in the core group (`apiVersion: v1`); Knative's `serving.knative.dev/v1`
    // Service is a workload, read for its pod template like any other custom resource.
    const core = apiGroupOf(apiVersion) === '';
    if (core && kind === 'Service')
        return extractService(site, ctx);
    if (core && kind === 'Namespace')
        return extractNamespace(site, ctx);
    const group = apiGroupOf(apiVersion);
    const networking = group === 'networking.k8s.io' || group === 'extensions';
    if (networking && kind === 'Ingress')
        return extractIngress(site, ctx);
    if (group === 'networking.k8s.io' && kind === 'NetworkPolicy') {
        return extractNetworkPolicy(site, ctx);
    }
    // kind and k3d configs have apiVersion and kind but bind ports on the developer machine.
    if (extractDevCluster(site, ctx))
        return;
    extractPodSpecs(site, ctx);
}
function isList(site, ctx) {
    return ((site.kind === 'List' || site.kind.endsWith('List')) &&
        asSeq(get(site.root, 'items', ctx), ctx) !== undefined);
}
function objectRef(root, kind, ctx) {
    const metadata = asMap(get(root, 'metadata', ctx), ctx);
    const name = stringValue(get(metadata, 'name', ctx), ctx) ??
        stringValue(get(metadata, 'generateName', ctx), ctx) ??
        '';
    const ref = {
        format: 'kubernetes',
        kind,
        namespace: stringValue(get(metadata, 'namespace', ctx), ctx) ?? '',
        name
    };
    if (ctx.helmSource)
        ref.helmSource = ctx.helmSource;
    const ignore = ignoreAnnotation(metadata, ctx);
    if (ignore)
        ref.ignore = ignore;
    const purpose = stringValue(get(asMap(get(metadata, 'annotations', ctx), ctx), PURPOSE_ANNOTATION, ctx), ctx);
    if (purpose?.trim())
        ref.purpose = purpose.trim();
    return ref;
}
/** `port-hygiene/ignore: "privileged-port, duplicate-host-port: ingress needs 443"`. */
function ignoreAnnotation(metadata, ctx) {
    const annotations = asMap(get(metadata, 'annotations', ctx), ctx);
    const pair = getPair(annotations, IGNORE_ANNOTATION, ctx);
    const text = stringValue(pair?.value, ctx);
    if (!pair || text === undefined)
        return undefined;
    return { location: locateKey(pair, ctx), ...parseSuppressionText(text) };
}
function extractNamespace(site, ctx) {
    const metadata = asMap(get(site.root, 'metadata', ctx), ctx);
    const nameNode = get(metadata, 'name', ctx);
    const annotations = asMap(get(metadata, 'annotations', ctx), ctx);
    const namespace = {
        name: site.ref.name,
        location: locate(nameNode ?? site.root, ctx),
        annotations: stringMap(annotations, ctx)
    };
    for (const key of PORT_RANGE_ANNOTATIONS) {
        const pair = getPair(annotations, key, ctx);
        const text = stringValue(pair?.value, ctx);
        if (!pair || text === undefined)
            continue;
        const range = parsePortRangeAnnotation(text);
        const location = locate(pair.value, ctx);
        if (range) {
            ctx.out.namespaces.push({ ...namespace, portRange: { ...range, location } });
            return;
        }
        const message = `${key} annotation "${text}" is not a port range: write "<min>-<max>" with ports 1-65535, e.g. "30000-30999"`;
        reportInvalid(ctx, location, text, message, site.ref);
    }
    ctx.out.namespaces.push(namespace);
}

// The Kubernetes loader: every document of a file → port bindings, Service ports, pod templates,
// Namespaces, and the values the API server would reject. The parts live in ./kubernetes/.
function extractKubernetes(parsed, expansionBudget = DEFAULT_LIMITS.expansionBudget) {
    const out = emptyExtraction();
    const limitsExceeded = [];
    const budget = { remaining: expansionBudget, aliased: 0 };
    for (const parsedDocument of parsed.documents) {
        const { document, line } = parsedDocument;
        const { helmSource, helmSourceTooLong } = parsedDocument;
        if (helmSourceTooLong !== undefined) {
            limitsExceeded.push({
                location: { file: parsed.file, line, column: 1 },
                limit: 'helm-source-length',
                message: `The \`# Source:\` comment above this document names a template of ${helmSourceTooLong} ` +
                    `characters, more than ${MAX_HELM_SOURCE_LENGTH}: no template is linked to its findings.`
            });
        }
        const ctx = {
            file: parsed.file,
            document,
            lineCounter: parsed.lineCounter,
            // Offsets point into the text that was parsed (after a lenient repair, not the file's).
            text: parsed.parsedText ?? parsed.text,
            out,
            budget,
            ...(helmSource ? { helmSource } : {})
        };
        try {
            if (isMap(document.contents))
                extractObject(document.contents, ctx);
        }
        catch (error) {
            if (error instanceof ExpansionBudgetExceeded) {
                // What was read before the budget ran out is kept; the rest of the file is not read.
                limitsExceeded.push({
                    location: { file: parsed.file, line, column: 1 },
                    limit: 'expansion-budget',
                    message: `Its aliases expand into more than ${expansionBudget} objects, containers and ports ` +
                        '(each use of an alias counts): the rest of this file was not checked.'
                });
                break;
            }
            // A shape nothing here foresaw must cost one document, never the scan. Reported as a
            // parse-level failure so that it is seen and can be fixed, not silently dropped.
            out.parseErrors.push({
                location: { file: parsed.file, line, column: 1 },
                message: `could not read this Kubernetes document: ${error.message}`
            });
        }
    }
    return { ...out, limitsExceeded };
}

// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNUSUAL = /[\t\uFEFF\0-\x08\x0B\x0C\x0E-\x1F]/;
/** Plain keys YAML's core schema may resolve to a number, a boolean or null. */
const NOT_A_STRING = /^(?:[-+.\d]|~$|null$|Null$|NULL$|true$|True$|TRUE$|false$|False$|FALSE$)/;
/**
 * The duplicate keys of the block maps of one document's text. `firstLine` is the document's
 * first line in its file (1-based).
 */
function duplicateKeysByLine(file, chunk, firstLine) {
    if (UNUSUAL.test(chunk))
        return [];
    const found = [];
    const stack = [];
    /** Lines indented deeper than this belong to the scalar value above. */
    let valueIndent;
    const lines = chunk.split('\n');
    for (let index = 0; index < lines.length; index++) {
        const raw = lines[index];
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        const indent = line.length - line.trimStart().length;
        if (indent === line.length || line[indent] === '#')
            continue;
        if (valueIndent !== undefined) {
            if (indent > valueIndent)
                continue;
            valueIndent = undefined;
        }
        if (indent === 0 && /^(?:---|\.\.\.)(?=\s|$)/.test(line)) {
            if (!/^(?:---|\.\.\.)\s*(?:#.*)?$/.test(line))
                return [];
            continue;
        }
        if (line[0] === '%')
            return [];
        while (stack.length > 0 && stack[stack.length - 1].indent > indent)
            stack.pop();
        if (line[indent] === '-' && (line[indent + 1] === ' ' || line.length === indent + 1)) {
            // A sequence item, perhaps of a sequence at its key's own indentation (`ports:` / `- a`).
            let top = stack[stack.length - 1];
            if (top?.kind !== 'seq' || top.indent !== indent) {
                top = { kind: 'seq', indent, keys: new Map() };
                stack.push(top);
            }
            let column = indent + 1;
            while (line[column] === ' ')
                column++;
            if (column >= line.length || line[column] === '#')
                continue; // the item's node is below
            if (line[column] === '-' && (line[column + 1] === ' ' || line.length === column + 1)) {
                return [];
            }
            const entry = keyAt(line, column);
            if (entry === 'unsure')
                return [];
            if (entry === undefined) {
                valueIndent = indent; // a scalar or flow item
                continue;
            }
            // `- key: value` opens a map whose keys stand at the key's column.
            const map = { kind: 'map', indent: column, keys: new Map() };
            stack.push(map);
            valueIndent = addKey(map, entry, index, column, found, file, firstLine);
            continue;
        }
        const top = stack[stack.length - 1];
        if (top?.kind === 'seq' && top.indent === indent)
            stack.pop();
        const entry = keyAt(line, indent);
        if (entry === undefined || entry === 'unsure')
            return [];
        let map = stack[stack.length - 1];
        if (map?.kind !== 'map' || map.indent !== indent) {
            map = { kind: 'map', indent, keys: new Map() };
            stack.push(map);
        }
        valueIndent = addKey(map, entry, index, indent, found, file, firstLine);
    }
    return found;
}
/** Records a key of `map`; returns the indentation below which lines belong to its value. */
function addKey(map, entry, index, column, found, file, firstLine) {
    const line = firstLine + index;
    if (entry.name !== undefined) {
        const first = map.keys.get(entry.name);
        if (first) {
            found.push({
                location: { file, line, column: column + 1 },
                key: entry.name,
                first: { file, ...first }
            });
        }
        else {
            map.keys.set(entry.name, { line, column: column + 1 });
        }
    }
    return entry.inlineValue ? map.indent : undefined;
}
/**
 * The key of a `key: value` line starting at `pos`: undefined when the line holds no key (a
 * scalar item), `unsure` when it may hold one this check does not read.
 */
function keyAt(line, pos) {
    const ch = line[pos];
    let name;
    let end;
    if (ch === '"' || ch === "'") {
        const close = line.indexOf(ch, pos + 1);
        if (close === -1)
            return 'unsure';
        name = line.slice(pos + 1, close);
        if (ch === '"' && name.includes('\\'))
            return 'unsure';
        if (ch === "'" && line[close + 1] === "'")
            return 'unsure';
        end = close + 1;
        while (line[end] === ' ')
            end++;
        if (line[end] !== ':')
            return keyAfterScalar(line, end);
        if (end + 1 < line.length && line[end + 1] !== ' ')
            return 'unsure';
    }
    else {
        if ('?&*!|>%@`{['.includes(ch)) {
            // A flow collection or a block scalar item is a value; the rest may be a key's decoration.
            return ch === '{' || ch === '[' || ch === '|' || ch === '>' ? undefined : 'unsure';
        }
        if (ch === '}' || ch === ']' || ch === ',')
            return 'unsure';
        end = colonOf(line, pos);
        if (end === -1)
            return undefined; // a plain scalar item
        name = line.slice(pos, end).trimEnd();
        if (name === '')
            return 'unsure';
        if (name === '<<')
            return { name: undefined, inlineValue: hasValue(line, end + 1) };
        if (NOT_A_STRING.test(name) || /["'#]/.test(name))
            return 'unsure';
    }
    return { name, inlineValue: hasValue(line, end + 1) };
}
/** A quoted scalar not followed by `:` is a value (an item); anything else after it is unclear. */
function keyAfterScalar(line, end) {
    return end >= line.length || line[end] === '#' ? undefined : 'unsure';
}
/** The `:` that ends a plain key (followed by a space or the line's end), -1 without one. */
function colonOf(line, pos) {
    for (let i = pos; i < line.length; i++) {
        const ch = line[i];
        if (ch === ':' && (i + 1 === line.length || line[i + 1] === ' '))
            return i;
        if (ch === '#' && line[i - 1] === ' ')
            return -1;
    }
    return -1;
}
/**
 * Whether the key's value is on its line. Anchors and tags alone (`spec: &base`) announce a node
 * below, like nothing at all; a block scalar header is a value whose lines follow.
 */
function hasValue(line, from) {
    const rest = line.slice(from).trim();
    if (rest === '' || rest.startsWith('#'))
        return false;
    return !/^(?:[&!]\S*\s*)+(?:#.*)?$/.test(rest);
}

// A line-by-line check that a document left out by the pre-filter has no unclosed quote and no
// unbalanced flow bracket, so that most left-out documents need not be lexed at all.
//
// It is one-sided: `true` means the `yaml` Lexer cannot find such an error in the text (no quoted
// scalar runs past its line, every flow collection closes on its line); `false` means "not sure",
// and the caller lexes the document as before. It follows the Lexer's own rules for where a node
// (and so a quote or a bracket) can start — after indentation, `- `, `: `, and inside flow
// collections after `[`, `{` and `,` — and gives up on everything else: tabs, anchors, tags,
// aliases, directives, explicit keys, flow collections over several lines, quoted scalars over
// several lines, block scalars with an indentation indicator, and any special character on a line
// that may continue a multi-line plain scalar. The property test
// (__tests__/parse/quote-check.test.ts) checks the one direction against the Lexer.
const FLOW_INDICATORS = new Set([',', '[', ']', '{', '}']);
/** Characters that may change how a line that continues a plain scalar is lexed. */
const SPECIAL = /["'[\]{}|>&*!%@`?]/;
const isEmpty = (ch) => ch === undefined || ch === ' ' || ch === '\n' || ch === '\r';
function surelyWellQuoted(chunk) {
    // Tabs (indentation and separation), BOMs and other controls change too many rules.
    if (hasUnusualCharacter(chunk))
        return false;
    const lines = chunk.split('\n');
    let continuesFrom;
    let blockFrom;
    let blockContent;
    for (let index = 0; index < lines.length; index++) {
        const line = lines[index].endsWith('\r') ? lines[index].slice(0, -1) : lines[index];
        const indent = line.length - line.trimStart().length;
        const blank = indent === line.length;
        // A document marker after the first line starts another document, whatever came before (a
        // block scalar, a plain continuation): the Lexer reads what follows it as new content. The
        // pre-filter's pieces never hold one (documents.ts cuts before each); anything else is not
        // sure. (`- name: ` then `--- }`: read as a plain continuation, it is a stray `}` to the Lexer.)
        if (index > 0 && /^(?:---|\.\.\.)(?=[ \r]|$)/.test(line))
            return false;
        if (blockFrom !== undefined) {
            // Block scalar content: blank lines, and lines indented as much as its first content line.
            if (blank)
                continue;
            if (blockContent === undefined && indent >= blockFrom)
                blockContent = indent;
            if (blockContent !== undefined && indent >= blockContent)
                continue;
            blockFrom = blockContent = undefined;
        }
        if (blank)
            continue;
        if (continuesFrom !== undefined && indent >= continuesFrom) {
            // Perhaps more of the plain scalar above (the Lexer reads it as text up to `: ` or ` #`).
            if (line[indent] === '#') {
                continuesFrom = undefined;
                continue;
            }
            if (SPECIAL.test(line))
                return false;
            // The Lexer may read this line as a line of its own instead, whose plain scalar may be
            // continued from a smaller indentation: keep the smaller of the two.
            const own = checkLine(line, indent)?.plainContinuesFrom;
            if (own !== undefined)
                continuesFrom = Math.min(continuesFrom, own);
            continue;
        }
        if (index === 0 && /^(?:---|\.\.\.)(?=\s|$)/.test(line)) {
            if (!/^(?:---|\.\.\.)\s*(?:#.*)?$/.test(line))
                return false;
            continue;
        }
        if (line[0] === '%')
            return false;
        const state = checkLine(line, indent);
        if (state === undefined)
            return false;
        continuesFrom = state.plainContinuesFrom;
        blockFrom = state.blockScalarFrom;
    }
    return true;
}
/** A tab, a BOM or a control character other than a line break. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNUSUAL_CHARACTER = /[\t\uFEFF\0-\x08\x0B\x0C\x0E-\x1F]/;
const hasUnusualCharacter = (chunk) => UNUSUAL_CHARACTER.test(chunk);
/** One line outside block scalars and plain continuations; undefined = not sure. */
function checkLine(line, indent) {
    let pos = indent;
    let lastDash;
    while (line[pos] === '-' && isEmpty(line[pos + 1])) {
        lastDash = pos;
        pos = skipSpaces(line, pos + 1);
    }
    const content = pos;
    let afterColon = false;
    // Nodes of the line, left to right: a key and its value, or `a: b: c` (an error, still lexed).
    while (true) {
        pos = skipSpaces(line, pos);
        const ch = line[pos];
        if (ch === undefined || ch === '#')
            return {};
        if (ch === '"' || ch === "'") {
            const end = closingQuote(line, pos);
            if (end === -1)
                return undefined;
            pos = skipSpaces(line, end + 1);
        }
        else if (ch === '[' || ch === '{') {
            const end = flowEnd(line, pos);
            if (end === -1)
                return undefined;
            pos = skipSpaces(line, end);
        }
        else if (ch === '|' || ch === '>') {
            // The Lexer's content indentation: one more than the line's (after `- `) once a `: ` came,
            // else one more than the last `- `.
            const from = afterColon ? content + 1 : lastDash !== undefined ? lastDash + 1 : undefined;
            if (from === undefined || !/^[|>][+-]?[ ]*(?:#.*)?$/.test(line.slice(pos)))
                return undefined;
            return { blockScalarFrom: from };
        }
        else if (ch === ']' || ch === '}') {
            return undefined; // a stray bracket: the Lexer sees a flow end
        }
        else if (ch === '-' || ch === '?' || ch === ':') {
            if (isEmpty(line[pos + 1]))
                return undefined;
            pos = plainEnd(line, pos);
            if (pos === line.length)
                return plainState(afterColon, content, lastDash);
            if (line[pos] !== ':')
                return {};
        }
        else if (ch === '&' || ch === '*' || ch === '!' || ch === '@' || ch === '`' || ch === ',') {
            return undefined;
        }
        else {
            pos = plainEnd(line, pos);
            if (pos === line.length)
                return plainState(afterColon, content, lastDash);
            if (line[pos] !== ':')
                return {};
        }
        // After a node: the line ends, a comment, or `: ` and the next node.
        if (pos >= line.length || line[pos] === '#')
            return {};
        if (line[pos] !== ':' || !isEmpty(line[pos + 1]))
            return undefined;
        afterColon = true;
        pos++;
    }
}
/** Where the next lines may continue the plain scalar that ends this line. */
function plainState(afterColon, content, lastDash) {
    if (afterColon)
        return { plainContinuesFrom: content + 1 };
    if (lastDash !== undefined)
        return { plainContinuesFrom: lastDash + 1 };
    return { plainContinuesFrom: 0 };
}
function skipSpaces(line, pos) {
    while (line[pos] === ' ')
        pos++;
    return pos;
}
/**
 * The end of a plain scalar in block context, as the Lexer finds it: at `:` before a space or the
 * end of the line (the index of the `:`), at a space before `#` (the index of the `#`), or at the
 * end of the line.
 */
function plainEnd(line, pos) {
    for (let i = pos; i < line.length; i++) {
        const ch = line[i];
        if (ch === ':' && isEmpty(line[i + 1]))
            return i;
        if (ch === ' ' && line[i + 1] === '#')
            return i + 1;
    }
    return line.length;
}
/** The index of the quote that closes the one at `pos` on this line, or -1. */
function closingQuote(line, pos) {
    const quote = line[pos];
    let end = line.indexOf(quote, pos + 1);
    if (quote === "'") {
        while (end !== -1 && line[end + 1] === "'")
            end = line.indexOf("'", end + 2);
        return end;
    }
    while (end !== -1) {
        let backslashes = 0;
        while (line[end - 1 - backslashes] === '\\')
            backslashes++;
        if (backslashes % 2 === 0)
            return end;
        end = line.indexOf('"', end + 1);
    }
    return -1;
}
/** The index after the bracket that closes the flow collection opened at `pos`, or -1. */
function flowEnd(line, pos) {
    let depth = 0;
    let flowKey = false;
    let i = pos;
    while (i < line.length) {
        i = skipSpaces(line, i);
        while (line[i] === ',') {
            i = skipSpaces(line, i + 1);
            flowKey = false;
        }
        // Indicators: `-`, `?`, `:` before a space, the end, or a flow indicator.
        while ((line[i] === ':' || line[i] === '?' || line[i] === '-') && endsIndicator(line[i + 1])) {
            flowKey = false;
            i = skipSpaces(line, i + 1);
        }
        const ch = line[i];
        if (ch === undefined || ch === '#')
            return -1;
        if (ch === '[' || ch === '{') {
            depth++;
            flowKey = false;
            i++;
        }
        else if (ch === ']' || ch === '}') {
            depth--;
            flowKey = true;
            i++;
            if (depth === 0)
                return i;
        }
        else if (ch === '"' || ch === "'") {
            const end = closingQuote(line, i);
            if (end === -1)
                return -1;
            flowKey = true;
            i = end + 1;
        }
        else if (ch === ':' && flowKey) {
            flowKey = false;
            i++;
        }
        else if (ch === '&' || ch === '*' || ch === '!') {
            return -1;
        }
        else {
            flowKey = false;
            i = flowPlainEnd(line, i);
        }
    }
    return -1;
}
const endsIndicator = (ch) => isEmpty(ch) || FLOW_INDICATORS.has(ch);
/** The end of a plain scalar inside a flow collection, as the Lexer finds it. */
function flowPlainEnd(line, pos) {
    for (let i = pos; i < line.length; i++) {
        const ch = line[i];
        if (ch === ':' && endsIndicator(line[i + 1]))
            return i;
        if (ch === ' ' && (line[i + 1] === '#' || FLOW_INDICATORS.has(line[i + 1])))
            return i;
        if (FLOW_INDICATORS.has(ch))
            return i;
    }
    return line.length;
}

// The document pre-filter: before parsing, leave out the documents of a file that cannot hold
// anything a rule reads, so that a monorepo's CI workflows, Helm values, OpenAPI specs, i18n
// strings and CustomResourceDefinition schemas cost a text search instead of a parse.
//
// It must never miss. A document is left out only when its text shows none of the keep-list below
// (a generous text match: a false keep costs a parse, a false skip would cost a finding), or when
// it is of a kind that describes other objects rather than being one: a CustomResourceDefinition
// (its OpenAPI schema names `containerPort`/`hostPort` as properties) or an admission policy (its
// CEL reads `containers` and `hostPort`, in a ternary that looks like a key: `p.hostPort : 0`);
// no rule reads these kinds, and extraction finds nothing in them. The equivalence test
// (__tests__/parse/prefilter-equivalence.test.ts) scans every bench corpus and the real corpus
// with and without the filter and asserts the same findings, bindings and services: a rule that
// starts reading a new kind or key must add it to KEEP_LIST, or that test fails.
//
// What a left-out document still reports: it is lexed (the `yaml` Lexer, about a fifth of a
// parse), and a document with an unclosed quote or an unclosed or stray flow bracket is kept and
// parsed after all, so that its parse error is reported exactly as without the filter. Other
// syntax errors (bad indentation, a nested mapping on one line, ...) in a document that holds no
// port are not reported, and such a document is counted as one document of its file. Its
// duplicate keys (`duplicate-key`) are found line by line (duplicate-lines.ts) in its block maps,
// wherever that check is sure of what it reads.
//
// Left-out documents are blanked to their line breaks, so every kept document keeps its line
// numbers (and its columns: whole lines are removed, never parts of one).
/**
 * Everything a rule reads. A document whose text matches none of these is left out.
 * - kinds: objects a rule reads whatever keys they hold (besides pod-template holders, which any
 *   kind can be, and which are kept by their `containers` key). A `List` needs no entry: its items
 *   are matched by their own kinds and keys, anywhere in the document;
 * - keys: pod specs, host networking, Compose services and exposure;
 * - portKey: any key that mentions a port (`ports`, `containerPort`, `hostPort`, `nodePort`,
 *   `targetPort`, probe `port`, `port-range` and `port-hygiene/ignore` annotations, ...).
 */
const KEEP_LIST = {
    kinds: ['Service', 'Namespace', 'Ingress', 'NetworkPolicy', 'Gateway'],
    keys: [
        'containers',
        'initContainers',
        'ephemeralContainers',
        'template',
        'jobTemplate',
        'hostNetwork',
        'network_mode',
        'services',
        'expose',
        'hostIP'
    ],
    portKey: /(?:port|Port|PORT)[\w./-]*["']?\s*:/
};
/**
 * Documents of these kinds (apiVersion group and kind) are never parsed, unless the lexer finds
 * them broken. `port-hygiene policy` writes the admission policies, and teams commit them.
 */
const NEVER_PARSED = [
    { group: 'apiextensions.k8s.io', kinds: ['CustomResourceDefinition'] },
    {
        group: 'admissionregistration.k8s.io',
        kinds: ['ValidatingAdmissionPolicy', 'MutatingAdmissionPolicy']
    }
];
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const KEEP_KEY = new RegExp(`(?:${KEEP_LIST.keys.map(escape).join('|')})["']?\\s*:`);
const KEEP_KIND = new RegExp(`kind["']?\\s*:\\s*["']?(?:${KEEP_LIST.kinds.map(escape).join('|')})(?![\\w-])`);
/**
 * A double-quoted key (or `kind` value) with a `\` escape: `"hostP\x6frt": 80` is `hostPort` to
 * kubectl and to the parser, and no text match above sees it, so such a document is parsed. One
 * pass over the text (a regular expression here backtracks on a line of backslashes); a quote in
 * a comment or a single-quoted scalar may make a false keep, which costs a parse.
 */
function hasEscapedKeyOrKind(chunk) {
    if (!chunk.includes('\\'))
        return false;
    for (let open = chunk.indexOf('"'); open !== -1;) {
        let at = open + 1;
        let escaped = false;
        while (at < chunk.length && chunk[at] !== '"' && chunk[at] !== '\n') {
            if (chunk[at] === '\\') {
                escaped = true;
                at++;
            }
            at++;
        }
        if (chunk[at] !== '"') {
            open = chunk.indexOf('"', at);
            continue;
        }
        if (escaped) {
            let after = at + 1;
            while (chunk[after] === ' ' || chunk[after] === '\t')
                after++;
            if (chunk[after] === ':')
                return true;
            if (ESCAPED_KIND_BEFORE.test(chunk.slice(Math.max(0, open - 32), open)))
                return true;
        }
        open = chunk.indexOf('"', at + 1);
    }
    return false;
}
/** `kind:` right before a double-quoted value (`kind: "P\x6fd"`). */
const ESCAPED_KIND_BEFORE = /kind["']?[ \t]*:[ \t]*$/;
// Top-level keys of a block mapping at column 0 (optionally quoted).
const TOP_KIND_LINE = /^["']?kind["']?[ \t]*:/gm;
const NEVER_PARSED_TOP = NEVER_PARSED.map(({ group, kinds }) => ({
    kind: new RegExp(`^["']?kind["']?[ \\t]*:[ \\t]*["']?(?:${kinds.join('|')})["']?[ \\t]*$`, 'm'),
    api: new RegExp(`^["']?apiVersion["']?[ \\t]*:[ \\t]*["']?${escape(group)}/`, 'm')
}));
const TOP_API_VERSION = /^["']?apiVersion["']?[ \t]*:/m;
const TOP_KIND = /^["']?kind["']?[ \t]*:/m;
/** The text to parse, or undefined when every document must be parsed. */
function prefilter(text, file = '') {
    const chunks = splitDocuments(text);
    let skippedDocuments = 0;
    let skippedKubernetes = false;
    const duplicateKeys = [];
    const out = [];
    let line = 1;
    for (const chunk of chunks) {
        const firstLine = line;
        line += countLineBreaks(chunk);
        if (!canSkip(chunk)) {
            out.push(chunk);
            continue;
        }
        skippedDocuments++;
        if (TOP_API_VERSION.test(chunk) && TOP_KIND.test(chunk))
            skippedKubernetes = true;
        append(duplicateKeys, duplicateKeysByLine(file, chunk, firstLine));
        out.push(documentLines(chunk));
    }
    if (skippedDocuments === 0)
        return undefined;
    return { text: out.join(''), skippedDocuments, skippedKubernetes, duplicateKeys };
}
function canSkip(chunk) {
    const top = topLevelShape(chunk);
    if (top === 'other')
        return false;
    const neverParsed = top === 'map' && isNeverParsedKind(chunk);
    if (!neverParsed &&
        (KEEP_KEY.test(chunk) || KEEP_KIND.test(chunk) || KEEP_LIST.portKey.test(chunk))) {
        return false;
    }
    if (hasEscapedKeyOrKind(chunk))
        return false;
    // An unclosed quote in a left-out document is reported as parsing would report it, so such a
    // document is parsed, unless it is the under-indented quote that parsing repairs (generated CRDs
    // are full of them; see parseLeniently in yaml.ts). Most documents are cleared line by line
    // without the lexer (quote-check.ts); the others are lexed.
    if (surelyWellQuoted(chunk))
        return true;
    if (!lexerSeesError(chunk))
        return true;
    // Parsing repairs under-indented quotes and tries again: so does this check, when it has any.
    const repaired = indentQuotedContinuations(chunk);
    return repaired !== chunk && !lexerSeesError(repaired);
}
/**
 * What the document's first content line says about its top level. Only a block mapping or
 * sequence starting at column 0 is left out: an indented or flow top level, a tag, an anchor, a
 * directive or content on the `---` line is parsed, to keep this check simple and safe. A chunk
 * with no content at all (comments, blank lines) is left as it is: parsing it costs nothing.
 */
function topLevelShape(chunk) {
    let offset = 0;
    while (offset < chunk.length) {
        const end = chunk.indexOf('\n', offset);
        const line = chunk.slice(offset, end === -1 ? chunk.length : end).replace(/\r$/, '');
        offset = end === -1 ? chunk.length : end + 1;
        if (/^(?:---|\.\.\.)(?:[ \t]+(?:#.*)?)?$/.test(line))
            continue;
        if (/^[ \t]*(?:#.*)?$/.test(line))
            continue;
        if (/^-(?:[ \t]|$)/.test(line))
            return 'seq';
        // A plain or quoted key at column 0, then `: ` or `:` at the end of the line.
        if (/^[^\s#&*!|>%@`{[\]}?,-][^\n]*?:(?:[ \t]|$)/.test(line))
            return 'map';
        return 'other';
    }
    return 'other';
}
/** A top-level `kind` and `apiVersion` of NEVER_PARSED, and one `kind` only. */
function isNeverParsedKind(chunk) {
    if (!NEVER_PARSED_TOP.some(({ kind, api }) => kind.test(chunk) && api.test(chunk)))
        return false;
    TOP_KIND_LINE.lastIndex = 0;
    let kinds = 0;
    while (TOP_KIND_LINE.exec(chunk))
        kinds++;
    return kinds === 1;
}
/**
 * The errors a lexer can see, checked as the `yaml` Composer would: a quoted scalar without its
 * closing quote, a flow collection left open or closed twice. (A line-by-line check that would
 * replace the lexer was tried and dropped: a property test kept finding inputs where the two
 * disagreed about where a quoted scalar starts. quote-check.ts only clears documents, and says
 * "not sure" wherever the lexer's rules get subtle.)
 */
function lexerSeesError(chunk) {
    let depth = 0;
    let scalarBody = false;
    for (const token of new Lexer().lex(chunk)) {
        // The lexer marks a plain or block scalar with U+001F before its text: that text is never an
        // indicator, whatever it starts with (a top-level block scalar may start with a bracket).
        if (scalarBody) {
            scalarBody = false;
            continue;
        }
        const first = token[0];
        if (first === '\u001f')
            scalarBody = true;
        else if (first === "'" || first === '"') {
            if (token.length === 1 || token[token.length - 1] !== first)
                return true;
        }
        else if (first === '{' || first === '[')
            depth++;
        else if ((first === '}' || first === ']') && --depth < 0)
            return true;
    }
    return depth !== 0;
}

function scanFile(file, options) {
    // An exception in one file's scan (a stack overflow on input the limits did not foresee) costs
    // that file, a skipped-file finding naming it, never the scan: the same on every thread.
    try {
        return readAndScan(file, options);
    }
    catch (error) {
        return { scan: failedScan(file.file, error?.message ?? String(error)) };
    }
}
/** A file whose scan threw (here or in a worker that stopped): a skipped-file finding on it. */
function failedScan(file, reason) {
    return skippedScan(file, `could not be scanned: ${reason}`).scan;
}
function readAndScan(file, options) {
    const read = readGuarded(options.root, file.file, {
        maxSize: options.maxFileSize,
        ...(file.linkFree ? { linkFree: true } : {})
    });
    if (read.refused !== undefined)
        return skippedScan(file.file, read.refused);
    if (looksBinary(read.text))
        return skippedScan(file.file, 'not a text file');
    return scanText(file.file, read.text, options);
}
function scanText(file, text, options) {
    // Compose files are never filtered: every part of them (x- anchors, includes, extends) may
    // matter to a project.
    const filtered = options.prefilter && !isComposeFileName(file) ? prefilter(text, file) : undefined;
    const parsed = parseYamlFile(file, filtered?.text ?? text);
    let format = classifyFile(parsed);
    if (filtered?.skippedKubernetes)
        format = 'kubernetes';
    const scan = {
        file,
        scanned: {
            file,
            format,
            documents: parsed.documents.length + (filtered?.skippedDocuments ?? 0)
        },
        parseErrors: parsed.parseErrors,
        // From the whole text: a comment in a left-out document is still checked and counted.
        suppressions: filtered ? findSuppressionComments(file, text) : parsed.suppressions,
        purposeComments: filtered ? findPurposeComments(file, text) : parsed.purposeComments,
        duplicateKeys: format === 'other'
            ? []
            : [...parsed.duplicateKeys, ...(filtered?.duplicateKeys ?? [])].map((key) => ({
                ...key,
                format
            }))
    };
    if (format === 'kubernetes') {
        const { parseErrors, ...found } = extractKubernetes(parsed, options.expansionBudget);
        scan.parseErrors = [...scan.parseErrors, ...(parseErrors ?? [])];
        scan.kubernetes = found;
    }
    if (format !== 'compose')
        return { scan };
    scan.composeText = text;
    return filtered ? { scan } : { scan, composeParsed: parsed };
}
function skippedScan(file, reason) {
    return {
        scan: {
            file,
            skipped: reason,
            parseErrors: [],
            suppressions: [],
            purposeComments: [],
            duplicateKeys: []
        }
    };
}

// Worker-thread entry (bundled as dist/scan-worker.js): scans the batches of files the pool sends
// and posts back plain data. A file that throws costs that file, never the batch (scanFile turns
// the exception into a finding on it, as on the main thread).
node_worker_threads.parentPort?.on('message', (batch) => {
    const scans = batch.files.map((file) => scanFile(file, batch.options).scan);
    const result = { id: batch.id, scans };
    node_worker_threads.parentPort.postMessage(result);
});
