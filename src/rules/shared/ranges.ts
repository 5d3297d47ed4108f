// The port range an object must stay in, and the words that say where it came from: used by
// port-out-of-range to judge a port and by the one-click fixes to pick a port inside it.
import { matchesAnyGlob } from '../../discover/discover.js'
import {
  compareLocations,
  type NamespaceInfo,
  type ObjectRef,
  type SourceLocation
} from '../../model.js'
import type { RangeConfig } from '../../config/types.js'
import { shortLocation } from './describe.js'

export interface ApplicableRange {
  min: number
  max: number
  /** Whose range it is: `namespace team-a`, `project shop`, `paths apps/**`. */
  what: string
  /** `what` with where it was declared, for messages. */
  origin: string
}

/**
 * The range of a namespace (the config, else the first `port-range` annotation in file order),
 * of a Compose project, else of the first path glob matching the file.
 */
export function rangeResolver(ranges: RangeConfig, namespaces: readonly NamespaceInfo[]) {
  const annotated = new Map<string, { min: number; max: number; location: SourceLocation }>()
  const inFileOrder = [...namespaces].sort((a, b) => compareLocations(a.location, b.location))
  for (const namespace of inFileOrder) {
    if (namespace.portRange && !annotated.has(namespace.name))
      annotated.set(namespace.name, namespace.portRange)
  }
  return (object: ObjectRef, file: string): ApplicableRange | undefined => {
    if (object.format === 'kubernetes' && object.namespace) {
      const what = `namespace ${object.namespace}`
      const configured = ownEntry(ranges.namespaces, object.namespace)
      if (configured) {
        return {
          ...range(configured),
          what,
          origin: `of ${what} (declared in ${configured.source})`
        }
      }
      const annotation = annotated.get(object.namespace)
      if (annotation) {
        const at = shortLocation(annotation.location)
        return { ...range(annotation), what, origin: `of ${what} (port-range annotation at ${at})` }
      }
    }
    if (object.format === 'compose') {
      const configured = ownEntry(ranges.projects, object.project)
      if (configured) {
        const what = `project ${object.project}`
        return {
          ...range(configured),
          what,
          origin: `of Compose ${what} (declared in ${configured.source})`
        }
      }
    }
    const byPath = ranges.paths.find((entry) => matchesAnyGlob(file, [entry.glob]))
    if (byPath) {
      const what = `paths ${byPath.glob}`
      return {
        ...range(byPath.range),
        what,
        origin: `for ${what} (declared in ${byPath.range.source})`
      }
    }
    return undefined
  }
}

function range(bounds: { min: number; max: number }): { min: number; max: number } {
  return { min: bounds.min, max: bounds.max }
}

/** `map[key]` when the map itself holds it: a namespace `constructor` is not Object's. */
function ownEntry<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined
}
