// Reads `.github/port-hygiene.yml` (and `.github/port-ranges.json`) into a ResolvedConfig.
// Validation is strict and positional: a typo in a config file silently turning a rule off is
// worse than a failed run, so every unknown key, unknown rule id or bad value is a ConfigError
// that names the file, line and column of the node at fault.
import { jsonErrorOffset } from './json-syntax.js'
import { lstatSync } from 'node:fs'
import path from 'node:path'
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLMap
} from 'yaml'
import { toPosix } from '../discover/discover.js'
import { BLOCK_YAML_OPTIONS, parseBlockYaml } from '../parse/block-yaml.js'
import { isInside, readGuarded } from '../discover/read.js'
import { escapeControls, excerpt, type Severity } from '../model.js'
import {
  OptionError,
  formatOptionPath,
  parseOptions,
  suggestion,
  type OptionPath
} from './options.js'
import {
  DEFAULT_EXCLUDE,
  defaultConfig,
  type ConfigurableRule,
  type PortRangeLimit,
  type ResolvedConfig,
  type RuleSetting
} from './types.js'

/** Default config locations, relative to the scan root; the first one that exists is read. */
export const CONFIG_FILE_CANDIDATES = ['.github/port-hygiene.yml', '.github/port-hygiene.yaml']
export const PORT_RANGES_FILE = '.github/port-ranges.json'

/** Keys the config file accepts at the top level (the JSON Schema's properties must match). */
export const CONFIG_KEYS = [
  'include',
  'exclude',
  'defaultExcludes',
  'maxFileSize',
  'rules',
  'ranges',
  'nodeScopes',
  'composeGroups'
] as const

export const RANGE_KEYS = ['namespaces', 'paths', 'projects'] as const
export const RULE_SETTING_KEYS = ['severity', 'options'] as const
export const SEVERITY_VALUES = ['off', 'notice', 'warning', 'error'] as const

/** A configuration problem: the message starts with `file:line:column:` when a position is known. */
export class ConfigError extends Error {
  readonly file?: string
  readonly line?: number
  readonly column?: number

  constructor(detail: string, where?: { file: string; line?: number; column?: number }) {
    super(where ? `${formatWhere(where)}: ${detail}` : detail)
    this.name = 'ConfigError'
    if (where) {
      this.file = where.file
      if (where.line !== undefined) this.line = where.line
      if (where.column !== undefined) this.column = where.column
    }
  }
}

function formatWhere(where: { file: string; line?: number; column?: number }): string {
  if (where.line === undefined) return where.file
  return `${where.file}:${where.line}:${where.column ?? 1}`
}

export interface LoadConfigOptions {
  /** Absolute scan root: the default config and `.github/port-ranges.json` are looked up under it. */
  root: string
  /** An explicit config file (absolute, or relative to the root); it must exist. */
  configPath?: string
  /**
   * The rules the config may name, with their option declarations: the registry, passed in by
   * the front ends (the config stage is upstream of the rules and never imports them).
   */
  rules: readonly ConfigurableRule[]
}

export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const registry = options.rules
  const config = defaultConfig()
  const configFile = await findConfigFile(options.root, options.configPath)
  if (configFile) {
    const text = readConfigText(configFile, options.root)
    applyConfigFile(config, parseYaml(text, configFile.display), registry)
    config.configFile = configFile.display
  }
  const ranges = { absolute: path.join(options.root, PORT_RANGES_FILE), display: PORT_RANGES_FILE }
  if (exists(ranges.absolute)) {
    applyPortRangesJson(config, readConfigText(ranges, options.root), PORT_RANGES_FILE)
  }
  return config
}

interface LocatedFile {
  absolute: string
  /** Root-relative POSIX path when inside the root, else the absolute path: used in messages. */
  display: string
}

