// Compose variable interpolation, as compose-go `template/template.go` does it:
// `$VAR`, `${VAR}`, `${VAR:-default}` (unset or empty), `${VAR-default}` (unset),
// `${VAR:?err}` / `${VAR?err}` (required), `${VAR:+alt}` / `${VAR+alt}` (alternative), `$$` for a
// literal `$`, and defaults that hold further substitutions (`${A:-${B:-80}}`).
// A `$` followed by anything else is kept literally; an unclosed or malformed `${` is an error.
//
// Where Compose would use "" for an unknown variable (with a warning) or fail on a required one,
// we cannot know the value the file will run with, so the result is marked `unresolved` and the
// unknown part is replaced by the caller's placeholder: nothing is reported on a guessed value.

/**
 * Looks a variable up; undefined = not set, null = set to a value we do not know (a `.env`
 * value past the size limit): every use of it is unresolved, defaults included.
 */
export type VariableLookup = (name: string) => string | null | undefined

export interface InterpolationResult {
  value: string
  /** A variable was substituted (or a default was used). */
  interpolated: boolean
  /** A variable had no value and no default: `value` holds the placeholder there. */
  unresolved: boolean
  /** Set when the template is malformed (`${`, `${1A}`, `${A:x}`); Compose rejects the file. */
  error?: string
  /** The result would be longer than `maxLength`: `value` is the placeholder, `unresolved` is set. */
  tooLarge?: boolean
  /** A variable set to an unknown value (null) was used: the result is unknown too, not "". */
  unknownValue?: boolean
}

export interface InterpolationOptions {
  /** Text put where an unknown variable was; '' by default (what Compose itself does). */
  placeholder?: string
  /** Longest result; a longer one is unknown (variables that double each other). */
  maxLength?: number
}

/** The default `maxLength` (limits.ts `maxValueLength`). */
export const DEFAULT_MAX_VALUE_LENGTH = 64 * 1024

const NAME_START = /[_a-zA-Z]/
const NAME_CHAR = /[_a-zA-Z0-9]/
/** Nesting deeper than this is refused, so a hostile value cannot exhaust the stack. */
const MAX_DEPTH = 32

class TemplateError extends Error {}
class TooLargeError extends Error {}

interface State {
  text: string
  pos: number
  lookup: VariableLookup
  placeholder: string
  maxLength: number
  interpolated: boolean
  unresolved: boolean
  unknownValue: boolean
}

export function interpolate(
  text: string,
  lookup: VariableLookup,
  options: InterpolationOptions = {}
): InterpolationResult {
  if (!text.includes('$')) return { value: text, interpolated: false, unresolved: false }
  const state: State = {
    text,
    pos: 0,
    lookup,
    placeholder: options.placeholder ?? '',
    maxLength: options.maxLength ?? DEFAULT_MAX_VALUE_LENGTH,
    interpolated: false,
    unresolved: false,
    unknownValue: false
  }
  try {
    const value = readUntil(state, undefined, 0)
    return {
      value,
      interpolated: state.interpolated,
      unresolved: state.unresolved,
      ...(state.unknownValue ? { unknownValue: true } : {})
    }
  } catch (error) {
    if (error instanceof TooLargeError)
      return { value: state.placeholder, interpolated: true, unresolved: true, tooLarge: true }
    if (!(error instanceof TemplateError)) throw error
    return {
      value: text,
      interpolated: false,
      unresolved: false,
      error: `Invalid template: "${text}"${error.message ? ` (${error.message})` : ''}`
    }
  }
}

/** Reads text with substitutions until `stop` (a `}` closing an enclosing `${`), or the end. */
function readUntil(state: State, stop: '}' | undefined, depth: number): string {
  let out = ''
  while (state.pos < state.text.length) {
    const char = state.text[state.pos]!
    if (stop && char === stop) return out
    if (char !== '$') {
      out += char
      state.pos++
      continue
    }
    out += readDollar(state, depth)
    if (out.length > state.maxLength) throw new TooLargeError()
  }
  if (stop) throw new TemplateError('missing closing brace')
  return out
}

function readDollar(state: State, depth: number): string {
  const next = state.text[state.pos + 1]
  if (next === '$') {
    state.pos += 2
    return '$'
  }
  if (next === '{') {
    state.pos += 2
    return readBraced(state, depth + 1)
  }
  if (next !== undefined && NAME_START.test(next)) {
    state.pos++
    return substitute(state, readName(state))
  }
  // compose-go's pattern does not match a lone `$`: it stays as written.
  state.pos++
  return '$'
}

function readName(state: State): string {
  const start = state.pos
  while (state.pos < state.text.length && NAME_CHAR.test(state.text[state.pos]!)) state.pos++
  return state.text.slice(start, state.pos)
}

type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+'

function readOperator(state: State): Operator | undefined {
  const rest = state.text.slice(state.pos, state.pos + 2)
  for (const op of [':-', ':?', ':+', '-', '?', '+'] as const) {
    if (rest.startsWith(op)) {
      state.pos += op.length
      return op
    }
  }
  return undefined
}

function readBraced(state: State, depth: number): string {
  if (depth > MAX_DEPTH) throw new TemplateError('nested too deeply')
  const first = state.text[state.pos]
  if (first === undefined || !NAME_START.test(first))
    throw new TemplateError('invalid variable name')
  const name = readName(state)
  if (state.text[state.pos] === '}') {
    state.pos++
    return substitute(state, name)
  }
  const op = readOperator(state)
  if (!op) throw new TemplateError(`unexpected "${state.text[state.pos] ?? ''}" after ${name}`)
  // The operand is read in a scratch state so that an unused default leaves no trace.
  const operand = { ...state, interpolated: false, unresolved: false, unknownValue: false }
  const argument = readUntil(operand, '}', depth)
  state.pos = operand.pos + 1
  return applyOperator(state, name, op, argument, operand)
}

function applyOperator(
  state: State,
  name: string,
  op: Operator,
  argument: string,
  operand: { interpolated: boolean; unresolved: boolean; unknownValue: boolean }
): string {
  const value = state.lookup(name)
  if (value === null) return unknownValueOf(state)
  const emptyCounts = op.startsWith(':')
  const missing = value === undefined || (emptyCounts && value === '')
  const useOperand = () => {
    state.interpolated = true
    state.unresolved ||= operand.unresolved
    state.unknownValue ||= operand.unknownValue
    return argument
  }
  switch (op) {
    case ':-':
    case '-':
      if (missing) return useOperand()
      state.interpolated = true
      return value!
    case ':+':
    case '+':
      if (value === undefined) return unknown(state)
      if (missing) {
        state.interpolated = true
        return ''
      }
      return useOperand()
    case ':?':
    case '?':
      // Compose fails with the message; we cannot tell whether the variable will be set.
      if (missing) return unknown(state)
      state.interpolated = true
      return value!
  }
}

function substitute(state: State, name: string): string {
  const value = state.lookup(name)
  if (value === null) return unknownValueOf(state)
  if (value === undefined) return unknown(state)
  state.interpolated = true
  return value
}

function unknownValueOf(state: State): string {
  state.unknownValue = true
  return unknown(state)
}

function unknown(state: State): string {
  state.interpolated = true
  state.unresolved = true
  return state.placeholder
}

/** A lookup over several sources, the first that has the variable wins. */
export function lookupFrom(...sources: Array<ReadonlyMap<string, string | null>>): VariableLookup {
  return (name) => {
    for (const source of sources) {
      const value = source.get(name)
      if (value !== undefined) return value
    }
    return undefined
  }
}
