// One written port entry can stand for several bindings: `"8000-8002:8000-8002"` expands into
// one binding per port, all at the same item. Rules about the entry report it once.
import type { PortBinding } from '../../model.js'
import { objectKey } from './describe.js'

// Several rules group the same model's bindings: the grouping is made once per list (and made
// again should the list have grown since).
const grouped = new WeakMap<readonly PortBinding[], { length: number; entries: PortBinding[][] }>()

/** Bindings grouped by the entry they come from (object and item position), in model order. */
export function portEntries(bindings: readonly PortBinding[]): PortBinding[][] {
  const known = grouped.get(bindings)
  if (known?.length === bindings.length) return known.entries
  const entries = groupEntries(bindings)
  grouped.set(bindings, { length: bindings.length, entries })
  return entries
}

function groupEntries(bindings: readonly PortBinding[]): PortBinding[][] {
  const groups = new Map<string, PortBinding[]>()
  for (const binding of bindings) {
    const { file, line, column } = binding.location
    const key = `${objectKey(binding.object)}\0${binding.container}\0${file}:${line}:${column}`
    const group = groups.get(key)
    if (group) group.push(binding)
    else groups.set(key, [binding])
  }
  return [...groups.values()]
}
