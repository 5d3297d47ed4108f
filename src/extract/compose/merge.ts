// Merging service drafts the way compose-go `override/merge.go` does for the keys we read:
// sequences (ports, expose, cap_add, profiles) are appended, scalars (network_mode, scale, replicas) are
// replaced; a `!reset` value drops what was inherited, an `!override` value replaces it.
// Used for override files over their base, later documents over earlier ones, a service over
// the service it `extends`, and included services.
import type { SourceLocation } from '../../model.js'
import type { ComposePort, DraftField, ExposedEntry, ServiceDraft } from './service.js'

type ListKey = 'ports' | 'expose' | 'capAdd' | 'profiles'
type ScalarKey =
  'networkMode' | 'user' | 'scale' | 'replicas' | 'swarmDeploy' | 'runnable' | 'image'

const LIST_KEYS: ListKey[] = ['ports', 'expose', 'capAdd', 'profiles']
const SCALAR_KEYS: ScalarKey[] = [
  'networkMode',
  'user',
  'scale',
  'replicas',
  'swarmDeploy',
  'runnable',
  'image'
]

/** `later` merged over `earlier`. The result keeps `later`'s tags, so that it can merge again. */
export function mergeDrafts(earlier: ServiceDraft, later: ServiceDraft): ServiceDraft {
  const merged: ServiceDraft = {}
  for (const key of LIST_KEYS) {
    const value = mergeField(
      earlier[key] as DraftField<unknown[]> | undefined,
      later[key],
      (a, b) => [...a, ...b]
    )
    if (value) (merged as Record<ListKey, unknown>)[key] = value
  }
  for (const key of SCALAR_KEYS) {
    const value = mergeField(
      earlier[key] as DraftField<unknown> | undefined,
      later[key],
      (_a, b) => b
    )
    if (value) (merged as Record<ScalarKey, unknown>)[key] = value
  }
  return merged
}

function mergeField<T>(
  earlier: DraftField<T> | undefined,
  later: DraftField<T> | undefined,
  combine: (a: T, b: T) => T
): DraftField<T> | undefined {
  if (!later) return earlier && { ...earlier, mode: 'merge' }
  if (later.mode === 'reset') return { mode: 'reset' }
  if (
    later.mode === 'override' ||
    !earlier ||
    earlier.value === undefined ||
    later.value === undefined
  ) {
    return later.value === undefined ? { mode: later.mode } : { ...later }
  }
  return { ...later, value: combine(earlier.value, later.value) }
}

/** A service as Compose runs it: reset keys gone, ports and lists de-duplicated. */
export interface MergedService {
  ports: ComposePort[]
  expose: ExposedEntry[]
  networkMode?: string
  networkModeLocation?: SourceLocation
  user?: string
  capAdd: string[]
  profiles: string[]
  replicas?: number
  replicasLocation?: SourceLocation
  swarmDeploy?: boolean
  /** An `image` or a `build` after merging. */
  runnable: boolean
  image?: string
}

export function finishService(draft: ServiceDraft): MergedService {
  // deploy.replicas wins over scale, as in compose-go.
  const replicasField = draft.replicas?.value !== undefined ? draft.replicas : draft.scale
  const replicas = replicasField?.value
  const networkMode = draft.networkMode
  return {
    ports: uniquePorts(draft.ports?.value ?? []),
    expose: uniqueExposed(draft.expose?.value ?? []),
    ...(networkMode?.value !== undefined ? { networkMode: networkMode.value } : {}),
    ...(networkMode?.value !== undefined && networkMode.location
      ? { networkModeLocation: networkMode.location }
      : {}),
    ...(draft.swarmDeploy?.value ? { swarmDeploy: true } : {}),
    runnable: draft.runnable?.value === true,
    ...(replicasField?.location && replicas !== undefined
      ? { replicasLocation: replicasField.location }
      : {}),
    ...(draft.user?.value !== undefined ? { user: draft.user.value } : {}),
    ...(draft.image?.value !== undefined ? { image: draft.image.value } : {}),
    capAdd: [...new Set(draft.capAdd?.value ?? [])],
    profiles: [...new Set(draft.profiles?.value ?? [])],
    ...(replicas !== undefined ? { replicas } : {})
  }
}

/** The same exposed port in a base and its override is one entry, where it first appears. */
function uniqueExposed(entries: ExposedEntry[]): ExposedEntry[] {
  const seen = new Set<string>()
  return entries.filter((entry) => {
    const key = `${entry.ports.start}-${entry.ports.end}/${entry.protocol}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * compose-go `EnforceUnicity`: identical entries (same host IP, published, target, protocol)
 * collapse into the first one, so `8080:80` in a base and its override is one binding, written
 * where it first appears. Entries that differ in host IP or target are all kept.
 */
function uniquePorts(ports: ComposePort[]): ComposePort[] {
  const kept = new Map<string, ComposePort>()
  // Where the others were written is kept: a fix must not rewrite one of them alone. Pushed, not
  // copied per repeat (a hostile file repeats one entry 100,000 times).
  const again = new Map<string, SourceLocation[]>()
  for (const port of ports) {
    if (!kept.has(port.unicityKey)) kept.set(port.unicityKey, port)
    else if (again.has(port.unicityKey)) again.get(port.unicityKey)!.push(port.location)
    else again.set(port.unicityKey, [port.location])
  }
  return [...kept].map(([key, port]) => {
    const repeats = again.get(key)
    if (!repeats) return port
    return { ...port, alsoWrittenAt: [...(port.alsoWrittenAt ?? []), ...repeats] }
  })
}
