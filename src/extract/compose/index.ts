// The Compose loader: every discovered Compose file, grouped into projects as `docker compose`
// would load them, turned into PortBindings (format 'compose'), InvalidPorts (what Compose would
// reject) and ComposeProjects.
//
// Choices worth knowing:
// - `expose` is ignored: it publishes nothing on the host (compose-spec: "ports exposed to
//   linked services ... not published to the host machine").
// - Unpublished ports (`"3000"`, long syntax without `published`, published 0) are bindings
//   without `hostPort`.
// - A binding whose value depends on a variable nobody sets is kept with `unresolved: true`
//   and never turned into an InvalidPort.
// - A file that another project consumes (an override with its base present, an included
//   file, an `extends` base) is not a project of its own.
import type { InvalidPort, LimitExceeded, ScanModel } from '../../model.js'
import type { ParsedFile } from '../../parse/yaml.js'
import { loadProject, planProjects, type LoadedProject, type ProjectSources } from './project.js'

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
  options: { maxValueLength?: number } = {}
): Partial<ScanModel> {
  const byFile = new Map(files.map((parsed) => [parsed.file, parsed]))
  const sources: ProjectSources = {
    parse: (file) => byFile.get(file) ?? fs.parse(file),
    readText: (file) => fs.readText(file),
    ...(fs.rootName ? { rootName: fs.rootName } : {})
  }
  const loaded: LoadedProject[] = []
  for (const plan of planProjects([...byFile.keys()].sort())) {
    const project = loadSafely(() => loadProject(plan, sources, env, options))
    if (project) loaded.push(project)
  }
  const kept = withoutConsumedProjects(loaded)
  return {
    bindings: kept.flatMap((project) => project.bindings),
    invalidPorts: uniqueInvalidPorts(kept.flatMap((project) => project.invalidPorts)),
    composeProjects: kept.map((project) => project.project),
    limitsExceeded: uniqueLimits(loaded.flatMap((project) => project.limitsExceeded))
  }
}

/** Bad input must cost one project, never the report of the others. */
function loadSafely(load: () => LoadedProject): LoadedProject | undefined {
  try {
    return load()
  } catch {
    return undefined
  }
}

/**
 * Drops a project whose main file another project reads (as include or extends base). When two
 * files pull in each other, the one that sorts first stays, so the ports are still counted once.
 */
function withoutConsumedProjects(projects: LoadedProject[]): LoadedProject[] {
  const mainOf = (project: LoadedProject) => project.project.files[0]!
  const consumes = (reader: LoadedProject, main: string) =>
    reader.project.files.slice(1).includes(main)
  return projects.filter((candidate) => {
    const main = mainOf(candidate)
    return !projects.some(
      (other) =>
        other !== candidate &&
        consumes(other, main) &&
        (!consumes(candidate, mainOf(other)) || mainOf(other) < main)
    )
  })
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
