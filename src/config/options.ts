// The options contract between rules and the config loader (kube-linter's "parameters declared
// once, parsed once"). A rule declares each option once: what it accepts, its default, how to
// read it. The loader parses a rule's options once, when the config loads, and an error carries
// the path of the bad value inside the rule's `options` map (`['allow', 2, 'ports']`), so the
// loader points at that YAML node without reading the message.
//
// This module sits with the config because the loader needs it; rules import it from here, so
// the config never imports a rule (data flows config → rules, never back).

/** A path inside a rule's `options` map: keys and list indexes. */
export type OptionPath = ReadonlyArray<string | number>

/**
 * A bad option, with where it is; `detail` reads after its path (`must be …`). `at: 'key'`
 * points at the key itself (an unknown option), else at the value.
 */
export class OptionError extends Error {
  constructor(
    readonly path: OptionPath,
    readonly detail: string,
    readonly at: 'key' | 'value' = 'value'
  ) {
    super(`${formatOptionPath(path)} ${detail}`)
    this.name = 'OptionError'
  }
}

/** `allow[2].ports`: how messages name an option. */
export function formatOptionPath(path: OptionPath): string {
  let text = ''
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`
    else text += text === '' ? step : `.${step}`
  }
  return text === '' ? 'options' : text
}

/** One option of a rule: what it accepts (in words, for type errors and docs) and how to read it. */
export interface OptionSpec<T> {
  /** What the option accepts, as a type error says it: "a list of ports", "true or false". */
  accepts: string
  default: T
  /** Reads a value written in the config; throws OptionError (use `fail`) naming its path. */
  parse(value: unknown, path: OptionPath): T
}

/** A rule's whole options declaration: one spec per option. */
export type OptionsSpec<Options> = { readonly [K in keyof Options]: OptionSpec<Options[K]> }

/** The defaults of every option, for a rule the config does not configure. */
export function defaultOptions<Options>(spec: OptionsSpec<Options>): Options {
  const options = {} as Options
  for (const key of Object.keys(spec) as Array<keyof Options>) {
    options[key] = cloneDefault(spec[key].default)
  }
  return options
}

function cloneDefault<T>(value: T): T {
  return Array.isArray(value) ? ([...value] as T) : value
}

/**
 * Parses the `options` map a user wrote (plain data, as YAML loads it) against a declaration:
 * unknown keys and bad values throw an OptionError with the path of the value at fault.
 */
export function parseOptions<Options>(spec: OptionsSpec<Options>, raw: unknown): Options {
  if (raw === undefined || raw === null) return defaultOptions(spec)
  const record = asRecord(raw, [], 'a map of options')
  const known = Object.keys(spec)
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue
    throw new OptionError(
      [key],
      known.length === 0
        ? 'is not an option: this rule takes no options'
        : `is not a known option${suggestion(key, known)}; expected one of ${known.join(', ')}`,
      'key'
    )
  }
  const options = defaultOptions(spec)
  for (const key of known as Array<keyof Options & string>) {
    if (record[key] !== undefined) options[key] = spec[key].parse(record[key], [key])
  }
  return options
}

/** Throws the OptionError for a value that is not what `accepts` says. */
export function fail(path: OptionPath, accepts: string, value: unknown): never {
  throw new OptionError(path, `must be ${accepts} (got ${describeValue(value)})`)
}

/** How a type error shows the value it got: `"abc"`, `70000`, `a list`, `a map`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  if (typeof value === 'string') return JSON.stringify(value)
  return String(value)
}

function asRecord(value: unknown, path: OptionPath, accepts: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail(path, accepts, value)
  return value as Record<string, unknown>
}

// ---------------------------------------------------------------------------------------------
// The option kinds rules share

export function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535
}

export function booleanOption(defaultValue: boolean): OptionSpec<boolean> {
  const accepts = 'true or false'
  return {
    accepts,
    default: defaultValue,
    parse: (value, path) => (typeof value === 'boolean' ? value : fail(path, accepts, value))
  }
}

export function portListOption(defaultValue: number[] = []): OptionSpec<number[]> {
  const accepts = 'a list of ports (1-65535)'
  return {
    accepts,
    default: defaultValue,
    parse(value, path) {
      if (!Array.isArray(value)) fail(path, accepts, value)
      return value.map((item, index) =>
        isPortNumber(item) ? item : fail([...path, index], 'a port (1-65535)', item)
      )
    }
  }
}

export function stringListOption(defaultValue: string[] = []): OptionSpec<string[]> {
  const accepts = 'a list of non-empty strings'
  return {
    accepts,
    default: defaultValue,
    parse: (value, path) => readStringList(value, path)
  }
}

export function readStringList(value: unknown, path: OptionPath): string[] {
  if (!Array.isArray(value)) fail(path, 'a list of non-empty strings', value)
  return value.map((item, index) =>
    typeof item === 'string' && item !== ''
      ? item
      : fail([...path, index], 'a non-empty string', item)
  )
}

/** One of a fixed set of words, as a list: `check: [node-port, host-port]`. */
export function choiceListOption<T extends string>(
  choices: readonly T[],
  defaultValue: T[]
): OptionSpec<T[]> {
  const accepts = `a list of ${choices.join(', ')}`
  return {
    accepts,
    default: defaultValue,
    parse(value, path) {
      if (!Array.isArray(value)) fail(path, accepts, value)
      return value.map((item, index) =>
        (choices as readonly unknown[]).includes(item)
          ? (item as T)
          : fail([...path, index], `one of ${choices.join(', ')}`, item)
      )
    }
  }
}

export interface PortSpan {
  start: number
  end: number
}

/** `"32768-60999"` or `{ min: 32768, max: 60999 }`, as `ranges:` accepts them. */
export function portSpanOption(defaultValue: PortSpan): OptionSpec<PortSpan> {
  const accepts = 'a range "min-max" of ports or a map with min and max'
  return {
    accepts,
    default: defaultValue,
    parse: (value, path) => readPortSpan(value, path) ?? fail(path, accepts, value)
  }
}

/** A range `"8000-8099"` or `{ min, max }`; undefined when the value has neither shape. */
export function readPortSpan(value: unknown, path: OptionPath): PortSpan | undefined {
  let start: unknown
  let end: unknown
  if (typeof value === 'string') {
    const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value)
    if (!match) return undefined
    start = Number(match[1])
    end = Number(match[2])
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (key !== 'min' && key !== 'max')
        throw new OptionError([...path, key], 'is not a key of a range; expected min, max', 'key')
    }
    start = record.min
    end = record.max
    if (start === undefined) throw new OptionError([...path, 'min'], 'is missing')
    if (end === undefined) throw new OptionError([...path, 'max'], 'is missing')
    if (!isPortNumber(start)) fail([...path, 'min'], 'a port (1-65535)', start)
    if (!isPortNumber(end)) fail([...path, 'max'], 'a port (1-65535)', end)
  } else {
    return undefined
  }
  if (!isPortNumber(start) || !isPortNumber(end))
    throw new OptionError(path, `must be a range of ports (1-65535) (got ${describeValue(value)})`)
  if (start > end) throw new OptionError(path, `starts above its end (${start} > ${end})`)
  return { start, end }
}

// ---------------------------------------------------------------------------------------------

/** ` (did you mean "allow"?)` when a close candidate exists. */
export function suggestion(value: string, candidates: readonly string[]): string {
  let best: { candidate: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase())
    if (!best || distance < best.distance) best = { candidate, distance }
  }
  if (!best) return ''
  const limit = Math.max(2, Math.floor(best.candidate.length / 3))
  return best.distance <= limit ? ` (did you mean "${best.candidate}"?)` : ''
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
    }
    previous = current
  }
  return previous[b.length]!
}