async function findConfigFile(root: string, explicit?: string): Promise<LocatedFile | undefined> {
  if (explicit !== undefined) {
    const absolute = path.resolve(root, explicit)
    const located = { absolute, display: displayPath(root, absolute) }
    if (!exists(absolute)) throw new ConfigError(`config file not found: ${located.display}`)
    return located
  }
  const existing: LocatedFile[] = []
  for (const candidate of CONFIG_FILE_CANDIDATES) {
    const absolute = path.join(root, candidate)
    if (exists(absolute)) existing.push({ absolute, display: candidate })
  }
  // Two config files would leave one of them silently ignored.
  if (existing.length > 1) {
    throw new ConfigError(
      `both ${existing.map((file) => file.display).join(' and ')} exist; keep only one`
    )
  }
  return existing[0]
}

/** Anything at that path, even a dangling link or a FIFO: the guard then says what is wrong. */
function exists(absolute: string): boolean {
  try {
    lstatSync(absolute)
    return true
  } catch {
    return false
  }
}

/** Config files come from the pull request like the scanned ones: the same guard, and a refusal never quotes the file. */
const MAX_CONFIG_SIZE = 1024 * 1024

/**
 * A file under the root must stay inside it after links; an explicit config outside the root
 * (CLI `--config ~/x.yml`) is confined to its own folder the same way.
 */
function readConfigText(file: LocatedFile, root: string): string {
  const inRoot = isInside(path.resolve(root), file.absolute) ? root : path.dirname(file.absolute)
  const read = readGuarded(inRoot, path.relative(inRoot, file.absolute), {
    maxSize: MAX_CONFIG_SIZE
  })
  if (read.refused !== undefined)
    throw new ConfigError(`cannot read this file: ${read.refused}`, { file: file.display })
  return read.text
}

function displayPath(root: string, absolute: string): string {
  const relative = path.relative(root, absolute)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return absolute
  return toPosix(relative)
}

// ---------------------------------------------------------------------------------------------
// Positional reading of a YAML (or JSON) document

/** One parsed config document plus what is needed to point at its nodes. */
class ConfigSource {
  constructor(
    readonly file: string,
    readonly document: Document.Parsed,
    readonly lineCounter: LineCounter
  ) {}

  /** Throws a ConfigError located at `node` (a key, a value, or the whole document). */
  fail(node: unknown, message: string): never {
    const range = (node as Node | undefined)?.range ?? this.document.range
    const pos = this.lineCounter.linePos(range[0])
    throw new ConfigError(message, { file: this.file, line: pos.line, column: pos.col })
  }

  resolve(node: unknown): Node | undefined {
    // Aliases are followed once: a config file has no reason for deeper chains.
    if (isAlias(node)) return (node.resolve(this.document) ?? undefined) as Node | undefined
    return (node ?? undefined) as Node | undefined
  }

  /** The pairs of a map with their key text; a non-scalar key is an error. */
  pairs(map: YAMLMap, where: string): Array<{ key: string; pair: Pair }> {
    return map.items.filter(isPair).map((pair) => {
      if (!isScalar(pair.key) || pair.key.value === null)
        this.fail(pair.key, `${where}: keys must be text`)
      return { key: String(pair.key.value), pair }
    })
  }

  expectMap(node: unknown, where: string): YAMLMap {
    const resolved = this.resolve(node)
    if (!isMap(resolved)) this.fail(node, `${where} must be a map (got ${describeNode(resolved)})`)
    return resolved
  }

  expectString(node: unknown, where: string): string {
    const resolved = this.resolve(node)
    if (!isScalar(resolved) || typeof resolved.value !== 'string' || resolved.value.trim() === '') {
      this.fail(node, `${where} must be a non-empty string (got ${describeNode(resolved)})`)
    }
    return resolved.value
  }

  expectStringList(node: unknown, where: string): string[] {
    const resolved = this.resolve(node)
    if (!isSeq(resolved))
      this.fail(node, `${where} must be a list of strings (got ${describeNode(resolved)})`)
    return resolved.items.map((item, index) => this.expectString(item, `${where}[${index}]`))
  }

