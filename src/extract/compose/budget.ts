// The expansion budget of one Compose file (src/limits.ts `expansionBudget`, shared with the
// Kubernetes loader): YAML lets one anchored port list or service be used any number of times
// (`ports: *ports` in a thousand services, `<<: *service`), and `extends` copies a base into every
// service that names it, so a small file could turn into millions of bindings. Every service and
// port reached that way costs one unit; what is written out costs nothing (the file size bounds it).
import { isAlias, type Pair, type YAMLMap } from 'yaml'
import type { SourceLocation } from '../../model.js'

export interface ComposeBudget {
  readonly limit: number
  remaining: number
}

/** Thrown when a file's budget is spent; loadComposeFile reports it and stops reading the file. */
export class ComposeBudgetExceeded extends Error {
  constructor(readonly location: SourceLocation) {
    super('expansion budget exceeded')
  }
}

export function composeBudget(limit: number): ComposeBudget {
  return { limit, remaining: limit }
}

/** Takes `units` from the budget; `where` is the entry that spent the last of it. */
export function spend(
  budget: ComposeBudget | undefined,
  units: number,
  where: () => SourceLocation
): void {
  if (!budget || units <= 0) return
  budget.remaining -= units
  if (budget.remaining < 0) throw new ComposeBudgetExceeded(where())
}

/**
 * Whether `pair` of `map` is reached through an alias: its value is one, or the pair itself came
 * in through a merge key (`<<: *base`), so it is not one of the map's own items.
 */
export function reachedThroughAlias(own: ReadonlySet<unknown>, pair: Pair): boolean {
  return isAlias(pair.value) || !own.has(pair)
}

export function ownItems(map: YAMLMap): ReadonlySet<unknown> {
  return new Set(map.items)
}
