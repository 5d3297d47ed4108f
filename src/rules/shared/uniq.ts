// A list a message names says each entry once: the same port of two containers, the same
// project reached twice, the same object in two copies of a file.

/** The entries in their first order, each once (SameValueZero, as a Set compares). */
export function uniq<T>(items: Iterable<T>): T[] {
  return [...new Set(items)]
}
