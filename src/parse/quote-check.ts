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

const FLOW_INDICATORS = new Set([',', '[', ']', '{', '}'])
/** Characters that may change how a line that continues a plain scalar is lexed. */
const SPECIAL = /["'[\]{}|>&*!%@`?]/

const isEmpty = (ch: string | undefined) =>
  ch === undefined || ch === ' ' || ch === '\n' || ch === '\r'

interface LineState {
  /** Set when the line ended in a plain scalar: lines indented this much or more may continue it. */
  plainContinuesFrom?: number
  /** Set when the line ended with a block scalar header: the Lexer's first content indentation. */
  blockScalarFrom?: number
}

export function surelyWellQuoted(chunk: string): boolean {
  // Tabs (indentation and separation), BOMs and other controls change too many rules.
  if (hasUnusualCharacter(chunk)) return false
  const lines = chunk.split('\n')
  let continuesFrom: number | undefined
  let blockFrom: number | undefined
  let blockContent: number | undefined
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.endsWith('\r') ? lines[index]!.slice(0, -1) : lines[index]!
    const indent = line.length - line.trimStart().length
    const blank = indent === line.length
    // A document marker after the first line starts another document, whatever came before (a
    // block scalar, a plain continuation): the Lexer reads what follows it as new content. The
    // pre-filter's pieces never hold one (documents.ts cuts before each); anything else is not
    // sure. (`- name: ` then `--- }`: read as a plain continuation, it is a stray `}` to the Lexer.)
    if (index > 0 && /^(?:---|\.\.\.)(?=[ \r]|$)/.test(line)) return false
    if (blockFrom !== undefined) {
      // Block scalar content: blank lines, and lines indented as much as its first content line.
      if (blank) continue
      if (blockContent === undefined && indent >= blockFrom) blockContent = indent
      if (blockContent !== undefined && indent >= blockContent) continue
      blockFrom = blockContent = undefined
    }
    if (blank) continue
    if (continuesFrom !== undefined && indent >= continuesFrom) {
      // Perhaps more of the plain scalar above (the Lexer reads it as text up to `: ` or ` #`).
      if (line[indent] === '#') {
        continuesFrom = undefined
        continue
      }
      if (SPECIAL.test(line)) return false
      // The Lexer may read this line as a line of its own instead, whose plain scalar may be
      // continued from a smaller indentation: keep the smaller of the two.
      const own = checkLine(line, indent)?.plainContinuesFrom
      if (own !== undefined) continuesFrom = Math.min(continuesFrom, own)
      continue
    }
    if (index === 0 && /^(?:---|\.\.\.)(?=\s|$)/.test(line)) {
      if (!/^(?:---|\.\.\.)\s*(?:#.*)?$/.test(line)) return false
      continue
    }
    if (line[0] === '%') return false
    const state = checkLine(line, indent)
    if (state === undefined) return false
    continuesFrom = state.plainContinuesFrom
    blockFrom = state.blockScalarFrom
  }
  return true
}

/** A tab, a BOM or a control character other than a line break. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNUSUAL_CHARACTER = /[\t\uFEFF\0-\x08\x0B\x0C\x0E-\x1F]/
const hasUnusualCharacter = (chunk: string) => UNUSUAL_CHARACTER.test(chunk)

/** One line outside block scalars and plain continuations; undefined = not sure. */
function checkLine(line: string, indent: number): LineState | undefined {
  let pos = indent
  let lastDash: number | undefined
  while (line[pos] === '-' && isEmpty(line[pos + 1])) {
    lastDash = pos
    pos = skipSpaces(line, pos + 1)
  }
  const content = pos
  let afterColon = false
  // Nodes of the line, left to right: a key and its value, or `a: b: c` (an error, still lexed).
  while (true) {
    pos = skipSpaces(line, pos)
    const ch = line[pos]
    if (ch === undefined || ch === '#') return {}
    if (ch === '"' || ch === "'") {
      const end = closingQuote(line, pos)
      if (end === -1) return undefined
      pos = skipSpaces(line, end + 1)
    } else if (ch === '[' || ch === '{') {
      const end = flowEnd(line, pos)
      if (end === -1) return undefined
      pos = skipSpaces(line, end)
    } else if (ch === '|' || ch === '>') {
      // The Lexer's content indentation: one more than the line's (after `- `) once a `: ` came,
      // else one more than the last `- `.
      const from = afterColon ? content + 1 : lastDash !== undefined ? lastDash + 1 : undefined
      if (from === undefined || !/^[|>][+-]?[ ]*(?:#.*)?$/.test(line.slice(pos))) return undefined
      return { blockScalarFrom: from }
    } else if (ch === ']' || ch === '}') {
      return undefined // a stray bracket: the Lexer sees a flow end
    } else if (ch === '-' || ch === '?' || ch === ':') {
      if (isEmpty(line[pos + 1])) return undefined
      pos = plainEnd(line, pos)
      if (pos === line.length) return plainState(afterColon, content, lastDash)
      if (line[pos] !== ':') return {}
    } else if (ch === '&' || ch === '*' || ch === '!' || ch === '@' || ch === '`' || ch === ',') {
      return undefined
    } else {
      pos = plainEnd(line, pos)
      if (pos === line.length) return plainState(afterColon, content, lastDash)
      if (line[pos] !== ':') return {}
    }
    // After a node: the line ends, a comment, or `: ` and the next node.
    if (pos >= line.length || line[pos] === '#') return {}
    if (line[pos] !== ':' || !isEmpty(line[pos + 1])) return undefined
    afterColon = true
    pos++
  }
}

/** Where the next lines may continue the plain scalar that ends this line. */
function plainState(afterColon: boolean, content: number, lastDash?: number): LineState {
  if (afterColon) return { plainContinuesFrom: content + 1 }
  if (lastDash !== undefined) return { plainContinuesFrom: lastDash + 1 }
  return { plainContinuesFrom: 0 }
}

function skipSpaces(line: string, pos: number): number {
  while (line[pos] === ' ') pos++
  return pos
}

/**
 * The end of a plain scalar in block context, as the Lexer finds it: at `:` before a space or the
 * end of the line (the index of the `:`), at a space before `#` (the index of the `#`), or at the
 * end of the line.
 */
function plainEnd(line: string, pos: number): number {
  for (let i = pos; i < line.length; i++) {
    const ch = line[i]
    if (ch === ':' && isEmpty(line[i + 1])) return i
    if (ch === ' ' && line[i + 1] === '#') return i + 1
  }
  return line.length
}

/** The index of the quote that closes the one at `pos` on this line, or -1. */
function closingQuote(line: string, pos: number): number {
  const quote = line[pos]!
  let end = line.indexOf(quote, pos + 1)
  if (quote === "'") {
    while (end !== -1 && line[end + 1] === "'") end = line.indexOf("'", end + 2)
    return end
  }
  while (end !== -1) {
    let backslashes = 0
    while (line[end - 1 - backslashes] === '\\') backslashes++
    if (backslashes % 2 === 0) return end
    end = line.indexOf('"', end + 1)
  }
  return -1
}

/** The index after the bracket that closes the flow collection opened at `pos`, or -1. */
function flowEnd(line: string, pos: number): number {
  let depth = 0
  let flowKey = false
  let i = pos
  while (i < line.length) {
    i = skipSpaces(line, i)
    while (line[i] === ',') {
      i = skipSpaces(line, i + 1)
      flowKey = false
    }
    // Indicators: `-`, `?`, `:` before a space, the end, or a flow indicator.
    while ((line[i] === ':' || line[i] === '?' || line[i] === '-') && endsIndicator(line[i + 1])) {
      flowKey = false
      i = skipSpaces(line, i + 1)
    }
    const ch = line[i]
    if (ch === undefined || ch === '#') return -1
    if (ch === '[' || ch === '{') {
      depth++
      flowKey = false
      i++
    } else if (ch === ']' || ch === '}') {
      depth--
      flowKey = true
      i++
      if (depth === 0) return i
    } else if (ch === '"' || ch === "'") {
      const end = closingQuote(line, i)
      if (end === -1) return -1
      flowKey = true
      i = end + 1
    } else if (ch === ':' && flowKey) {
      flowKey = false
      i++
    } else if (ch === '&' || ch === '*' || ch === '!') {
      return -1
    } else {
      flowKey = false
      i = flowPlainEnd(line, i)
    }
  }
  return -1
}

const endsIndicator = (ch: string | undefined) => isEmpty(ch) || FLOW_INDICATORS.has(ch!)

/** The end of a plain scalar inside a flow collection, as the Lexer finds it. */
function flowPlainEnd(line: string, pos: number): number {
  for (let i = pos; i < line.length; i++) {
    const ch = line[i]!
    if (ch === ':' && endsIndicator(line[i + 1])) return i
    if (ch === ' ' && (line[i + 1] === '#' || FLOW_INDICATORS.has(line[i + 1]!))) return i
    if (FLOW_INDICATORS.has(ch)) return i
  }
  return line.length
}
