// Loading one Compose file into service drafts: its documents (later documents merge over
// earlier ones), what it pulls in with `include:`, and the services it `extends`.
// Files are reached through the ComposeFileSystem only, inside the scan root; a missing file,
// an include that leaves the root, or a cycle is skipped, never thrown.
import type { YAMLMap } from 'yaml'
import type { LimitExceeded } from '../../model.js'
import { sha256Hex } from '../../digest.js'
import {
  asMap,
  asSeq,
  get,
  getPair,
  keyText,
  locateKey,
  mapPairs,
  resolve,
  type NodeContext
} from '../../parse/nodes.js'
import {
  ComposeBudgetExceeded,
  composeBudget,
  ownItems,
  reachedThroughAlias,
  spend,
  type ComposeBudget
} from './budget.js'
import type { ParsedFile } from '../../parse/yaml.js'
import { parseDotenv, type DotenvValues } from './dotenv.js'
import type { VariableLookup } from './interpolate.js'
import { mergeDrafts } from './merge.js'
import { folderOf, joinInRoot, resolveInRoot } from './paths.js'
import {
  readServiceDraft,
  readString,
  type InvalidPortSink,
  type ServiceDraft,
  type ServiceReader,
  type ValueGuard
} from './service.js'

/** What the loader needs from the outside world. */
export interface LoadSession {
  /** A parsed file by relative path, or undefined when it is absent or outside the root. */
  parse(file: string): ParsedFile | undefined
  /** A text file (env files) by relative path. */
  readText(file: string): string | undefined
  report: InvalidPortSink
  /** Every file read for this project (the main file, overrides, includes, extends bases). */
  files: Set<string>
  /** The value size limit, and where a value past it is reported. */
  guard: ValueGuard
  /** Where the loader reports a limit it hit (a `.env` value too large). */
  limit(hit: LimitExceeded): void
  /**
   * Each file loaded once per environment: an include shared by many paths (a "diamond" 24 levels
   * deep) is reused, not loaded again on every path. Keyed by file and environment.
   */
  loaded: Map<string, LoadedFile>
  /** Each `extends` base resolved once per environment, however many services extend it. */
  extended?: Map<string, ServiceDraft | undefined>
  /** Services and ports each file may expand into through aliases and `extends` (limits.ts). */
  expansionBudget?: number
}

/** A name for each environment a file is interpolated with, so that loads can be reused. */
const environmentKeys = new WeakMap<VariableLookup, string>()
let environments = 0

function environmentKey(lookup: VariableLookup): string {
  let key = environmentKeys.get(lookup)
  if (key === undefined) {
    key = `environment-${++environments}`
    environmentKeys.set(lookup, key)
  }
  return key
}

/** The environment of an included file: the including one, then the include's env files. */
function derivedLookup(parent: VariableLookup, envValues: DotenvValues): VariableLookup {
  const lookup: VariableLookup = (name) => {
    const value = parent(name)
    return value !== undefined ? value : envValues.get(name)
  }
  const digest = sha256Hex(environmentKey(parent) + JSON.stringify([...envValues]))
  environmentKeys.set(lookup, digest)
  return lookup
}

export interface LoadedFile {
  services: Map<string, ServiceDraft>
  /** The top-level `name:`, interpolated (the last document that sets it wins). */
  name?: string
}

/** Bounds for hostile input: deeper include or extends chains are cut off. */
const MAX_INCLUDE_DEPTH = 32
const MAX_EXTENDS_DEPTH = 32

export function loadComposeFile(
  file: string,
  lookup: VariableLookup,
  session: LoadSession,
  includeStack: string[] = []
): LoadedFile {
  const cacheKey = `${file}\u0000${environmentKey(lookup)}`
  const cached = session.loaded.get(cacheKey)
  if (cached) return cached
  const loaded: LoadedFile = { services: new Map() }
  const parsed = session.parse(file)
  if (!parsed) return loaded
  session.files.add(file)
  session.loaded.set(cacheKey, loaded)
  const stack = [...includeStack, file]
  const budget =
    session.expansionBudget === undefined ? undefined : composeBudget(session.expansionBudget)
  for (const { document } of parsed.documents) {
    const ctx: NodeContext = { file, document, lineCounter: parsed.lineCounter }
    const top = asMap(document.contents, ctx)
    if (!top) continue
    for (const included of loadIncludes(top, ctx, lookup, session, stack)) {
      mergeServicesInto(loaded.services, included.services)
    }
    const name = readString(get(top, 'name', ctx), { ctx, lookup, guard: session.guard })
    if (name !== undefined) loaded.name = name
    const servicesPair = getPair(top, 'services', ctx)
    const services = asMap(servicesPair?.value, ctx)
    if (!services) continue
    const allAliased = reachedThroughAlias(ownItems(top), servicesPair!)
    const ownPairs = ownItems(services)
    const own = new Map<string, ServiceDraft>()
    const scope = { file, parsed, ctx, lookup, session, ...(budget ? { budget } : {}) }
    try {
      for (const pair of mapPairs(services, ctx)) {
        const service = keyText(pair.key)
        const aliased = allAliased || reachedThroughAlias(ownPairs, pair)
        own.set(service, loadService(service, pair.value, { ...scope, aliased }, []))
      }
    } catch (error) {
      if (!(error instanceof ComposeBudgetExceeded) || !budget) throw error
      // What was read before the budget ran out is kept; the rest of the file is not read.
      mergeServicesInto(loaded.services, own)
      session.limit({
        location: error.location,
        limit: 'expansion-budget',
        message:
          `Its aliases, merge keys and extends expand into more than ${budget.limit} services ` +
          'and ports (each use counts): the rest of this file was not checked.'
      })
      break
    }
    mergeServicesInto(loaded.services, own)
  }
  return loaded
}

