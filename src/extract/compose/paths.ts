// Paths of Compose files: POSIX, relative to the scan root. A path that leaves the root (or is
// absolute) is not followed: `include: ../../elsewhere.yaml` is skipped, never read.
import { posix } from 'node:path'

/** The folder of a relative file path ('' for a file at the root). */
export function folderOf(file: string): string {
  const folder = posix.dirname(file)
  return folder === '.' ? '' : folder
}

/** Resolves `target` against `folder`; undefined when the result is absolute or outside the root. */
export function resolveInRoot(folder: string, target: string): string | undefined {
  if (target === '' || posix.isAbsolute(target) || /^[A-Za-z]:[\\/]/.test(target)) return undefined
  const joined = posix.normalize(posix.join(folder || '.', target.replace(/\\/g, '/')))
  if (joined === '.' || joined === '..' || joined.startsWith('../')) return undefined
  return joined
}

export function joinInRoot(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name
}

/**
 * The main file an override belongs to, by Compose's default names: `compose.override.y(a)ml`
 * goes with `compose.yaml` / `compose.yml`, `docker-compose.override.y(a)ml` with
 * `docker-compose.yml` / `docker-compose.yaml` (compose-go `cli/options.go`, in that order of
 * preference). Undefined when the file is not an override.
 */
export function baseCandidatesOf(file: string): string[] | undefined {
  const base = posix.basename(file)
  const folder = folderOf(file)
  const match = /^(docker-compose|compose)\.override\.ya?ml$/.exec(base)
  if (!match) return undefined
  const names =
    match[1] === 'compose'
      ? ['compose.yaml', 'compose.yml']
      : ['docker-compose.yml', 'docker-compose.yaml']
  return names.map((name) => joinInRoot(folder, name))
}

/**
 * compose-go `NormalizeProjectName`: lower case, keep only `[a-z0-9_-]`, no leading `_` or `-`.
 */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '')
}
