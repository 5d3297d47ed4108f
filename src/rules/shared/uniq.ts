// A list a message names says each entry once: the same port of two containers, the same
// project reached twice, the same object in two copies of a file.

/** The entries in their first order, each once (SameValueZero, as a Set compares). */
export function uniq<T>(items: Iterable<T>): T[] {
  return [...new Set(items)]
}

/** The items in their first order, the first of each key only. */
export function uniqBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = keyOf(item)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
