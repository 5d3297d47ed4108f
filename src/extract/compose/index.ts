// The Compose loader: every discovered Compose file, grouped into projects as `docker compose`
// would load them, turned into PortBindings (format 'compose'), InvalidPorts (what Compose would
// reject) and ComposeProjects.
//
// Choices worth knowing:
// - `expose` publishes nothing on the host (compose-spec: "ports exposed to linked services ...
//   not published to the host machine"): its entries are no bindings, only the inventory lists
//   them (`exposedPorts`).
// - Unpublished ports (`"3000"`, long syntax without `published`, published 0) are bindings
//   without `hostPort`.
// - A binding whose value depends on a variable nobody sets is kept with `unresolved: true`
//   and never turned into an InvalidPort.
// - A file that another project consumes (an override with its base present, an included
//   file, an `extends` base) is not a project of its own.
// - Nothing is dropped in silence: a project whose loading fails, or that includes or extends a
//   file that cannot be read (Compose itself refuses to load it), is a finding on its main file.
import {
  formatLocation,
  type DuplicateKey,
  type InvalidPort,
  type LimitExceeded,
  type ParseFailure,
  type PortBinding,
  type ScanModel
} from '../../model.js'
import type { ParsedFile } from '../../parse/yaml.js'
import {
  environmentMap,
  loadProject,
  planProjects,
  type LoadedProject,
  type ProjectSources
} from './project.js'

/** How the Compose loader reaches files beyond the discovered ones; paths are relative to the scan root. */
export interface ComposeFileSystem {
  /** Text of a file inside the root (`.env`, env files), or undefined when absent/unreadable/outside. */
  readText(file: string): string | undefined
  /** A parsed YAML file inside the root (cached; discovered files come parsed already). */
  parse(file: string): ParsedFile | undefined
  /**
   * Optional: the scan root's folder name, the project name Compose would give a compose file at
   * the root. Without it such a project is named "root".
   */
  readonly rootName?: string
}

export function extractCompose(
  files: ParsedFile[],
  fs: ComposeFileSystem,
  env: Record<string, string | undefined>,
  options: { maxValueLength?: number; expansionBudget?: number } = {}
): Partial<ScanModel> {
  const byFile = new Map(files.map((parsed) => [parsed.file, parsed]))
  // Files reached only through `include` or `extends`, each parsed once (however many projects,
  // services and paths reach it); nobody else reports their duplicate keys.
  const reached = new Map<string, ParsedFile | undefined>()
  const sources: ProjectSources = {
    parse(file) {
      const given = byFile.get(file)
      if (given) return given
      if (!reached.has(file)) reached.set(file, fs.parse(file))
      return reached.get(file)
    },
    readText: (file) => fs.readText(file),
    ...(fs.rootName ? { rootName: fs.rootName } : {})
  }
  const loaded: LoadedProject[] = []
  const failures: ParseFailure[] = []
  // Copied once for all projects (a runner's environment has a hundred variables or more).
  const environment = environmentMap(env)
  for (const plan of planProjects([...byFile.keys()].sort())) {
    const unreadable = new Set<string>()
    const tracked: ProjectSources = {
      ...sources,
      parse(file) {
        const parsed = sources.parse(file)
        // A colon marks a remote resource (`oci://…`, a git URL), which Compose fetches.
        if (!parsed && !file.includes(':')) unreadable.add(file)
        return parsed
      }
    }
    const project = loadSafely(plan.main, failures, () =>
      loadProject(plan, tracked, environment, options)
    )
    if (!project) continue
    loaded.push(project)
    if (unreadable.size > 0) failures.push(incompleteProject(plan.main, project, [...unreadable]))
  }
  const consumedLeft = withoutConsumedProjects(loaded)
  const keptMains = new Set(consumedLeft.map((project) => project.project.files[0]))
  const plans = new Map(planProjects([...byFile.keys()].sort()).map((plan) => [plan.main, plan]))
  const { kept, overlays } = splitOverlays(consumedLeft)
  // Each overlay merged over its base, keeping what the overlay's own files bring.
  for (const { overlay, base } of overlays) {
    const plan = { ...plans.get(base.project.files[0]!)!, overlay: overlay.project.files[0]! }
    const variant = loadSafely(plan.overlay, failures, () =>
      loadProject(plan, sources, environment, options)
    )
    if (!variant) continue
    const baseFiles = new Set(base.project.files)
    const own = <T extends { location: { file: string } }>(list: T[]) =>
      list.filter((each) => !baseFiles.has(each.location.file))
    markWrittenInOverlay(base, variant, baseFiles)
    kept.push({
      ...variant,
      bindings: own(variant.bindings),
      exposedPorts: own(variant.exposedPorts),
      invalidPorts: own(variant.invalidPorts),
      project: base.project
    })
    base.project.overlays = [...(base.project.overlays ?? []), plan.overlay]
    loaded.push(variant)
  }
  return {
    bindings: kept.flatMap((project) => project.bindings),
    exposedPorts: kept.flatMap((project) => project.exposedPorts),
    invalidPorts: uniqueInvalidPorts(kept.flatMap((project) => project.invalidPorts)),
    composeProjects: [...new Set(kept.map((project) => project.project))],
    limitsExceeded: uniqueLimits(loaded.flatMap((project) => project.limitsExceeded)),
    duplicateKeys: duplicateKeysOf(reached),
    // A consumed file's project is checked as part of the one that reads it.
    parseErrors: failures.filter(
      (failure) => keptMains.has(failure.location.file) || !loadedMain(loaded, failure)
    )
  }
}

