// Compose projects: which files form one, and the bindings of a loaded project.
//
// A project is a main compose file plus its override in the same folder (what `docker compose`
// loads by default), plus everything they `include` and `extends`. The environment for
// interpolation is the `env` given to the scan, then the `.env` next to the main file (Compose:
// "values set in the shell environment override those set in the .env file"), then defaults.
import { posix } from 'node:path'
import type {
  ComposeProject,
  ComposeServiceRef,
  ExposedPort,
  InvalidPort,
  LimitExceeded,
  PortBinding
} from '../../model.js'
import type { ParsedFile } from '../../parse/yaml.js'
import { DEFAULT_LIMITS } from '../../limits.js'
import { DEFAULT_MAX_VALUE_LENGTH, lookupFrom } from './interpolate.js'
import { loadComposeFile, mergeServicesInto, readEnvFiles, type LoadSession } from './load.js'
import { finishService, type MergedService } from './merge.js'
import { baseCandidatesOf, folderOf, joinInRoot, normalizeProjectName } from './paths.js'
import type { ComposePort, ServiceDraft } from './service.js'
import { append } from '../../append.js'

export interface ProjectPlan {
  main: string
  /** Override files merged over the main one, in order. */
  overrides: string[]
  /**
   * An overlay merged last (`-f main -f overlay`): the project is the main one's, and only what
   * the overlay's files bring is kept (the main project reports its own lines).
   */
  overlay?: string
}

/**
 * Pairs every override file with the main file of its folder. An override whose main file is
 * not among `files` stands alone (someone runs it with `-f`), and so does every other file.
 */
export function planProjects(files: string[]): ProjectPlan[] {
  const present = new Set(files)
  const overridesByMain = new Map<string, string[]>()
  const mains: string[] = []
  for (const file of files) {
    const base = baseCandidatesOf(file)?.find((candidate) => present.has(candidate))
    if (base) overridesByMain.set(base, [...(overridesByMain.get(base) ?? []), file])
    else mains.push(file)
  }
  return mains.map((main) => ({ main, overrides: (overridesByMain.get(main) ?? []).sort() }))
}

export interface ProjectSources {
  parse(file: string): ParsedFile | undefined
  readText(file: string): string | undefined
  /** Name of the scan root folder: the default project name of a compose file at the root. */
  rootName?: string
}

export interface ProjectOptions {
  /** Compose `--env-file`: replaces the default `.env` of the main file's folder. */
  envFiles?: string[]
  /** Longest interpolated or `.env` value (limits.ts `maxValueLength`). */
  maxValueLength?: number
  /** Services and ports each file may expand into through aliases (limits.ts `expansionBudget`). */
  expansionBudget?: number
}

export interface LoadedProject {
  project: ComposeProject
  bindings: PortBinding[]
  exposedPorts: ExposedPort[]
  invalidPorts: InvalidPort[]
  limitsExceeded: LimitExceeded[]
  /** Some service has an `image` or a `build` after merging: `docker compose up` can start it. */
  runnable: boolean
}

/** The default name when nothing else gives one (a compose file at the root of an unnamed scan). */
export const FALLBACK_PROJECT_NAME = 'root'

export function loadProject(
  plan: ProjectPlan,
  sources: ProjectSources,
  env: Record<string, string | undefined> | ReadonlyMap<string, string>,
  options: ProjectOptions = {}
): LoadedProject {
  const folder = folderOf(plan.main)
  const environment =
    env instanceof Map ? env : environmentMap(env as Record<string, string | undefined>)
  const envFiles = options.envFiles ?? [joinInRoot(folder, '.env')]
  // Port problems are buffered: the project name they carry is known once every file is read.
  const pending: Array<{ invalid: Omit<InvalidPort, 'object'>; service: string }> = []
  const limitsExceeded: LimitExceeded[] = []
  const limit = (hit: LimitExceeded) => limitsExceeded.push(hit)
  const maxLength = options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH
  const session: LoadSession = {
    parse: (file) => sources.parse(file),
    readText: (file) => sources.readText(file),
    report: (invalid, service) => pending.push({ invalid, service }),
    files: new Set(),
    guard: {
      maxLength,
      tooLarge: (location) =>
        limit({
          location,
          limit: 'value-size',
          message: `This value interpolates to more than ${maxLength} characters: it is unknown here, so nothing that depends on it is checked.`
        })
    },
    limit,
    loaded: new Map(),
    expansionBudget: options.expansionBudget ?? DEFAULT_LIMITS.expansionBudget
  }
  const dotenv = readEnvFiles(envFiles, lookupFrom(environment), session)
  const lookup = lookupFrom(environment, dotenv)
  const services = new Map<string, ServiceDraft>()
  let declaredName: string | undefined
  for (const file of [plan.main, ...plan.overrides, ...(plan.overlay ? [plan.overlay] : [])]) {
    const loaded = loadComposeFile(file, lookup, session)
    mergeServicesInto(services, loaded.services)
    declaredName = loaded.name ?? declaredName
  }
  const name = projectName(declaredName, folder, sources.rootName)
  const ref = (service: string): ComposeServiceRef => ({
    format: 'compose',
    project: name,
    service,
    projectFile: plan.main,
    ...(plan.overlay ? { overlay: plan.overlay } : {})
  })
  const bindings: PortBinding[] = []
  const exposedPorts: ExposedPort[] = []
  let runnable = false
  for (const [service, draft] of services) {
    const merged = finishService(draft)
    runnable ||= merged.runnable
    append(bindings, serviceBindings(merged, ref(service)))
    for (const entry of merged.expose) exposedPorts.push({ ...entry, object: ref(service) })
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
  }
}

/** The shell environment as a map; a scan makes it once for all its projects. */
export function environmentMap(env: Record<string, string | undefined>): Map<string, string> {
  const map = new Map<string, string>()
  for (const [key, value] of Object.entries(env)) if (value !== undefined) map.set(key, value)
  return map
}

/** The `name:` key, else the folder of the main file, normalised as compose-go does. */
function projectName(
  declared: string | undefined,
  folder: string,
  rootName: string | undefined
): string {
  const candidates = [declared, folder ? posix.basename(folder) : rootName]
  for (const candidate of candidates) {
    const normalized = candidate === undefined ? '' : normalizeProjectName(candidate)
    if (normalized) return normalized
  }
  return FALLBACK_PROJECT_NAME
}

/**
 * `user: uid[:gid]` or `name[:group]`: uid 0 and the name root are root, anything else is not
 * (an unknown name fails at start, which is no port problem). An empty value leaves the
 * image's user.
 */
function runsAsOf(user: string): Pick<PortBinding, 'runsAs'> {
  const name = user.trim().split(':')[0]!.trim()
  if (name === '') return {}
  return { runsAs: name === 'root' || /^0+$/.test(name) ? 'root' : 'non-root' }
}

function serviceBindings(service: MergedService, object: ComposeServiceRef): PortBinding[] {
  return service.ports.map((port) => portBinding(port, service, object))
}

function portBinding(
  port: ComposePort,
  service: MergedService,
  object: ComposeServiceRef
): PortBinding {
  // Docker reads published port 0 as "pick a free port", the same as leaving it out.
  const published = port.published && !(port.published.start === 0 && port.published.end === 0)
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
  }
}
