'use strict';

var node_fs = require('node:fs');
var path$1 = require('node:path');
var node_url = require('node:url');
var node_util = require('node:util');
var node_module = require('node:module');
var node_os = require('node:os');

function _interopNamespaceDefault(e) {
  var n = Object.create(null);
  if (e) {
    Object.keys(e).forEach(function (k) {
      if (k !== 'default') {
        var d = Object.getOwnPropertyDescriptor(e, k);
        Object.defineProperty(n, k, d.get ? d : {
          enumerable: true,
          get: function () { return e[k]; }
        });
      }
    });
  }
  n.default = e;
  return Object.freeze(n);
}

var version = "0.1.0";
var packageJson = {
	version: version};

// Where a JSON text stops being JSON. V8 names the offset for most mistakes ("... at position
// 12") but not for every one (Node 20: `Unexpected token '}', "{"a": }" is not valid JSON`), so a
// small scanner finds it: the config error then names the line and column in every case.
/** Offset of the first character that makes `text` invalid JSON, or undefined when it is valid. */
function jsonErrorOffset(text) {
    let at = 0;
    const fail = () => {
        throw new JsonStop(at);
    };
    const space = () => {
        while (at < text.length && ' \t\n\r'.includes(text[at]))
            at++;
    };
    const literal = (word) => {
        for (const char of word) {
            if (text[at] !== char)
                fail();
            at++;
        }
    };
    const string = () => {
        at++; // the opening quote
        while (at < text.length) {
            const char = text[at];
            if (char === '"') {
                at++;
                return;
            }
            if (char < ' ')
                fail();
            if (char === '\\') {
                at++;
                const escape = text[at];
                if (escape === 'u') {
                    for (let index = 1; index <= 4; index++) {
                        if (!/[0-9a-fA-F]/.test(text[at + index] ?? '')) {
                            at += index;
                            fail();
                        }
                    }
                    at += 4;
                }
                else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
                    fail();
                }
            }
            at++;
        }
        fail();
    };
    const number = () => {
        const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
        if (!match)
            fail();
        at += match[0].length;
    };
    const value = () => {
        space();
        const char = text[at];
        if (char === '{')
            return members('}', true);
        if (char === '[')
            return members(']', false);
        if (char === '"')
            return string();
        if (char === 't')
            return literal('true');
        if (char === 'f')
            return literal('false');
        if (char === 'n')
            return literal('null');
        if (char === '-' || (char !== undefined && char >= '0' && char <= '9'))
            return number();
        fail();
    };
    const members = (close, keyed) => {
        at++;
        space();
        if (text[at] === close) {
            at++;
            return;
        }
        for (;;) {
            if (keyed) {
                space();
                if (text[at] !== '"')
                    fail();
                string();
                space();
                if (text[at] !== ':')
                    fail();
                at++;
            }
            value();
            space();
            if (text[at] === ',') {
                at++;
                continue;
            }
            if (text[at] === close) {
                at++;
                return;
            }
            fail();
        }
    };
    try {
        value();
        space();
        if (at < text.length)
            fail();
        return undefined;
    }
    catch (error) {
        if (error instanceof JsonStop)
            return error.offset;
        throw error;
    }
}
class JsonStop {
    offset;
    constructor(offset) {
        this.offset = offset;
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
function stringify$1(item, ctx, onComment, onChompKeep) {
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
    let str = stringify$1(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
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
    const valueStr = stringify$1(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
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
        let str = stringify$1(item, itemCtx, () => (comment = null), () => (chompKeep = true));
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
        let str = stringify$1(item, itemCtx, () => (comment = null));
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
        let body = stringify$1(doc.contents, ctx, () => (contentComment = null), onChompKeep);
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
        lines.push(stringify$1(doc.contents, ctx));
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

function parseOptions$1(options) {
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
    const { lineCounter, prettyErrors } = parseOptions$1(options);
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
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions$1(options);
    const parser = new Parser(lineCounter?.addNewLine);
    const composer = new Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer.compose(parser.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(prettifyError(source, lineCounter));
        doc.warnings.forEach(prettifyError(source, lineCounter));
    }
    return doc;
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document(value, _replacer, options).toString(options);
}

// The one model every stage shares. Plain, serialisable data only: the per-file
// stages (read → parse → extract) return these shapes so that they can run on
// worker threads, and the JSON report writes them out as they are.
// This module imports nothing of ours.
const SEVERITY_ORDER = { error: 0, warning: 1, notice: 2 };
function emptyModel() {
    return {
        files: [],
        bindings: [],
        services: [],
        podTemplates: [],
        containers: [],
        ingressBackends: [],
        networkPolicies: [],
        namespaces: [],
        composeProjects: [],
        invalidPorts: [],
        parseErrors: [],
        skippedFiles: [],
        suppressions: [],
        purposeComments: [],
        inventoryDocuments: [],
        duplicateKeys: [],
        limitsExceeded: [],
        exposedPorts: []
    };
}
function countBySeverity(findings) {
    const counts = { error: 0, warning: 0, notice: 0 };
    for (const finding of findings)
        counts[finding.severity]++;
    return counts;
}
/**
 * Display form of an object: `DaemonSet kube-system/node-exporter`, `service "web" (project shop)`.
 * `details` join the parenthesis: `DaemonSet kube-system/node-exporter (container "exporter")`.
 */
function describeObject(object, details = []) {
    if (object.format === 'compose' && object.devCluster) {
        const { tool, cluster } = object.devCluster;
        return `${tool} cluster "${cluster}" (${[object.service, ...details].join(', ')})`;
    }
    if (object.format === 'compose') {
        return `service "${object.service}" (${[`project ${object.project}`, ...details].join(', ')})`;
    }
    const ns = object.namespace ? `${object.namespace}/` : '';
    // A manifest may leave the name to a generator (Kustomize's namePrefix, a Helm placeholder, a
    // `generateName`): say so rather than print "Deployment  (container …".
    const name = object.name
        ? `${object.kind} ${ns}${object.name}`
        : `${object.kind} without a name${object.namespace ? ` in namespace ${object.namespace}` : ''}`;
    return details.length > 0 ? `${name} (${details.join(', ')})` : name;
}
/**
 * Files the loaders recognised as Kubernetes or Compose: the one file count every report shows
 * (other YAML — CI configs, Helm values — is read but not counted).
 */
function countCheckedFiles(files) {
    return files.filter((file) => file.format !== 'other').length;
}
function formatRange(range) {
    return range.start === range.end ? String(range.start) : `${range.start}-${range.end}`;
}
/** Code-unit order, the same on every machine (no locale): the one string order of every report. */
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** File, then line, then column. */
function compareLocations(a, b) {
    return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}
function formatLocation(location) {
    return `${location.file}:${location.line}:${location.column}`;
}
/**
 * C0 and C1 controls, DEL, bidirectional overrides and isolates (Trojan Source), line and
 * paragraph separators, and lone surrogates: what must never reach a terminal, a log or a
 * workflow command raw, since names and values come from whoever opened the pull request.
 */
const UNSAFE_CHARACTERS = 
// eslint-disable-next-line no-control-regex -- matching control characters is the point
/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Text made inert for a terminal or log: every unsafe character written as `\u001b`. */
function escapeControls(text) {
    return text.replace(UNSAFE_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/**
 * What JSON.stringify leaves raw although a terminal, an editor or a log viewer acts on it: DEL,
 * C1 controls, bidirectional marks, overrides and isolates, line and paragraph separators.
 * (It already escapes C0 controls and lone surrogates.) Such characters can only stand inside a
 * JSON string, so writing them as `\uXXXX` changes no parsed value.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/**
 * JSON text whose bytes are inert: every JSON report the tool writes (JSON, SARIF, inventory,
 * fleet) goes through this, so a hostile name is data, never a control sequence. JSON.parse of
 * the result gives back exactly `value`.
 */
function stringifyJson(value) {
    const text = JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `${text}\n`;
}
/** At most `max` characters of a value from a file, escaped and quoted, for an error message. */
function excerpt(text, max = 40) {
    const cut = text.length > max ? `${text.slice(0, max)}…` : text;
    return `"${escapeControls(cut).replace(/"/g, '\\"')}"`;
}

const range$1 = (a, b, str) => {
    let begs, beg, left, right = undefined, result;
    let ai = str.indexOf(a);
    let bi = str.indexOf(b, ai + 1);
    let i = ai;
    if (ai >= 0 && bi > 0) {
        begs = [];
        left = str.length;
        while (i >= 0 && !result) {
            if (i === ai) {
                begs.push(i);
                ai = str.indexOf(a, i + 1);
            }
            else if (begs.length === 1) {
                const r = begs.pop();
                if (r !== undefined)
                    result = [r, bi];
            }
            else {
                beg = begs.pop();
                if (beg !== undefined && beg < left) {
                    left = beg;
                    right = bi;
                }
                bi = str.indexOf(b, i + 1);
            }
            i = ai < bi && ai >= 0 ? ai : bi;
        }
        if (begs.length && right !== undefined) {
            result = [left, right];
        }
    }
    return result;
};

const escSlash = '\0SLASH' + Math.random().toFixed(16) + '\0';
const escOpen = '\0OPEN' + Math.random().toFixed(16) + '\0';
const escClose = '\0CLOSE' + Math.random().toFixed(16) + '\0';
const escComma = '\0COMMA' + Math.random().toFixed(16) + '\0';
const escPeriod = '\0PERIOD' + Math.random().toFixed(16) + '\0';
const escSlashPattern = new RegExp(escSlash, 'g');
const escOpenPattern = new RegExp(escOpen, 'g');
const escClosePattern = new RegExp(escClose, 'g');
const escCommaPattern = new RegExp(escComma, 'g');
const escPeriodPattern = new RegExp(escPeriod, 'g');
const slashPattern = /\\\\/g;
const openPattern = /\\{/g;
const closePattern = /\\}/g;
const commaPattern = /\\,/g;
const periodPattern = /\\\./g;
const EXPANSION_MAX = 100_000;
// `EXPANSION_MAX` caps the *number* of expansions, but not their length. An
// input like `'{a,b}'.repeat(1500)` stays under that count - its output is
// truncated to 100k results - while making every result ~1500 characters
// long. The result set, and the intermediate arrays built while combining
// brace sets, then grow large enough to exhaust memory and crash the process
// (CVE-2026-14257). `EXPANSION_MAX_LENGTH` bounds the total number of
// characters the accumulator may hold at any point, so memory stays flat no
// matter how many brace groups are chained. The limit sits well above any
// realistic expansion (100k results hitting `EXPANSION_MAX` measure ~1M
// characters) so legitimate input is unaffected.
const EXPANSION_MAX_LENGTH = 4_000_000;
// `expand_` recurses once per level of brace *nesting* - both when expanding a
// set's comma members and when re-wrapping a set whose body is a single part.
// The CVE-2026-14257 fix made the *tail* iterative (recursion on `m.post`, one
// level per chained group), which left nesting depth unbounded: about 3,100
// levels of `{{{...a,b...}}}` - only ~6KB of input - exhausted the native stack
// and crashed the process. `EXPANSION_MAX_DEPTH` bounds how deep the parser
// will follow nesting. It sits far above any realistic pattern and well below
// the depth at which the stack runs out.
const EXPANSION_MAX_DEPTH = 1_000;
// Bash keeps a quirk where a brace group followed by a comma set still expands
// (`{a},b}`). The parser implements it by rewriting the string and restarting
// the scan, absorbing one `}` per pass. `n` trailing braces therefore cost `n`
// full passes over a string that itself grows by one `escClose` sentinel each
// time - quadratic in `n`, with a ~26x constant from the sentinel's length.
// 128KB of `'{a}' + '}'.repeat(n) + ',z}'` blocked the event loop for 27
// seconds to produce two results. `EXPANSION_MAX_REWRITES` bounds how many
// times the scan may restart. Real `{a},b}` input needs a handful.
const EXPANSION_MAX_REWRITES = 1_000;
// `EXPANSION_MAX_STEPS` bounds the work one `expand` call does, which `max`,
// `maxLength` and `maxDepth` don't: nested sets are rescanned at every level
// and chained groups each rebuild up to `max` results, so 2KB of input could
// block the event loop for over 30 seconds. Each character scanned, result
// built and sequence value generated is a step, and each `expand_` call costs
// `CALL_STEPS` more. Past the budget, the set being expanded and everything
// after it stay literal. A glob needs a few hundred steps, and nesting all the
// way to `EXPANSION_MAX_DEPTH` about 4M.
const EXPANSION_MAX_STEPS = 20_000_000;
// What one `expand_` call costs on top of what it scans and builds. Setting
// one up takes about as long as scanning 16 characters, and a set whose
// results are wrapped to be expanded again makes one call per result, each
// scanning and building next to nothing: 64KB of
// `('{{' + ','.repeat(316) + '}{' + ','.repeat(316) + '}}').repeat(n)` made
// 4M such calls, which spent the budget three times as slowly as anything
// else.
const CALL_STEPS = 16;
function numeric(str) {
    return !isNaN(str) ? parseInt(str, 10) : str.charCodeAt(0);
}
function escapeBraces(str) {
    return str
        .replace(slashPattern, escSlash)
        .replace(openPattern, escOpen)
        .replace(closePattern, escClose)
        .replace(commaPattern, escComma)
        .replace(periodPattern, escPeriod);
}
function unescapeBraces(str) {
    return str
        .replace(escSlashPattern, '\\')
        .replace(escOpenPattern, '{')
        .replace(escClosePattern, '}')
        .replace(escCommaPattern, ',')
        .replace(escPeriodPattern, '.');
}
// Like `target.push(...items)` but doesn't overflow the stack
function pushAll(target, items) {
    for (let i = 0; i < items.length; i++) {
        target.push(items[i]);
    }
}
// `balanced`, run on `masked` (see `maskUnmatchedOpens`), sliced from `str`
// and charged for the characters it walks: up to the group's `}`, or the
// whole string when there is no match or unmatched `{` come first, which
// `unmatched` then flags for masking. Once a call overdraws the budget, it
// and every later one return undefined, so the rest stays literal.
function balancedWithBudget(str, masked, budget) {
    if (budget.remaining < 0) {
        return undefined;
    }
    const r = range$1('{', '}', masked);
    const unmatched = r !== undefined && masked.indexOf('{') < r[0];
    budget.remaining -= r && !unmatched ? r[1] + 1 : str.length;
    if (!r || budget.remaining < 0) {
        return undefined;
    }
    return {
        end: r[1],
        pre: str.slice(0, r[0]),
        body: str.slice(r[0] + 1, r[1]),
        post: str.slice(r[1] + 1),
        unmatched,
    };
}
// `masked` with every `{` that has no matching `}` swapped for a `\0`, which
// keeps the length, so a scan of it still lines up with the string it was
// made from. Such a `{` is literal either way, but `balanced` only learns that
// one is unmatched by reading to the end of the string, so with one at the
// head of every group (`'{a,{b,c}'.repeat(n)`) each scan read the rest of the
// input. That was quadratic, and once the step budget charged for it, it ran
// out partway through and left the rest literal. A scan of the masked copy
// stops at the group's `}`. It is one pass, charged as such.
function maskUnmatchedOpens(masked, budget) {
    budget.remaining -= masked.length;
    const open = [];
    for (let i = 0; i < masked.length; i++) {
        const c = masked.charCodeAt(i);
        if (c === 0x7b) {
            open.push(i);
        }
        else if (c === 0x7d && open.length) {
            open.pop();
        }
    }
    let out = '';
    let last = 0;
    for (let i = 0; i < open.length; i++) {
        const at = open[i];
        out += masked.slice(last, at) + '\0';
        last = at + 1;
    }
    return out + masked.slice(last);
}
// Whether `str` has a `,` not followed by another `,`, with a `}` after it on
// the same line - what `/,(?!,).*\}/.test(str)` asks, answered in one pass from
// the end. The regex tries every `,` and backtracks through the rest of its
// line from each, which is quadratic, and the `{a},b}` rewrite asks again on
// every pass. Like a scan, it is charged for the whole string and refused if
// that overdraws the budget.
function commaSetFollows(str, budget) {
    budget.remaining -= str.length;
    if (budget.remaining < 0) {
        return false;
    }
    // Whether a `}` follows the current position before the line ends
    let close = false;
    for (let i = str.length - 1; i >= 0; i--) {
        const c = str.charCodeAt(i);
        if (c === 0x7d) {
            close = true;
        }
        else if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
            // A line terminator, which `.` does not match
            close = false;
        }
        else if (c === 0x2c && close && str.charCodeAt(i + 1) !== 0x2c) {
            return true;
        }
    }
    return false;
}
/**
 * Basically just str.split(","), but handling cases
 * where we have nested braced sections, which should be
 * treated as individual members, like {a,{b,c},d}
 *
 * Returns `undefined` if the step budget runs out before the whole set is
 * split, since splitting what is left on every comma would tear apart the
 * nested sets it still holds.
 */
function parseCommaParts(str, budget) {
    const parts = [];
    // Walk the brace groups iteratively. Recursing on `post` once per group let a
    // chain of them exhaust the stack - the parsing-side counterpart to
    // the `expand_` overflow fixed for CVE-2026-14257, and not something `max` or
    // `maxLength` can bound, since it happens before expansion.
    //
    // The part the next chunk continues
    let carry = '';
    for (;;) {
        // A set's body holds no unmatched `{`, so there is nothing to mask.
        const m = balancedWithBudget(str, str, budget);
        if (budget.remaining < 0) {
            return undefined;
        }
        if (!m) {
            const tail = str.split(',');
            tail[0] = carry + tail[0];
            pushAll(parts, tail);
            return parts;
        }
        const { pre, body, post } = m;
        const p = pre.split(',');
        p[0] = carry + p[0];
        p[p.length - 1] += '{' + body + '}';
        if (!post.length) {
            pushAll(parts, p);
            return parts;
        }
        carry = p.pop();
        pushAll(parts, p);
        str = post;
    }
}
// An option that is left out, or that is NaN, gets its default. Every
// comparison against NaN is false, so a NaN bound would never be reached:
// `{ maxSteps: NaN }` let 15KB of input block the event loop for 16 seconds,
// and `{ maxDepth: NaN }` overflowed the stack again (CVE-2026-102278). Pass
// `Infinity` to lift a bound.
function bound(value, fallback) {
    return value === undefined || isNaN(value) ? fallback : value;
}
function expand(str, options = {}) {
    if (!str) {
        return [];
    }
    const max = bound(options.max, EXPANSION_MAX);
    const maxLength = bound(options.maxLength, EXPANSION_MAX_LENGTH);
    const maxDepth = bound(options.maxDepth, EXPANSION_MAX_DEPTH);
    const maxRewrites = bound(options.maxRewrites, EXPANSION_MAX_REWRITES);
    const maxSteps = bound(options.maxSteps, EXPANSION_MAX_STEPS);
    // I don't know why Bash 4.3 does this, but it does.
    // Anything starting with {} will have the first two bytes preserved
    // but *only* at the top level, so {},a}b will not expand to anything,
    // but a{},b}c will be expanded to [a}c,abc].
    // One could argue that this is a bug in Bash, but since the goal of
    // this module is to match Bash's rules, we escape a leading {}
    if (str.slice(0, 2) === '{}') {
        str = '\\{\\}' + str.slice(2);
    }
    return expand_(escapeBraces(str), max, maxLength, maxDepth, 0, maxRewrites, { remaining: maxSteps }, true).map(unescapeBraces);
}
function embrace(str) {
    return '{' + str + '}';
}
function isPadded(el) {
    return /^-?0\d/.test(el);
}
function lte(i, y) {
    return i <= y;
}
function gte(i, y) {
    return i >= y;
}
// Build `{ acc[a] + pre + values[v] }` for every combination, capping the
// number of results at `max` and the total number of characters at `maxLength`.
// This is the one place output grows, so bounding it here keeps the single
// accumulator - and therefore memory - flat regardless of how many brace groups
// are combined (CVE-2026-14257). Each result built is a step, since `max` and
// `maxLength` bound one combination, not how many brace groups are combined.
function combine(acc, pre, values, max, maxLength, dropEmpties, budget) {
    const out = [];
    let length = 0;
    // Bash drops empty results at the top level, and they don't count against
    // `max`, so `max` bounds the number of *kept* results. Only an empty
    // `acc[a] + pre` can make one, so for those the empty values are skipped
    // without being visited. Visiting them one at a time let a set of empties
    // cost `acc.length * values.length` while keeping nothing.
    let nonEmpty;
    outer: for (let a = 0; a < acc.length; a++) {
        const prefix = acc[a] + pre;
        let vs = values;
        if (dropEmpties && !prefix) {
            if (!nonEmpty)
                nonEmpty = values.filter(v => v);
            vs = nonEmpty;
        }
        for (let v = 0; v < vs.length; v++) {
            if (out.length >= max)
                break outer;
            const expansion = prefix + vs[v];
            if (length + expansion.length > maxLength)
                break outer;
            out.push(expansion);
            length += expansion.length;
        }
    }
    budget.remaining -= out.length;
    return out;
}
// The expansion values of a single numeric (`1..5`) or alphabetic (`a..e..2`)
// sequence body, or `undefined` if the step budget runs out generating them.
function expandSequence(body, isAlphaSequence, max, maxLength, budget) {
    const n = body.split(/\.\./);
    const N = [];
    // A sequence body always splits into two or three parts, but the compiler
    // can't know that.
    /* c8 ignore start */
    if (n[0] === undefined || n[1] === undefined) {
        return N;
    }
    /* c8 ignore stop */
    const x = numeric(n[0]);
    const y = numeric(n[1]);
    const width = Math.max(n[0].length, n[1].length);
    let incr = n.length === 3 && n[2] !== undefined ?
        Math.max(Math.abs(numeric(n[2])), 1)
        : 1;
    let test = lte;
    const reverse = y < x;
    if (reverse) {
        incr *= -1;
        test = gte;
    }
    const pad = n.some(isPadded);
    // A padded value is built a character at a time to `width`, which the input
    // sets, so it costs one step per character: 64KB of
    // `('{' + '0'.repeat(100) + '..99999}').repeat(n)` took 7 seconds charged
    // one step per value.
    const cost = pad ? width : 1;
    let length = 0;
    for (let i = x; test(i, y) && N.length < max; i += incr) {
        // Each value is a step. `max` and `maxLength` bound one sequence, but a
        // chain of them still generated up to `max` values each, however few
        // combining could keep.
        budget.remaining -= cost;
        if (budget.remaining < 0) {
            return undefined;
        }
        let c;
        if (isAlphaSequence) {
            c = String.fromCharCode(i);
            if (c === '\\') {
                c = '';
            }
        }
        else {
            c = String(i);
            if (pad) {
                const need = width - c.length;
                if (need > 0) {
                    const z = new Array(need + 1).join('0');
                    if (i < 0) {
                        c = '-' + z + c.slice(1);
                    }
                    else {
                        c = z + c;
                    }
                }
            }
        }
        if (length + c.length > maxLength)
            break;
        N.push(c);
        length += c.length;
    }
    return N;
}
function expand_(str, max, maxLength, maxDepth, depth, maxRewrites, budget, isTop) {
    // An overdraft here makes the first scan refuse, so `str` stays literal.
    budget.remaining -= CALL_STEPS;
    // Too deeply nested to keep following: treat the rest as literal, the same
    // way a group that cannot expand is already handled. Truncating rather than
    // throwing keeps `expand` total, matching `max` and `maxLength`.
    if (depth > maxDepth) {
        return [str];
    }
    // Consume the string's top-level brace groups left to right, threading a
    // running set of combined prefixes (`acc`). Expanding the tail iteratively -
    // rather than recursing on `m.post` once per group - keeps the native stack
    // depth constant, so deeply chained input (`'{a,b}'.repeat(3000)`) can no
    // longer overflow the stack, and leaves a single accumulator whose size
    // `maxLength` bounds directly (CVE-2026-14257).
    let acc = [''];
    // Bash drops empty results, but only when the *first* top-level group is a
    // comma set - a sequence like `{a..\}` may legitimately yield ''. The drop
    // is on the final strings, so it is applied to whichever `combine` produces
    // them (the one with no brace set left in the tail).
    // How many times the `{a},b}` rewrite below has restarted the scan. Each pass
    // re-reads the whole string, so leaving this unbounded is quadratic.
    let rewrites = 0;
    let dropEmpties = false;
    let firstGroup = true;
    // `str` with its unmatched `{` masked, once a scan has run into them
    let masked = str;
    for (;;) {
        const m = balancedWithBudget(str, masked, budget);
        // No brace set left, or no step budget left to look for one: the rest of
        // the string is literal.
        if (!m) {
            return combine(acc, str, [''], max, maxLength, dropEmpties, budget);
        }
        if (m.unmatched) {
            masked = maskUnmatchedOpens(masked, budget);
        }
        // no need to expand pre, since it is guaranteed to be free of brace-sets
        const pre = m.pre;
        // This set and the rest of the string, literal: for a set that cannot
        // expand, and for one the step budget runs out on. Once it is overdrawn,
        // every set still being expanded, at every level, stays literal like this -
        // otherwise each level above would go on combining, and wrapping and
        // expanding again, results the budget was too small for.
        const literal = () => combine(acc, pre + '{' + m.body + '}' + m.post, [''], max, maxLength, dropEmpties, budget);
        if (/\$$/.test(pre)) {
            acc = combine(acc, pre + '{' + m.body + '}', [''], max, maxLength, dropEmpties && !m.post.length, budget);
            firstGroup = false;
            if (!m.post.length)
                break;
            str = m.post;
            masked = masked.slice(m.end + 1);
            continue;
        }
        const isNumericSequence = /^-?\d+\.\.-?\d+(?:\.\.-?\d+)?$/.test(m.body);
        const isAlphaSequence = /^[a-zA-Z]\.\.[a-zA-Z](?:\.\.-?\d+)?$/.test(m.body);
        const isSequence = isNumericSequence || isAlphaSequence;
        const isOptions = m.body.indexOf(',') >= 0;
        if (!isSequence && !isOptions) {
            // {a},b}
            if (rewrites < maxRewrites && commaSetFollows(m.post, budget)) {
                rewrites++;
                str = m.pre + '{' + m.body + escClose + m.post;
                // Taking a `}` away never gives an unmatched `{` a partner, so what
                // is masked stays unmatched. The `{` it closed can be left without
                // one, and the next scan masks it.
                masked =
                    masked.slice(0, m.end) + escClose + masked.slice(m.end + 1);
                isTop = true;
                continue;
            }
            // Nothing here expands, so the whole remaining string is literal.
            return literal();
        }
        if (firstGroup) {
            dropEmpties = isTop && !isSequence;
            firstGroup = false;
        }
        let values;
        if (isSequence) {
            values = expandSequence(m.body, isAlphaSequence, max, maxLength, budget);
            if (!values) {
                return literal();
            }
        }
        else {
            let n = parseCommaParts(m.body, budget);
            // The step budget ran out partway through the set.
            if (!n) {
                return literal();
            }
            if (n.length === 1 && n[0] !== undefined) {
                // x{{a,b}}y ==> x{a}y x{b}y
                n = expand_(n[0], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false).map(embrace);
                // The step budget ran out expanding the set's only part.
                if (budget.remaining < 0) {
                    return literal();
                }
                //XXX is this necessary? Can't seem to hit it in tests.
                /* c8 ignore start */
                if (n.length === 1) {
                    const next = combine(acc, pre + n[0], [''], max, maxLength, dropEmpties && !m.post.length, budget);
                    if (budget.remaining < 0) {
                        return literal();
                    }
                    acc = next;
                    if (!m.post.length)
                        break;
                    str = m.post;
                    masked = masked.slice(m.end + 1);
                    continue;
                }
                /* c8 ignore stop */
            }
            // Values that `combine` is going to drop as empty produce no result, so
            // they must not count against `max` - otherwise `{a,,b}` with `max: 2`
            // would stop at `['a', '']` and yield one result instead of two. Skipping
            // them outright keeps `values` bounded while leaving `max` a bound on
            // *kept* results.
            let dropsEmpties = dropEmpties && !m.post.length && !pre;
            for (let d = 0; dropsEmpties && d < acc.length; d++) {
                if (acc[d]) {
                    dropsEmpties = false;
                }
            }
            values = [];
            let valuesLength = 0;
            outer: for (let j = 0; j < n.length; j++) {
                const expanded = expand_(n[j], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false);
                // The step budget ran out expanding a member.
                if (budget.remaining < 0) {
                    return literal();
                }
                for (let k = 0; k < expanded.length; k++) {
                    const v = expanded[k];
                    if (dropsEmpties && !v)
                        continue;
                    if (values.length >= max ||
                        valuesLength + v.length > maxLength) {
                        break outer;
                    }
                    values.push(v);
                    valuesLength += v.length;
                }
            }
        }
        const next = combine(acc, pre, values, max, maxLength, dropEmpties && !m.post.length, budget);
        // The step budget ran out combining the set's values in.
        if (budget.remaining < 0) {
            return literal();
        }
        acc = next;
        if (!m.post.length)
            break;
        str = m.post;
        masked = masked.slice(m.end + 1);
    }
    return acc;
}

// One digit, or a class of digits from a to b.
const digit = (a, b) => a === b ?
    { t: 'lit', ch: String(a) }
    : { t: 'class', re: new RegExp(`^[${a}-${b}]$`) };
const prefix = (d, alts) => alts.map(s => [digit(d, d), ...s]);
// The digit strings from a to b, which have the same length.
const fixed = (a, b) => {
    if (!a)
        return [[]];
    let lo = +a[0];
    let hi = +b[0];
    const ra = a.slice(1);
    const rb = b.slice(1);
    if (lo === hi)
        return prefix(lo, fixed(ra, rb));
    const zeros = '0'.repeat(ra.length);
    const nines = '9'.repeat(ra.length);
    const out = [];
    if (ra !== zeros)
        out.push(...prefix(lo++, fixed(ra, nines)));
    const last = rb === nines ? [] : prefix(hi--, fixed(zeros, rb));
    if (lo <= hi) {
        out.push([digit(lo, hi), ...Array.from(ra, () => digit(0, 9))]);
    }
    out.push(...last);
    return out;
};
// The numbers from a to b, where 0 <= a <= b. If width is set, each
// one has leading zeros to make it that many digits.
const nonneg = (a, b, width) => {
    if (width) {
        return fixed(String(a).padStart(width, '0'), String(b).padStart(width, '0'));
    }
    const out = [];
    for (let len = String(a).length; len <= String(b).length; len++) {
        const lo = Math.max(a, len === 1 ? 0 : 10 ** (len - 1));
        const hi = Math.min(b, 10 ** len - 1);
        out.push(...fixed(String(lo), String(hi)));
    }
    return out;
};
/**
 * The strings that the bash brace expansion `{lo..hi}` makes, as
 * the alternatives of an `@(...)` extglob. Each one is a sequence of
 * digits and digit classes, so there are only a few of them, even for
 * a large range.
 *
 * If either end has a leading zero, such as `{01..10}`, each number
 * has leading zeros to make it as long as the longer end, counting a
 * `-` sign. So `{-05..3}` makes `-05` to `-01`, then `000` to `003`.
 *
 * Returns undefined if either end is not a safe integer.
 */
const numericRange = (loStr, hiStr) => {
    let lo = Number(loStr);
    let hi = Number(hiStr);
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi))
        return;
    if (lo > hi)
        [lo, hi] = [hi, lo];
    const padded = /^-?0\d/.test(loStr) || /^-?0\d/.test(hiStr);
    const width = padded ? Math.max(loStr.length, hiStr.length) : 0;
    const out = [];
    if (lo < 0) {
        const neg = nonneg(Math.max(-hi, 1), -lo, width && width - 1);
        out.push(...neg.map(s => [{ t: 'lit', ch: '-' }, ...s]));
    }
    if (hi >= 0)
        out.push(...nonneg(Math.max(lo, 0), hi, width));
    return out;
};

// translate the various posix character classes into unicode properties
// this works across all unicode locales
// { <posix class>: [<translation>, negated]
const posixClasses = {
    '[:alnum:]': ['\\p{L}\\p{Nl}\\p{Nd}'],
    '[:alpha:]': ['\\p{L}\\p{Nl}'],
    '[:ascii:]': ['\\x' + '00-\\x' + '7f'],
    '[:blank:]': ['\\p{Zs}\\t'],
    '[:cntrl:]': ['\\p{Cc}'],
    '[:digit:]': ['\\p{Nd}'],
    '[:graph:]': ['\\p{Z}\\p{C}', true],
    '[:lower:]': ['\\p{Ll}'],
    '[:print:]': ['\\p{C}', true],
    '[:punct:]': ['\\p{P}\\p{S}'],
    '[:space:]': ['\\p{Z}\\t\\r\\n\\v\\f'],
    '[:upper:]': ['\\p{Lu}'],
    '[:word:]': ['\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}'],
    '[:xdigit:]': ['A-Fa-f0-9'],
};
// only need to escape a few things inside of brace expressions
// escapes: [ \ ] -
const braceEscape = (s) => s.replace(/[[\]\\-]/g, '\\$&');
const noMatch = /$./;
// Takes a glob string at a posix brace expression. Returns a RegExp
// that tests one character, and the number of glob chars consumed.
// If the class is not closed, consumed is 0, and the `[` must be
// treated as a literal character.
// Out of order ranges are removed. If nothing is left, the RegExp
// is `/$./`, and the rest of the glob is consumed, so that the
// whole glob cannot match.
const parseClass = (glob, position, nocase = false, form) => {
    // normalize one class member, if it stays one code point
    const norm = (c) => {
        const n = form ? c.normalize(form) : c;
        return [...n].length === 1 ? n : c;
    };
    const pos = position;
    /* c8 ignore start */
    if (glob.charAt(pos) !== '[') {
        throw new Error('not in a brace expression');
    }
    /* c8 ignore stop */
    const ranges = [];
    const negs = [];
    let i = pos + 1;
    let sawStart = false;
    let escaping = false;
    let negate = false;
    let endPos = pos;
    let rangeStart = '';
    WHILE: while (i < glob.length) {
        const c = String.fromCodePoint(glob.codePointAt(i));
        if ((c === '!' || c === '^') && i === pos + 1) {
            negate = true;
            i++;
            continue;
        }
        if (c === ']' && sawStart && !escaping) {
            endPos = i + 1;
            break;
        }
        sawStart = true;
        if (c === '\\') {
            if (!escaping) {
                escaping = true;
                i++;
                continue;
            }
            // escaped \ char, fall through and treat like normal char
        }
        if (c === '[' && !escaping) {
            // either a posix class, a collation equivalent, or just a [
            for (const [cls, [unip, neg]] of Object.entries(posixClasses)) {
                if (glob.startsWith(cls, i)) {
                    // invalid, [a-[] is fine, but not [a-[:alpha]]
                    if (rangeStart) {
                        return [noMatch, glob.length - pos];
                    }
                    i += cls.length;
                    if (neg)
                        negs.push(unip);
                    else
                        ranges.push(unip);
                    continue WHILE;
                }
            }
        }
        // now it's just a normal character, effectively
        escaping = false;
        const n = norm(c);
        if (rangeStart) {
            // throw this range away if it's not valid, but others
            // can still match.
            if (n.codePointAt(0) > rangeStart.codePointAt(0)) {
                ranges.push(braceEscape(rangeStart) + '-' + braceEscape(n));
            }
            else if (n === rangeStart) {
                ranges.push(braceEscape(n));
            }
            rangeStart = '';
            i += c.length;
            continue;
        }
        // now might be the start of a range.
        // can be either c-d or c-] or c<more...>] or c] at this point
        if (glob.startsWith('-]', i + c.length)) {
            ranges.push(braceEscape(n + '-'));
            i += c.length + 1;
            continue;
        }
        if (glob.startsWith('-', i + c.length)) {
            rangeStart = n;
            i += c.length + 1;
            continue;
        }
        // not the start of a range, just a single character
        ranges.push(braceEscape(n));
        i += c.length;
    }
    if (endPos < i) {
        // didn't see the end of the class, not a valid class,
        // but might still be valid as a literal match.
        return [noMatch, 0];
    }
    // if we got no ranges and no negates, then we have a range that
    // cannot possibly match anything, and that poisons the whole glob
    if (!ranges.length && !negs.length) {
        return [noMatch, glob.length - pos];
    }
    const sranges = '[' + (negate ? '^' : '') + ranges.join('') + ']';
    const snegs = '[' + (negate ? '' : '^') + negs.join('') + ']';
    const comb = '^' +
        (ranges.length && negs.length ? '(' + sranges + '|' + snegs + ')'
            : ranges.length ? sranges
                : snegs);
    return [new RegExp(comb, nocase ? 'iu' : 'u'), endPos - pos];
};

// the end of the pattern, or of a negated sub-pattern
const MATCH = { t: 'match', id: 0 };
const extTypes = '!?+*@';
const lit = (ch) => ({ t: 'lit', ch });
const reEscape = (s) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
// a RegExp that only matches `s`, with unicode case folding
const newFoldRe = (s) => new RegExp(`^${reEscape(s)}$`, 'iu');
// foldRe for one literal char. The same chars are in most patterns,
// so keep them. A RegExp without the `g` or `y` flag has no state to
// share.
const foldCache = new Map();
const foldRe = (ch) => {
    let re = foldCache.get(ch);
    if (!re) {
        re = newFoldRe(ch);
        if (foldCache.size >= 1000)
            foldCache.clear();
        foldCache.set(ch, re);
    }
    return re;
};
const litMatch = (l, c) => {
    if (c === l.ch)
        return true;
    if (!l.re)
        return false;
    const code = c.charCodeAt(0);
    if (code >= 128)
        return l.re.test(c);
    const ascii = (l.ascii ??= new Uint8Array(128));
    ascii[code] ||= l.re.test(c) ? 1 : 2;
    return ascii[code] === 1;
};
const tokenize = (p, nocase, noext, form, mark) => {
    const toks = [];
    for (let i = 0; i < p.length;) {
        const c = String.fromCodePoint(p.codePointAt(i));
        if (mark) {
            // a \ before a range would only escape its first char
            const m = c === '\\' && p.startsWith(mark, i + 1) ? 1 : 0;
            if (m || c === mark) {
                const start = i + m + mark.length;
                const end = p.indexOf(mark, start);
                const r = /^(-?\d+)\.\.(-?\d+)$/.exec(p.slice(start, end));
                const alts = end !== -1 && r && numericRange(r[1], r[2]);
                if (alts) {
                    toks.push({ t: 'ext', type: '@', alts });
                    i = end + mark.length;
                    continue;
                }
            }
        }
        if (c === '\\') {
            // a trailing \ is a literal \
            const e = p.codePointAt(i + 1);
            const ch = e === undefined ? c : String.fromCodePoint(e);
            toks.push(lit(ch));
            i += 1 + ch.length;
            continue;
        }
        if (c === '[') {
            const [re, consumed] = parseClass(p, i, nocase, form);
            if (consumed) {
                toks.push({ t: 'class', re });
                i += consumed;
                continue;
            }
        }
        if (!noext && extTypes.includes(c) && p[i + 1] === '(') {
            toks.push({ t: 'open', type: c });
            i += 2;
            continue;
        }
        toks.push(!noext && c === '|' ? { t: 'bar' }
            : !noext && c === ')' ? { t: 'close' }
                : c === '*' ? { t: 'star' }
                    : c === '?' ? { t: 'any' }
                        : lit(c));
        i += c.length;
    }
    return toks;
};
// map each open token index to the index of its close token
const pair = (toks) => {
    const pairs = new Map();
    const stack = [];
    toks.forEach((tok, i) => {
        if (tok.t === 'open')
            stack.push(i);
        else if (tok.t === 'close' && stack.length)
            pairs.set(stack.pop(), i);
    });
    return pairs;
};
// build the alternatives between start and end. An open token that
// is not closed is never inside a closed extglob, so bar and close
// tokens are only literal at the top level.
const build = (toks, pairs, start, end, top) => {
    let seq = [];
    const alts = [seq];
    for (let i = start; i < end; i++) {
        const tok = toks[i];
        const close = pairs.get(i);
        if (tok.t === 'open' && close !== undefined) {
            const sub = build(toks, pairs, i + 1, close, false);
            seq.push({ t: 'ext', type: tok.type, alts: sub });
            i = close;
        }
        else if (tok.t === 'bar' && !top) {
            alts.push((seq = []));
        }
        else if (tok.t === 'open') {
            seq.push(lit(tok.type), lit('('));
        }
        else if (tok.t === 'bar') {
            seq.push(lit('|'));
        }
        else if (tok.t === 'close') {
            seq.push(lit(')'));
        }
        else {
            seq.push(tok);
        }
    }
    return alts;
};
// normalize each run of literal chars as one string, so that a char
// and the combining marks after it compose (or decompose) together.
// Syntax is already parsed, so a char that normalizes to a syntax
// char (such as full-width `＊` in NFKC) stays a literal.
const normalize = (items, form) => {
    const out = [];
    let run = '';
    const flush = () => {
        for (const ch of run.normalize(form))
            out.push(lit(ch));
        run = '';
    };
    for (const it of items) {
        if (it.t === 'lit') {
            run += it.ch;
            continue;
        }
        flush();
        out.push(it.t === 'ext' ?
            { ...it, alts: it.alts.map(a => normalize(a, form)) }
            : it);
    }
    flush();
    return out;
};
// the start node, and the number of node ids. Ids are dense, from 0
// for the match node.
const compile = (items, nocase) => {
    let id = 1;
    const split = (out) => ({ t: 'split', id: id++, out });
    const seq = (items, next) => items.reduceRight((next, it) => item(it, next), next);
    const item = (it, next) => {
        switch (it.t) {
            case 'lit':
                const re = nocase ? foldRe(it.ch) : undefined;
                return { t: 'lit', id: id++, ch: it.ch, re, next };
            case 'any':
            case 'star':
                return { t: it.t, id: id++, next };
            case 'class':
                return { t: 'class', id: id++, re: it.re, next };
        }
        const alts = (next) => it.alts.map(a => seq(a, next));
        switch (it.type) {
            case '@':
                return split(alts(next));
            case '?':
                return split([next, ...alts(next)]);
            case '!':
                return { t: 'neg', id: id++, sub: split(alts(MATCH)), next };
        }
        // * and +, loop back after each match
        const after = split([]);
        const entry = split(alts(after));
        after.out.push(next, entry);
        return it.type === '*' ? after : entry;
    };
    const start = seq(items, MATCH);
    return [start, id];
};
// one line per node, in the order that a walk from the start
// reaches them. Edges point to node ids. The nodes of a negated
// sub-pattern are indented under their negation.
const show = (start) => {
    const lines = [];
    const seen = new Set();
    const ref = (n) => (n.t === 'match' ? 'match' : String(n.id));
    const walk = (n, indent) => {
        if (n.t === 'match' || seen.has(n))
            return;
        seen.add(n);
        const line = (desc) => lines.push(`${indent}${n.id}: ${desc}`);
        switch (n.t) {
            case 'split':
                line(`split -> ${n.out.map(ref).join(', ')}`);
                for (const o of n.out)
                    walk(o, indent);
                return;
            case 'neg':
                line(`!(${ref(n.sub)}) -> ${ref(n.next)}`);
                walk(n.sub, indent + '  ');
                return walk(n.next, indent);
            case 'lit':
                line(`${JSON.stringify(n.ch)} -> ${ref(n.next)}`);
                break;
            case 'class':
                line(`${n.re} -> ${ref(n.next)}`);
                break;
            default:
                line(`${n.t === 'any' ? '?' : '*'} -> ${ref(n.next)}`);
        }
        walk(n.next, indent);
    };
    walk(start, '');
    return [`start -> ${ref(start)}`, ...lines].join('\n');
};
// The threads at one position in the string. Each node thread is
// only kept once, and runs with the same state are only kept once,
// so that identical threads merge. The match node is not in
// `threads`, because it can not step. It sets `match` instead.
class State {
    // set by the Sim, to mark the nodes that this state has
    gen;
    threads = [];
    match = false;
    runs = [];
    // the sorted ids of the threads, with 0 for a match, once the
    // state is done
    ids = [];
    constructor(gen) {
        this.gen = gen;
    }
    // no threads, so nothing more can match
    get dead() {
        return !this.threads.length && !this.match && !this.runs.length;
    }
}
// true if the two states hold the same threads
const sameState = (a, b) => {
    if (a.ids.length !== b.ids.length)
        return false;
    if (a.runs.length !== b.runs.length)
        return false;
    if (a.ids.some((id, i) => id !== b.ids[i]))
        return false;
    return a.runs.every(r => b.runs.some(o => o.neg === r.neg && sameState(o.state, r.state)));
};
const marks = (size) => ({
    has: new Float64Array(size),
    seen: new Float64Array(size),
    gen: 0,
});
class Sim {
    // `.` and `..` only match literal dots, even with `dot:true`
    dots;
    // the string starts with `.`, and `dot:true` is not set
    dotStart;
    #marks;
    constructor(dots, dotStart, marks) {
        this.dots = dots;
        this.dotStart = dotStart;
        this.#marks = marks;
    }
    state() {
        return new State(++this.#marks.gen);
    }
    // sort the ids of a state, once it has all of its threads
    done(state) {
        state.ids = state.threads.map(n => n.id).sort((a, b) => a - b);
        if (state.match)
            state.ids.unshift(MATCH.id);
        return state;
    }
    // true the first time that the state walks through the node, so
    // that loops in the graph stop
    #visit(state, node) {
        const { seen } = this.#marks;
        if (seen[node.id] === state.gen)
            return false;
        seen[node.id] = state.gen;
        return true;
    }
    #addThread(state, node) {
        const { has } = this.#marks;
        if (has[node.id] === state.gen)
            return false;
        has[node.id] = state.gen;
        state.threads.push(node);
        return true;
    }
    // wildcards only match a leading dot if `dot:true`. In a negated
    // sub-pattern, this does not apply, because the negation itself
    // can not match a leading dot.
    restricted(i, top) {
        return top && (this.dots || (this.dotStart && i === 0));
    }
    add(state, node, i, top) {
        switch (node.t) {
            case 'split':
                if (!this.#visit(state, node))
                    return;
                for (const o of node.out)
                    this.add(state, o, i, top);
                return;
            case 'neg':
                if (!this.#visit(state, node))
                    return;
                const sub = this.state();
                this.add(sub, node.sub, i, false);
                this.done(sub);
                return this.addRun(state, { t: 'run', neg: node, state: sub }, i, top);
            case 'star':
                // a * can not start a dotfile, even if it matches nothing
                if (this.restricted(i, top))
                    return;
                if (this.#addThread(state, node))
                    this.add(state, node.next, i, top);
                return;
            case 'match':
                state.match = true;
                return;
            default:
                this.#addThread(state, node);
        }
    }
    addRun(state, run, i, top) {
        for (const r of state.runs) {
            if (r.neg === run.neg && sameState(r.state, run.state))
                return;
        }
        state.runs.push(run);
        if (!run.state.match) {
            this.add(state, run.neg.next, i, top);
        }
    }
    // the threads after char `c`, at index `i`
    step(state, c, i, top) {
        const next = this.state();
        for (const th of state.threads) {
            switch (th.t) {
                case 'lit':
                    if (litMatch(th, c)) {
                        this.add(next, th.next, i + 1, top);
                    }
                    break;
                case 'any':
                    if (!this.restricted(i, top))
                        this.add(next, th.next, i + 1, top);
                    break;
                case 'class':
                    if (!this.restricted(i, top) && th.re.test(c)) {
                        this.add(next, th.next, i + 1, top);
                    }
                    break;
                case 'star':
                    if (!this.restricted(i, top))
                        this.add(next, th, i + 1, top);
            }
        }
        if (!this.restricted(i, top)) {
            for (const run of state.runs) {
                // a sub-pattern with no threads can not match again, so the
                // run stays the same
                if (run.state.dead) {
                    this.addRun(next, run, i + 1, top);
                    continue;
                }
                const sub = this.step(run.state, c, i, false);
                this.addRun(next, { t: 'run', neg: run.neg, state: sub }, i + 1, top);
            }
        }
        return this.done(next);
    }
}
// A canonical key for the threads in a state. States with the same
// key hold the same threads, so they match the same strings.
const stateKey = (state) => {
    const ids = state.ids.join();
    if (!state.runs.length)
        return ids;
    const runs = state.runs.map(r => `${r.neg.id}(${stateKey(r.state)})`);
    return `${ids}|${runs.sort().join('|')}`;
};
// The cache can hold about this many chars of state keys and
// transitions. When it is full, it is cleared, so that a pattern
// can not use an unbounded amount of memory.
const DFA_BUDGET = 1 << 18;
// A cache of the states that the simulation reaches, built as the
// matcher is used. Each char of a string is then one Map lookup,
// once the states that it leads to are known.
//
// The dot rules only restrict the first char of a dotfile (strings
// that are only `.` or `..` do not use the cache). So a dotfile
// starts at its own state, which takes its first step with the
// restriction, and every other state takes steps without it.
class Dfa {
    #start;
    #states = new Map();
    #size = 0;
    #plain;
    #dotStart;
    #sim;
    #dotSim;
    constructor(start, marks) {
        this.#start = start;
        this.#sim = new Sim(false, false, marks);
        this.#dotSim = new Sim(false, true, marks);
    }
    #make(state) {
        return {
            state,
            match: state.match,
            dead: state.dead,
            next: new Map(),
        };
    }
    #intern(state) {
        const key = stateKey(state);
        const found = this.#states.get(key);
        if (found)
            return found;
        if (this.#size > DFA_BUDGET)
            this.#clear();
        const d = this.#make(state);
        this.#states.set(key, d);
        this.#size += key.length + 1;
        return d;
    }
    #clear() {
        this.#states.clear();
        this.#size = 0;
        this.#plain = undefined;
        this.#dotStart = undefined;
    }
    start(dotStart) {
        if (dotStart) {
            if (this.#dotStart)
                return this.#dotStart;
            const state = this.#dotSim.state();
            this.#dotSim.add(state, this.#start, 0, true);
            return (this.#dotStart = this.#make(this.#dotSim.done(state)));
        }
        if (this.#plain)
            return this.#plain;
        const state = this.#sim.state();
        this.#sim.add(state, this.#start, 0, true);
        return (this.#plain = this.#intern(this.#sim.done(state)));
    }
    // the next state, after a miss in `d.ascii`
    next(d, c) {
        const code = c.charCodeAt(0);
        const found = code < 128 ? undefined : d.next.get(c);
        if (found)
            return found;
        // the dotfile start is not in the cache, so it is never shared
        const n = d === this.#dotStart ?
            this.#intern(this.#dotSim.step(d.state, c, 0, true))
            : this.#intern(this.#sim.step(d.state, c, 1, true));
        if (code < 128) {
            if (!d.ascii) {
                d.ascii = new Array(128);
                this.#size += 128;
            }
            d.ascii[code] = n;
        }
        else {
            d.next.set(c, n);
        }
        this.#size++;
        return n;
    }
}
// the nodes in order, if the graph is a single chain
const linear = (start) => {
    const nodes = [];
    for (let n = start; n.t !== 'match'; n = n.next) {
        if (n.t === 'split' || n.t === 'neg')
            return undefined;
        nodes.push(n);
    }
    return nodes;
};
// Match a chain of nodes. Each node other than `*` matches exactly
// one char, so on a failure it is enough to go back to the last `*`
// and let it match one more char. This takes at most
// nodes.length * chars.length steps.
const testLinear = (nodes, chars, start, end) => {
    let ni = 0;
    let ci = start;
    let starNi = -1;
    let starCi = 0;
    while (ci < end) {
        const n = nodes[ni];
        if (n?.t === 'star') {
            starNi = ni++;
            starCi = ci;
            continue;
        }
        const c = chars[ci];
        if (n &&
            (n.t === 'any' ||
                (n.t === 'lit' && litMatch(n, c)) ||
                (n.t === 'class' && n.re.test(c)))) {
            ni++;
            ci++;
            continue;
        }
        if (starNi === -1)
            return false;
        ni = starNi + 1;
        ci = ++starCi;
    }
    while (nodes[ni]?.t === 'star')
        ni++;
    return ni === nodes.length;
};
// The least and most chars that the items can match. These are only
// bounds: a negation can match a string of any length, so it counts
// as 0 to Infinity.
const lengths = (items) => {
    let min = 0;
    let max = 0;
    for (const it of items) {
        const [lo, hi] = itemLengths(it);
        min += lo;
        max += hi;
    }
    return [min, max];
};
const itemLengths = (it) => {
    if (it.t === 'star')
        return [0, Infinity];
    if (it.t !== 'ext')
        return [1, 1];
    if (it.type === '!')
        return [0, Infinity];
    const alts = it.alts.map(lengths);
    const min = Math.min(...alts.map(a => a[0]));
    const max = Math.max(...alts.map(a => a[1]));
    // a loop of alternatives that only match the empty string is empty
    const loop = max === 0 ? 0 : Infinity;
    return (it.type === '@' ? [min, max]
        : it.type === '?' ? [0, max]
            : it.type === '*' ? [0, loop]
                : [min, loop]);
};
// true if the chars from `start` match the literals
const hasAffix = (lits, chars, start) => {
    for (let j = 0; j < lits.length; j++) {
        if (!litMatch(lits[j], chars[start + j]))
            return false;
    }
    return true;
};
// a `/`, or half of a surrogate pair
const slashOrSurrogate = /[/\ud800-\udfff]/;
const surrogate = /[\ud800-\udfff]/;
// a string can be indexed by code point, unless it has surrogate
// pairs
const codePoints = (s) => surrogate.test(s) ? [...s] : s;
const noSlash = (s) => {
    if (s.includes('/')) {
        throw new Error('can only match a single path portion, got: ' + s);
    }
};
class Matcher {
    pattern;
    options;
    #start;
    // the number of node ids
    #size;
    #marks;
    // the Sim for strings that are only `.` or `..`
    #dotsSim;
    // the string to compare, if the pattern has no magic. With
    // `nocase:true`, the RegExp that folds case is made when it is
    // first used.
    #literal;
    #literalFold = false;
    #literalRe;
    // the nodes between the prefix and suffix, if the graph is a
    // single chain
    #linear;
    // the linear nodes are only `*` and `?`, so the length bounds and
    // the prefix and suffix decide the match
    #wild = false;
    // the least and most chars that a match can have
    #min = 0;
    #max = Infinity;
    // the literals that a match must start and end with. Each one
    // matches exactly one char, and they are distinct items in the
    // pattern, so a string that does not have them can not match.
    #prefix = [];
    #suffix = [];
    // the prefix and suffix as strings, if they do not fold case
    #prefixStr;
    #suffixStr;
    // there is a prefix or suffix to check
    #affix = false;
    #dfa;
    #form;
    constructor(pattern, options = {}) {
        if (pattern.includes('/')) {
            throw new Error('can only match a single path portion, got pattern: ' + pattern);
        }
        this.pattern = pattern;
        this.options = options;
        const { nocase = false, noext = false, normalize: n } = options;
        this.#form = n === true ? 'NFC' : n || undefined;
        // a pattern that is only an empty extglob is a literal string,
        // except for `!()`, which matches any non-empty string
        const literal = /^[?*+@]\(\)$/.test(pattern);
        const toks = tokenize(pattern, nocase, noext || literal, this.#form, options.rangeMark);
        let [items] = build(toks, pair(toks), 0, toks.length, true);
        if (this.#form)
            items = normalize(items, this.#form);
        const [start, size] = compile(items, nocase);
        this.#start = start;
        this.#size = size;
        if (items.every(it => it.t === 'lit')) {
            this.#literal = items.map(it => it.ch).join('');
            this.#literalFold = nocase;
        }
        else {
            const lit = (it) => it.t !== 'lit' ? undefined
                : nocase ? { ch: it.ch, re: foldRe(it.ch) }
                    : { ch: it.ch };
            for (const it of items) {
                const l = lit(it);
                if (!l)
                    break;
                this.#prefix.push(l);
            }
            for (let j = items.length - 1; j >= 0; j--) {
                const l = lit(items[j]);
                if (!l)
                    break;
                this.#suffix.unshift(l);
            }
            this.#affix = !!(this.#prefix.length || this.#suffix.length);
            if (!nocase) {
                this.#prefixStr = this.#prefix.map(l => l.ch).join('');
                this.#suffixStr = this.#suffix.map(l => l.ch).join('');
            }
            this.#linear = linear(this.#start)?.slice(this.#prefix.length, -this.#suffix.length || undefined);
            this.#wild = !!this.#linear?.every(n => n.t === 'star' || n.t === 'any');
            const [min, max] = lengths(items);
            this.#min = min;
            this.#max = max;
        }
    }
    test(s) {
        // The `/` check uses the string as given, so with normalization it
        // is a separate step. Otherwise, one scan finds both a `/` and the
        // surrogate pairs that stop the string being indexed by code point.
        if (this.#form) {
            noSlash(s);
            return this.#test(s.normalize(this.#form));
        }
        if (slashOrSurrogate.test(s)) {
            noSlash(s);
            return this.#test(s, [...s]);
        }
        return this.#test(s, s);
    }
    /**
     * The same as {@link Matcher#test}, but the string is not checked
     * for `/` chars, so the result for a string that has one is not
     * defined. Only use it for a string that is known to be one path
     * portion, such as a part of a path that was split on `/`. It can
     * be faster, because some patterns do not need to look at each char
     * of the string.
     */
    testUnchecked(s) {
        return this.#test(this.#form ? s.normalize(this.#form) : s);
    }
    // Test a string that has no `/`. `chars` indexes it by code point.
    // If it is not given, it is only found if a step needs it.
    #test(s, chars) {
        if (this.#literal !== undefined) {
            return this.#literalFold ?
                (this.#literalRe ??= newFoldRe(this.#literal)).test(s)
                : s === this.#literal;
        }
        // the length check means that the prefix and suffix do not
        // overlap. Without the chars, the length in code points is from
        // half of the UTF-16 length (if each one is a surrogate pair) to
        // all of it, which is often enough to know.
        const min = this.#min;
        const max = this.#max;
        if (chars === undefined) {
            const most = s.length;
            const least = (most + 1) >> 1;
            if (most < min || least > max)
                return false;
            if (least < min || most > max)
                chars = codePoints(s);
        }
        if (chars !== undefined &&
            (chars.length < min || chars.length > max)) {
            return false;
        }
        const prefix = this.#prefix.length;
        if (this.#affix) {
            if (this.#prefixStr !== undefined && this.#suffixStr !== undefined) {
                if (!s.startsWith(this.#prefixStr) ||
                    !s.endsWith(this.#suffixStr)) {
                    return false;
                }
            }
            else {
                chars ??= codePoints(s);
                const end = chars.length - this.#suffix.length;
                if (!hasAffix(this.#prefix, chars, 0) ||
                    !hasAffix(this.#suffix, chars, end)) {
                    return false;
                }
            }
        }
        const dotStart = !this.options.dot && s.startsWith('.');
        if (this.#linear) {
            // `.` and `..` only match literal dots, even with `dot:true`
            if (s === '.' || s === '..')
                return false;
            // only a literal can match the leading dot. A `*` can not
            // start a dotfile, even if it matches nothing.
            if (dotStart && !prefix)
                return false;
            if (this.#wild)
                return true;
            chars ??= codePoints(s);
            const end = chars.length - this.#suffix.length;
            return testLinear(this.#linear, chars, prefix, end);
        }
        chars ??= codePoints(s);
        if (s === '.' || s === '..') {
            this.#marks ??= marks(this.#size);
            const sim = (this.#dotsSim ??= new Sim(true, false, this.#marks));
            const start = sim.state();
            sim.add(start, this.#start, 0, true);
            let state = sim.done(start);
            for (let i = 0; i < chars.length; i++) {
                state = sim.step(state, chars[i], i, true);
            }
            return state.match;
        }
        this.#marks ??= marks(this.#size);
        const dfa = (this.#dfa ??= new Dfa(this.#start, this.#marks));
        let d = dfa.start(dotStart);
        // read char codes from the string, so that a one-char string is
        // only made for a cache miss
        const str = chars === s;
        for (let i = 0; i < chars.length; i++) {
            if (d.dead)
                return false;
            const code = str ? s.charCodeAt(i) : chars[i].charCodeAt(0);
            d = d.ascii?.[code] ?? dfa.next(d, chars[i]);
        }
        return d.match;
    }
    /** a readable listing of the state machine */
    toString() {
        return show(this.#start);
    }
}

const MAX_PATTERN_LENGTH = 1024 * 64;
const assertValidPattern = (pattern) => {
    if (typeof pattern !== 'string') {
        throw new TypeError('invalid pattern');
    }
    if (pattern.length > MAX_PATTERN_LENGTH) {
        throw new TypeError('pattern is too long');
    }
};

/**
 * Escape all magic characters in a glob pattern.
 *
 * If the {@link MinimatchOptions.windowsPathsNoEscape}
 * option is used, then characters are escaped by wrapping in `[]`, because
 * a magic character wrapped in a character class can only be satisfied by
 * that exact character.  In this mode, `\` is _not_ escaped, because it is
 * not interpreted as a magic character, but instead as a path separator.
 *
 * If the {@link MinimatchOptions.magicalBraces} option is used,
 * then braces (`{` and `}`) will be escaped.
 *
 * A leading `#` or `!` is escaped as well, so that the result is never a
 * comment or a negated pattern. In `windowsPathsNoEscape` mode, a leading
 * `!` is written as `@(!)`, because `[!` starts a negated class.
 */
const escape$1 = (s, { windowsPathsNoEscape = false, magicalBraces = false, } = {}) => {
    // don't need to escape +@! because we escape the parens
    // that make those magic, and escaping ! as [!] isn't valid,
    // because [!]] is a valid glob class meaning not ']'.
    // However, at the start of the pattern, '!' negates the pattern and
    // '#' makes it a comment, so the first character is handled below.
    const e = magicalBraces ?
        windowsPathsNoEscape ? s.replace(/[?*()[\]{}]/g, '[$&]')
            : s.replace(/[?*()[\]\\{}]/g, '\\$&')
        : windowsPathsNoEscape ? s.replace(/[?*()[\]]/g, '[$&]')
            : s.replace(/[?*()[\]\\]/g, '\\$&');
    const c = e.charAt(0);
    if (c === '#') {
        return (windowsPathsNoEscape ? '[#]' : '\\#') + e.slice(1);
    }
    if (c === '!') {
        // '[!]' can not be used, because '[!' starts a negated class, and
        // '\' is a path separator in windowsPathsNoEscape mode. '@(!)'
        // matches only '!'. If extglobs are disabled with `noext`, it
        // matches nothing, rather than everything.
        return (windowsPathsNoEscape ? '@(!)' : '\\!') + e.slice(1);
    }
    return e;
};

/**
 * Un-escape a string that has been escaped with {@link escape}.
 *
 * If the {@link MinimatchOptions.windowsPathsNoEscape} option is used, then
 * square-bracket escapes are removed, but not backslash escapes.
 *
 * For example, it will turn the string `'[*]'` into `*`, but it will not
 * turn `'\\*'` into `'*'`, because `\` is a path separator in
 * `windowsPathsNoEscape` mode.
 *
 * When `windowsPathsNoEscape` is not set, then both square-bracket escapes and
 * backslash escapes are removed.
 *
 * Slashes (and backslashes in `windowsPathsNoEscape` mode) cannot be escaped
 * or unescaped.
 *
 * When `magicalBraces` is not set, escapes of braces (`{` and `}`) will not be
 * unescaped.
 */
const unescape = (s, { windowsPathsNoEscape = false, magicalBraces = true, } = {}) => {
    // escape() writes a leading '!' as '@(!)' in windowsPathsNoEscape mode
    if (windowsPathsNoEscape && s.startsWith('@(!)')) {
        return ('!' + unescape(s.slice(4), { windowsPathsNoEscape, magicalBraces }));
    }
    if (magicalBraces) {
        return windowsPathsNoEscape ?
            s.replace(/\[([^/\\])\]/g, '$1')
            : s
                .replace(/((?!\\).|^)\[([^/\\])\]/g, '$1$2')
                .replace(/\\([^/])/g, '$1');
    }
    return windowsPathsNoEscape ?
        s.replace(/\[([^/\\{}])\]/g, '$1')
        : s
            .replace(/((?!\\).|^)\[([^/\\{}])\]/g, '$1$2')
            .replace(/\\([^/{}])/g, '$1');
};

const DEFAULT_BRACE_EXPAND_MAX = 100_000;
const DEFAULT_GLOB_STAR_RECURSION_MAX = 200;
// avoid the annoying deprecation flag lol
const AWE_KEY = ('allowWindow' + 'sEscape');
const minimatch = (p, pattern, options) => {
    assertValidPattern(pattern);
    // shortcut: comments match nothing.
    if (!options?.nocomment && pattern.charAt(0) === '#') {
        return false;
    }
    return cachedMinimatch(pattern, options).match(p);
};
// The Minimatch objects that minimatch() used most recently, by options
// and then by pattern. When the cache is full, it becomes the old one,
// and the objects used from the old one are moved back to a new one.
// So it keeps 256 to 512 objects.
// The patterns can come from users, so the cache is also bounded by
// the total weight of the objects (see cacheWeight()), and an object
// that is too heavy is never kept. Otherwise a few unique patterns
// with large brace expansions would fill the heap.
let cache = new Map();
let oldCache = new Map();
let cacheSize = 0;
let cacheTotalWeight = 0;
const cacheMax = 256;
const cacheMaxWeight = 1 << 15;
const cacheMaxEntryWeight = 1 << 12;
// About the memory that a compiled object keeps: the pattern and the
// expanded patterns, of which each row in set is made.
const cacheWeight = (mm) => {
    let w = mm.pattern.length;
    for (const s of mm.globSet) {
        w += s.length + 1;
        if (w > cacheMaxEntryWeight)
            break;
    }
    return w;
};
// 0, 1 or 2 for undefined, falsy or truthy.
const tri = (v) => v === undefined ? 0
    : v ? 2
        : 1;
// The weight of each boolean option's base-3 digit in the key. The
// weights below 24 are for optimizationLevel (1), platform (3) and
// windowsPathsNoEscape (12). tsc fails here if a boolean option is
// not in the list.
const booleanWeights = new Map(Object.keys({
    nobrace: 0,
    nocomment: 0,
    nonegate: 0,
    noglobstar: 0,
    noext: 0,
    nonull: 0,
    partial: 0,
    dot: 0,
    nocase: 0,
    nocaseMagicOnly: 0,
    magicalBraces: 0,
    matchBase: 0,
    flipNegate: 0,
    preserveMultipleSlashes: 0,
    windowsNoMagicRoot: 0,
}).map((k, i) => [k, 24 * 3 ** i]));
// The cache key for a set of options. It is a number, unless an
// option is set to a value that the number can not show, such as
// normalize or an uncommon platform. Then it is a JSON string.
// The defaults give 0, the same key as no options.
// It only reads the keys that are set, so that the speed does not
// depend on the shape of the options object.
const optionsKey = (o) => {
    let n = 0;
    let wpe = false;
    // inherited keys too, because Minimatch reads them
    // oxlint-disable-next-line guard-for-in
    for (const k in o) {
        const v = o[k];
        switch (k) {
            // the same test as the Minimatch constructor
            case 'windowsPathsNoEscape':
                if (v)
                    wpe = true;
                break;
            case AWE_KEY:
                if (v === false)
                    wpe = true;
                break;
            case 'platform': {
                // the same test as the Minimatch constructor
                const p = v || defaultPlatform;
                if (p === defaultPlatform)
                    break;
                if (p === 'darwin')
                    n += 3;
                else if (p === 'win32')
                    n += 6;
                else if (p === 'linux')
                    n += 9;
                else
                    return JSON.stringify(o);
                break;
            }
            case 'optimizationLevel':
                // The same tests as Minimatch: 1 when undefined, then >= 2,
                // >= 1, or else 0. The default level 1 adds 0.
                if (v === undefined)
                    break;
                n +=
                    v >= 2 ? 1
                        : v >= 1 ? 0
                            : 2;
                break;
            case 'braceExpandMax':
                if (v !== undefined && v !== DEFAULT_BRACE_EXPAND_MAX) {
                    return JSON.stringify(o);
                }
                break;
            case 'maxGlobstarRecursion':
                if (v !== undefined && v !== DEFAULT_GLOB_STAR_RECURSION_MAX) {
                    return JSON.stringify(o);
                }
                break;
            case 'normalize':
                if (v !== undefined)
                    return JSON.stringify(o);
                break;
            default:
                // unknown keys have no weight
                n += (booleanWeights.get(k) ?? 0) * tri(v);
        }
    }
    return wpe ? n + 12 : n;
};
// A copy, so a later change to the options can not change it. Unlike
// a spread, it keeps the inherited keys, which optionsKey() and the
// Minimatch constructor also read.
const copyOptions = (o) => {
    const copy = {};
    // oxlint-disable-next-line guard-for-in
    for (const k in o)
        copy[k] = o[k];
    return copy;
};
const cachedMinimatch = (pattern, options) => {
    const key = options ? optionsKey(options) : 0;
    let mm = cache.get(key)?.get(pattern);
    if (mm)
        return mm;
    mm =
        oldCache.get(key)?.get(pattern) ??
            new Minimatch(pattern, copyOptions(options));
    const weight = cacheWeight(mm);
    // too big to keep, so it is compiled again each time
    if (weight > cacheMaxEntryWeight)
        return mm;
    if (cacheSize >= cacheMax ||
        cacheTotalWeight + weight > cacheMaxWeight) {
        oldCache = cache;
        cache = new Map();
        cacheSize = 0;
        cacheTotalWeight = 0;
    }
    let byPattern = cache.get(key);
    if (!byPattern)
        cache.set(key, (byPattern = new Map()));
    byPattern.set(pattern, mm);
    cacheSize++;
    cacheTotalWeight += weight;
    return mm;
};
/* c8 ignore start */
const defaultPlatform = (typeof process === 'object' && process ?
    process.env?.__MINIMATCH_TESTING_PLATFORM__ || process.platform
    : 'posix');
const path = {
    win32: { sep: '\\' },
    posix: { sep: '/' },
};
/* c8 ignore stop */
const sep = defaultPlatform === 'win32' ? path.win32.sep : path.posix.sep;
minimatch.sep = sep;
const GLOBSTAR$1 = Symbol('globstar **');
minimatch.GLOBSTAR = GLOBSTAR$1;
const filter = (pattern, options) => {
    let mm;
    return (p) => (mm ??= cachedMinimatch(pattern, options)).match(p);
};
minimatch.filter = filter;
const ext = (a, b = {}) => Object.assign({}, a, b);
const defaults = (def) => {
    if (!def || typeof def !== 'object' || !Object.keys(def).length) {
        return minimatch;
    }
    const orig = minimatch;
    const m = (p, pattern, options = {}) => orig(p, pattern, ext(def, options));
    return Object.assign(m, {
        Minimatch: class Minimatch extends orig.Minimatch {
            constructor(pattern, options = {}) {
                super(pattern, ext(def, options));
            }
            static defaults(options) {
                return orig.defaults(ext(def, options)).Minimatch;
            }
        },
        unescape: (s, options = {}) => orig.unescape(s, ext(def, options)),
        escape: (s, options = {}) => orig.escape(s, ext(def, options)),
        filter: (pattern, options = {}) => orig.filter(pattern, ext(def, options)),
        defaults: (options) => orig.defaults(ext(def, options)),
        braceExpand: (pattern, options = {}) => orig.braceExpand(pattern, ext(def, options)),
        match: (list, pattern, options = {}) => orig.match(list, pattern, ext(def, options)),
        sep: orig.sep,
        GLOBSTAR: GLOBSTAR$1,
    });
};
minimatch.defaults = defaults;
// Brace expansion:
// a{b,c}d -> abd acd
// a{b,}c -> abc ac
// a{0..3}d -> a0d a1d a2d a3d
// a{b,c{d,e}f}g -> abg acdfg acefg
// a{b,c}d{e,f}g -> abdeg acdeg abdeg abdfg
//
// Invalid sets are not expanded.
// a{2..}b -> a{2..}b
// a{b}c -> a{b}c
const braceExpand = (pattern, options = {}) => {
    assertValidPattern(pattern);
    // Thanks to Yeting Li <https://github.com/yetingli> for
    // improving this regexp to avoid a ReDOS vulnerability.
    if (options.nobrace || !/\{(?:(?!\{).)*\}/.test(pattern)) {
        // shortcut. no need to expand.
        return [pattern];
    }
    // brace-expansion turns each escaped backslash '\\' into a single '\',
    // which then escapes the next character instead, and can turn an
    // escaped magic character (for example '\\\*') into a live one.
    // Double every pair, so an escaped backslash comes back out still
    // escaped. The parity of each run of backslashes is unchanged.
    let p = pattern.replace(/\\\\/g, '\\\\\\\\');
    // brace-expansion does not know about [...] classes. In
    // windowsPathsNoEscape mode, escape() writes a literal brace as '[{]'
    // or '[}]'. Escape the brace for brace-expansion, which removes that
    // backslash again, leaving '[{]' or '[}]'.
    if (options.windowsPathsNoEscape || options[AWE_KEY] === false) {
        p = p.replace(/\[([{}])\]/g, '[\\$1]');
    }
    return expand(p, { max: options.braceExpandMax });
};
minimatch.braceExpand = braceExpand;
// A numeric range with at least this many values is matched as one
// pattern portion, rather than expanded. For a glob walk, that is
// one directory read, in place of a stat for each value.
const RANGE_MIN = 100;
// a {lo..hi} range that is not escaped, and not a ${...} variable
const rangeRe = /(?<![\\$])\{(-?\d+)\.\.(-?\d+)\}/g;
// true if a range mark in this portion is inside a `!(...)`,
// `*(...)` or `+(...)` extglob. Those repeat or negate their
// contents, so one Matcher for the whole range does not match the
// same strings as the union of one pattern per value. For example,
// `*({1..100})` would match `510` as `5` then `10`, and `!({1..100})`
// would not match `5`, but every expanded pattern except `!(5)` does.
// `@(...)` and `?(...)` are fine: they pick one value at most.
const inRepeatOrNegExt = (portion, mark) => {
    const stack = [];
    for (let i = 0; i < portion.length; i++) {
        const c = portion.charAt(i);
        if (c === '\\') {
            i++;
        }
        else if (c === mark) {
            if (stack.some(t => t !== '@' && t !== '?'))
                return true;
        }
        else if (portion.charAt(i + 1) === '(' && '!?+*@'.includes(c)) {
            stack.push(c);
            i++;
        }
        else if (c === ')') {
            stack.pop();
        }
    }
    return false;
};
const match = (list, pattern, options = {}) => {
    const mm = new Minimatch(pattern, options);
    list = list.filter(f => mm.match(f));
    if (mm.options.nonull && !list.length) {
        list.push(pattern);
    }
    return list;
};
minimatch.match = match;
const globMagic = /[?*]|[+@!]\(.*?\)|\[|\]/;
// Index of the `]` that closes the class that starts at `start`,
// or -1 if it is not closed. Posix classes such as `[:alpha:]` are
// not skipped, so this can find a `]` before the real end. That
// only makes a class look less like a literal.
const classEnd = (pattern, start) => {
    let i = start + 1;
    if (pattern.charAt(i) === '!' || pattern.charAt(i) === '^')
        i++;
    let sawStart = false;
    for (; i < pattern.length; i++) {
        const c = pattern.charAt(i);
        if (c === ']' && sawStart)
            return i;
        sawStart = true;
        if (c === '\\')
            i++;
    }
    return -1;
};
// If a path portion pattern has no magic, return the string it
// matches. Otherwise, return undefined. This can report magic for
// a pattern that is in fact literal (eg, `[]`), but never the
// reverse, so a string result is always safe to compare directly.
const literal = (pattern, noext) => {
    if (!noext && (pattern === '+()' || pattern === '@()'))
        return pattern;
    let lit = '';
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charAt(i);
        if (c === '\\') {
            // a trailing \ is a literal \
            lit += pattern.charAt(++i) || c;
        }
        else if (c === '*' || c === '?') {
            return undefined;
        }
        else if (c === '[') {
            const close = classEnd(pattern, i);
            if (close === -1) {
                // not closed, so the [ is a literal
                lit += c;
                continue;
            }
            // a class of one char, such as `[*]` or `[\b]`, is a literal
            let body = pattern.slice(i + 1, close);
            if (body.startsWith('\\'))
                body = body.slice(1);
            if ([...body].length !== 1 || '!^'.includes(pattern.charAt(i + 1))) {
                return undefined;
            }
            lit += body;
            i = close;
        }
        else if (!noext &&
            '+@!'.includes(c) &&
            pattern.charAt(i + 1) === '(' &&
            pattern.includes(')', i + 2)) {
            return undefined;
        }
        else {
            lit += c;
        }
    }
    return lit;
};
// The matching engine compiles and walks extglobs recursively, so a
// path portion with very many extglobs (nested, such as `*(*(*(a)))`,
// or in a row, such as `?(a)?(a)?(a)`) can exhaust the call stack.
// Portions with more than this many extglobs are rejected.
const MAX_EXTGLOBS = 256;
// The number of extglob openers, such as `*(`, in a path portion
// pattern. Chars in a class are counted too, so this can be more than
// the number of extglobs, but never less.
const extglobCount = (pattern) => {
    let n = 0;
    for (let i = 0; i < pattern.length - 1; i++) {
        const c = pattern.charAt(i);
        if (c === '\\') {
            i++;
        }
        else if ('+@!?*'.includes(c) && pattern.charAt(i + 1) === '(') {
            n++;
            i++;
        }
    }
    return n;
};
const assertValidExtglobs = (pattern) => {
    if (extglobCount(pattern) > MAX_EXTGLOBS) {
        throw new TypeError('pattern has too many extglobs');
    }
};
// True if the portion pattern has the same meaning as an alternative
// inside `@(...)`. It must not have a `|` or `)` that is not in a
// closed extglob (those are literal at the top level), an extglob
// that is not closed (the `)` of the `@(...)` would close it), or a
// trailing `\` (it would escape the next `|`). A pattern that is
// only an empty extglob, such as `?()`, is literal on its own, but
// not in `@(...)`. Posix classes such as `[:alpha:]` can hide a `]`
// from classEnd, so patterns with them are not merged.
const extSafe = (pattern) => {
    if (/^[?*+@]\(\)$/.test(pattern) || pattern.includes('[:'))
        return false;
    let depth = 0;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charAt(i);
        if (c === '\\') {
            if (++i === pattern.length)
                return false;
        }
        else if (c === '[') {
            const close = classEnd(pattern, i);
            if (close !== -1)
                i = close;
        }
        else if ('+@!?*'.includes(c) && pattern.charAt(i + 1) === '(') {
            depth++;
            i++;
        }
        else if (c === ')') {
            if (!depth--)
                return false;
        }
        else if (c === '|' && !depth) {
            return false;
        }
    }
    return !depth;
};
// The last path that Minimatch#match split, and its parts. A path is
// often tested against many patterns in a row (such as a list of
// ignore patterns), so this saves splitting it again. The parts are
// never changed, so they can be shared.
let lastSplit;
// The last path that Minimatch#match checked before splitting it. If
// the same path is checked again, it is being tested against many
// patterns, so it is split and the parts are kept for the others.
let lastChecked;
// true if a pattern portion that is not ** matches a path portion.
// An empty path portion only matches an empty pattern portion. A path
// portion never has a `/`, so the Matcher does not need to check it.
const portionMatch = (p, f) => typeof p === 'string' ? f === p : f !== '' && p.testUnchecked(f);
// Where the last portion of a row matches in a path: the start of the
// last portion of the path, or of the one before a trailing `/`. -1 if
// it matches neither.
const endIndex = (p, last, lastStart, prev, prevStart) => portionMatch(p, last) ? lastStart
    : prev !== undefined && portionMatch(p, prev) ? prevStart
        : -1;
const isDots = (p) => p === '.' || p === '..';
// a Windows drive letter portion, like `c:`
const isDrive = (p) => typeof p === 'string' && /^[a-z]:$/i.test(p);
// true for the `UNC` portion of a long UNC root, //?/UNC/host/share
const isLongUNC = (p) => typeof p === 'string' && /^unc$/i.test(p);
// The index of the host in a row or split path that starts with a
// Windows UNC root: 2 for `//host/share`, and 4 for
// `//?/UNC/host/share`. Otherwise -1. `//?/c:` is not one.
const uncHost = (p) => {
    if (p[0] !== '' || p[1] !== '')
        return -1;
    const h = p[2] !== '?' ? 2
        : isLongUNC(p[3]) ? 4
            : -1;
    const host = p[h];
    const share = p[h + 1];
    return (h !== -1 &&
        host !== undefined &&
        host !== '' &&
        host !== GLOBSTAR$1 &&
        share !== undefined &&
        share !== '' &&
        share !== GLOBSTAR$1) ?
        h
        : -1;
};
// true if ** can walk the path portion: not `.` or `..`, and not a
// dotfile unless `dot` is set
const walkable = (p, dot) => !isDots(p) && (dot || !p.startsWith('.'));
// True if a portion of the path from `start` to `end` can not be
// walked by **: one that starts with `.`, or with `dot`, one that is
// `.` or `..`. `start` is the start of a portion, and `end` is the end
// of the path, or just after a separator.
const dotPortion = (f, start, end, dot, sep) => {
    for (let k = start; k < end;) {
        if (f.charCodeAt(k) === 46) {
            if (!dot)
                return true;
            const n = f.charCodeAt(k + 1) === 46 ? k + 2 : k + 1;
            if (n >= end || isSep(f.charCodeAt(n), sep))
                return true;
        }
        // the start of the next portion, after any run of separators
        const s = nextSep(f, k, sep);
        if (s === -1)
            return false;
        k = s + 1;
        while (k < end && isSep(f.charCodeAt(k), sep))
            k++;
    }
    return false;
};
const isSep = (c, sep) => sep === '/' ? c === 47
    : sep === '\\' ? c === 92
        : c === 47 || c === 92;
// the index of the first separator at or after `from`, or -1
const nextSep = (f, from, sep) => {
    if (sep !== 'both')
        return f.indexOf(sep, from);
    const s = f.indexOf('/', from);
    const b = f.indexOf('\\', from);
    return (s === -1 ? b
        : b === -1 ? s
            : Math.min(s, b));
};
// the index of the last separator at or before `from`, or -1
const lastSep = (f, from, sep) => sep !== 'both' ?
    f.lastIndexOf(sep, from)
    : Math.max(f.lastIndexOf('/', from), f.lastIndexOf('\\', from));
// What parse() returns in place of a Matcher while make() builds and
// merges the rows. Most of the Matchers in rows that are merged would
// never be used, so they are only made for the rows that are left.
const PENDING = {};
class Minimatch {
    options;
    set;
    pattern;
    windowsPathsNoEscape;
    nonegate;
    negate;
    comment;
    empty;
    preserveMultipleSlashes;
    partial;
    globSet;
    globParts;
    nocase;
    isWindows;
    platform;
    windowsNoMagicRoot;
    maxGlobstarRecursion;
    // the path can be checked against the last portion, and the string
    // portions, of each row before it is split. See #canMatch.
    #endCheck;
    #literalCheck;
    // level 2 resolves `.` and `..` portions in the path
    #level2;
    // the unicode normalization form, if any
    #form;
    // the string portions of each row in the set
    #literals = [];
    // the rows that #canMatch can match without splitting the path
    #shapes = [];
    // the rows whose last portion can be checked against the path's
    #endRows = [];
    // brace expansion can make the same portion in many rows, so they
    // share one Matcher, and the states that it caches
    #matchers = new Map();
    // parse() returns PENDING in place of a Matcher
    #pending = false;
    // the char that marks numeric ranges in globSet, if any
    #rangeMark;
    // the GlobstarParts of each pattern row, by start index and partial
    #globstarParts = new WeakMap();
    constructor(pattern, options = {}) {
        assertValidPattern(pattern);
        options = options || {};
        this.options = options;
        this.maxGlobstarRecursion =
            options.maxGlobstarRecursion ?? DEFAULT_GLOB_STAR_RECURSION_MAX;
        this.pattern = pattern;
        this.platform = options.platform || defaultPlatform;
        this.isWindows = this.platform === 'win32';
        this.windowsPathsNoEscape =
            !!options.windowsPathsNoEscape || options[AWE_KEY] === false;
        if (this.windowsPathsNoEscape) {
            this.pattern = this.pattern.replace(/\\/g, '/');
        }
        this.preserveMultipleSlashes = !!options.preserveMultipleSlashes;
        this.negate = false;
        this.nonegate = !!options.nonegate;
        this.comment = false;
        this.empty = false;
        this.partial = !!options.partial;
        this.nocase = !!this.options.nocase;
        this.windowsNoMagicRoot =
            options.windowsNoMagicRoot !== undefined ?
                options.windowsNoMagicRoot
                : !!(this.isWindows && this.nocase);
        this.globSet = [];
        this.globParts = [];
        this.set = [];
        this.#endCheck = !this.preserveMultipleSlashes;
        this.#level2 = (options.optimizationLevel ?? 1) >= 2;
        const n = options.normalize;
        this.#form = n === true ? 'NFC' : n || undefined;
        // make the set of Matchers etc.
        this.make();
        // On Windows, the portions of a row up to its drive letter or UNC
        // share are skipped or compared without case, if the path has one
        // too. So the checks only use the portions after it.
        const drives = this.set.map(row => this.#rootIndex(row));
        this.#endRows = this.set.map((row, r) => this.#endCheck && row.length - 1 > drives[r]);
        // with the end check, the last portion is already checked
        this.#literals = this.set.map((row, r) => {
            const end = this.#endRows[r] ? row.length - 1 : row.length;
            const lits = row
                .slice(drives[r] + 1, end)
                .filter((p) => typeof p === 'string' && !!p);
            return [...new Set(lits)];
        });
        this.#literalCheck = this.#literals.some(l => l.length);
        this.#shapes = this.set.map((row, r) => {
            const [p0, p1, p2] = row;
            if (this.#endRows[r] && row.length === 2) {
                if (p0 === GLOBSTAR$1 && p1 !== GLOBSTAR$1)
                    return 'tail';
            }
            // the basename of a path that is split on / is its last portion,
            // or the one before a trailing /, the same as the end check
            if (this.#endRows[r] &&
                options.matchBase &&
                row.length === 1 &&
                p0 !== GLOBSTAR$1 &&
                p0 !== '') {
                return 'base';
            }
            // the portion must not be a root, or '', which can be a
            // different portion on Windows (where //x paths get an extra '')
            if (!this.#endCheck || drives[r] !== -1)
                return undefined;
            if (row.length === 3 &&
                p0 === GLOBSTAR$1 &&
                p2 === GLOBSTAR$1 &&
                p1 !== GLOBSTAR$1 &&
                p1 !== '' &&
                // the portion between is only matched below this limit
                this.maxGlobstarRecursion > 0) {
                return 'mid';
            }
            if (row.length === 2 &&
                p1 === GLOBSTAR$1 &&
                p0 !== GLOBSTAR$1 &&
                p0 !== '') {
                return 'head';
            }
            return undefined;
        });
    }
    // a string portion of a pattern, normalized if the option is set
    #norm(p) {
        return this.#form ? p.normalize(this.#form) : p;
    }
    // On Windows, the index of the last root portion of a row, as
    // #matchRow finds it: 0 for `c:/...`, 3 for `//?/c:/...` and
    // `//host/share/...`, and 5 for `//?/UNC/host/share/...`. Otherwise
    // -1.
    #rootIndex(row) {
        if (!this.isWindows)
            return -1;
        if (isDrive(row[0]))
            return 0;
        const uncDrive = row[0] === '' && row[1] === '' && row[2] === '?' && isDrive(row[3]);
        if (uncDrive)
            return 3;
        const h = uncHost(row);
        return h === -1 ? -1 : h + 1;
    }
    hasMagic() {
        if (this.options.magicalBraces && this.set.length > 1) {
            return true;
        }
        for (const pattern of this.set) {
            for (const part of pattern) {
                if (typeof part !== 'string')
                    return true;
            }
        }
        return false;
    }
    make() {
        const pattern = this.pattern;
        const options = this.options;
        // empty patterns and comments match nothing.
        if (!options.nocomment && pattern.charAt(0) === '#') {
            this.comment = true;
            return;
        }
        if (!pattern) {
            this.empty = true;
            return;
        }
        // step 1: figure out negation, etc.
        this.parseNegate();
        // step 2: expand braces
        this.globSet = [...new Set(this.#expandBraces())];
        // step 3: now we have a set, so turn each one into a series of
        // path-portion matching patterns.
        // These will be Matchers, except in the case of "**", which is
        // set to the GLOBSTAR object for globstar behavior,
        // and will not contain any / characters
        //
        // First, we preprocess to make the glob pattern sets a bit simpler
        // and deduped.  There are some perf-killing patterns that can cause
        // problems with a glob walk, but we can simplify them down a bit.
        const rawGlobParts = this.globSet.map(s => this.#slashSplit(s));
        this.globParts = this.preprocess(rawGlobParts);
        // glob --> Matchers
        this.#pending = true;
        let set = this.globParts.map((s, _, __) => {
            if (this.isWindows && this.windowsNoMagicRoot) {
                // check if it's a drive or unc path. The root of a long UNC
                // path, //?/UNC/host/share, is 6 portions.
                const n = s[2] === '?' && isLongUNC(s[3]) ? 6 : 4;
                const isUNC = s[0] === '' &&
                    s[1] === '' &&
                    (s[2] === '?' || !globMagic.test(s[2])) &&
                    s.slice(3, n).every(p => !globMagic.test(p));
                const isDrive = /^[a-z]:/i.test(s[0]);
                if (isUNC) {
                    return [
                        ...s.slice(0, n).map(p => this.#norm(p)),
                        ...s.slice(n).map(ss => this.parse(ss)),
                    ];
                }
                else if (isDrive) {
                    return [
                        this.#norm(s[0]),
                        ...s.slice(1).map(ss => this.parse(ss)),
                    ];
                }
            }
            return s.map(ss => this.parse(ss));
        });
        // filter out everything that didn't compile properly.
        this.set = set.filter(s => s.indexOf(false) === -1);
        // do not treat the ? in UNC paths as magic
        if (this.isWindows) {
            for (let i = 0; i < this.set.length; i++) {
                const p = this.set[i];
                if (p[0] === '' &&
                    p[1] === '' &&
                    this.globParts[i][2] === '?' &&
                    (isDrive(p[3]) || isLongUNC(this.globParts[i][3]))) {
                    if (isLongUNC(this.globParts[i][3]))
                        p[3] = 'UNC';
                    p[2] = '?';
                }
            }
        }
        // with noext, `@(...)` would be literal
        if (!options.noext)
            this.mergeRows();
        this.#pending = false;
        this.set.forEach((row, i) => {
            for (let k = 0; k < row.length; k++) {
                if (row[k] === PENDING) {
                    row[k] = this.parse(this.globParts[i][k]);
                }
            }
        });
    }
    // Merge rows that only differ in one portion, where each of them
    // is a Matcher, into one row that matches any of them with
    // `@(a|b|...)`. Then a path is only walked once for all of them,
    // for example with `**/*.{js,ts}`.
    mergeRows() {
        let merged = true;
        while (merged) {
            merged = false;
            // a single row cannot be merged with anything
            if (this.set.length < 2)
                return;
            let keys = this.#mergeKeys();
            const len = Math.max(0, ...this.set.map(r => r.length));
            for (let k = 0; k < len; k++) {
                // the rows that are the same other than at portion k, keyed
                // by the ids of the parts before k and the parts after k,
                // which are at most the number of rows
                const groups = new Map();
                const R = this.set.length + 1;
                this.set.forEach((row, i) => {
                    if (!(row[k] instanceof Matcher || row[k] === PENDING) ||
                        !extSafe(this.globParts[i][k])) {
                        return;
                    }
                    const { pre, suf } = keys[i];
                    const key = pre[k] * R + suf[k + 1];
                    const g = groups.get(key);
                    if (g)
                        g.push(i);
                    else
                        groups.set(key, [i]);
                });
                const drop = new Set();
                for (const g of groups.values()) {
                    if (g.length < 2)
                        continue;
                    const [first, ...rest] = g;
                    const alts = g.map(i => this.globParts[i][k]);
                    const glob = `@(${alts.join('|')})`;
                    // merging is only an optimization, so leave the rows as they
                    // are if the merged portion would have too many extglobs
                    if (extglobCount(glob) > MAX_EXTGLOBS)
                        continue;
                    this.globParts[first][k] = glob;
                    this.set[first][k] = this.parse(glob);
                    for (const i of rest)
                        drop.add(i);
                }
                if (drop.size) {
                    merged = true;
                    this.set = this.set.filter((_, i) => !drop.has(i));
                    this.globParts = this.globParts.filter((_, i) => !drop.has(i));
                    // every merge drops a row, so this happens at most once per row
                    if (this.set.length < 2)
                        return;
                    keys = this.#mergeKeys();
                }
            }
        }
    }
    // For each row, number ids for its prefixes and suffixes, such that
    // pre[k] identifies parts[0..k) and suf[k] identifies parts[k..n).
    // Two rows are the same other than at portion k exactly when they
    // have the same pre[k] and suf[k + 1]. This is linear in the size of
    // the rows, where joining the whole row for every k was quadratic.
    #mergeKeys() {
        const partIds = new Map();
        const ids = this.globParts.map(parts => parts.map(s => {
            let id = partIds.get(s);
            if (id === undefined)
                partIds.set(s, (id = partIds.size));
            return id;
        }));
        // ids are only compared at the same k, so they are numbered per
        // portion, with 0 for the empty prefix or suffix. Then they are
        // at most the number of rows, and id * P + part id is a safe
        // integer key for any set that fits in memory.
        const P = partIds.size;
        const len = Math.max(0, ...ids.map(r => r.length));
        const keys = ids.map(r => ({
            pre: [0],
            suf: new Array(r.length + 1).fill(0),
        }));
        for (let k = 0; k < len; k++) {
            const m = new Map();
            ids.forEach((r, i) => {
                if (k >= r.length)
                    return;
                const { pre } = keys[i];
                const key = pre[k] * P + r[k];
                let id = m.get(key);
                if (id === undefined)
                    m.set(key, (id = m.size + 1));
                pre.push(id);
            });
        }
        for (let k = len - 1; k >= 0; k--) {
            const m = new Map();
            ids.forEach((r, i) => {
                if (k >= r.length)
                    return;
                const { suf } = keys[i];
                const key = suf[k + 1] * P + r[k];
                let id = m.get(key);
                if (id === undefined)
                    m.set(key, (id = m.size + 1));
                suf[k] = id;
            });
        }
        return keys;
    }
    // various transforms to equivalent pattern sets that are
    // faster to process in a filesystem walk.  The goal is to
    // eliminate what we can, and push all ** patterns as far
    // to the right as possible, even if it increases the number
    // of patterns that we have to process.
    preprocess(globParts) {
        // if we're not in globstar mode, then turn ** into *
        if (this.options.noglobstar) {
            for (const partset of globParts) {
                for (let j = 0; j < partset.length; j++) {
                    if (partset[j] === '**') {
                        partset[j] = '*';
                    }
                }
            }
        }
        const { optimizationLevel = 1 } = this.options;
        if (optimizationLevel >= 2) {
            // aggressive optimization for the purpose of fs walking
            globParts = this.firstPhasePreProcess(globParts);
            globParts = this.secondPhasePreProcess(globParts);
        }
        else if (optimizationLevel >= 1) {
            // just basic optimizations to remove some .. parts
            globParts = this.levelOneOptimize(globParts);
        }
        else {
            // just collapse multiple ** portions into one
            globParts = this.adjascentGlobstarOptimize(globParts);
        }
        return globParts;
    }
    // just get rid of adjascent ** portions
    adjascentGlobstarOptimize(globParts) {
        return globParts.map(parts => {
            let gs = -1;
            while (-1 !== (gs = parts.indexOf('**', gs + 1))) {
                let i = gs;
                while (parts[i + 1] === '**') {
                    i++;
                }
                if (i !== gs) {
                    parts.splice(gs, i - gs);
                }
            }
            return parts;
        });
    }
    // get rid of adjascent ** and resolve .. portions
    levelOneOptimize(globParts) {
        return globParts.map(parts => {
            // .. can not remove the root of a Windows path
            const root = this.#rootIndex(parts) + 1;
            parts = parts.reduce((set, part) => {
                const prev = set[set.length - 1];
                if (part === '**' && prev === '**') {
                    return set;
                }
                if (part === '..') {
                    if (set.length > root &&
                        prev &&
                        prev !== '..' &&
                        prev !== '.' &&
                        prev !== '**') {
                        set.pop();
                        return set;
                    }
                }
                set.push(part);
                return set;
            }, []);
            return parts.length === 0 ? [''] : parts;
        });
    }
    // Check the path against each row before it is split. 'no' if no
    // row can match, so it does not need to be split. 'yes' if a row of
    // `**` and one more portion matches. 'maybe' if it must be split to
    // know. None of this applies with partial, where the path can end
    // before the row does.
    //
    // On Windows, `\` is a separator in the path too, and the portions of
    // a row up to its drive letter or UNC share are not checked (see
    // #rootIndex).
    //
    // Each string portion of a row must be a portion of the path, so the
    // path must contain it. Level 2 can only take portions out of the
    // path, so this is still true then.
    //
    // The last portion of a row must match the last portion of the path,
    // or the one before a trailing `/` (as a/* and a/**/* match a/b/).
    // This does not apply to rows that end in **, rows that end in a
    // root, or preserveMultipleSlashes (which can leave more
    // than one '' at the end). At level 2, it does not apply if that
    // portion is `.` or `..`, which can be
    // resolved away. Level 2 only takes other portions out of the
    // middle of the path.
    //
    // A row of `**/x` then matches if the ** can walk the portions
    // before the one that x matches, the same as #matchGlobstar. At
    // level 2, this is only known if none of them are `.` or `..`, so
    // that the path does not change when it is resolved.
    #canMatch(f) {
        const sep = !this.isWindows || !f.includes('\\') ? '/'
            : f.includes('/') ? 'both'
                : '\\';
        // the portions that f.split(/\/+/) would end with, and where they
        // start in f, found when a row needs them. `ends` is 0 until they
        // are found, then 1, or -1 if they can not be used.
        let ends = this.#endCheck ? 0 : -1;
        let last = '';
        let lastStart = 0;
        let prev;
        let prevStart = 0;
        const dot = !!this.options.dot;
        // A string compare is cheaper than includes(), and a Matcher test
        // costs more, so the cheaper check goes first.
        ROWS: for (let r = 0; r < this.set.length; r++) {
            const row = this.set[r];
            const p = row[row.length - 1];
            let end = ends !== -1 && this.#endRows[r] && p !== GLOBSTAR$1;
            if (end && ends === 0) {
                const i = lastSep(f, f.length, sep);
                lastStart = i + 1;
                last = f.slice(lastStart);
                if (last === '' && i >= 0) {
                    let j = i;
                    while (j > 0 && isSep(f.charCodeAt(j - 1), sep))
                        j--;
                    prevStart = j === 0 ? 0 : lastSep(f, j - 1, sep) + 1;
                    prev = f.slice(prevStart, j);
                }
                const resolves = this.#level2 &&
                    (isDots(last) ||
                        (last === '' && prev !== undefined && isDots(prev)));
                ends = resolves ? -1 : 1;
                end = !resolves;
            }
            let tailStart = -1;
            if (end && typeof p === 'string') {
                tailStart = endIndex(p, last, lastStart, prev, prevStart);
                if (tailStart === -1)
                    continue;
            }
            if (this.#literalCheck) {
                for (const l of this.#literals[r]) {
                    if (!f.includes(l))
                        continue ROWS;
                }
            }
            if (end && typeof p === 'object') {
                tailStart = endIndex(p, last, lastStart, prev, prevStart);
                if (tailStart === -1)
                    continue;
            }
            const shape = this.#shapes[r];
            if (shape === 'base' && end)
                return 'yes';
            if (shape === 'tail' && end) {
                if (this.#level2 && dotPortion(f, 0, tailStart, true, sep)) {
                    return 'maybe';
                }
                if (!dotPortion(f, 0, tailStart, dot, sep))
                    return 'yes';
                continue;
            }
            if (shape === 'mid' || shape === 'head') {
                const m = this.#walk(f, row, shape === 'head', dot, sep);
                if (m !== 'no')
                    return m;
                continue;
            }
            return 'maybe';
        }
        return 'no';
    }
    // Match a row of a known shape against the split path, the same as
    // #matchGlobstar and #matchGlobStarBodySections do. None of these
    // rows have a drive letter, so they start at the first portion.
    #matchShape(file, row, shape) {
        const dot = !!this.options.dot;
        const n = file.length;
        if (shape === 'head') {
            // x, then at least one portion that ** can walk
            if (n < 2 || !portionMatch(row[0], file[0])) {
                return false;
            }
            for (let i = 1; i < n; i++)
                if (!walkable(file[i], dot))
                    return false;
            return true;
        }
        const x = row[1];
        if (shape === 'tail') {
            // x is the last portion, or the one before a trailing ''
            let t = n - 1;
            if (!portionMatch(x, file[t])) {
                if (file[t] !== '' || n === 1 || !portionMatch(x, file[--t])) {
                    return false;
                }
            }
            for (let i = 0; i < t; i++)
                if (!walkable(file[i], dot))
                    return false;
            return true;
        }
        // mid: the first x that ** can walk to, with a portion after it,
        // and ** can walk all of those
        for (let k = 0; k < n; k++) {
            if (portionMatch(x, file[k]) && k + 1 < n) {
                let i = k + 1;
                while (i < n && walkable(file[i], dot))
                    i++;
                if (i === n)
                    return true;
            }
            if (!walkable(file[k], dot))
                return false;
        }
        return false;
    }
    // Match a row of `**/x/**` or `x/**` against the path, the same as
    // #matchGlobstar and #matchGlobStarBodySections do once it is split.
    // x must match a portion (the first one, for `x/**`), the ** before
    // it must be able to walk the portions before that one, and there
    // must be a portion after it, which the ** after it can walk. At
    // level 2, this is only known if no portion is `.` or `..`.
    #walk(f, row, head, dot, sep) {
        if (this.#level2 && dotPortion(f, 0, f.length, true, sep))
            return 'maybe';
        const x = row[head ? 0 : 1];
        // the last portion has none after it, so it can not be x
        let s = 0;
        for (let e = nextSep(f, s, sep); e !== -1; e = nextSep(f, s, sep)) {
            // the start of the next portion
            let next = e + 1;
            while (next < f.length && isSep(f.charCodeAt(next), sep))
                next++;
            const hit = typeof x === 'string' ?
                e - s === x.length && f.startsWith(x, s)
                : e > s && x.testUnchecked(f.slice(s, e));
            if (hit && !dotPortion(f, next, f.length, dot, sep))
                return 'yes';
            if (head || dotPortion(f, s, next, dot, sep))
                return 'no';
            s = next;
        }
        return 'no';
    }
    // the last split, if it was the same path with the same split
    // settings
    #cachedSplit(f) {
        const last = lastSplit;
        return (last?.f === f &&
            last.isWindows === this.isWindows &&
            last.preserveMultipleSlashes === this.preserveMultipleSlashes &&
            last.normalize === this.#form) ?
            last
            : undefined;
    }
    // split a path for match(), and keep the parts for the next call
    #split(f) {
        const { isWindows, preserveMultipleSlashes } = this;
        // windows: need to use /, not \
        let parts = this.#slashSplit(isWindows ? f.split('\\').join('/') : f);
        // normalize each portion, so that a char that normalizes to `/`
        // does not make a new portion
        const normalize = this.#form;
        if (normalize)
            parts = parts.map(p => p.normalize(normalize));
        lastSplit = {
            f,
            isWindows,
            preserveMultipleSlashes,
            normalize,
            parts,
        };
        return lastSplit;
    }
    // resolve `.` and `..` portions of a path, for level 2
    #levelTwoFileOptimize(file) {
        // work on a copy, so that the cached parts do not change
        const parts = [...file];
        let didSomething = false;
        do {
            didSomething = false;
            // <pre>/<e>/<rest> -> <pre>/<rest>
            if (!this.preserveMultipleSlashes) {
                for (let i = 1; i < parts.length - 1; i++) {
                    const p = parts[i];
                    // don't squeeze out UNC patterns
                    if (i === 1 && p === '' && parts[0] === '')
                        continue;
                    if (p === '.' || p === '') {
                        didSomething = true;
                        parts.splice(i, 1);
                        i--;
                    }
                }
                if (parts[0] === '.' &&
                    parts.length === 2 &&
                    (parts[1] === '.' || parts[1] === '')) {
                    didSomething = true;
                    parts.pop();
                }
            }
            // <pre>/<p>/../<rest> -> <pre>/<rest>
            // .. can not remove the root of a Windows path
            const root = this.#rootIndex(parts) + 1;
            let dd = root;
            while (-1 !== (dd = parts.indexOf('..', dd + 1))) {
                const p = parts[dd - 1];
                if (p && p !== '.' && p !== '..' && p !== '**') {
                    didSomething = true;
                    parts.splice(dd - 1, 2);
                    dd = Math.max(dd - 2, root);
                }
            }
        } while (didSomething);
        return parts.length === 0 ? [''] : parts;
    }
    // First phase: single-pattern processing
    // <pre> is 1 or more portions
    // <rest> is 1 or more portions
    // <p> is any portion other than ., .., '', or **
    // <e> is . or ''
    //
    // **/.. is *brutal* for filesystem walking performance, because
    // it effectively resets the recursive walk each time it occurs,
    // and ** cannot be reduced out by a .. pattern part like a regexp
    // or most strings (other than .., ., and '') can be.
    //
    // <pre>/**/../<p>/<p>/<rest> -> {<pre>/../<p>/<p>/<rest>,<pre>/**/<p>/<p>/<rest>}
    // <pre>/<e>/<rest> -> <pre>/<rest>
    // <pre>/<p>/../<rest> -> <pre>/<rest>
    // **/**/<rest> -> **/<rest>
    //
    // **/*/<rest> -> */**/<rest> <== not valid because ** doesn't follow
    // this WOULD be allowed if ** did follow symlinks, or * didn't
    firstPhasePreProcess(globParts) {
        // each **/.. split doubles the patterns, and adds a copy of the
        // whole pattern. Throw if either gets too large. A partial split
        // would match some paths and not others, depending on which rows
        // the pass reached first.
        const { braceExpandMax = DEFAULT_BRACE_EXPAND_MAX } = this.options;
        let splitCells = 0;
        const maxSplitCells = 1_000_000;
        let didSomething = false;
        do {
            didSomething = false;
            // <pre>/**/../<p>/<p>/<rest> -> {<pre>/../<p>/<p>/<rest>,<pre>/**/<p>/<p>/<rest>}
            for (let parts of globParts) {
                let gs = -1;
                while (-1 !== (gs = parts.indexOf('**', gs + 1))) {
                    let gss = gs;
                    while (parts[gss + 1] === '**') {
                        // <pre>/**/**/<rest> -> <pre>/**/<rest>
                        gss++;
                    }
                    // eg, if gs is 2 and gss is 4, that means we have 3 **
                    // parts, and can remove 2 of them.
                    if (gss > gs) {
                        parts.splice(gs + 1, gss - gs);
                    }
                    let next = parts[gs + 1];
                    const p = parts[gs + 2];
                    const p2 = parts[gs + 3];
                    if (next !== '..')
                        continue;
                    if (!p ||
                        p === '.' ||
                        p === '..' ||
                        !p2 ||
                        p2 === '.' ||
                        p2 === '..') {
                        continue;
                    }
                    // Check before changing parts or allocating the new row.
                    const addedCells = parts.length - 1;
                    if (globParts.length >= braceExpandMax ||
                        splitCells + addedCells > maxSplitCells) {
                        throw new RangeError(`optimizationLevel 2: too many patterns from '**/..'`);
                    }
                    didSomething = true;
                    // edit parts in place, and push the new one
                    parts.splice(gs, 1);
                    const other = parts.slice(0);
                    other[gs] = '**';
                    splitCells += addedCells;
                    globParts.push(other);
                    gs--;
                }
                // <pre>/<e>/<rest> -> <pre>/<rest>
                if (!this.preserveMultipleSlashes) {
                    for (let i = 1; i < parts.length - 1; i++) {
                        const p = parts[i];
                        // don't squeeze out UNC patterns
                        if (i === 1 && p === '' && parts[0] === '')
                            continue;
                        if (p === '.' || p === '') {
                            didSomething = true;
                            parts.splice(i, 1);
                            i--;
                        }
                    }
                    if (parts[0] === '.' &&
                        parts.length === 2 &&
                        (parts[1] === '.' || parts[1] === '')) {
                        didSomething = true;
                        parts.pop();
                    }
                }
                // <pre>/<p>/../<rest> -> <pre>/<rest>
                // .. can not remove the root of a Windows path
                const root = this.#rootIndex(parts) + 1;
                let dd = root;
                while (-1 !== (dd = parts.indexOf('..', dd + 1))) {
                    const p = parts[dd - 1];
                    if (p && p !== '.' && p !== '..' && p !== '**') {
                        didSomething = true;
                        const needDot = dd === 1 && parts[dd + 1] === '**';
                        const splin = needDot ? ['.'] : [];
                        parts.splice(dd - 1, 2, ...splin);
                        if (parts.length === 0)
                            parts.push('');
                        dd = Math.max(dd - 2, root);
                    }
                }
            }
        } while (didSomething);
        return globParts;
    }
    // second phase: multi-pattern dedupes
    // {<pre>/<rest>,<pre>/<rest>} -> <pre>/<rest>
    // {<pre>/*/<rest>,<pre>/<p>/<rest>} -> <pre>/*/<rest>
    secondPhasePreProcess(globParts) {
        const keys = new Set();
        const rows = globParts.filter(parts => {
            const key = parts.join('/');
            if (keys.has(key))
                return false;
            keys.add(key);
            return true;
        });
        // A row is covered by another row that has `*` at some positions,
        // and is the same at all others. Collect each distinct set of `*`
        // positions, then look up each row with `*` put at those positions.
        const stars = new Map();
        for (const parts of rows) {
            const s = [];
            for (let i = 0; i < parts.length; i++) {
                if (parts[i] === '*')
                    s.push(i);
            }
            if (s.length)
                stars.set(s.join(','), s);
        }
        // Each row is checked against each set of `*` positions, so skip
        // this if there are too many. The patterns match the same paths
        // either way.
        if (!stars.size || rows.length * stars.size > 100_000)
            return rows;
        const { dot } = this.options;
        return rows.filter(parts => {
            for (const s of stars.values()) {
                if (s[s.length - 1] >= parts.length)
                    continue;
                const c = [...parts];
                let ok = true;
                let changed = false;
                for (const i of s) {
                    const p = parts[i];
                    if (p === '*')
                        continue;
                    if (!p || p === '**' || (!dot && p.startsWith('.'))) {
                        ok = false;
                        break;
                    }
                    c[i] = '*';
                    changed = true;
                }
                if (ok && changed && keys.has(c.join('/')))
                    return false;
            }
            return true;
        });
    }
    parseNegate() {
        if (this.nonegate)
            return;
        const pattern = this.pattern;
        let negate = false;
        let negateOffset = 0;
        for (let i = 0; i < pattern.length && pattern.charAt(i) === '!'; i++) {
            negate = !negate;
            negateOffset++;
        }
        if (negateOffset)
            this.pattern = pattern.slice(negateOffset);
        this.negate = negate;
    }
    // Match the parts of a path against one row of the set. `resolved`
    // is the parts after level 2 resolves `.` and `..` in them, or the
    // same parts below level 2. Set partial to true to test if, for
    // example, "/a/b" matches the start of "/*/b/*/d". Partial means, if
    // you run out of file before you run out of pattern, then that's
    // fine, as long as all the parts match.
    #matchRow(file, resolved, pattern, partial) {
        let fileStartIndex = 0;
        let patternStartIndex = 0;
        // UNC paths like //?/X:/... can match X:/... and vice versa, and
        // //?/UNC/host/share/... can match //host/share/... and vice versa.
        // Drive letters in absolute drive or unc paths, and the host and
        // share of UNC paths, are always compared case-insensitively.
        const fh = this.isWindows ? uncHost(resolved) : -1;
        const ph = fh === -1 ? -1 : uncHost(pattern);
        if (ph !== -1) {
            const host = pattern[ph];
            const share = pattern[ph + 1];
            if (typeof host !== 'string' || typeof share !== 'string') {
                // a host or share with magic is matched as usual
                fileStartIndex = fh;
                patternStartIndex = ph;
            }
            else if (resolved[fh].toLowerCase() === host.toLowerCase() &&
                resolved[fh + 1].toLowerCase() === share.toLowerCase()) {
                fileStartIndex = fh + 2;
                patternStartIndex = ph + 2;
            }
        }
        else if (this.isWindows) {
            const fileDrive = typeof file[0] === 'string' && /^[a-z]:$/i.test(file[0]);
            const fileUNC = !fileDrive &&
                file[0] === '' &&
                file[1] === '' &&
                file[2] === '?' &&
                /^[a-z]:$/i.test(file[3]);
            const patternDrive = typeof pattern[0] === 'string' && /^[a-z]:$/i.test(pattern[0]);
            const patternUNC = !patternDrive &&
                pattern[0] === '' &&
                pattern[1] === '' &&
                pattern[2] === '?' &&
                typeof pattern[3] === 'string' &&
                /^[a-z]:$/i.test(pattern[3]);
            const fdi = fileUNC ? 3
                : fileDrive ? 0
                    : undefined;
            const pdi = patternUNC ? 3
                : patternDrive ? 0
                    : undefined;
            if (typeof fdi === 'number' && typeof pdi === 'number') {
                const [fd, pd] = [
                    file[fdi],
                    pattern[pdi],
                ];
                // the drives match, so start matching after them
                if (fd.toLowerCase() === pd.toLowerCase()) {
                    patternStartIndex = pdi + 1;
                    fileStartIndex = fdi + 1;
                }
            }
        }
        // the drive letters are found in the parts before level 2 resolves
        // them, and the match uses the resolved parts
        file = resolved;
        if (pattern.includes(GLOBSTAR$1)) {
            return this.#matchGlobstar(file, pattern, partial, fileStartIndex, patternStartIndex);
        }
        return this.#matchOne(file, pattern, partial, fileStartIndex, patternStartIndex);
    }
    #matchGlobstar(file, pattern, partial, fileIndex, patternIndex) {
        const { head, body, tail, segments } = this.#getGlobstarParts(pattern, partial, patternIndex);
        // check the head, from the current file/pattern index.
        if (head.length) {
            const headEnd = fileIndex + head.length;
            if (!this.#matchOne(file, head, partial, fileIndex, 0, headEnd)) {
                return false;
            }
            fileIndex += head.length;
            patternIndex += head.length;
        }
        // now we know the head matches!
        // if the last portion is not empty, it MUST match the end
        // check the tail
        let fileTailMatch = 0;
        if (tail.length) {
            // if head + tail > file, then we cannot possibly match
            if (tail.length + fileIndex > file.length)
                return false;
            // try to match the tail
            let tailStart = file.length - tail.length;
            if (this.#matchOne(file, tail, partial, tailStart, 0)) {
                fileTailMatch = tail.length;
            }
            else {
                // affordance for stuff like a/**/* matching a/b/
                // if the last file portion is '', and there's more to the pattern
                // then try without the '' bit.
                if (file[file.length - 1] !== '' ||
                    fileIndex + tail.length === file.length) {
                    return false;
                }
                tailStart--;
                if (!this.#matchOne(file, tail, partial, tailStart, 0)) {
                    return false;
                }
                fileTailMatch = tail.length + 1;
            }
        }
        // now we know the tail matches!
        // the middle is zero or more portions wrapped in **, possibly
        // containing more ** sections.
        // so a/**/b/**/c/**/d has become **/b/**/c/**
        // if it's empty, it means a/**/b, just verify we have no bad dots
        // if there's no tail, so it ends on /**, then we must have *something*
        // after the head, or it's not a matc
        if (!body.length) {
            let sawSome = !!fileTailMatch;
            for (let i = fileIndex; i < file.length - fileTailMatch; i++) {
                const f = String(file[i]);
                sawSome = true;
                if (f === '.' ||
                    f === '..' ||
                    (!this.options.dot && f.startsWith('.'))) {
                    return false;
                }
            }
            // in partial mode, we just need to get past all file parts
            return partial || sawSome;
        }
        // now we know that there's one or more body sections, which can
        // be matched anywhere from the 0 index (because the head was pruned)
        // through to the length-fileTailMatch index.
        return !!this.#matchGlobStarBodySections(file, segments, file.length - fileTailMatch, fileIndex, 0, partial, 0, !!fileTailMatch, new Set());
    }
    // Split the pattern into head, tail, and middle of ** delimited
    // parts. The tail has to be at the end, and the others just have to
    // be found in order from the head. These only depend on the pattern
    // row, so they are kept for the next path.
    #getGlobstarParts(pattern, partial, patternIndex) {
        let byStart = this.#globstarParts.get(pattern);
        if (!byStart) {
            byStart = [];
            this.#globstarParts.set(pattern, byStart);
        }
        const key = patternIndex * 2 + (partial ? 1 : 0);
        const found = byStart[key];
        if (found)
            return found;
        const firstgs = pattern.indexOf(GLOBSTAR$1, patternIndex);
        const lastgs = pattern.lastIndexOf(GLOBSTAR$1);
        const head = pattern.slice(patternIndex, firstgs);
        const body = pattern.slice(firstgs + 1, partial ? undefined : lastgs);
        const tail = partial ? [] : pattern.slice(lastgs + 1);
        // split the body up into sections, and note the number of
        // portions that must come after the start of each one
        const segments = [[[], 0]];
        let current = segments[0];
        let nonGsParts = 0;
        const nonGsPartsSums = [0];
        for (const b of body) {
            if (b === GLOBSTAR$1) {
                nonGsPartsSums.push(nonGsParts);
                current = [[], 0];
                segments.push(current);
            }
            else {
                current[0].push(b);
                nonGsParts++;
            }
        }
        // the portions in this section and the ones after it
        segments.forEach((b, i) => {
            b[1] = nonGsParts - nonGsPartsSums[i];
        });
        const parts = { head, body, tail, segments };
        byStart[key] = parts;
        return parts;
    }
    // return false for "nope, not matching"
    // return null for "not matching, cannot keep trying"
    #matchGlobStarBodySections(file, 
    // pattern section, and the portions that it and the rest need
    bodySegments, 
    // the end of the file portions that the body can match
    fileLength, fileIndex, bodyIndex, partial, globStarDepth, sawTail, 
    // the places that a walk has already tried, as
    // bodyIndex * (file.length + 1) + fileIndex. A walk from a place
    // does the same no matter how it got there, and it only comes back
    // if it found no match, so a walk that gets to one stops.
    tried) {
        // take the first body segment, and walk from fileIndex to its "after"
        // value at the end
        // If it doesn't match at that position, we increment, until we hit
        // that final possible position, and give up.
        // If it does match, then advance and try to rest.
        // If any of them fail we keep walking forward.
        // this is still a bit recursively painful, but it's more constrained
        // than previous implementations, because we never test something that
        // can't possibly be a valid matching condition.
        const bs = bodySegments[bodyIndex];
        if (!bs) {
            // with partial, the body is the rest of the pattern, so it
            // matches if no portions are left, or only the '' of a trailing
            // / (as a/* matches a/b/). A ** at the end walks them as its own
            // empty section.
            if (partial) {
                return (fileIndex >= fileLength ||
                    (fileIndex === fileLength - 1 && file[fileIndex] === ''));
            }
            // just make sure that there's no bad dots before the tail
            for (let i = fileIndex; i < fileLength; i++) {
                sawTail = true;
                const f = file[i];
                if (f === '.' ||
                    f === '..' ||
                    (!this.options.dot && f.startsWith('.'))) {
                    return false;
                }
            }
            return sawTail;
        }
        // have a non-globstar body section to test, up to the last index
        // where it can start
        const [body, need] = bs;
        // with partial, the path can end before the body does
        const after = partial ? fileLength : fileLength - need;
        while (fileIndex <= after) {
            const key = bodyIndex * (file.length + 1) + fileIndex;
            if (tried.has(key))
                return false;
            tried.add(key);
            const m = this.#matchOne(file, body, partial, fileIndex, 0, fileIndex + body.length);
            // if limit exceeded, no match. intentional false negative,
            // acceptable break in correctness for security.
            if (m && globStarDepth < this.maxGlobstarRecursion) {
                // match! see if the rest match. if so, we're done!
                const sub = this.#matchGlobStarBodySections(file, bodySegments, fileLength, fileIndex + body.length, bodyIndex + 1, partial, globStarDepth + 1, sawTail, tried);
                if (sub !== false) {
                    return sub;
                }
            }
            // the ** does not walk past the last place the body can start
            if (fileIndex === after)
                break;
            const f = file[fileIndex];
            if (f === '.' ||
                f === '..' ||
                (!this.options.dot && f.startsWith('.'))) {
                return false;
            }
            fileIndex++;
        }
        // walked off. no point continuing
        return partial || null;
    }
    #matchOne(file, pattern, partial, fileIndex, patternIndex, 
    // only match the file portions before this index
    fileEnd = file.length) {
        let fi;
        let pi;
        let pl;
        let fl;
        for (fi = fileIndex,
            pi = patternIndex,
            fl = Math.min(fileEnd, file.length),
            pl = pattern.length; fi < fl && pi < pl; fi++, pi++) {
            let p = pattern[pi];
            let f = file[fi];
            // should be impossible.
            /* c8 ignore start */
            if (p === false || p === GLOBSTAR$1) {
                return false;
            }
            /* c8 ignore stop */
            // something other than **
            // non-magic patterns just have to match exactly
            // patterns with magic have been turned into Matchers.
            if (!portionMatch(p, f))
                return false;
        }
        // Note: ending in / means that we'll get a final ""
        // at the end of the pattern.  This can only match a
        // corresponding "" at the end of the file.
        // If the file ends in /, then it can only match a
        // a pattern that ends in /, unless the pattern just
        // doesn't have any more for it. But, a/b/ should *not*
        // match "a/b/*", even though * can match "", except in
        // partial mode, where it might simply not be reached yet.
        // However, a/b/ should still satisfy a/*
        // now either we fell off the end of the pattern, or we're done.
        if (fi === fl && pi === pl) {
            // ran out of pattern and filename at the same time.
            // an exact hit!
            return true;
        }
        else if (fi === fl) {
            // ran out of file, but still had pattern left.
            // this is ok if we're doing the match as part of
            // a glob fs traversal.
            return partial;
        }
        else if (pi === pl) {
            // ran out of pattern, still have file left.
            // this is only acceptable if we're on the very last
            // empty segment of a file with a trailing slash.
            // a/* should match a/b/
            return fi === fl - 1 && file[fi] === '';
            /* c8 ignore start */
        }
        else {
            // should be unreachable.
            throw new Error('wtf?');
        }
        /* c8 ignore stop */
    }
    braceExpand() {
        return braceExpand(this.pattern, this.options);
    }
    // Expand braces, except numeric ranges such as {0..999} with at
    // least RANGE_MIN values. Each of those stays in its pattern as
    // `<mark>0..999<mark>`, for the Matcher to test. If a range might
    // be inside a [...] class, expand all of them instead.
    #expandBraces() {
        const { pattern } = this;
        if (this.options.nobrace)
            return this.braceExpand();
        let code = 0xe000;
        while (pattern.includes(String.fromCharCode(code))) {
            if (++code > 0xf8ff)
                return this.braceExpand();
        }
        const mark = String.fromCharCode(code);
        let found = false;
        const marked = pattern.replace(rangeRe, (m, lo, hi) => {
            const a = Number(lo);
            const b = Number(hi);
            if (!Number.isSafeInteger(a) ||
                !Number.isSafeInteger(b) ||
                Math.abs(a - b) + 1 < RANGE_MIN) {
                return m;
            }
            found = true;
            return `${mark}${lo}..${hi}${mark}`;
        });
        if (!found)
            return this.braceExpand();
        const set = braceExpand(marked, this.options);
        for (const p of set) {
            for (const portion of p.split('/')) {
                const c = portion.indexOf('[');
                if (c !== -1 && c < portion.lastIndexOf(mark)) {
                    return this.braceExpand();
                }
                if (!this.options.noext && inRepeatOrNegExt(portion, mark)) {
                    return this.braceExpand();
                }
            }
        }
        this.#rangeMark = mark;
        return set;
    }
    parse(pattern) {
        assertValidPattern(pattern);
        const options = this.options;
        // shortcuts
        if (pattern === '**')
            return GLOBSTAR$1;
        if (pattern === '')
            return '';
        const { nocase, nocaseMagicOnly, noext = false, dot, normalize, } = options;
        const rangeMark = this.#rangeMark;
        const lit = rangeMark && pattern.includes(rangeMark) ?
            undefined
            : literal(pattern, noext);
        // in nocase mode, a literal with cased chars still needs a
        // Matcher, unless nocaseMagicOnly is set.
        if (lit !== undefined &&
            !(nocase &&
                !nocaseMagicOnly &&
                pattern.toUpperCase() !== pattern.toLowerCase())) {
            return this.#norm(lit);
        }
        if (this.#pending)
            return PENDING;
        let m = this.#matchers.get(pattern);
        if (!m) {
            if (!noext)
                assertValidExtglobs(pattern);
            m = new Matcher(pattern, {
                nocase,
                noext,
                dot,
                normalize,
                ...(rangeMark && { rangeMark }),
            });
            this.#matchers.set(pattern, m);
        }
        return m;
    }
    #slashSplit(p) {
        // if p starts with // on windows, we preserve that
        // so that UNC paths aren't broken.  Otherwise, any number of
        // / characters are coalesced into one, unless
        // preserveMultipleSlashes is set to true.
        if (this.preserveMultipleSlashes) {
            return p.split('/');
        }
        else if (this.isWindows && /^\/\/[^/]+/.test(p)) {
            // add an extra '' for the one we lose
            return ['', ...p.split(/\/+/)];
        }
        else {
            return p.split(/\/+/);
        }
    }
    match(f, partial = this.partial) {
        // short-circuit in the case of busted things.
        // comments, etc.
        if (this.comment) {
            return false;
        }
        if (this.empty) {
            return f === '';
        }
        if (f === '/' && partial) {
            return true;
        }
        const options = this.options;
        // treat the test path as a set of pathparts. If it was not just
        // split or checked, check that it can match before splitting it.
        let split = this.#cachedSplit(f);
        if (!split) {
            // the checks look at the path as given, so not if it is
            // normalized
            if (!partial &&
                !this.#form &&
                (this.#endCheck || this.#literalCheck) &&
                lastChecked !== f) {
                lastChecked = f;
                const can = this.#canMatch(f);
                if (can === 'no')
                    return options.flipNegate ? false : this.negate;
                if (can === 'yes')
                    return options.flipNegate ? true : !this.negate;
            }
            split = this.#split(f);
        }
        const ff = split.parts;
        // the parts after level 2 resolves them, kept for the next pattern
        // that tests the same path
        const resolved = this.#level2 ?
            (split.resolved ??= this.#levelTwoFileOptimize(ff))
            : ff;
        // just ONE of the pattern sets in this.set needs to match
        // in order for it to be valid.  If negating, then just one
        // match means that we have failed.
        // Either way, return on the first hit.
        const set = this.set;
        // Find the basename of the path by looking for the last non-empty segment
        let filename = ff[ff.length - 1];
        if (!filename) {
            for (let i = ff.length - 2; !filename && i >= 0; i--) {
                filename = ff[i];
            }
        }
        for (let r = 0; r < set.length; r++) {
            const pattern = set[r];
            const shape = partial ? undefined : this.#shapes[r];
            // level 2 does not change a path of one portion
            const hit = shape === 'base' ?
                portionMatch(pattern[0], filename)
                : shape ? this.#matchShape(resolved, pattern, shape)
                    : options.matchBase && pattern.length === 1 ?
                        this.#matchRow([filename], [filename], pattern, partial)
                        : this.#matchRow(ff, resolved, pattern, partial);
            if (hit) {
                if (options.flipNegate) {
                    return true;
                }
                return !this.negate;
            }
        }
        // didn't get any hits.  this is success if it's a negative
        // pattern, failure otherwise.
        if (options.flipNegate) {
            return false;
        }
        return this.negate;
    }
    static defaults(def) {
        return minimatch.defaults(def).Minimatch;
    }
}
/* c8 ignore stop */
minimatch.Minimatch = Minimatch;
minimatch.escape = escape$1;
minimatch.unescape = unescape;

// Glob matching for paths, excludes, the config file, rule options and ranges: minimatch's
// semantics (dot folders included), with a fast path. Every scan matches each file against the
// default globs (`**/*.{yml,yaml}`, `**/node_modules/**`, ...), and running minimatch's compiler
// cold costs a start-up about what scanning the files does on a small repository. So globs of
// the plain kind — literal names, `*` inside a name, `**` as a whole segment, one `{a,b}`
// alternation and `[.-]`-like classes — become one regular expression here; anything else, and
// any path that is not a plain relative path, goes to minimatch. __tests__/discover/glob.test.ts
// checks the fast path against minimatch on generated globs and paths.
/** minimatch's options for every glob of the tool. */
const GLOB_OPTIONS = { dot: true, nocase: false, matchBase: false };
/** Compiles a glob; `fastPath: false` always uses minimatch (for the equivalence test). */
function compileGlob(glob, fastPath = true) {
    const minimatch = lazyMinimatch(glob);
    const regex = fastPath ? plainGlobRegex(glob) : undefined;
    if (!regex)
        return (file) => minimatch().match(file);
    return (file) => (isPlainPath(file) ? regex.test(file) : minimatch().match(file));
}
function lazyMinimatch(glob) {
    let matcher;
    return () => (matcher ??= new Minimatch(glob, GLOB_OPTIONS));
}
/**
 * A relative POSIX path without empty, `.` or `..` segments or backslashes: minimatch treats
 * those specially (dot segments are never matched by `*`, Windows separators, ...), the fast
 * path does not try to.
 */
function isPlainPath(file) {
    return file !== '' && !file.includes('\\') && !/(?:^|\/)\.{0,2}(?:\/|$)/.test(file);
}
// Characters that make a glob other than plain: extglobs, `?`, escapes, negation, comments.
const SPECIAL$1 = /[?()!+@\\#]/;
const LITERAL_ALTERNATIVE = /^[^*?[\]{}()!+@\\#,/]+$/;
/** The regular expression of a plain glob, or undefined for minimatch to handle it. */
function plainGlobRegex(glob) {
    if (glob === '' || SPECIAL$1.test(glob))
        return undefined;
    const alternatives = expandBraces(glob);
    if (!alternatives)
        return undefined;
    const sources = [];
    for (const alternative of alternatives) {
        const source = plainPatternSource(alternative);
        if (source === undefined)
            return undefined;
        sources.push(source);
    }
    return new RegExp(`^(?:${sources.join('|')})$`);
}
/** One `{a,b,...}` of literal alternatives, expanded as brace-expansion does; undefined otherwise. */
function expandBraces(glob) {
    const open = glob.indexOf('{');
    if (open === -1)
        return glob.includes('}') || glob.includes(',') ? undefined : [glob];
    const close = glob.indexOf('}', open);
    if (close === -1)
        return undefined;
    const before = glob.slice(0, open);
    const after = glob.slice(close + 1);
    if (/[{},]/.test(before) || /[{},]/.test(after))
        return undefined;
    const options = glob.slice(open + 1, close).split(',');
    if (options.length < 2)
        return undefined;
    if (!options.every((option) => LITERAL_ALTERNATIVE.test(option) && !option.includes('..'))) {
        return undefined;
    }
    return options.map((option) => `${before}${option}${after}`);
}
const GLOBSTAR = '**';
/** The regular expression source of one brace-free pattern, or undefined if it is not plain. */
function plainPatternSource(pattern) {
    const segments = pattern.split('/');
    const parts = [];
    for (const segment of segments) {
        if (segment === GLOBSTAR) {
            if (parts.at(-1) === GLOBSTAR)
                return undefined;
            parts.push(GLOBSTAR);
            continue;
        }
        const source = segmentSource(segment);
        if (source === undefined)
            return undefined;
        parts.push(source);
    }
    if (parts.length === 1 && parts[0] === GLOBSTAR)
        return '[^/]+(?:/[^/]+)*';
    let source = '';
    parts.forEach((part, index) => {
        const last = index === parts.length - 1;
        if (part !== GLOBSTAR) {
            source += part + (last ? '' : '/');
        }
        else if (last) {
            // `a/**` needs at least one segment below `a` (minimatch: `a/**` does not match `a`).
            source = `${source.slice(0, -1)}(?:/[^/]+)+`;
        }
        else {
            // `**/` anywhere else is zero or more whole segments.
            source += '(?:[^/]+/)*';
        }
    });
    return source;
}
/** Class members that are literal characters: no negation, range, POSIX class or nesting. */
function isLiteralClass(members) {
    if (members === '' || /[[\]^!/:=\\]/.test(members))
        return false;
    // A `-` first or last is literal; anywhere else it makes a range.
    return !members.slice(1, -1).includes('-');
}
/** One segment: literal characters, `*` and simple classes such as `[.-]`. */
function segmentSource(segment) {
    if (segment === '' || segment === '.' || segment === '..' || segment.includes(GLOBSTAR)) {
        return undefined;
    }
    let source = '';
    for (let index = 0; index < segment.length; index++) {
        const char = segment[index];
        if (char === '*') {
            source += '[^/]*';
        }
        else if (char === '[') {
            const close = segment.indexOf(']', index + 1);
            const members = close === -1 ? '' : segment.slice(index + 1, close);
            if (!isLiteralClass(members))
                return undefined;
            source += `[${members.replace(/[\\\]^-]/g, '\\$&')}]`;
            index = close;
        }
        else if (char === ']') {
            return undefined;
        }
        else {
            source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }
    }
    return source;
}

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
    const relative = path$1.relative(root, target);
    return relative === '' || (!relative.startsWith('..') && !path$1.isAbsolute(relative));
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
        const absolute = path$1.resolve(realRoot, relativePath);
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

// Find the files to scan under the root: the given paths (files, folders or globs), filtered by
// the include/exclude globs. Never leaves the root through a symlink.
// The walk is synchronous on purpose: one folder handle open at a time and no promise per file,
// so 100,000 files cost neither 100,000 pending stats nor EMFILE. Reading is read.ts's job.
function toPosix(p) {
    return p.split(path$1.sep).join('/');
}
/**
 * Globs in paths, excludes, the config file, rule options and ranges all match the same way: dot
 * folders (`.github/**`) included (glob.ts).
 */
function matchesAnyGlob(file, globs) {
    return globs.some((glob) => compiled(glob)(file));
}
// A walk matches every file and folder against the same few globs: each is compiled once.
const compiledGlobs = new Map();
function compiled(glob) {
    let matcher = compiledGlobs.get(glob);
    if (!matcher) {
        if (compiledGlobs.size > 1000)
            compiledGlobs.clear();
        matcher = compileGlob(glob);
        compiledGlobs.set(glob, matcher);
    }
    return matcher;
}
function isGlob(p) {
    return /[*?[\]{}]/.test(p);
}
async function discover(options) {
    const given = path$1.resolve(options.root);
    const root = node_fs.realpathSync.native(given);
    const found = new Map();
    const skipped = [];
    const unmatched = [];
    const requests = options.paths.length > 0 ? options.paths : ['.'];
    for (const request of requests) {
        const absolute = rebase(given, root, path$1.resolve(root, request));
        const inside = isInside(root, absolute);
        // A name that exists is a path even when it looks like a glob (`deploy [old].yaml`).
        const stat = inside ? statOrUndefined(absolute) : undefined;
        if (isGlob(request) && !stat) {
            const before = found.size + skipped.length;
            const glob = toPosix(path$1.normalize(request)).replace(/^\.\//, '');
            walk(root, root, options, found, skipped, (file) => matchesAnyGlob(file, [glob]));
            if (found.size + skipped.length === before)
                unmatched.push(request);
        }
        else if (!inside) {
            // `..` or an absolute path elsewhere: neither read nor walked (a walk of `..` could cover
            // the whole disk), and said so once rather than once per file.
            skipped.push({ file: toPosix(request), reason: 'outside the scanned folder' });
        }
        else if (!stat) {
            unmatched.push(request);
        }
        else if (stat.isDirectory()) {
            walk(root, absolute, options, found, skipped, () => true);
        }
        else {
            // A file named explicitly is scanned even when the include globs would not pick it.
            consider(root, absolute, options, found, skipped, true);
        }
    }
    const files = [...found.values()].sort((a, b) => compareText(a.file, b.file));
    skipped.sort((a, b) => compareText(a.file, b.file));
    return { root, files, skipped: dedupeSkipped(skipped), unmatched };
}
/** An absolute path written under the root as given (`/tmp/x` for `/private/tmp/x`) → under its real path. */
function rebase(given, root, absolute) {
    return given !== root && isInside(given, absolute)
        ? path$1.join(root, path$1.relative(given, absolute))
        : absolute;
}
function dedupeSkipped(skipped) {
    const seen = new Set();
    return skipped.filter((entry) => (seen.has(entry.file) ? false : (seen.add(entry.file), true)));
}
function statOrUndefined(absolute) {
    try {
        return node_fs.statSync(absolute);
    }
    catch {
        return undefined;
    }
}
function realpathOrUndefined(absolute) {
    try {
        return node_fs.realpathSync.native(absolute);
    }
    catch {
        return undefined;
    }
}
function readFolder(dir) {
    try {
        return node_fs.readdirSync(dir, { withFileTypes: true });
    }
    catch {
        return [];
    }
}
function walk(root, dir, options, found, skipped, accept) {
    const entries = readFolder(dir);
    entries.sort((a, b) => compareText(a.name, b.name));
    const unreadable = unreadableNames(dir, entries);
    for (const entry of entries) {
        const absolute = path$1.join(dir, entry.name);
        const relative = toPosix(path$1.relative(root, absolute));
        // Two names may decode alike (`\xff`, `\xfe`): each entry takes the next of its name.
        const escaped = unreadable.get(entry.name)?.shift();
        if (escaped !== undefined) {
            skipUnreadableName(root, dir, entry, escaped, options, skipped, accept);
        }
        else if (entry.isDirectory()) {
            // Excluded folders are pruned: `**/node_modules/**` also matches `node_modules/x`.
            if (matchesAnyGlob(`${relative}/x`, options.exclude))
                continue;
            walk(root, absolute, options, found, skipped, accept);
        }
        else if (entry.isSymbolicLink() || entry.isFile()) {
            // Symlinked folders are not followed (cycles, and the same files twice); symlinked files
            // are read only when they resolve inside the root (checked in consider()).
            if (!accept(relative) || !matchesAnyGlob(relative, options.include))
                continue;
            if (matchesAnyGlob(relative, options.exclude))
                continue;
            consider(root, absolute, options, found, skipped, false, entry.isFile());
        }
        else if (accept(relative) && matchesAnyGlob(relative, options.include)) {
            // A FIFO, socket or device with a manifest's name: never opened, but said so.
            if (!matchesAnyGlob(relative, options.exclude)) {
                skipped.push({ file: relative, reason: 'not a regular file' });
            }
        }
    }
}
/**
 * Names that are not UTF-8 (`p-\xff.yaml`): Node decodes them with U+FFFD, a path that names no
 * file, so the walk would drop them without a word and a pull request could hide a manifest that
 * way. Those entries, each as its name escaped byte by byte (`\xff`). Only folders holding a
 * name with U+FFFD are read a second time, as bytes.
 */
function unreadableNames(dir, entries) {
    const found = new Map();
    if (!entries.some((entry) => entry.name.includes('\uFFFD')))
        return found;
    let raw;
    try {
        raw = node_fs.readdirSync(dir, { encoding: 'buffer' });
    }
    catch {
        return found;
    }
    for (const bytes of raw) {
        const name = bytes.toString('utf8');
        if (Buffer.from(name, 'utf8').equals(bytes))
            continue;
        const list = found.get(name);
        if (list)
            list.push(escapeBytes(bytes));
        else
            found.set(name, [escapeBytes(bytes)]);
    }
    for (const list of found.values())
        list.sort(compareText);
    // A real U+FFFD in a valid name is a name like any other.
    for (const name of found.keys())
        if (lstatOrUndefined(path$1.join(dir, name)))
            found.delete(name);
    return found;
}
function skipUnreadableName(root, dir, entry, escaped, options, skipped, accept) {
    const folder = toPosix(path$1.relative(root, dir));
    const relative = folder === '' ? escaped : `${folder}/${escaped}`;
    if (entry.isDirectory()) {
        skipped.push({ file: `${relative}/`, reason: 'folder name is not UTF-8: not walked' });
    }
    else if (accept(relative) && matchesAnyGlob(relative, options.include)) {
        skipped.push({ file: relative, reason: 'file name is not UTF-8: not read' });
    }
}
/** Valid UTF-8 as it reads; every byte of an invalid sequence as `\xNN`. */
function escapeBytes(bytes) {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let out = '';
    for (let index = 0; index < bytes.length;) {
        const lead = bytes[index];
        const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
        let text;
        if (length > 0 && index + length <= bytes.length) {
            try {
                text = decoder.decode(bytes.subarray(index, index + length));
            }
            catch {
                text = undefined;
            }
        }
        if (text === undefined) {
            out += `\\x${lead.toString(16).padStart(2, '0')}`;
            index++;
        }
        else {
            // A backslash is written twice, so that `\xff` always means the byte.
            out += text === '\\' ? '\\\\' : text;
            index += length;
        }
    }
    return out;
}
function lstatOrUndefined(absolute) {
    try {
        return node_fs.lstatSync(absolute);
    }
    catch {
        return undefined;
    }
}
function consider(root, absolute, options, found, skipped, explicit, linkFree = false) {
    const relative = toPosix(path$1.relative(root, absolute));
    const real = linkFree ? absolute : realpathOrUndefined(absolute);
    if (!real || !isInside(root, real)) {
        skipped.push({ file: relative, reason: 'symbolic link that points outside the scanned folder' });
        return;
    }
    const stat = statOrUndefined(real);
    if (!stat || !stat.isFile()) {
        if (explicit)
            skipped.push({ file: relative, reason: 'not a regular file' });
        return;
    }
    if (stat.size > options.maxFileSize) {
        skipped.push({
            file: relative,
            reason: `larger than the size limit (${stat.size} bytes > ${options.maxFileSize})`
        });
        return;
    }
    found.set(relative, {
        file: relative,
        absolutePath: real,
        size: stat.size,
        ...(linkFree ? { linkFree } : {})
    });
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

// The options contract between rules and the config loader (kube-linter's "parameters declared
// once, parsed once"). A rule declares each option once: what it accepts, its default, how to
// read it. The loader parses a rule's options once, when the config loads, and an error carries
// the path of the bad value inside the rule's `options` map (`['allow', 2, 'ports']`), so the
// loader points at that YAML node without reading the message.
//
// This module sits with the config because the loader needs it; rules import it from here, so
// the config never imports a rule (data flows config → rules, never back).
/**
 * A bad option, with where it is; `detail` reads after its path (`must be …`). `at: 'key'`
 * points at the key itself (an unknown option), else at the value.
 */
class OptionError extends Error {
    path;
    detail;
    at;
    constructor(path, detail, at = 'value') {
        super(`${formatOptionPath(path)} ${detail}`);
        this.path = path;
        this.detail = detail;
        this.at = at;
        this.name = 'OptionError';
    }
}
/** `allow[2].ports`: how messages name an option. */
function formatOptionPath(path) {
    let text = '';
    for (const step of path) {
        if (typeof step === 'number')
            text += `[${step}]`;
        else
            text += text === '' ? step : `.${step}`;
    }
    return text === '' ? 'options' : text;
}
/** The defaults of every option, for a rule the config does not configure. */
function defaultOptions(spec) {
    const options = {};
    for (const key of Object.keys(spec)) {
        options[key] = cloneDefault(spec[key].default);
    }
    return options;
}
function cloneDefault(value) {
    return Array.isArray(value) ? [...value] : value;
}
/**
 * Parses the `options` map a user wrote (plain data, as YAML loads it) against a declaration:
 * unknown keys and bad values throw an OptionError with the path of the value at fault.
 */
function parseOptions(spec, raw) {
    if (raw === undefined || raw === null)
        return defaultOptions(spec);
    const record = asRecord(raw, [], 'a map of options');
    const known = Object.keys(spec);
    for (const key of Object.keys(record)) {
        if (known.includes(key))
            continue;
        throw new OptionError([key], known.length === 0
            ? 'is not an option: this rule takes no options'
            : `is not a known option${suggestion(key, known)}; expected one of ${known.join(', ')}`, 'key');
    }
    const options = defaultOptions(spec);
    for (const key of known) {
        if (record[key] !== undefined)
            options[key] = spec[key].parse(record[key], [key]);
    }
    return options;
}
/** Throws the OptionError for a value that is not what `accepts` says. */
function fail(path, accepts, value) {
    throw new OptionError(path, `must be ${accepts} (got ${describeValue(value)})`);
}
/** How a type error shows the value it got: `"abc"`, `70000`, `a list`, `a map`. */
function describeValue(value) {
    if (value === null || value === undefined)
        return 'nothing';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a map';
    if (typeof value === 'string')
        return JSON.stringify(value);
    return String(value);
}
function asRecord(value, path, accepts) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        fail(path, accepts, value);
    return value;
}
// ---------------------------------------------------------------------------------------------
// The option kinds rules share
function isPortNumber(value) {
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}
function booleanOption(defaultValue) {
    const accepts = 'true or false';
    return {
        accepts,
        default: defaultValue,
        parse: (value, path) => (typeof value === 'boolean' ? value : fail(path, accepts, value))
    };
}
function portListOption(defaultValue = []) {
    const accepts = 'a list of ports (1-65535)';
    return {
        accepts,
        default: defaultValue,
        parse(value, path) {
            if (!Array.isArray(value))
                fail(path, accepts, value);
            return value.map((item, index) => isPortNumber(item) ? item : fail([...path, index], 'a port (1-65535)', item));
        }
    };
}
function stringListOption(defaultValue = []) {
    const accepts = 'a list of non-empty strings';
    return {
        accepts,
        default: defaultValue,
        parse: (value, path) => readStringList$1(value, path)
    };
}
function readStringList$1(value, path) {
    if (!Array.isArray(value))
        fail(path, 'a list of non-empty strings', value);
    return value.map((item, index) => typeof item === 'string' && item !== ''
        ? item
        : fail([...path, index], 'a non-empty string', item));
}
/** One of a fixed set of words, as a list: `check: [node-port, host-port]`. */
function choiceListOption(choices, defaultValue) {
    const accepts = `a list of ${choices.join(', ')}`;
    return {
        accepts,
        default: defaultValue,
        parse(value, path) {
            if (!Array.isArray(value))
                fail(path, accepts, value);
            return value.map((item, index) => choices.includes(item)
                ? item
                : fail([...path, index], `one of ${choices.join(', ')}`, item));
        }
    };
}
/** `"32768-60999"` or `{ min: 32768, max: 60999 }`, as `ranges:` accepts them. */
function portSpanOption(defaultValue) {
    const accepts = 'a range "min-max" of ports or a map with min and max';
    return {
        accepts,
        default: defaultValue,
        parse: (value, path) => readPortSpan(value, path) ?? fail(path, accepts, value)
    };
}
/** A range `"8000-8099"` or `{ min, max }`; undefined when the value has neither shape. */
function readPortSpan(value, path) {
    let start;
    let end;
    if (typeof value === 'string') {
        const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value);
        if (!match)
            return undefined;
        start = Number(match[1]);
        end = Number(match[2]);
    }
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const record = value;
        for (const key of Object.keys(record)) {
            if (key !== 'min' && key !== 'max')
                throw new OptionError([...path, key], 'is not a key of a range; expected min, max', 'key');
        }
        start = record.min;
        end = record.max;
        if (start === undefined)
            throw new OptionError([...path, 'min'], 'is missing');
        if (end === undefined)
            throw new OptionError([...path, 'max'], 'is missing');
        if (!isPortNumber(start))
            fail([...path, 'min'], 'a port (1-65535)', start);
        if (!isPortNumber(end))
            fail([...path, 'max'], 'a port (1-65535)', end);
    }
    else {
        return undefined;
    }
    if (!isPortNumber(start) || !isPortNumber(end))
        throw new OptionError(path, `must be a range of ports (1-65535) (got ${describeValue(value)})`);
    if (start > end)
        throw new OptionError(path, `starts above its end (${start} > ${end})`);
    return { start, end };
}
// ---------------------------------------------------------------------------------------------
/** ` (did you mean "allow"?)` when a close candidate exists. */
function suggestion(value, candidates) {
    let best;
    for (const candidate of candidates) {
        const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
        if (!best || distance < best.distance)
            best = { candidate, distance };
    }
    if (!best)
        return '';
    const limit = Math.max(2, Math.floor(best.candidate.length / 3));
    return best.distance <= limit ? ` (did you mean "${best.candidate}"?)` : '';
}
/** Levenshtein distance, one row at a time. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        }
        previous = current;
    }
    return previous[b.length];
}

const DEFAULT_INCLUDE = ['**/*.{yml,yaml}'];
const DEFAULT_EXCLUDE = [
    '**/node_modules/**',
    '**/.git/**',
    '**/vendor/**',
    '**/third_party/**',
    '**/bower_components/**'
];
const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
function defaultConfig() {
    return {
        include: [...DEFAULT_INCLUDE],
        exclude: [...DEFAULT_EXCLUDE],
        maxFileSize: DEFAULT_MAX_FILE_SIZE,
        rules: {},
        // Keyed by names a repository writes: `constructor` or `__proto__` is a namespace like any other.
        ranges: { namespaces: Object.create(null), paths: [], projects: Object.create(null) },
        scopes: { nodeScopes: [], composeGroups: [] }
    };
}

// Reads `.github/port-hygiene.yml` (and `.github/port-ranges.json`) into a ResolvedConfig.
// Validation is strict and positional: a typo in a config file silently turning a rule off is
// worse than a failed run, so every unknown key, unknown rule id or bad value is a ConfigError
// that names the file, line and column of the node at fault.
/** Default config locations, relative to the scan root; the first one that exists is read. */
const CONFIG_FILE_CANDIDATES = ['.github/port-hygiene.yml', '.github/port-hygiene.yaml'];
const PORT_RANGES_FILE = '.github/port-ranges.json';
/** Keys the config file accepts at the top level (the JSON Schema's properties must match). */
const CONFIG_KEYS = [
    'include',
    'exclude',
    'defaultExcludes',
    'maxFileSize',
    'rules',
    'ranges',
    'nodeScopes',
    'composeGroups'
];
const RANGE_KEYS = ['namespaces', 'paths', 'projects'];
const RULE_SETTING_KEYS = ['severity', 'options'];
const SEVERITY_VALUES = ['off', 'notice', 'warning', 'error'];
/** A configuration problem: the message starts with `file:line:column:` when a position is known. */
class ConfigError extends Error {
    file;
    line;
    column;
    constructor(detail, where) {
        super(where ? `${formatWhere(where)}: ${detail}` : detail);
        this.name = 'ConfigError';
        if (where) {
            this.file = where.file;
            if (where.line !== undefined)
                this.line = where.line;
            if (where.column !== undefined)
                this.column = where.column;
        }
    }
}
function formatWhere(where) {
    if (where.line === undefined)
        return where.file;
    return `${where.file}:${where.line}:${where.column ?? 1}`;
}
async function loadConfig(options) {
    const registry = options.rules;
    const config = defaultConfig();
    const configFile = await findConfigFile(options.root, options.configPath);
    if (configFile) {
        const text = readConfigText(configFile, options.root);
        applyConfigFile(config, parseYaml(text, configFile.display), registry);
        config.configFile = configFile.display;
    }
    const ranges = { absolute: path$1.join(options.root, PORT_RANGES_FILE), display: PORT_RANGES_FILE };
    if (exists(ranges.absolute)) {
        applyPortRangesJson(config, readConfigText(ranges, options.root), PORT_RANGES_FILE);
    }
    return config;
}
async function findConfigFile(root, explicit) {
    if (explicit !== undefined) {
        const absolute = path$1.resolve(root, explicit);
        const located = { absolute, display: displayPath(root, absolute) };
        if (!exists(absolute))
            throw new ConfigError(`config file not found: ${located.display}`);
        return located;
    }
    const existing = [];
    for (const candidate of CONFIG_FILE_CANDIDATES) {
        const absolute = path$1.join(root, candidate);
        if (exists(absolute))
            existing.push({ absolute, display: candidate });
    }
    // Two config files would leave one of them silently ignored.
    if (existing.length > 1) {
        throw new ConfigError(`both ${existing.map((file) => file.display).join(' and ')} exist; keep only one`);
    }
    return existing[0];
}
/** Anything at that path, even a dangling link or a FIFO: the guard then says what is wrong. */
function exists(absolute) {
    try {
        node_fs.lstatSync(absolute);
        return true;
    }
    catch {
        return false;
    }
}
/** Config files come from the pull request like the scanned ones: the same guard, and a refusal never quotes the file. */
const MAX_CONFIG_SIZE = 1024 * 1024;
/**
 * A file under the root must stay inside it after links; an explicit config outside the root
 * (CLI `--config ~/x.yml`) is confined to its own folder the same way.
 */
function readConfigText(file, root) {
    const inRoot = isInside(path$1.resolve(root), file.absolute) ? root : path$1.dirname(file.absolute);
    const read = readGuarded(inRoot, path$1.relative(inRoot, file.absolute), {
        maxSize: MAX_CONFIG_SIZE
    });
    if (read.refused !== undefined)
        throw new ConfigError(`cannot read this file: ${read.refused}`, { file: file.display });
    return read.text;
}
function displayPath(root, absolute) {
    const relative = path$1.relative(root, absolute);
    if (relative === '' || relative.startsWith('..') || path$1.isAbsolute(relative))
        return absolute;
    return toPosix(relative);
}
// ---------------------------------------------------------------------------------------------
// Positional reading of a YAML (or JSON) document
/** One parsed config document plus what is needed to point at its nodes. */
class ConfigSource {
    file;
    document;
    lineCounter;
    constructor(file, document, lineCounter) {
        this.file = file;
        this.document = document;
        this.lineCounter = lineCounter;
    }
    /** Throws a ConfigError located at `node` (a key, a value, or the whole document). */
    fail(node, message) {
        const range = node?.range ?? this.document.range;
        const pos = this.lineCounter.linePos(range[0]);
        throw new ConfigError(message, { file: this.file, line: pos.line, column: pos.col });
    }
    resolve(node) {
        // Aliases are followed once: a config file has no reason for deeper chains.
        if (isAlias(node))
            return (node.resolve(this.document) ?? undefined);
        return (node ?? undefined);
    }
    /** The pairs of a map with their key text; a non-scalar key is an error. */
    pairs(map, where) {
        return map.items.filter(isPair).map((pair) => {
            if (!isScalar(pair.key) || pair.key.value === null)
                this.fail(pair.key, `${where}: keys must be text`);
            return { key: String(pair.key.value), pair };
        });
    }
    expectMap(node, where) {
        const resolved = this.resolve(node);
        if (!isMap(resolved))
            this.fail(node, `${where} must be a map (got ${describeNode(resolved)})`);
        return resolved;
    }
    expectString(node, where) {
        const resolved = this.resolve(node);
        if (!isScalar(resolved) || typeof resolved.value !== 'string' || resolved.value.trim() === '') {
            this.fail(node, `${where} must be a non-empty string (got ${describeNode(resolved)})`);
        }
        return resolved.value;
    }
    expectStringList(node, where) {
        const resolved = this.resolve(node);
        if (!isSeq(resolved))
            this.fail(node, `${where} must be a list of strings (got ${describeNode(resolved)})`);
        return resolved.items.map((item, index) => this.expectString(item, `${where}[${index}]`));
    }
    expectBoolean(node, where) {
        const resolved = this.resolve(node);
        if (!isScalar(resolved) || typeof resolved.value !== 'boolean') {
            this.fail(node, `${where} must be true or false (got ${describeNode(resolved)})`);
        }
        return resolved.value;
    }
    /** Fails on the first key not in `allowed`, suggesting the closest allowed one. */
    checkKeys(map, allowed, where) {
        for (const { key, pair } of this.pairs(map, where)) {
            if (allowed.includes(key))
                continue;
            const prefix = where ? `${where}: ` : '';
            this.fail(pair.key, `${prefix}unknown key "${key}"${suggestion(key, allowed)}; expected one of ${allowed.join(', ')}`);
        }
    }
    /**
     * The node an option path names inside a rule's options map: the value, or the key itself for
     * an unknown key. A path that leaves the document (a missing key) stops at the deepest node.
     */
    nodeAt(options, path, at) {
        let node = options;
        for (const [index, step] of path.entries()) {
            const current = this.resolve(node);
            let next;
            if (typeof step === 'number' && isSeq(current)) {
                next = (current.items[step] ?? undefined);
            }
            else if (typeof step === 'string' && isMap(current)) {
                const pair = current.items.find((item) => isScalar(item.key) && item.key.value === step);
                const keyWanted = at === 'key' && index === path.length - 1;
                next = (pair && (keyWanted ? pair.key : (pair.value ?? pair.key)));
            }
            if (!next)
                break;
            node = next;
        }
        return node;
    }
    /** Position text for a PortRangeLimit's `source`: `file:line`. */
    sourceOf(node) {
        const range = node?.range ?? this.document.range;
        return `${this.file}:${this.lineCounter.linePos(range[0]).line}`;
    }
}
function describeNode(node) {
    if (node === undefined)
        return 'nothing';
    if (isMap(node))
        return 'a map';
    if (isSeq(node))
        return 'a list';
    if (isScalar(node)) {
        if (node.value === null)
            return 'null';
        if (typeof node.value === 'string')
            return excerpt(node.value);
        return String(node.value);
    }
    return 'an unsupported value';
}
function parseYaml(text, file) {
    const plain = plainBlockDocument(text);
    if (plain)
        return new ConfigSource(file, plain.document, plain.lineCounter);
    const lineCounter = new LineCounter();
    // uniqueKeys: a key written twice would otherwise let the last one win without a word.
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const error = document.errors[0];
    if (error) {
        const pos = lineCounter.linePos(error.pos[0]);
        const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        throw new ConfigError(`invalid YAML: ${detail}`, { file, line: pos.line, column: pos.col });
    }
    return new ConfigSource(file, document, lineCounter);
}
/**
 * A config file in plain block YAML, read by the block loader (src/parse/block-yaml.ts) into the
 * same nodes as `yaml`. Its reason is start-up: a scan that touches no other YAML the loader
 * declines never runs `yaml`'s parser, which costs about 10 ms cold (docs/performance.md). Undefined
 * for whatever `yaml` reads differently under this file's options, or rejects, so that `yaml` says
 * so: a construct the loader declines (merge keys among them: the loader would merge, this file's
 * YAML 1.2 does not), more than one document, a key written twice (`uniqueKeys`).
 */
function plainBlockDocument(text) {
    const read = parseBlockYaml(text, BLOCK_YAML_OPTIONS);
    if (read?.all.length !== 1 || hasRepeatedKey(read.all[0].contents))
        return undefined;
    return { document: read.all[0], lineCounter: read.lineCounter };
}
function hasRepeatedKey(node) {
    if (isSeq(node))
        return node.items.some(hasRepeatedKey);
    if (!isMap(node))
        return false;
    const keys = new Set();
    for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (keys.has(key) || hasRepeatedKey(pair.value))
            return true;
        keys.add(key);
    }
    return false;
}
/** Key path text for messages: `rules.privileged-port`, `ranges.paths["teams/alpha/**"]`. */
function child(parent, key) {
    const plain = /^[A-Za-z0-9_-]+$/.test(key);
    if (!parent)
        return plain ? key : JSON.stringify(key);
    return plain ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}
// ---------------------------------------------------------------------------------------------
// .github/port-hygiene.yml
function applyConfigFile(config, source, registry) {
    const top = source.resolve(source.document.contents);
    // An empty file (or one holding only comments) means "all defaults".
    if (top === undefined || (isScalar(top) && top.value === null))
        return;
    const map = source.expectMap(top, 'the config file');
    source.checkKeys(map, CONFIG_KEYS, '');
    const entries = new Map(source.pairs(map, '').map(({ key, pair }) => [key, pair.value]));
    if (entries.has('include')) {
        config.include = source.expectStringList(entries.get('include'), 'include');
        // An empty include would scan nothing and report a clean repository.
        if (config.include.length === 0) {
            source.fail(entries.get('include'), 'include must list at least one glob');
        }
    }
    const excludes = entries.has('exclude')
        ? source.expectStringList(entries.get('exclude'), 'exclude')
        : [];
    const keepDefaults = entries.has('defaultExcludes')
        ? source.expectBoolean(entries.get('defaultExcludes'), 'defaultExcludes')
        : true;
    config.exclude = [...(keepDefaults ? DEFAULT_EXCLUDE : []), ...excludes];
    if (entries.has('maxFileSize'))
        config.maxFileSize = readFileSize(source, entries.get('maxFileSize'));
    if (entries.has('rules'))
        config.rules = readRules(source, entries.get('rules'), registry);
    if (entries.has('ranges'))
        readRanges(source, entries.get('ranges'), config);
    if (entries.has('nodeScopes'))
        config.scopes.nodeScopes = readNodeScopes(source, entries.get('nodeScopes'));
    if (entries.has('composeGroups'))
        config.scopes.composeGroups = readComposeGroups(source, entries.get('composeGroups'));
}
const SIZE_UNITS = {
    '': 1,
    b: 1,
    k: 1024,
    kb: 1024,
    kib: 1024,
    m: 1024 ** 2,
    mb: 1024 ** 2,
    mib: 1024 ** 2,
    g: 1024 ** 3,
    gb: 1024 ** 3,
    gib: 1024 ** 3
};
/** `maxFileSize: 1048576` or `maxFileSize: 5MB` (units are powers of 1024). */
function readFileSize(source, node) {
    const resolved = source.resolve(node);
    const value = isScalar(resolved) ? resolved.value : undefined;
    const bad = () => source.fail(node, `maxFileSize must be a positive number of bytes or a size such as "5MB" (got ${describeNode(resolved)})`);
    if (typeof value === 'number') {
        if (!Number.isInteger(value) || value <= 0)
            bad();
        return value;
    }
    const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value) : null;
    const unit = SIZE_UNITS[match?.[2]?.toLowerCase() ?? 'none'];
    if (!match || unit === undefined)
        bad();
    const bytes = Math.floor(Number(match[1]) * unit);
    if (bytes <= 0)
        bad();
    return bytes;
}
function readRules(source, node, registry) {
    const map = source.expectMap(node, 'rules');
    const ids = registry.map((rule) => rule.meta.id);
    const settings = {};
    for (const { key, pair } of source.pairs(map, 'rules')) {
        const rule = registry.find((candidate) => candidate.meta.id === key);
        if (!rule)
            source.fail(pair.key, `rules: unknown rule "${key}"${suggestion(key, ids)}`);
        settings[key] = readRuleSetting(source, pair.value, rule);
    }
    return settings;
}
/** `privileged-port: warning` or `privileged-port: { severity: warning, options: {...} }`. */
function readRuleSetting(source, node, rule) {
    const where = child('rules', rule.meta.id);
    const resolved = source.resolve(node);
    if (!isMap(resolved))
        return { severity: readSeverity(source, node, where) };
    source.checkKeys(resolved, RULE_SETTING_KEYS, where);
    const severityNode = resolved.get('severity', true);
    const severity = severityNode === undefined
        ? rule.meta.defaultSeverity
        : readSeverity(source, severityNode, `${where}.severity`);
    const setting = { severity };
    if (resolved.has('options')) {
        const optionsNode = resolved.get('options', true);
        setting.options = readRuleOptions(source, optionsNode, rule, `${where}.options`);
    }
    return setting;
}
function readSeverity(source, node, where) {
    const resolved = source.resolve(node);
    const value = isScalar(resolved) ? resolved.value : undefined;
    if (typeof value === 'string' && SEVERITY_VALUES.includes(value)) {
        return value;
    }
    return source.fail(node, `${where} must be one of ${SEVERITY_VALUES.join(', ')} (got ${describeNode(resolved)})`);
}
/**
 * Options are parsed here, once, by the rule's own declaration: a bad option fails the run up
 * front, at the YAML node its path names, instead of deep inside the scan.
 */
function readRuleOptions(source, node, rule, where) {
    const resolved = source.resolve(node);
    if (!isMap(resolved))
        source.fail(node, `${where} must be a map (got ${describeNode(resolved)})`);
    let raw;
    try {
        raw = resolved.toJS(source.document);
    }
    catch (error) {
        // yaml refuses to expand alias bombs ("Excessive alias count"): a config error, not a crash.
        source.fail(node, `${where}: ${error.message}`);
    }
    try {
        return parseOptions(rule.options, raw);
    }
    catch (error) {
        if (!(error instanceof OptionError))
            throw error;
        const at = error.path.length === 0 ? where : `${where}.${formatOptionPath(error.path)}`;
        source.fail(source.nodeAt(resolved, error.path, error.at), `${at} ${error.detail}`);
    }
}
function readRanges(source, node, config) {
    const map = source.expectMap(node, 'ranges');
    source.checkKeys(map, RANGE_KEYS, 'ranges');
    for (const { key, pair } of source.pairs(map, 'ranges')) {
        const where = child('ranges', key);
        const entries = source
            .pairs(source.expectMap(pair.value, where), where)
            .map(({ key: name, pair: entry }) => {
            const at = child(where, name);
            if (name.trim() === '')
                source.fail(entry.key, `${where}: keys must be non-empty`);
            return { name, range: readRange(source, entry.value, at) };
        });
        if (key === 'paths') {
            config.ranges.paths = entries.map(({ name, range }) => ({ glob: name, range }));
        }
        else {
            const target = key === 'namespaces' ? config.ranges.namespaces : config.ranges.projects;
            for (const { name, range } of entries)
                setOwn(target, name, range);
        }
    }
}
/** A port range: `"30000-30999"` or `{ min: 30000, max: 30999 }`. */
function readRange(source, node, where) {
    const resolved = source.resolve(node);
    if (isScalar(resolved) && typeof resolved.value === 'string') {
        const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(resolved.value);
        if (!match)
            source.fail(node, `${where} must be "min-max", e.g. "30000-30999" (got ${describeNode(resolved)})`);
        return checkRange(source, node, where, Number(match[1]), Number(match[2]));
    }
    if (!isMap(resolved)) {
        source.fail(node, `${where} must be "min-max" or a map with min and max (got ${describeNode(resolved)})`);
    }
    source.checkKeys(resolved, ['min', 'max'], where);
    const bound = (name) => {
        const valueNode = resolved.get(name, true);
        if (valueNode === undefined)
            source.fail(resolved, `${where}.${name} is missing`);
        const value = isScalar(valueNode) ? valueNode.value : undefined;
        if (typeof value !== 'number' || !Number.isInteger(value)) {
            source.fail(valueNode, `${where}.${name} must be a whole number (got ${describeNode(valueNode)})`);
        }
        return value;
    };
    return checkRange(source, resolved, where, bound('min'), bound('max'));
}
function checkRange(source, node, where, min, max) {
    for (const port of [min, max]) {
        if (port < 1 || port > 65535)
            source.fail(node, `${where}: ${port} is not a port (1-65535)`);
    }
    if (min > max)
        source.fail(node, `${where}: min ${min} is greater than max ${max}`);
    return { min, max, source: source.sourceOf(node) };
}
/** `nodeScopes: { prod: ["clusters/prod/**"] }`, kept in file order. */
function readNodeScopes(source, node) {
    const map = source.expectMap(node, 'nodeScopes');
    return source.pairs(map, 'nodeScopes').map(({ key, pair }) => {
        const where = child('nodeScopes', key);
        const paths = source.expectStringList(pair.value, where);
        if (paths.length === 0)
            source.fail(pair.value, `${where} must list at least one path glob`);
        return { name: key, paths };
    });
}
/**
 * `composeGroups: [[stack/app, stack/db], ...]`: each group at least two folders or globs, and a
 * folder is written as a path relative to the scan root (`./` and a trailing `/` are dropped).
 */
function readComposeGroups(source, node) {
    const resolved = source.resolve(node);
    if (!isSeq(resolved))
        source.fail(node, `composeGroups must be a list of lists (got ${describeNode(resolved)})`);
    return resolved.items.map((item, index) => {
        const where = `composeGroups[${index}]`;
        const entries = source
            .expectStringList(item, where)
            .map((entry) => entry.trim().replace(/^\.\//, '').replace(/\/+$/, ''));
        if (entries.length < 2)
            source.fail(item, `${where} must list at least two folders or globs`);
        return entries;
    });
}
// ---------------------------------------------------------------------------------------------
// .github/port-ranges.json
/**
 * `{"team-alpha": {"min": 30000, "max": 30999}}`, keys are namespaces. Entries of the config
 * file win over this file, namespace by namespace.
 */
function applyPortRangesJson(config, text, file) {
    const clean = text.replace(/^\uFEFF/, '');
    checkJsonSyntax(clean, file);
    // JSON is YAML 1.2, so the YAML parser gives positions for the validation messages.
    const source = parseYaml(clean, file);
    const map = source.expectMap(source.document.contents, 'the port ranges file');
    for (const { key, pair } of source.pairs(map, '')) {
        if (Object.hasOwn(config.ranges.namespaces, key))
            continue;
        setOwn(config.ranges.namespaces, key, readRange(source, pair.value, child('', key)));
    }
}
/**
 * `target[key] = value` for a key a repository wrote: `__proto__` would set the prototype and
 * `constructor` is found on it, so the key is defined as an own property whatever it is.
 */
function setOwn(target, key, value) {
    Object.defineProperty(target, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true
    });
}
function checkJsonSyntax(text, file) {
    try {
        JSON.parse(text);
    }
    catch (error) {
        const message = error.message;
        const named = /position (\d+)/.exec(message)?.[1];
        const offset = named !== undefined ? Number(named) : jsonErrorOffset(text);
        const where = offset === undefined ? { file } : { file, ...lineColumn(text, offset) };
        throw new ConfigError(`invalid JSON: ${withoutQuotedContent(message)}`, where);
    }
}
/** V8 quotes the start of the text (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`): cut it. */
function withoutQuotedContent(message) {
    return escapeControls(message
        .replace(/ in JSON at position \d+.*$/s, '')
        .replace(/, ".*$/s, '')
        .replace(/^Unexpected token '(.)'$/su, (_, char) => `unexpected character ${excerpt(char)}`));
}
function lineColumn(text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
}

// When two host IPs can hold the same port at once. Docker's port allocator and the kube
// scheduler's NodePorts plugin both treat the unspecified address as overlapping the specific
// ones; two different specific addresses coexist.
/** '' means every interface (Docker binds 0.0.0.0 and ::). `::` is dual-stack on Linux. */
function classify$1(address) {
    if (address === '' || address === '::' || address === '*')
        return 'every';
    if (address === '0.0.0.0')
        return 'every-ipv4';
    return address.includes(':') ? 'ipv6' : 'ipv4';
}
/** `0:0::1`, `[::1]` and `::1` are one address; IPv4 stays as written. */
function normaliseAddress(address) {
    const bare = address.replace(/^\[(.*)\]$/, '$1').trim();
    if (!bare.includes(':'))
        return bare;
    try {
        return new URL(`http://[${bare}]/`).hostname.replace(/^\[(.*)\]$/, '$1');
    }
    catch {
        return bare.toLowerCase();
    }
}
function addressesOverlap(a, b) {
    const left = normaliseAddress(a);
    const right = normaliseAddress(b);
    if (left === right)
        return true;
    const classes = [classify$1(left), classify$1(right)];
    if (classes.includes('every'))
        return true;
    const [first, second] = classes;
    if (first === 'every-ipv4')
        return second === 'ipv4';
    if (second === 'every-ipv4')
        return first === 'ipv4';
    // ::ffff:a.b.c.d style and other spellings are rare enough in manifests to compare as written.
    return false;
}
/** For messages: `127.0.0.1`, `[::1]`, or `every interface`. */
function describeAddress(address) {
    const normalised = normaliseAddress(address);
    if (normalised === '')
        return 'all interfaces';
    return normalised.includes(':') ? `[${normalised}]` : normalised;
}

// Names for messages and identities for finding keys.
/** `kubernetes:Deployment/shop/web`, `compose:docker-compose.yml/web` — never contains a line. */
function objectKey(object) {
    return object.format === 'kubernetes'
        ? `kubernetes:${object.kind}/${object.namespace}/${object.name}`
        : `compose:${object.projectFile}/${object.service}`;
}
/** `file:line` — messages name both sides of a conflict this way. */
function shortLocation(location) {
    return `${location.file}:${location.line}`;
}
/**
 * `DaemonSet monitoring/node-exporter (container "exporter")`; Compose services need no container.
 * `details` follow in the same parenthesis: `service "web" (project shop, compose.yaml:9)`.
 */
function describeBinding(binding, details = []) {
    const container = binding.object.format === 'kubernetes'
        ? [`${binding.containerKind} "${binding.container}"`]
        : [];
    return describeObject(binding.object, [...container, ...details]);
}
/** `80/TCP` for Kubernetes (the API's spelling), `80/tcp` for Compose. */
function describeProtocol(binding) {
    return binding.format === 'kubernetes' ? binding.protocol.toUpperCase() : binding.protocol;
}

// Which port a binding claims on the host, and where a finding about it points. Shared by every
// rule that looks at the host side (duplicates, privileged host ports, ranges).
/**
 * The host port a binding occupies, or undefined when it binds none.
 * - An explicit hostPort / published port.
 * - Host networking (Kubernetes `hostNetwork: true`, Compose `network_mode: host`): the process
 *   binds its container port on the node itself. Kubernetes even defaults `hostPort` to
 *   `containerPort` for such pods (pkg/apis/core/v1/defaults.go), and Docker ignores `ports:`
 *   under host networking, so the container port is what is bound.
 * A binding with an unknown interpolated value claims nothing: rules must stay silent about it.
 */
function hostClaim(binding) {
    if (binding.unresolved)
        return undefined;
    if (binding.hostNetwork && binding.containerPort) {
        // Compose ignores `published` under host networking; Kubernetes requires hostPort ==
        // containerPort there (a mismatch is the loader's invalid-port), so the container port is
        // what is bound. A Kubernetes finding points at `hostPort:` when one is written.
        const explicitHostPort = binding.format === 'kubernetes' ? binding.hostPortLocation : undefined;
        return {
            binding,
            ports: binding.containerPort,
            location: explicitHostPort ?? binding.containerPortLocation ?? binding.location,
            viaHostNetwork: true
        };
    }
    if (!binding.hostPort)
        return undefined;
    return {
        binding,
        ports: binding.hostPort,
        location: binding.hostPortLocation ?? binding.location,
        viaHostNetwork: false
    };
}
function rangeWidth(range) {
    return range.end - range.start + 1;
}
/**
 * A published range mapped to a single container port (`"8000-8010:80"`) asks Docker for *one*
 * free port out of the range, not for all of them; a range mapped to a range of the same width
 * binds every port of it.
 */
function isPortPool(claim) {
    const container = claim.binding.containerPort;
    if (claim.viaHostNetwork || rangeWidth(claim.ports) === 1)
        return false;
    return !container || rangeWidth(container) !== rangeWidth(claim.ports);
}
/**
 * The subject of a finding about `ports` of a host claim: "Host port 80/TCP on 10.0.0.1 of …",
 * "Published port …", or "Port … bound on the host itself (host network),".
 */
function describeHostClaim(claim, ports) {
    const { binding } = claim;
    const port = `${formatRange(ports)}/${describeProtocol(binding)}`;
    if (claim.viaHostNetwork) {
        return `Port ${port} of ${describeBinding(binding)}, bound on the host itself (host network),`;
    }
    const address = binding.hostIP ? ` on ${describeAddress(binding.hostIP)}` : '';
    const kind = binding.format === 'kubernetes' ? 'Host port' : 'Published port';
    return `${kind} ${port}${address} of ${describeBinding(binding)}`;
}

// Which pod a Kubernetes binding belongs to. Most objects have one pod template, but some custom
// resources carry several (a TFJob's PS and Worker, a Spark driver and executor): bindings of one
// object in one file belong to the last template that starts before them, because a template is
// one contiguous YAML block.
function podLocator(templates) {
    const starts = new Map();
    for (const template of templates) {
        const key = `${template.location.file}\0${objectKey(template.object)}`;
        const list = starts.get(key) ?? [];
        list.push(template.location);
        starts.set(key, list);
    }
    for (const list of starts.values())
        list.sort(compareLocations);
    return (object, location) => {
        const key = `${location.file}\0${objectKey(object)}`;
        const list = starts.get(key) ?? [];
        let index = 0;
        for (let i = 0; i < list.length; i++)
            if (compareLocations(list[i], location) <= 0)
                index = i;
        return `${key}\0${index}`;
    };
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
/** The largest of `values` (-Infinity for none), as Math.max without spreading them. */
function maxOf(values) {
    let max = -Infinity;
    for (const value of values)
        if (value > max || Number.isNaN(value))
            max = value;
    return max;
}
/** The smallest of `values` (Infinity for none), as Math.min without spreading them. */
function minOf(values) {
    let min = Infinity;
    for (const value of values)
        if (value < min || Number.isNaN(value))
            min = value;
    return min;
}

// A list a message names says each entry once: the same port of two containers, the same
// project reached twice, the same object in two copies of a file.
/** The entries in their first order, each once (SameValueZero, as a Set compares). */
function uniq(items) {
    return [...new Set(items)];
}
/** The items in their first order, the first of each key only. */
function uniqBy(items, keyOf) {
    const seen = new Set();
    return items.filter((item) => {
        const key = keyOf(item);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}

// Claims of one host port on one host (DESIGN.md, "Collision model"), reported per conflict
// group, never per pair. Claims are bucketed by format, node scope and protocol, swept in port
// order into groups of overlapping ports and addresses, and each claim is judged against a
// handful of earlier ones only (the first claims of other identities, the claims of its own
// file or project): the work and the output stay linear in the claims, so 5,000 DaemonSets on
// one port make 4,999 short findings, not 12 million pairs.
/** At most this many related locations per finding; the JSON report's `conflicts` has them all. */
const MAX_RELATED = 5;
/** At most this many members named in the message of a possible-conflict finding. */
const MAX_NAMED_MEMBERS = 10;
const duplicateHostPort = {
    meta: {
        id: 'duplicate-host-port',
        description: 'Two bindings claim the same host port on the same host.',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'two claims that can never run together: two containers of one pod (the API server rejects the duplicate hostPort), a DaemonSet and any other pod on the same node, two services of one Compose project or of projects one `composeGroups` entry runs together ("port is already allocated")',
                source: 'https://kubernetes.io/docs/reference/scheduling/config/#scheduling-plugins'
            },
            {
                severity: 'warning',
                when: 'a possible conflict, with the reason stated: pods the scheduler keeps apart (one stays Pending when no node is free), a Compose port pool, services in different profiles, Compose projects in one folder, a kind or k3d cluster and a Compose project (option betweenComposeProjects)',
                source: 'https://kubernetes.io/docs/reference/scheduling/config/#scheduling-plugins'
            },
            {
                severity: 'notice',
                when: 'Compose projects in different folders that no `composeGroups` entry runs together: independent projects (single-node and multi-node, one stack per version, examples) are rarely run side by side',
                source: 'https://docs.docker.com/compose/how-tos/project-name/'
            }
        ]
    },
    options: { betweenComposeProjects: booleanOption(true) },
    check(model, context) {
        const podOf = podLocator(model.podTemplates);
        const judge = judgeWith(podOf, context.options, composeGroupsOf(context.scopes));
        const slots = partnerSlots(podOf);
        const order = claimOrder(model, context.baseline);
        const isNew = (claim) => context.baseline?.hadClaim(claim.binding) === false;
        const findings = [];
        for (const bucket of bucketClaims(model, context.scopes)) {
            for (const members of groupsOf(bucket.claims)) {
                members.sort(order);
                members.forEach((claim, index) => (claim.rank = index));
                append(findings, reportGroup(bucket, members, judgeGroup(members, judge, slots), isNew));
            }
        }
        return findings;
    }
};
// ── Buckets and groups ──────────────────────────────────────────────────────────────────────
/**
 * Kubernetes host ports are per node scope; Compose bindings of every project share one bucket
 * (cross-project conflicts are warnings); Compose and Kubernetes never meet.
 */
function bucketClaims(model, scopes) {
    const scopeOfFile = new Map();
    const scopeOf = (file) => {
        let scope = scopeOfFile.get(file);
        if (scope === undefined) {
            scope = scopes.nodeScopes.find((candidate) => matchesAnyGlob(file, candidate.paths))?.name;
            scope = scope ?? null;
            scopeOfFile.set(file, scope);
        }
        return scope;
    };
    const buckets = new Map();
    for (const binding of model.bindings) {
        const claim = hostClaim(binding);
        if (!claim)
            continue;
        const nodeScope = binding.format === 'kubernetes' ? scopeOf(binding.location.file) : null;
        const protocol = binding.protocol.toLowerCase();
        const key = `${binding.format}\0${nodeScope ?? ''}\0${protocol}`;
        let bucket = buckets.get(key);
        if (!bucket) {
            bucket = { format: binding.format, nodeScope, protocol, claims: [] };
            buckets.set(key, bucket);
        }
        bucket.claims.push(toClaim(claim));
    }
    for (const bucket of buckets.values())
        resolveEmptyNamespaces(bucket.claims);
    return [...buckets.values()];
}
function toClaim(claim) {
    const { binding } = claim;
    const object = binding.object;
    const address = normaliseAddress(binding.hostIP);
    const every = address === '' || address === '::' || address === '*';
    return {
        ...claim,
        rank: 0,
        identity: object.format === 'kubernetes'
            ? `kubernetes\0${object.namespace}\0${object.name}`
            : `compose\0${object.project}`,
        unit: object.format === 'kubernetes'
            ? claim.location.file
            : `${object.projectFile}\0${object.overlay ?? ''}`,
        isDaemonSet: object.format === 'kubernetes' && object.kind === 'DaemonSet',
        addressKey: every ? 'every' : address === '0.0.0.0' ? 'v4wild' : `addr:${address}`,
        ipv6Specific: !every && address.includes(':')
    };
}
/**
 * A kustomize base often leaves the namespace out and the overlay (or `kubectl apply -n`) sets
 * it: a claim without a namespace takes the first namespace that an object of the same name
 * has in this bucket, so that the base and its overlay are one identity.
 */
function resolveEmptyNamespaces(claims) {
    const namespaceOf = new Map();
    for (const claim of claims) {
        const object = claim.binding.object;
        if (object.format !== 'kubernetes' || object.namespace === '')
            continue;
        const known = namespaceOf.get(object.name);
        if (known === undefined || object.namespace < known)
            namespaceOf.set(object.name, object.namespace);
    }
    for (const claim of claims) {
        const object = claim.binding.object;
        if (object.format !== 'kubernetes' || object.namespace !== '')
            continue;
        const namespace = namespaceOf.get(object.name);
        if (namespace !== undefined)
            claim.identity = `kubernetes\0${namespace}\0${object.name}`;
    }
}
/**
 * Claims whose port ranges overlap (a sweep in port order: one pass, no pairs), split by
 * address: with an every-interface claim all addresses meet; with 0.0.0.0 all IPv4 addresses
 * meet; otherwise each specific address is its own group. Groups of one claim are dropped.
 */
function groupsOf(claims) {
    const sorted = [...claims].sort((a, b) => a.ports.start - b.ports.start);
    const runs = [];
    let end = -1;
    for (const claim of sorted) {
        if (claim.ports.start > end)
            runs.push([]);
        runs[runs.length - 1].push(claim);
        end = Math.max(end, claim.ports.end);
    }
    const groups = [];
    for (const run of runs) {
        if (run.length < 2)
            continue;
        const every = run.some((claim) => claim.addressKey === 'every');
        const v4wild = run.some((claim) => claim.addressKey === 'v4wild');
        const byAddress = new Map();
        for (const claim of run) {
            const key = every ? '' : v4wild && !claim.ipv6Specific ? '0.0.0.0' : claim.addressKey;
            const list = byAddress.get(key);
            if (list)
                list.push(claim);
            else
                byAddress.set(key, [claim]);
        }
        for (const group of byAddress.values())
            if (group.length > 1)
                groups.push(group);
    }
    return groups;
}
/**
 * Which of two claims comes first and which is "later" and carries a finding (and its fix):
 * - a host-network claim first: its port is the one the process listens on, so moving it is
 *   not a one-line change, while a hostPort or a published port is;
 * - then, on the head of a change, the claims its base already had: the claim the change adds
 *   is the one its author is asked to move, whatever the file names' order;
 * - inside one Compose project the order in which Compose merges its files (the main file,
 *   then its override, ..., an overlay last), so a clash brought in by an override or an
 *   overlay is reported on its line;
 * - everywhere else file order, then line.
 */
function claimOrder(model, baseline) {
    const mergeRank = new Map();
    for (const project of model.composeProjects) {
        project.files.forEach((file, index) => mergeRank.set(`${project.files[0]}\0${file}`, index));
    }
    const rank = (claim) => {
        const object = claim.binding.object;
        return object.format === 'compose'
            ? mergeRank.get(`${object.projectFile}\0${claim.location.file}`)
            : undefined;
    };
    const hadClaim = new Map();
    const existing = (claim) => {
        let had = hadClaim.get(claim);
        if (had === undefined)
            hadClaim.set(claim, (had = baseline?.hadClaim(claim.binding) ?? true));
        return had;
    };
    return (a, b) => {
        if (a.viaHostNetwork !== b.viaHostNetwork)
            return a.viaHostNetwork ? -1 : 1;
        if (existing(a) !== existing(b))
            return existing(a) ? -1 : 1;
        const sameProject = a.binding.object.format === 'compose' &&
            b.binding.object.format === 'compose' &&
            a.binding.object.projectFile === b.binding.object.projectFile;
        if (sameProject) {
            // An overlay is merged after every file of its base: what it brings is what clashes.
            const overlayA = a.binding.object.format === 'compose' && a.binding.object.overlay;
            const overlayB = b.binding.object.format === 'compose' && b.binding.object.overlay;
            if (!overlayA !== !overlayB)
                return overlayA ? 1 : -1;
        }
        const rankA = rank(a);
        const rankB = rank(b);
        if (sameProject && rankA !== undefined && rankB !== undefined && rankA !== rankB) {
            return rankA - rankB;
        }
        return (compareLocations(a.location, b.location) ||
            compareLocations(a.binding.location, b.binding.location));
    };
}
// ── Judging a group in one pass ─────────────────────────────────────────────────────────────
/**
 * The first two claims of distinct identities among the claims seen so far: whatever the
 * identity of a later claim, one of them is the earliest claim of *another* identity.
 */
class FirstTwoIdentities {
    claims = [];
    add(claim) {
        if (this.claims.length === 0)
            this.claims.push(claim);
        else if (this.claims.length === 1 && this.claims[0].identity !== claim.identity)
            this.claims.push(claim);
    }
}
/** Tracker keys a claim is filed under as an earlier claim. */
function filedUnder(claim) {
    const addresses = ['any', claim.addressKey, ...(claim.ipv6Specific ? [] : ['v4ish'])];
    const kinds = claim.isDaemonSet ? ['all', 'daemonset'] : ['all'];
    return kinds.flatMap((kind) => addresses.map((address) => `${kind}\0${address}`));
}
/**
 * Tracker keys that hold the earlier claims whose address overlaps this one's: every earlier
 * claim for an every-interface claim; all but specific IPv6 addresses for 0.0.0.0; the
 * every-interface claims, 0.0.0.0 (for IPv4) and the same address for a specific one. A claim
 * that is no DaemonSet also asks for the earliest DaemonSet, the one that makes it certain.
 */
function lookedUpIn(claim) {
    const addresses = claim.addressKey === 'every'
        ? ['any']
        : claim.addressKey === 'v4wild'
            ? ['v4ish']
            : ['every', claim.addressKey, ...(claim.ipv6Specific ? [] : ['v4wild'])];
    const kinds = claim.isDaemonSet ? ['all'] : ['all', 'daemonset'];
    return kinds.flatMap((kind) => addresses.map((address) => `${kind}\0${address}`));
}
/**
 * What the pair rules read of an earlier claim of the same unit. Two earlier claims under one
 * key give any later claim the same verdict, so a key keeps its first claim, and where the rules
 * compare the two claims themselves, the first that differs: Compose judges the services of one
 * project alike (kept: the first two services, so one is another service than the later claim's)
 * and two entries of one service by the entry (kept: the first two entries). A Pod with 120,000
 * ports on one port, or a project of 20,000 services, is then a few candidates per claim, not
 * all the earlier ones: the judging stays linear.
 */
function partnerSlots(podOf) {
    return (claim) => {
        const { binding } = claim;
        const object = binding.object;
        const ports = `${binding.hostIP}\0${formatRange(claim.ports)}\0${claim.viaHostNetwork}`;
        if (object.format === 'kubernetes') {
            const init = binding.containerKind === 'initContainer' ? binding.container : '';
            const pod = podOf(object, binding.location);
            return [
                { scope: '', key: `${pod}\0${object.kind}\0${binding.containerKind}\0${init}\0${ports}` }
            ];
        }
        const project = `${object.projectFile}\0${object.overlay ?? ''}\0${object.project}`;
        const profiles = JSON.stringify(binding.profiles ?? []);
        const shared = `${project}\0${profiles}\0${ports}`;
        return [
            {
                scope: '',
                key: shared,
                differs: (first, other) => first.binding.object.format === 'compose' &&
                    other.binding.object.format === 'compose' &&
                    first.binding.object.service !== other.binding.object.service
            },
            {
                scope: `service\0${object.service}`,
                key: shared,
                differs: (first, other) => !sameEntry(first, other)
            }
        ];
    };
}
function keepAsPartner(kept, slots, claim) {
    for (const { scope, key, differs } of slots) {
        let inScope = kept.get(scope);
        if (!inScope)
            kept.set(scope, (inScope = new Map()));
        const list = inScope.get(key);
        if (!list)
            inScope.set(key, [claim]);
        else if (list.length === 1 && differs?.(list[0], claim))
            list.push(claim);
    }
}
/**
 * Every claim against the few earlier claims that can decide its verdict: the earliest claims
 * of other identities with an overlapping address (any one of them is a conflict; a DaemonSet
 * one a certain conflict), and the earlier claims of its own identity and unit (one pod, two
 * documents of one file, services of one Compose project), which need the pair rules.
 */
function judgeGroup(members, judge, slotsOf) {
    const trackers = new Map();
    const sameUnit = new Map();
    const judged = [];
    for (const claim of members) {
        const unitKey = `${claim.identity}\0${claim.unit}`;
        const slots = slotsOf(claim);
        const candidates = new Set();
        for (const scope of new Set(slots.map((slot) => slot.scope))) {
            for (const kept of sameUnit.get(unitKey)?.get(scope)?.values() ?? []) {
                for (const earlier of kept)
                    candidates.add(earlier);
            }
        }
        for (const key of lookedUpIn(claim)) {
            for (const earlier of trackers.get(key)?.claims ?? [])
                candidates.add(earlier);
        }
        const result = { claim };
        for (const earlier of [...candidates].sort((a, b) => a.rank - b.rank)) {
            const verdict = judge(earlier, claim);
            if (!verdict)
                continue;
            if (verdict.severity === 'error') {
                result.certain ??= { partner: earlier, verdict };
            }
            else {
                result.possible ??= { partner: earlier, verdict };
            }
        }
        judged.push(result);
        for (const key of filedUnder(claim)) {
            let tracker = trackers.get(key);
            if (!tracker)
                trackers.set(key, (tracker = new FirstTwoIdentities()));
            tracker.add(claim);
        }
        let unitClaims = sameUnit.get(unitKey);
        if (!unitClaims)
            sameUnit.set(unitKey, (unitClaims = new Map()));
        keepAsPartner(unitClaims, slots, claim);
    }
    return judged;
}
function judgeWith(podOf, options, groups) {
    return (earlier, later) => {
        if (!portsOverlap(earlier.ports, later.ports))
            return undefined;
        if (!addressesOverlap(earlier.binding.hostIP, later.binding.hostIP))
            return undefined;
        // One identity in several files (units) is one thing applied once: a base and its overlay,
        // one folder per environment, or an install variant (a DaemonSet and a Deployment of one
        // name), and a `docker-compose.prod.yml` beside `docker-compose.yml` of one project name.
        // An overlay is run with its base, though (`-f compose.yaml -f compose.prod.yaml`): what it
        // adds meets the base's ports, never another overlay's.
        if (earlier.identity === later.identity && earlier.unit !== later.unit) {
            if (!overlayOverItsBase(earlier, later))
                return undefined;
        }
        return earlier.binding.object.format === 'kubernetes'
            ? judgeKubernetes(earlier, later, podOf)
            : judgeCompose(earlier, later, options, groups);
    };
}
function overlayOverItsBase(a, b) {
    const [x, y] = [a.binding.object, b.binding.object];
    if (x.format !== 'compose' || y.format !== 'compose')
        return false;
    return x.projectFile === y.projectFile && (x.overlay === undefined) !== (y.overlay === undefined);
}
/**
 * The `composeGroups` of the config: which groups a project's main file belongs to. An entry is
 * a folder (the file is in it or below it) or a glob matching the main file.
 */
function composeGroupsOf(scopes) {
    const groups = scopes.composeGroups ?? [];
    const cache = new Map();
    return (projectFile) => {
        let found = cache.get(projectFile);
        if (found)
            return found;
        found = new Set();
        const folder = folderOfFile(projectFile);
        groups.forEach((entries, index) => {
            const inGroup = entries.some((entry) => {
                const dir = entry === '.' ? '' : entry;
                return (dir === '' ||
                    folder === dir ||
                    folder.startsWith(`${dir}/`) ||
                    matchesAnyGlob(projectFile, [entry]));
            });
            if (inGroup)
                found.add(index);
        });
        cache.set(projectFile, found);
        return found;
    };
}
function folderOfFile(file) {
    const slash = file.lastIndexOf('/');
    return slash === -1 ? '' : file.slice(0, slash);
}
function judgeKubernetes(earlier, later, podOf) {
    const [a, b] = [earlier.binding, later.binding];
    if (a.object.format !== 'kubernetes' || b.object.format !== 'kubernetes')
        return undefined;
    if (podOf(a.object, a.location) === podOf(b.object, b.location)) {
        return judgeInsidePod(earlier, later);
    }
    const daemonSets = [a.object, b.object].filter((object) => object.kind === 'DaemonSet');
    if (daemonSets.length > 0) {
        const who = daemonSets.length === 2
            ? 'both are DaemonSets, which run'
            : `DaemonSet ${daemonSets[0].name} runs`;
        return {
            severity: 'error',
            explanation: `certain conflict: ${who} a pod on every node, so the two pods can never share a node`,
            groupExplanation: 'certain conflict: a DaemonSet runs a pod on every node'
        };
    }
    return {
        severity: 'warning',
        explanation: 'possible conflict: the scheduler never places both pods on one node, ' +
            'and leaves one Pending when no other node is free',
        groupExplanation: 'possible conflict: the scheduler never places two of these pods on one node, ' +
            'and leaves one Pending when no other node is free'
    };
}
/**
 * Inside one pod the rule is exactly what the API server rejects (AccumulateUniqueHostPorts in
 * pkg/apis/core/validation): the key is protocol/hostIP/hostPort as written, the regular
 * containers (and sidecars, which run alongside them) are checked together, and each init
 * container on its own, because init containers run one after another.
 */
function judgeInsidePod(earlier, later) {
    const [a, b] = [earlier.binding, later.binding];
    if (normaliseAddress(a.hostIP) !== normaliseAddress(b.hostIP))
        return undefined;
    if (earlier.ports.start !== later.ports.start || earlier.ports.end !== later.ports.end) {
        return undefined;
    }
    const running = (kind) => kind === 'container' || kind === 'sidecar';
    const together = (running(a.containerKind) && running(b.containerKind)) ||
        (a.containerKind === 'initContainer' &&
            b.containerKind === 'initContainer' &&
            a.container === b.container);
    if (!together)
        return undefined;
    const apiKey = `${a.protocol.toUpperCase()}/${a.hostIP}/${formatRange(later.ports)}`;
    const explanation = `both are in one pod, which the API server rejects (duplicate hostPort "${apiKey}")`;
    return { severity: 'error', explanation, groupExplanation: explanation };
}
/** `projects "a" and "b"`; a kind/k3d config (src/extract/dev-cluster/) is `kind cluster "dev"`. */
function hostUsers(a, b) {
    if (!a.devCluster && !b.devCluster)
        return `projects "${a.project}" and "${b.project}"`;
    const name = (object) => object.devCluster
        ? `${object.devCluster.tool} cluster "${object.devCluster.cluster}"`
        : `project "${object.project}"`;
    return `${name(a)} and ${name(b)}`;
}
function judgeCompose(earlier, later, options, groups) {
    const [a, b] = [earlier.binding.object, later.binding.object];
    if (a.format !== 'compose' || b.format !== 'compose')
        return undefined;
    const sameProject = a.projectFile === b.projectFile;
    if (!sameProject && !options.betweenComposeProjects)
        return undefined;
    if (sameProject && a.service === b.service && sameEntry(earlier, later)) {
        // Compose merges identical entries (EnforceUnicity); the loader should already have done so.
        return undefined;
    }
    const pool = [earlier, later].find(isPortPool);
    if (pool) {
        const explanation = `possible conflict: Docker picks one free port of the range ${formatRange(pool.ports)} ` +
            'when the container starts, and fails only if none is left';
        return { severity: 'warning', explanation, groupExplanation: explanation };
    }
    if (!sameProject) {
        const groupsOfA = groups(a.projectFile);
        if ([...groups(b.projectFile)].some((group) => groupsOfA.has(group))) {
            const explanation = `composeGroups runs projects "${a.project}" and "${b.project}" together on one host, ` +
                'so the second container fails to start (port is already allocated)';
            return { severity: 'error', explanation, groupExplanation: explanation };
        }
        // Independent projects in different folders are usually alternatives (single-node and
        // multi-node, one stack per version, examples): worth knowing, rarely run side by side.
        // A kind or k3d cluster is the developer machine the repository's stacks run on, wherever
        // its config lives, so it stays a possible conflict with them.
        const devCluster = a.devCluster !== undefined || b.devCluster !== undefined;
        if (!devCluster && folderOfFile(a.projectFile) !== folderOfFile(b.projectFile)) {
            return {
                severity: 'notice',
                explanation: `projects "${a.project}" and "${b.project}" are in different folders and clash only ` +
                    'when run on one host (declare them in composeGroups if they are)',
                groupExplanation: 'Compose projects in different folders clash only when run on one host ' +
                    '(declare them in composeGroups if they are)'
            };
        }
        return {
            severity: 'warning',
            explanation: `possible conflict: ${hostUsers(a, b)} ` + 'clash only when run on one host',
            groupExplanation: 'possible conflict: Compose projects clash only when run on one host'
        };
    }
    const profiles = disjointProfiles(earlier, later);
    if (profiles) {
        const explanation = `possible conflict: the services are in different profiles (${profiles}) ` +
            'and clash only when both are enabled';
        return { severity: 'warning', explanation, groupExplanation: explanation };
    }
    return {
        severity: 'error',
        explanation: `both are in Compose project "${b.project}", ` +
            'so the second container fails to start (port is already allocated)',
        groupExplanation: 'certain conflict: services of one Compose project'
    };
}
function portsOverlap(a, b) {
    return a.start <= b.end && b.start <= a.end;
}
function sameEntry(a, b) {
    const same = (x, y) => x?.start === y?.start && x?.end === y?.end;
    return (normaliseAddress(a.binding.hostIP) === normaliseAddress(b.binding.hostIP) &&
        same(a.ports, b.ports) &&
        same(a.binding.containerPort, b.binding.containerPort));
}
/** Services that only start under disjoint profiles are never up together by default. */
function disjointProfiles(a, b) {
    const left = a.binding.profiles ?? [];
    const right = b.binding.profiles ?? [];
    if (left.length === 0 || right.length === 0)
        return undefined;
    if (left.some((profile) => right.includes(profile)))
        return undefined;
    return `${uniq(left).join(', ')} vs ${uniq(right).join(', ')}`;
}
// ── Findings ────────────────────────────────────────────────────────────────────────────────
/**
 * Certain conflicts: one finding per claim that certainly collides with an earlier one, naming
 * that claim and how many others share the port. Possible conflicts: one finding for the
 * group, at its first claim, naming up to ten members.
 */
function reportGroup(bucket, members, judged, isNew) {
    const involved = new Set();
    const possiblyInvolved = new Set();
    for (const { claim, certain, possible } of judged) {
        for (const pair of [certain, possible]) {
            if (!pair)
                continue;
            involved.add(claim).add(pair.partner);
        }
        if (possible && !certain)
            possiblyInvolved.add(claim).add(possible.partner);
    }
    if (involved.size === 0)
        return [];
    const inGroup = members.filter((claim) => involved.has(claim));
    const group = conflictGroup(bucket, inGroup, judged);
    const findings = [];
    for (const { claim, certain } of judged) {
        if (certain)
            findings.push(certainFinding(claim, certain.partner, certain.verdict, inGroup, group));
    }
    const possibleMembers = members.filter((claim) => possiblyInvolved.has(claim));
    if (possibleMembers.length > 0) {
        const verdicts = judged.flatMap(({ certain, possible }) => possible && !certain ? [possible.verdict] : []);
        // A pair says exactly why; a larger group says it once for all.
        const explanations = possibleMembers.length === 2
            ? [verdicts[0].explanation]
            : [...new Set(verdicts.map((verdict) => verdict.groupExplanation))];
        // The group's severity is its most severe pair's: a warning pair makes it a warning.
        const severity = verdicts.some((verdict) => verdict.severity === 'warning')
            ? 'warning'
            : 'notice';
        findings.push(possibleFinding(subjectFirst(possibleMembers, isNew), explanations, group, severity));
    }
    return findings;
}
function conflictGroup(bucket, members, judged) {
    // A loop, not Math.min(...spread): a group may hold more claims than a call has arguments.
    const ports = { ...members[0].ports };
    for (const claim of members) {
        ports.start = Math.min(ports.start, claim.ports.start);
        ports.end = Math.max(ports.end, claim.ports.end);
    }
    const addressKeys = new Set(members.map((claim) => claim.addressKey));
    const address = addressKeys.has('every')
        ? ''
        : addressKeys.has('v4wild')
            ? '0.0.0.0'
            : normaliseAddress(members[0].binding.hostIP);
    const scope = bucket.nodeScope === null ? '' : `[${bucket.nodeScope}]`;
    return {
        id: `${bucket.format}${scope}/${bucket.protocol}/${formatRange(ports)}${address ? `@${address}` : ''}`,
        format: bucket.format,
        nodeScope: bucket.nodeScope,
        protocol: bucket.protocol,
        ports,
        certainty: judged.some((each) => each.certain) ? 'certain' : 'possible',
        members: members.map(toMember)
    };
}
function toMember(claim) {
    const { binding } = claim;
    return {
        location: claim.location,
        object: binding.object,
        container: binding.container,
        hostIP: binding.hostIP,
        ports: { ...claim.ports }
    };
}
/** `DaemonSet monitoring/agent (container "agent", host network, agent.yaml:31)`. */
function describeClaim(claim) {
    return describeBinding(claim.binding, [
        ...(claim.viaHostNetwork ? ['host network'] : []),
        shortLocation(claim.location)
    ]);
}
function portText(claim, ports) {
    const address = claim.binding.hostIP ? ` on ${describeAddress(claim.binding.hostIP)}` : '';
    return `${formatRange(ports)}/${describeProtocol(claim.binding)}${address}`;
}
/** The partner first, then the earliest other members: at most MAX_RELATED. */
function relatedOf(self, first, members) {
    const chosen = first ? [first] : [];
    for (const member of members) {
        if (chosen.length >= MAX_RELATED)
            break;
        if (member !== self && member !== first)
            chosen.push(member);
    }
    return chosen.map((other) => ({
        location: other.location,
        message: `another claim of host port ${formatRange(other.ports)}/${describeProtocol(other.binding)}: ${describeBinding(other.binding)}`
    }));
}
/** `and 3 other claims`; the count every finding of a group gives. */
function othersText(count) {
    if (count === 0)
        return '';
    const shown = Math.min(count, MAX_RELATED - 1);
    const more = count > shown ? `, ${count - shown} more in the JSON report's conflict group` : '';
    return ` and ${count} other ${count === 1 ? 'claim' : 'claims'} (see related locations${more})`;
}
/** Identity of a claim without line numbers, for finding keys. */
function side(claim) {
    return [
        objectKey(claim.binding.object),
        claim.binding.container,
        normaliseAddress(claim.binding.hostIP),
        formatRange(claim.ports)
    ].join('/');
}
function certainFinding(claim, partner, verdict, members, group) {
    const ports = {
        start: Math.max(claim.ports.start, partner.ports.start),
        end: Math.min(claim.ports.end, partner.ports.end)
    };
    const others = othersText(members.length - 2);
    return {
        message: `Host port ${portText(claim, ports)} of ${describeClaim(claim)} is also claimed by ` +
            `${describeClaim(partner)}${others}: ${verdict.explanation}.`,
        location: claim.location,
        related: relatedOf(claim, partner, members),
        object: claim.binding.object,
        key: `${group.id}|${side(claim)}|certain`,
        severity: 'error',
        conflict: group
    };
}
/**
 * The claim a possible-conflict finding stands on goes first: the first, unless the group is a
 * conflict only because of claims a change added (fewer than two were in the base), then the
 * first of those that can move (not host-network), so that the finding and its fix are on the
 * change's side.
 */
function subjectFirst(members, isNew) {
    const added = members.filter(isNew);
    if (added.length === 0 || members.length - added.length >= 2)
        return members;
    const movable = (claim) => !claim.viaHostNetwork;
    const subject = added.find(movable) ?? members.find(movable) ?? members[0];
    return [subject, ...members.filter((claim) => claim !== subject)];
}
function possibleFinding(members, explanations, group, severity) {
    const [first, ...rest] = members;
    const names = uniq(rest.map(describeClaim));
    const named = names.slice(0, MAX_NAMED_MEMBERS);
    const more = names.length > named.length ? ` and ${names.length - named.length} more` : '';
    const count = `${rest.length} other ${rest.length === 1 ? 'claim' : 'claims'}`;
    return {
        message: `Host port ${portText(first, group.ports)} of ${describeClaim(first)} is also claimed by ` +
            `${rest.length === 1 ? '' : `${count}: `}${named.join('; ')}${more}: ${uniq(explanations).join('; ')}.`,
        location: first.location,
        related: relatedOf(first, undefined, rest),
        object: first.binding.object,
        key: `${group.id}|${side(first)}|possible`,
        severity,
        conflict: group
    };
}

// The `allow` option shared by the privileged-port rules: plain ports, or entries scoped to
// path globs, Kubernetes namespaces and Compose projects.
const ENTRY_KEYS = ['ports', 'paths', 'namespaces', 'projects'];
const ITEM = 'a port, a range or a map of options';
/**
 * `allow: [80, "8000-8099", { ports: [443], namespaces: [ingress-nginx] }]`: a port or a range is
 * allowed everywhere; a map scopes its ports to path globs, namespaces and Compose projects.
 */
function allowListOption() {
    const accepts = `a list, each item ${ITEM} ({ ports, paths, namespaces, projects })`;
    return {
        accepts,
        default: [],
        parse(value, path) {
            if (!Array.isArray(value))
                fail(path, accepts, value);
            const plain = [];
            const entries = [];
            value.forEach((item, index) => {
                const at = [...path, index];
                const ports = portsOf(item, at);
                if (ports)
                    append(plain, ports);
                else if (item !== null && typeof item === 'object' && !Array.isArray(item))
                    entries.push(readEntry$1(item, at));
                else
                    fail(at, ITEM, item);
            });
            return plain.length > 0
                ? [{ ports: plain, paths: [], namespaces: [], projects: [] }, ...entries]
                : entries;
        }
    };
}
/** A port or a `"min-max"` range as its ports; undefined for anything else. */
function portsOf(item, path) {
    if (isPortNumber(item))
        return [item];
    if (typeof item === 'number')
        fail(path, 'a port (1-65535)', item);
    if (typeof item !== 'string')
        return undefined;
    const span = readPortSpan(item, path) ?? fail(path, ITEM, item);
    return Array.from({ length: span.end - span.start + 1 }, (_, offset) => span.start + offset);
}
function readEntry$1(record, path) {
    for (const key of Object.keys(record)) {
        if (!ENTRY_KEYS.includes(key))
            throw new OptionError([...path, key], `is not a key of an allow entry; expected one of ${ENTRY_KEYS.join(', ')}`, 'key');
    }
    if (record.ports === undefined)
        throw new OptionError([...path, 'ports'], 'is required');
    const portsPath = [...path, 'ports'];
    if (!Array.isArray(record.ports))
        fail(portsPath, 'a list of ports or ranges', record.ports);
    const list = (key) => record[key] === undefined ? [] : readStringList$1(record[key], [...path, key]);
    return {
        ports: record.ports.flatMap((item, index) => portsOf(item, [...portsPath, index]) ??
            fail([...portsPath, index], 'a port or a range', item)),
        paths: list('paths'),
        namespaces: list('namespaces'),
        projects: list('projects')
    };
}
/** The ports allowed for this binding: the union of every entry whose scope it is in. */
function allowedPorts(entries, binding) {
    const allowed = new Set();
    for (const entry of entries) {
        if (entry.paths.length > 0 && !matchesAnyGlob(binding.location.file, entry.paths))
            continue;
        if (entry.namespaces.length > 0) {
            if (binding.object.format !== 'kubernetes')
                continue;
            if (!entry.namespaces.includes(binding.object.namespace))
                continue;
        }
        if (entry.projects.length > 0) {
            if (binding.object.format !== 'compose')
                continue;
            if (!entry.projects.includes(binding.object.project))
                continue;
        }
        for (const port of entry.ports)
            allowed.add(port);
    }
    return allowed;
}

// Ports below 1024 that a daemon of the host itself commonly holds on a stock Linux server or
// desktop. Publishing one of them on every interface collides with that daemon: the bind fails
// ("address already in use"), or, on a host where the daemon is not running, the workload
// silently takes the port from it. The `privileged-port` rule reports these as errors; the rule
// page (docs/rules/privileged-port.md) lists the same entries (the rule's test checks it does).
const HOST_DAEMON_PORTS = [
    {
        port: 22,
        protocols: ['tcp'],
        daemon: 'sshd',
        source: 'https://man.openbsd.org/sshd_config#Port'
    },
    {
        port: 25,
        protocols: ['tcp'],
        daemon: 'the mail transfer agent (Postfix, Exim)',
        source: 'https://www.postfix.org/postconf.5.html#inet_interfaces'
    },
    {
        port: 53,
        protocols: ['tcp', 'udp'],
        daemon: 'systemd-resolved (127.0.0.53) or dnsmasq',
        source: 'https://www.freedesktop.org/software/systemd/man/latest/resolved.conf.html#DNSStubListener='
    },
    {
        port: 111,
        protocols: ['tcp', 'udp'],
        daemon: 'rpcbind',
        source: 'https://man7.org/linux/man-pages/man8/rpcbind.8.html'
    },
    {
        port: 123,
        protocols: ['udp'],
        daemon: 'the NTP daemon (ntpd, chronyd serving time)',
        source: 'https://chrony-project.org/doc/4.5/chrony.conf.html#port'
    },
    {
        port: 631,
        protocols: ['tcp'],
        daemon: 'CUPS',
        source: 'https://www.cups.org/doc/man-cupsd.conf.html'
    }
];
function hostDaemonAt(port, protocol) {
    return HOST_DAEMON_PORTS.find((entry) => entry.port === port && entry.protocols.includes(protocol.toLowerCase()));
}

// The sentences a port is rejected with, in one place: the CI rules write them with the values
// of a finding, and `port-hygiene policy` (src/policy/) writes the same functions into CEL, with
// each value an expression, so that admission rejects with the very words the CI check reports.
// A sentence changes here, or nowhere.
/** `Service port 8080`, `nodePort 32080`, `Host port 9100 of container "exporter"`. */
function outOfRangeMessage(subject, min, max, whose) {
    return `${subject} is outside the allowed range ${min}-${max} for ${whose}.`;
}
/**
 * A port below 1024 that no host daemon commonly holds (a warning):
 * `Host port 8080/TCP of Deployment web/shop (container "nginx")` (see describeHostClaim).
 * Rootful dockerd and the CNI portmap plugin bind as root, so it fails only where the binder is
 * unprivileged.
 */
function privilegedPortMessage(subject, firstUnprivileged) {
    return (`${subject} is privileged (below ${firstUnprivileged}): the bind fails under rootless ` +
        'Docker or Podman and wherever net.ipv4.ip_unprivileged_port_start is 1024 for the ' +
        'binder; use a port of 1024 or above, or allow it in the config.');
}
/** How a port collides with the host daemon that commonly holds it, by how it is bound. */
const DAEMON_COLLISION = {
    /** A specific address, or host networking: only if the daemon listens there too. */
    uncertain: 'the bind collides with it if it listens on the same address; ',
    /** A Kubernetes hostPort on every interface. */
    portmap: "the CNI portmap plugin redirects the node's port to the pod, cutting the daemon off; ",
    /** A Compose (or dev-cluster) published port on every interface. */
    bind: 'on every interface the bind collides with it ("address already in use"); '
};
/** A port a host daemon commonly holds (`sshd`, port `22`); `collision` is a DAEMON_COLLISION. */
function hostDaemonPortMessage(subject, daemon, port, collision) {
    return (`${subject} is where ${daemon} commonly listens on the host (port ${port}): ${collision}` +
        'use a port of 1024 or above, or allow it in the config if the host runs no such daemon.');
}

// A host-facing port below 1024: a Kubernetes hostPort, any containerPort of a hostNetwork pod,
// a Compose published port, or the target port of a `network_mode: host` Compose service.
//
// Calibrated to how things run. Rootful dockerd and the CNI portmap plugin bind as root, so a
// port below 1024 only fails to bind where the binder is unprivileged: rootless Docker and
// Podman, or a host whose net.ipv4.ip_unprivileged_port_start is left at 1024 for them. That is a
// warning. 80 and 443 are a site's entry points and allowed by default (`webPorts: []` takes the
// allowance away). A port a daemon of the host itself commonly holds (sshd 22, resolved or
// dnsmasq 53, ...; shared/host-daemons.ts) published on every interface collides with it: the
// bind fails with "address already in use" (a hostPort's DNAT cuts the daemon off), an error.
// On a specific address, or through host networking (the process picks its address), it may
// not collide: a warning.
/** Ports below this need CAP_NET_BIND_SERVICE (Linux `ip_unprivileged_port_start` default). */
const FIRST_UNPRIVILEGED_PORT = 1024;
/** The web entry points allowed by default. */
const DEFAULT_WEB_PORTS = [80, 443];
const privilegedPort = {
    meta: {
        id: 'privileged-port',
        description: 'A host-facing port (hostPort, hostNetwork, Compose published) below 1024.',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'a Compose published port or a hostPort on every interface where a host daemon commonly listens (sshd 22, an MTA 25, systemd-resolved or dnsmasq 53, rpcbind 111, NTP 123, CUPS 631): the bind collides with the daemon, or the portmap DNAT cuts it off',
                source: 'https://www.freedesktop.org/software/systemd/man/latest/resolved.conf.html#DNSStubListener='
            },
            {
                severity: 'warning',
                when: 'any other port below 1024 (80 and 443 allowed by `webPorts`), or a host-daemon port that may not collide (a specific address, host networking): the bind fails under rootless Docker and Podman and wherever net.ipv4.ip_unprivileged_port_start is 1024 for the binder',
                source: 'https://docs.docker.com/engine/security/rootless/#exposing-privileged-ports'
            }
        ]
    },
    options: { allow: allowListOption(), webPorts: portListOption(DEFAULT_WEB_PORTS) },
    check(model, context) {
        const findings = [];
        for (const binding of model.bindings) {
            const claim = hostClaim(binding);
            if (!claim)
                continue;
            const privileged = privilegedPart(claim.ports);
            if (!privileged)
                continue;
            const allowed = allowedPorts(context.options.allow, binding);
            for (const port of context.options.webPorts)
                allowed.add(port);
            if (everyPortAllowed(privileged, allowed))
                continue;
            findings.push(toFinding$9(claim, privileged, daemonCollision(claim, privileged, allowed)));
        }
        return findings;
    }
};
/** The part of a range below 1024, if any. */
function privilegedPart(range) {
    if (range.start >= FIRST_UNPRIVILEGED_PORT)
        return undefined;
    return { start: range.start, end: Math.min(range.end, FIRST_UNPRIVILEGED_PORT - 1) };
}
function everyPortAllowed(range, allowed) {
    for (let port = range.start; port <= range.end; port++)
        if (!allowed.has(port))
            return false;
    return true;
}
/** Every interface: no host IP, 0.0.0.0 or `::`. */
function onEveryInterface(binding) {
    return ['', '0.0.0.0', '::'].includes(normaliseAddress(binding.hostIP));
}
/** A host daemon's port, not allowed, in the range; undefined when none or it may not collide. */
function daemonCollision(claim, privileged, allowed) {
    for (let port = privileged.start; port <= privileged.end; port++) {
        if (allowed.has(port))
            continue;
        const daemon = hostDaemonAt(port, claim.binding.protocol);
        if (daemon)
            return daemon;
    }
    return undefined;
}
function toFinding$9(claim, privileged, daemon) {
    const { binding } = claim;
    const what = describeHostClaim(claim, privileged);
    // On every interface the port cannot serve both: Docker's bind (docker-proxy, its port
    // allocator) fails next to the daemon, and for a hostPort the CNI portmap plugin, which binds
    // nothing, DNATs the node's port to the pod, so the daemon is cut off instead. Through host
    // networking the process picks its own address: it may not collide.
    const certain = daemon !== undefined && !claim.viaHostNetwork && onEveryInterface(binding);
    const collision = !certain
        ? DAEMON_COLLISION.uncertain
        : binding.format === 'kubernetes'
            ? DAEMON_COLLISION.portmap
            : DAEMON_COLLISION.bind;
    const message = daemon
        ? hostDaemonPortMessage(what, daemon.daemon, String(daemon.port), collision)
        : privilegedPortMessage(what, String(FIRST_UNPRIVILEGED_PORT));
    return {
        message,
        location: claim.location,
        object: binding.object,
        key: [
            objectKey(binding.object),
            binding.container,
            claim.viaHostNetwork ? 'host-network' : 'host-port',
            normaliseAddress(binding.hostIP),
            formatRange(claim.ports),
            binding.protocol.toLowerCase()
        ].join('/'),
        ...(certain ? {} : { severity: 'warning' })
    };
}

// A container port below 1024 that the process will fail to bind: the manifest says it runs as
// a non-root user, on Linux, and nothing lets that user bind below 1024 — neither
// net.ipv4.ip_unprivileged_port_start (set on the pod, or lowered by the runtime in the
// container's own network namespace) nor a capability that is effective for that user.
// Facts and sources: docs/rules/privileged-container-port.md.
const CAPABILITIES_THAT_BIND = ['NET_BIND_SERVICE', 'ALL'];
const KERNEL_DEFAULT = FIRST_UNPRIVILEGED_PORT;
const privilegedContainerPort = {
    meta: {
        id: 'privileged-container-port',
        description: 'A non-root container that listens below 1024 with nothing that lets it bind.',
        defaultSeverity: 'warning',
        cases: [
            {
                severity: 'warning',
                when: 'a non-root container listening below 1024 without NET_BIND_SERVICE or a lowered ip_unprivileged_port_start: the bind fails unless the runtime lowers the sysctl for it (Docker 20.10 and later do)',
                source: 'https://man7.org/linux/man-pages/man7/capabilities.7.html'
            }
        ]
    },
    options: { allow: portListOption(), unprivilegedPortStart: unprivilegedPortStartOption() },
    check(model, context) {
        const findings = [];
        for (const binding of model.bindings) {
            if (binding.unresolved || !binding.containerPort)
                continue;
            const port = binding.containerPort.start;
            if (port >= FIRST_UNPRIVILEGED_PORT || context.options.allow.includes(port))
                continue;
            // Linux capabilities and sysctls do not apply to Windows containers; root binds anyway;
            // and when the manifest does not say, the image's USER decides, which we cannot see.
            if (binding.windows || binding.runsAs !== 'non-root')
                continue;
            const start = effectiveStart(binding, context.options.unprivilegedPortStart);
            if (start.value <= port)
                continue;
            if (addsBindCapability(binding))
                continue;
            findings.push(toFinding$8(binding, start));
        }
        return findings;
    }
};
function unprivilegedPortStartOption() {
    const accepts = 'a map with kubernetes and/or compose, each a number from 0 to 65535';
    const defaults = { kubernetes: KERNEL_DEFAULT, compose: 0 };
    return {
        accepts,
        default: defaults,
        parse(value, path) {
            if (value === null || typeof value !== 'object' || Array.isArray(value))
                fail(path, accepts, value);
            const record = value;
            for (const key of Object.keys(record)) {
                if (key !== 'kubernetes' && key !== 'compose')
                    throw new OptionError([...path, key], 'is not a known option; expected kubernetes or compose', 'key');
            }
            const start = (key) => {
                const item = record[key];
                if (item === undefined)
                    return defaults[key];
                if (typeof item !== 'number' || !Number.isInteger(item) || item < 0 || item > 65535)
                    fail([...path, key], 'a number from 0 to 65535', item);
                return item;
            };
            return { kubernetes: start('kubernetes'), compose: start('compose') };
        }
    };
}
/**
 * A pod sysctl applies in the pod's network namespace. Host networking shares the node's
 * namespace: the node's value applies (the kubelet refuses namespaced net sysctls there, and
 * neither Docker nor containerd lower it), taken as the kernel default. Otherwise the runtime's
 * default for a new network namespace.
 */
function effectiveStart(binding, defaults) {
    if (binding.hostNetwork)
        return { value: KERNEL_DEFAULT, source: 'host' };
    if (binding.unprivilegedPortStart !== undefined) {
        return { value: binding.unprivilegedPortStart, source: 'pod' };
    }
    return { value: defaults[binding.format], source: 'runtime' };
}
/**
 * For a non-root user an added capability lands in the bounding and permitted sets but not in
 * the effective one: neither Kubernetes nor Docker set ambient capabilities
 * (kubernetes/kubernetes#56374, KEP kubernetes/enhancements#2763, moby/moby#8460). It becomes
 * effective through a file capability on the executable (`setcap cap_net_bind_service=+ep`),
 * which images meant to run this way ship (ingress-nginx, Caddy). Adding the capability says the
 * image is built for it, so it counts as effective; the manifest cannot show the file capability.
 */
function addsBindCapability(binding) {
    return binding.addedCapabilities.some((name) => CAPABILITIES_THAT_BIND.includes(name));
}
function toFinding$8(binding, start) {
    const port = formatRange(binding.containerPort);
    const why = start.source === 'host'
        ? binding.format === 'kubernetes'
            ? "in a hostNetwork pod the node's net.ipv4.ip_unprivileged_port_start applies (1024 by default)"
            : "under network_mode: host the host's net.ipv4.ip_unprivileged_port_start applies (1024 by default)"
        : start.source === 'pod'
            ? `the pod sets net.ipv4.ip_unprivileged_port_start to ${start.value}, above the port`
            : binding.format === 'kubernetes'
                ? `Kubernetes leaves net.ipv4.ip_unprivileged_port_start at ${start.value}, and an added ` +
                    'NET_BIND_SERVICE is not effective for a non-root user'
                : `the engine's net.ipv4.ip_unprivileged_port_start is ${start.value} (option unprivilegedPortStart.compose)`;
    return {
        message: `Container port ${port}/${describeProtocol(binding)} of ${describeBinding(binding)} is below ` +
            `${FIRST_UNPRIVILEGED_PORT} and the process runs as a non-root user, so the bind fails: ` +
            `${why}. ${fixFor(binding, port)}.`,
        location: binding.containerPortLocation ?? binding.location,
        object: binding.object,
        key: [
            objectKey(binding.object),
            binding.container,
            formatRange(binding.containerPort),
            binding.protocol.toLowerCase()
        ].join('/')
    };
}
/** What works, and only that. */
function fixFor(binding, port) {
    const listen = 'listen on a port of 1024 or above';
    const start = binding.containerPort.start;
    if (binding.format === 'kubernetes') {
        return binding.hostNetwork
            ? `Fix: ${listen}, or leave host networking and set the pod sysctl net.ipv4.ip_unprivileged_port_start to ${start}`
            : `Fix: set the pod sysctl net.ipv4.ip_unprivileged_port_start to ${start} or lower (a safe sysctl ` +
                `since Kubernetes 1.22), or ${listen} and let the Service map port ${port} to it`;
    }
    return binding.hostNetwork
        ? `Fix: publish the port instead of using network_mode: host (the engine lets any user bind it in ` +
            `the container's own network namespace), or ${listen}`
        : `Fix: set sysctls: net.ipv4.ip_unprivileged_port_start: ${start} on the service, or ${listen}`;
}

// The port range an object must stay in, and the words that say where it came from: used by
// port-out-of-range to judge a port and by the one-click fixes to pick a port inside it.
/**
 * The range of a namespace (the config, else the first `port-range` annotation in file order),
 * of a Compose project, else of the first path glob matching the file.
 */
function rangeResolver(ranges, namespaces) {
    const annotated = new Map();
    const inFileOrder = [...namespaces].sort((a, b) => compareLocations(a.location, b.location));
    for (const namespace of inFileOrder) {
        if (namespace.portRange && !annotated.has(namespace.name))
            annotated.set(namespace.name, namespace.portRange);
    }
    return (object, file) => {
        if (object.format === 'kubernetes' && object.namespace) {
            const what = `namespace ${object.namespace}`;
            const configured = ownEntry(ranges.namespaces, object.namespace);
            if (configured) {
                return {
                    ...range(configured),
                    what,
                    origin: `of ${what} (declared in ${configured.source})`
                };
            }
            const annotation = annotated.get(object.namespace);
            if (annotation) {
                const at = shortLocation(annotation.location);
                return { ...range(annotation), what, origin: `of ${what} (port-range annotation at ${at})` };
            }
        }
        if (object.format === 'compose') {
            const configured = ownEntry(ranges.projects, object.project);
            if (configured) {
                const what = `project ${object.project}`;
                return {
                    ...range(configured),
                    what,
                    origin: `of Compose ${what} (declared in ${configured.source})`
                };
            }
        }
        const byPath = ranges.paths.find((entry) => matchesAnyGlob(file, [entry.glob]));
        if (byPath) {
            const what = `paths ${byPath.glob}`;
            return {
                ...range(byPath.range),
                what,
                origin: `for ${what} (declared in ${byPath.range.source})`
            };
        }
        return undefined;
    };
}
function range(bounds) {
    return { min: bounds.min, max: bounds.max };
}
/** `map[key]` when the map itself holds it: a namespace `constructor` is not Object's. */
function ownEntry(map, key) {
    return Object.hasOwn(map, key) ? map[key] : undefined;
}

// A port outside the range its team was given. Which range applies (first found wins):
//   Kubernetes: the namespace's range in the config (port-hygiene.yml, .github/port-ranges.json),
//               then the `port-range` annotation of the Namespace in the scanned manifests,
//               then the first path glob of the config matching the file;
//   Compose:    the project's range in the config, then the first matching path glob.
// The repository's config is what the reviewers own and changes in the same pull request as the
// manifests, so it overrides the annotation; the annotation still works with no config at all.
const TARGETS = ['service-port', 'node-port', 'host-port'];
const portOutOfRange = {
    meta: {
        id: 'port-out-of-range',
        description: 'A port outside the range allowed for its namespace, path or Compose project.',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'a port outside a range the configuration declares for its namespace, path or Compose project: the repository declared the requirement',
                source: 'https://github.com/port-hygiene/port-hygiene/blob/main/docs/configuration.md'
            }
        ]
    },
    options: { check: choiceListOption(TARGETS, [...TARGETS]) },
    check(model, context) {
        const rangeOf = rangeResolver(context.ranges, model.namespaces);
        const wanted = new Set(context.options.check);
        const findings = [];
        const report = (finding) => {
            const range = rangeOf(finding.object, finding.location.file);
            if (range && outside(finding.ports, range))
                findings.push(toFinding$7({ ...finding, range }));
        };
        for (const service of model.services) {
            if (wanted.has('service-port') && service.port !== undefined) {
                report({
                    what: `Service port ${service.port}`,
                    kind: 'port',
                    ports: { start: service.port, end: service.port },
                    location: service.portLocation ?? service.location,
                    object: service.object
                });
            }
            if (wanted.has('node-port') && service.nodePort !== undefined) {
                report({
                    what: `nodePort ${service.nodePort}`,
                    kind: 'nodePort',
                    ports: { start: service.nodePort, end: service.nodePort },
                    location: service.nodePortLocation ?? service.location,
                    object: service.object
                });
            }
        }
        if (wanted.has('host-port')) {
            for (const binding of model.bindings) {
                const claim = hostClaim(binding);
                if (!claim)
                    continue;
                // Kubernetes names the container only (the finding's object is the workload), as the
                // admission policy can; Compose names the service and its project.
                const owner = binding.format === 'kubernetes'
                    ? `${binding.containerKind} "${binding.container}"`
                    : describeBinding(binding);
                const label = binding.format === 'compose' && !claim.viaHostNetwork ? 'Published port' : 'Host port';
                report({
                    what: `${label} ${formatRange(claim.ports)} of ${owner}`,
                    kind: `${binding.container}/host`,
                    ports: claim.ports,
                    location: claim.location,
                    object: binding.object
                });
            }
        }
        return findings;
    }
};
function outside(ports, range) {
    return ports.start < range.min || ports.end > range.max;
}
function toFinding$7(finding) {
    return {
        // The admission policy's sentence (src/rules/shared/messages.ts); where the range is
        // declared is said by the rule's page and the config, not in every message.
        message: outOfRangeMessage(finding.what, String(finding.range.min), String(finding.range.max), finding.range.what),
        location: finding.location,
        object: finding.object,
        key: `${objectKey(finding.object)}/${finding.kind}/${formatRange(finding.ports)}`
    };
}

// Compose `ports:` on a service with `network_mode: host`. The container shares the host's
// network stack, so there is nothing to map: Docker Engine discards the ports with a warning
// ("Published ports are discarded when using host network mode", docs.docker.com/engine/network/
// drivers/host), and docker-compose 1.28+ / docker-py refuse the service outright ("host"
// network_mode is incompatible with port_bindings, docker/docker-py#2511). Either way the file
// says something that is not true: the ports listed are not what the service binds.
const hostNetworkPorts = {
    meta: {
        id: 'host-network-ports',
        description: 'Compose ports on a service with network_mode: host, where Docker discards or refuses them.',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'ports on a service with network_mode: host: Docker discards them (or refuses a published port that differs from the target), so they do not work as written',
                source: 'https://docs.docker.com/engine/network/drivers/host/'
            }
        ]
    },
    options: {},
    check(model) {
        const findings = [];
        // One finding per `ports:` list (a base file and its override may each have one).
        const seen = new Set();
        for (const binding of model.bindings) {
            if (binding.format !== 'compose' || !binding.hostNetwork || !binding.portsLocation)
                continue;
            const list = binding.portsLocation;
            const key = `${objectKey(binding.object)}/${list.file}:${list.line}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            findings.push(toFinding$6(binding, list));
        }
        return findings;
    }
};
function toFinding$6(binding, list) {
    const where = binding.networkModeLocation;
    const finding = {
        message: `${capitalise$1(describeObject(binding.object))} lists ports but runs with network_mode: host` +
            (where && where.file !== list.file ? ` (set in ${shortLocation(where)})` : '') +
            ': the container uses the host network directly, so Docker discards these ports ' +
            '(docker-compose 1.x refuses to start the service); remove `ports:` — the service listens on ' +
            'the host on its own ports — or drop network_mode: host.',
        location: { file: list.file, line: list.line, column: list.column },
        object: binding.object,
        key: `${objectKey(binding.object)}/ports`
    };
    if (where)
        finding.related = [{ location: where, message: 'network_mode: host is set here' }];
    const fix = removeLines(list);
    if (fix)
        finding.fix = fix;
    return finding;
}
/**
 * Removes the `ports:` key and its list, whole lines. Only offered when the key is the first
 * thing on its line in block style (the column of a block mapping key is its indentation).
 */
function removeLines(list) {
    if (list.endLine === undefined)
        return undefined;
    // The end of a block list is the start of the next line; of a flow list, its closing bracket.
    const endsAtLineStart = list.endColumn === 1;
    const lastLine = endsAtLineStart ? list.endLine - 1 : list.endLine;
    return {
        description: 'Remove `ports:` (ignored under network_mode: host)',
        location: { file: list.file, line: list.line, column: 1, endLine: lastLine + 1, endColumn: 1 },
        replacement: ''
    };
}
function capitalise$1(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

// Several rules group the same model's bindings: the grouping is made once per list (and made
// again should the list have grown since).
const grouped = new WeakMap();
/** Bindings grouped by the entry they come from (object and item position), in model order. */
function portEntries(bindings) {
    const known = grouped.get(bindings);
    if (known?.length === bindings.length)
        return known.entries;
    const entries = groupEntries(bindings);
    grouped.set(bindings, { length: bindings.length, entries });
    return entries;
}
function groupEntries(bindings) {
    const groups = new Map();
    for (const binding of bindings) {
        const { file, line, column } = binding.location;
        const key = `${objectKey(binding.object)}\0${binding.container}\0${file}:${line}:${column}`;
        const group = groups.get(key);
        if (group)
            group.push(binding);
        else
            groups.set(key, [binding]);
    }
    return [...groups.values()];
}

// More than one replica of something that binds a fixed host port.
//
// Compose: `scale: 3` or `deploy.replicas: 3` starts three containers of the service on one
// engine; each asks for the same published port, and every one after the first fails with
// "Bind for 0.0.0.0:8080 failed: port is already allocated" (docker/compose#1241, #7188). A
// published range mapped to one container port (`"8080-8082:80"`) is a pool each replica takes
// one free port from, so a pool at least as long as the replica count is fine (the Compose
// spec's ports section; docker/compose#8878 for v2 honouring it).
//
// Swarm (`docker stack deploy`) is different: published ports go through the routing mesh, so
// replicas never compete for them. A service written for Swarm — its `deploy` uses keys only
// Swarm acts on, or its file is a stack file by name (option `stackFiles`) — is left alone, except
// for long-syntax `mode: host` ports, which Swarm binds on the node of each task (a notice).
//
// Kubernetes: a Deployment or StatefulSet with a hostPort (or host network) and `replicas` > 1
// needs one node per replica with the port free — the scheduler's NodePorts filter places at
// most one such pod per node, so on a small cluster or during a surge rollout replicas stay
// Pending. A notice: it is often deliberate (projectcontour's example Envoy Deployment runs
// `replicas: 2` with hostPort 80/443), but a DaemonSet says so better.
const KUBERNETES_KINDS = ['Deployment', 'StatefulSet'];
const DEFAULT_STACK_FILES = ['**/docker-stack*.{yml,yaml}', '**/*[.-]stack.{yml,yaml}'];
const fixedPortWithReplicas = {
    meta: {
        id: 'fixed-port-with-replicas',
        description: 'More than one replica of a service that publishes a fixed host port (Compose: error; Kubernetes hostPort: notice).',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'a Compose service with more than one replica and a fixed published port: the second container fails to start ("port is already allocated")',
                source: 'https://docs.docker.com/reference/compose-file/deploy/#replicas'
            },
            {
                severity: 'notice',
                when: 'a Kubernetes workload with replicas and a fixed hostPort: the scheduler places one pod per node, so a replica stays Pending when nodes run out',
                source: 'https://kubernetes.io/docs/concepts/configuration/overview/'
            }
        ]
    },
    options: { stackFiles: stringListOption(DEFAULT_STACK_FILES) },
    check(model, context) {
        const findings = [];
        // Kubernetes: one notice per container, naming all its host ports (storm's worker has four).
        const pods = new Map();
        for (const entry of portEntries(model.bindings)) {
            const claims = entry.map(hostClaim).filter((claim) => claim !== undefined);
            const first = claims[0];
            const replicas = first?.binding.replicas ?? 1;
            if (!first || replicas < 2)
                continue;
            if (first.binding.format === 'compose') {
                const swarm = isSwarm(first.binding, context.options.stackFiles);
                // Under Swarm only `mode: host` ports are bound per node; the routing mesh takes the rest.
                if (swarm && first.binding.mode !== 'host')
                    continue;
                const finding = swarm
                    ? swarmHostModeFinding(first, replicas)
                    : composeFinding(claims, replicas);
                if (finding)
                    findings.push(finding);
            }
            else if (first.binding.object.format === 'kubernetes' &&
                KUBERNETES_KINDS.includes(first.binding.object.kind)) {
                // Per file: an object copied into two rendered files is two findings, which the
                // post-pass (merge-findings.ts) makes one with the copy as a related location.
                const key = `${objectKey(first.binding.object)}/${first.binding.container}\0${first.location.file}`;
                pods.set(key, [...(pods.get(key) ?? []), first]);
            }
        }
        for (const claims of pods.values())
            findings.push(kubernetesFinding(claims));
        return findings;
    }
};
function isSwarm(binding, stackFiles) {
    if (binding.swarmDeploy)
        return true;
    return (binding.object.format === 'compose' && matchesAnyGlob(binding.object.projectFile, stackFiles));
}
function swarmHostModeFinding(claim, replicas) {
    const { binding } = claim;
    const port = `${formatRange(claim.ports)}/${describeProtocol(binding)}`;
    return {
        message: `${capitalise(describeBinding(binding))} runs ${replicas} Swarm replicas with port ${port} in ` +
            'mode: host: each task binds the port on its own node, so two tasks cannot share a node; ' +
            'use mode: ingress (the routing mesh), deploy.mode: global, or placement.max_replicas_per_node: 1.',
        location: point(claim),
        object: binding.object,
        key: `${objectKey(binding.object)}/swarm/${formatRange(claim.ports)}/${binding.protocol}`,
        severity: 'notice'
    };
}
function composeFinding(claims, replicas) {
    const first = claims[0];
    const { binding } = first;
    const width = first.ports.end - first.ports.start + 1;
    // One entry of a pool: each replica takes one port of the range.
    if (claims.length === 1 && isPortPool(first) && width >= replicas)
        return undefined;
    const ports = {
        start: minOf(claims.map((claim) => claim.ports.start)),
        end: maxOf(claims.map((claim) => claim.ports.end))
    };
    const port = `${formatRange(ports)}/${describeProtocol(binding)}`;
    const problem = claims.length === 1 && isPortPool(first)
        ? `publishes a range of ${width} host ports (${port}) for them: replica ${width + 1} finds none free`
        : `publishes the fixed host port ${port}: every replica after the first fails with ` +
            `"Bind for 0.0.0.0:${ports.start} failed: port is already allocated"`;
    return {
        message: `${capitalise(describeBinding(binding))} runs ${replicas} replicas but ${problem}; ` +
            `publish a range at least as long as the replicas ("${poolExample(binding, ports.start, replicas)}"), ` +
            'leave the host port out, or put a proxy in front of the service.',
        location: point(first),
        ...(binding.replicasLocation
            ? {
                related: [
                    { location: binding.replicasLocation, message: `${replicas} replicas are set here` }
                ]
            }
            : {}),
        object: binding.object,
        key: `${objectKey(binding.object)}/${formatRange(ports)}/${binding.protocol}`
    };
}
/** `"9000-9001:9000"`, with the host IP when one is written (IPv6 in brackets). */
function poolExample(binding, start, replicas) {
    const ip = binding.hostIP.includes(':') ? `[${binding.hostIP}]` : binding.hostIP;
    const target = binding.containerPort ? binding.containerPort.start : start;
    return `${ip ? `${ip}:` : ''}${start}-${start + replicas - 1}:${target}`;
}
function kubernetesFinding(claims) {
    const claim = claims[0];
    const { binding } = claim;
    const replicas = binding.replicas ?? 1;
    const ports = uniq(claims.map((each) => `${formatRange(each.ports)}/${describeProtocol(each.binding)}`)).join(', ');
    const plural = claims.length > 1 ? 's' : '';
    const how = claim.viaHostNetwork
        ? `port${plural} ${ports} on the host network`
        : `host port${plural} ${ports}`;
    return {
        message: `${describeBinding(binding)} runs ${replicas} replicas with ${how}: each replica needs a ` +
            'node of its own where the port is free, so on a small cluster or during a rolling update ' +
            'some stay Pending; run it as a DaemonSet, or make sure there are enough nodes (maxSurge: 0, ' +
            'pod anti-affinity).',
        location: point(claim),
        object: binding.object,
        ...(claims.length > 1
            ? {
                related: claims.slice(1).map((each) => ({
                    location: point(each),
                    message: `host port ${formatRange(each.ports)}/${describeProtocol(each.binding)}`
                }))
            }
            : {}),
        key: `${objectKey(binding.object)}/${binding.container}/replicas-host-ports`,
        severity: 'notice'
    };
}
function point(claim) {
    const { file, line, column } = claim.location;
    return { file, line, column };
}
function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

// Image references, reduced to the name a person recognises: `docker.io/library/redis:7.4@sha256:…`
// → `redis`, `bitnami/redis` → `redis`, `redis/redis-stack-server` → `redis-stack-server`.
// Lists of known software (exposed-services.ts, the reverse proxies) match on that name.
/** The last path component of an image reference, without tag or digest, lower-case. */
function imageName(reference) {
    const withoutDigest = reference.split('@')[0];
    const last = withoutDigest.split('/').at(-1) ?? '';
    // A tag follows the last colon of the last component (a registry port sits in an earlier one).
    return last.split(':')[0].trim().toLowerCase();
}
/**
 * True when the image's name is one of `names`, or one of them followed by a dash
 * (`nginx-unprivileged`, `haproxy-alpine`, `redis-stack`): vendors' variants of one software.
 */
function imageIsOneOf(reference, names) {
    if (reference === undefined)
        return false;
    const name = imageName(reference);
    return names.some((known) => name === known || name.startsWith(`${known}-`));
}

// Services that answer anyone who reaches them: no authentication by default (or, for a
// debugger, code execution by design), and dangerous once reachable from the network. The
// `unbound-interface` rule warns when one of them is published on every interface; every other
// published port is a notice. A service is recognised by its container port AND its image, so
// that an application that happens to listen on 6379 is not taken for Redis. A debugger is in
// whatever image the application uses, so its port alone names it (`images` left out): 2345,
// 9229, 5005 and 5678 are the debuggers' own defaults.
//
// Each entry says why, with the source; the rule page (docs/rules/unbound-interface.md) lists
// the same entries (the rule's test checks it does).
const EXPOSED_SERVICES = [
    {
        name: 'Redis',
        ports: [6379],
        images: ['redis', 'redismod', 'valkey', 'keydb', 'dragonfly'],
        reason: 'answers without a password by default',
        source: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/'
    },
    {
        name: 'Memcached',
        ports: [11211],
        images: ['memcached'],
        reason: 'has no authentication unless built and started with SASL',
        source: 'https://github.com/memcached/memcached/wiki/SASLHowto'
    },
    {
        name: 'Elasticsearch',
        ports: [9200, 9300],
        images: ['elasticsearch'],
        reason: 'has no authentication before 8.0 or with xpack.security.enabled=false, as dev stacks set it',
        source: 'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html'
    },
    {
        name: 'OpenSearch',
        ports: [9200, 9300],
        images: ['opensearch'],
        reason: 'has no authentication with the security plugin disabled, as dev stacks set it',
        source: 'https://opensearch.org/docs/latest/security/configuration/disable-enable-security/'
    },
    {
        name: 'MongoDB',
        ports: [27017],
        images: ['mongo', 'mongodb', 'mongodb-community-server'],
        reason: 'runs without access control unless a root user is configured',
        source: 'https://www.mongodb.com/docs/manual/administration/security-checklist/'
    },
    {
        name: 'etcd',
        ports: [2379, 2380],
        images: ['etcd'],
        reason: 'has no authentication or TLS unless configured',
        source: 'https://etcd.io/docs/v3.5/op-guide/security/'
    },
    {
        name: 'the Docker API',
        ports: [2375],
        images: ['docker', 'dind', 'docker-socket-proxy', 'socket-proxy'],
        reason: 'is root on the host to anyone who reaches it (2375 is the unencrypted port)',
        source: 'https://docs.docker.com/engine/security/protect-access/'
    },
    {
        name: 'the delve debugger',
        ports: [2345],
        reason: 'runs any code a client sends',
        source: 'https://github.com/go-delve/delve/blob/master/Documentation/usage/dlv.md'
    },
    {
        name: 'the Node.js inspector',
        ports: [9229],
        reason: 'runs any code a client sends',
        source: 'https://nodejs.org/en/learn/getting-started/debugging#security-implications'
    },
    {
        name: 'a Java debugger (JDWP)',
        ports: [5005],
        reason: 'runs any code a client sends',
        source: 'https://docs.oracle.com/en/java/javase/21/docs/specs/jpda/conninv.html'
    },
    {
        name: 'the debugpy debugger',
        ports: [5678],
        reason: 'runs any code a client sends',
        source: 'https://github.com/microsoft/debugpy#debugpy-cli-usage'
    }
];
/**
 * Images whose purpose is to be reached from everywhere: reverse proxies and edge routers. Their
 * published ports are the site's entry points; binding them to loopback would take it down.
 */
const PUBLIC_IMAGES = [
    'nginx',
    'openresty',
    'traefik',
    'caddy',
    'haproxy',
    'envoy',
    'httpd',
    'apache',
    'varnish',
    'kong',
    'nginx-proxy',
    'nginx-proxy-manager'
];

// A Compose port published without a host IP. Docker then listens on every interface of the
// host (0.0.0.0 and ::), and the rules it writes into iptables' nat table (DNAT in PREROUTING,
// then FORWARD) run before ufw's and firewalld's INPUT rules: `ufw deny 6379` does not stop
// anyone reaching the container (docs.docker.com/engine/network/packet-filtering-firewalls/,
// moby/moby#4737). A container port alone (`- "3200"`) is published too, on an ephemeral host
// port of every interface.
//
// Most published ports are meant to be reached (a web app in a dev stack, a site's entry point),
// so the calibration is: a warning only for a service that answers anyone by default and is
// dangerous once reachable (shared/exposed-services.ts, recognised by port and image), a notice
// for the rest, nothing for 80/443 or a reverse proxy, whose purpose is to be public. Never an
// error by default: the manifest works as written.
//
// A host IP written explicitly (even 0.0.0.0) is a choice someone made, and one given by a
// variable (`${BIND_ADDR:-127.0.0.1}:5432:5432`) is chosen per environment: both count as bound.
/** Published ports that are a site's entry points: never reported. */
const WEB_PORTS = [80, 443];
const unboundInterface = {
    meta: {
        id: 'unbound-interface',
        description: 'A Compose port published without a host IP, on every interface and past ufw/firewalld.',
        defaultSeverity: 'warning',
        cases: [
            {
                severity: 'warning',
                when: 'a service that answers without authentication by default and is dangerous when reachable (Redis, Memcached, Elasticsearch/OpenSearch, MongoDB, etcd, the Docker API, debuggers), recognised by container port and image, or a port of `sensitivePorts`',
                source: 'https://docs.docker.com/engine/network/packet-filtering-firewalls/'
            },
            {
                severity: 'notice',
                when: 'any other port published on every interface, a container port alone (ephemeral host port) included',
                source: 'https://docs.docker.com/reference/compose-file/services/#ports'
            }
        ]
    },
    options: { sensitivePorts: portListOption([]) },
    check(model, context) {
        const findings = [];
        for (const entry of portEntries(model.bindings)) {
            const binding = entry[0];
            if (!listensEverywhere(binding) || isPublicByPurpose(entry))
                continue;
            findings.push(toFinding$5(binding, entry, dangerOf(entry, context.options.sensitivePorts)));
        }
        return findings;
    }
};
function listensEverywhere(binding) {
    return (binding.format === 'compose' &&
        !binding.unresolved &&
        !binding.hostNetwork &&
        (binding.hostPort !== undefined || binding.containerPort !== undefined) &&
        binding.hostIP === '' &&
        !binding.hostIPFromVariable);
}
/** 80/443 on the host (or in the container, for a container port alone), or a reverse proxy. */
function isPublicByPurpose(entry) {
    if (imageIsOneOf(entry[0].image, PUBLIC_IMAGES))
        return true;
    return entry.some((binding) => {
        const facing = binding.hostPort ?? binding.containerPort;
        return facing !== undefined && WEB_PORTS.some((port) => inRange(port, facing));
    });
}
function dangerOf(entry, sensitivePorts) {
    const image = entry[0].image;
    const containerPorts = entry.flatMap((each) => (each.containerPort ? [each.containerPort] : []));
    const service = EXPOSED_SERVICES.find((candidate) => candidate.ports.some((port) => containerPorts.some((range) => inRange(port, range))) &&
        (candidate.images === undefined || imageIsOneOf(image, candidate.images)));
    if (service)
        return { service };
    const ranges = entry.flatMap((each) => [each.containerPort, each.hostPort]);
    const configured = sensitivePorts.find((port) => ranges.some((range) => range !== undefined && inRange(port, range)));
    return configured === undefined ? undefined : { configuredPort: configured };
}
function inRange(port, range) {
    return port >= range.start && port <= range.end;
}
function toFinding$5(binding, entry, danger) {
    const published = spanOf(entry.map((each) => each.hostPort));
    const target = spanOf(entry.map((each) => each.containerPort));
    const protocol = describeProtocol(binding);
    const what = danger === undefined ? '' : ` (${describeDanger(danger)})`;
    const subject = published
        ? `Published port ${formatRange(published)}/${protocol}${what} of ${describeBinding(binding)} has no host IP`
        : `Container port ${formatRange(target)}/${protocol}${what} of ${describeBinding(binding)} is published on an ephemeral host port with no host IP`;
    const finding = {
        message: `${subject}: Docker listens on every interface, and its iptables rules let traffic past ` +
            `ufw and firewalld; ${advice(binding)}`,
        location: binding.hostPortLocation ?? binding.location,
        object: binding.object,
        key: `${objectKey(binding.object)}/${published ? formatRange(published) : `ephemeral:${formatRange(target)}`}/${binding.protocol}`,
        // Only the dangerous services keep the rule's severity; everything else is a notice.
        ...(danger === undefined ? { severity: 'notice' } : {})
    };
    const fix = fixable(binding) ? bindToLoopback(binding) : undefined;
    if (fix)
        finding.fix = fix;
    return finding;
}
function spanOf(ranges) {
    const known = ranges.filter((range) => range !== undefined);
    if (known.length === 0)
        return undefined;
    return {
        start: minOf(known.map((range) => range.start)),
        end: maxOf(known.map((range) => range.end))
    };
}
function describeDanger(danger) {
    if ('configuredPort' in danger)
        return `port ${danger.configuredPort}, listed in sensitivePorts`;
    return `${danger.service.name}, which ${danger.service.reason}`;
}
/**
 * `docker stack deploy` ignores the host IP of a published port (moby/moby#32299): a service
 * written with Swarm-only `deploy` keys, or in a file named as a stack (`docker-stack.yml`,
 * `stack.yaml`), gets no loopback advice that would do nothing there.
 */
function inSwarmStack(binding) {
    if (binding.swarmDeploy)
        return true;
    const name = path$1.posix.basename(binding.location.file).toLowerCase();
    return /(^|[-_.])stack[-_.]/.test(name);
}
/**
 * The variable the host side is written with (`${WEB_PORT:-8080}:80` → WEB_PORT; `${PORT}`
 * alone), which may hold an address as well as a port (`WEB_PORT=127.0.0.1:8080`): prefixing
 * `127.0.0.1:` to it would be wrong. Undefined when the host side is written literally.
 */
function hostVariable(binding) {
    const raw = binding.raw;
    if (binding.scalarStyle === undefined || !raw?.includes('$'))
        return undefined;
    // Colons inside `${VAR:-default}` are not separators: blank them out before splitting.
    const masked = raw.replace(/\$\{[^}]*\}/g, (text) => text.replace(/:/g, ' '));
    const withoutProtocol = masked.split('/')[0];
    const separator = withoutProtocol.lastIndexOf(':');
    const hostSide = separator === -1 ? raw : raw.slice(0, separator);
    const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(hostSide);
    return variable?.[1];
}
function fixable(binding) {
    return (binding.scalarStyle !== undefined &&
        binding.raw !== undefined &&
        // Written again elsewhere (an override, an overlay): binding one line to loopback would
        // leave the other on every interface, two bindings of one port that conflict.
        binding.alsoWrittenAt === undefined &&
        (devClusterTool(binding) !== undefined ||
            (!inSwarmStack(binding) && hostVariable(binding) === undefined)));
}
/** The loopback spelling of this entry: `127.0.0.1:6379:6379`, `127.0.0.1::3200` for a container port alone. */
function loopbackSpec(binding, address) {
    return binding.hostPort ? `${address}:${binding.raw}` : `${address}::${binding.raw}`;
}
/** kind or k3d, for a host binding of a dev-cluster config (they are read as Compose). */
function devClusterTool(binding) {
    return binding.object.format === 'compose' ? binding.object.devCluster?.tool : undefined;
}
function advice(binding) {
    // A dev-cluster config is no Compose file: its own words, no swarm or variable cases.
    const tool = devClusterTool(binding);
    if (tool === 'kind')
        return 'bind it to an address (`listenAddress: 127.0.0.1`) if only this host should reach it.';
    if (tool === 'k3d')
        return `bind it to an address ("127.0.0.1:${binding.raw ?? ''}") if only this host should reach it.`;
    if (inSwarmStack(binding)) {
        return ('in a Swarm stack the host IP is ignored (moby/moby#32299), so binding an address does ' +
            'not help: leave the port unpublished if only other services need it, or filter it in ' +
            "Docker's DOCKER-USER chain.");
    }
    const variable = hostVariable(binding);
    if (variable !== undefined) {
        const example = binding.hostPort
            ? `127.0.0.1:${formatRange(binding.hostPort)}`
            : `127.0.0.1::${formatRange(binding.containerPort)}`;
        return (`its host side comes from \${${variable}}, which may carry an address: set it to one ` +
            `(${variable}=${example}) if only this host should reach it.`);
    }
    if (binding.scalarStyle !== undefined && binding.raw) {
        return (`bind it to loopback ("${loopbackSpec(binding, '127.0.0.1')}", plus ` +
            `"${loopbackSpec(binding, '[::1]')}" for IPv6) if only this host should reach it.`);
    }
    return ('bind it to loopback (`host_ip: 127.0.0.1`, plus the same entry with `host_ip: "::1"` ' +
        'for IPv6) if only this host should reach it.');
}
/**
 * Short syntax written at the entry: insert `127.0.0.1:` (`127.0.0.1::` before a container port
 * alone) in front, inside the quotes if any. One region can hold one entry, so the IPv6 entry is
 * in the description: a `[::1]` entry the fix added would fail to start on a host without IPv6.
 */
function bindToLoopback(binding) {
    const { file, line, column } = binding.location;
    const at = column + (binding.scalarStyle === 'quoted' ? 1 : 0);
    const prefix = binding.hostPort ? '127.0.0.1:' : '127.0.0.1::';
    return {
        description: devClusterTool(binding) !== undefined
            ? 'Publish on the loopback interface only'
            : `Publish on the IPv4 loopback only; add "${loopbackSpec(binding, '[::1]')}" as well ` +
                'for clients that resolve localhost to ::1',
        location: { file, line, column: at, endLine: line, endColumn: at },
        replacement: prefix
    };
}

/** YAML 1.1's sexagesimal integer, anchored: exactly the plain scalars it resolves as base 60. */
const YAML11_SEXAGESIMAL = /^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$/;
const unquotedPort = {
    meta: {
        id: 'unquoted-port',
        description: 'An unquoted Compose port such as 22:22 that a YAML 1.1 reader turns into a base-60 number.',
        defaultSeverity: 'warning',
        cases: [
            {
                severity: 'warning',
                when: 'an unquoted Compose port such as 22:22, which a YAML 1.1 reader turns into a base-60 number',
                source: 'https://docs.docker.com/reference/compose-file/services/#ports'
            }
        ]
    },
    options: {},
    check(model) {
        const findings = [];
        for (const [binding] of portEntries(model.bindings)) {
            if (binding.format !== 'compose' || binding.scalarStyle !== 'plain')
                continue;
            const written = binding.raw ?? '';
            if (!YAML11_SEXAGESIMAL.test(written))
                continue;
            findings.push(toFinding$4(binding, written));
        }
        return findings;
    }
};
/** The integer YAML 1.1 makes of a sexagesimal scalar (PyYAML `construct_yaml_int`). */
function sexagesimalValue(text) {
    const negative = text.startsWith('-');
    const digits = text.replace(/^[-+]/, '').replace(/_/g, '').split(':');
    const value = digits.reduce((total, part) => total * 60 + Number(part), 0);
    return negative ? -value : value;
}
function toFinding$4(binding, written) {
    const quoted = JSON.stringify(written);
    const finding = {
        message: `Port ${written} of ${describeBinding(binding)} is not quoted: a YAML 1.1 reader ` +
            `(docker-compose v1, PyYAML-based tools) reads it as the base-60 number ` +
            `${sexagesimalValue(written)}, not as a port mapping; quote it: ${quoted}.`,
        location: start(binding),
        object: binding.object,
        key: `${objectKey(binding.object)}/${written}`
    };
    const fix = quoteFix(binding, quoted);
    if (fix)
        finding.fix = fix;
    return finding;
}
function start(binding) {
    const { file, line, column } = binding.location;
    return { file, line, column };
}
/** The scalar spans `location` exactly (the loader only marks scalars written at the entry). */
function quoteFix(binding, quoted) {
    if (binding.location.endLine === undefined)
        return undefined;
    return {
        description: `Quote the port: ${quoted}`,
        location: binding.location,
        replacement: quoted
    };
}

// A host port inside the range the kernel hands out to outgoing connections. Linux picks the
// local port of every outgoing TCP/UDP socket from net.ipv4.ip_local_port_range, 32768-60999 by
// default (Documentation/networking/ip-sysctl.rst). A listener on a port in that range can find
// it taken by some client socket when it starts — the bind fails with "address already in use",
// at random, on some nodes only. Kubernetes keeps its own nodePort range (30000-32767) below it.
const hostPortInEphemeralRange = {
    meta: {
        id: 'host-port-in-ephemeral-range',
        description: 'A host port inside the Linux ephemeral port range (32768-60999), where outgoing connections can take it.',
        defaultSeverity: 'warning',
        cases: [
            {
                severity: 'warning',
                when: 'a host port inside the Linux ephemeral range (32768-60999), which an outgoing connection can hold first',
                source: 'https://www.kernel.org/doc/html/latest/networking/ip-sysctl.html'
            }
        ]
    },
    options: { range: portSpanOption({ start: 32768, end: 60999 }) },
    check(model, context) {
        const findings = [];
        const seen = new Set();
        for (const binding of model.bindings) {
            const claim = hostClaim(binding);
            // A pool (`"40000-40100:80"`) lets Docker pick a port that is free at start: no clash.
            if (!claim || isPortPool(claim))
                continue;
            const inside = overlap(claim.ports, context.options.range);
            if (!inside)
                continue;
            const { file, line, column } = claim.location;
            const at = `${objectKey(binding.object)}/${binding.container}/${file}:${line}:${column}/${binding.protocol}`;
            if (seen.has(at))
                continue;
            seen.add(at);
            findings.push(toFinding$3(claim, inside, context.options.range));
        }
        return findings;
    }
};
function overlap(ports, range) {
    const start = Math.max(ports.start, range.start);
    const end = Math.min(ports.end, range.end);
    return start <= end ? { start, end } : undefined;
}
function toFinding$3(claim, inside, range) {
    const { binding } = claim;
    const what = describeHostClaim(claim, inside);
    const { file, line, column } = claim.location;
    return {
        message: `${what} is inside the ephemeral port range ${range.start}-${range.end} ` +
            '(net.ipv4.ip_local_port_range), which the kernel hands to outgoing connections: the port ' +
            'can be taken when the container starts and the bind fails with "address already in use"; ' +
            `use a port below ${range.start}, or reserve it on the hosts with net.ipv4.ip_local_reserved_ports.`,
        location: { file, line, column },
        object: binding.object,
        key: [
            objectKey(binding.object),
            binding.container,
            claim.viaHostNetwork ? 'host-network' : 'host-port',
            formatRange(claim.ports),
            binding.protocol.toLowerCase()
        ].join('/')
    };
}

// Values the API server or Compose would reject. The loaders find them (they know the syntax);
// this rule only reports them, one finding each. Rejections another rule owns (port names,
// nodePorts: InvalidPort.rule) are that rule's to report.
const invalidPort = {
    meta: {
        id: 'invalid-port',
        description: 'A port value that Kubernetes or Compose would reject.',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'a port value the Kubernetes API server or Compose rejects (out of range, wrong type, bad protocol)',
                source: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports'
            }
        ]
    },
    options: {},
    check(model) {
        const own = model.invalidPorts.filter((invalid) => (invalid.rule ?? 'invalid-port') === 'invalid-port');
        return own.map((invalid) => ({
            message: invalid.object
                ? `${describeObject(invalid.object)}: ${invalid.message}`
                : invalid.message,
            location: invalid.location,
            ...(invalid.object ? { object: invalid.object } : {}),
            key: `${invalid.object ? objectKey(invalid.object) : ''}|${invalid.value}|${withoutPositions(invalid.message)}`
        }));
    }
};
/** Keys must survive lines moving; some parser messages quote a line or column. */
function withoutPositions(message) {
    return message.replace(/\b(at )?line \d+(,? column \d+)?/gi, '').replace(/:\d+:\d+/g, '');
}

const parseError = {
    meta: {
        id: 'parse-error',
        description: 'A YAML document that cannot be parsed, or a Compose project that cannot be loaded (the rest is still checked).',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'a YAML document that does not parse, or a Compose project that cannot be loaded',
                source: 'https://yaml.org/spec/1.2.2/'
            }
        ]
    },
    options: {},
    check(model) {
        return model.parseErrors.map((failure) => ({
            message: failure.kind === 'compose-project'
                ? failure.message
                : `YAML parse error: ${failure.message} — this document was not checked.`,
            location: failure.location,
            key: withoutPositions(failure.message)
        }));
    }
};

const skippedFile = {
    meta: {
        id: 'skipped-file',
        description: 'A file that was not scanned (too large, binary or unreadable).',
        defaultSeverity: 'notice',
        cases: [
            {
                severity: 'notice',
                when: 'a file that was not scanned (too large, binary or unreadable)',
                source: 'https://github.com/port-hygiene/port-hygiene/blob/main/docs/limits.md'
            }
        ]
    },
    options: {},
    check(model) {
        return model.skippedFiles.map((skipped) => ({
            message: `Skipped ${skipped.file}: ${skipped.reason}.`.replace(/\.\.$/, '.'),
            location: { file: skipped.file, line: 1, column: 1 },
            key: skipped.reason
        }));
    }
};

var source = "IANA Service Name and Transport Protocol Port Number Registry, https://www.iana.org/assignments/service-names-port-numbers/ (a small excerpt: ports seen in Kubernetes and Compose files)";
var services = [
	{
		port: 20,
		protocols: [
			"tcp"
		],
		name: "ftp-data",
		description: "File Transfer [Default Data]"
	},
	{
		port: 21,
		protocols: [
			"tcp"
		],
		name: "ftp",
		description: "File Transfer Protocol [Control]"
	},
	{
		port: 22,
		protocols: [
			"tcp"
		],
		name: "ssh",
		description: "The Secure Shell (SSH) Protocol"
	},
	{
		port: 23,
		protocols: [
			"tcp"
		],
		name: "telnet",
		description: "Telnet"
	},
	{
		port: 25,
		protocols: [
			"tcp"
		],
		name: "smtp",
		description: "Simple Mail Transfer"
	},
	{
		port: 53,
		protocols: [
			"tcp",
			"udp"
		],
		name: "domain",
		description: "Domain Name Server"
	},
	{
		port: 67,
		protocols: [
			"udp"
		],
		name: "bootps",
		description: "Bootstrap Protocol Server"
	},
	{
		port: 69,
		protocols: [
			"udp"
		],
		name: "tftp",
		description: "Trivial File Transfer"
	},
	{
		port: 80,
		protocols: [
			"tcp"
		],
		name: "http",
		description: "World Wide Web HTTP"
	},
	{
		port: 110,
		protocols: [
			"tcp"
		],
		name: "pop3",
		description: "Post Office Protocol - Version 3"
	},
	{
		port: 123,
		protocols: [
			"udp"
		],
		name: "ntp",
		description: "Network Time Protocol"
	},
	{
		port: 143,
		protocols: [
			"tcp"
		],
		name: "imap",
		description: "Internet Message Access Protocol"
	},
	{
		port: 161,
		protocols: [
			"udp"
		],
		name: "snmp",
		description: "SNMP"
	},
	{
		port: 162,
		protocols: [
			"udp"
		],
		name: "snmptrap",
		description: "SNMPTRAP"
	},
	{
		port: 389,
		protocols: [
			"tcp"
		],
		name: "ldap",
		description: "Lightweight Directory Access Protocol"
	},
	{
		port: 443,
		protocols: [
			"tcp",
			"udp"
		],
		name: "https",
		description: "http protocol over TLS/SSL"
	},
	{
		port: 514,
		protocols: [
			"udp"
		],
		name: "syslog",
		description: "syslog"
	},
	{
		port: 587,
		protocols: [
			"tcp"
		],
		name: "submission",
		description: "Message Submission"
	},
	{
		port: 636,
		protocols: [
			"tcp"
		],
		name: "ldaps",
		description: "ldap protocol over TLS/SSL"
	},
	{
		port: 853,
		protocols: [
			"tcp"
		],
		name: "domain-s",
		description: "DNS query-response protocol run over TLS"
	},
	{
		port: 993,
		protocols: [
			"tcp"
		],
		name: "imaps",
		description: "IMAP over TLS protocol"
	},
	{
		port: 995,
		protocols: [
			"tcp"
		],
		name: "pop3s",
		description: "POP3 over TLS protocol"
	},
	{
		port: 1433,
		protocols: [
			"tcp"
		],
		name: "ms-sql-s",
		description: "Microsoft-SQL-Server"
	},
	{
		port: 1883,
		protocols: [
			"tcp"
		],
		name: "mqtt",
		description: "Message Queuing Telemetry Transport Protocol"
	},
	{
		port: 2049,
		protocols: [
			"tcp",
			"udp"
		],
		name: "nfs",
		description: "Network File System"
	},
	{
		port: 2379,
		protocols: [
			"tcp"
		],
		name: "etcd-client",
		description: "etcd client communication"
	},
	{
		port: 2380,
		protocols: [
			"tcp"
		],
		name: "etcd-server",
		description: "etcd server to server communication"
	},
	{
		port: 3306,
		protocols: [
			"tcp"
		],
		name: "mysql",
		description: "MySQL"
	},
	{
		port: 3389,
		protocols: [
			"tcp"
		],
		name: "ms-wbt-server",
		description: "MS WBT Server"
	},
	{
		port: 5353,
		protocols: [
			"udp"
		],
		name: "mdns",
		description: "Multicast DNS"
	},
	{
		port: 5432,
		protocols: [
			"tcp"
		],
		name: "postgresql",
		description: "PostgreSQL Database"
	},
	{
		port: 5671,
		protocols: [
			"tcp"
		],
		name: "amqps",
		description: "amqp protocol over TLS/SSL"
	},
	{
		port: 5672,
		protocols: [
			"tcp"
		],
		name: "amqp",
		description: "AMQP"
	},
	{
		port: 6379,
		protocols: [
			"tcp"
		],
		name: "redis",
		description: "An advanced key-value cache and store"
	},
	{
		port: 8080,
		protocols: [
			"tcp"
		],
		name: "http-alt",
		description: "HTTP Alternate"
	},
	{
		port: 8883,
		protocols: [
			"tcp"
		],
		name: "secure-mqtt",
		description: "Secure MQTT"
	},
	{
		port: 9418,
		protocols: [
			"tcp"
		],
		name: "git",
		description: "git pack transfer service"
	},
	{
		port: 11211,
		protocols: [
			"tcp"
		],
		name: "memcache",
		description: "Memory cache service"
	},
	{
		port: 27017,
		protocols: [
			"tcp"
		],
		name: "mongodb",
		description: "Mongo database system"
	}
];
var iana = {
	source: source,
	services: services
};

// The port inventory: one row per declared port of every workload container, Service and Compose
// service, with what the port is for. Built from the scan model only (no rule runs), so the table
// is the same whatever the config's severities say.
const IANA_SOURCE = iana.source;
const IANA_BY_PORT = new Map();
for (const service of iana.services) {
    for (const protocol of service.protocols)
        IANA_BY_PORT.set(`${service.port}/${protocol}`, service);
}
function buildInventory(model) {
    const comments = commentsByLine(model.purposeComments);
    const rows = [
        ...model.bindings.map((binding) => bindingRow(binding, comments)),
        ...model.services.map((service) => serviceRow(service, comments)),
        ...model.exposedPorts.map((exposed) => exposedRow(exposed, comments))
    ];
    return rows.sort(compareRows);
}
function bindingRow(binding, comments) {
    const containerPort = binding.containerPort ? formatRange(binding.containerPort) : null;
    const hostPort = binding.hostPort
        ? formatRange(binding.hostPort)
        : binding.unresolved
            ? '(unresolved)'
            : binding.hostNetwork && containerPort
                ? `${containerPort} (host network)`
                : null;
    const protocol = binding.protocol.toUpperCase();
    const purpose = resolvePurpose({
        object: binding.object,
        portName: binding.name,
        locations: [binding.location, binding.hostPortLocation, binding.containerPortLocation],
        port: binding.containerPort?.start === binding.containerPort?.end
            ? binding.containerPort?.start
            : undefined,
        protocol,
        comments
    });
    return {
        scope: scopeOf(binding.object),
        object: objectName(binding.object),
        container: binding.format === 'kubernetes' ? binding.container : null,
        portName: binding.name ?? null,
        containerPort,
        hostPort,
        hostIP: binding.hostIP || null,
        servicePort: null,
        targetPort: null,
        nodePort: null,
        exposeOnly: false,
        protocol,
        ...purpose,
        file: binding.location.file,
        line: binding.location.line
    };
}
function serviceRow(service, comments) {
    const protocol = service.protocol.toUpperCase();
    const target = service.targetPort ?? service.port;
    const purpose = resolvePurpose({
        object: service.object,
        portName: service.name,
        locations: [
            service.location,
            service.portLocation,
            service.targetPortLocation,
            service.nodePortLocation
        ],
        port: typeof target === 'number' ? target : service.port,
        protocol,
        comments
    });
    return {
        scope: scopeOf(service.object),
        object: objectName(service.object),
        container: null,
        portName: service.name ?? null,
        containerPort: null,
        hostPort: null,
        hostIP: null,
        servicePort: service.port ?? null,
        targetPort: target === undefined ? null : String(target),
        nodePort: service.nodePort ?? null,
        exposeOnly: false,
        protocol,
        ...purpose,
        file: service.location.file,
        line: service.location.line
    };
}
function exposedRow(exposed, comments) {
    const protocol = exposed.protocol.toUpperCase();
    const single = exposed.ports.start === exposed.ports.end ? exposed.ports.start : undefined;
    const purpose = resolvePurpose({
        object: exposed.object,
        portName: undefined,
        locations: [exposed.location],
        port: single,
        protocol,
        comments
    });
    return {
        scope: scopeOf(exposed.object),
        object: objectName(exposed.object),
        container: null,
        portName: null,
        containerPort: formatRange(exposed.ports),
        hostPort: null,
        hostIP: null,
        servicePort: null,
        targetPort: null,
        nodePort: null,
        exposeOnly: true,
        protocol,
        ...purpose,
        file: exposed.location.file,
        line: exposed.location.line
    };
}
function scopeOf(object) {
    if (object.format === 'kubernetes')
        return { kind: 'namespace', name: object.namespace };
    const cluster = object.devCluster;
    if (cluster)
        return { kind: 'dev-cluster', name: `${cluster.tool} ${cluster.cluster}` };
    return { kind: 'compose-project', name: object.project };
}
function objectName(object) {
    // A dev cluster's rows are its nodes (`node control-plane`) or its API server.
    if (object.format === 'compose' && object.devCluster)
        return object.service;
    if (object.format === 'compose')
        return `service ${object.service}`;
    return `${object.kind}${object.apiGroup ? `.${object.apiGroup}` : ''} ${object.name}`;
}
function commentsByLine(comments) {
    const index = new Map();
    for (const comment of comments) {
        index.set(`${comment.location.file}:${comment.location.line}`, comment);
    }
    return index;
}
/** Annotation, then a `# purpose:` comment, then the IANA service name, then the port name. */
function resolvePurpose(query) {
    const annotated = query.object.format === 'kubernetes' && query.object.purpose
        ? purposeForPort(query.object.purpose, query.portName)
        : undefined;
    if (annotated)
        return { purpose: annotated, purposeSource: 'annotation' };
    const comment = commentOn(query.locations, query.comments);
    if (comment)
        return { purpose: comment.text, purposeSource: 'comment' };
    const service = query.port === undefined
        ? undefined
        : IANA_BY_PORT.get(`${query.port}/${query.protocol.toLowerCase()}`);
    if (service)
        return { purpose: `${service.description} (IANA: ${service.name})`, purposeSource: 'iana' };
    if (query.portName)
        return { purpose: query.portName, purposeSource: 'port-name' };
    return { purpose: null, purposeSource: null };
}
function commentOn(locations, comments) {
    for (const location of locations) {
        if (!location)
            continue;
        const last = location.endLine ?? location.line;
        for (let line = location.line; line <= last; line++) {
            const comment = comments.get(`${location.file}:${line}`);
            if (comment)
                return comment;
        }
    }
    return undefined;
}
/**
 * `port-hygiene/purpose: "public storefront"` is the purpose of every port of the object;
 * `"http=public storefront, metrics=Prometheus scrape"` names one per port. Pairs are separated
 * by commas, semicolons or new lines; a piece without `name=` continues the text before it, so a
 * purpose may contain commas.
 */
function purposeForPort(annotation, portName) {
    const pieces = annotation.split(/[,;\n]/);
    const pair = /^\s*([a-z0-9]([-a-z0-9]*[a-z0-9])?)\s*=\s*(.*)$/i;
    if (!pair.test(pieces[0] ?? ''))
        return annotation.trim() || undefined;
    const byName = new Map();
    let current;
    for (const piece of pieces) {
        const match = pair.exec(piece);
        if (match) {
            current = match[1];
            byName.set(current, match[3].trim());
        }
        else if (current !== undefined && piece.trim() !== '') {
            byName.set(current, `${byName.get(current)}, ${piece.trim()}`);
        }
    }
    return portName === undefined ? undefined : byName.get(portName) || undefined;
}
// ---------------------------------------------------------------------------------------------
// Order: scope, object, container, then the port; file and line last, so the order is stable.
const SCOPE_KIND_ORDER = {
    namespace: 0,
    'compose-project': 1,
    'dev-cluster': 2
};
function compareScopes(a, b) {
    return SCOPE_KIND_ORDER[a.kind] - SCOPE_KIND_ORDER[b.kind] || compareText(a.name, b.name);
}
function compareRows(a, b) {
    return (compareScopes(a.scope, b.scope) ||
        compareText(a.object, b.object) ||
        compareText(a.container ?? '', b.container ?? '') ||
        portNumber(a) - portNumber(b) ||
        compareText(a.protocol, b.protocol) ||
        Number(a.exposeOnly) - Number(b.exposeOnly) ||
        compareText(a.file, b.file) ||
        a.line - b.line);
}
function portNumber(row) {
    const first = Number.parseInt(row.servicePort !== null ? String(row.servicePort) : (row.containerPort ?? ''), 10);
    return Number.isNaN(first) ? 0 : first;
}

/** Applies every fix that fits; the text's line endings (LF or CRLF) are kept. */
function applyFixes(text, fixes) {
    const lines = lineStarts(text);
    const eol = dominantLineEnding(text);
    const invalid = [];
    const edits = [];
    for (const fix of fixes) {
        const region = regionOf(fix, text, lines);
        if (!region)
            invalid.push(fix);
        else
            edits.push({ fix, ...region, text: withLineEnding(fix.replacement, eol) });
    }
    // File order; an insertion before a replacement at the same place.
    edits.sort((a, b) => a.start - b.start || a.end - b.end);
    const accepted = [];
    const deferred = [];
    for (const edit of edits) {
        const previous = accepted[accepted.length - 1];
        if (previous && overlaps(previous, edit))
            deferred.push(edit.fix);
        else
            accepted.push(edit);
    }
    return {
        text: splice(text, accepted),
        applied: accepted.map((edit) => edit.fix),
        deferred,
        invalid,
        changes: lineChanges(text, lines, accepted)
    };
}
/**
 * Two edits overlap when one starts before the other ends, or when both insert at one place
 * (their order would be a guess).
 */
function overlaps(first, second) {
    if (second.start < first.end)
        return true;
    return second.start === first.start && first.start === first.end;
}
function splice(text, edits) {
    const parts = [];
    let at = 0;
    for (const edit of edits) {
        parts.push(text.slice(at, edit.start), edit.text);
        at = edit.end;
    }
    parts.push(text.slice(at));
    return parts.join('');
}
/** Offsets at which each line starts; one more line than there are `\n`. */
function lineStarts(text) {
    const starts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
        starts.push(index + 1);
    }
    return starts;
}
/** The text of line `index` (0-based) without its line ending. */
function lineContentEnd(text, lines, index) {
    const next = lines[index + 1];
    if (next === undefined)
        return text.length;
    return text[next - 2] === '\r' ? next - 2 : next - 1;
}
/**
 * The offsets of a fix's region, or undefined when the text has no such place. A missing end is
 * the end of the start line's content, as src/rules/fixes.ts reads it.
 */
function regionOf(fix, text, lines) {
    const { line, column } = fix.location;
    const endLine = fix.location.endLine ?? line;
    const start = offsetOf(text, lines, line, column);
    if (start === undefined)
        return undefined;
    const end = fix.location.endColumn === undefined
        ? endLine >= 1 && endLine <= lines.length
            ? lineContentEnd(text, lines, endLine - 1)
            : undefined
        : offsetOf(text, lines, endLine, fix.location.endColumn);
    if (end === undefined || end < start)
        return undefined;
    return { start, end };
}
/** A column may stand one past the line's content (its end), never inside its line ending. */
function offsetOf(text, lines, line, column) {
    if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1)
        return;
    const lineStart = lines[line - 1];
    if (lineStart === undefined)
        return undefined;
    const offset = lineStart + column - 1;
    return offset <= lineContentEnd(text, lines, line - 1) ? offset : undefined;
}
/**
 * CRLF when most line endings are CRLF, else LF: a fix's replacement is written with `\n`, and a
 * Windows checkout (or a repository that commits CRLF) keeps its endings.
 */
function dominantLineEnding(text) {
    let crlf = 0;
    let lf = 0;
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
        if (text[index - 1] === '\r')
            crlf++;
        else
            lf++;
    }
    return crlf > lf ? '\r\n' : '\n';
}
function withLineEnding(replacement, eol) {
    return eol === '\n' ? replacement : replacement.replace(/\r?\n/g, eol);
}
/** The line of an offset (0-based): the last line that starts at or before it. */
function lineOf(lines, offset) {
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (lines[middle] <= offset)
            low = middle;
        else
            high = middle - 1;
    }
    return low;
}
/**
 * The whole lines each edit touches, merged where edits share a line, with their place in the
 * new text. An edit touches the lines from its start to its last replaced character (its start
 * line alone for an insertion); when what it leaves of them no longer ends with a line ending, it
 * joined the next line, which then belongs to the change too.
 */
function lineChanges(text, lines, edits) {
    const changes = [];
    let shift = 0;
    for (let next = 0; next < edits.length;) {
        const block = changedBlock(text, lines, edits, next);
        next = block.next;
        // An insertion at the very end of a text that ends with a line ending is on no line yet.
        const atEnd = block.to === text.length;
        const oldLineCount = countLines(text.slice(block.from, block.to), atEnd);
        const newLineCount = countLines(block.newText, atEnd);
        changes.push({
            oldStart: block.oldStart,
            oldEnd: block.oldStart + oldLineCount,
            newStart: block.oldStart + shift,
            newEnd: block.oldStart + shift + newLineCount
        });
        shift += newLineCount - oldLineCount;
    }
    return changes;
}
/**
 * The whole lines from the line of `edits[first]` that the edits from there change together
 * (offsets `from`..`to`), their text after the edits, and the index of the first edit left out.
 */
function changedBlock(text, lines, edits, first) {
    const oldStart = lineOf(lines, edits[first].start);
    const from = lines[oldStart];
    let oldEnd = oldStart;
    let next = first;
    let joined = false;
    for (;;) {
        for (; next < edits.length; next++) {
            const edit = edits[next];
            const end = lines[oldEnd] ?? text.length;
            // `end` starts a line unless it is the end of a text whose last line has no line ending.
            const startsLine = end < text.length || end === 0 || text[end - 1] === '\n';
            if (next > first && (edit.start > end || (edit.start === end && startsLine && !joined))) {
                break;
            }
            const last = edit.end > edit.start ? lineOf(lines, edit.end - 1) : lineOf(lines, edit.start);
            oldEnd = Math.max(oldEnd, last + 1);
        }
        const to = lines[oldEnd] ?? text.length;
        const newText = splice(text.slice(from, to), edits
            .slice(first, next)
            .map((edit) => ({ ...edit, start: edit.start - from, end: edit.end - from })));
        joined = newText !== '' && !newText.endsWith('\n');
        if (joined && to < text.length)
            oldEnd++;
        else if (!joined || edits[next]?.start !== to)
            return { oldStart, from, to, newText, next };
    }
}
/**
 * Lines in a block of whole lines: each line ending ends one; at the end of the file, text after
 * the last line ending is one more line. A block that became empty has none.
 */
function countLines(block, atEndOfFile) {
    let count = 0;
    for (let index = block.indexOf('\n'); index !== -1; index = block.indexOf('\n', index + 1)) {
        count++;
    }
    const tail = block.length - (block.lastIndexOf('\n') + 1);
    return count + (atEndOfFile && tail > 0 ? 1 : 0);
}

// Command-line mistakes, shared by the scan and its subcommands: one clean line, then the usage
// (for an unknown flag) or a pointer to --help.
class UsageError extends Error {
    /** Printed after the message: the usage of the command that was mistyped. */
    usage;
    /** The subcommand (`inventory`, `fleet`) whose --help explains the mistake; none = the scan. */
    command;
    constructor(message, usage, command) {
        super(message);
        this.usage = usage;
        this.command = command;
    }
}
/** node:util parseArgs, strict, its errors turned into one line a user can act on. */
function parseCommandLine(argv, options, usage) {
    try {
        return node_util.parseArgs({ args: argv, allowPositionals: true, strict: true, options });
    }
    catch (error) {
        const { code, message } = error;
        if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
            const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
            throw new UsageError(`unknown option "${flag}"`, usage);
        }
        // "Option '-f, --format <value>' argument missing" and the like: the first sentence only.
        throw new UsageError(message.split(/\.\s/)[0].replace(/\.$/, ''));
    }
}
/** `value` when it is one of `allowed`, else a usage error naming the flag and the choices. */
function oneOf(value, allowed, flag) {
    if (allowed.includes(value))
        return value;
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

// The team's PORTS.md: the generated table lives between two markers, and everything around it
// belongs to the team. --write replaces the block; --check compares it row by row.
const START_MARKER = '<!-- port-hygiene:inventory:start -->';
const END_MARKER = '<!-- port-hygiene:inventory:end -->';
/** A document without usable markers: the message says how to add them. */
class InventoryDocumentError extends UsageError {
}
/**
 * The marker lines of a document: a marker counts only on a line of its own, at its start (so a
 * marker quoted in a sentence or in backticks does not), and outside fenced code blocks (so a
 * README may show the markers in a ``` block).
 */
function markerLines(document) {
    const markers = [];
    let fence;
    let from = 0;
    for (let line = 1; from <= document.length; line++) {
        const newline = document.indexOf('\n', from);
        const next = newline === -1 ? document.length + 1 : newline + 1;
        const to = newline === -1 ? document.length : newline - (document[newline - 1] === '\r' ? 1 : 0);
        const text = document.slice(from, to);
        // CommonMark fences: three or more backticks or tildes, indented up to three spaces; the
        // closing fence is of the same character and at least as long.
        const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(text);
        if (fence) {
            if (fenceMatch && fenceMatch[1][0] === fence.char && fenceMatch[1].length >= fence.length) {
                if (/^ {0,3}[`~]+\s*$/.test(text))
                    fence = undefined;
            }
        }
        else if (fenceMatch &&
            !(fenceMatch[1][0] === '`' && text.slice(fenceMatch[0].length).includes('`'))) {
            fence = { char: fenceMatch[1][0], length: fenceMatch[1].length };
        }
        else {
            const kind = markerKind(text.trimEnd());
            if (kind)
                markers.push({ kind, line, from, to });
        }
        from = next;
    }
    return markers;
}
function markerKind(text) {
    if (text === START_MARKER)
        return 'start';
    if (text === END_MARKER)
        return 'end';
    if (text.startsWith(START_MARKER) && text.slice(START_MARKER.length).trim() === END_MARKER) {
        return 'both';
    }
    return undefined;
}
function findBlock(document, file) {
    const markers = markerLines(document);
    const starts = markers.filter((marker) => marker.kind !== 'end');
    const ends = markers.filter((marker) => marker.kind !== 'start');
    const howTo = `put these two lines in ${file} where the table should go, each on a line of its own and ` +
        `outside a code block, then run "port-hygiene inventory --write ${file}":\n` +
        `  ${START_MARKER}\n  ${END_MARKER}`;
    const keepOnePair = `keep one start and one end marker, each on a line of its own, around the table, and ` +
        `remove the others, then run "port-hygiene inventory --write ${file}"`;
    const lines = (list) => list.map((marker) => marker.line).join(', ');
    if (starts.length > 1) {
        throw new InventoryDocumentError(`${file} has the inventory start marker more than once (lines ${lines(starts)}): ${keepOnePair}`);
    }
    if (ends.length > 1) {
        throw new InventoryDocumentError(`${file} has the inventory end marker more than once (lines ${lines(ends)}): ${keepOnePair}`);
    }
    const [start, end] = [starts[0], ends[0]];
    if (!start && !end) {
        const quoted = document.includes(START_MARKER) || document.includes(END_MARKER);
        throw new InventoryDocumentError(quoted
            ? `${file} has no inventory markers on lines of their own (a marker inside a line of text or a code block does not count): ${howTo}`
            : `${file} has no inventory markers: ${howTo}`);
    }
    if (!start || !end) {
        const missing = start ? END_MARKER : START_MARKER;
        throw new InventoryDocumentError(`${file} has only one of the inventory markers (${missing} is missing): ${howTo}`);
    }
    if (end.line < start.line) {
        throw new InventoryDocumentError(`${file} has the inventory end marker (line ${end.line}) before the start marker (line ${start.line}): ` +
            `move the end marker below the start marker, then run "port-hygiene inventory --write ${file}"`);
    }
    // The block is the lines between the markers' lines; with both markers on one line, it is
    // the (empty) text between them.
    const blockStart = start.kind === 'both' ? start.from + START_MARKER.length : document.indexOf('\n', start.to) + 1;
    const blockEnd = start.kind === 'both' ? blockStart : end.from;
    return {
        start: blockStart,
        end: blockEnd,
        firstLine: start.kind === 'both' ? start.line : start.line + 1,
        text: document.slice(blockStart, blockEnd)
    };
}
/**
 * The document with the block replaced; the rest is left byte for byte, and the new block is
 * written with the document's line endings (a CRLF file stays CRLF).
 */
function replaceBlock(document, file, generated) {
    const block = findBlock(document, file);
    const eol = dominantLineEnding(document);
    const needsBreak = block.start > 0 && document[block.start - 1] !== '\n';
    return (document.slice(0, block.start) +
        (needsBreak ? eol : '') +
        (eol === '\n' ? generated : generated.replace(/\r?\n/g, eol)) +
        document.slice(block.end));
}
/**
 * Row-level differences between the committed block and the generated one. Lines are compared
 * after normalising what a formatter may change (cell padding, separator widths, blank lines),
 * then matched in order (longest common subsequence), so a changed row shows as one removed and
 * one added line.
 */
function diffBlocks(committed, generated) {
    const before = meaningfulLines(committed.text, committed.firstLine);
    const after = meaningfulLines(generated, 1);
    const common = lcsTable(before.map((line) => line.key), after.map((line) => line.key));
    const changes = [];
    let i = 0;
    let j = 0;
    while (i < before.length || j < after.length) {
        if (i < before.length && j < after.length && before[i].key === after[j].key) {
            i++;
            j++;
        }
        else if (i < before.length &&
            (j === after.length || common[i + 1][j] >= common[i][j + 1])) {
            const line = before[i];
            changes.push({ kind: 'removed', text: line.text, line: line.line, ...section(line) });
            i++;
        }
        else {
            changes.push({ kind: 'added', text: after[j].text, ...section(after[j]) });
            j++;
        }
    }
    return changes;
}
function section(line) {
    return line.section ? { section: line.section } : {};
}
function meaningfulLines(text, firstLine) {
    const lines = [];
    let heading;
    text.split(/\r?\n/).forEach((raw, index) => {
        const trimmed = raw.trim();
        if (trimmed === '')
            return;
        if (/^#{1,6}\s/.test(trimmed))
            heading = trimmed.replace(/^#+\s*/, '');
        lines.push({
            key: normalise(trimmed),
            text: trimmed,
            line: firstLine + index,
            section: heading
        });
    });
    return lines;
}
/** Table rows: cells trimmed, separator rows reduced to their dashes and colons. */
function normalise(line) {
    if (!line.startsWith('|'))
        return line.replace(/\s+/g, ' ');
    const cells = splitCells(line).map((value) => value.trim());
    if (cells.every((value) => /^:?-+:?$/.test(value))) {
        return `|${cells.map((value) => value.replace(/-+/, '-')).join('|')}|`;
    }
    return `|${cells.join('|')}|`;
}
/** Splits a GFM row on unescaped pipes. */
function splitCells(line) {
    const inner = line.replace(/^\|/, '').replace(/\|\s*$/, '');
    const cells = [];
    let current = '';
    for (let index = 0; index < inner.length; index++) {
        const char = inner[index];
        if (char === '\\' && index + 1 < inner.length) {
            current += char + inner[++index];
        }
        else if (char === '|') {
            cells.push(current);
            current = '';
        }
        else {
            current += char;
        }
    }
    cells.push(current);
    return cells;
}
/** common[i][j] = length of the longest common subsequence of a[i..] and b[j..]. */
function lcsTable(a, b) {
    const common = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) {
        for (let j = b.length - 1; j >= 0; j--) {
            common[i][j] =
                a[i] === b[j]
                    ? common[i + 1][j + 1] + 1
                    : Math.max(common[i + 1][j], common[i][j + 1]);
        }
    }
    return common;
}
/** The readable diff --check prints and the drift finding carries. */
function formatChanges(file, changes) {
    const lines = [];
    let lastSection;
    for (const change of changes) {
        if (change.section !== lastSection && change.section)
            lines.push(`  under "${change.section}":`);
        lastSection = change.section;
        const where = change.line !== undefined ? `  (${file}:${change.line})` : '';
        lines.push(`  ${change.kind === 'removed' ? '-' : '+'} ${change.text}${where}`);
    }
    return lines.join('\n');
}

// Escaping for GitHub-flavoured markdown. Every string that comes from the scanned repository
// (file paths, object and service names, values, messages that embed them) goes through one of
// these before it reaches a PR comment or a job summary, so that a hostile name renders as plain
// text: no markup, no raw HTML, no HTML comment (and so no fake marker), no @mention, no issue
// reference, no autolink, no math.
//
// Two facts shape the approach:
// - Markdown backslash escapes only work in markdown context. Inside an HTML block (a
//   `<summary>` line) they show literally, so that context gets HTML entities instead.
// - GitHub turns `@user`, `#123`, `GH-1`, URLs and `:emoji:` into links *after* rendering, on
//   the text nodes, so neither a backslash nor an entity stops them (both decode to the same
//   text). An invisible zero-width space (U+200B, written `&#8203;`) between the trigger and the
//   word does: the text reads the same and no longer matches. This is what Dependabot does.
const ZERO_WIDTH_SPACE = '\u200B';
/** Characters that end the line or are invisible controls: collapsed or removed so a name stays on one line. */
const WHITESPACE_RUN = /[\s\u0085]+/g;
/**
 * C0/C1 controls and bidirectional overrides (Trojan Source): a name must not reorder or hide the
 * text around it.
 */
const INVISIBLE_CONTROLS = 
// eslint-disable-next-line no-control-regex -- matching control characters is the point
/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A UTF-16 surrogate without its pair: not encodable as UTF-8, so the API would reject the body. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Lone surrogates (possible in a file name) become U+FFFD, so the text encodes as UTF-8. */
function wellFormed(text) {
    return text.replace(LONE_SURROGATE, '\uFFFD');
}
/**
 * One line of plain text: newlines and tabs become one space; controls and bidi overrides go;
 * a lone surrogate becomes U+FFFD.
 */
function normalizeText(text) {
    return wellFormed(text.replace(WHITESPACE_RUN, ' ').replace(INVISIBLE_CONTROLS, ''));
}
/**
 * Inserts a zero-width space where GitHub would otherwise create a link or mention from plain
 * text: `@user`/`@org/team`/e-mail addresses, `#123` and `owner/repo#123`, `GH-123`, `scheme://`
 * URLs, `www.` autolinks and `:shortcode:` emoji.
 */
function breakAutolinks(text) {
    return text
        .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
        .replace(/#(?=[\p{L}\p{N}_-])/gu, `#${ZERO_WIDTH_SPACE}`)
        .replace(/\b(GH)-(?=\d)/gi, `$1-${ZERO_WIDTH_SPACE}`)
        .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
        .replace(/\b(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`)
        .replace(/:(?=[a-z+-][a-z0-9_+-]*:)/gi, `:${ZERO_WIDTH_SPACE}`);
}
/** Replacements valid in markdown text, in link text and in GFM table cells. */
const MARKDOWN_REPLACEMENTS = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    [ZERO_WIDTH_SPACE]: '&#8203;',
    '\\': '\\\\',
    '`': '\\`',
    '*': '\\*',
    _: '\\_',
    '[': '\\[',
    ']': '\\]',
    '~': '\\~',
    // GFM splits table rows on every pipe not preceded by a backslash, even inside code.
    '|': '\\|',
    // GitHub renders `$…$` as math; its docs give `\$` as the escape.
    $: '\\$',
    '#': '\\#'
};
const MARKDOWN_SPECIAL = /[&<>\u200B\\`*_[\]~|$#]/g;
/**
 * Plain text for a markdown context (paragraph, list item, heading, link text, table cell, the
 * inside of our own `<code>` tags): renders exactly as the text reads, with nothing live in it.
 */
function escapeMarkdown(text) {
    return breakAutolinks(normalizeText(text)).replace(MARKDOWN_SPECIAL, (char) => MARKDOWN_REPLACEMENTS[char] ?? char);
}
/**
 * Plain text for a GFM table cell. `escapeMarkdown` already escapes every pipe and collapses
 * newlines (the two things that break a row), so this is the same transformation; the separate
 * name keeps call sites explicit about their context.
 */
function escapeTableCell(text) {
    return escapeMarkdown(text);
}
const HTML_REPLACEMENTS = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    [ZERO_WIDTH_SPACE]: '&#8203;'
};
/**
 * Plain text for an HTML block, where markdown is not parsed (our `<summary>` lines): entities
 * only, since a backslash there would show literally.
 */
function escapeHtml(text) {
    return breakAutolinks(normalizeText(text)).replace(/[&<>"'\u200B]/g, (char) => HTML_REPLACEMENTS[char] ?? char);
}
/** Monospace text in markdown context: our own `<code>` tag, so the content can be escaped like any text (a backtick code span cannot hold escapes). */
function codeText(text) {
    return `<code>${escapeMarkdown(text)}</code>`;
}
/**
 * A URL safe to put in a markdown link destination `(…)`, or undefined when it is not an http(s)
 * URL (no `javascript:` links). Characters that would end the destination or the link, break a
 * table row or start markup are percent-encoded (`@` too: a link never needs it in the paths we
 * build, and the body then holds no `@word` at all); existing escapes are kept.
 */
function safeUrl(url) {
    if (!/^https?:\/\//i.test(url))
        return undefined;
    return url.replace(/[^A-Za-z0-9\-._~:/?#!$&+,;=%]/gu, percentEncode);
}
const utf8 = new TextEncoder();
/** UTF-8 percent-encoding of one character (a lone surrogate becomes U+FFFD, never a throw). */
function percentEncode(char) {
    return Array.from(utf8.encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
/** `[text](url)` when the URL is usable, else the text alone. `text` must already be escaped. */
function link(text, url) {
    const safe = url === undefined ? undefined : safeUrl(url);
    return safe ? `[${text}](${safe})` : text;
}
/** Shortens a repository string before escaping, so that one hostile name cannot fill the comment. */
function truncate(text, maxLength) {
    const chars = Array.from(text);
    return chars.length <= maxLength ? text : `${chars.slice(0, maxLength - 1).join('')}…`;
}

// The inventory as a Markdown block (one table per scope, laid out the way Prettier lays out
// tables, so formatting PORTS.md changes nothing) and as JSON (docs/inventory.md).
/** 2: Service rows carry `targetPort` (was `containerPort`); `exposeOnly` rows for Compose `expose:`. */
const INVENTORY_SCHEMA_VERSION = 2;
const HEADER = [
    'Object',
    'Container',
    'Port name',
    'Container port',
    'Host port',
    'Service port',
    'Target port',
    'nodePort',
    'Protocol',
    'Purpose',
    'Declared in'
];
function renderInventoryMarkdown(rows, options = {}) {
    const parts = [
        '<!-- Generated by `port-hygiene inventory`: change the manifests (or a purpose annotation or comment), not this table. -->'
    ];
    if (rows.length === 0)
        parts.push('_No ports are declared in the scanned files._');
    for (const [scope, scopeRows] of groupByScope(rows)) {
        parts.push(`### ${scopeTitle(scope)}`);
        parts.push(table(scopeRows.map((row) => cells(row, options))));
    }
    return parts.join('\n\n') + '\n';
}
function scopeTitle(scope) {
    if (scope.kind === 'compose-project')
        return `Compose project ${code(scope.name)}`;
    if (scope.kind === 'dev-cluster') {
        const [tool, ...name] = scope.name.split(' ');
        return `${tool} cluster ${code(name.join(' '))}`;
    }
    return scope.name ? `Namespace ${code(scope.name)}` : 'No namespace set';
}
/**
 * A namespace or project name in a heading: in backticks when it is a name Kubernetes or Compose
 * accepts, else as escaped text (a backtick in it would end the code span).
 */
function code(name) {
    return /^[A-Za-z0-9._-]+$/.test(name) ? `\`${name}\`` : escapeMarkdown(name);
}
function groupByScope(rows) {
    const groups = new Map();
    for (const row of rows) {
        const key = `${row.scope.kind}\0${row.scope.name}`;
        const group = groups.get(key) ?? [row.scope, []];
        group[1].push(row);
        groups.set(key, group);
    }
    return [...groups.values()].sort((a, b) => compareScopes(a[0], b[0]));
}
function cells(row, options) {
    const where = `${row.file}:${row.line}`;
    const declared = options.linkPath
        ? `[${cell(where)}](${linkDestination(options.linkPath(row.file))}#L${row.line})`
        : cell(where);
    const hostPort = row.exposeOnly
        ? '(expose only)'
        : row.hostPort === null
            ? ''
            : row.hostIP
                ? `${hostAddress(row.hostIP)}:${row.hostPort}`
                : row.hostPort;
    return [
        cell(row.object),
        cell(row.container ?? ''),
        cell(row.portName ?? ''),
        cell(row.containerPort ?? ''),
        cell(hostPort),
        row.servicePort === null ? '' : String(row.servicePort),
        cell(row.targetPort ?? ''),
        row.nodePort === null ? '' : String(row.nodePort),
        row.protocol,
        cell(row.purpose ?? ''),
        declared
    ];
}
function hostAddress(ip) {
    return ip.includes(':') ? `[${ip}]` : ip;
}
/**
 * Text from the manifests inside a table cell, made inert as in the PR comment
 * (src/report/escape.ts): no markup, link, HTML, @mention or #reference, no control character or
 * bidirectional override; a pipe stays in its cell and a new line in its row.
 */
function cell(text) {
    return escapeTableCell(text.trim());
}
/**
 * A relative link to a file of the repository: each path segment percent-encoded, parentheses
 * too (they end a Markdown link destination), so no file name can become a scheme such as
 * `javascript:` or break out of the link.
 */
function linkDestination(relative) {
    return relative
        .split('/')
        .map((segment) => segment === '.' || segment === '..'
        ? segment
        : encodeURIComponent(segment).replace(/[()'*!]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`))
        .join('/');
}
/** Columns padded to their widest cell, the separator as wide, as Prettier writes tables. */
function table(rows) {
    const widths = HEADER.map((title, column) => maxOf([3, title.length, ...rows.map((row) => row[column].length)]));
    const line = (values) => `| ${values.map((value, column) => value.padEnd(widths[column])).join(' | ')} |`;
    return [
        line(HEADER),
        line(widths.map((width) => '-'.repeat(width))),
        ...rows.map((row) => line(row))
    ].join('\n');
}
function renderInventoryJson(rows, toolVersion) {
    const report = {
        schemaVersion: INVENTORY_SCHEMA_VERSION,
        tool: { name: 'port-hygiene', version: toolVersion },
        ianaSource: IANA_SOURCE,
        ports: [...rows]
    };
    return stringifyJson(report);
}

// The committed table against the manifests: what --write puts in the document, what --check and
// the `inventory-drift` rule report when they differ.
/** The block as it should be, linking files relative to the document. */
function generateBlock(target) {
    const folder = path$1.posix.dirname(target.documentFile);
    return renderInventoryMarkdown(target.rows, {
        linkPath: (file) => path$1.posix.relative(folder, file)
    });
}
function writeInventory(target) {
    return replaceBlock(target.document, target.display, generateBlock(target));
}
function checkInventory(target) {
    const block = findBlock(target.document, target.display);
    const generated = generateBlock(target);
    const changes = diffBlocks(block, generated);
    if (changes.length === 0)
        return undefined;
    const removed = changes.filter((change) => change.kind === 'removed').length;
    const added = changes.length - removed;
    const counts = [
        ...(removed > 0 ? [`${removed} ${removed === 1 ? 'line' : 'lines'} to remove`] : []),
        ...(added > 0 ? [`${added} to add`] : [])
    ].join(', ');
    return {
        summary: `${target.display} is out of date with the manifests (${counts}):`,
        diff: formatChanges(target.display, changes),
        hint: `Run "port-hygiene inventory --write ${target.display}" (with the same paths) to update it.`,
        changes,
        block,
        generated
    };
}

const inventoryDrift = {
    meta: {
        id: 'inventory-drift',
        description: 'The committed port inventory (PORTS.md) differs from the manifests.',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'the committed port inventory differs from the manifests: the repository asked for this gate (inventory-file), and the document is wrong as written',
                source: 'https://github.com/port-hygiene/port-hygiene/blob/main/docs/inventory.md'
            }
        ]
    },
    options: {},
    check(model) {
        if (model.inventoryDocuments.length === 0)
            return [];
        return model.inventoryDocuments.flatMap((document) => checkDocument(model, document));
    }
};
function checkDocument(model, document) {
    const top = { file: document.file, line: 1, column: 1 };
    const hint = `run "port-hygiene inventory --write ${document.file}" in the scanned folder and commit the result`;
    if (document.text === undefined) {
        return [
            {
                message: `The port inventory ${document.file} cannot be checked: ${document.problem ?? 'it cannot be read'}.`,
                location: top,
                key: 'unreadable'
            }
        ];
    }
    let drift;
    try {
        drift = checkInventory({
            rows: buildInventory(model),
            documentFile: document.file,
            display: document.file,
            document: document.text
        });
    }
    catch (error) {
        if (!(error instanceof InventoryDocumentError))
            throw error;
        return [{ message: `${error.message.split('\n')[0]}`, location: top, key: 'markers' }];
    }
    if (!drift)
        return [];
    const startLine = drift.block.firstLine - 1;
    const endLine = startLine + drift.block.text.split('\n').length;
    const markerLocation = { file: document.file, line: startLine, column: 1 };
    const removed = drift.changes.filter((change) => change.kind === 'removed');
    const added = drift.changes.filter((change) => change.kind === 'added');
    const counts = [
        ...(removed.length > 0
            ? [
                `${removed.length} committed ${removed.length === 1 ? 'line no longer matches' : 'lines no longer match'}`
            ]
            : []),
        ...(added.length > 0
            ? [`${added.length} ${added.length === 1 ? 'line is' : 'lines are'} missing`]
            : [])
    ].join(', ');
    return [
        {
            message: `The port inventory ${document.file} is out of date with the manifests (${counts}): ${hint}.`,
            location: markerLocation,
            related: drift.changes.map((change) => ({
                location: change.line !== undefined
                    ? { file: document.file, line: change.line, column: 1 }
                    : markerLocation,
                message: change.kind === 'removed'
                    ? `committed, no longer generated: ${change.text}`
                    : `generated, missing here${change.section ? ` (under "${change.section}")` : ''}: ${change.text}`
            })),
            // The identity of the document, not of its rows: one finding that stays one across pushes.
            key: 'stale',
            fix: {
                description: 'the regenerated inventory',
                location: {
                    file: document.file,
                    line: startLine,
                    column: 1,
                    endLine,
                    endColumn: END_MARKER.length + 1
                },
                replacement: `${START_MARKER}\n${drift.generated}${END_MARKER}`
            }
        }
    ];
}

const duplicateKey = {
    meta: {
        id: 'duplicate-key',
        description: 'A key written twice in one YAML map (the last value is the one checked).',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'a key written twice in one map of a Compose file: Compose refuses to load it',
                source: 'https://yaml.org/spec/1.2.2/'
            },
            {
                severity: 'warning',
                when: 'a key written twice in one map of a Kubernetes file: kubectl and the API server keep the last value and warn',
                source: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation'
            }
        ]
    },
    options: {},
    check(model) {
        return model.duplicateKeys.map((duplicate) => ({
            message: `Duplicate key "${duplicate.key}" (first at line ${duplicate.first.line}): ` +
                (duplicate.format === 'compose'
                    ? 'Compose rejects this file; the last value is the one checked here.'
                    : 'the API server keeps the last value (kubectl --validate=strict rejects it); the last value is the one checked here.'),
            location: duplicate.location,
            key: duplicate.key,
            ...(duplicate.format === 'kubernetes' ? { severity: 'warning' } : {})
        }));
    }
};

const inputLimit = {
    meta: {
        id: 'input-limit',
        description: 'Part of a file was not checked because it exceeded a safety limit.',
        defaultSeverity: 'warning',
        cases: [
            {
                severity: 'warning',
                when: 'part of a file was not checked because it exceeded a safety limit: the gate cannot vouch for it',
                source: 'https://github.com/port-hygiene/port-hygiene/blob/main/docs/limits.md'
            }
        ]
    },
    options: {},
    check(model) {
        return model.limitsExceeded.map((hit) => ({
            message: hit.message,
            location: hit.location,
            key: hit.limit
        }));
    }
};

// A suppression that cannot do its job, or does it without saying why: no reason, no rule, or a
// rule id that does not exist (a typo silences nothing). run.ts never suppresses this rule.
/**
 * Built with a lookup instead of importing the registry, which lists this rule itself (an import
 * cycle would leave one of them undefined at load time).
 */
function makeInvalidSuppression(isKnownRule) {
    return {
        meta: {
            id: 'invalid-suppression',
            description: 'A suppression comment or annotation with no reason, no rule or an unknown rule id.',
            defaultSeverity: 'warning',
            cases: [
                {
                    severity: 'warning',
                    when: 'a suppression comment or annotation with no reason, no rule or an unknown rule id: it hides findings without saying why, or hides nothing',
                    source: 'https://github.com/port-hygiene/port-hygiene/blob/main/docs/rules/README.md#suppressions'
                }
            ]
        },
        options: {},
        check(model) {
            const findings = [];
            for (const found of allSuppressions(model)) {
                const problems = problemsOf(found.suppression, isKnownRule);
                if (problems.length === 0)
                    continue;
                const silencesSomething = found.suppression.rules.some(isKnownRule);
                findings.push(toFinding$2(found, problems, silencesSomething));
            }
            return findings;
        }
    };
}
/** Comments, then each object's annotation once (every binding of an object carries it). */
function allSuppressions(model) {
    const found = model.suppressions.map((suppression) => ({ suppression }));
    const seen = new Set();
    const objects = [
        ...model.bindings.map((binding) => binding.object),
        ...model.services.map((service) => service.object),
        ...model.podTemplates.map((template) => template.object)
    ];
    for (const object of objects) {
        if (object.format !== 'kubernetes' || !object.ignore)
            continue;
        const id = formatLocation(object.ignore.location);
        if (seen.has(id))
            continue;
        seen.add(id);
        found.push({ suppression: object.ignore, object });
    }
    return found;
}
function problemsOf(suppression, isKnownRule) {
    const problems = [];
    if (suppression.rules.length === 0)
        problems.push('names no rule');
    const unknown = suppression.rules.filter((rule) => !isKnownRule(rule));
    if (unknown.length > 0) {
        const list = uniq(unknown.map((rule) => `"${rule}"`)).join(', ');
        problems.push(`names ${unknown.length === 1 ? 'an unknown rule' : 'unknown rules'} ${list}`);
    }
    if (!suppression.reason)
        problems.push('gives no reason');
    return problems;
}
function toFinding$2(found, problems, silencesSomething) {
    const { suppression, object } = found;
    const listed = suppression.rules.join(',');
    const what = object
        ? `The port-hygiene/ignore annotation of ${describeObject(object)}`
        : 'This port-hygiene-ignore comment';
    const form = object
        ? 'port-hygiene/ignore: "<rule-id>: <reason>"'
        : '# port-hygiene-ignore <rule-id>: <reason>';
    const effect = silencesSomething ? '' : ', so it silences nothing';
    return {
        message: `${what} ${joinProblems(problems)}${effect}; write ${form}.`,
        location: suppression.location,
        ...(object ? { object } : {}),
        key: `${object ? 'annotation' : 'comment'}|${listed}|${problems.join('|')}`
    };
}
function joinProblems(problems) {
    if (problems.length <= 1)
        return problems.join('');
    return `${problems.slice(0, -1).join(', ')} and ${problems.at(-1)}`;
}

// API-server rejections that extraction found and tagged with the rule that reports them (a
// nodePort on a ClusterIP Service, an invalid port name): one finding each, in the API's words.
/** The rejections tagged `ruleId`; `keyOf` names what makes one distinct within its object. */
function taggedRejections(model, ruleId, keyOf) {
    return model.invalidPorts
        .filter((invalid) => invalid.rule === ruleId)
        .map((invalid) => ({
        message: invalid.object
            ? `${describeObject(invalid.object)}: ${invalid.message}`
            : invalid.message,
        location: invalid.location,
        ...(invalid.object ? { object: invalid.object } : {}),
        key: `${invalid.object ? objectKey(invalid.object) : ''}/${keyOf(invalid)}`
    }));
}

// A nodePort the API server or the nodePort allocator refuses, and a hard-coded nodePort that the
// allocator may already have handed out.
//
// - pkg/apis/core/validation/validation.go (ValidateService): a nodePort on a ClusterIP Service is
//   "Forbidden: may not be used when `type` is 'ClusterIP'" (a headless Service is a ClusterIP
//   Service); a NodePort or LoadBalancer Service may not be headless.
// - pkg/registry/core/service/portallocator: a nodePort outside --service-node-port-range
//   (30000-32767 by default) is "provided port is not in the valid range. The range of valid ports
//   is 30000-32767".
// - KEP-3668 (ServiceNodePortStaticSubrange, GA in 1.29): the allocator hands out dynamic ports
//   from the upper band first; the lowest min(max(16, size/32), 128) ports of the range are the
//   static band, where hard-coded ports are safe until the upper band is used up.
const DEFAULT_NODE_PORT_RANGE = { start: 30000, end: 32767 };
/** calculateRangeOffset in pkg/registry/core/service/portallocator/allocator.go. */
function staticBandSize(range) {
    const size = range.end - range.start + 1;
    if (size <= 16)
        return 0;
    return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}
const nodePortRange = {
    meta: {
        id: 'node-port-range',
        description: "A nodePort outside the cluster's range or on a ClusterIP Service; a notice above the static band.",
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: "a nodePort outside the cluster's service-node-port-range, or on a ClusterIP Service: the API server rejects it",
                source: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport'
            },
            {
                severity: 'notice',
                when: 'a nodePort above the static band, where it may meet a dynamically allocated one',
                source: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport'
            }
        ]
    },
    options: {
        range: portSpanOption(DEFAULT_NODE_PORT_RANGE),
        staticBand: booleanOption(true)
    },
    check(model, { options }) {
        const findings = taggedRejections(model, 'node-port-range', (invalid) => `forbidden/${invalid.value}`);
        for (const service of model.services) {
            const finding = headlessFinding(service) ?? rangeFinding(service, options) ?? bandFinding(service, options);
            if (finding)
                findings.push(finding);
        }
        return dedupeHeadless(findings);
    }
};
/** type NodePort or LoadBalancer with clusterIP: None — reported once, on the first port. */
function headlessFinding(service) {
    if (service.clusterIP !== 'None')
        return undefined;
    if (service.serviceType !== 'NodePort' && service.serviceType !== 'LoadBalancer')
        return undefined;
    return {
        message: `${describeObject(service.object)}: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for ${service.serviceType} services; a headless Service has no nodePorts, so remove clusterIP: None or use type ClusterIP`,
        location: service.location,
        object: service.object,
        key: `${objectKey(service.object)}/headless`
    };
}
function dedupeHeadless(findings) {
    const seen = new Set();
    return findings.filter((finding) => {
        if (!finding.key.endsWith('/headless'))
            return true;
        const id = `${finding.location.file}\0${finding.key}`;
        if (seen.has(id))
            return false;
        seen.add(id);
        return true;
    });
}
function rangeFinding(service, { range }) {
    const nodePort = service.nodePort;
    if (nodePort === undefined || (nodePort >= range.start && nodePort <= range.end))
        return undefined;
    const field = service.fieldPath ? `${service.fieldPath}.nodePort: ` : '';
    return {
        message: `${describeObject(service.object)}: ${field}Invalid value: ${nodePort}: provided port is not in the valid range. The range of valid ports is ${range.start}-${range.end}`,
        location: service.nodePortLocation ?? service.location,
        object: service.object,
        key: `${objectKey(service.object)}/range/${nodePort}/${service.protocol}`
    };
}
function bandFinding(service, options) {
    const nodePort = service.nodePort;
    const size = staticBandSize(options.range);
    if (!options.staticBand || nodePort === undefined || size === 0)
        return undefined;
    const bandEnd = options.range.start + size - 1;
    if (nodePort <= bandEnd)
        return undefined;
    return {
        message: `${describeObject(service.object)}: nodePort ${nodePort} is hard-coded above the static band ` +
            `${options.range.start}-${bandEnd} of the range ${options.range.start}-${options.range.end}: the allocator ` +
            'hands out ports from the upper band first (KEP-3668), so a Service created without a nodePort may ' +
            `already hold it; pick a port in ${options.range.start}-${bandEnd}.`,
        location: service.nodePortLocation ?? service.location,
        object: service.object,
        key: `${objectKey(service.object)}/band/${nodePort}/${service.protocol}`,
        severity: 'notice'
    };
}

/** `shop/web`, `web` without a namespace: how one Service is named in manifests and messages. */
/**
 * The Service a manifest declares, whatever file it is in: a base and its overlay, or one folder
 * per environment, declare the same Service again and never conflict with themselves.
 */
function serviceIdentity(object) {
    return `${object.namespace}\0${object.name}`;
}
/** A Service selector: every key/value must be among the pod's labels. */
function selectorMatches(selector, labels) {
    return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
/**
 * A manifest without `metadata.namespace` lands in the namespace it is applied to, `default`
 * unless told otherwise, and so does the pod template next to it: unset and `default` are one
 * namespace on both sides, or a Service and its Deployment in one file would never match.
 */
function namespaceOf(namespace) {
    return namespace || 'default';
}
/**
 * The pod templates a Service selector matches, looked up by namespace and label instead of
 * compared with every template: a monorepo holds thousands of Services and templates, and a
 * Service-by-template loop grows with their product.
 */
function podTemplateIndex(templates) {
    const byNamespace = new Map();
    const byLabel = new Map();
    const add = (index, key, template) => {
        const list = index.get(key);
        if (list)
            list.push(template);
        else
            index.set(key, [template]);
    };
    for (const template of templates) {
        const namespace = namespaceOf(template.object.namespace);
        add(byNamespace, namespace, template);
        for (const [key, value] of Object.entries(template.labels)) {
            add(byLabel, `${namespace}\0${key}\0${value}`, template);
        }
    }
    return (namespace, selector) => {
        // The rarest of the selector's labels narrows the candidates; the others are then checked.
        const ns = namespaceOf(namespace);
        let candidates = byNamespace.get(ns) ?? [];
        for (const [key, value] of Object.entries(selector)) {
            const withLabel = byLabel.get(`${ns}\0${key}\0${value}`) ?? [];
            if (withLabel.length < candidates.length)
                candidates = withLabel;
        }
        return candidates.filter((template) => selectorMatches(selector, template.labels));
    };
}
/** metav1.LabelSelector semantics (In, NotIn, Exists, DoesNotExist); `{}` selects everything. */
function labelSelectorMatches(selector, labels) {
    if (!selectorMatches(selector.matchLabels, labels))
        return false;
    return selector.matchExpressions.every(({ key, operator, values }) => {
        const has = Object.hasOwn(labels, key);
        switch (operator) {
            case 'In':
                return has && values.includes(labels[key]);
            case 'NotIn':
                return !has || !values.includes(labels[key]);
            case 'Exists':
                return has;
            case 'DoesNotExist':
                return !has;
            default:
                // An operator the API server would reject: assume it selects, so nothing is reported on it.
                return true;
        }
    });
}
function directoryOf(file) {
    const slash = file.lastIndexOf('/');
    return slash === -1 ? '' : file.slice(0, slash);
}
function isWithin(directory, ancestor) {
    return ancestor === '' || directory === ancestor || directory.startsWith(`${ancestor}/`);
}
/**
 * The candidates that belong with a manifest at `file`: those in the same file, else in the same
 * folder, else in a folder above or below it. A repository holds many deployment units (one
 * folder per example, provider or environment) that reuse labels such as `app: web`; a Service
 * is applied with the pods next to it, not with a sibling folder's. Candidates only in sibling
 * folders are not near.
 */
function nearest(file, candidates, fileOf) {
    const sameFile = candidates.filter((candidate) => fileOf(candidate) === file);
    if (sameFile.length > 0)
        return sameFile;
    const directory = directoryOf(file);
    const sameDirectory = candidates.filter((c) => directoryOf(fileOf(c)) === directory);
    if (sameDirectory.length > 0)
        return sameDirectory;
    return candidates.filter((candidate) => {
        const other = directoryOf(fileOf(candidate));
        return isWithin(other, directory) || isWithin(directory, other);
    });
}

// One nodePort claimed twice. The nodePort allocator (pkg/registry/core/service/portallocator) is
// one bitmap for the whole cluster, keyed by port number alone: a second Service asking for a
// taken port is refused with "provided port is already allocated", whatever the protocols. Inside
// one Service the API server keys nodePorts on (protocol, nodePort) (ValidateService: "Duplicate
// value"), so DNS-style 53/TCP + 53/UDP on one nodePort is fine.
const duplicateNodePort = {
    meta: {
        id: 'duplicate-node-port',
        description: 'One nodePort used by two Services, or twice with one protocol in one Service.',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'one nodePort on two Services, or twice with one protocol in one Service: the API server rejects the second',
                source: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport'
            }
        ]
    },
    options: {},
    check(model, context) {
        const findings = taggedRejections(model, 'duplicate-node-port', (invalid) => `same-service/${invalid.value}`);
        for (const group of claimGroups(model.services, context.scopes)) {
            append(findings, conflictsIn(group));
        }
        return findings;
    }
};
/** Service ports with a nodePort, grouped by scope and port number. */
function claimGroups(services, scopes) {
    const groups = new Map();
    for (const service of services) {
        if (service.nodePort === undefined)
            continue;
        const scope = scopes.nodeScopes.find((each) => matchesAnyGlob(service.location.file, each.paths));
        const key = `${scope?.name ?? ''}\0${service.nodePort}`;
        const list = groups.get(key) ?? [];
        list.push(service);
        groups.set(key, list);
    }
    return [...groups.values()];
}
/**
 * The first Service (in file order) keeps the port; every port of every other Service in the
 * group is reported against it. Declarations of the same Service (base and overlay) are one
 * claimant.
 */
function conflictsIn(claims) {
    const group = [...claims].sort((a, b) => compareLocations(a.location, b.location));
    const owners = new Map();
    for (const port of group) {
        const identity = serviceIdentity(port.object);
        if (!owners.has(identity))
            owners.set(identity, port);
    }
    if (owners.size < 2)
        return [];
    const [first] = owners.values();
    const holder = first;
    return group
        .filter((port) => serviceIdentity(port.object) !== serviceIdentity(holder.object))
        .map((port) => {
        const field = port.fieldPath ? `${port.fieldPath}.nodePort: ` : '';
        const protocols = port.protocol === holder.protocol
            ? ''
            : ` (the allocator ignores the protocol: ${port.protocol.toUpperCase()} here, ${holder.protocol.toUpperCase()} there)`;
        return {
            message: `${describeObject(port.object)}: nodePort ${port.nodePort} is already used by ` +
                `${describeObject(holder.object)} at ${shortLocation(holder.nodePortLocation ?? holder.location)}` +
                `${protocols}; the second Service is refused with "${field}Invalid value: ${port.nodePort}: ` +
                'provided port is already allocated". Give one of them another nodePort.',
            location: port.nodePortLocation ?? port.location,
            related: [
                {
                    location: holder.nodePortLocation ?? holder.location,
                    message: `nodePort ${holder.nodePort} of ${describeObject(holder.object)}`
                }
            ],
            object: port.object,
            key: `${objectKey(port.object)}/${port.nodePort}/${port.protocol}/vs/${objectKey(holder.object)}`
        };
    });
}

// The containers of each pod template, and how to name a pod's ports in messages.
function templateKey(object, location) {
    return `${location.file}\0${location.line}\0${location.column}\0${objectKey(object)}`;
}
/** Containers by pod template. */
function containersByTemplate(containers) {
    const index = new Map();
    for (const container of containers) {
        const key = templateKey(container.object, container.podLocation);
        const list = index.get(key) ?? [];
        list.push(container);
        index.set(key, list);
    }
    return (template) => index.get(templateKey(template.object, template.location)) ?? [];
}
/** Containers of one pod, grouped: each pod template is one group, in file order. */
function podsOf(containers) {
    const pods = new Map();
    for (const container of containers) {
        const key = templateKey(container.object, container.podLocation);
        const list = pods.get(key) ?? [];
        list.push(container);
        pods.set(key, list);
    }
    return [...pods.values()].sort((a, b) => compareLocations(a[0].podLocation, b[0].podLocation));
}
/** The containers whose ports Services and the endpoints controller see: not init containers. */
function servingContainers(containers) {
    return containers.filter((c) => c.kind === 'container' || c.kind === 'sidecar');
}
/** `8080/TCP "http"` */
function describeDeclaredPort(port) {
    return `${port.containerPort}/${port.protocol}${port.name ? ` "${port.name}"` : ''}`;
}
/** `8080/TCP "http", 9090/TCP "metrics"`, or `none` — capped for long lists. */
function describeDeclaredPorts(ports, cap = 6) {
    if (ports.length === 0)
        return 'none';
    // A port declared twice (duplicate-container-port's business) is listed once.
    const all = uniq(ports.map(describeDeclaredPort));
    const shown = all.slice(0, cap);
    return all.length > cap ? `${shown.join(', ')}, … (${all.length} in all)` : shown.join(', ');
}

// A Service whose targetPort reaches no container port of the pods it selects. The endpoints
// controller resolves a *named* targetPort per pod (podutil.FindPort: a port of that name and the
// Service port's protocol); a pod without one is left out of the endpoints, and when no selected
// pod has it the Service has no endpoints at all. A *numeric* targetPort is used as it is —
// `ports:` of a container are informational — so an undeclared one is only a notice.
const serviceTargetPort = {
    meta: {
        id: 'service-target-port',
        description: 'A Service targetPort that the pods it selects do not declare, or a selector that matches no pod template.',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'a named targetPort that none of the selected pods declares: the Service has no endpoint for it',
                source: 'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports'
            },
            {
                severity: 'notice',
                when: 'a numeric targetPort the pods do not declare (declaring is optional), or a selector that matches no pod template of the scan (the pods may be made elsewhere)',
                source: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports'
            }
        ]
    },
    options: {},
    check(model) {
        const containersOf = containersByTemplate(model.containers);
        const findings = [];
        const reportedSelectors = new Set();
        const templatesSelectedBy = podTemplateIndex(model.podTemplates);
        // A Service has one entry per port: its templates are looked up once per declaration.
        const selectedBy = new Map();
        for (const service of model.services) {
            if (service.serviceType === 'ExternalName')
                continue;
            if (Object.keys(service.selector).length === 0)
                continue;
            const declaration = `${service.location.file}\0${serviceIdentity(service.object)}\0${describeSelector(service.selector)}`;
            let selected = selectedBy.get(declaration);
            if (selected === undefined) {
                const matching = templatesSelectedBy(service.object.namespace, templateSelector(service.selector));
                selected = nearest(service.location.file, matching, (t) => t.location.file);
                selectedBy.set(declaration, selected);
            }
            if (selected.length === 0) {
                const id = `${service.location.file}\0${serviceIdentity(service.object)}`;
                if (!reportedSelectors.has(id))
                    findings.push(noPodsFinding(service));
                reportedSelectors.add(id);
                continue;
            }
            const pods = selected.map((template) => ({
                template,
                containers: servingContainers(containersOf(template))
            }));
            if (typeof service.targetPort === 'string') {
                append(findings, namedTargetFindings(service, service.targetPort, pods));
            }
            else if (typeof service.targetPort === 'number') {
                const finding = numericTargetFinding(service, service.targetPort, pods);
                if (finding)
                    findings.push(finding);
            }
        }
        return findings;
    }
};
/**
 * Labels a controller adds to the pods it creates, never written in a template: a Service that
 * selects one StatefulSet replica (`statefulset.kubernetes.io/pod-name: redis-0`) still selects
 * pods of that template.
 */
const CONTROLLER_LABELS = new Set([
    'statefulset.kubernetes.io/pod-name',
    'apps.kubernetes.io/pod-index',
    'controller-revision-hash',
    'pod-template-hash',
    'pod-template-generation',
    'controller-uid',
    'batch.kubernetes.io/controller-uid',
    'job-name',
    'batch.kubernetes.io/job-name',
    'rollouts-pod-template-hash'
]);
function templateSelector(selector) {
    return Object.fromEntries(Object.entries(selector).filter(([key]) => !CONTROLLER_LABELS.has(key)));
}
function describeSelector(selector) {
    return Object.entries(selector)
        .sort(([a], [b]) => compareText(a, b))
        .map(([key, value]) => `${key}=${value}`)
        .join(', ');
}
function noPodsFinding(service) {
    const namespace = service.object.namespace ? ` in namespace ${service.object.namespace}` : '';
    return {
        message: `${describeObject(service.object)}: the selector ${describeSelector(service.selector)} matches no pod ` +
            `template${namespace} in this file, its folder, or a folder above or below it, so the Service has no ` +
            'endpoints unless its pods are created elsewhere.',
        location: service.selectorLocation ?? service.location,
        object: service.object,
        key: `${objectKey(service.object)}/selector/${describeSelector(service.selector)}`,
        severity: 'notice'
    };
}
function namedTargetFindings(service, name, pods) {
    const protocol = service.protocol.toUpperCase();
    const findings = [];
    for (const { template, containers } of pods) {
        if (containers.some((container) => container.portsUnknown))
            continue;
        const ports = containers.flatMap((container) => container.ports);
        if (ports.some((port) => port.name === name && port.protocol === protocol))
            continue;
        const otherProtocol = ports.find((port) => port.name === name);
        const why = otherProtocol
            ? `its port "${name}" is ${otherProtocol.protocol}, not ${protocol}`
            : `its ports: ${describeDeclaredPorts(ports)}`;
        const fix = otherProtocol
            ? `Set protocol: ${otherProtocol.protocol} on the Service port, or declare "${name}" for ${protocol} too.`
            : `Name the container port "${name}" or change the targetPort.`;
        findings.push({
            message: `${describeObject(service.object)}: targetPort "${name}" (${protocol}) is not a port of ` +
                `${describeObject(template.object)} (${shortLocation(template.location)}), which the selector ` +
                `${describeSelector(service.selector)} selects (${why}); the endpoints controller leaves its pods out, ` +
                `so traffic to port ${service.port} does not reach them. ${fix}`,
            location: service.targetPortLocation ?? service.location,
            related: [
                {
                    location: template.location,
                    message: `pod template of ${describeObject(template.object)}`
                }
            ],
            object: service.object,
            key: `${objectKey(service.object)}/${service.port}/${service.protocol}/target/${name}/${objectKey(template.object)}`
        });
    }
    return findings;
}
function numericTargetFinding(service, port, pods) {
    const protocol = service.protocol.toUpperCase();
    const containers = pods.flatMap((pod) => pod.containers);
    // Containers that declare no ports say nothing about where they listen: no notice then.
    if (containers.some((c) => c.portsUnknown))
        return undefined;
    const declared = containers.flatMap((c) => c.ports);
    if (declared.length === 0)
        return undefined;
    if (declared.some((each) => each.containerPort === port && each.protocol === protocol)) {
        return undefined;
    }
    const workloads = [...new Set(pods.map((pod) => describeObject(pod.template.object)))].join(', ');
    return {
        message: `${describeObject(service.object)}: targetPort ${port}/${protocol} is not declared by the pods it ` +
            `selects (${workloads}; declared: ${describeDeclaredPorts(declared)}). Declared ports are ` +
            'informational, so this works if the process listens there, but it often means the wrong port.',
        location: service.targetPortLocation ?? service.portLocation ?? service.location,
        object: service.object,
        key: `${objectKey(service.object)}/${service.port}/${service.protocol}/target/${port}`,
        severity: 'notice'
    };
}

// A probe aimed at a port its container does not declare. The kubelet resolves a named probe
// port among the ports of the probe's own container (findPortByName in pkg/kubelet/prober); an
// unknown name fails every probe ("couldn't find port"), so a liveness probe restarts the
// container forever and a readiness probe keeps it out of every Service. A numeric port is used
// as written (declared ports are informational), so an undeclared one is a notice.
const probePort = {
    meta: {
        id: 'probe-port',
        description: 'A liveness, readiness or startup probe on a port its container does not declare.',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'a probe on a named port its container does not declare: the probe can never succeed',
                source: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'
            },
            {
                severity: 'notice',
                when: 'a probe on a numeric port its container does not declare (declaring is optional)',
                source: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports'
            }
        ]
    },
    options: {},
    check(model) {
        const findings = [];
        for (const container of model.containers) {
            if (container.portsUnknown)
                continue;
            for (const probe of container.probes) {
                const finding = typeof probe.port === 'string'
                    ? namedProbeFinding(container, probe, probe.port)
                    : numericProbeFinding(container, probe, probe.port);
                if (finding)
                    findings.push(finding);
            }
        }
        return findings;
    }
};
function where(container, probe) {
    return `${probe.probe} (${probe.handler}) of ${describeObject(container.object, [`${container.kind} "${container.name}"`])}`;
}
function namedProbeFinding(container, probe, name) {
    if (container.ports.some((port) => port.name === name))
        return undefined;
    const consequence = probe.probe === 'livenessProbe'
        ? 'the kubelet cannot resolve it, every probe fails and the container is restarted over and over'
        : probe.probe === 'readinessProbe'
            ? 'the kubelet cannot resolve it, every probe fails and the pod never becomes ready'
            : 'the kubelet cannot resolve it, the startup probe never succeeds and the container is killed';
    return {
        message: `${where(container, probe)}: port "${name}" is not a port name of this container ` +
            `(its ports: ${describeDeclaredPorts(container.ports)}); ${consequence}. Name the container port "${name}" or probe a declared one.`,
        location: probe.location,
        object: container.object,
        key: `${objectKey(container.object)}/${container.name}/${probe.probe}/${probe.handler}/${name}`
    };
}
function numericProbeFinding(container, probe, port) {
    // A container that declares no ports says nothing about where it listens.
    if (container.ports.length === 0)
        return undefined;
    if (container.ports.some((each) => each.containerPort === port))
        return undefined;
    return {
        message: `${where(container, probe)}: port ${port} is not declared by this container ` +
            `(its ports: ${describeDeclaredPorts(container.ports)}). Declared ports are informational, so the probe ` +
            'works if the process listens there, but it often means a port that was changed in one place only.',
        location: probe.location,
        object: container.object,
        key: `${objectKey(container.object)}/${container.name}/${probe.probe}/${probe.handler}/${port}`,
        severity: 'notice'
    };
}

// An Ingress backend naming a port its Service does not have. The ingress controller resolves
// `service.port.number` / `.name` (v1beta1: `servicePort`) against the Service's `ports[].port` and
// `ports[].name`; a miss leaves the path without upstreams (ingress-nginx answers 503, others 404).
// Only Services in the scan are checked: one declared elsewhere may well have the port. The
// Service declaration nearest to the Ingress is the one it is applied with (same file, folder, a
// folder above or below); another folder's Service of the same name is another deployment.
const ingressBackendPort = {
    meta: {
        id: 'ingress-backend-port',
        description: 'An Ingress backend naming a port that its Service (in the scan) does not have.',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'an Ingress backend naming a port its Service (in the scan) does not have: the route has no backend',
                source: 'https://kubernetes.io/docs/concepts/services-networking/ingress/'
            }
        ]
    },
    options: {},
    check(model) {
        const servicesByIdentity = new Map();
        for (const port of model.services) {
            const key = serviceIdentity(port.object);
            servicesByIdentity.set(key, [...(servicesByIdentity.get(key) ?? []), port]);
        }
        const findings = [];
        for (const backend of model.ingressBackends) {
            const target = { ...backend.object, name: backend.serviceName };
            const declared = servicesByIdentity.get(serviceIdentity(target)) ?? [];
            const ports = nearest(backend.location.file, declared, (port) => port.location.file);
            if (ports.length === 0 || ports.some((port) => port.portsIncomplete))
                continue;
            const found = typeof backend.port === 'number'
                ? ports.some((port) => port.port === backend.port)
                : ports.some((port) => port.name === backend.port);
            if (found)
                continue;
            const wanted = typeof backend.port === 'number' ? `port ${backend.port}` : `a port named "${backend.port}"`;
            const available = [
                ...new Set(ports.map((port) => `${port.port}${port.name ? ` "${port.name}"` : ''}`))
            ].join(', ');
            findings.push({
                message: `${describeObject(backend.object)}: the backend asks for ${wanted} of Service ${backend.serviceName}, ` +
                    `which has no such port (its ports: ${available}); the ingress controller finds no upstream for this path. ` +
                    'Use one of the Service ports (port number or name), not the container port.',
                location: backend.location,
                related: [
                    { location: ports[0].location, message: `ports of ${describeObject(ports[0].object)}` }
                ],
                object: backend.object,
                key: `${objectKey(backend.object)}/${backend.serviceName}/${backend.port}`
            });
        }
        return findings;
    }
};

// The API server's warnings about the ports of one pod (pkg/api/pod/warnings.go,
// warningsForPodSpecAndMeta), offline and in its words. Every container of the pod is visited
// (init containers, then containers, as pods.VisitContainersWithPath does) and ports are keyed on
// containerPort/protocol:
// - the same hostIP and hostPort again: "duplicate port definition with …";
// - one of them without hostPort: "overlapping port definition with …" (redundant, odd);
// - the same hostPort, one with and one without hostIP: "dangerously ambiguous port definition
//   with …" (which address wins is undefined);
// - a hostIP without a hostPort does nothing: "hostIP set without hostPort: {…}".
/** pods.VisitContainersWithPath order. */
const VISIT_ORDER = {
    initContainer: 0,
    sidecar: 0,
    container: 1,
    ephemeralContainer: 2
};
function inVisitOrder(containers) {
    return [...containers].sort((a, b) => VISIT_ORDER[a.kind] - VISIT_ORDER[b.kind]);
}
const duplicateContainerPort = {
    meta: {
        id: 'duplicate-container-port',
        description: 'Ports of one pod that the API server warns about: duplicate, overlapping or ambiguous definitions, hostIP without hostPort.',
        defaultSeverity: 'warning',
        cases: [
            {
                severity: 'warning',
                when: 'ports of one pod the API server accepts with a warning: duplicate, overlapping or ambiguous definitions, hostIP without hostPort',
                source: 'https://github.com/kubernetes/kubernetes/blob/master/pkg/api/pod/warnings.go'
            }
        ]
    },
    options: {},
    check(model) {
        const findings = [];
        for (const pod of podsOf(model.containers)) {
            for (const finding of podWarnings(inVisitOrder(pod)))
                findings.push(finding);
        }
        return findings;
    }
};
/** `{Name:http HostPort:0 ContainerPort:80 Protocol:TCP HostIP:10.0.0.1}` — Go's %+v of the port. */
function goValue(port) {
    return `{Name:${port.name ?? ''} HostPort:${port.hostPort} ContainerPort:${port.containerPort} Protocol:${port.protocol} HostIP:${port.hostIP}}`;
}
function podWarnings(containers) {
    const findings = [];
    const seen = new Map();
    for (const container of containers) {
        const prefix = `${describeObject(container.object, [`${container.kind} "${container.name}"`])}: `;
        const report = (port, text, kind, other) => {
            findings.push({
                message: `${prefix}${text}${other ? ` (line ${other.location.line})` : ''}`,
                location: port.location,
                ...(other
                    ? {
                        related: [
                            { location: other.location, message: `the other definition, ${other.fieldPath}` }
                        ]
                    }
                    : {}),
                object: container.object,
                key: `${objectKey(container.object)}/${port.fieldPath}/${kind}/${other?.fieldPath ?? ''}`
            });
        };
        for (const port of container.ports) {
            if (port.hostIP !== '' && port.hostPort === 0) {
                report(port, `${port.fieldPath}: hostIP set without hostPort: ${goValue(port)}`, 'host-ip');
            }
            const key = `${port.containerPort}/${port.protocol}`;
            let seenPorts = seen.get(key);
            if (!seenPorts)
                seen.set(key, (seenPorts = new SeenPorts()));
            for (const other of seenPorts.candidates(port)) {
                const kind = classify(port, other);
                if (kind)
                    report(port, `${port.fieldPath}: ${kind} port definition with ${other.fieldPath}`, kind, other);
            }
            seenPorts.add(port);
        }
    }
    return findings;
}
/**
 * The API server compares every pair of a pod's ports with the same containerPort/protocol; a pod
 * with 120,000 ports on one line made that 7 × 10⁹ comparisons and billions of findings. Each
 * port is compared here with the first MAX_PER_KIND earlier definitions of each kind it can have
 * (duplicate, overlapping, dangerously ambiguous), found through indexes: the same findings as
 * the API server for any pod with fewer such definitions, and linear work and output beyond.
 */
const MAX_PER_KIND = 8;
class SeenPorts {
    count = 0;
    order = new Map();
    /** Same hostIP and hostPort ("slot"), in first-seen order of the slots. */
    bySlot = new Map();
    /** hostPort 0, any hostIP. */
    withoutHostPort = [];
    /** By hostPort (not 0): those with a hostIP, and those without. */
    withIP = new Map();
    withoutIP = new Map();
    add(port) {
        this.order.set(port, this.count++);
        keep(this.bySlot, slotOf(port), port);
        if (port.hostPort === 0) {
            if (this.withoutHostPort.length < MAX_PER_KIND)
                this.withoutHostPort.push(port);
        }
        else
            keep(port.hostIP === '' ? this.withoutIP : this.withIP, port.hostPort, port);
    }
    /** The earlier ports `port` is compared with, in the order they were seen. */
    candidates(port) {
        const own = slotOf(port);
        const found = [...(this.bySlot.get(own) ?? [])];
        if (port.hostPort === 0) {
            // Overlapping with every other slot: the first MAX_PER_KIND ports outside its own are among
            // the first MAX_PER_KIND + 1 slots seen.
            const others = [];
            let slots = 0;
            for (const [slot, ports] of this.bySlot) {
                if (slot === own)
                    continue;
                append(others, ports);
                if (++slots > MAX_PER_KIND)
                    break;
            }
            append(found, this.earliest(others));
        }
        else {
            append(found, this.withoutHostPort);
            const ambiguous = (port.hostIP === '' ? this.withIP : this.withoutIP).get(port.hostPort);
            if (ambiguous)
                append(found, ambiguous);
        }
        return this.earliest(found, found.length);
    }
    earliest(ports, limit = MAX_PER_KIND) {
        return ports.sort((a, b) => this.order.get(a) - this.order.get(b)).slice(0, limit);
    }
}
function slotOf(port) {
    return `${port.hostIP}|${port.hostPort}`;
}
function keep(index, key, port) {
    const ports = index.get(key);
    if (!ports)
        index.set(key, [port]);
    else if (ports.length < MAX_PER_KIND)
        ports.push(port);
}
function classify(port, other) {
    if (port.hostIP === other.hostIP && port.hostPort === other.hostPort)
        return 'duplicate';
    if (port.hostPort === 0 || other.hostPort === 0)
        return 'overlapping';
    const oneWithoutIP = (port.hostIP === '') !== (other.hostIP === '');
    if (port.hostPort === other.hostPort && oneWithoutIP)
        return 'dangerously ambiguous';
    return undefined;
}

// Port names as the API server checks them (pkg/apis/core/validation/validation.go) and warns
// about them (pkg/api/pod/warnings.go):
// - a container port name is an IANA service name (IsValidPortName, IANA_SVC_NAME: 1-15
//   characters of [-a-z0-9], at least one letter, no "--", no leading or trailing "-"), unique
//   within its container — errors, found by the loader;
// - a Service port name is a DNS-1123 label (up to 63 characters), required on every port of a
//   Service with more than one, unique within it — errors, found by the loader;
// - the same name in two containers (or sidecars) of one pod is accepted with a warning: a named
//   targetPort or probe then picks the first. That one is found here.
const portName = {
    meta: {
        id: 'port-name',
        description: 'An invalid, missing or repeated port name (IANA names in pods, DNS-1123 labels in Services).',
        defaultSeverity: 'error',
        cases: [
            {
                severity: 'error',
                when: 'an invalid or missing port name the API server rejects (IANA service names in pods, DNS-1123 labels in Services, names on every port of a multi-port Service)',
                source: 'https://kubernetes.io/docs/concepts/services-networking/service/#multi-port-services'
            },
            {
                severity: 'warning',
                when: 'one name on two ports of one pod: accepted, but a named targetPort or probe port then means either',
                source: 'https://github.com/kubernetes/kubernetes/blob/master/pkg/api/pod/warnings.go'
            }
        ]
    },
    options: {},
    check(model) {
        const findings = taggedRejections(model, 'port-name', (invalid) => `${invalid.value}/${invalid.message.split(':')[0]}`);
        for (const pod of podsOf(model.containers))
            append(findings, podWideDuplicates(pod));
        return findings;
    }
};
function podWideDuplicates(pod) {
    const findings = [];
    const first = new Map();
    for (const container of servingContainers(inVisitOrder(pod))) {
        for (const port of container.ports) {
            if (!port.name)
                continue;
            const earlier = first.get(port.name);
            if (!earlier) {
                first.set(port.name, {
                    path: port.fieldPath,
                    container: container.name,
                    line: port.location.line
                });
                continue;
            }
            // Twice in one container is the loader's error (Duplicate value), not this warning.
            if (earlier.container === container.name)
                continue;
            findings.push({
                message: `${describeObject(container.object)}: ${port.fieldPath}: duplicate port name "${port.name}" with ` +
                    `${earlier.path}, services and probes that select ports by name will use ${earlier.path} ` +
                    `(container "${earlier.container}", line ${earlier.line})`,
                location: port.nameLocation ?? port.location,
                object: container.object,
                key: `${objectKey(container.object)}/pod-name/${port.name}/${port.fieldPath}`,
                severity: 'warning'
            });
        }
    }
    return findings;
}

// Pods that declare ports while no NetworkPolicy in the scan selects them. Without a policy
// selecting a pod, Kubernetes allows all ingress to it (a pod is isolated for ingress only once
// some policy selects it), so every pod of the cluster can reach those ports. Off by default:
// many clusters enforce policies from elsewhere (a platform repository, a mesh, Cilium clusterwide
// policies) and this repository cannot tell.
const missingNetworkPolicy = {
    meta: {
        id: 'missing-network-policy',
        description: 'Pods that declare ports with no NetworkPolicy in the scan selecting them (off by default).',
        defaultSeverity: 'notice',
        cases: [
            {
                severity: 'notice',
                when: 'pods that declare ports with no NetworkPolicy of the scan selecting them: they accept traffic from anywhere in the cluster',
                source: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/'
            }
        ],
        enabledByDefault: false
    },
    options: {},
    check(model) {
        const containersOf = containersByTemplate(model.containers);
        const policies = new Map();
        for (const policy of model.networkPolicies) {
            const list = policies.get(policy.object.namespace) ?? [];
            list.push(policy);
            policies.set(policy.object.namespace, list);
        }
        const findings = [];
        for (const template of model.podTemplates) {
            // A hostNetwork pod is not isolated by NetworkPolicies at all: that is a different problem.
            if (template.hostNetwork)
                continue;
            const ports = servingContainers(containersOf(template)).flatMap((c) => c.ports);
            if (ports.length === 0)
                continue;
            const inNamespace = policies.get(template.object.namespace) ?? [];
            if (inNamespace.some((policy) => labelSelectorMatches(policy.podSelector, template.labels))) {
                continue;
            }
            findings.push(toFinding$1(template, inNamespace, describeDeclaredPorts(ports), ports[0].location));
        }
        return findings;
    }
};
function toFinding$1(template, inNamespace, ports, location) {
    const namespace = template.object.namespace
        ? `namespace ${template.object.namespace}`
        : 'its namespace';
    const policies = inNamespace.length === 0
        ? `no NetworkPolicy in ${namespace} is in the scan`
        : inNamespace.length === 1
            ? `the one NetworkPolicy of ${namespace} (${inNamespace[0].object.name}) does not select its pods`
            : `none of the ${inNamespace.length} NetworkPolicies of ${namespace} (${uniq(inNamespace.map((policy) => policy.object.name).sort(compareText)).join(', ')}) selects its pods`;
    return {
        message: `${describeObject(template.object)} declares ports (${ports}) but ${policies}: ` +
            'with no policy selecting a pod, every pod of the cluster can connect to it.',
        location,
        object: template.object,
        key: `${objectKey(template.object)}/network-policy`
    };
}

const RULES = [
    duplicateHostPort,
    privilegedPort,
    privilegedContainerPort,
    portOutOfRange,
    hostNetworkPorts,
    fixedPortWithReplicas,
    unboundInterface,
    unquotedPort,
    hostPortInEphemeralRange,
    invalidPort,
    parseError,
    skippedFile,
    nodePortRange,
    duplicateNodePort,
    serviceTargetPort,
    probePort,
    ingressBackendPort,
    duplicateContainerPort,
    portName,
    missingNetworkPolicy,
    inventoryDrift,
    duplicateKey,
    inputLimit,
    makeInvalidSuppression((id) => ruleById(id) !== undefined)
];
function ruleById(id) {
    return RULES.find((rule) => rule.meta.id === id);
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
    expansionBudget: 1_000,
    maxValueLength: 64 * 1024
};
const ENV_NAMES = {
    expansionBudget: 'PORT_HYGIENE_EXPANSION_BUDGET',
    maxValueLength: 'PORT_HYGIENE_MAX_VALUE_LENGTH'
};
/** The limits with any override from the environment; a value that is not a positive whole number is ignored. */
function limitsFromEnv(env) {
    const limits = { ...DEFAULT_LIMITS };
    for (const key of Object.keys(ENV_NAMES)) {
        const value = positiveInteger(env[ENV_NAMES[key]]);
        if (value !== undefined)
            limits[key] = value;
    }
    return limits;
}
function positiveInteger(text) {
    if (text === undefined || !/^\s*\d+\s*$/.test(text))
        return undefined;
    const value = Number(text);
    return value > 0 && Number.isSafeInteger(value) ? value : undefined;
}

// Compose variable interpolation, as compose-go `template/template.go` does it:
// `$VAR`, `${VAR}`, `${VAR:-default}` (unset or empty), `${VAR-default}` (unset),
// `${VAR:?err}` / `${VAR?err}` (required), `${VAR:+alt}` / `${VAR+alt}` (alternative), `$$` for a
// literal `$`, and defaults that hold further substitutions (`${A:-${B:-80}}`).
// A `$` followed by anything else is kept literally; an unclosed or malformed `${` is an error.
//
// Where Compose would use "" for an unknown variable (with a warning) or fail on a required one,
// we cannot know the value the file will run with, so the result is marked `unresolved` and the
// unknown part is replaced by the caller's placeholder: nothing is reported on a guessed value.
/** The default `maxLength` (limits.ts `maxValueLength`). */
const DEFAULT_MAX_VALUE_LENGTH = 64 * 1024;
const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;
/** Nesting deeper than this is refused, so a hostile value cannot exhaust the stack. */
const MAX_DEPTH = 32;
class TemplateError extends Error {
}
class TooLargeError extends Error {
}
function interpolate(text, lookup, options = {}) {
    if (!text.includes('$'))
        return { value: text, interpolated: false, unresolved: false };
    const state = {
        text,
        pos: 0,
        lookup,
        placeholder: options.placeholder ?? '',
        maxLength: options.maxLength ?? DEFAULT_MAX_VALUE_LENGTH,
        interpolated: false,
        unresolved: false,
        unknownValue: false
    };
    try {
        const value = readUntil(state, undefined, 0);
        return {
            value,
            interpolated: state.interpolated,
            unresolved: state.unresolved,
            ...(state.unknownValue ? { unknownValue: true } : {})
        };
    }
    catch (error) {
        if (error instanceof TooLargeError)
            return { value: state.placeholder, interpolated: true, unresolved: true, tooLarge: true };
        if (!(error instanceof TemplateError))
            throw error;
        return {
            value: text,
            interpolated: false,
            unresolved: false,
            error: `Invalid template: "${text}"${error.message ? ` (${error.message})` : ''}`
        };
    }
}
/** Reads text with substitutions until `stop` (a `}` closing an enclosing `${`), or the end. */
function readUntil(state, stop, depth) {
    let out = '';
    while (state.pos < state.text.length) {
        const char = state.text[state.pos];
        if (stop && char === stop)
            return out;
        if (char !== '$') {
            out += char;
            state.pos++;
            continue;
        }
        out += readDollar(state, depth);
        if (out.length > state.maxLength)
            throw new TooLargeError();
    }
    if (stop)
        throw new TemplateError('missing closing brace');
    return out;
}
function readDollar(state, depth) {
    const next = state.text[state.pos + 1];
    if (next === '$') {
        state.pos += 2;
        return '$';
    }
    if (next === '{') {
        state.pos += 2;
        return readBraced(state, depth + 1);
    }
    if (next !== undefined && NAME_START.test(next)) {
        state.pos++;
        return substitute(state, readName(state));
    }
    // compose-go's pattern does not match a lone `$`: it stays as written.
    state.pos++;
    return '$';
}
function readName(state) {
    const start = state.pos;
    while (state.pos < state.text.length && NAME_CHAR.test(state.text[state.pos]))
        state.pos++;
    return state.text.slice(start, state.pos);
}
function readOperator(state) {
    const rest = state.text.slice(state.pos, state.pos + 2);
    for (const op of [':-', ':?', ':+', '-', '?', '+']) {
        if (rest.startsWith(op)) {
            state.pos += op.length;
            return op;
        }
    }
    return undefined;
}
function readBraced(state, depth) {
    if (depth > MAX_DEPTH)
        throw new TemplateError('nested too deeply');
    const first = state.text[state.pos];
    if (first === undefined || !NAME_START.test(first))
        throw new TemplateError('invalid variable name');
    const name = readName(state);
    if (state.text[state.pos] === '}') {
        state.pos++;
        return substitute(state, name);
    }
    const op = readOperator(state);
    if (!op)
        throw new TemplateError(`unexpected "${state.text[state.pos] ?? ''}" after ${name}`);
    // The operand is read in a scratch state so that an unused default leaves no trace.
    const operand = { ...state, interpolated: false, unresolved: false, unknownValue: false };
    const argument = readUntil(operand, '}', depth);
    state.pos = operand.pos + 1;
    return applyOperator(state, name, op, argument, operand);
}
function applyOperator(state, name, op, argument, operand) {
    const value = state.lookup(name);
    if (value === null)
        return unknownValueOf(state);
    const emptyCounts = op.startsWith(':');
    const missing = value === undefined || (emptyCounts && value === '');
    const useOperand = () => {
        state.interpolated = true;
        state.unresolved ||= operand.unresolved;
        state.unknownValue ||= operand.unknownValue;
        return argument;
    };
    switch (op) {
        case ':-':
        case '-':
            if (missing)
                return useOperand();
            state.interpolated = true;
            return value;
        case ':+':
        case '+':
            if (value === undefined)
                return unknown(state);
            if (missing) {
                state.interpolated = true;
                return '';
            }
            return useOperand();
        case ':?':
        case '?':
            // Compose fails with the message; we cannot tell whether the variable will be set.
            if (missing)
                return unknown(state);
            state.interpolated = true;
            return value;
    }
}
function substitute(state, name) {
    const value = state.lookup(name);
    if (value === null)
        return unknownValueOf(state);
    if (value === undefined)
        return unknown(state);
    state.interpolated = true;
    return value;
}
function unknownValueOf(state) {
    state.unknownValue = true;
    return unknown(state);
}
function unknown(state) {
    state.interpolated = true;
    state.unresolved = true;
    return state.placeholder;
}
/** A lookup over several sources, the first that has the variable wins. */
function lookupFrom(...sources) {
    return (name) => {
        for (const source of sources) {
            const value = source.get(name);
            if (value !== undefined)
                return value;
        }
        return undefined;
    };
}

// Node's own modules that only some runs need, loaded the first time they are used rather than
// at start: `node:crypto` and `node:net` each load dozens of Node's internal modules, and a scan
// that reports nothing needs neither. Node's modules, not copies of them: this only decides when.
/** The module, loaded on the first call (`process.getBuiltinModule` is Node 20.16+; before it, require). */
function builtin(name) {
    const loaded = process.getBuiltinModule?.(name);
    return loaded ?? node_module.createRequire(require('node:url').pathToFileURL(__filename).href)(name);
}

// SHA-256 of a string's UTF-8 bytes, as hex: the fingerprints and identities of findings and the
// keys of Compose environments. `node:crypto` is loaded on the first digest (src/builtin.ts), so
// a scan with nothing to report never loads it.
function sha256Hex(text) {
    return builtin('node:crypto').createHash('sha256').update(text, 'utf8').digest('hex');
}

// The expansion budget of one Compose file (src/limits.ts `expansionBudget`, shared with the
// Kubernetes loader): YAML lets one anchored port list or service be used any number of times
// (`ports: *ports` in a thousand services, `<<: *service`), and `extends` copies a base into every
// service that names it, so a small file could turn into millions of bindings. Every service and
// port reached that way costs one unit; what is written out costs nothing (the file size bounds it).
/** Thrown when a file's budget is spent; loadComposeFile reports it and stops reading the file. */
class ComposeBudgetExceeded extends Error {
    location;
    constructor(location) {
        super('expansion budget exceeded');
        this.location = location;
    }
}
function composeBudget(limit) {
    return { limit, remaining: limit };
}
/** Takes `units` from the budget; `where` is the entry that spent the last of it. */
function spend$1(budget, units, where) {
    if (!budget || units <= 0)
        return;
    budget.remaining -= units;
    if (budget.remaining < 0)
        throw new ComposeBudgetExceeded(where());
}
/**
 * Whether `pair` of `map` is reached through an alias: its value is one, or the pair itself came
 * in through a merge key (`<<: *base`), so it is not one of the map's own items.
 */
function reachedThroughAlias(own, pair) {
    return isAlias(pair.value) || !own.has(pair);
}
function ownItems(map) {
    return new Set(map.items);
}

// `.env` files as compose-go `dotenv` reads them (a godotenv fork):
//   KEY=value            unquoted: trimmed, ` #` starts a comment, `${VAR}` expanded
//   export KEY=value     the `export ` prefix is ignored
//   KEY: value           YAML-ish separator, accepted too
//   KEY='literal'        single quotes: nothing expanded or unescaped
//   KEY="a\nb ${X}"      double quotes: \n \t \r \\ \" \$ unescaped, `${VAR}` expanded, may span lines
//   KEY                  no value: taken from the environment when set there, else skipped
// Expansion sees the keys defined earlier in the same file, then `lookup` (the environment).
// Bounded: a value whose expansion is longer than `maxLength` (keys that double each other) is
// kept as null, "set but unknown", and reported through `onTooLarge`; expansion stops counting
// once the file has produced `maxLength` × 64 characters, so a hostile file cannot take gigabytes.
const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*/;
function parseDotenv(text, lookup = () => undefined, options = {}) {
    const values = new Map();
    const expandLookup = (name) => {
        const own = values.get(name);
        return own !== undefined ? own : lookup(name);
    };
    const maxLength = options.maxLength ?? DEFAULT_MAX_VALUE_LENGTH;
    const budget = { remaining: maxLength * 64 };
    // Set when the last expansion was cut by a limit (not merely derived from an unknown value).
    let cut = false;
    const expandBounded = (value) => {
        const result = interpolate(value, expandLookup, { maxLength });
        const bounded = boundedValue(value, result, budget);
        cut = bounded === null && !result.unknownValue;
        return bounded;
    };
    const source = text.replace(/\r\n?/g, '\n');
    const lineOf = lineFinder(source);
    let pos = 0;
    while (pos < source.length) {
        const lineEnd = indexOrEnd(source, '\n', pos);
        const line = source.slice(pos, lineEnd).trim();
        if (line === '' || line.startsWith('#')) {
            pos = lineEnd + 1;
            continue;
        }
        const entry = readEntry(source, pos, lineEnd, expandBounded, lookup);
        if (entry.key !== undefined && entry.value !== undefined) {
            if (entry.value === null && cut)
                options.onTooLarge?.(entry.key, lineOf(pos));
            cut = false;
            values.set(entry.key, entry.value);
        }
        pos = entry.next;
    }
    return values;
}
/** An expansion past the value limit, or past what the file may still produce, is unknown. */
function boundedValue(written, result, budget) {
    if (result.error)
        return written;
    if (result.tooLarge || result.unknownValue)
        return null;
    if (!result.interpolated)
        return result.value;
    budget.remaining -= result.value.length;
    return budget.remaining < 0 ? null : result.value;
}
/** 1-based line of `pos`; the line starts are computed once, on the first call. */
function lineFinder(source) {
    let starts;
    return (pos) => {
        starts ??= [0, ...[...source.matchAll(/\n/g)].map((match) => match.index + 1)];
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (starts[middle] <= pos)
                low = middle;
            else
                high = middle - 1;
        }
        return low + 1;
    };
}
function readEntry(source, start, lineEnd, expand, environment) {
    let pos = skipSpaces$1(source, start);
    if (source.startsWith('export ', pos))
        pos = skipSpaces$1(source, pos + 'export '.length);
    const keyMatch = KEY.exec(source.slice(pos, lineEnd));
    if (!keyMatch)
        return { next: lineEnd + 1 };
    const key = keyMatch[0];
    pos = skipSpaces$1(source, pos + key.length);
    const separator = source[pos];
    if (pos >= lineEnd || separator === '#')
        return { key, value: environment(key), next: lineEnd + 1 };
    if (separator !== '=' && separator !== ':')
        return { next: lineEnd + 1 };
    pos = skipSpaces$1(source, pos + 1);
    const quote = source[pos];
    if (quote === "'" || quote === '"')
        return readQuoted(source, key, pos, quote, expand);
    const raw = stripInlineComment(source.slice(pos, lineEnd)).trim();
    return { key, value: expand(raw), next: lineEnd + 1 };
}
function readQuoted(source, key, open, quote, expand) {
    let pos = open + 1;
    let raw = '';
    while (pos < source.length && source[pos] !== quote) {
        if (quote === '"' && source[pos] === '\\' && pos + 1 < source.length) {
            raw += source.slice(pos, pos + 2);
            pos += 2;
            continue;
        }
        raw += source[pos];
        pos++;
    }
    // An unterminated quote: godotenv rejects the file; take nothing from this entry.
    if (pos >= source.length)
        return { next: source.length };
    const next = indexOrEnd(source, '\n', pos) + 1;
    if (quote === "'")
        return { key, value: raw, next };
    return { key, value: expand(unescapeDoubleQuoted(raw)), next };
}
function unescapeDoubleQuoted(raw) {
    const escapes = {
        n: '\n',
        t: '\t',
        r: '\r',
        '\\': '\\',
        '"': '"',
        $: '$$'
    };
    return raw.replace(/\\(.)/g, (whole, char) => escapes[char] ?? whole);
}
/** Unquoted values end at ` #` (a `#` after white space, or opening the value); `a#b` keeps its `#`. */
function stripInlineComment(value) {
    const match = /(?:^|\s)#/.exec(value);
    return match ? value.slice(0, match.index) : value;
}
function skipSpaces$1(source, pos) {
    while (source[pos] === ' ' || source[pos] === '\t')
        pos++;
    return pos;
}
function indexOrEnd(source, search, from) {
    const index = source.indexOf(search, from);
    return index === -1 ? source.length : index;
}

const LIST_KEYS = ['ports', 'expose', 'capAdd', 'profiles'];
const SCALAR_KEYS = [
    'networkMode',
    'user',
    'scale',
    'replicas',
    'swarmDeploy',
    'runnable',
    'image'
];
/** `later` merged over `earlier`. The result keeps `later`'s tags, so that it can merge again. */
function mergeDrafts(earlier, later) {
    const merged = {};
    for (const key of LIST_KEYS) {
        const value = mergeField(earlier[key], later[key], (a, b) => [...a, ...b]);
        if (value)
            merged[key] = value;
    }
    for (const key of SCALAR_KEYS) {
        const value = mergeField(earlier[key], later[key], (_a, b) => b);
        if (value)
            merged[key] = value;
    }
    return merged;
}
function mergeField(earlier, later, combine) {
    if (!later)
        return earlier && { ...earlier, mode: 'merge' };
    if (later.mode === 'reset')
        return { mode: 'reset' };
    if (later.mode === 'override' ||
        !earlier ||
        earlier.value === undefined ||
        later.value === undefined) {
        return later.value === undefined ? { mode: later.mode } : { ...later };
    }
    return { ...later, value: combine(earlier.value, later.value) };
}
function finishService(draft) {
    // deploy.replicas wins over scale, as in compose-go.
    const replicasField = draft.replicas?.value !== undefined ? draft.replicas : draft.scale;
    const replicas = replicasField?.value;
    const networkMode = draft.networkMode;
    return {
        ports: uniquePorts(draft.ports?.value ?? []),
        expose: uniqueExposed(draft.expose?.value ?? []),
        ...(networkMode?.value !== undefined ? { networkMode: networkMode.value } : {}),
        ...(networkMode?.value !== undefined && networkMode.location
            ? { networkModeLocation: networkMode.location }
            : {}),
        ...(draft.swarmDeploy?.value ? { swarmDeploy: true } : {}),
        runnable: draft.runnable?.value === true,
        ...(replicasField?.location && replicas !== undefined
            ? { replicasLocation: replicasField.location }
            : {}),
        ...(draft.user?.value !== undefined ? { user: draft.user.value } : {}),
        ...(draft.image?.value !== undefined ? { image: draft.image.value } : {}),
        capAdd: [...new Set(draft.capAdd?.value ?? [])],
        profiles: [...new Set(draft.profiles?.value ?? [])],
        ...(replicas !== undefined ? { replicas } : {})
    };
}
/** The same exposed port in a base and its override is one entry, where it first appears. */
function uniqueExposed(entries) {
    const seen = new Set();
    return entries.filter((entry) => {
        const key = `${entry.ports.start}-${entry.ports.end}/${entry.protocol}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/**
 * compose-go `EnforceUnicity`: identical entries (same host IP, published, target, protocol)
 * collapse into the first one, so `8080:80` in a base and its override is one binding, written
 * where it first appears. Entries that differ in host IP or target are all kept.
 */
function uniquePorts(ports) {
    const kept = new Map();
    // Where the others were written is kept: a fix must not rewrite one of them alone. Pushed, not
    // copied per repeat (a hostile file repeats one entry 100,000 times).
    const again = new Map();
    for (const port of ports) {
        if (!kept.has(port.unicityKey))
            kept.set(port.unicityKey, port);
        else if (again.has(port.unicityKey))
            again.get(port.unicityKey).push(port.location);
        else
            again.set(port.unicityKey, [port.location]);
    }
    return [...kept].map(([key, port]) => {
        const repeats = again.get(key);
        if (!repeats)
            return port;
        return { ...port, alsoWrittenAt: [...(port.alsoWrittenAt ?? []), ...repeats] };
    });
}

// Paths of Compose files: POSIX, relative to the scan root. A path that leaves the root (or is
// absolute) is not followed: `include: ../../elsewhere.yaml` is skipped, never read.
/** The folder of a relative file path ('' for a file at the root). */
function folderOf$1(file) {
    const folder = path$1.posix.dirname(file);
    return folder === '.' ? '' : folder;
}
/** Resolves `target` against `folder`; undefined when the result is absolute or outside the root. */
function resolveInRoot(folder, target) {
    if (target === '' || path$1.posix.isAbsolute(target) || /^[A-Za-z]:[\\/]/.test(target))
        return undefined;
    const joined = path$1.posix.normalize(path$1.posix.join(folder || '.', target.replace(/\\/g, '/')));
    if (joined === '.' || joined === '..' || joined.startsWith('../'))
        return undefined;
    return joined;
}
function joinInRoot(folder, name) {
    return folder ? `${folder}/${name}` : name;
}
/**
 * The main file an override belongs to, by Compose's default names: `compose.override.y(a)ml`
 * goes with `compose.yaml` / `compose.yml`, `docker-compose.override.y(a)ml` with
 * `docker-compose.yml` / `docker-compose.yaml` (compose-go `cli/options.go`, in that order of
 * preference). Undefined when the file is not an override.
 */
function baseCandidatesOf(file) {
    const base = path$1.posix.basename(file);
    const folder = folderOf$1(file);
    const match = /^(docker-compose|compose)\.override\.ya?ml$/.exec(base);
    if (!match)
        return undefined;
    const names = match[1] === 'compose'
        ? ['compose.yaml', 'compose.yml']
        : ['docker-compose.yml', 'docker-compose.yaml'];
    return names.map((name) => joinInRoot(folder, name));
}
/**
 * compose-go `NormalizeProjectName`: lower case, keep only `[a-z0-9_-]`, no leading `_` or `-`.
 */
function normalizeProjectName(name) {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9_-]/g, '')
        .replace(/^[_-]+/, '');
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
/**
 * Long syntax. compose-go casts an interpolated `target` to an integer and turns an integer
 * `published` into a string; a published range is kept as one mapping. The engine rejects what
 * fails here (missing or non-integer target, bad published range, bad host_ip, bad protocol).
 */
function parseLongPortSpec(fields) {
    const protocol = (fields.protocol ?? 'tcp').toLowerCase();
    if (!PROTOCOLS$1.has(protocol))
        return { ok: false, error: `Invalid proto: ${fields.protocol ?? ''}` };
    const hostIP = fields.host_ip ?? '';
    // compose-go validation/validation.go checks host_ip with net.ParseIP.
    if (hostIP !== '' && !isHostIP(hostIP))
        return { ok: false, error: `invalid ip address: ${hostIP}` };
    let published;
    const publishedText = fields.published === undefined ? '' : String(fields.published);
    if (publishedText !== '') {
        const range = parsePortRange(publishedText);
        if (!range.ok)
            return { ok: false, error: `Invalid published port: ${publishedText}` };
        published = range.range;
    }
    if (fields.target === undefined || fields.target === '') {
        return { ok: false, error: "missing mandatory field 'target'" };
    }
    const target = parsePortNumber(String(fields.target));
    if (!target.ok)
        return { ok: false, error: `Invalid target port: ${String(fields.target)}` };
    const mapping = {
        hostIP,
        ...(published ? { published } : {}),
        target: { start: target.value, end: target.value },
        protocol,
        mode: fields.mode || DEFAULT_MODE,
        ...(fields.name ? { name: fields.name } : {})
    };
    return { ok: true, mappings: [mapping] };
}
/**
 * compose-go `override/uncity.go` `portIndexer`: entries are the same when host IP (absent =
 * 0.0.0.0), published, target and protocol are; mode and name do not count.
 */
function unicityKey(mapping) {
    const published = mapping.published ? formatRange(mapping.published) : '';
    const host = mapping.hostIP === '' ? '0.0.0.0' : mapping.hostIP;
    return `${host}|${published}|${formatRange(mapping.target)}|${mapping.protocol}`;
}

// One service of one Compose file, read into a draft: its ports (parsed, with positions in the
// file they are written in), network mode, capabilities, profiles and replicas, each with the
// merge mode its YAML tag asks for. Drafts of several files are merged in merge.ts.
/** Interpolation with the guard's limit; a value past it is reported and comes back unresolved. */
function interpolateGuarded(template, where, reader, placeholder) {
    const result = interpolate(template, reader.lookup, {
        ...(placeholder !== undefined ? { placeholder } : {}),
        ...(reader.guard ? { maxLength: reader.guard.maxLength } : {})
    });
    if (result.tooLarge)
        reader.guard?.tooLarge(where());
    return result;
}
const UNKNOWN = '\u0000';
function readServiceDraft(name, serviceNode, reader) {
    const service = asMap(serviceNode, reader.ctx);
    if (!service)
        return {};
    const { expansion } = reader;
    if (expansion?.aliased)
        spend$1(expansion.budget, 1, () => locate(serviceNode, reader.ctx));
    const own = expansion ? ownItems(service) : undefined;
    const draft = {};
    for (const pair of mapPairs(service, reader.ctx)) {
        const key = keyText(pair.key);
        const mode = mergeModeOf(pair.value, reader.ctx);
        if (key === 'ports') {
            const aliased = !!expansion && (expansion.aliased || reachedThroughAlias(own, pair));
            draft.ports = field(mode === 'reset' ? [] : readPorts(pair, name, reader, service.flow === true, aliased), mode);
        }
        else if (key === 'expose') {
            draft.expose = field(mode === 'reset' ? [] : readExpose(pair.value, reader), mode);
        }
        else if (key === 'network_mode')
            setField(draft, 'networkMode', readString(pair.value, reader), mode, locate(pair.value, reader.ctx));
        else if (key === 'user')
            setField(draft, 'user', readString(pair.value, reader), mode);
        else if (key === 'cap_add')
            draft.capAdd = field(readCapabilities(pair.value, reader), mode);
        else if (key === 'profiles')
            draft.profiles = field(readStringList(pair.value, reader), mode);
        else if (key === 'scale')
            setField(draft, 'scale', readCount(pair.value, reader), mode, locate(pair.value, reader.ctx));
        else if (key === 'deploy')
            readDeploy(draft, pair.value, mode, reader);
        // `image` names the software (unbound-interface's dangerous list); it or `build` makes the
        // service runnable.
        if (key === 'image')
            setField(draft, 'image', readString(pair.value, reader), mode);
        if (key === 'image' || key === 'build')
            draft.runnable = mode === 'reset' ? { mode } : field(true, mode);
    }
    return draft;
}
/** `!reset` and `!override` may sit on the value itself or on the node an alias points to. */
function mergeModeOf(node, ctx) {
    const tags = [node?.tag, resolve(node, ctx)?.tag];
    if (tags.includes('!reset'))
        return 'reset';
    if (tags.includes('!override'))
        return 'override';
    return 'merge';
}
function field(value, mode) {
    return { value, mode };
}
function setField(draft, key, value, mode, location) {
    if (mode === 'reset')
        draft[key] = { mode };
    else if (value !== undefined)
        draft[key] = { value, mode, ...(location ? { location } : {}) };
}
function readDeploy(draft, node, mode, reader) {
    if (mode === 'reset') {
        draft.replicas = { mode };
        return;
    }
    const deploy = asMap(node, reader.ctx);
    if (deploy && isSwarmDeploy(deploy, reader))
        draft.swarmDeploy = { value: true, mode };
    const replicas = deploy ? get(deploy, 'replicas', reader.ctx) : undefined;
    if (replicas === undefined)
        return;
    setField(draft, 'replicas', readCount(replicas, reader), mergeModeOf(replicas, reader.ctx), locate(replicas, reader.ctx));
}
/**
 * `deploy` keys only Swarm acts on (`docker stack deploy`); Compose ignores them. A service
 * written with them is meant for a Swarm stack, where published ports go through the routing
 * mesh and replicas do not compete for them.
 */
const SWARM_DEPLOY_KEYS = ['placement', 'update_config', 'rollback_config', 'endpoint_mode'];
function isSwarmDeploy(deploy, reader) {
    if (SWARM_DEPLOY_KEYS.some((key) => get(deploy, key, reader.ctx) !== undefined))
        return true;
    return readString(get(deploy, 'mode', reader.ctx), reader) === 'global';
}
/** A scalar as text after interpolation; undefined when absent, not a scalar, malformed or unresolved. */
function readString(node, reader) {
    const resolved = resolve(node, reader.ctx);
    if (!isScalar(resolved) || resolved.value === null || resolved.value === undefined)
        return undefined;
    if (typeof resolved.value !== 'string')
        return String(resolved.value);
    const result = interpolateGuarded(resolved.value, () => locate(resolved, reader.ctx), reader);
    return result.error || result.unresolved ? undefined : result.value;
}
function readStringList(node, reader) {
    const seq = asSeq(node, reader.ctx);
    if (!seq)
        return [];
    const values = [];
    for (const item of seq.items) {
        const value = readString(item, reader);
        if (value !== undefined && value !== '')
            values.push(value);
    }
    return values;
}
/** Capability names as the engine takes them: case-insensitive, `CAP_` optional. */
function readCapabilities(node, reader) {
    return readStringList(node, reader).map((name) => name.toUpperCase().replace(/^CAP_/, ''));
}
/**
 * `expose:` entries Compose accepts (`port[-port][/protocol]`, after interpolation); one that
 * stays unknown or does not parse is left out (it publishes nothing, so no rule reads it).
 */
function readExpose(node, reader) {
    const seq = asSeq(node, reader.ctx);
    if (!seq)
        return [];
    const entries = [];
    for (const item of seq.items) {
        const text = readString(item, reader)?.trim();
        if (!text)
            continue;
        const { port, proto } = splitProtoPort(text);
        const range = parsePortRange(port);
        if (!range.ok || !/^(tcp|udp|sctp)$/i.test(proto))
            continue;
        entries.push({
            location: locate(item, reader.ctx),
            ports: range.range,
            protocol: proto.toLowerCase()
        });
    }
    return entries;
}
function readCount(node, reader) {
    const text = readString(node, reader);
    if (text === undefined || !/^\d+$/.test(text.trim()))
        return undefined;
    return Number(text.trim());
}
/**
 * Where a block list's content ends: its last item's end. The list's own range does not say the
 * same on both readers: after an empty item below a comment (`- x` / `# c` / `-`) the `yaml`
 * package ends the list at the next key's first character, the block loader at the `-` line, and
 * the host-network-ports fix removed the next key on one path only. A flow list ends at `]`.
 */
function listEnd(list) {
    const last = list.items.at(-1);
    if (list.flow || !last?.range)
        return list;
    return { range: [last.range[0], last.range[1], last.range[1]] };
}
function readPorts(pair, service, reader, inFlowMap, aliased) {
    const value = resolve(pair.value, reader.ctx);
    if (isNullish(value))
        return [];
    if (!isSeq(value)) {
        const raw = isScalar(value) ? String(value.value) : 'a map';
        reader.report({
            location: locate(value, reader.ctx),
            value: raw,
            message: `ports must be a list, not ${raw}`
        }, service);
        return [];
    }
    const key = locate(pair.key, reader.ctx);
    const end = locate(listEnd(value), reader.ctx);
    // In a block map the key and its list are whole lines; in a flow map (`{ ports: [...] }`) they
    // share lines with other keys, so no end is given (nothing may remove "the lines").
    const portsLocation = inFlowMap
        ? { file: key.file, line: key.line, column: key.column }
        : { ...key, endLine: end.endLine, endColumn: end.endColumn };
    const ports = [];
    for (const item of value.items) {
        const read = readPortItem(item, service, reader);
        // An entry reached through an alias costs what it expands to (a range is several ports).
        if (aliased || isAlias(item))
            spend$1(reader.expansion?.budget, Math.max(1, read.length), () => locate(item, reader.ctx));
        for (const port of read)
            ports.push({ ...port, portsLocation });
    }
    return ports;
}
function readPortItem(item, service, reader) {
    // The entry as written (an alias points here, not at its anchor): findings go to this line.
    const location = locate(item, reader.ctx);
    const node = resolve(item, reader.ctx);
    const fail = (raw, message) => {
        reader.report({ location, value: raw, message }, service);
        return [];
    };
    if (isMap(node))
        return readLongPort(node, location, service, reader);
    if (!isScalar(node))
        return fail(String(node ?? ''), 'invalid type for port: expected a string, a number or a map');
    const value = node.value;
    if (typeof value === 'number') {
        // compose-go accepts an integer and parses its decimal form; a float is a type error.
        if (!Number.isInteger(value))
            return fail(String(value), `invalid type float for port: ${value}`);
        return shortPorts(String(value), String(value), location, service, reader);
    }
    if (typeof value !== 'string')
        return fail(String(value), `invalid type for port: ${String(value)}`);
    const ports = shortPorts(value, value, location, service, reader);
    // The written form matters to YAML 1.1 readers (unquoted-port); an alias points elsewhere.
    if (item !== node)
        return ports;
    const scalarStyle = node.type === 'PLAIN' ? 'plain' : 'quoted';
    return ports.map((port) => ({ ...port, scalarStyle }));
}
function shortPorts(written, template, location, service, reader) {
    const text = interpolateGuarded(template, () => location, reader, UNKNOWN);
    const common = {
        location,
        raw: written,
        interpolated: text.interpolated,
        // A host IP from a variable is a choice the operator makes per environment: bound.
        ...(hostIPIsVariable(written) ? { hostIPFromVariable: true } : {})
    };
    if (text.error) {
        reader.report({ location, value: written, message: text.error }, service);
        return [];
    }
    if (text.unresolved)
        return [unresolvedShortPort(text.value, common)];
    const parsed = parseShortPortSpec(text.value);
    if (!parsed.ok) {
        reader.report({ location, value: written, message: portMessage(written, text.value, parsed.error) }, service);
        return [];
    }
    return parsed.mappings.map((mapping) => ({
        ...toComposePort(mapping),
        ...common,
        unresolved: false
    }));
}
/**
 * Whether the IP part of a short spec is written with a variable. Variables are masked first: a
 * default such as `${WEB_PORT:-8080}` holds a colon that is not a separator of the spec.
 */
function hostIPIsVariable(written) {
    const masked = written.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '\u0001');
    return splitParts(masked).ip.includes('\u0001');
}
function portMessage(written, interpolated, error) {
    return written === interpolated ? error : `${error} (from "${written}")`;
}
function toComposePort(mapping) {
    return { ...mapping, unicityKey: unicityKey(mapping) };
}
/**
 * A short spec with an unknown variable: keep the parts that do not depend on it (so a reader of
 * the model still sees `:80`), leave the others undefined, and never report it.
 */
function unresolvedShortPort(text, common) {
    const parts = splitParts(text);
    const { port, proto } = splitProtoPort(parts.containerPort);
    const known = (part) => !part.includes(UNKNOWN);
    const rangeOf = (part) => {
        if (!known(part) || part === '')
            return undefined;
        const range = parsePortRange(part);
        return range.ok ? range.range : undefined;
    };
    const ip = known(parts.ip) ? parts.ip.replace(/^\[(.*)\]$/, '$1') : '';
    const published = rangeOf(parts.hostPort);
    const target = rangeOf(port);
    return {
        hostIP: ip,
        ...(published ? { published } : {}),
        ...(target ? { target } : {}),
        protocol: known(proto) && proto ? proto.toLowerCase() : 'tcp',
        mode: 'ingress',
        ...common,
        unresolved: true,
        unicityKey: `unresolved|${common.raw}`
    };
}
const LONG_FIELDS = ['target', 'published', 'host_ip', 'protocol', 'mode', 'name'];
function readLongPort(map, location, service, reader) {
    const fields = {};
    const nodes = {};
    let interpolated = false;
    let unresolved = false;
    const unknownFields = new Set();
    const written = [];
    for (const pair of mapPairs(map, reader.ctx)) {
        const key = keyText(pair.key);
        const node = resolve(pair.value, reader.ctx);
        written.push(`${key}: ${writtenText(node)}`);
        if (!LONG_FIELDS.includes(key) || !isScalar(node))
            continue;
        nodes[key] = node;
        const value = node.value;
        if (value === null || value === undefined)
            continue;
        if (typeof value === 'string') {
            const text = interpolateGuarded(value, () => locate(node, reader.ctx), reader, UNKNOWN);
            if (text.error) {
                reader.report({ location: locate(node, reader.ctx), value, message: text.error }, service);
                return [];
            }
            interpolated ||= text.interpolated;
            if (text.unresolved) {
                unresolved = true;
                unknownFields.add(key);
                continue;
            }
            fields[key] = text.value;
        }
        else if (typeof value === 'number' || typeof value === 'boolean') {
            fields[key] =
                typeof value === 'number' ? value : String(value);
        }
    }
    const raw = `{${written.join(', ')}}`;
    const hostIPNode = nodes.host_ip;
    const positions = {
        location,
        ...(isScalar(hostIPNode) && String(hostIPNode.value).includes('$')
            ? { hostIPFromVariable: true }
            : {}),
        ...(nodes.published ? { hostPortLocation: locate(nodes.published, reader.ctx) } : {}),
        ...(nodes.target ? { containerPortLocation: locate(nodes.target, reader.ctx) } : {})
    };
    if (unresolved)
        return [unresolvedLongPort(fields, unknownFields, { ...positions, raw, interpolated })];
    const parsed = parseLongPortSpec(fields);
    if (!parsed.ok) {
        reader.report({ location, value: raw, message: parsed.error }, service);
        return [];
    }
    return parsed.mappings.map((mapping) => ({
        ...toComposePort(mapping),
        ...positions,
        raw,
        interpolated,
        unresolved: false
    }));
}
function writtenText(node) {
    if (isScalar(node))
        return typeof node.source === 'string' ? node.source : String(node.value);
    return isMap(node) ? '{…}' : isSeq(node) ? '[…]' : '';
}
function unresolvedLongPort(fields, unknownFields, common) {
    const numberRange = (value) => {
        if (value === undefined)
            return undefined;
        const range = parsePortRange(String(value));
        return range.ok ? range.range : undefined;
    };
    const target = parsePortNumber(String(fields.target ?? ''));
    const published = numberRange(fields.published);
    return {
        hostIP: unknownFields.has('host_ip') ? '' : (fields.host_ip ?? ''),
        ...(published ? { published } : {}),
        ...(target.ok ? { target: { start: target.value, end: target.value } } : {}),
        protocol: (fields.protocol ?? 'tcp').toLowerCase(),
        mode: fields.mode || 'ingress',
        ...(fields.name ? { name: fields.name } : {}),
        ...common,
        unresolved: true,
        unicityKey: `unresolved|${common.raw}`
    };
}

/** A name for each environment a file is interpolated with, so that loads can be reused. */
const environmentKeys = new WeakMap();
let environments = 0;
function environmentKey(lookup) {
    let key = environmentKeys.get(lookup);
    if (key === undefined) {
        key = `environment-${++environments}`;
        environmentKeys.set(lookup, key);
    }
    return key;
}
/** The environment of an included file: the including one, then the include's env files. */
function derivedLookup(parent, envValues) {
    const lookup = (name) => {
        const value = parent(name);
        return value !== undefined ? value : envValues.get(name);
    };
    const digest = sha256Hex(environmentKey(parent) + JSON.stringify([...envValues]));
    environmentKeys.set(lookup, digest);
    return lookup;
}
/** Bounds for hostile input: deeper include or extends chains are cut off. */
const MAX_INCLUDE_DEPTH = 32;
const MAX_EXTENDS_DEPTH = 32;
function loadComposeFile(file, lookup, session, includeStack = []) {
    const cacheKey = `${file}\u0000${environmentKey(lookup)}`;
    const cached = session.loaded.get(cacheKey);
    if (cached)
        return cached;
    const loaded = { services: new Map() };
    const parsed = session.parse(file);
    if (!parsed)
        return loaded;
    session.files.add(file);
    session.loaded.set(cacheKey, loaded);
    const stack = [...includeStack, file];
    const budget = session.expansionBudget === undefined ? undefined : composeBudget(session.expansionBudget);
    for (const { document } of parsed.documents) {
        const ctx = { file, document, lineCounter: parsed.lineCounter };
        const top = asMap(document.contents, ctx);
        if (!top)
            continue;
        for (const included of loadIncludes(top, ctx, lookup, session, stack)) {
            mergeServicesInto(loaded.services, included.services);
        }
        const name = readString(get(top, 'name', ctx), { ctx, lookup, guard: session.guard });
        if (name !== undefined)
            loaded.name = name;
        const servicesPair = getPair(top, 'services', ctx);
        const services = asMap(servicesPair?.value, ctx);
        if (!services)
            continue;
        const allAliased = reachedThroughAlias(ownItems(top), servicesPair);
        const ownPairs = ownItems(services);
        const own = new Map();
        const scope = { file, parsed, ctx, lookup, session, ...(budget ? { budget } : {}) };
        try {
            for (const pair of mapPairs(services, ctx)) {
                const service = keyText(pair.key);
                const aliased = allAliased || reachedThroughAlias(ownPairs, pair);
                own.set(service, loadService(service, pair.value, { ...scope, aliased }, []));
            }
        }
        catch (error) {
            if (!(error instanceof ComposeBudgetExceeded) || !budget)
                throw error;
            // What was read before the budget ran out is kept; the rest of the file is not read.
            mergeServicesInto(loaded.services, own);
            session.limit({
                location: error.location,
                limit: 'expansion-budget',
                message: `Its aliases, merge keys and extends expand into more than ${budget.limit} services ` +
                    'and ports (each use counts): the rest of this file was not checked.'
            });
            break;
        }
        mergeServicesInto(loaded.services, own);
    }
    return loaded;
}
/**
 * Services of a later layer merge over those of the same name; new ones are added. The very same
 * draft arriving again (one include reached by two paths) is taken once, as compose-go takes an
 * identical resource from two includes once.
 */
function mergeServicesInto(target, layer) {
    for (const [name, draft] of layer) {
        const earlier = target.get(name);
        if (earlier === draft)
            continue;
        target.set(name, earlier ? mergeDrafts(earlier, draft) : draft);
    }
}
/** `a` or `[a, b]`, each interpolated; empty and unresolved entries are left out. */
function readTextList(node, reader) {
    const seq = asSeq(node, reader.ctx);
    return (seq ? seq.items : [node])
        .map((item) => readString(item, reader))
        .filter((text) => !!text);
}
/**
 * compose-spec `include`: `- path` or `- {path: a | [a, a-override], project_directory, env_file}`.
 * Paths and env files resolve from the including file's folder; the included file is interpolated
 * with the including environment first, then its env files (default: `.env` in its project
 * directory) for what is still unset (compose-go `ApplyInclude`: `Environment.Merge(envFromFile)`
 * adds only unset keys, "local environment to override included .env").
 */
function loadIncludes(top, ctx, lookup, session, stack) {
    const seq = asSeq(get(top, 'include', ctx), ctx);
    if (!seq || stack.length > MAX_INCLUDE_DEPTH)
        return [];
    const folder = folderOf$1(ctx.file);
    const loaded = [];
    for (const item of seq.items) {
        const entry = readIncludeEntry(item, { ctx, lookup, guard: session.guard }, folder);
        if (!entry)
            continue;
        const paths = entry.paths.filter((path) => !stack.includes(path));
        if (paths.length === 0)
            continue;
        const projectDirectory = entry.projectDirectory ?? folderOf$1(paths[0]);
        const envFiles = entry.envFiles ?? [joinInRoot(projectDirectory, '.env')];
        const envValues = readEnvFiles(envFiles, lookup, session);
        const includedLookup = derivedLookup(lookup, envValues);
        const services = new Map();
        for (const path of paths) {
            mergeServicesInto(services, loadComposeFile(path, includedLookup, session, stack).services);
        }
        loaded.push({ services });
    }
    return loaded;
}
function readIncludeEntry(item, reader, folder) {
    const inRoot = (paths) => paths.map((path) => resolveInRoot(folder, path)).filter((path) => !!path);
    const { ctx } = reader;
    const map = asMap(item, ctx);
    if (!map) {
        const path = readString(item, reader);
        return path ? { paths: inRoot([path]) } : undefined;
    }
    const paths = inRoot(readTextList(get(map, 'path', ctx), reader));
    const directory = readString(get(map, 'project_directory', ctx), reader);
    const envFileNode = get(map, 'env_file', ctx);
    const projectDirectory = directory === undefined ? undefined : resolveInRoot(folder, directory);
    return {
        paths,
        ...(projectDirectory !== undefined ? { projectDirectory } : {}),
        ...(envFileNode !== undefined ? { envFiles: inRoot(readTextList(envFileNode, reader)) } : {})
    };
}
/** Env files in order; a later file's value wins over an earlier one (compose `--env-file`). */
function readEnvFiles(files, lookup, session) {
    const values = new Map();
    const maxLength = session.guard.maxLength;
    for (const file of files) {
        const text = session.readText(file);
        if (text === undefined)
            continue;
        const onTooLarge = (key, line) => session.limit({
            location: { file, line, column: 1 },
            limit: 'value-size',
            message: `${key} expands to more than ${maxLength} characters: its value is unknown here, so nothing that uses it is checked.`
        });
        for (const [key, value] of parseDotenv(text, lookup, { maxLength, onTooLarge }))
            values.set(key, value);
    }
    return values;
}
/**
 * A service with what it `extends` resolved: the base service (same file, or `file:` relative to
 * this one, interpolated with the same environment) is merged under the local definition, as
 * compose-go `ApplyExtends` does per file before overrides are merged.
 */
function loadService(service, node, scope, chain) {
    const { ctx, lookup, session, budget } = scope;
    const local = readServiceDraft(service, node, {
        ctx,
        lookup,
        report: session.report,
        guard: session.guard,
        ...(budget ? { expansion: { budget, aliased: scope.aliased === true } } : {})
    });
    const extendsPair = getPair(asMap(node, ctx), 'extends', ctx);
    const extendsNode = extendsPair && resolve(extendsPair.value, ctx);
    if (extendsNode === undefined)
        return local;
    const target = readExtendsTarget(extendsNode, scope);
    const key = target && `${target.file}#${target.service}`;
    if (!target || !key || chain.includes(key) || chain.length >= MAX_EXTENDS_DEPTH)
        return local;
    // The base is read once (and with no alias of its own), then copied into this service.
    // The chain holds each service once: the first hop adds this service, every hop its base.
    const next = chain.length === 0 ? [`${scope.file}#${service}`, key] : [...chain, key];
    const base = loadExtendedService(target.file, target.service, { ...scope, aliased: false }, next);
    if (!base)
        return local;
    spend$1(budget, base.ports?.value?.length ?? 0, () => locateKey(extendsPair, ctx));
    return mergeDrafts(base, local);
}
function readExtendsTarget(node, scope) {
    const { ctx } = scope;
    const map = asMap(node, ctx);
    if (!map) {
        const service = readString(node, scope);
        return service ? { file: scope.file, service } : undefined;
    }
    const service = readString(get(map, 'service', ctx), scope);
    const fileText = readString(get(map, 'file', ctx), scope);
    if (!service)
        return undefined;
    if (fileText === undefined)
        return { file: scope.file, service };
    const file = resolveInRoot(folderOf$1(scope.file), fileText);
    return file ? { file, service } : undefined;
}
function loadExtendedService(file, service, from, chain) {
    const key = `${file}#${service}\u0000${environmentKey(from.lookup)}`;
    const extended = (from.session.extended ??= new Map());
    if (extended.has(key))
        return extended.get(key);
    const draft = resolveExtendedService(file, service, from, chain);
    extended.set(key, draft);
    return draft;
}
function resolveExtendedService(file, service, from, chain) {
    const parsed = file === from.file ? from.parsed : from.session.parse(file);
    if (!parsed)
        return undefined;
    from.session.files.add(file);
    // The last document that defines the service is the one Compose would see after merging.
    for (const { document } of [...parsed.documents].reverse()) {
        const ctx = { file, document, lineCounter: parsed.lineCounter };
        const services = asMap(get(asMap(document.contents, ctx), 'services', ctx), ctx);
        const pair = services && mapPairs(services, ctx).find((each) => keyText(each.key) === service);
        if (!pair)
            continue;
        return loadService(service, pair.value, { ...from, file, parsed, ctx }, chain);
    }
    return undefined;
}

// Compose projects: which files form one, and the bindings of a loaded project.
//
// A project is a main compose file plus its override in the same folder (what `docker compose`
// loads by default), plus everything they `include` and `extends`. The environment for
// interpolation is the `env` given to the scan, then the `.env` next to the main file (Compose:
// "values set in the shell environment override those set in the .env file"), then defaults.
/**
 * Pairs every override file with the main file of its folder. An override whose main file is
 * not among `files` stands alone (someone runs it with `-f`), and so does every other file.
 */
function planProjects(files) {
    const present = new Set(files);
    const overridesByMain = new Map();
    const mains = [];
    for (const file of files) {
        const base = baseCandidatesOf(file)?.find((candidate) => present.has(candidate));
        if (base)
            overridesByMain.set(base, [...(overridesByMain.get(base) ?? []), file]);
        else
            mains.push(file);
    }
    return mains.map((main) => ({ main, overrides: (overridesByMain.get(main) ?? []).sort() }));
}
/** The default name when nothing else gives one (a compose file at the root of an unnamed scan). */
const FALLBACK_PROJECT_NAME = 'root';
function loadProject(plan, sources, env, options = {}) {
    const folder = folderOf$1(plan.main);
    const environment = env instanceof Map ? env : environmentMap(env);
    const envFiles = options.envFiles ?? [joinInRoot(folder, '.env')];
    // Port problems are buffered: the project name they carry is known once every file is read.
    const pending = [];
    const limitsExceeded = [];
    const limit = (hit) => limitsExceeded.push(hit);
    const maxLength = options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH;
    const session = {
        parse: (file) => sources.parse(file),
        readText: (file) => sources.readText(file),
        report: (invalid, service) => pending.push({ invalid, service }),
        files: new Set(),
        guard: {
            maxLength,
            tooLarge: (location) => limit({
                location,
                limit: 'value-size',
                message: `This value interpolates to more than ${maxLength} characters: it is unknown here, so nothing that depends on it is checked.`
            })
        },
        limit,
        loaded: new Map(),
        expansionBudget: options.expansionBudget ?? DEFAULT_LIMITS.expansionBudget
    };
    const dotenv = readEnvFiles(envFiles, lookupFrom(environment), session);
    const lookup = lookupFrom(environment, dotenv);
    const services = new Map();
    let declaredName;
    for (const file of [plan.main, ...plan.overrides, ...(plan.overlay ? [plan.overlay] : [])]) {
        const loaded = loadComposeFile(file, lookup, session);
        mergeServicesInto(services, loaded.services);
        declaredName = loaded.name ?? declaredName;
    }
    const name = projectName(declaredName, folder, sources.rootName);
    const ref = (service) => ({
        format: 'compose',
        project: name,
        service,
        projectFile: plan.main,
        ...(plan.overlay ? { overlay: plan.overlay } : {})
    });
    const bindings = [];
    const exposedPorts = [];
    let runnable = false;
    for (const [service, draft] of services) {
        const merged = finishService(draft);
        runnable ||= merged.runnable;
        append(bindings, serviceBindings(merged, ref(service)));
        for (const entry of merged.expose)
            exposedPorts.push({ ...entry, object: ref(service) });
    }
    return {
        project: {
            name,
            files: [plan.main, ...[...session.files].filter((file) => file !== plan.main)]
        },
        bindings,
        exposedPorts,
        invalidPorts: pending.map(({ invalid, service }) => ({ ...invalid, object: ref(service) })),
        limitsExceeded,
        runnable
    };
}
/** The shell environment as a map; a scan makes it once for all its projects. */
function environmentMap(env) {
    const map = new Map();
    for (const [key, value] of Object.entries(env))
        if (value !== undefined)
            map.set(key, value);
    return map;
}
/** The `name:` key, else the folder of the main file, normalised as compose-go does. */
function projectName(declared, folder, rootName) {
    const candidates = [declared, folder ? path$1.posix.basename(folder) : rootName];
    for (const candidate of candidates) {
        const normalized = candidate === undefined ? '' : normalizeProjectName(candidate);
        if (normalized)
            return normalized;
    }
    return FALLBACK_PROJECT_NAME;
}
/**
 * `user: uid[:gid]` or `name[:group]`: uid 0 and the name root are root, anything else is not
 * (an unknown name fails at start, which is no port problem). An empty value leaves the
 * image's user.
 */
function runsAsOf(user) {
    const name = user.trim().split(':')[0].trim();
    if (name === '')
        return {};
    return { runsAs: name === 'root' || /^0+$/.test(name) ? 'root' : 'non-root' };
}
function serviceBindings(service, object) {
    return service.ports.map((port) => portBinding(port, service, object));
}
function portBinding(port, service, object) {
    // Docker reads published port 0 as "pick a free port", the same as leaving it out.
    const published = port.published && !(port.published.start === 0 && port.published.end === 0);
    return {
        format: 'compose',
        location: port.location,
        ...(port.hostPortLocation ? { hostPortLocation: port.hostPortLocation } : {}),
        ...(port.containerPortLocation ? { containerPortLocation: port.containerPortLocation } : {}),
        object,
        container: object.service,
        containerKind: 'container',
        hostIP: port.hostIP,
        ...(published ? { hostPort: port.published } : {}),
        ...(port.target ? { containerPort: port.target } : {}),
        protocol: port.protocol,
        ...(port.name ? { name: port.name } : {}),
        hostNetwork: service.networkMode === 'host',
        addedCapabilities: service.capAdd,
        ...(service.user !== undefined ? runsAsOf(service.user) : {}),
        raw: port.raw,
        ...(port.interpolated ? { interpolated: true } : {}),
        ...(port.unresolved ? { unresolved: true } : {}),
        ...(service.replicas !== undefined ? { replicas: service.replicas } : {}),
        ...(service.profiles.length > 0 ? { profiles: service.profiles } : {}),
        mode: port.mode,
        ...(port.scalarStyle ? { scalarStyle: port.scalarStyle } : {}),
        ...(port.hostIPFromVariable ? { hostIPFromVariable: true } : {}),
        ...(port.alsoWrittenAt ? { alsoWrittenAt: port.alsoWrittenAt } : {}),
        ...(port.portsLocation ? { portsLocation: port.portsLocation } : {}),
        ...(service.networkModeLocation ? { networkModeLocation: service.networkModeLocation } : {}),
        ...(service.replicasLocation ? { replicasLocation: service.replicasLocation } : {}),
        ...(service.swarmDeploy ? { swarmDeploy: true } : {}),
        ...(service.image !== undefined ? { image: service.image } : {})
    };
}

// The Compose loader: every discovered Compose file, grouped into projects as `docker compose`
// would load them, turned into PortBindings (format 'compose'), InvalidPorts (what Compose would
// reject) and ComposeProjects.
//
// Choices worth knowing:
// - `expose` publishes nothing on the host (compose-spec: "ports exposed to linked services ...
//   not published to the host machine"): its entries are no bindings, only the inventory lists
//   them (`exposedPorts`).
// - Unpublished ports (`"3000"`, long syntax without `published`, published 0) are bindings
//   without `hostPort`.
// - A binding whose value depends on a variable nobody sets is kept with `unresolved: true`
//   and never turned into an InvalidPort.
// - A file that another project consumes (an override with its base present, an included
//   file, an `extends` base) is not a project of its own.
// - Nothing is dropped in silence: a project whose loading fails, or that includes or extends a
//   file that cannot be read (Compose itself refuses to load it), is a finding on its main file.
function extractCompose(files, fs, env, options = {}) {
    const byFile = new Map(files.map((parsed) => [parsed.file, parsed]));
    // Files reached only through `include` or `extends`, each parsed once (however many projects,
    // services and paths reach it); nobody else reports their duplicate keys.
    const reached = new Map();
    const sources = {
        parse(file) {
            const given = byFile.get(file);
            if (given)
                return given;
            if (!reached.has(file))
                reached.set(file, fs.parse(file));
            return reached.get(file);
        },
        readText: (file) => fs.readText(file),
        ...(fs.rootName ? { rootName: fs.rootName } : {})
    };
    const loaded = [];
    const failures = [];
    // Copied once for all projects (a runner's environment has a hundred variables or more).
    const environment = environmentMap(env);
    for (const plan of planProjects([...byFile.keys()].sort())) {
        const unreadable = new Set();
        const tracked = {
            ...sources,
            parse(file) {
                const parsed = sources.parse(file);
                // A colon marks a remote resource (`oci://…`, a git URL), which Compose fetches.
                if (!parsed && !file.includes(':'))
                    unreadable.add(file);
                return parsed;
            }
        };
        const project = loadSafely(plan.main, failures, () => loadProject(plan, tracked, environment, options));
        if (!project)
            continue;
        loaded.push(project);
        if (unreadable.size > 0)
            failures.push(incompleteProject(plan.main, project, [...unreadable]));
    }
    const consumedLeft = withoutConsumedProjects(loaded);
    const keptMains = new Set(consumedLeft.map((project) => project.project.files[0]));
    const plans = new Map(planProjects([...byFile.keys()].sort()).map((plan) => [plan.main, plan]));
    const { kept, overlays } = splitOverlays(consumedLeft);
    // Each overlay merged over its base, keeping what the overlay's own files bring.
    for (const { overlay, base } of overlays) {
        const plan = { ...plans.get(base.project.files[0]), overlay: overlay.project.files[0] };
        const variant = loadSafely(plan.overlay, failures, () => loadProject(plan, sources, environment, options));
        if (!variant)
            continue;
        const baseFiles = new Set(base.project.files);
        const own = (list) => list.filter((each) => !baseFiles.has(each.location.file));
        markWrittenInOverlay(base, variant, baseFiles);
        kept.push({
            ...variant,
            bindings: own(variant.bindings),
            exposedPorts: own(variant.exposedPorts),
            invalidPorts: own(variant.invalidPorts),
            project: base.project
        });
        base.project.overlays = [...(base.project.overlays ?? []), plan.overlay];
        loaded.push(variant);
    }
    return {
        bindings: kept.flatMap((project) => project.bindings),
        exposedPorts: kept.flatMap((project) => project.exposedPorts),
        invalidPorts: uniqueInvalidPorts(kept.flatMap((project) => project.invalidPorts)),
        composeProjects: [...new Set(kept.map((project) => project.project))],
        limitsExceeded: uniqueLimits(loaded.flatMap((project) => project.limitsExceeded)),
        duplicateKeys: duplicateKeysOf(reached),
        // A consumed file's project is checked as part of the one that reads it.
        parseErrors: failures.filter((failure) => keptMains.has(failure.location.file) || !loadedMain(loaded, failure))
    };
}
/** Compose's default file names, in compose-go's order of preference (`cli/options.go`). */
const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** `compose.prod.yaml`, `docker-compose.ci.yml`: a variant of the base beside it. */
const VARIANT_NAME = /^(?:docker-compose|compose)\.(?!override\.)[^/]+\.ya?ml$/;
/**
 * Overlays are not projects (issue 18): a file none of whose services has an `image` or a
 * `build` cannot run alone, and a `compose.<variant>.yaml` beside a `compose.yaml` is run with
 * it (`-f compose.yaml -f compose.prod.yaml`). Each is merged over its base: the base in its
 * folder, else — for a file that cannot run alone, such as the fragments of an `overrides/`
 * folder — the nearest base in a folder above. An overlay without a base stays a project, so
 * that its ports are still checked.
 */
function splitOverlays(projects) {
    const byMain = new Map(projects.map((project) => [project.project.files[0], project]));
    const baseIn = (folder) => BASE_NAMES.map((name) => byMain.get(folder ? `${folder}/${name}` : name)).find((project) => project?.runnable === true);
    const kept = [];
    const overlays = [];
    for (const project of projects) {
        const main = project.project.files[0];
        const slash = main.lastIndexOf('/');
        let folder = slash === -1 ? '' : main.slice(0, slash);
        const name = main.slice(slash + 1);
        let base = VARIANT_NAME.test(name) ? baseIn(folder) : undefined;
        while (!base && !project.runnable) {
            base = baseIn(folder);
            if (base || folder === '')
                break;
            const up = folder.lastIndexOf('/');
            folder = up === -1 ? '' : folder.slice(0, up);
        }
        if (base && base !== project && !BASE_NAMES.includes(name))
            overlays.push({ overlay: project, base });
        else
            kept.push(project);
    }
    return { kept, overlays };
}
/**
 * A base's entry that the overlay writes again (`8080:80` in both) is one binding, the base's:
 * the base's binding learns where the overlay repeats it (PortBinding.alsoWrittenAt), which only
 * the merged load saw.
 */
function markWrittenInOverlay(base, variant, baseFiles) {
    const repeated = new Map();
    for (const binding of variant.bindings) {
        const elsewhere = binding.alsoWrittenAt?.filter((place) => !baseFiles.has(place.file));
        if (baseFiles.has(binding.location.file) && elsewhere?.length) {
            repeated.set(formatLocation(binding.location), elsewhere);
        }
    }
    if (repeated.size === 0)
        return;
    base.bindings = base.bindings.map((binding) => {
        const elsewhere = repeated.get(formatLocation(binding.location));
        if (!elsewhere)
            return binding;
        return { ...binding, alsoWrittenAt: [...(binding.alsoWrittenAt ?? []), ...elsewhere] };
    });
}
function loadedMain(loaded, failure) {
    return loaded.some((project) => project.project.files[0] === failure.location.file);
}
/**
 * Bad input must cost one project, never the report of the others — and never in silence: the
 * failure becomes a finding on the project's main file that says why.
 */
function loadSafely(main, failures, load) {
    try {
        return load();
    }
    catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        failures.push({
            location: { file: main, line: 1, column: 1 },
            kind: 'compose-project',
            message: `The Compose project of ${main} could not be loaded (${why}); none of its ports were checked.`
        });
        return undefined;
    }
}
/**
 * `docker compose` refuses a project whose `include:` or `extends: file:` names a file it
 * cannot read; the scan checks the rest, and says what it could not see.
 */
function incompleteProject(main, project, files) {
    const names = files.sort().map((file) => `"${file}"`);
    const what = files.length === 1 ? `the file ${names[0]}` : `the files ${names.join(', ')}`;
    return {
        location: { file: main, line: 1, column: 1 },
        kind: 'compose-project',
        message: `Compose project "${project.project.name}" includes or extends ${what}, which could not be ` +
            'read (missing, outside the scan root, not a regular file, or over maxFileSize): ' +
            '`docker compose` refuses to load the project, and the services from there were not checked.'
    };
}
/**
 * Drops a project whose main file another project reads (as include or extends base). When two
 * files pull in each other, the one that sorts first stays, so the ports are still counted once.
 */
function withoutConsumedProjects(projects) {
    const mainOf = (project) => project.project.files[0];
    // Who reads each file other than as its main file: looked up per project, not searched for
    // (a monorepo's thousands of projects made the search quadratic).
    const readersOf = new Map();
    for (const reader of projects) {
        for (const file of reader.project.files.slice(1)) {
            let readers = readersOf.get(file);
            if (!readers)
                readersOf.set(file, (readers = new Set()));
            readers.add(reader);
        }
    }
    const consumes = (reader, main) => readersOf.get(main)?.has(reader) === true;
    return projects.filter((candidate) => {
        const main = mainOf(candidate);
        for (const other of readersOf.get(main) ?? []) {
            if (other === candidate)
                continue;
            if (!consumes(candidate, mainOf(other)) || mainOf(other) < main)
                return false;
        }
        return true;
    });
}
/**
 * The duplicate keys of included and extended files, once per file however many projects read
 * it: Compose rejects such a file wherever it is loaded from, and the model keeps the last value
 * there too (parse/nodes.ts), as in a scanned file.
 */
function duplicateKeysOf(reached) {
    return [...reached.keys()].sort().flatMap((file) => (reached.get(file)?.duplicateKeys ?? []).map((duplicate) => ({
        ...duplicate,
        format: 'compose'
    })));
}
/** A `.env` or value read by several projects is reported once. */
function uniqueLimits(hits) {
    const seen = new Set();
    return hits.filter((hit) => {
        const key = `${hit.location.file}:${hit.location.line}:${hit.location.column}:${hit.message}`;
        return seen.has(key) ? false : (seen.add(key), true);
    });
}
/** A file read by several projects reports its broken ports once. */
function uniqueInvalidPorts(invalidPorts) {
    const seen = new Set();
    return invalidPorts.filter((invalid) => {
        const key = `${invalid.location.file}:${invalid.location.line}:${invalid.location.column}:${invalid.message}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
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
const MAX_PORT$1 = 65535;
/** IsValidPortNum: 1–65535 inclusive; 0 is not a port (callers treat `hostPort: 0` as unset first). */
function isValidPortNum(port) {
    return Number.isInteger(port) && port >= MIN_PORT && port <= MAX_PORT$1;
}
const PORT_RANGE_MESSAGE = `must be between ${MIN_PORT} and ${MAX_PORT$1}, inclusive`;
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

// Per-file work on worker threads, when there are enough files to pay for starting them. Each
// worker loads the scanner once (tens of milliseconds), then takes batches of files as it frees
// up, so a few huge files do not leave the other threads idle. Results come back as plain data
// and in discovery order, whatever thread scanned them.
/**
 * Below these, starting workers costs more than it saves. A worker costs 50–65 ms of CPU to load
 * the scanner (measured on the bench machine), and with the block YAML loader one thread scans a
 * manifest file in about a quarter of a millisecond.
 *
 * On two cores workers never paid once the block YAML loader made parsing cheap: measured end to
 * end on every bench corpus (6,000 manifest files, 26,000 mixed files, the 2,041-file real corpus),
 * one thread beat one or two workers, because the main thread's own share (Compose projects,
 * rules, the report) leaves little for a second core to take and two virtual cores run two
 * threads only about 1.35× faster than one. So workers start only with four cores or more; that
 * threshold was not measured here (docs/performance.md says what was).
 */
const MIN_CORES_FOR_WORKERS = 4;
const MIN_FILES_FOR_WORKERS = 500;
const MIN_BYTES_FOR_WORKERS = 2 * 1024 * 1024;
const MAX_THREADS = 8;
/** A batch: enough work to hide the message round trip, small enough to balance the threads. */
const BATCH_FILES = 64;
const BATCH_BYTES = 512 * 1024;
async function scanFiles(files, options) {
    const { threads: _threads, ...fileOptions } = options;
    const threads = Math.min(options.threads ?? defaultThreads(files), MAX_THREADS);
    const entry = threads > 0 ? workerEntry() : undefined;
    if (!entry || files.length < 2)
        return scanOnThisThread(files, fileOptions);
    return scanOnWorkers(files, fileOptions, Math.min(threads, files.length), entry);
}
/**
 * Compose files last. Their parse is kept for the project loader, and V8, seeing the YAML nodes
 * survive, starts allocating every later file's nodes in its old generation ("pretenuring"), where
 * they are reclaimed far more slowly: scanned first, they made the whole scan a third slower.
 */
function scanOnThisThread(files, options) {
    const results = new Array(files.length);
    const { compose, others } = byComposeName(files);
    for (const index of [...others, ...compose])
        results[index] = scanFile(files[index], options);
    return results;
}
/** Indexes of the Compose files (by name) and of the others, each in discovery order. */
function byComposeName(files) {
    const compose = [];
    const others = [];
    files.forEach((file, index) => (isComposeFileName(file.file) ? compose : others).push(index));
    return { compose, others };
}
function defaultThreads(files) {
    const cores = node_os.availableParallelism();
    if (cores < MIN_CORES_FOR_WORKERS || files.length < MIN_FILES_FOR_WORKERS)
        return 0;
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    return bytes < MIN_BYTES_FOR_WORKERS ? 0 : cores;
}
/**
 * The bundle's worker sits next to it (dist/scan-worker.js). Run from the sources (tests, the
 * bench) the worker is the TypeScript file, loaded through tsx's loader, which a worker must
 * register itself (Node 20 does not carry `--import` hooks into workers). Neither → this thread.
 */
function workerEntry() {
    const bundled = new URL('./scan-worker.js', require('node:url').pathToFileURL(__filename).href);
    if (node_fs.existsSync(node_url.fileURLToPath(bundled)))
        return { script: bundled };
    const source = new URL('./worker.ts', require('node:url').pathToFileURL(__filename).href);
    if (!node_fs.existsSync(node_url.fileURLToPath(source)))
        return undefined;
    let tsx;
    try {
        tsx = undefined('tsx/esm/api');
    }
    catch {
        return undefined;
    }
    const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source.href)}) })`;
    return { script: bootstrap, eval: true };
}
/** The files at `indexes`, in batches; a batch lists indexes into `files`. */
function batchesOf(files, indexes) {
    const batches = [];
    let batch = [];
    let bytes = 0;
    for (const index of indexes) {
        batch.push(index);
        bytes += files[index].size;
        if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
            batches.push(batch);
            batch = [];
            bytes = 0;
        }
    }
    if (batch.length > 0)
        batches.push(batch);
    return batches;
}
/**
 * Batches in flight per worker: the next one is queued while the worker scans the current one, so
 * a worker never waits for this thread to answer.
 */
const IN_FLIGHT = 2;
/** Exported for the tests, which give it a worker that fails. */
async function scanOnWorkers(files, options, threads, entry) {
    // Compose files are scanned here, while the workers scan the rest: the project loader needs
    // their parse in this thread (YAML nodes cannot be sent), and this thread would wait otherwise.
    const { compose: local, others: remote } = byComposeName(files);
    const results = new Array(files.length);
    const batches = batchesOf(files, remote);
    let next = 0;
    // Loaded here: a scan small enough for one thread never pays for the worker machinery.
    const { Worker } = await Promise.resolve().then(function () { return /*#__PURE__*/_interopNamespaceDefault(require('node:worker_threads')); });
    const workers = Array.from({ length: Math.min(threads, batches.length) }, () => {
        return new Worker(entry.script, { eval: entry.eval ?? false });
    });
    try {
        const remoteDone = Promise.all(workers.map((worker) => new Promise((resolve) => {
            // The batches sent to this worker and not answered yet.
            const inFlight = new Set();
            let stopped = false;
            const send = () => {
                while (!stopped && inFlight.size < IN_FLIGHT && next < batches.length) {
                    const id = next++;
                    const batch = {
                        id,
                        files: batches[id].map((index) => files[index]),
                        options
                    };
                    worker.postMessage(batch);
                    inFlight.add(id);
                }
                if (inFlight.size === 0)
                    resolve();
            };
            // A worker that dies (an exception outside a file's own try, running out of memory,
            // exiting) costs the files it held, each a finding of its own; the others carry on,
            // and never a lost report.
            const stop = (reason) => {
                if (stopped)
                    return;
                stopped = true;
                for (const id of inFlight) {
                    for (const index of batches[id]) {
                        results[index] = { scan: failedScan(files[index].file, reason) };
                    }
                }
                inFlight.clear();
                resolve();
            };
            worker.on('message', (result) => {
                if (stopped || !inFlight.delete(result.id))
                    return;
                const indexes = batches[result.id];
                result.scans.forEach((scan, i) => (results[indexes[i]] = { scan }));
                send();
            });
            worker.on('error', (error) => stop(`the scan worker failed: ${error.message}`));
            worker.on('exit', (code) => stop(`the scan worker stopped (exit code ${code})`));
            send();
        })));
        // A few files at a time, so that the workers' messages are answered in between.
        for (let i = 0; i < local.length; i += LOCAL_CHUNK) {
            for (const index of local.slice(i, i + LOCAL_CHUNK)) {
                results[index] = scanFile(files[index], options);
            }
            await new Promise((resolve) => setImmediate(resolve));
        }
        await remoteDone;
        // Batches no worker took (they all stopped) are scanned here.
        for (; next < batches.length; next++) {
            for (const index of batches[next])
                results[index] = scanFile(files[index], options);
        }
    }
    finally {
        await Promise.all(workers.map((worker) => worker.terminate()));
    }
    return results;
}
const LOCAL_CHUNK = 16;

// A finding's fingerprint and identity are SHA-256 digests that only some reports read (JSON,
// SARIF, the pull-request comment, `--base`); the text report reads neither. Computed on first
// read, a scan printed as text hashes nothing, which is a few milliseconds of a small scan's
// start-up (hashing runs interpreted that early). The property stays an own, enumerable data
// property in its place among the others once read, so JSON key order and equality are as if
// it had been set at once.
/**
 * Makes `target[key]` `compute()`, computed on first read. A key already present keeps its place
 * in key order; a new one comes last, as an assignment would put it.
 */
function computeOnRead(target, key, compute) {
    // On `this`, not `target`: a copy made with its descriptors (copyKeepingLazy) settles on itself.
    const settle = (on, value) => {
        Object.defineProperty(on, key, {
            value,
            writable: true,
            enumerable: true,
            configurable: true
        });
        return value;
    };
    Object.defineProperty(target, key, {
        enumerable: true,
        configurable: true,
        get() {
            return settle(this, compute());
        },
        set(value) {
            settle(this, value);
        }
    });
}
/**
 * `{ ...source, ...more }`, except that what is computed on read stays so: a spread reads every
 * property, and a text report, which reads no digest, would load `node:crypto` for one.
 */
function copyKeepingLazy(source, more) {
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(source));
    return Object.assign(copy, more);
}

// Runs every enabled rule over the model, then applies severities, suppressions,
// fingerprints, "one place, one finding" and the one sort order every reporter relies on.
/** How many other objects a merged finding names before it only counts them. */
const MAX_NAMED_OBJECTS = 10;
function runRules(model, config, baseline) {
    const all = [];
    const conflicts = new Map();
    const templates = helmTemplateResolver(model.files.map((file) => file.file));
    for (const rule of RULES) {
        const setting = config.rules[rule.meta.id];
        if (setting?.severity === 'off')
            continue;
        if (setting === undefined && rule.meta.enabledByDefault === false)
            continue;
        const severity = setting?.severity ?? rule.meta.defaultSeverity;
        // The config loader parsed the options with the rule's declaration already.
        const options = setting?.options ?? defaultOptions(rule.options);
        const results = rule.check(model, {
            options,
            ranges: config.ranges,
            scopes: config.scopes,
            ...(baseline ? { baseline } : {})
        });
        for (const result of results) {
            all.push(withHelmTemplate(toFinding(rule.meta.id, severity, result), templates));
            if (result.conflict)
                conflicts.set(result.conflict.id, result.conflict);
        }
    }
    const unique = onePlaceOneFinding(all);
    const { active, suppressed } = applySuppressions(unique, model);
    return {
        findings: sortFindings(active),
        suppressed: sortFindings(suppressed),
        conflicts: [...conflicts.values()].sort((a, b) => compareText(a.id, b.id))
    };
}
function toFinding(ruleId, configured, result) {
    // A rule may lower a finding (a "possible" conflict); a user's severity still caps it, so a
    // rule configured as `warning` never yields an error.
    const severity = result.severity && SEVERITY_ORDER[result.severity] > SEVERITY_ORDER[configured]
        ? result.severity
        : configured;
    const finding = {
        ruleId,
        severity,
        message: result.message,
        location: result.location,
        related: result.related ?? [],
        fingerprint: '',
        key: result.key
    };
    const { file } = result.location;
    const { key } = result;
    computeOnRead(finding, 'fingerprint', () => fingerprint(ruleId, file, key));
    if (result.object)
        finding.object = result.object;
    if (result.fix)
        finding.fix = result.fix;
    if (result.conflict)
        finding.conflict = result.conflict.id;
    return finding;
}
/**
 * `helm template` output names the chart template each document was rendered from
 * (`# Source: web/templates/deployment.yaml`). A finding on such a document keeps its place in the
 * rendered file (where the line and column are true) and gains a related location on the
 * template, so that SARIF (relatedLocations), the text report and the comment lead a reader to
 * the file to edit. The Source path starts at the chart's name; when the repository holds the
 * chart (`charts/web/templates/deployment.yaml`), the related location is that file. Templates
 * cannot be located line by line (they are not the rendered text), so it points at line 1.
 */
function withHelmTemplate(finding, templateOf) {
    const source = finding.object?.format === 'kubernetes' ? finding.object.helmSource : undefined;
    if (!source)
        return finding;
    const file = templateOf(source);
    if (finding.related.some((related) => related.location.file === file))
        return finding;
    return {
        ...finding,
        related: [
            ...finding.related,
            {
                location: { file, line: 1, column: 1 },
                message: `rendered from the Helm template ${source}`
            }
        ]
    };
}
function helmTemplateResolver(files) {
    const cache = new Map();
    return (source) => {
        let file = cache.get(source);
        if (file === undefined) {
            const inRepository = files.filter((each) => each === source || each.endsWith(`/${source}`));
            // The shortest match is the chart itself rather than a vendored copy deeper down.
            file = inRepository.sort((a, b) => a.length - b.length || compareText(a, b))[0] ?? source;
            cache.set(source, file);
        }
        return file;
    };
}
/** No line numbers inside: a finding keeps its identity when lines above it move. */
function fingerprint(ruleId, file, key) {
    return sha256Hex(`${ruleId}\0${file}\0${key}`).slice(0, 32);
}
/**
 * One rule at one place (file, line, column) gives one finding, however many Compose projects
 * or objects reach that place: a service in a file that seventeen projects pull in through
 * `extends` or `include` is one line to fix, so one finding (one SARIF alert, one annotation)
 * that names the other projects. It keeps the message and the fingerprint of the first object
 * (in object order), so its identity does not depend on how many projects share the line.
 */
function onePlaceOneFinding(findings) {
    const byPlace = new Map();
    for (const finding of findings) {
        const { file, line, column } = finding.location;
        const key = `${finding.ruleId}\0${file}\0${line}\0${column}`;
        const list = byPlace.get(key);
        if (list)
            list.push(finding);
        else
            byPlace.set(key, [finding]);
    }
    const result = [];
    for (const list of byPlace.values()) {
        const unique = withoutRepeats(list);
        if (unique.length === 1) {
            result.push(unique[0]);
            continue;
        }
        const keyOf = (finding) => (finding.object ? objectKey(finding.object) : '');
        unique.sort((a, b) => compareText(keyOf(a), keyOf(b)) || compareText(a.message, b.message));
        const firstKey = keyOf(unique[0]);
        const own = unique.filter((finding) => keyOf(finding) === firstKey);
        const others = unique.filter((finding) => keyOf(finding) !== firstKey);
        const names = uniq(others.map((finding) => otherObjectName(finding)));
        const objects = others.map((finding) => finding.object);
        if (names.length > 0)
            own[0] = { ...own[0], message: withOthers(own[0].message, names, objects) };
        append(result, own);
    }
    return result;
}
/** The same finding twice (same rule, file, key, place and message) is one. */
function withoutRepeats(findings) {
    // What the fingerprint digests, without computing it.
    return uniqBy(findings, (finding) => `${finding.ruleId}\0${finding.location.file}\0${finding.key}\0${finding.message}`);
}
/** Compose projects by their main file (project names repeat across alternatives). */
function otherObjectName(finding) {
    const object = finding.object;
    if (!object)
        return finding.message;
    return object.format === 'compose'
        ? `${object.projectFile} (project ${object.project})`
        : describeObject(object);
}
function kind(objects, count) {
    const compose = objects.every((object) => object?.format === 'compose');
    return compose
        ? count === 1
            ? 'Compose project'
            : 'Compose projects'
        : count === 1
            ? 'object'
            : 'objects';
}
function withOthers(message, names, objects) {
    const shown = names.slice(0, MAX_NAMED_OBJECTS);
    const more = names.length > shown.length ? ` and ${names.length - shown.length} more` : '';
    return `${message} The same line is reported for ${names.length} other ${kind(objects, names.length)}: ${shown.join('; ')}${more}.`;
}
/**
 * A comment suppresses findings on its own line and the line below; written above a port entry
 * (`- containerPort: 80` … `hostPort: 80`) it covers the whole entry, wherever in it the finding
 * points. An object annotation suppresses the object's findings. The `invalid-suppression` rule
 * is never suppressed, or a bare `# port-hygiene-ignore invalid-suppression` could hide itself.
 */
function applySuppressions(findings, model) {
    const byLine = new Map();
    for (const comment of model.suppressions) {
        const { line: at } = comment.location;
        for (const line of comment.ownLine === false ? [at] : [at, at + 1]) {
            const key = `${comment.location.file}:${line}`;
            byLine.set(key, [...(byLine.get(key) ?? []), comment]);
        }
    }
    const entriesOf = portEntriesByFile(model);
    const active = [];
    const suppressed = [];
    for (const finding of findings) {
        if (finding.ruleId === 'invalid-suppression') {
            active.push(finding);
            continue;
        }
        const { file, line } = finding.location;
        const lines = [
            line,
            ...(entriesOf.get(file) ?? [])
                .filter((e) => e.start < line && line <= e.end)
                .map((e) => e.start)
        ];
        const comment = lines
            .flatMap((candidate) => byLine.get(`${file}:${candidate}`) ?? [])
            .find((c) => c.rules.includes(finding.ruleId));
        const annotation = finding.object?.format === 'kubernetes' &&
            finding.object.ignore?.rules.includes(finding.ruleId)
            ? finding.object.ignore
            : undefined;
        const by = comment ?? annotation;
        if (by) {
            suppressed.push(copyKeepingLazy(finding, {
                suppressedBy: {
                    kind: comment ? 'comment' : 'annotation',
                    reason: by.reason ?? '',
                    location: by.location
                }
            }));
        }
        else {
            active.push(finding);
        }
    }
    return { active, suppressed };
}
/** The line span of every port entry (container ports, Compose ports, Service ports), per file. */
function portEntriesByFile(model) {
    const entries = new Map();
    for (const { location } of [...model.bindings, ...model.services]) {
        if (location.endLine === undefined || location.endLine <= location.line)
            continue;
        const list = entries.get(location.file) ?? [];
        list.push({ start: location.line, end: location.endLine });
        entries.set(location.file, list);
    }
    return entries;
}
function sortFindings(findings) {
    return [...findings].sort((a, b) => compareLocations(a.location, b.location) ||
        compareText(a.ruleId, b.ruleId) ||
        compareText(a.message, b.message));
}

// Which finding of one commit is which finding of another. A finding's identity is its rule, the
// object it concerns (kind/namespace/name, or Compose project/service), the rule's own key
// (the port tuple: host port, protocol, address, container — never a line) and an occurrence
// index among findings that share all of those. Lines move when someone inserts a comment or
// reorders keys; none of these do.
/** `kubernetes:DaemonSet/monitoring/node-exporter`, `compose:shop/web`; a file for findings about no object. */
function objectIdentity(object, file) {
    if (!object)
        return `file:${file}`;
    return object.format === 'kubernetes'
        ? `kubernetes:${object.kind}/${object.namespace}/${object.name}`
        : `compose:${object.project}/${object.service}`;
}
/** Everything of the identity but the occurrence index. */
function identityStem(finding) {
    return [
        finding.ruleId,
        objectIdentity(finding.object, finding.location.file),
        finding.key ?? finding.fingerprint
    ].join('\0');
}
/**
 * Sets `identity` on every finding. Findings sharing a stem are numbered in file, line, column
 * order; the number is what tells two identical claims of one object apart.
 */
function assignIdentities(findings) {
    const groups = new Map();
    for (const finding of findings) {
        const stem = identityStem(finding);
        const group = groups.get(stem) ?? [];
        group.push(finding);
        groups.set(stem, group);
    }
    for (const [stem, group] of groups) {
        group.sort((a, b) => compareLocations(a.location, b.location) || compareText(a.message, b.message));
        group.forEach((finding, index) => {
            computeOnRead(finding, 'identity', () => identityDigest(stem, index));
        });
    }
}
/** The identity, computed on the spot for a finding that has none yet (hand-built results). */
function identityOf(finding) {
    return finding.identity || identityDigest(identityStem(finding), 0);
}
function identityDigest(stem, occurrence) {
    return sha256Hex(`${stem}\0${occurrence}`).slice(0, 32);
}
/** A binding's host-port claim as an identity across commits (no line); undefined when it claims none. */
function bindingClaimKey(binding) {
    const claim = hostClaim(binding);
    if (!claim)
        return undefined;
    return [
        objectIdentity(binding.object, claim.location.file),
        binding.container,
        binding.hostIP,
        formatRange(claim.ports),
        binding.protocol.toLowerCase()
    ].join('|');
}
/** A Service's nodePort as an identity across commits; undefined without one. */
function nodePortKey(service) {
    if (service.nodePort === undefined)
        return undefined;
    return [
        objectIdentity(service.object, service.location.file),
        service.name ?? '',
        String(service.nodePort),
        service.protocol.toLowerCase()
    ].join('|');
}
/** Every host port and nodePort of a model, keyed as above: the base side of the port map. */
function portClaimKeys(model) {
    return [...model.bindings.map(bindingClaimKey), ...model.services.map(nodePortKey)].filter((key) => key !== undefined);
}

// One-click fixes, computed after the rules ran (a post-pass, so the rules stay pure checks):
// where the fix is mechanical, a finding gets `fix`, the whole line(s) rewritten, which review
// comments offer as a suggestion and the JSON report carries.
//
// - duplicate host port → the next port that no binding or nodePort of the whole scan uses,
//   inside the namespace's, path's or project's allowed range;
// - privileged host port → the first free port ≥ 1024 in that range, else 8080 (8443 for 443);
// - a protocol in the wrong case → `TCP`, `UDP`, `SCTP`.
//
// A fix is only offered when the line holds the value in a form we can rewrite exactly
// (`hostPort: 80`, `- "8080:80"`, `published: 8080`, `protocol: tcp`); an interpolated value
// (`${PORT:-8080}`) or a range gets none.
const FIRST_UNPRIVILEGED = 1024;
const MAX_PORT = 65535;
/**
 * A line longer than this gets no fix and no whole-line suggestion. Fixes rewrite whole lines,
 * so thousands of claims on one generated line (a Pod with 120,000 ports in a flow list) would
 * each quote the line again: output quadratic in the input. No hand-written line is this long.
 */
const MAX_FIX_LINE_LENGTH = 4096;
/** Sets `fix` on the findings that have a mechanical one. Findings are changed in place. */
function attachFixes(findings, context) {
    const claims = claimsByLocation(context.model);
    const used = { ports: usedPorts(context.model), resumeAt: new Map() };
    const rangeOf = rangeResolver(context.ranges, context.model.namespaces);
    // In file order, so that two conflicting claims fixed in one run get different ports.
    const ordered = [...findings].sort((a, b) => compareLocations(a.location, b.location));
    const linesOf = linesByFile(context.textOf);
    for (const finding of ordered) {
        const lines = () => linesOf(finding.location.file);
        if (finding.fix)
            continue;
        if (finding.ruleId === 'invalid-port') {
            const fix = protocolFix(finding, lines());
            if (fix)
                finding.fix = fix;
            continue;
        }
        if (finding.ruleId !== 'duplicate-host-port' && finding.ruleId !== 'privileged-port')
            continue;
        const claim = claims.get(locationKey(finding.location));
        if (!claim || claim.viaHostNetwork || claim.ports.start !== claim.ports.end)
            continue;
        if (claim.binding.interpolated || claim.binding.unresolved)
            continue;
        // The same entry written in another place too (an override): moving one line leaves the other.
        if (claim.binding.alsoWrittenAt)
            continue;
        const range = rangeOf(claim.binding.object, claim.binding.location.file);
        const port = finding.ruleId === 'duplicate-host-port'
            ? nextFree(claim.ports.start + 1, range, used)
            : unprivilegedPort(claim.ports.start, range, used);
        if (port === undefined)
            continue;
        const fix = portFix(claim, port, lines(), range);
        if (!fix)
            continue;
        used.ports.add(port);
        finding.fix = fix;
    }
    // Every fix, a rule's own (a quoted scalar, a prefix, removed lines) or one made here, also as
    // whole lines: the shape a review suggestion needs.
    for (const finding of findings) {
        if (finding.fix)
            widen(finding.fix, linesOf(finding.fix.location.file));
    }
}
/**
 * A file's lines, split once per file however many findings it has: 2,000 DaemonSets on one port
 * in one file are 2,000 findings, and splitting the text again for each was quadratic.
 */
function linesByFile(textOf) {
    const cache = new Map();
    return (file) => {
        if (!cache.has(file))
            cache.set(file, textOf(file)?.split(/\r?\n/));
        return cache.get(file);
    };
}
/**
 * Sets `fix.wholeLines`: the lines the fix touches, as they read after it. A range that ends at
 * the start of a line (removed lines) covers the lines before it, newline included.
 */
function widen(fix, lines) {
    const { line, column } = fix.location;
    const first = fixableLine(lines, line);
    if (first === undefined)
        return;
    const endLine = fix.location.endLine ?? line;
    const endsAtLineStart = fix.location.endColumn === 1 && endLine > line;
    const lastLine = endsAtLineStart ? endLine - 1 : endLine;
    const last = fixableLine(lines, lastLine);
    if (last === undefined)
        return;
    const prefix = first.slice(0, column - 1);
    if (endsAtLineStart) {
        const text = prefix + fix.replacement;
        // The fix consumed the last line's newline: its text must end the same way, or be nothing.
        if (text !== '' && !text.endsWith('\n'))
            return;
        fix.wholeLines = { line, endLine: lastLine, text: text.replace(/\n$/, '') };
        return;
    }
    const endColumn = fix.location.endColumn ?? last.length + 1;
    const text = prefix + fix.replacement + last.slice(endColumn - 1);
    fix.wholeLines = { line, endLine: lastLine, text };
}
/** Line `line` (1-based), or undefined when there is none or it is too long to rewrite. */
function fixableLine(lines, line) {
    const text = lines?.[line - 1];
    return text !== undefined && text.length <= MAX_FIX_LINE_LENGTH ? text : undefined;
}
function locationKey(location) {
    return `${location.file}\0${location.line}\0${location.column}`;
}
function claimsByLocation(model) {
    const claims = new Map();
    for (const binding of model.bindings) {
        const claim = hostClaim(binding);
        if (claim)
            claims.set(locationKey(claim.location), claim);
    }
    return claims;
}
/** Every port any host binding or nodePort of the scan holds, whatever its protocol or host. */
function usedPorts(model) {
    const used = new Set();
    for (const binding of model.bindings) {
        const claim = hostClaim(binding);
        if (!claim)
            continue;
        // A wide range (a port pool) is not worth enumerating port by port beyond a point.
        const end = Math.min(claim.ports.end, claim.ports.start + 4096);
        for (let port = claim.ports.start; port <= end; port++)
            used.add(port);
    }
    for (const service of model.services)
        if (service.nodePort)
            used.add(service.nodePort);
    return used;
}
/** The first free unprivileged port from `from` up, inside the range; wraps to the range's start once. */
function nextFree(from, range, taken) {
    const used = taken.ports;
    const low = Math.max(range?.min ?? FIRST_UNPRIVILEGED, FIRST_UNPRIVILEGED);
    const high = Math.min(range?.max ?? MAX_PORT, MAX_PORT);
    const start = Math.min(Math.max(from, low), high + 1);
    const search = `${start}:${low}:${high}`;
    for (let port = taken.resumeAt.get(search) ?? start; port <= high; port++) {
        if (!used.has(port)) {
            taken.resumeAt.set(search, port);
            return port;
        }
    }
    for (let port = low; port < start; port++)
        if (!used.has(port))
            return port;
    return undefined;
}
/** In a range: its first free port ≥ 1024. Without one: 8443 for 443, else 8080, or the next free above. */
function unprivilegedPort(port, range, used) {
    if (range)
        return nextFree(range.min, range, used);
    return nextFree(port === 443 ? 8443 : 8080, undefined, used);
}
function portFix(claim, port, lines, range) {
    const line = claim.location.line;
    const text = fixableLine(lines, line);
    if (text === undefined)
        return undefined;
    const old = String(claim.ports.start);
    const patterns = claim.binding.format === 'kubernetes'
        ? [new RegExp(`(\\bhostPort\\s*:\\s*["']?)${old}(?![\\d-])`)]
        : [
            new RegExp(`(\\bpublished\\s*:\\s*["']?)${old}(?![\\d-])`),
            // Short syntax: the published port is the number right before `:<target>`, never the
            // end of a range (`9090-9091:8080-8081` is one port of the range each: rewriting 9091
            // would make the ranges differ in length, an entry Compose refuses).
            new RegExp(`((?:^|[\\s"'\\[:]))${old}(?=:\\d)`)
        ];
    const pattern = patterns.find((candidate) => candidate.test(text));
    if (!pattern)
        return undefined;
    const replaced = text.replace(pattern, `$1${port}`);
    const where = range ? ` and inside the range ${range.min}-${range.max} of ${range.what}` : '';
    return wholeLineFix(claim.location.file, line, text, replaced, `Use host port ${port}: no other binding of this scan uses it${where}.`);
}
function protocolFix(finding, lines) {
    const match = /protocol "([^"]+)" must be written "(TCP|UDP|SCTP)"/.exec(finding.message);
    if (!match)
        return undefined;
    const [, written, wanted] = match;
    const line = finding.location.line;
    const text = fixableLine(lines, line);
    if (text === undefined)
        return undefined;
    const pattern = new RegExp(`(\\bprotocol\\s*:\\s*["']?)${escapeRegExp(written)}(?![\\w])`);
    if (!pattern.test(text))
        return undefined;
    return wholeLineFix(finding.location.file, line, text, text.replace(pattern, `$1${wanted}`), `Write the protocol as ${wanted}: Kubernetes only accepts the upper-case spelling.`);
}
function wholeLineFix(file, line, text, replaced, description) {
    return {
        description,
        location: { file, line, column: 1, endLine: line, endColumn: text.length + 1 },
        replacement: replaced
    };
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// One line, one finding: a post-pass over the findings every rule gave (after suppressions,
// identities and fixes), so that what a reviewer reads is one thing to act on per place.
//
// - Copies: a Kubernetes object copied into several rendered files (`deploy/install.yaml` and
//   `deploy/install-ha.yaml` both holding one DaemonSet) gets the same finding in each; they
//   become one, at the first file in path order, with the copies as related locations.
// - One place: several rules at one file, line and column (a Compose `- "22:22"` on the port
//   the host's sshd holds, bound on every interface and claimed twice) become one finding: the
//   most severe first, the others named in its message.
//
// Nothing is lost: every finding merged in is kept whole in `merged`, so the JSON report lists
// every rule id, SARIF writes one result per rule (what code scanning tracks alerts by), and a
// pull request's comparison with its base matches rule by rule (partsOf).
/** How many copies a message names before it only counts them. */
const MAX_NAMED_COPIES = 5;
/** Copies first (one per rule and object), then one finding per place. Sorted as given. */
function mergeFindings(findings, options = {}) {
    const order = options.ruleOrder ?? RULES.map((rule) => rule.meta.id);
    return mergeAtOnePlace(mergeCopies(findings), order);
}
/** Every finding a (possibly merged) finding stands for, each as its rule gave it, primary first. */
function partsOf(finding) {
    const merged = finding.merged;
    if (!merged)
        return [finding];
    return [
        ...partsOf(merged.own),
        ...merged.also.flatMap(partsOf),
        ...merged.copies.flatMap(partsOf)
    ];
}
/** The rule ids of a finding: the primary's, then the others merged into it, each once. */
function ruleIdsOf(finding) {
    return uniq(partsOf(finding).map((part) => part.ruleId));
}
// ── Copies ──────────────────────────────────────────────────────────────────────────────────
/**
 * The same rule, object (kind, namespace, name), key and message (the file's own places left
 * out) in several files. Conflict findings (duplicate-host-port) are never merged: each stands
 * on a claim of its own conflict group, and two claims are two things to move. Compose services
 * and objects without a name are left alone: their identity does not say "the same object".
 */
function mergeCopies(findings) {
    return groupsInOrder(findings, copyKey).flatMap(mergeGroupOfCopies);
}
/**
 * Items grouped by key, groups in the order of their first item; an item without a key is a
 * group of its own.
 */
function groupsInOrder(items, keyOf) {
    const byKey = new Map();
    const groups = [];
    for (const item of items) {
        const key = keyOf(item);
        const group = key === undefined ? undefined : byKey.get(key);
        if (group) {
            group.push(item);
            continue;
        }
        const created = [item];
        if (key !== undefined)
            byKey.set(key, created);
        groups.push(created);
    }
    return groups;
}
function copyKey(finding) {
    const object = finding.object;
    if (object?.format !== 'kubernetes' || !object.name)
        return undefined;
    if (finding.conflict || finding.suppressedBy || finding.merged)
        return undefined;
    return [
        finding.ruleId,
        finding.severity,
        objectIdentity(object, finding.location.file),
        finding.key ?? '',
        withoutOwnPlaces(finding.message, finding.location.file)
    ].join('\0');
}
/** The message with the finding's own file and its lines left out: `a.yaml:12` → `<file>`. */
function withoutOwnPlaces(message, file) {
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return message.replace(new RegExp(`${escaped}(:\\d+){0,2}`, 'g'), '<file>');
}
/** One finding per file (the first); a file with the same finding twice keeps both apart. */
function mergeGroupOfCopies(group) {
    const sorted = [...group].sort((a, b) => compareLocations(a.location, b.location));
    const files = new Set();
    const firstPerFile = [];
    const rest = [];
    for (const finding of sorted) {
        if (files.has(finding.location.file))
            rest.push(finding);
        else {
            files.add(finding.location.file);
            firstPerFile.push(finding);
        }
    }
    if (firstPerFile.length < 2)
        return group;
    const [primary, ...copies] = firstPerFile;
    const places = copies.map((copy) => `${copy.location.file}:${copy.location.line}`);
    const shown = places.slice(0, MAX_NAMED_COPIES);
    const more = places.length > shown.length ? ` and ${places.length - shown.length} more` : '';
    const count = `${copies.length} other ${copies.length === 1 ? 'file' : 'files'}`;
    const merged = copyKeepingLazy(primary, {
        message: `${primary.message} The same object is copied in ${count}, with the same finding: ${shown.join(', ')}${more}.`,
        related: [
            ...primary.related,
            ...copies.map((copy) => ({
                location: copy.location,
                message: 'the same finding on a copy of the object'
            }))
        ],
        merged: { own: primary, also: [], copies }
    });
    return [merged, ...rest];
}
// ── One place ───────────────────────────────────────────────────────────────────────────────
/**
 * Rules at one file, line and column: the most severe is the primary (ties: `order`), and its
 * message names the others. The gate counts the primary's severity, the highest. A fix is the
 * primary's, else the first other rule's that has one: never two, since two edits of one line
 * can break it.
 */
function mergeAtOnePlace(findings, order) {
    const rank = new Map(order.map((id, index) => [id, index]));
    const byRule = (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        (rank.get(a.ruleId) ?? order.length) - (rank.get(b.ruleId) ?? order.length) ||
        compareText(a.ruleId, b.ruleId) ||
        compareText(a.message, b.message);
    const place = ({ location }) => `${location.file}\0${location.line}\0${location.column}`;
    return groupsInOrder(findings, place).flatMap((group) => {
        // Two findings of one rule at one place are two things (two objects on a shared line): the
        // place is merged only when each rule is there once.
        if (group.length < 2 || uniq(group.map((f) => f.ruleId)).length < group.length)
            return group;
        const [primary, ...also] = [...group].sort(byRule);
        return [mergePlace(primary, also)];
    });
}
function mergePlace(primary, also) {
    const names = also.map((other) => `${other.ruleId} (${other.severity})`);
    const fix = primary.fix ?? also.find((other) => other.fix)?.fix;
    return copyKeepingLazy(primary, {
        message: `${primary.message} Also on this line: ${names.join(', ')}.`,
        related: uniqueRelated([...primary.related, ...also.flatMap((other) => other.related)]),
        ...(fix ? { fix } : {}),
        merged: { own: primary, also, copies: [] }
    });
}
function uniqueRelated(related) {
    return uniqBy(related, ({ location, message }) => `${location.file}\0${location.line}\0${location.column}\0${message}`);
}
/**
 * Every fix a finding carries, for `--fix`: its own first (the one a review suggestion offers),
 * then every other rule's and every copy's. `--fix` applies those that do not overlap and leaves
 * the others to its next pass over the rewritten file (src/fix/apply.ts), as it did before the
 * findings were merged.
 */
function fixesOf(finding) {
    const fixes = [finding.fix, ...partsOf(finding).map((part) => part.fix)];
    return uniq(fixes.filter((fix) => fix !== undefined));
}

// The pipeline, in one direction: discover → read + parse → extract → rules → findings.
// Per-file work (read, pre-filter, parse, Kubernetes extraction: src/scan-file.ts) depends on no
// other file and may run on worker threads; Compose projects are assembled afterwards, on this
// thread, because a project spans files (overrides, include, extends, .env).
async function scan(request) {
    const { config } = request;
    const limits = limitsFromEnv(request.env);
    const discovery = await discover({
        root: request.root,
        paths: request.paths,
        include: config.include,
        exclude: config.exclude,
        maxFileSize: config.maxFileSize
    });
    const model = emptyModel();
    append(model.skippedFiles, discovery.skipped);
    const root = discovery.root;
    const threads = request.threads ?? threadsFromEnv(request.env);
    const fileScans = await scanFiles(discovery.files, {
        root,
        maxFileSize: config.maxFileSize,
        expansionBudget: limits.expansionBudget,
        prefilter: request.prefilter ?? true,
        ...(threads === undefined ? {} : { threads })
    });
    const composeFiles = [];
    for (const { scan: result, composeParsed } of fileScans) {
        if (result.skipped) {
            model.skippedFiles.push({ file: result.file, reason: result.skipped });
            continue;
        }
        append(model.parseErrors, result.parseErrors);
        append(model.suppressions, result.suppressions);
        append(model.purposeComments, result.purposeComments);
        append(model.duplicateKeys, result.duplicateKeys);
        model.files.push(result.scanned);
        if (result.kubernetes)
            mergeInto(model, result.kubernetes);
        if (result.composeText !== undefined) {
            composeFiles.push(composeParsed ?? parseYamlFile(result.file, result.composeText));
        }
    }
    if (composeFiles.length > 0) {
        const compose = extractCompose(composeFiles, composeFileSystem(root, composeFiles, config.maxFileSize), request.env, { maxValueLength: limits.maxValueLength, expansionBudget: limits.expansionBudget });
        // An included file that was scanned on its own (as Kubernetes) has its duplicates already.
        const reported = new Set(model.duplicateKeys.map((duplicate) => formatLocation(duplicate.location)));
        compose.duplicateKeys = compose.duplicateKeys?.filter((duplicate) => !reported.has(formatLocation(duplicate.location)));
        mergeInto(model, compose);
    }
    for (const file of request.inventoryFiles ?? []) {
        model.inventoryDocuments.push(readInventoryDocument(request.root, file, config.maxFileSize));
    }
    const { findings, suppressed, conflicts } = runRules(model, config, request.baseline);
    assignIdentities([...findings, ...suppressed]);
    // Fixes quote the lines they change: the few files with a finding are read again, through the
    // guard, rather than every file's text kept (or sent back from the workers). Compose files are
    // at hand already.
    const texts = new Map(composeFiles.map((parsed) => [parsed.file, parsed.text]));
    const textOf = (file) => {
        if (!texts.has(file)) {
            const read = readGuarded(root, file, { maxSize: config.maxFileSize });
            texts.set(file, read.refused === undefined ? read.text : undefined);
        }
        return texts.get(file);
    };
    attachFixes(findings, { model, ranges: config.ranges, textOf });
    // Last, once each rule's finding is whole (suppressed per rule, identified, fixed): one line,
    // one finding; one object copied into several files, one finding.
    return {
        model,
        findings: sortFindings(mergeFindings(findings)),
        suppressed,
        unmatched: discovery.unmatched,
        conflicts
    };
}
/**
 * Compose projects reach files that discovery may not have listed (`.env`, included files in
 * excluded folders): the loader reads those itself, through the same guard (inside the root
 * after links, regular, size-capped), and reuses every Compose file that was already parsed.
 */
function composeFileSystem(root, composeFiles, maxSize) {
    const cache = new Map();
    for (const parsed of composeFiles)
        cache.set(parsed.file, parsed);
    const inside = (relative) => {
        const back = path$1.posix.normalize(relative);
        return back !== '.' && !back.startsWith('../') && !path$1.posix.isAbsolute(back);
    };
    return {
        rootName: path$1.basename(root),
        readText(relative) {
            if (!inside(relative))
                return undefined;
            const read = readGuarded(root, relative, { maxSize });
            return read.refused !== undefined || looksBinary(read.text) ? undefined : read.text;
        },
        parse(relative) {
            if (cache.has(relative))
                return cache.get(relative);
            const text = this.readText(relative);
            const parsed = text === undefined ? undefined : parseYamlFile(relative, text);
            cache.set(relative, parsed);
            return parsed;
        }
    };
}
/** The committed inventory (`inventory-file`), through the same guard as every other file. */
function readInventoryDocument(root, file, maxFileSize) {
    const read = readGuarded(root, file, { maxSize: maxFileSize });
    if (read.refused !== undefined)
        return { file, problem: read.refused };
    return { file, text: read.text };
}
/** `PORT_HYGIENE_THREADS=0` keeps all work on one thread (e.g. on a runner with one core); n sets the number. */
function threadsFromEnv(env) {
    const value = env.PORT_HYGIENE_THREADS?.trim();
    return value && /^\d+$/.test(value) ? Number(value) : undefined;
}
function mergeInto(model, part) {
    for (const key of Object.keys(part)) {
        const items = part[key];
        if (Array.isArray(items))
            append(model[key], items);
    }
}

/** The project's home: SARIF `informationUri`, the JSON report's `tool.informationUri`. */
const REPOSITORY_URL = 'https://github.com/port-hygiene/port-hygiene';
/**
 * Where each rule's page lives, at the release in use (the tag `v<version>` the release
 * workflow pushes): a finding links to the docs of the rule that produced it, not to a `main`
 * that may have moved on. Every rule link (comment, summary, SARIF helpUri, JSON) comes from here.
 */
const DOCS_BASE = `${REPOSITORY_URL}/blob/v${packageJson.version}/docs/rules`;
function docsUrl(ruleId) {
    return `${DOCS_BASE}/${ruleId}.md`;
}

// New, existing, fixed: the pull request's findings against its base's (Semgrep's baseline
// scan), or, when the base cannot be read, against the lines the pull request changed.
/**
 * Pairs each head finding with a base finding of the same identity (rule, object, port tuple;
 * the n-th of a kind with the n-th): first within the same file (a second copy of an object in
 * a new overlay is what is new, not the old one), then across files (a file was renamed or an
 * object moved to another file).
 */
function compareWithBase(head, base) {
    const unmatchedBase = new Set(base);
    const matched = new Set();
    const pass = (keyOf) => {
        const pool = new Map();
        for (const finding of [...unmatchedBase].sort((a, b) => compareLocations(a.location, b.location))) {
            const key = keyOf(finding);
            pool.set(key, [...(pool.get(key) ?? []), finding]);
        }
        for (const finding of [...head].sort((a, b) => compareLocations(a.location, b.location))) {
            if (matched.has(finding))
                continue;
            const candidates = pool.get(keyOf(finding));
            const partner = candidates?.shift();
            if (!partner)
                continue;
            matched.add(finding);
            unmatchedBase.delete(partner);
        }
    };
    pass((finding) => `${identityStem(finding)}\0${finding.location.file}`);
    pass((finding) => identityStem(finding));
    return {
        added: head.filter((finding) => !matched.has(finding)),
        existing: head.filter((finding) => matched.has(finding)),
        fixed: base.filter((finding) => unmatchedBase.has(finding))
    };
}
const existingSets = new WeakMap();
/** `new` unless the change set matched the finding with one of the base. */
function stateOf(change, finding) {
    if (!change)
        return 'new';
    let existing = existingSets.get(change);
    if (!existing) {
        existing = new Set(change.existing);
        existingSets.set(change, existing);
    }
    return existing.has(finding) ? 'existing' : 'new';
}
/**
 * The head's findings once a change set is known: a comparison with the base may split a merged
 * finding into its new and its existing rules. The same array when nothing was split.
 */
function headFindings(findings, change) {
    const inChange = new Set([...change.added, ...change.existing]);
    if (findings.length === inChange.size && findings.every((f) => inChange.has(f)))
        return findings;
    return sortFindings([...inChange]);
}
/**
 * Parts of one state merged again: a head finding whose parts all share the state is kept as
 * it is (the same object, so that reports find it), the others are merged anew.
 */
function regrouper(findings) {
    const holderOf = new Map();
    for (const finding of findings)
        for (const part of partsOf(finding))
            holderOf.set(part, finding);
    return (parts) => {
        const inState = new Set(parts);
        const whole = [];
        const loose = [];
        for (const holder of new Set(parts.map((part) => holderOf.get(part) ?? part))) {
            const own = partsOf(holder);
            const here = own.filter((part) => inState.has(part));
            if (here.length === own.length)
                whole.push(holder);
            else
                append(loose, here);
        }
        return sortFindings([...whole, ...mergeFindings(loose)]);
    };
}

/** 2: the top-level `conflicts` array, `conflict` on findings, possible conflicts reported once per group. */
const JSON_REPORT_SCHEMA_VERSION = 2;
function renderJson(result, options) {
    return stringifyJson(buildJsonReport(result, options));
}
function buildJsonReport(result, options) {
    const change = result.change;
    const findings = result.findings.map((finding) => toJsonFinding(finding, change ? stateOf(change, finding) : null));
    const counts = countBySeverity(result.findings);
    return {
        schemaVersion: JSON_REPORT_SCHEMA_VERSION,
        tool: { name: 'port-hygiene', version: options.toolVersion, informationUri: REPOSITORY_URL },
        configFile: options.configFile ?? null,
        ...(options.repository ? { repository: options.repository } : {}),
        summary: {
            files: countCheckedFiles(result.model.files),
            findings: findings.length,
            errors: counts.error,
            warnings: counts.warning,
            notices: counts.notice,
            suppressed: result.suppressed.length,
            bindings: result.model.bindings.length,
            services: result.model.services.length
        },
        findings,
        suppressed: result.suppressed.map((finding) => toJsonFinding(finding, null)),
        conflicts: result.conflicts.map(toJsonConflict),
        change: change
            ? {
                basis: change.basis,
                baseSha: change.baseSha ?? null,
                note: change.note ?? null,
                new: change.added.length,
                existing: change.existing.length,
                fixed: change.fixed.map((finding) => toJsonFinding(finding, 'fixed')),
                changed: (change.changed ?? []).map(({ finding, now }) => ({
                    finding: toJsonFinding(finding, 'changed'),
                    now: identityOf(now)
                }))
            }
            : null,
        model: buildModel(result.model)
    };
}
function buildModel(model) {
    return {
        files: [...model.files].sort((a, b) => compareText(a.file, b.file)),
        bindings: sortByPosition(model.bindings.map(toJsonBinding)),
        services: sortByPosition(model.services.map(toJsonService)),
        namespaces: [...model.namespaces]
            .sort((a, b) => compareText(a.name, b.name) || compareLocations(a.location, b.location))
            .map((namespace) => ({
            name: namespace.name,
            location: toJsonLocation(namespace.location),
            annotations: namespace.annotations,
            portRange: namespace.portRange
                ? { min: namespace.portRange.min, max: namespace.portRange.max }
                : null
        })),
        composeProjects: [...model.composeProjects].sort((a, b) => compareText(a.files[0] ?? '', b.files[0] ?? '') || compareText(a.name, b.name)),
        skippedFiles: [...model.skippedFiles].sort((a, b) => compareText(a.file, b.file))
    };
}
/** Locations keep only the documented fields, whatever else a rule attached. */
function toJsonLocation(location) {
    const result = { file: location.file, line: location.line, column: location.column };
    if (location.endLine !== undefined)
        result.endLine = location.endLine;
    if (location.endColumn !== undefined)
        result.endColumn = location.endColumn;
    return result;
}
/**
 * A key's place, given without its file: it is the item's. A place in another file (which the
 * extractors never give) is left out rather than written as if it were in the item's file.
 */
function toJsonPosition(location, item) {
    if (!location || location.file !== item.file)
        return null;
    const { file: _file, ...position } = toJsonLocation(location);
    return position;
}
function toJsonFinding(finding, state) {
    return {
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        location: toJsonLocation(finding.location),
        related: finding.related.map((related) => ({
            location: toJsonLocation(related.location),
            message: related.message
        })),
        fingerprint: finding.fingerprint,
        identity: identityOf(finding),
        state,
        helpUri: docsUrl(finding.ruleId),
        object: finding.object ?? null,
        fix: finding.fix
            ? {
                description: finding.fix.description,
                location: toJsonLocation(finding.fix.location),
                replacement: finding.fix.replacement
            }
            : null,
        suppressedBy: finding.suppressedBy
            ? { ...finding.suppressedBy, location: toJsonLocation(finding.suppressedBy.location) }
            : null,
        conflict: finding.conflict ?? null,
        ...mergedParts(finding)
    };
}
/** What a merged finding stands for besides itself: other rules at its place, copies elsewhere. */
function mergedParts(finding) {
    const [, ...others] = partsOf(finding);
    const { file } = finding.location;
    const toPart = (part) => ({
        ruleId: part.ruleId,
        severity: part.severity,
        message: part.message,
        location: toJsonLocation(part.location),
        fingerprint: part.fingerprint,
        identity: identityOf(part),
        helpUri: docsUrl(part.ruleId),
        conflict: part.conflict ?? null
    });
    return {
        ruleIds: ruleIdsOf(finding),
        also: others.filter((part) => part.location.file === file).map(toPart),
        copies: others.filter((part) => part.location.file !== file).map(toPart)
    };
}
function toJsonConflict(group) {
    return {
        id: group.id,
        format: group.format,
        nodeScope: group.nodeScope,
        protocol: group.protocol,
        ports: { ...group.ports },
        certainty: group.certainty,
        members: group.members.map((member) => ({
            file: member.location.file,
            line: member.location.line,
            column: member.location.column,
            object: member.object,
            container: member.container,
            hostIP: member.hostIP,
            ports: { ...member.ports }
        }))
    };
}
function toJsonBinding(binding) {
    return {
        format: binding.format,
        file: binding.location.file,
        line: binding.location.line,
        column: binding.location.column,
        object: binding.object,
        container: binding.container,
        containerKind: binding.containerKind,
        hostIP: binding.hostIP,
        hostPort: binding.hostPort ? { ...binding.hostPort } : null,
        hostPortAt: toJsonPosition(binding.hostPortLocation, binding.location),
        containerPort: binding.containerPort ? { ...binding.containerPort } : null,
        containerPortAt: toJsonPosition(binding.containerPortLocation, binding.location),
        protocol: binding.protocol,
        name: binding.name ?? null,
        hostNetwork: binding.hostNetwork,
        addedCapabilities: [...binding.addedCapabilities],
        raw: binding.raw ?? null,
        interpolated: binding.interpolated ?? false,
        unresolved: binding.unresolved ?? false,
        replicas: binding.replicas ?? null,
        profiles: binding.profiles ?? [],
        mode: binding.mode ?? null
    };
}
function toJsonService(service) {
    return {
        file: service.location.file,
        line: service.location.line,
        column: service.location.column,
        object: service.object,
        serviceType: service.serviceType,
        name: service.name ?? null,
        port: service.port ?? null,
        portAt: toJsonPosition(service.portLocation, service.location),
        targetPort: service.targetPort ?? null,
        targetPortAt: toJsonPosition(service.targetPortLocation, service.location),
        nodePort: service.nodePort ?? null,
        nodePortAt: toJsonPosition(service.nodePortLocation, service.location),
        protocol: service.protocol,
        selector: service.selector
    };
}
function sortByPosition(items) {
    return items.sort(compareLocations);
}

const sgr = (open, close) => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const PLAIN = {
    severity: { error: (t) => t, warning: (t) => t, notice: (t) => t },
    dim: (t) => t,
    bold: (t) => t,
    success: (t) => t
};
const COLORED = {
    severity: { error: sgr(31, 39), warning: sgr(33, 39), notice: sgr(36, 39) },
    dim: sgr(2, 22),
    bold: sgr(1, 22),
    success: sgr(32, 39)
};
function renderText(result, options) {
    const palette = options.color ? COLORED : PLAIN;
    const blocks = groupByFile(result.findings).map((findings) => renderFileGroup(findings, palette, result.change));
    if (result.change && result.change.fixed.length > 0) {
        blocks.push(renderFixed(result.change, palette));
    }
    if (result.change?.changed?.length)
        blocks.push(renderChanged(result.change, palette));
    return [...blocks, renderSummary(result, palette)].join('\n\n') + '\n';
}
/** Findings of the base that this change removed, at their base locations. */
function renderFixed(change, palette) {
    const lines = [
        palette.bold(`Fixed (in the base ${change.baseSha?.slice(0, 7) ?? ''}, gone now):`)
    ];
    for (const finding of change.fixed) {
        lines.push(`  ${clean(formatLocation(finding.location))}  ${clean(finding.message)}  ${palette.dim(`[${finding.ruleId}]`)}`);
    }
    return lines.join('\n');
}
/** Base findings gone in their form but not fixed: a new finding covers their ports now. */
function renderChanged(change, palette) {
    const lines = [
        palette.bold('Changed (gone in this form, not fixed: a new finding covers the ports):')
    ];
    for (const { finding, now } of change.changed ?? []) {
        lines.push(`  ${clean(formatLocation(finding.location))}  ${clean(finding.message)}  ${palette.dim(`[${finding.ruleId}]`)}`, `    ${palette.dim('↳')} now ${clean(formatLocation(now.location))}  ${palette.dim(`[${now.ruleId}]`)}`);
    }
    return lines.join('\n');
}
/** Findings arrive sorted by file, so a group is a run of the same file. */
function groupByFile(findings) {
    const groups = [];
    for (const finding of findings) {
        const last = groups[groups.length - 1];
        if (last && last[0].location.file === finding.location.file)
            last.push(finding);
        else
            groups.push([finding]);
    }
    return groups;
}
function renderFileGroup(findings, palette, change) {
    // Columns are aligned within a file so that messages start at the same place.
    const locations = findings.map((finding) => clean(formatLocation(finding.location)));
    const locationWidth = maxOf(locations.map((text) => text.length));
    const severityWidth = maxOf(findings.map((finding) => finding.severity.length));
    const lines = [];
    findings.forEach((finding, index) => {
        const location = locations[index].padEnd(locationWidth);
        const severity = palette.severity[finding.severity](finding.severity.padEnd(severityWidth));
        // With a base, each line says whether this change brought the finding in.
        const state = change ? `${stateOf(change, finding) === 'new' ? 'new     ' : 'existing'}  ` : '';
        lines.push(`${location}  ${state}${severity}  ${clean(finding.message)}  ${palette.dim(`[${finding.ruleId}]`)}`);
        for (const related of finding.related) {
            const where = clean(formatLocation(related.location));
            lines.push(`    ${palette.dim('↳')} ${where}  ${palette.dim(clean(related.message))}`);
        }
    });
    return lines.join('\n');
}
function renderSummary(result, palette = PLAIN) {
    const counts = countBySeverity(result.findings);
    // The Kubernetes and Compose files: the count the PR comment and the summary give too.
    const files = plural(countCheckedFiles(result.model.files), 'file');
    const suppressed = result.suppressed.length > 0 ? `; ${result.suppressed.length} suppressed` : '';
    if (result.findings.length === 0) {
        return (palette.success(`✔ No port problems in ${files}`) + suppressed + changeSummary(result.change));
    }
    const detail = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.notice, 'notice')}`;
    const headline = `✖ ${plural(result.findings.length, 'problem')} (${detail}) in ${files}`;
    const worst = counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'notice';
    return palette.bold(palette.severity[worst](headline)) + suppressed + changeSummary(result.change);
}
/** `; 1 new, 20 existing, 1 fixed since 1a2b3c4`. */
function changeSummary(change) {
    if (!change)
        return '';
    const since = change.baseSha ? ` since ${change.baseSha.slice(0, 7)}` : '';
    const changed = change.changed?.length ? `, ${change.changed.length} changed` : '';
    return `; ${change.added.length} new, ${change.existing.length} existing, ${change.fixed.length} fixed${changed}${since}`;
}
/** `1 file`, `2 files`; `many` for the irregular ones (`1 finding is`, `2 findings are`). */
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}
/**
 * File names, service names and messages come from the scanned repository: control characters
 * (ANSI escapes, carriage returns, new lines), bidi overrides and lone surrogates are shown
 * escaped (`\u001b`) so that a hostile name cannot repaint the terminal, forge a line of the
 * report or reorder what a reader sees.
 */
const clean = escapeControls;

// The command line: `port-hygiene [paths...]`. Everything lives in runCli(), which takes its
// arguments and its I/O as parameters so that tests drive it directly; only the last lines of
// this file touch the process.
// A plain scan with a text or JSON report loads only what it runs: the subcommands, `--base`
// (git, child processes) and the SARIF and Markdown renderers are loaded when asked for (in the
// bundle they are chunks of their own, dist/chunks/), which keeps them out of every start-up.
const TOOL_VERSION = packageJson.version;
const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;
const FORMATS = ['text', 'json', 'sarif', 'markdown'];
const FAIL_ON = ['error', 'warning', 'never'];
const FAIL_ON_SCOPE = ['new', 'all'];
const USAGE = `Usage: port-hygiene [paths...] [options]
       port-hygiene inventory [paths...] [--write FILE | --check FILE] (see inventory --help)
       port-hygiene policy [--output FILE | --check FILE] (see policy --help)
       port-hygiene fleet REPORT.json... (see fleet --help)

Find port problems in Kubernetes manifests and Docker Compose files.
Paths are files, folders or globs (default: the current folder).

Options:
  -c, --config <file>    config file (default: .github/port-hygiene.yml)
  -f, --format <format>  text | json | sarif | markdown (default: text)
  -o, --output <file>    write the report to a file instead of stdout
      --fail-on <level>  error | warning | never (default: error)
      --base <git-ref>   compare with this commit (read from git objects, with its own
                         config): each finding is new or existing, and fixed ones are listed
      --fail-on-scope <scope>
                         new | all: which findings --fail-on counts
                         (default: new with --base, else all)
      --fix              apply the fixes the review suggests (the file's line endings
                         kept; never through a link or outside the scanned folder), scan
                         again, and report what is left
      --fix-dry-run      print those fixes as a unified diff (git apply takes it) and
                         write nothing; the exit code counts what they would leave
      --color            force colours in text output
      --no-color         no colours (NO_COLOR and FORCE_COLOR are honoured too)
  -v, --version          print the version
  -h, --help             print this help

Exit codes: 0 no findings at or above --fail-on (within --fail-on-scope), 1 findings
(with --fix: those left after fixing), 2 usage or config error (or a --base that git
cannot read).
`;
async function runCli(argv, io) {
    try {
        // A folder named like a subcommand is still scanned as `port-hygiene ./inventory`.
        if (argv[0] === 'inventory') {
            const { runInventoryCommand } = await Promise.resolve().then(function () { return require('./chunks/inventory-command.js'); });
            return await runInventoryCommand(argv.slice(1), io, scanRequested);
        }
        if (argv[0] === 'policy') {
            const { runPolicyCommand } = await Promise.resolve().then(function () { return require('./chunks/policy-command.js'); });
            return await runPolicyCommand(argv.slice(1), io);
        }
        if (argv[0] === 'fleet') {
            const { runFleetCommand } = await Promise.resolve().then(function () { return require('./chunks/fleet-command.js'); });
            return await runFleetCommand(argv.slice(1), io);
        }
        const options = parseCliArgs(argv);
        if (options.help)
            return print(io, USAGE, EXIT_CLEAN);
        if (options.version)
            return print(io, `${TOOL_VERSION}\n`, EXIT_CLEAN);
        if (options.fix)
            return await fixAndReport(options, options.fix, io);
        return await scanAndReport(options, io);
    }
    catch (error) {
        return reportError(error, io);
    }
}
function print(io, text, code) {
    io.stdout(text);
    return code;
}
function reportError(error, io) {
    if (error instanceof UsageError) {
        const command = error.command !== undefined ? `port-hygiene ${error.command}` : 'port-hygiene';
        const after = error.usage !== undefined ? `\n${error.usage}` : `Run "${command} --help" for usage.\n`;
        io.stderr(`port-hygiene: ${error.message}\n${after}`);
    }
    else if (error instanceof ConfigError) {
        io.stderr(`port-hygiene: ${error.message}\n`);
    }
    else {
        // Not the user's fault: say so, and keep the stack for whoever debugs it.
        const detail = io.env.PORT_HYGIENE_DEBUG
            ? String(error?.stack ?? error)
            : String(error?.message ?? error);
        io.stderr(`port-hygiene: internal error: ${detail}\n`);
    }
    return EXIT_USAGE;
}
function parseCliArgs(argv) {
    const parsed = parseCommandLine(argv, {
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f', default: 'text' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string', default: 'error' },
        base: { type: 'string' },
        'fail-on-scope': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false }
    }, USAGE);
    const { values, positionals } = parsed;
    const format = oneOf(values.format, FORMATS, '--format');
    const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on');
    const base = values.base;
    const failOnScope = values['fail-on-scope'] === undefined
        ? base === undefined
            ? 'all'
            : 'new'
        : oneOf(values['fail-on-scope'], FAIL_ON_SCOPE, '--fail-on-scope');
    if (failOnScope === 'new' && base === undefined) {
        throw new UsageError('--fail-on-scope new needs --base <git-ref> to tell new findings apart');
    }
    for (const [flag, value] of [
        ['--config', values.config],
        ['--output', values.output],
        ['--base', values.base]
    ]) {
        if (value !== undefined && value.trim() === '')
            throw new UsageError(`${flag} needs a ${flag === '--base' ? 'git ref' : 'file name'}`);
    }
    const fix = fixMode(values, format);
    const options = {
        paths: positionals,
        format,
        failOn,
        failOnScope,
        help: values.help,
        version: values.version
    };
    if (values.config !== undefined)
        options.config = values.config;
    if (values.output !== undefined)
        options.output = values.output;
    if (base !== undefined)
        options.base = base;
    if (values['no-color'])
        options.color = false;
    else if (values.color)
        options.color = true;
    if (fix !== undefined)
        options.fix = fix;
    return options;
}
function fixMode(values, format) {
    if (values.fix && values['fix-dry-run']) {
        throw new UsageError('--fix and --fix-dry-run exclude each other: pick one');
    }
    const flag = values.fix ? '--fix' : values['fix-dry-run'] ? '--fix-dry-run' : undefined;
    if (flag === undefined)
        return undefined;
    // A fix changes the head, and new and existing are told apart against the base's findings:
    // fixing every finding and then gating on the new ones would be two different questions.
    if (values.base !== undefined) {
        throw new UsageError(`${flag} fixes every finding and cannot be combined with --base`);
    }
    if (flag === '--fix-dry-run' && format !== 'text') {
        throw new UsageError('--fix-dry-run prints a unified diff: leave out --format');
    }
    return flag === '--fix' ? 'write' : 'dry-run';
}
async function scanAndReport(options, io) {
    // The base first, so that the head's rules know which claims the change adds (the finding
    // of a new conflict stands on the new claim, as in the action).
    const base = options.base === undefined ? undefined : await scanRef(options.base, options, io);
    const { result, configFile } = await scanRequested(options, io, base?.baseline);
    if (base) {
        result.change = base.compare(result);
        // A merged finding whose rules are partly new is two now (src/baseline/compare.ts).
        result.findings = headFindings(result.findings, result.change);
    }
    const report = await render(result, options, {
        color: options.output === undefined && useColor(options, io),
        ...(configFile !== undefined ? { configFile } : {})
    });
    if (options.output !== undefined) {
        const target = path$1.resolve(io.cwd, options.output);
        await writeReport(target, report);
        io.stdout(`${renderSummary(result)}\nReport written to ${options.output}\n`);
    }
    else {
        io.stdout(report);
    }
    return exitCode(gatedFindings(result, options.failOnScope), options.failOn);
}
/**
 * `--fix` / `--fix-dry-run` (src/fix/run.ts): what was fixed, and what was refused, on stderr;
 * stdout holds the report of what is left (`--fix`) or the unified diff (`--fix-dry-run`), so
 * either can be piped. The exit code counts what is left.
 */
async function fixAndReport(options, mode, io) {
    const { runFixes } = await Promise.resolve().then(function () { return require('./chunks/fix-run.js'); });
    const first = await scanRequested(options, io);
    let last = first;
    let scans = 0;
    const outcome = await runFixes({
        root: first.root,
        maxFileSize: first.maxFileSize,
        dryRun: mode === 'dry-run',
        scan: async () => {
            if (scans++ > 0)
                last = await scanRequested(options, io);
            return last.result;
        }
    });
    const fixes = (count) => `${count} ${count === 1 ? 'fix' : 'fixes'}`;
    for (const { file, fixes: count } of outcome.changed) {
        const verb = mode === 'dry-run' ? 'would fix' : 'fixed';
        io.stderr(`port-hygiene: ${verb} ${escapeControls(file)} (${fixes(count)})\n`);
    }
    for (const { file, reason } of outcome.refused) {
        io.stderr(`port-hygiene: not fixed: ${escapeControls(file)}: ${reason}\n`);
    }
    if (outcome.changed.length === 0 && outcome.refused.length === 0) {
        io.stderr('port-hygiene: nothing to fix (no finding has an automatic fix)\n');
    }
    const code = exitCode(outcome.left, options.failOn);
    if (mode === 'dry-run') {
        if (options.output !== undefined) {
            await writeReport(path$1.resolve(io.cwd, options.output), outcome.diff);
            io.stdout(`Diff written to ${options.output}\n`);
        }
        else
            io.stdout(outcome.diff);
        return code;
    }
    const report = await render(outcome.result, options, {
        color: options.output === undefined && useColor(options, io),
        ...(last.configFile !== undefined ? { configFile: last.configFile } : {})
    });
    if (options.output !== undefined) {
        await writeReport(path$1.resolve(io.cwd, options.output), report);
        io.stdout(`${renderSummary(outcome.result)}\nReport written to ${options.output}\n`);
    }
    else
        io.stdout(report);
    return code;
}
/** `--base`: scan the ref's tree from git objects, to classify this scan's findings against it. */
async function scanRef(ref, options, io) {
    // The same folders the head scan reads (planScan is a pure function of the request).
    const plan = planScan(io.cwd, options.paths);
    const [{ baselineOf, compareScans, scanBase }, { BaseUnavailableError, repositoryRoot, resolveCommit }] = await Promise.all([Promise.resolve().then(function () { return require('./chunks/baseline-compare.js'); }), Promise.resolve().then(function () { return require('./chunks/baseline-git.js'); })]);
    try {
        const sha = await resolveCommit(await repositoryRoot(plan.root), ref);
        const base = await scanBase({
            root: plan.root,
            paths: plan.paths,
            sha,
            ...(options.config !== undefined ? { configPath: path$1.resolve(io.cwd, options.config) } : {}),
            exclude: [],
            env: io.env
        });
        return {
            baseline: baselineOf(base.result),
            compare: (result) => compareScans(result, base, sha)
        };
    }
    catch (error) {
        if (error instanceof BaseUnavailableError)
            throw new UsageError(`--base: ${error.message}`);
        throw error;
    }
}
/** The findings `--fail-on` counts: the new ones under `--fail-on-scope new`. */
function gatedFindings(result, scope) {
    return scope === 'new' && result.change ? result.change.added : result.findings;
}
/** Scans what the command line names, with its config; a path that matches nothing is a usage error. */
async function scanRequested(options, io, baseline) {
    const plan = planScan(io.cwd, options.paths);
    const config = await loadConfig({
        rules: RULES,
        root: plan.root,
        ...(options.config !== undefined ? { configPath: path$1.resolve(io.cwd, options.config) } : {})
    });
    const result = await scan({
        root: plan.root,
        paths: plan.paths,
        config,
        env: io.env,
        ...(baseline ? { baseline } : {})
    });
    if (result.unmatched.length > 0) {
        const names = result.unmatched.map((request) => `"${plan.original.get(request) ?? request}"`);
        throw new UsageError(`${names.join(', ')} matched no file`);
    }
    return {
        root: plan.root,
        result,
        maxFileSize: config.maxFileSize,
        ...(config.configFile !== undefined ? { configFile: config.configFile } : {})
    };
}
async function writeReport(target, report) {
    try {
        await node_fs.promises.mkdir(path$1.dirname(target), { recursive: true });
        await node_fs.promises.writeFile(target, report, 'utf8');
    }
    catch (error) {
        throw new UsageError(`cannot write the report: ${error.message}`);
    }
}
async function render(result, options, extra) {
    switch (options.format) {
        case 'json':
            return renderJson(result, {
                toolVersion: TOOL_VERSION,
                ...(extra.configFile !== undefined ? { configFile: extra.configFile } : {})
            });
        case 'sarif': {
            const { renderSarif } = await Promise.resolve().then(function () { return require('./chunks/report-sarif.js'); });
            return renderSarif(result, { toolVersion: TOOL_VERSION });
        }
        case 'markdown': {
            const { renderMarkdown } = await Promise.resolve().then(function () { return require('./chunks/report-markdown.js'); });
            return renderMarkdown(result, result.change ? { scope: options.failOnScope } : {});
        }
        case 'text':
            return `${configLine(extra.configFile)}\n\n${renderText(result, { color: extra.color })}`;
    }
}
/** The text report opens with the config in use, so a surprising result has an obvious first suspect. */
function configLine(configFile) {
    return configFile !== undefined
        ? `Config: ${configFile}`
        : 'Config: none found (built-in defaults; create .github/port-hygiene.yml or pass --config)';
}
/** Flags first, then FORCE_COLOR (which Node lets override NO_COLOR), then NO_COLOR, then the TTY. */
function useColor(options, io) {
    if (options.color !== undefined)
        return options.color;
    const force = io.env.FORCE_COLOR;
    if (force !== undefined)
        return force !== '0' && force !== 'false';
    if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '')
        return false;
    return io.isTTY;
}
const FAIL_THRESHOLD = {
    error: ['error'],
    warning: ['error', 'warning'],
    never: []
};
function exitCode(findings, failOn) {
    const failing = FAIL_THRESHOLD[failOn];
    return findings.some((finding) => failing.includes(finding.severity)) ? EXIT_FINDINGS : EXIT_CLEAN;
}
/**
 * The root is the current folder, so that reported paths are relative to where the user stands
 * (and clickable). When a path lies outside it, the root becomes the deepest folder holding every
 * requested path: reported paths stay relative and never start with `../`.
 */
function planScan(cwd, requests) {
    const targets = requests.map((request) => ({ request, ...splitGlob(path$1.resolve(cwd, request)) }));
    const outside = targets.some((target) => !isInside(cwd, target.base));
    const root = outside ? commonAncestor(targets.map((target) => folderOf(target.base))) : cwd;
    const original = new Map();
    const paths = targets.map((target) => {
        const base = toPosix(path$1.relative(root, target.base));
        const relative = [base, target.pattern].filter(Boolean).join('/') || '.';
        original.set(relative, target.request);
        return relative;
    });
    return { root, paths, original };
}
/** `/repo/k8s/**\/*.yaml` → base `/repo/k8s`, pattern `**\/*.yaml`; no glob → pattern ''. */
function splitGlob(absolute) {
    const parts = toPosix(absolute).split('/');
    const first = parts.findIndex((part) => /[*?[\]{}]/.test(part));
    if (first === -1)
        return { base: absolute, pattern: '' };
    return {
        base: path$1.resolve(parts.slice(0, first).join('/') || '/'),
        pattern: parts.slice(first).join('/')
    };
}
function folderOf(absolute) {
    try {
        return node_fs.statSync(absolute).isDirectory() ? absolute : path$1.dirname(absolute);
    }
    catch {
        return path$1.dirname(absolute);
    }
}
function commonAncestor(folders) {
    return folders.reduce((common, folder) => {
        let candidate = common;
        while (!isInside(candidate, folder))
            candidate = path$1.dirname(candidate);
        return candidate;
    });
}
// ---------------------------------------------------------------------------------------------
// The process: only when this file is the program being run (not when a test imports it).
function isEntryPoint() {
    const script = process.argv[1];
    if (!script)
        return false;
    try {
        // npm's bin links are symlinks: compare real paths.
        return node_url.pathToFileURL(node_fs.realpathSync(script)).href === require('node:url').pathToFileURL(__filename).href;
    }
    catch {
        return false;
    }
}
/** Runs the CLI as this process, on its command line. */
async function runAsProgram(argv = process.argv.slice(2)) {
    const output = { stdout: processStream(process.stdout), stderr: processStream(process.stderr) };
    const code = await runCli(argv, {
        cwd: process.cwd(),
        env: process.env,
        ...output,
        isTTY: process.stdout.isTTY === true
    });
    // An exit code, not process.exit(): Node exits once a pipe's reader has taken every byte
    // written to it, so a large report to a slow reader arrives whole.
    process.exitCode = code;
}
/**
 * Node's own stream. A reader that went away (`port-hygiene | head`) is an EPIPE error on it,
 * which would end the program with a stack trace: that output ends quietly instead, the exit
 * code stays the scan's.
 */
function processStream(stream) {
    stream.on('error', (error) => {
        if (error.code !== 'EPIPE')
            throw error;
    });
    return (text) => void stream.write(text);
}
// Not a top-level await: the bundle's lazily loaded chunks import from the bundle, and a chunk
// imported while the bundle still awaited would wait for it forever (Node exits with code 13).
if (isEntryPoint())
    void runAsProgram();

exports.ConfigError = ConfigError;
exports.DAEMON_COLLISION = DAEMON_COLLISION;
exports.DEFAULT_MAX_FILE_SIZE = DEFAULT_MAX_FILE_SIZE;
exports.EXIT_CLEAN = EXIT_CLEAN;
exports.EXIT_FINDINGS = EXIT_FINDINGS;
exports.EXIT_USAGE = EXIT_USAGE;
exports.HOST_DAEMON_PORTS = HOST_DAEMON_PORTS;
exports.InventoryDocumentError = InventoryDocumentError;
exports.REPOSITORY_URL = REPOSITORY_URL;
exports.RULES = RULES;
exports.SEVERITY_ORDER = SEVERITY_ORDER;
exports.TOOL_VERSION = TOOL_VERSION;
exports.UsageError = UsageError;
exports.append = append;
exports.applyFixes = applyFixes;
exports.bindingClaimKey = bindingClaimKey;
exports.buildInventory = buildInventory;
exports.checkInventory = checkInventory;
exports.codeText = codeText;
exports.compareLocations = compareLocations;
exports.compareText = compareText;
exports.compareWithBase = compareWithBase;
exports.countBySeverity = countBySeverity;
exports.countCheckedFiles = countCheckedFiles;
exports.defaultConfig = defaultConfig;
exports.defaultOptions = defaultOptions;
exports.describeObject = describeObject;
exports.docsUrl = docsUrl;
exports.emptyModel = emptyModel;
exports.escapeControls = escapeControls;
exports.escapeHtml = escapeHtml;
exports.escapeMarkdown = escapeMarkdown;
exports.escapeTableCell = escapeTableCell;
exports.fingerprint = fingerprint;
exports.fixesOf = fixesOf;
exports.formatRange = formatRange;
exports.hostClaim = hostClaim;
exports.hostDaemonPortMessage = hostDaemonPortMessage;
exports.identityOf = identityOf;
exports.isInside = isInside;
exports.lcsTable = lcsTable;
exports.link = link;
exports.loadConfig = loadConfig;
exports.matchesAnyGlob = matchesAnyGlob;
exports.maxOf = maxOf;
exports.mergeFindings = mergeFindings;
exports.nodePortKey = nodePortKey;
exports.objectIdentity = objectIdentity;
exports.objectKey = objectKey;
exports.oneOf = oneOf;
exports.outOfRangeMessage = outOfRangeMessage;
exports.packageJson = packageJson;
exports.parseCommandLine = parseCommandLine;
exports.partsOf = partsOf;
exports.planScan = planScan;
exports.plural = plural;
exports.portClaimKeys = portClaimKeys;
exports.readGuarded = readGuarded;
exports.regrouper = regrouper;
exports.renderInventoryJson = renderInventoryJson;
exports.renderInventoryMarkdown = renderInventoryMarkdown;
exports.renderJson = renderJson;
exports.renderText = renderText;
exports.ruleIdsOf = ruleIdsOf;
exports.runAsProgram = runAsProgram;
exports.runCli = runCli;
exports.runRules = runRules;
exports.safeUrl = safeUrl;
exports.scan = scan;
exports.scanRequested = scanRequested;
exports.shortLocation = shortLocation;
exports.sortFindings = sortFindings;
exports.stateOf = stateOf;
exports.stringify = stringify;
exports.stringifyJson = stringifyJson;
exports.toPosix = toPosix;
exports.truncate = truncate;
exports.wellFormed = wellFormed;
exports.writeInventory = writeInventory;