/** Compose's default file names, in compose-go's order of preference (`cli/options.go`). */
const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml']

/** `compose.prod.yaml`, `docker-compose.ci.yml`: a variant of the base beside it. */
const VARIANT_NAME = /^(?:docker-compose|compose)\.(?!override\.)[^/]+\.ya?ml$/

/**
 * Overlays are not projects (issue 18): a file none of whose services has an `image` or a
 * `build` cannot run alone, and a `compose.<variant>.yaml` beside a `compose.yaml` is run with
 * it (`-f compose.yaml -f compose.prod.yaml`). Each is merged over its base: the base in its
 * folder, else — for a file that cannot run alone, such as the fragments of an `overrides/`
 * folder — the nearest base in a folder above. An overlay without a base stays a project, so
 * that its ports are still checked.
 */
function splitOverlays(projects: LoadedProject[]): {
  kept: LoadedProject[]
  overlays: Array<{ overlay: LoadedProject; base: LoadedProject }>
} {
  const byMain = new Map(projects.map((project) => [project.project.files[0]!, project]))
  const baseIn = (folder: string) =>
    BASE_NAMES.map((name) => byMain.get(folder ? `${folder}/${name}` : name)).find(
      (project) => project?.runnable === true
    )
  const kept: LoadedProject[] = []
  const overlays: Array<{ overlay: LoadedProject; base: LoadedProject }> = []
  for (const project of projects) {
    const main = project.project.files[0]!
    const slash = main.lastIndexOf('/')
    let folder = slash === -1 ? '' : main.slice(0, slash)
    const name = main.slice(slash + 1)
    let base = VARIANT_NAME.test(name) ? baseIn(folder) : undefined
    while (!base && !project.runnable) {
      base = baseIn(folder)
      if (base || folder === '') break
      const up = folder.lastIndexOf('/')
      folder = up === -1 ? '' : folder.slice(0, up)
    }
    if (base && base !== project && !BASE_NAMES.includes(name))
      overlays.push({ overlay: project, base })
    else kept.push(project)
  }
  return { kept, overlays }
}

/**
 * A base's entry that the overlay writes again (`8080:80` in both) is one binding, the base's:
 * the base's binding learns where the overlay repeats it (PortBinding.alsoWrittenAt), which only
 * the merged load saw.
 */
function markWrittenInOverlay(
  base: LoadedProject,
  variant: LoadedProject,
  baseFiles: Set<string>
): void {
  const repeated = new Map<string, PortBinding['alsoWrittenAt']>()
  for (const binding of variant.bindings) {
    const elsewhere = binding.alsoWrittenAt?.filter((place) => !baseFiles.has(place.file))
    if (baseFiles.has(binding.location.file) && elsewhere?.length) {
      repeated.set(formatLocation(binding.location), elsewhere)
    }
  }
  if (repeated.size === 0) return
  base.bindings = base.bindings.map((binding) => {
    const elsewhere = repeated.get(formatLocation(binding.location))
    if (!elsewhere) return binding
    return { ...binding, alsoWrittenAt: [...(binding.alsoWrittenAt ?? []), ...elsewhere] }
  })
}

