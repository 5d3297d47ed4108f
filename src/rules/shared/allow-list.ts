// The `allow` option shared by the privileged-port rules: plain ports, or entries scoped to
// path globs, Kubernetes namespaces and Compose projects.
import { matchesAnyGlob } from '../../discover/discover.js'
import type { PortBinding } from '../../model.js'
import {
  OptionError,
  fail,
  isPortNumber,
  readPortSpan,
  readStringList,
  type OptionPath,
  type OptionSpec
} from '../../config/options.js'
import { append } from '../../append.js'

export interface AllowEntry {
  ports: number[]
  /** Empty = any file. */
  paths: string[]
  /** Empty = any namespace (and Compose too). */
  namespaces: string[]
  /** Empty = any Compose project (and Kubernetes too). */
  projects: string[]
}

const ENTRY_KEYS = ['ports', 'paths', 'namespaces', 'projects'] as const
const ITEM = 'a port, a range or a map of options'

/**
 * `allow: [80, "8000-8099", { ports: [443], namespaces: [ingress-nginx] }]`: a port or a range is
 * allowed everywhere; a map scopes its ports to path globs, namespaces and Compose projects.
 */
export function allowListOption(): OptionSpec<AllowEntry[]> {
  const accepts = `a list, each item ${ITEM} ({ ports, paths, namespaces, projects })`
  return {
    accepts,
    default: [],
    parse(value, path) {
      if (!Array.isArray(value)) fail(path, accepts, value)
      const plain: number[] = []
      const entries: AllowEntry[] = []
      value.forEach((item, index) => {
        const at = [...path, index]
        const ports = portsOf(item, at)
        if (ports) append(plain, ports)
        else if (item !== null && typeof item === 'object' && !Array.isArray(item))
          entries.push(readEntry(item as Record<string, unknown>, at))
        else fail(at, ITEM, item)
      })
      return plain.length > 0
        ? [{ ports: plain, paths: [], namespaces: [], projects: [] }, ...entries]
        : entries
    }
  }
}

/** A port or a `"min-max"` range as its ports; undefined for anything else. */
function portsOf(item: unknown, path: OptionPath): number[] | undefined {
  if (isPortNumber(item)) return [item]
  if (typeof item === 'number') fail(path, 'a port (1-65535)', item)
  if (typeof item !== 'string') return undefined
  const span = readPortSpan(item, path) ?? fail(path, ITEM, item)
  return Array.from({ length: span.end - span.start + 1 }, (_, offset) => span.start + offset)
}

function readEntry(record: Record<string, unknown>, path: OptionPath): AllowEntry {
  for (const key of Object.keys(record)) {
    if (!(ENTRY_KEYS as readonly string[]).includes(key))
      throw new OptionError(
        [...path, key],
        `is not a key of an allow entry; expected one of ${ENTRY_KEYS.join(', ')}`,
        'key'
      )
  }
  if (record.ports === undefined) throw new OptionError([...path, 'ports'], 'is required')
  const portsPath = [...path, 'ports']
  if (!Array.isArray(record.ports)) fail(portsPath, 'a list of ports or ranges', record.ports)
  const list = (key: 'paths' | 'namespaces' | 'projects') =>
    record[key] === undefined ? [] : readStringList(record[key], [...path, key])
  return {
    ports: record.ports.flatMap(
      (item, index) =>
        portsOf(item, [...portsPath, index]) ??
        fail([...portsPath, index], 'a port or a range', item)
    ),
    paths: list('paths'),
    namespaces: list('namespaces'),
    projects: list('projects')
  }
}

/** The ports allowed for this binding: the union of every entry whose scope it is in. */
export function allowedPorts(entries: readonly AllowEntry[], binding: PortBinding): Set<number> {
  const allowed = new Set<number>()
  for (const entry of entries) {
    if (entry.paths.length > 0 && !matchesAnyGlob(binding.location.file, entry.paths)) continue
    if (entry.namespaces.length > 0) {
      if (binding.object.format !== 'kubernetes') continue
      if (!entry.namespaces.includes(binding.object.namespace)) continue
    }
    if (entry.projects.length > 0) {
      if (binding.object.format !== 'compose') continue
      if (!entry.projects.includes(binding.object.project)) continue
    }
    for (const port of entry.ports) allowed.add(port)
  }
  return allowed
}
