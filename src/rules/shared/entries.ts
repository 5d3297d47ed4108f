// One written port entry can stand for several bindings: `"8000-8002:8000-8002"` expands into
// one binding per port, all at the same item. Rules about the entry report it once.
import type { PortBinding } from '../../model.js'
import { objectKey } from './describe.js'

/** Bindings grouped by the entry they come from (object and item position), in model order. */
export function portEntries(bindings: readonly PortBinding[]): PortBinding[][] {
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