/**
 * Services of a later layer merge over those of the same name; new ones are added. The very same
 * draft arriving again (one include reached by two paths) is taken once, as compose-go takes an
 * identical resource from two includes once.
 */
export function mergeServicesInto(
  target: Map<string, ServiceDraft>,
  layer: Map<string, ServiceDraft>
): void {
  for (const [name, draft] of layer) {
    const earlier = target.get(name)
    if (earlier === draft) continue
    target.set(name, earlier ? mergeDrafts(earlier, draft) : draft)
  }
}

/** `a` or `[a, b]`, each interpolated; empty and unresolved entries are left out. */
function readTextList(
  node: unknown,
  reader: Pick<ServiceReader, 'ctx' | 'lookup' | 'guard'>
): string[] {
  const seq = asSeq(node, reader.ctx)
  return (seq ? seq.items : [node])
    .map((item) => readString(item, reader))
    .filter((text): text is string => !!text)
}

// ---------------------------------------------------------------------------------------------
// include

interface IncludeEntry {
  paths: string[]
  projectDirectory?: string
  envFiles?: string[]
}

/**
 * compose-spec `include`: `- path` or `- {path: a | [a, a-override], project_directory, env_file}`.
 * Paths and env files resolve from the including file's folder; the included file is interpolated
 * with the including environment first, then its env files (default: `.env` in its project
 * directory) for what is still unset (compose-go `ApplyInclude`: `Environment.Merge(envFromFile)`
 * adds only unset keys, "local environment to override included .env").
 */
function loadIncludes(
  top: YAMLMap,
  ctx: NodeContext,
  lookup: VariableLookup,
  session: LoadSession,
  stack: string[]
): LoadedFile[] {
  const seq = asSeq(get(top, 'include', ctx), ctx)
  if (!seq || stack.length > MAX_INCLUDE_DEPTH) return []
  const folder = folderOf(ctx.file)
  const loaded: LoadedFile[] = []
  for (const item of seq.items) {
    const entry = readIncludeEntry(item, { ctx, lookup, guard: session.guard }, folder)
    if (!entry) continue
    const paths = entry.paths.filter((path) => !stack.includes(path))
    if (paths.length === 0) continue
    const projectDirectory = entry.projectDirectory ?? folderOf(paths[0]!)
    const envFiles = entry.envFiles ?? [joinInRoot(projectDirectory, '.env')]
    const envValues = readEnvFiles(envFiles, lookup, session)
    const includedLookup = derivedLookup(lookup, envValues)
    const services = new Map<string, ServiceDraft>()
    for (const path of paths) {
      mergeServicesInto(services, loadComposeFile(path, includedLookup, session, stack).services)
    }
    loaded.push({ services })
  }
  return loaded
}

function readIncludeEntry(
  item: unknown,
  reader: Pick<ServiceReader, 'ctx' | 'lookup' | 'guard'>,
  folder: string
): IncludeEntry | undefined {
  const inRoot = (paths: string[]) =>
    paths.map((path) => resolveInRoot(folder, path)).filter((path): path is string => !!path)
  const { ctx } = reader
  const map = asMap(item, ctx)
  if (!map) {
    const path = readString(item, reader)
    return path ? { paths: inRoot([path]) } : undefined
  }
  const paths = inRoot(readTextList(get(map, 'path', ctx), reader))
  const directory = readString(get(map, 'project_directory', ctx), reader)
  const envFileNode = get(map, 'env_file', ctx)
  const projectDirectory = directory === undefined ? undefined : resolveInRoot(folder, directory)
  return {
    paths,
    ...(projectDirectory !== undefined ? { projectDirectory } : {}),
    ...(envFileNode !== undefined ? { envFiles: inRoot(readTextList(envFileNode, reader)) } : {})
  }
}