  expectBoolean(node: unknown, where: string): boolean {
    const resolved = this.resolve(node)
    if (!isScalar(resolved) || typeof resolved.value !== 'boolean') {
      this.fail(node, `${where} must be true or false (got ${describeNode(resolved)})`)
    }
    return resolved.value
  }

  /** Fails on the first key not in `allowed`, suggesting the closest allowed one. */
  checkKeys(map: YAMLMap, allowed: readonly string[], where: string): void {
    for (const { key, pair } of this.pairs(map, where)) {
      if (allowed.includes(key)) continue
      const prefix = where ? `${where}: ` : ''
      this.fail(
        pair.key,
        `${prefix}unknown key "${key}"${suggestion(key, allowed)}; expected one of ${allowed.join(', ')}`
      )
    }
  }

  /**
   * The node an option path names inside a rule's options map: the value, or the key itself for
   * an unknown key. A path that leaves the document (a missing key) stops at the deepest node.
   */
  nodeAt(options: YAMLMap, path: OptionPath, at: 'key' | 'value'): Node {
    let node: Node = options
    for (const [index, step] of path.entries()) {
      const current = this.resolve(node)
      let next: Node | undefined
      if (typeof step === 'number' && isSeq(current)) {
        next = (current.items[step] ?? undefined) as Node | undefined
      } else if (typeof step === 'string' && isMap(current)) {
        const pair = current.items.find((item) => isScalar(item.key) && item.key.value === step)
        const keyWanted = at === 'key' && index === path.length - 1
        next = (pair && (keyWanted ? pair.key : (pair.value ?? pair.key))) as Node | undefined
      }
      if (!next) break
      node = next
    }
    return node
  }

  /** Position text for a PortRangeLimit's `source`: `file:line`. */
  sourceOf(node: unknown): string {
    const range = (node as Node | undefined)?.range ?? this.document.range
    return `${this.file}:${this.lineCounter.linePos(range[0]).line}`
  }
}

function describeNode(node: Node | undefined): string {
  if (node === undefined) return 'nothing'
  if (isMap(node)) return 'a map'
  if (isSeq(node)) return 'a list'
  if (isScalar(node)) {
    if (node.value === null) return 'null'
    if (typeof node.value === 'string') return excerpt(node.value)
    return String(node.value)
  }
  return 'an unsupported value'
}

function parseYaml(text: string, file: string): ConfigSource {
  const plain = plainBlockDocument(text)
  if (plain) return new ConfigSource(file, plain.document, plain.lineCounter)
  const lineCounter = new LineCounter()
  // uniqueKeys: a key written twice would otherwise let the last one win without a word.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const error = document.errors[0]
  if (error) {
    const pos = lineCounter.linePos(error.pos[0])
    const detail = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    throw new ConfigError(`invalid YAML: ${detail}`, { file, line: pos.line, column: pos.col })
  }
  return new ConfigSource(file, document, lineCounter)
}

/**
 * A config file in plain block YAML, read by the block loader (src/parse/block-yaml.ts) into the
 * same nodes as `yaml`. Its reason is start-up: a scan that touches no other YAML the loader
 * declines never runs `yaml`'s parser, which costs about 10 ms cold (docs/performance.md). Undefined
 * for whatever `yaml` reads differently under this file's options, or rejects, so that `yaml` says
 * so: a construct the loader declines (merge keys among them: the loader would merge, this file's
 * YAML 1.2 does not), more than one document, a key written twice (`uniqueKeys`).
 */
export function plainBlockDocument(
  text: string
): { document: Document.Parsed; lineCounter: LineCounter } | undefined {
  const read = parseBlockYaml(text, BLOCK_YAML_OPTIONS)
  if (read?.all.length !== 1 || hasRepeatedKey(read.all[0]!.contents)) return undefined
  return { document: read.all[0]!, lineCounter: read.lineCounter }
}

function hasRepeatedKey(node: unknown): boolean {
  if (isSeq(node)) return node.items.some(hasRepeatedKey)
  if (!isMap(node)) return false
  const keys = new Set<unknown>()
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key
    if (keys.has(key) || hasRepeatedKey(pair.value)) return true
    keys.add(key)
  }
  return false
}

