// `target.push(...items)` passes every item as an argument of one call, and a call has at most
// some 10⁵ arguments before "Maximum call stack size exceeded": a pod with 120,000 ports, or as
// many findings, crashed the scan that way (issue 20). Every list of unknown length is appended
// with this loop instead, and the largest or smallest of one found with maxOf / minOf.

/** Appends `items` to `target` one by one; returns `target`. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item)
  return target
}

/** The largest of `values` (-Infinity for none), as Math.max without spreading them. */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity
  for (const value of values) if (value > max || Number.isNaN(value)) max = value
  return max
}

/** The smallest of `values` (Infinity for none), as Math.min without spreading them. */
export function minOf(values: Iterable<number>): number {
  let min = Infinity
  for (const value of values) if (value < min || Number.isNaN(value)) min = value
  return min
}
