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
export const MAX_NESTING_DEPTH = 256

export interface NestingDepth {
  /** The deepest level found, counted up to `limit + 1` (the scan stops there). */
  depth: number
  /** Offset of the line on which the depth first went past the limit, if it did. */
  tooDeepAt?: number
}

const SPACE = 32
const NEWLINE = 10
const TAB = 9

/** The nesting of `text` (one document, or a stream: a document marker does not reset it). */
export function nestingDepth(text: string, limit = MAX_NESTING_DEPTH): NestingDepth {
  const indents: number[] = []
  const depths: number[] = []
  let deepest = 0
  // Inside a flow collection or a quoted scalar that spans lines: the depth it started at.
  let flow = 0
  let flowBase = 0
  let quote = 0
  // Inside a block scalar: the indentation of the line that opened it (its lines are deeper).
  let blockOwner = -1
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    let indent = 0
    while (start + indent < end && text.charCodeAt(start + indent) === SPACE) indent++
    const first = start + indent
    const blank = first >= end || (first === end - 1 && text.charCodeAt(first) === 13)
    let lineDepth = 0
    if (blockOwner !== -1 && (blank || indent > blockOwner)) {
      // A line of a block scalar: text, not structure.
    } else if (quote !== 0 || flow > 0) {
      blockOwner = -1
      const scanned = scanLine(text, start, end, flow, quote)
      lineDepth = flowBase + scanned.deepestFlow
      flow = scanned.flow
      quote = scanned.quote
    } else if (!blank && text.charCodeAt(first) !== 35) {
      blockOwner = -1
      let at = first
      // A document marker line: what follows it is the document's top level.
      if (indent === 0 && (text.startsWith('---', start) || text.startsWith('...', start))) {
        at += 3
        indents.length = depths.length = 0
      }
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) {
        indents.pop()
        depths.pop()
      }
      const parent = depths.length > 0 ? depths[depths.length - 1]! : 0
      let level = parent + 1
      // `- - - x`, `? - x`, `: - x`: each indicator that opens the line is a level.
      for (;;) {
        while (at < end && isBlank(text.charCodeAt(at))) at++
        const ch = text.charCodeAt(at)
        if ((ch === 45 || ch === 63 || ch === 58) && isBlankOrEnd(text, at + 1, end)) {
          level++
          at++
        } else break
      }
      const scanned = scanLine(text, at, end, 0, 0)
      lineDepth = level + scanned.deepestFlow
      flow = scanned.flow
      quote = scanned.quote
      flowBase = level
      if (scanned.blockScalar) blockOwner = indent
      indents.push(indent)
      depths.push(level)
    }
    if (lineDepth > deepest) {
      deepest = lineDepth
      if (deepest > limit) return { depth: deepest, tooDeepAt: start }
    }
    start = end + 1
  }
  return { depth: deepest }
}

interface ScannedLine {
  /** The flow depth at the end of the line. */
  flow: number
  /** The deepest flow depth on the line. */
  deepestFlow: number
  /** The quote still open at the end of the line (0: none). */
  quote: number
  /** The line ends with a block scalar header (`|`, `>-`, `|2+`): the lines below are text. */
  blockScalar: boolean
}

/**
 * Brackets, quotes and comments of one line from `from`, with `flow` brackets and `quote` open
 * before it. A quote opens only where a scalar may start (after a space, `[`, `{`, `,` or `:`),
 * so the apostrophe of `don't` is text.
 */
function scanLine(
  text: string,
  from: number,
  end: number,
  flow: number,
  quote: number
): ScannedLine {
  let deepestFlow = flow
  let at = from
  let lastToken = -1
  while (at < end) {
    const ch = text.charCodeAt(at)
    if (quote !== 0) {
      if (ch === 92 && quote === 34) at++
      else if (ch === quote) {
        if (quote === 39 && text.charCodeAt(at + 1) === 39) at++
        else quote = 0
      }
      at++
      continue
    }
    const before = at === from ? SPACE : text.charCodeAt(at - 1)
    const tokenStart = isBlank(before) || before === 91 || before === 123 || before === 44
    if (ch === 35 && isBlank(before)) break
    if ((ch === 34 || ch === 39) && (tokenStart || before === 58)) quote = ch
    else if (ch === 91 || ch === 123) {
      flow++
      if (flow > deepestFlow) deepestFlow = flow
    } else if ((ch === 93 || ch === 125) && flow > 0) flow--
    if (!isBlank(ch)) lastToken = at
    at++
  }
  let blockScalar = false
  if (quote === 0 && flow === 0 && lastToken !== -1) {
    // `|`, `>`, then chomping and indentation indicators, as the last token of the line.
    let head = lastToken
    while (head > from && /[-+0-9]/.test(text[head]!)) head--
    const ch = text.charCodeAt(head)
    blockScalar = (ch === 124 || ch === 62) && (head === from || isBlank(text.charCodeAt(head - 1)))
  }
  return { flow, deepestFlow, quote, blockScalar }
}

function isBlank(ch: number): boolean {
  return ch === SPACE || ch === TAB || ch === 13
}

function isBlankOrEnd(text: string, at: number, end: number): boolean {
  return at >= end || isBlank(text.charCodeAt(at)) || text.charCodeAt(at) === NEWLINE
}