function loadedMain(loaded: LoadedProject[], failure: ParseFailure): boolean {
  return loaded.some((project) => project.project.files[0] === failure.location.file)
}

/**
 * Bad input must cost one project, never the report of the others — and never in silence: the
 * failure becomes a finding on the project's main file that says why.
 */
function loadSafely(
  main: string,
  failures: ParseFailure[],
  load: () => LoadedProject
): LoadedProject | undefined {
  try {
    return load()
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    failures.push({
      location: { file: main, line: 1, column: 1 },
      kind: 'compose-project',
      message: `The Compose project of ${main} could not be loaded (${why}); none of its ports were checked.`
    })
    return undefined
  }
}

/**
 * `docker compose` refuses a project whose `include:` or `extends: file:` names a file it
 * cannot read; the scan checks the rest, and says what it could not see.
 */
function incompleteProject(main: string, project: LoadedProject, files: string[]): ParseFailure {
  const names = files.sort().map((file) => `"${file}"`)
  const what = files.length === 1 ? `the file ${names[0]}` : `the files ${names.join(', ')}`
  return {
    location: { file: main, line: 1, column: 1 },
    kind: 'compose-project',
    message:
      `Compose project "${project.project.name}" includes or extends ${what}, which could not be ` +
      'read (missing, outside the scan root, not a regular file, or over maxFileSize): ' +
      '`docker compose` refuses to load the project, and the services from there were not checked.'
  }
}

/**
 * Drops a project whose main file another project reads (as include or extends base). When two
 * files pull in each other, the one that sorts first stays, so the ports are still counted once.
 */
function withoutConsumedProjects(projects: LoadedProject[]): LoadedProject[] {
  const mainOf = (project: LoadedProject) => project.project.files[0]!
  // Who reads each file other than as its main file: looked up per project, not searched for
  // (a monorepo's thousands of projects made the search quadratic).
  const readersOf = new Map<string, Set<LoadedProject>>()
  for (const reader of projects) {
    for (const file of reader.project.files.slice(1)) {
      let readers = readersOf.get(file)
      if (!readers) readersOf.set(file, (readers = new Set()))
      readers.add(reader)
    }
  }
  const consumes = (reader: LoadedProject, main: string) =>
    readersOf.get(main)?.has(reader) === true
  return projects.filter((candidate) => {
    const main = mainOf(candidate)
    for (const other of readersOf.get(main) ?? []) {
      if (other === candidate) continue
      if (!consumes(candidate, mainOf(other)) || mainOf(other) < main) return false
    }
    return true
  })
}

/**
 * The duplicate keys of included and extended files, once per file however many projects read
 * it: Compose rejects such a file wherever it is loaded from, and the model keeps the last value
 * there too (parse/nodes.ts), as in a scanned file.
 */
function duplicateKeysOf(reached: Map<string, ParsedFile | undefined>): DuplicateKey[] {
  return [...reached.keys()].sort().flatMap((file) =>
    (reached.get(file)?.duplicateKeys ?? []).map((duplicate) => ({
      ...duplicate,
      format: 'compose' as const
    }))
  )
}

/** A `.env` or value read by several projects is reported once. */
function uniqueLimits(hits: LimitExceeded[]): LimitExceeded[] {
  const seen = new Set<string>()
  return hits.filter((hit) => {
    const key = `${hit.location.file}:${hit.location.line}:${hit.location.column}:${hit.message}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

/** A file read by several projects reports its broken ports once. */
function uniqueInvalidPorts(invalidPorts: InvalidPort[]): InvalidPort[] {
  const seen = new Set<string>()
  return invalidPorts.filter((invalid) => {
    const key = `${invalid.location.file}:${invalid.location.line}:${invalid.location.column}:${invalid.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
