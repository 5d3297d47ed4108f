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
import {
  Document,
  LineCounter,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type ParsedNode,
  type ScalarTag,
  type Schema
} from 'yaml'

/** The options parse/yaml.ts parses with (the Documents built here carry them too). */
export interface BlockYamlOptions {
  merge: true
  prettyErrors: false
  keepSourceTokens: false
  uniqueKeys: false
}

/** The one options object: the loader keeps its node classes per options object. */
export const BLOCK_YAML_OPTIONS: BlockYamlOptions = {
  merge: true,
  prettyErrors: false,
  keepSourceTokens: false,
  uniqueKeys: false
}

export interface BlockYaml {
  all: Document.Parsed[]
  lineCounter: LineCounter
}

/** Thrown at the first construct outside the subset; caught in parseBlockYaml. */
class Declined extends Error {}
const DECLINED = new Declined('outside the block YAML subset')
/** The longest implicit key YAML allows, from its first character to its `:`. */
const MAX_IMPLICIT_KEY = 1024
const decline = (): never => {
  throw DECLINED
}

// Characters that change the rules of a whole file: tabs, carriage returns, other controls, the
// byte order mark, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\t\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/

const enum Line {
  Blank,
  Comment,
  Marker,
  Content
}

const SPACE = 32
const NEWLINE = 10
const HASH = 35
const DASH = 45
const COLON = 58
const QUOTE_DOUBLE = 34
const QUOTE_SINGLE = 39
const OPEN_SQUARE = 91
const CLOSE_SQUARE = 93
const OPEN_CURLY = 123
const CLOSE_CURLY = 125
const COMMA = 44
const BACKSLASH = 92
const PIPE = 124
const GREATER = 62
const PLUS = 43

// First characters of a plain scalar that the YAML indicators reserve (`-` is let through when a
// non-space follows it: `-1`, `-Xmx1g`).
const INDICATOR_FIRST = new Set([...'?:,[]{}#&*!|>\'"%@`'].map((ch) => ch.charCodeAt(0)))
// A plain key: no spaces, no indicators, no quotes; `-` and `.` inside (`app.kubernetes.io/name`).
const KEY_FIRST = new Uint8Array(128)
const KEY_REST = new Uint8Array(128)
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$./') {
  KEY_FIRST[ch.charCodeAt(0)] = KEY_REST[ch.charCodeAt(0)] = 1
}
KEY_REST[DASH] = 1
// The first characters of every plain scalar the core schema reads as something else than a
// string (null `~`/`null`, booleans, integers, floats, `.inf`, `.nan`): any other plain scalar is a
// string without testing the schema's tags (a third of the time of a scalar). The unit test holds
// every tag of the schema to it.
export const MAY_NOT_BE_STRING = new Uint8Array(128)
for (const ch of '-+.~0123456789nNtTfF') MAY_NOT_BE_STRING[ch.charCodeAt(0)] = 1

// YAML 1.2's escapes in double quotes (section 5.7): one character, or a code point in hex.
const SIMPLE_ESCAPES: Record<string, string> = {
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
}
const HEX_ESCAPE_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 }

