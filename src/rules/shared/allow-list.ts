// The `allow` option shared by the privileged-port rules: plain ports, or entries scoped to
// path globs, Kubernetes namespaces and Compose projects.
import { matchesAnyGlob } from '../../discover/discover.js'
import type { PortBinding } from '../../model.js'
import { asPortList, asRecord, asStringList, rejectUnknownKeys } from './options.js'

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

export function parseAllowList(raw: unknown, name: string): AllowEntry[] {
  if (!Array.isArray(raw))
    throw new Error(
      `${name} must be a list of ports or { ports, paths, namespaces, projects } entries`
    )
  const plain: number[] = []
  const entries: AllowEntry[] = []
  raw.forEach((item, index) => {
    const itemName = `${name}[${index}]`
    if (typeof item === 'number') {
      plain.push(...asPortList([item], itemName))
      return
    }
    const record = asRecord(item, itemName)
    rejectUnknownKeys(record, ENTRY_KEYS, itemName)
    if (record.ports === undefined) throw new Error(`${itemName}.ports is required`)
    entries.push({
      ports: asPortList(record.ports, `${itemName}.ports`),
      paths: record.paths === undefined ? [] : asStringList(record.paths, `${itemName}.paths`),
      namespaces:
        record.namespaces === undefined
          ? []
          : asStringList(record.namespaces, `${itemName}.namespaces`),
      projects:
        record.projects === undefined ? [] : asStringList(record.projects, `${itemName}.projects`)
    })
  })
  return plain.length > 0
    ? [{ ports: plain, paths: [], namespaces: [], projects: [] }, ...entries]
    : entries
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
