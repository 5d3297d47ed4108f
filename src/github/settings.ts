// Every action input, read and validated once into a typed object (the actions/checkout shape).
// Nothing else reads `INPUT_*`. Reading happens when run() calls readSettings(), never at module
// load, so tests pass an environment instead of resetting modules.

import { statSync } from 'node:fs'
import path from 'node:path'

export type FailOn = 'error' | 'warning' | 'never'
export type CommentMode = 'always' | 'on-findings' | 'never'
/** Which findings `fail-on` counts: those the pull request adds, or all of them. */
export type FailOnScope = 'new' | 'all'
export type ReviewMode = 'off' | 'comments' | 'suggestions'

export interface Settings {
  /** Globs or paths relative to the working directory; empty = everything. */
  paths: string[]
  exclude: string[]
  /** As given (relative to the working directory), or undefined = the default lookup. */
  configPath?: string
  failOn: FailOn
  /** Undefined = the default for the event: `new` on a pull request, `all` elsewhere. */
  failOnScope?: FailOnScope
  comment: CommentMode
  review: ReviewMode
  /** Undefined when the input is empty (no token → no comment). */
  githubToken?: string
  annotations: boolean
  summary: boolean
  /** As given (relative to the working directory), or undefined = no SARIF file. */
  sarifFile?: string
  /** As given (relative to the working directory), or undefined = no inventory check. */
  inventoryFile?: string
  /** Absolute path of the folder to scan. */
  workingDirectory: string
}

/** A bad input value: the message names the input and what it accepts. */
export class InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

type Env = Record<string, string | undefined>

/**
 * The runner passes `with:` values as `INPUT_<NAME>`: upper-cased, spaces turned into `_`,
 * dashes kept (`fail-on` → `INPUT_FAIL-ON`), the same rule as @actions/core's getInput.
 */
function readInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/**
 * @param cwd where the process runs; the working directory is resolved against
 * `GITHUB_WORKSPACE` (what the runner checks out into), falling back to it.
 */
export function readSettings(env: Env, cwd: string = process.cwd()): Settings {
  const githubToken = readInput(env, 'github-token')
  const configPath = readInput(env, 'config')
  const sarifFile = readInput(env, 'sarif-file')
  const failOnScope = readInput(env, 'fail-on-scope')
    ? readChoice(env, 'fail-on-scope', ['new', 'all'] as const, 'all')
    : undefined
  const inventoryFile = readInput(env, 'inventory-file')
  return {
    paths: splitList(readInput(env, 'paths')),
    exclude: splitList(readInput(env, 'exclude')),
    ...(configPath ? { configPath } : {}),
    failOn: readChoice(env, 'fail-on', ['error', 'warning', 'never'] as const, 'error'),
    ...(failOnScope ? { failOnScope } : {}),
    comment: readCommentMode(env),
    review: readChoice(env, 'review', ['off', 'comments', 'suggestions'] as const, 'suggestions'),
    ...(githubToken ? { githubToken } : {}),
    annotations: readBoolean(env, 'annotations', true),
    summary: readBoolean(env, 'summary', true),
    ...(sarifFile ? { sarifFile } : {}),
    ...(inventoryFile ? { inventoryFile } : {}),
    workingDirectory: readWorkingDirectory(env, cwd)
  }
}

function readWorkingDirectory(env: Env, cwd: string): string {
  const value = readInput(env, 'working-directory') || '.'
  const absolute = path.resolve(env.GITHUB_WORKSPACE || cwd, value)
  if (!isDirectory(absolute)) {
    throw new InputError(
      `Input "working-directory" is ${JSON.stringify(value)}, which is not a folder (${absolute}).`
    )
  }
  return absolute
}

/**
 * Newline- or comma-separated, but a comma inside `{…}` belongs to a brace glob
 * (`**\/*.{yml,yaml}`), so only top-level commas split.
 */
export function splitList(value: string): string[] {
  const items: string[] = []
  let current = ''
  let depth = 0
  for (const char of value) {
    if (char === '{') depth++
    if (char === '}' && depth > 0) depth--
    if (char === '\n' || char === '\r' || (char === ',' && depth === 0)) {
      items.push(current)
      current = ''
    } else {
      current += char
    }
  }
  items.push(current)
  return items.map((item) => item.trim()).filter((item) => item !== '')
}

function readChoice<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T
): T {
  const value = readInput(env, name)
  if (value === '') return fallback
  const normalised = value.toLowerCase()
  const match = allowed.find((choice) => choice === normalised)
  if (match === undefined) throw new InputError(invalid(name, value, allowed))
  return match
}

/** DESIGN.md first named `true`/`false`; they stay accepted as `always`/`never`. */
function readCommentMode(env: Env): CommentMode {
  const value = readInput(env, 'comment').toLowerCase()
  if (value === 'true') return 'always'
  if (value === 'false') return 'never'
  return readChoice(env, 'comment', ['always', 'on-findings', 'never'] as const, 'always')
}

/** The YAML 1.2 core-schema spellings @actions/core's getBooleanInput accepts. */
function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = readInput(env, name)
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(invalid(name, value, ['true', 'false']))
}

function invalid(name: string, value: string, allowed: readonly string[]): string {
  return `Input "${name}" has an invalid value ${JSON.stringify(value)}: use one of ${allowed
    .map((choice) => `"${choice}"`)
    .join(', ')}.`
}

function isDirectory(absolute: string): boolean {
  try {
    return statSync(absolute).isDirectory()
  } catch {
    return false
  }
}
