// Glob matching for paths, excludes, the config file, rule options and ranges: minimatch's
// semantics (dot folders included), with a fast path. Every scan matches each file against the
// default globs (`**/*.{yml,yaml}`, `**/node_modules/**`, ...), and running minimatch's compiler
// cold costs a start-up about what scanning the files does on a small repository. So globs of
// the plain kind — literal names, `*` inside a name, `**` as a whole segment, one `{a,b}`
// alternation and `[.-]`-like classes — become one regular expression here; anything else, and
// any path that is not a plain relative path, goes to minimatch. __tests__/discover/glob.test.ts
// checks the fast path against minimatch on generated globs and paths.
import { Minimatch } from 'minimatch'

/** minimatch's options for every glob of the tool. */
export const GLOB_OPTIONS = { dot: true, nocase: false, matchBase: false } as const

export type PathMatcher = (file: string) => boolean

/** Compiles a glob; `fastPath: false` always uses minimatch (for the equivalence test). */
export function compileGlob(glob: string, fastPath = true): PathMatcher {
  const minimatch = lazyMinimatch(glob)
  const regex = fastPath ? plainGlobRegex(glob) : undefined
  if (!regex) return (file) => minimatch().match(file)
  return (file) => (isPlainPath(file) ? regex.test(file) : minimatch().match(file))
}

function lazyMinimatch(glob: string): () => Minimatch {
  let matcher: Minimatch | undefined
  return () => (matcher ??= new Minimatch(glob, GLOB_OPTIONS))
}

/**
 * A relative POSIX path without empty, `.` or `..` segments or backslashes: minimatch treats
 * those specially (dot segments are never matched by `*`, Windows separators, ...), the fast
 * path does not try to.
 */
function isPlainPath(file: string): boolean {
  return file !== '' && !file.includes('\\') && !/(?:^|\/)\.{0,2}(?:\/|$)/.test(file)
}

// Characters that make a glob other than plain: extglobs, `?`, escapes, negation, comments.
const SPECIAL = /[?()!+@\\#]/
const LITERAL_ALTERNATIVE = /^[^*?[\]{}()!+@\\#,/]+$/

/** The regular expression of a plain glob, or undefined for minimatch to handle it. */
export function plainGlobRegex(glob: string): RegExp | undefined {
  if (glob === '' || SPECIAL.test(glob)) return undefined
  const alternatives = expandBraces(glob)
  if (!alternatives) return undefined
  const sources: string[] = []
  for (const alternative of alternatives) {
    const source = plainPatternSource(alternative)
    if (source === undefined) return undefined
    sources.push(source)
  }
  return new RegExp(`^(?:${sources.join('|')})$`)
}

/** One `{a,b,...}` of literal alternatives, expanded as brace-expansion does; undefined otherwise. */
function expandBraces(glob: string): string[] | undefined {
  const open = glob.indexOf('{')
  if (open === -1) return glob.includes('}') || glob.includes(',') ? undefined : [glob]
  const close = glob.indexOf('}', open)
  if (close === -1) return undefined
  const before = glob.slice(0, open)
  const after = glob.slice(close + 1)
  if (/[{},]/.test(before) || /[{},]/.test(after)) return undefined
  const options = glob.slice(open + 1, close).split(',')
  if (options.length < 2) return undefined
  if (!options.every((option) => LITERAL_ALTERNATIVE.test(option) && !option.includes('..'))) {
    return undefined
  }
  return options.map((option) => `${before}${option}${after}`)
}

const GLOBSTAR = '**'

/** The regular expression source of one brace-free pattern, or undefined if it is not plain. */
function plainPatternSource(pattern: string): string | undefined {
  const segments = pattern.split('/')
  const parts: string[] = []
  for (const segment of segments) {
    if (segment === GLOBSTAR) {
      if (parts.at(-1) === GLOBSTAR) return undefined
      parts.push(GLOBSTAR)
      continue
    }
    const source = segmentSource(segment)
    if (source === undefined) return undefined
    parts.push(source)
  }
  if (parts.length === 1 && parts[0] === GLOBSTAR) return '[^/]+(?:/[^/]+)*'
  let source = ''
  parts.forEach((part, index) => {
    const last = index === parts.length - 1
    if (part !== GLOBSTAR) {
      source += part + (last ? '' : '/')
    } else if (last) {
      // `a/**` needs at least one segment below `a` (minimatch: `a/**` does not match `a`).
      source = `${source.slice(0, -1)}(?:/[^/]+)+`
    } else {
      // `**/` anywhere else is zero or more whole segments.
      source += '(?:[^/]+/)*'
    }
  })
  return source
}

/** Class members that are literal characters: no negation, range, POSIX class or nesting. */
function isLiteralClass(members: string): boolean {
  if (members === '' || /[[\]^!/:=\\]/.test(members)) return false
  // A `-` first or last is literal; anywhere else it makes a range.
  return !members.slice(1, -1).includes('-')
}

/** One segment: literal characters, `*` and simple classes such as `[.-]`. */
function segmentSource(segment: string): string | undefined {
  if (segment === '' || segment === '.' || segment === '..' || segment.includes(GLOBSTAR)) {
    return undefined
  }
  let source = ''
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index]!
    if (char === '*') {
      source += '[^/]*'
    } else if (char === '[') {
      const close = segment.indexOf(']', index + 1)
      const members = close === -1 ? '' : segment.slice(index + 1, close)
      if (!isLiteralClass(members)) return undefined
      source += `[${members.replace(/[\\\]^-]/g, '\\$&')}]`
      index = close
    } else if (char === ']') {
      return undefined
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    }
  }
  return source
}