/** Key path text for messages: `rules.privileged-port`, `ranges.paths["teams/alpha/**"]`. */
function child(parent: string, key: string): string {
  const plain = /^[A-Za-z0-9_-]+$/.test(key)
  if (!parent) return plain ? key : JSON.stringify(key)
  return plain ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`
}

// ---------------------------------------------------------------------------------------------
// .github/port-hygiene.yml

function applyConfigFile(
  config: ResolvedConfig,
  source: ConfigSource,
  registry: readonly ConfigurableRule[]
): void {
  const top = source.resolve(source.document.contents)
  // An empty file (or one holding only comments) means "all defaults".
  if (top === undefined || (isScalar(top) && top.value === null)) return
  const map = source.expectMap(top, 'the config file')
  source.checkKeys(map, CONFIG_KEYS, '')
  const entries = new Map(source.pairs(map, '').map(({ key, pair }) => [key, pair.value]))

  if (entries.has('include')) {
    config.include = source.expectStringList(entries.get('include'), 'include')
    // An empty include would scan nothing and report a clean repository.
    if (config.include.length === 0) {
      source.fail(entries.get('include'), 'include must list at least one glob')
    }
  }
  const excludes = entries.has('exclude')
    ? source.expectStringList(entries.get('exclude'), 'exclude')
    : []
  const keepDefaults = entries.has('defaultExcludes')
    ? source.expectBoolean(entries.get('defaultExcludes'), 'defaultExcludes')
    : true
  config.exclude = [...(keepDefaults ? DEFAULT_EXCLUDE : []), ...excludes]
  if (entries.has('maxFileSize'))
    config.maxFileSize = readFileSize(source, entries.get('maxFileSize'))
  if (entries.has('rules')) config.rules = readRules(source, entries.get('rules'), registry)
  if (entries.has('ranges')) readRanges(source, entries.get('ranges'), config)
  if (entries.has('nodeScopes'))
    config.scopes.nodeScopes = readNodeScopes(source, entries.get('nodeScopes'))
  if (entries.has('composeGroups'))
    config.scopes.composeGroups = readComposeGroups(source, entries.get('composeGroups'))
}

const SIZE_UNITS: Record<string, number> = {
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
}

/** `maxFileSize: 1048576` or `maxFileSize: 5MB` (units are powers of 1024). */
function readFileSize(source: ConfigSource, node: unknown): number {
  const resolved = source.resolve(node)
  const value = isScalar(resolved) ? resolved.value : undefined
  const bad = () =>
    source.fail(
      node,
      `maxFileSize must be a positive number of bytes or a size such as "5MB" (got ${describeNode(resolved)})`
    )
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value <= 0) bad()
    return value
  }
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value) : null
  const unit = SIZE_UNITS[match?.[2]?.toLowerCase() ?? 'none']
  if (!match || unit === undefined) bad()
  const bytes = Math.floor(Number(match![1]) * unit!)
  if (bytes <= 0) bad()
  return bytes
}

function readRules(
  source: ConfigSource,
  node: unknown,
  registry: readonly ConfigurableRule[]
): Record<string, RuleSetting> {
  const map = source.expectMap(node, 'rules')
  const ids = registry.map((rule) => rule.meta.id)
  const settings: Record<string, RuleSetting> = {}
  for (const { key, pair } of source.pairs(map, 'rules')) {
    const rule = registry.find((candidate) => candidate.meta.id === key)
    if (!rule) source.fail(pair.key, `rules: unknown rule "${key}"${suggestion(key, ids)}`)
    settings[key] = readRuleSetting(source, pair.value, rule)
  }
  return settings
}

/** `privileged-port: warning` or `privileged-port: { severity: warning, options: {...} }`. */
function readRuleSetting(source: ConfigSource, node: unknown, rule: ConfigurableRule): RuleSetting {
  const where = child('rules', rule.meta.id)
  const resolved = source.resolve(node)
  if (!isMap(resolved)) return { severity: readSeverity(source, node, where) }
  source.checkKeys(resolved, RULE_SETTING_KEYS, where)
  const severityNode = resolved.get('severity', true)
  const severity =
    severityNode === undefined
      ? rule.meta.defaultSeverity
      : readSeverity(source, severityNode, `${where}.severity`)
  const setting: RuleSetting = { severity }
  if (resolved.has('options')) {
    const optionsNode = resolved.get('options', true)
    setting.options = readRuleOptions(source, optionsNode, rule, `${where}.options`)
  }
  return setting
}

function readSeverity(source: ConfigSource, node: unknown, where: string): Severity | 'off' {
  const resolved = source.resolve(node)
  const value = isScalar(resolved) ? resolved.value : undefined
  if (typeof value === 'string' && (SEVERITY_VALUES as readonly string[]).includes(value)) {
    return value as Severity | 'off'
  }
  return source.fail(
    node,
    `${where} must be one of ${SEVERITY_VALUES.join(', ')} (got ${describeNode(resolved)})`
  )
}

/**
 * Options are parsed here, once, by the rule's own declaration: a bad option fails the run up
 * front, at the YAML node its path names, instead of deep inside the scan.
 */
function readRuleOptions(
  source: ConfigSource,
  node: unknown,
  rule: ConfigurableRule,
  where: string
): unknown {
  const resolved = source.resolve(node)
  if (!isMap(resolved)) source.fail(node, `${where} must be a map (got ${describeNode(resolved)})`)
  let raw: unknown
  try {
    raw = resolved.toJS(source.document)
  } catch (error) {
    // yaml refuses to expand alias bombs ("Excessive alias count"): a config error, not a crash.
    source.fail(node, `${where}: ${(error as Error).message}`)
  }
  try {
    return parseOptions(rule.options, raw)
  } catch (error) {
    if (!(error instanceof OptionError)) throw error
    const at = error.path.length === 0 ? where : `${where}.${formatOptionPath(error.path)}`
    source.fail(source.nodeAt(resolved, error.path, error.at), `${at} ${error.detail}`)
  }
}

function readRanges(source: ConfigSource, node: unknown, config: ResolvedConfig): void {
  const map = source.expectMap(node, 'ranges')
  source.checkKeys(map, RANGE_KEYS, 'ranges')
  for (const { key, pair } of source.pairs(map, 'ranges')) {
    const where = child('ranges', key)
    const entries = source
      .pairs(source.expectMap(pair.value, where), where)
      .map(({ key: name, pair: entry }) => {
        const at = child(where, name)
        if (name.trim() === '') source.fail(entry.key, `${where}: keys must be non-empty`)
        return { name, range: readRange(source, entry.value, at) }
      })
    if (key === 'paths') {
      config.ranges.paths = entries.map(({ name, range }) => ({ glob: name, range }))
    } else {
      const target = key === 'namespaces' ? config.ranges.namespaces : config.ranges.projects
      for (const { name, range } of entries) setOwn(target, name, range)
    }
  }
}

/** A port range: `"30000-30999"` or `{ min: 30000, max: 30999 }`. */
function readRange(source: ConfigSource, node: unknown, where: string): PortRangeLimit {
  const resolved = source.resolve(node)
  if (isScalar(resolved) && typeof resolved.value === 'string') {
    const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(resolved.value)
    if (!match)
      source.fail(
        node,
        `${where} must be "min-max", e.g. "30000-30999" (got ${describeNode(resolved)})`
      )
    return checkRange(source, node, where, Number(match[1]), Number(match[2]))
  }
  if (!isMap(resolved)) {
    source.fail(
      node,
      `${where} must be "min-max" or a map with min and max (got ${describeNode(resolved)})`
    )
  }
  source.checkKeys(resolved, ['min', 'max'], where)
  const bound = (name: 'min' | 'max'): number => {
    const valueNode = resolved.get(name, true)
    if (valueNode === undefined) source.fail(resolved, `${where}.${name} is missing`)
    const value = isScalar(valueNode) ? valueNode.value : undefined
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      source.fail(
        valueNode,
        `${where}.${name} must be a whole number (got ${describeNode(valueNode)})`
      )
    }
    return value
  }
  return checkRange(source, resolved, where, bound('min'), bound('max'))
}

function checkRange(
  source: ConfigSource,
  node: unknown,
  where: string,
  min: number,
  max: number
): PortRangeLimit {
  for (const port of [min, max]) {
    if (port < 1 || port > 65535) source.fail(node, `${where}: ${port} is not a port (1-65535)`)
  }
  if (min > max) source.fail(node, `${where}: min ${min} is greater than max ${max}`)
  return { min, max, source: source.sourceOf(node) }
}

/** `nodeScopes: { prod: ["clusters/prod/**"] }`, kept in file order. */
function readNodeScopes(
  source: ConfigSource,
  node: unknown
): Array<{ name: string; paths: string[] }> {
  const map = source.expectMap(node, 'nodeScopes')
  return source.pairs(map, 'nodeScopes').map(({ key, pair }) => {
    const where = child('nodeScopes', key)
    const paths = source.expectStringList(pair.value, where)
    if (paths.length === 0) source.fail(pair.value, `${where} must list at least one path glob`)
    return { name: key, paths }
  })
}

/**
 * `composeGroups: [[stack/app, stack/db], ...]`: each group at least two folders or globs, and a
 * folder is written as a path relative to the scan root (`./` and a trailing `/` are dropped).
 */
function readComposeGroups(source: ConfigSource, node: unknown): string[][] {
  const resolved = source.resolve(node)
  if (!isSeq(resolved))
    source.fail(node, `composeGroups must be a list of lists (got ${describeNode(resolved)})`)
  return resolved.items.map((item, index) => {
    const where = `composeGroups[${index}]`
    const entries = source
      .expectStringList(item, where)
      .map((entry) => entry.trim().replace(/^\.\//, '').replace(/\/+$/, ''))
    if (entries.length < 2) source.fail(item, `${where} must list at least two folders or globs`)
    return entries
  })
}

// ---------------------------------------------------------------------------------------------
// .github/port-ranges.json

/**
 * `{"team-alpha": {"min": 30000, "max": 30999}}`, keys are namespaces. Entries of the config
 * file win over this file, namespace by namespace.
 */
function applyPortRangesJson(config: ResolvedConfig, text: string, file: string): void {
  const clean = text.replace(/^\uFEFF/, '')
  checkJsonSyntax(clean, file)
  // JSON is YAML 1.2, so the YAML parser gives positions for the validation messages.
  const source = parseYaml(clean, file)
  const map = source.expectMap(source.document.contents, 'the port ranges file')
  for (const { key, pair } of source.pairs(map, '')) {
    if (Object.hasOwn(config.ranges.namespaces, key)) continue
    setOwn(config.ranges.namespaces, key, readRange(source, pair.value, child('', key)))
  }
}

/**
 * `target[key] = value` for a key a repository wrote: `__proto__` would set the prototype and
 * `constructor` is found on it, so the key is defined as an own property whatever it is.
 */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true
  })
}

function checkJsonSyntax(text: string, file: string): void {
  try {
    JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    const named = /position (\d+)/.exec(message)?.[1]
    const offset = named !== undefined ? Number(named) : jsonErrorOffset(text)
    const where = offset === undefined ? { file } : { file, ...lineColumn(text, offset) }
    throw new ConfigError(`invalid JSON: ${withoutQuotedContent(message)}`, where)
  }
}

/** V8 quotes the start of the text (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`): cut it. */
function withoutQuotedContent(message: string): string {
  return escapeControls(
    message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, ".*$/s, '')
      .replace(
        /^Unexpected token '(.)'$/su,
        (_, char: string) => `unexpected character ${excerpt(char)}`
      )
  )
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n') }
}