/** Env files in order; a later file's value wins over an earlier one (compose `--env-file`). */
export function readEnvFiles(
  files: string[],
  lookup: VariableLookup,
  session: Pick<LoadSession, 'readText' | 'guard' | 'limit'>
): DotenvValues {
  const values: DotenvValues = new Map()
  const maxLength = session.guard.maxLength
  for (const file of files) {
    const text = session.readText(file)
    if (text === undefined) continue
    const onTooLarge = (key: string, line: number) =>
      session.limit({
        location: { file, line, column: 1 },
        limit: 'value-size',
        message: `${key} expands to more than ${maxLength} characters: its value is unknown here, so nothing that uses it is checked.`
      })
    for (const [key, value] of parseDotenv(text, lookup, { maxLength, onTooLarge }))
      values.set(key, value)
  }
  return values
}

// ---------------------------------------------------------------------------------------------
// services and extends

interface FileScope {
  file: string
  parsed: ParsedFile
  ctx: NodeContext
  lookup: VariableLookup
  session: LoadSession
  /** The expansion budget of the file being loaded (an `extends` base spends from it too). */
  budget?: ComposeBudget
  /** The service being read is reached through an alias or a merge key. */
  aliased?: boolean
}

/**
 * A service with what it `extends` resolved: the base service (same file, or `file:` relative to
 * this one, interpolated with the same environment) is merged under the local definition, as
 * compose-go `ApplyExtends` does per file before overrides are merged.
 */
function loadService(
  service: string,
  node: unknown,
  scope: FileScope,
  chain: string[]
): ServiceDraft {
  const { ctx, lookup, session, budget } = scope
  const local = readServiceDraft(service, node, {
    ctx,
    lookup,
    report: session.report,
    guard: session.guard,
    ...(budget ? { expansion: { budget, aliased: scope.aliased === true } } : {})
  })
  const extendsPair = getPair(asMap(node, ctx), 'extends', ctx)
  const extendsNode = extendsPair && resolve(extendsPair.value, ctx)
  if (extendsNode === undefined) return local
  const target = readExtendsTarget(extendsNode, scope)
  const key = target && `${target.file}#${target.service}`
  if (!target || !key || chain.includes(key) || chain.length >= MAX_EXTENDS_DEPTH) return local
  // The base is read once (and with no alias of its own), then copied into this service.
  // The chain holds each service once: the first hop adds this service, every hop its base.
  const next = chain.length === 0 ? [`${scope.file}#${service}`, key] : [...chain, key]
  const base = loadExtendedService(target.file, target.service, { ...scope, aliased: false }, next)
  if (!base) return local
  spend(budget, base.ports?.value?.length ?? 0, () => locateKey(extendsPair, ctx)!)
  return mergeDrafts(base, local)
}

function readExtendsTarget(
  node: unknown,
  scope: FileScope
): { file: string; service: string } | undefined {
  const { ctx } = scope
  const map = asMap(node, ctx)
  if (!map) {
    const service = readString(node, scope)
    return service ? { file: scope.file, service } : undefined
  }
  const service = readString(get(map, 'service', ctx), scope)
  const fileText = readString(get(map, 'file', ctx), scope)
  if (!service) return undefined
  if (fileText === undefined) return { file: scope.file, service }
  const file = resolveInRoot(folderOf(scope.file), fileText)
  return file ? { file, service } : undefined
}

function loadExtendedService(
  file: string,
  service: string,
  from: FileScope,
  chain: string[]
): ServiceDraft | undefined {
  const key = `${file}#${service}\u0000${environmentKey(from.lookup)}`
  const extended = (from.session.extended ??= new Map())
  if (extended.has(key)) return extended.get(key)
  const draft = resolveExtendedService(file, service, from, chain)
  extended.set(key, draft)
  return draft
}

function resolveExtendedService(
  file: string,
  service: string,
  from: FileScope,
  chain: string[]
): ServiceDraft | undefined {
  const parsed = file === from.file ? from.parsed : from.session.parse(file)
  if (!parsed) return undefined
  from.session.files.add(file)
  // The last document that defines the service is the one Compose would see after merging.
  for (const { document } of [...parsed.documents].reverse()) {
    const ctx: NodeContext = { file, document, lineCounter: parsed.lineCounter }
    const services = asMap(get(asMap(document.contents, ctx), 'services', ctx), ctx)
    const pair = services && mapPairs(services, ctx).find((each) => keyText(each.key) === service)
    if (!pair) continue
    return loadService(service, pair.value, { ...from, file, parsed, ctx }, chain)
  }
  return undefined
}