// Inside flow collections a plain scalar also ends at `,`, `[`, `]`, `{` and `}`.
// Colons are left out: `key: value` pairs are read by the caller, and `a:b` is declined.
const FLOW_PLAIN = /[^,[\]{}#'":\s][^,[\]{}:\s]*(?: +[^,[\]{}#:\s][^,[\]{}:\s]*)*/y

export function parseBlockYaml(text: string, options: BlockYamlOptions): BlockYaml | undefined {
  if (UNUSUAL.test(text)) return undefined
  try {
    return new BlockLoader(text, options).load()
  } catch (error) {
    if (error === DECLINED) return undefined
    throw error
  }
}

/**
 * The `yaml` node classes each mark their instances with `Object.defineProperty`, which costs a
 * tenth of this loader's time. The nodes built here are the same classes' instances
 * (`instanceof`, `isScalar` and every method work) whose mark sits on a prototype between the
 * instance and the class: `yaml` reads the mark as `node[Symbol.for('yaml.node.type')]`.
 */
const NODE_TYPE = Symbol.for('yaml.node.type')

function markedPrototype(base: object, type: string, schema?: Schema): object {
  const properties: PropertyDescriptorMap = { [NODE_TYPE]: { value: Symbol.for(type) } }
  // Collections carry their schema as a property that is not enumerable, like NODE_TYPE.
  if (schema) properties.schema = { value: schema, writable: true, configurable: true }
  return Object.create(base, properties) as object
}

interface NodeFactory {
  schema: Schema
  /** The tags a plain scalar is tested against, in the schema's order (as the Composer does). */
  tags: ScalarTag[]
  scalar(value: unknown): Scalar.Parsed
  map(): YAMLMap.Parsed
  seq(): YAMLSeq.Parsed
  pair(key: ParsedNode, value: ParsedNode): Pair<ParsedNode, ParsedNode>
}

function nodeFactory(options: BlockYamlOptions): NodeFactory {
  const schema = new Document(null, options).schema
  const tags = schema.tags.filter(
    (tag): tag is ScalarTag => !tag.collection && tag.default === true && tag.test !== undefined
  )
  // Plain classes whose prototypes sit on the marked ones: as fast to build as any object.
  const FastScalar = class {
    declare value: unknown
    constructor(value: unknown) {
      this.value = value
    }
  }
  const FastMap = class {
    items: unknown[] = []
  }
  const FastSeq = class {
    items: unknown[] = []
  }
  const FastPair = class {
    declare key: unknown
    declare value: unknown
    constructor(key: unknown, value: unknown) {
      this.key = key
      this.value = value
    }
  }
  Object.setPrototypeOf(FastScalar.prototype, markedPrototype(Scalar.prototype, 'yaml.scalar'))
  Object.setPrototypeOf(FastMap.prototype, markedPrototype(YAMLMap.prototype, 'yaml.map', schema))
  Object.setPrototypeOf(FastSeq.prototype, markedPrototype(YAMLSeq.prototype, 'yaml.seq', schema))
  Object.setPrototypeOf(FastPair.prototype, markedPrototype(Pair.prototype, 'yaml.pair'))
  const fast: NodeFactory = {
    schema,
    tags,
    scalar: (value) => new FastScalar(value) as unknown as Scalar.Parsed,
    map: () => new FastMap() as unknown as YAMLMap.Parsed,
    seq: () => new FastSeq() as unknown as YAMLSeq.Parsed,
    pair: (key, value) => new FastPair(key, value) as unknown as Pair<ParsedNode, ParsedNode>
  }
  // Should `yaml` ever mark its nodes another way, the classes themselves are used.
  const one = fast.scalar(1)
  const working =
    isScalar(one) && isMap(fast.map()) && isSeq(fast.seq()) && isPair(fast.pair(one, one))
  if (working) return fast
  return {
    schema,
    tags,
    scalar: (value) => new Scalar(value) as Scalar.Parsed,
    map: () => new YAMLMap(schema) as YAMLMap.Parsed,
    seq: () => new YAMLSeq(schema) as YAMLSeq.Parsed,
    pair: (key, value) => new Pair(key, value)
  }
}

/** One factory per options object: building its schema is a tenth of the time of a small file. */
const factories = new WeakMap<BlockYamlOptions, NodeFactory>()

function factoryFor(options: BlockYamlOptions): NodeFactory {
  let factory = factories.get(options)
  if (!factory) factories.set(options, (factory = nodeFactory(options)))
  return factory
}

class BlockLoader {
  private readonly starts: number[] = []
  private readonly ends: number[] = []
  private readonly indents: number[] = []
  private readonly kinds: Line[] = []
  private readonly nodes: NodeFactory
  /** The current line. */
  private at = 0
  /**
   * The content line whose run of comment lines above it a collection has taken as its own
   * (see trailingComments): the collections around it that end there too leave it alone.
   */
  private claimedRunBefore = -1

  constructor(
    private readonly text: string,
    private readonly options: BlockYamlOptions
  ) {
    this.nodes = factoryFor(options)
    this.splitLines()
  }

  load(): BlockYaml {
    const lineCounter = new LineCounter()
    for (const start of this.starts) lineCounter.addNewLine(start)
    const all: Document.Parsed[] = []
    const count = this.kinds.length
    while (this.at < count) {
      const document = this.document()
      if (document) all.push(document)
    }
    return { all, lineCounter }
  }

  private splitLines(): void {
    const text = this.text
    let start = 0
    for (;;) {
      let end = text.indexOf('\n', start)
      if (end === -1) end = text.length
      let indent = 0
      while (text.charCodeAt(start + indent) === SPACE) indent++
      const first = start + indent
      let kind: Line
      if (first === end) kind = Line.Blank
      else if (text.charCodeAt(first) === HASH) kind = Line.Comment
      else if (indent === 0 && text.startsWith('---', start)) {
        // `---` alone (spaces after it aside): content, a comment or a tag after it is declined.
        for (let at = start + 3; at < end; at++) if (text.charCodeAt(at) !== SPACE) decline()
        kind = Line.Marker
      } else {
        // `...` ends a document, `%` opens a directive: both are left to the `yaml` parser.
        if (indent === 0 && (text.startsWith('...', start) || text.charCodeAt(start) === 37))
          decline()
        kind = Line.Content
      }
      this.starts.push(start)
      this.ends.push(end)
      this.indents.push(indent)
      this.kinds.push(kind)
      if (end === text.length) break
      start = end + 1
    }
  }

  /** Skips blank and comment lines; the kind of the line then reached (Marker at the end). */
  private nextContent(): Line {
    const count = this.kinds.length
    while (this.at < count) {
      const kind = this.kinds[this.at]!
      if (kind === Line.Content || kind === Line.Marker) return kind
      this.at++
    }
    return Line.Marker
  }

  /** A comment line between the current line and the content line above it. */
  private commentAbove(): boolean {
    for (let line = this.at - 1; line >= 0; line--) {
      const kind = this.kinds[line]
      if (kind === Line.Comment) return true
      if (kind !== Line.Blank) return false
    }
    return false
  }

  /** The first line of the run of blank and comment lines that ends above the current line. */
  private runStart(): number {
    let line = this.at
    while (
      line > 0 &&
      (this.kinds[line - 1] === Line.Blank || this.kinds[line - 1] === Line.Comment)
    )
      line--
    return line
  }

  /** A comment line's text as `yaml` keeps it: after the `#`, a space if there is nothing. */
  private commentLine(line: number): string {
    return this.text.slice(this.starts[line]! + this.indents[line]! + 1, this.ends[line]) || ' '
  }

  /**
   * The comment lines from `first` to the current line as `yaml` keeps them: from the first
   * comment line on, each blank line an empty one (a line of spaces at the very end of the file,
   * without a line break, is not a line to `yaml`).
   */
  private commentRun(first: number): string[] {
    const lines: string[] = []
    for (let line = first; line < this.at; line++) {
      if (this.kinds[line] === Line.Comment) lines.push(this.commentLine(line))
      else if (lines.length > 0 && this.ends[line] !== this.text.length) lines.push('')
    }
    return lines
  }

  /**
   * Below a value on its line (a scalar, a flow collection, a block scalar) of a collection at
   * `owner`, `yaml` gives a first comment line more indented than that collection to the value,
   * whose range then takes in the comment: declined.
   */
  private checkCommentBelowValue(owner: number): void {
    let line = this.at
    while (this.kinds[line] === Line.Blank) line++
    if (this.kinds[line] === Line.Comment && this.indents[line]! > owner) decline()
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
  private trailingComments(
    collection: YAMLMap.Parsed | YAMLSeq.Parsed,
    indent: number,
    offset: number
  ): number {
    if (indent === 0 || this.claimedRunBefore === this.at) return offset
    const first = this.runStart()
    let taken = false
    for (let line = first; line < this.at && !taken; line++) {
      taken = this.kinds[line] === Line.Comment && this.indents[line]! >= indent
    }
    if (!taken) return offset
    this.claimedRunBefore = this.at
    collection.comment = this.commentRun(first).join('\n')
    if (this.at >= this.kinds.length) return this.text.length
    const start = this.starts[this.at]!
    return this.kinds[this.at] === Line.Content ? start + this.indents[this.at]! : start
  }

  private document(): Document.Parsed | undefined {
    const count = this.kinds.length
    let offset = 0
    let explicit = false
    // Comments before the first marker are the first explicit document's, as `yaml` has it.
    const comments: string[] = []
    for (; this.at < count; this.at++) {
      const kind = this.kinds[this.at]!
      if (kind === Line.Content) break
      if (kind === Line.Marker) {
        if (explicit) return undefined // an empty document: parse/yaml.ts drops it
        offset = this.starts[this.at]!
        explicit = true
      } else if (kind === Line.Comment) {
        const start = this.starts[this.at]! + this.indents[this.at]! + 1
        comments.push(this.text.slice(start, this.ends[this.at]))
      }
    }
    if (this.at >= count) return undefined
    if (this.indents[this.at] !== 0) decline()
    // Without a marker, a document starts at its content.
    if (!explicit) offset = this.starts[this.at]!
    const contents = this.blockNode(0)
    // `yaml` hands the comments above a top-level sequence to its first item, where Helm sources
    // are not looked for; above a map they are the document's, its map's or its first key's.
    if (comments.length > 0 && !isMap(contents)) decline()
    if (this.nextContent() !== Line.Marker) decline()
    // The document takes in the blank lines after its content, unless that content ends with an
    // empty value (whose line break `yaml` leaves outside every node).
    const contentEnd = contents.range[2]
    const end =
      this.text.charCodeAt(contentEnd - 1) !== NEWLINE
        ? contentEnd
        : this.at < count
          ? this.starts[this.at]!
          : this.text.length
    const document = new Document(undefined, this.options) as Document.Parsed
    document.contents = contents
    document.range = [offset, contentEnd, end]
    if (explicit) document.directives.docStart = true
    if (comments.length > 0) document.commentBefore = comments.join('\n')
    // Comment lines after the content that no collection took are the document's comment, from
    // its first comment line to its last.
    if (this.claimedRunBefore !== this.at) {
      const trailing = this.commentRun(this.runStart())
      while (trailing.at(-1) === '') trailing.pop()
      if (trailing.length > 0) document.comment = trailing.join('\n')
    }
    return document
  }

  /** The block node whose first line is the current one, at its indentation. */
  private blockNode(indent: number): ParsedNode {
    const first = this.starts[this.at]! + indent
    if (this.isDash(first)) return this.blockSeq(indent, false)
    const colon = this.keyEnd(first, this.ends[this.at]!)
    if (colon === -1) decline()
    return this.blockMap(indent, first, colon)
  }

  private isDash(offset: number): boolean {
    const text = this.text
    if (text.charCodeAt(offset) !== DASH) return false
    if (offset + 1 >= text.length) return true
    const next = text.charCodeAt(offset + 1)
    return next === SPACE || next === NEWLINE
  }

  /** A block mapping whose first key is at `first`, its `:` at `colon`, on the current line. */
  private blockMap(indent: number, first: number, colon: number): YAMLMap.Parsed {
    const map = this.nodes.map()
    let keyStart = first
    let offset: number
    for (;;) {
      const key = this.keyNode(keyStart, colon)
      const value = this.valueAfter(colon + 1, indent, true)
      map.items.push(this.nodes.pair(key, value))
      offset = value.range[2]
      if (this.nextContent() === Line.Marker) break
      const nextIndent = this.indents[this.at]!
      if (nextIndent < indent) break
      if (nextIndent > indent) decline()
      keyStart = this.starts[this.at]! + indent
      colon = this.keyEnd(keyStart, this.ends[this.at]!)
      if (colon === -1) decline()
    }
    const end = this.trailingComments(map, indent, offset)
    map.range = [first, offset, end]
    return map
  }

  /** A block sequence whose first `-` is on the current line at `indent`. */
  private blockSeq(indent: number, inMap: boolean): YAMLSeq.Parsed {
    const seq = this.nodes.seq()
    const first = this.starts[this.at]! + indent
    let offset: number
    for (;;) {
      const dash = this.starts[this.at]! + indent
      if (!this.isDash(dash)) decline()
      const item = this.seqItem(dash, indent)
      seq.items.push(item)
      offset = item.range[2]
      if (this.nextContent() === Line.Marker) break
      const nextIndent = this.indents[this.at]!
      if (nextIndent < indent) break
      if (nextIndent > indent) decline()
      if (!this.isDash(this.starts[this.at]! + indent)) {
        // The next key of the map this sequence is a value of (at the same indentation).
        if (!inMap) decline()
        break
      }
    }
    const end = this.trailingComments(seq, indent, offset)
    seq.range = [first, offset, end]
    return seq
  }

  /** The item after the `-` at `dash`: a compact map, a scalar, a flow collection or a block. */
  private seqItem(dash: number, indent: number): ParsedNode {
    const text = this.text
    const lineEnd = this.ends[this.at]!
    let content = dash + 1
    while (text.charCodeAt(content) === SPACE) content++
    if (content < lineEnd && text.charCodeAt(content) !== HASH) {
      if (this.isDash(content)) decline()
      const colon = this.keyEnd(content, lineEnd)
      if (colon !== -1) return this.blockMap(content - this.starts[this.at]!, content, colon)
    }
    return this.valueAfter(dash + 1, indent, false)
  }

  /**
   * The value that starts after `from` on the current line (after `key:` or `-`), or on the lines
   * below it. `owner`: the indentation of the key or dash; `inMap`: after a key.
   */
  private valueAfter(from: number, owner: number, inMap: boolean): ParsedNode {
    const text = this.text
    const line = this.at
    const lineEnd = this.ends[line]!
    const next = lineEnd === text.length ? lineEnd : lineEnd + 1
    let start = from
    while (text.charCodeAt(start) === SPACE) start++
    if (start === lineEnd || text.charCodeAt(start) === HASH) {
      this.at++
      const kind = this.nextContent()
      if (kind === Line.Content) {
        const indent = this.indents[this.at]!
        // Comment lines between `key:` (or `-`) and the block below it, at any indentation, are
        // that block's `commentBefore` in `yaml`, and no range changes.
        if (indent > owner) return this.blockNode(indent)
        if (inMap && indent === owner && this.isDash(this.starts[this.at]! + indent)) {
          return this.blockSeq(indent, true)
        }
      }
      // Nothing: a null after the spaces. `yaml` stretches its range over a comment after it, or
      // over comment lines below it, in ways that depend on what follows: those are declined.
      if (start !== lineEnd || this.commentAbove()) decline()
      return this.plain('', start, start, start)
    }
    const first = text.charCodeAt(start)
    let node: ParsedNode
    if (first === PIPE || first === GREATER) {
      node = this.blockScalar(start, lineEnd, owner)
    } else {
      node = this.inlineValue(start, lineEnd, next)
      this.at++
    }
    this.checkCommentBelowValue(owner)
    return node
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
  private blockScalar(start: number, lineEnd: number, owner: number): Scalar.Parsed {
    const text = this.text
    const folded = text.charCodeAt(start) === GREATER
    let headerEnd = start + 1
    const chomping = text.charCodeAt(headerEnd)
    const keep = chomping === PLUS
    if (keep || chomping === DASH) headerEnd++
    for (let at = headerEnd; at < lineEnd; at++) if (text.charCodeAt(at) !== SPACE) decline()
    const count = this.kinds.length
    const body = this.at + 1
    let line = body
    while (line < count && this.kinds[line] === Line.Blank) line++
    if (line >= count || this.indents[line]! <= owner) decline()
    const indent = this.indents[line]!
    // Without `+`, the lexer ends the scalar after its last line that is not blank or that has
    // more spaces than the indentation (which are content to `yaml`).
    let last = line
    for (line++; line < count; line++) {
      if (this.kinds[line] !== Line.Blank) {
        if (this.indents[line]! < indent) break
        last = line
      } else if (this.indents[line]! > indent) {
        last = line
      }
    }
    // A line of fewer spaces at the very end of the file, without a line break, is not one of
    // its lines to the lexer.
    const final = count - 1
    if (keep && line === count && this.kinds[final] === Line.Blank) {
      if (this.indents[final]! > 0 && this.indents[final]! < indent) decline()
    }
    const after = keep ? line : last + 1
    const end = after < count ? this.starts[after]! : text.length
    const source = text.slice(this.starts[body]!, end)
    const value = blockScalarValue(source, owner, folded, keep ? '+' : chomping === DASH ? '-' : '')
    // Its lines are content, a `#` line among them too, for the comment rules of the collections.
    for (let each = body; each < after; each++) this.kinds[each] = Line.Content
    this.at = after
    const scalar = this.nodes.scalar(value)
    scalar.range = [start, end, end]
    scalar.source = value
    scalar.type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL'
    return scalar
  }

  /** A scalar or flow collection from `start` to the end of its line, a comment aside. */
  private inlineValue(start: number, lineEnd: number, next: number): ParsedNode {
    const text = this.text
    const first = text.charCodeAt(start)
    let node: ParsedNode
    let end: number
    if (first === QUOTE_DOUBLE || first === QUOTE_SINGLE) {
      const quoted = this.quoted(start, lineEnd)
      node = quoted.node
      end = quoted.end
    } else if (first === OPEN_SQUARE || first === OPEN_CURLY) {
      const flow = this.flow(start, lineEnd)
      node = flow.node
      end = flow.end
    } else {
      if (INDICATOR_FIRST.has(first)) decline()
      if (this.isDash(start)) decline()
      end = plainEnd(text, start, lineEnd)
      const source = text.slice(start, end)
      // `a: b` inside a value is a nested mapping (an error); a trailing `:` is a key.
      if (source.includes(': ') || source.endsWith(':')) decline()
      return this.plain(source, start, end, next)
    }
    // After a quoted scalar or a flow collection: spaces, then a comment or the end of the line.
    let after = end
    while (text.charCodeAt(after) === SPACE) after++
    if (after !== lineEnd && (after === end || text.charCodeAt(after) !== HASH)) decline()
    node.range = [node.range[0], node.range[1], next]
    return node
  }

  /** A one-line quoted scalar from `start`. */
  private quoted(start: number, lineEnd: number): { node: Scalar.Parsed; end: number } {
    const text = this.text
    const quote = text.charCodeAt(start)
    if (quote === QUOTE_DOUBLE) return this.doubleQuoted(start, lineEnd)
    let value = ''
    let position = start + 1
    for (;;) {
      const close = text.indexOf("'", position)
      if (close === -1 || close >= lineEnd) decline()
      value += text.slice(position, close)
      if (text.charCodeAt(close + 1) === QUOTE_SINGLE) {
        value += "'"
        position = close + 2
        continue
      }
      const end = close + 1
      return { node: this.quotedScalar(value, quote, start, end), end }
    }
  }

  /**
   * A one-line double-quoted scalar, escapes decoded as YAML 1.2 decodes them (Helm renders
   * regular expressions, newlines and generated policies' CEL this way); an escape `yaml` would
   * report as an error is declined, so that `yaml` reports it.
   */
  private doubleQuoted(start: number, lineEnd: number): { node: Scalar.Parsed; end: number } {
    const text = this.text
    let value = ''
    let from = start + 1
    for (let at = from; at < lineEnd; at++) {
      const ch = text.charCodeAt(at)
      if (ch === QUOTE_DOUBLE) {
        value += text.slice(from, at)
        return { node: this.quotedScalar(value, QUOTE_DOUBLE, start, at + 1), end: at + 1 }
      }
      if (ch !== BACKSLASH) continue
      value += text.slice(from, at)
      const escape = text[at + 1] ?? ''
      const simple = SIMPLE_ESCAPES[escape]
      if (simple !== undefined) {
        value += simple
        at += 1
      } else {
        const digits = HEX_ESCAPE_DIGITS[escape] ?? decline()
        const hex = text.slice(at + 2, at + 2 + digits)
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) decline()
        const code = parseInt(hex, 16)
        if (code > 0x10ffff) decline()
        value += String.fromCodePoint(code)
        at += 1 + digits
      }
      from = at + 1
    }
    return decline()
  }

  /** A one-line flow sequence or mapping of scalars from `start`. */
  private flow(start: number, lineEnd: number): { node: ParsedNode; end: number } {
    const text = this.text
    const isMap = text.charCodeAt(start) === OPEN_CURLY
    const close = isMap ? CLOSE_CURLY : CLOSE_SQUARE
    const collection = isMap ? this.nodes.map() : this.nodes.seq()
    collection.flow = true
    let position = start + 1
    const skipSpaces = () => {
      while (text.charCodeAt(position) === SPACE) position++
    }
    skipSpaces()
    while (text.charCodeAt(position) !== close) {
      const key = this.flowScalar(position, lineEnd)
      position = key.range[1]
      if (isMap) {
        if (text.charCodeAt(position) !== COLON || text.charCodeAt(position + 1) !== SPACE)
          decline()
        position += 2
        skipSpaces()
        const value = this.flowScalar(position, lineEnd)
        position = value.range[1]
        skipSpaces()
        value.range = [value.range[0], value.range[1], position]
        ;(collection as YAMLMap).items.push(this.nodes.pair(key, value))
      } else {
        skipSpaces()
        key.range = [key.range[0], key.range[1], position]
        ;(collection as YAMLSeq).items.push(key)
      }
      const ch = text.charCodeAt(position)
      if (ch === COMMA) {
        position++
        skipSpaces()
      } else if (ch !== close) decline()
    }
    if (position >= lineEnd) decline()
    const end = position + 1
    collection.range = [start, end, end]
    return { node: collection as ParsedNode, end }
  }

  /** A plain or quoted scalar inside a flow collection (its range ends at its last character). */
  private flowScalar(start: number, lineEnd: number): Scalar.Parsed {
    const text = this.text
    const first = text.charCodeAt(start)
    if (first === QUOTE_DOUBLE || first === QUOTE_SINGLE) return this.quoted(start, lineEnd).node
    if (INDICATOR_FIRST.has(first) || first === DASH) decline()
    FLOW_PLAIN.lastIndex = start
    const match = FLOW_PLAIN.exec(text)
    if (!match || start + match[0].length > lineEnd) decline()
    const source = match![0]
    const end = start + source.length
    return this.plain(source, start, end, end) as Scalar.Parsed
  }

  /**
   * The offset of the `:` of a key at `start` (plain, or quoted without escapes, then `: ` or `:`
   * at the end of the line), else -1. Builds nothing: a line that is not a key is asked too.
   */
  private keyEnd(start: number, lineEnd: number): number {
    const text = this.text
    const first = text.charCodeAt(start)
    let end: number
    if (first === QUOTE_DOUBLE || first === QUOTE_SINGLE) {
      const close = text.indexOf(first === QUOTE_DOUBLE ? '"' : "'", start + 1)
      if (close === -1 || close >= lineEnd) return -1
      if (first === QUOTE_DOUBLE && hasBackslash(text, start + 1, close)) return -1
      end = close + 1
    } else {
      if (!(first < 128 && KEY_FIRST[first])) return -1
      end = start + 1
      for (let ch = text.charCodeAt(end); ch < 128 && KEY_REST[ch]; ch = text.charCodeAt(++end));
    }
    if (text.charCodeAt(end) !== COLON) return -1
    if (end + 1 !== lineEnd && text.charCodeAt(end + 1) !== SPACE) return -1
    // `yaml` rejects a `:` more than 1,024 characters after the start of an implicit key
    // (KEY_OVER_1024_CHARS), as YAML 1.2, kubectl and Compose do: that file is theirs to judge.
    if (end - start > MAX_IMPLICIT_KEY) decline()
    return end
  }

  /** The key scalar from `start` to `colon` (found by keyEnd). */
  private keyNode(start: number, colon: number): Scalar.Parsed {
    const text = this.text
    const first = text.charCodeAt(start)
    if (first !== QUOTE_DOUBLE && first !== QUOTE_SINGLE) {
      return this.plain(text.slice(start, colon), start, colon, colon)
    }
    return this.quotedScalar(text.slice(start + 1, colon - 1), first, start, colon)
  }

  /** A quoted scalar (its value unescaped already) from `start` to `end`, after its closing quote. */
  private quotedScalar(value: string, quote: number, start: number, end: number): Scalar.Parsed {
    const scalar = this.nodes.scalar(value)
    scalar.range = [start, end, end]
    scalar.source = value
    scalar.type = quote === QUOTE_DOUBLE ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE'
    return scalar
  }

  /** A plain scalar, its value resolved by the schema's tags as the `yaml` Composer does. */
  private plain(source: string, start: number, end: number, rangeEnd: number): Scalar.Parsed {
    const first = source.charCodeAt(0)
    const tag =
      source === '' || (first < 128 && MAY_NOT_BE_STRING[first])
        ? this.nodes.tags.find((each) => each.test!.test(source))
        : undefined
    let scalar: Scalar.Parsed
    if (tag) {
      const resolved = tag.resolve(source, decline, this.options) as unknown
      scalar =
        resolved instanceof Scalar ? (resolved as Scalar.Parsed) : this.nodes.scalar(resolved)
      if (tag.format) scalar.format = tag.format
    } else {
      scalar = this.nodes.scalar(source)
    }
    scalar.range = [start, end, rangeEnd]
    scalar.source = source
    scalar.type = 'PLAIN'
    return scalar
  }
}

/**
 * The value of a block scalar whose lines (after its header line) are `source`, in a collection
 * at `parentIndent`: resolveBlockScalar of the `yaml` composer without an indentation indicator,
 * tabs or carriage returns (which the loader declines before), declining where it reports an error.
 */
function blockScalarValue(
  source: string,
  parentIndent: number,
  folded: boolean,
  chomp: '' | '-' | '+'
): string {
  const lines = source.split('\n').map((line): [string, string] => {
    let spaces = 0
    while (line.charCodeAt(spaces) === SPACE) spaces++
    return [line.slice(0, spaces), line.slice(spaces)]
  })
  // The trailing empty lines are chomped.
  let chompStart = lines.length
  while (chompStart > 0 && lines[chompStart - 1]![1] === '') chompStart--
  if (chompStart === 0) decline()
  // The indentation trimmed: that of the first line with content (leading empty lines with more
  // spaces are an error).
  let trimIndent = parentIndent
  let contentStart = 0
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i]!
    if (content === '') {
      if (indent.length > trimIndent) trimIndent = indent.length
    } else {
      if (indent.length < trimIndent) decline()
      trimIndent = indent.length
      contentStart = i
      break
    }
  }
  // Trailing empty lines with more spaces than that are content.
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i]![0].length > trimIndent) chompStart = i + 1
  }
  let value = ''
  for (let i = 0; i < contentStart; ++i) value += lines[i]![0].slice(trimIndent) + '\n'
  // Folding: a line break between two lines of text becomes a space, an empty line a line break;
  // lines more indented than the rest keep the line breaks around them.
  let sep = ''
  let prevMoreIndented = false
  for (let i = contentStart; i < chompStart; ++i) {
    const [indent, content] = lines[i]!
    if (content !== '' && indent.length < trimIndent) decline()
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content
      sep = '\n'
    } else if (indent.length > trimIndent) {
      if (sep === ' ') sep = '\n'
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n'
      value += sep + indent.slice(trimIndent) + content
      sep = '\n'
      prevMoreIndented = true
    } else if (content === '') {
      if (sep === '\n') value += '\n'
      else sep = '\n'
    } else {
      value += sep + content
      sep = ' '
      prevMoreIndented = false
    }
  }
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i]![0].slice(trimIndent)
    if (!value.endsWith('\n')) value += '\n'
  } else if (chomp === '') {
    value += '\n'
  }
  return value
}

/** End of a plain scalar that starts at `start`: before ` #` or the end of the line, spaces trimmed. */
function plainEnd(text: string, start: number, lineEnd: number): number {
  let end = lineEnd
  for (let at = start + 1; at < lineEnd; at++) {
    if (text.charCodeAt(at) === HASH && text.charCodeAt(at - 1) === SPACE) {
      end = at
      break
    }
  }
  while (end > start && text.charCodeAt(end - 1) === SPACE) end--
  return end
}

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === BACKSLASH) return true
  return false
}
