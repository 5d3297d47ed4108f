// A finding's fingerprint and identity are SHA-256 digests that only some reports read (JSON,
// SARIF, the pull-request comment, `--base`); the text report reads neither. Computed on first
// read, a scan printed as text hashes nothing, which is a few milliseconds of a small scan's
// start-up (hashing runs interpreted that early). The property stays an own, enumerable data
// property in its place among the others once read, so JSON key order and equality are as if
// it had been set at once.

/**
 * Makes `target[key]` `compute()`, computed on first read. A key already present keeps its place
 * in key order; a new one comes last, as an assignment would put it.
 */
export function computeOnRead<T extends object, K extends keyof T & string>(
  target: T,
  key: K,
  compute: () => T[K]
): void {
  // On `this`, not `target`: a copy made with its descriptors (copyKeepingLazy) settles on itself.
  const settle = (on: T, value: T[K]) => {
    Object.defineProperty(on, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true
    })
    return value
  }
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(this: T) {
      return settle(this, compute())
    },
    set(this: T, value: T[K]) {
      settle(this, value)
    }
  })
}

/**
 * `{ ...source, ...more }`, except that what is computed on read stays so: a spread reads every
 * property, and a text report, which reads no digest, would load `node:crypto` for one.
 */
export function copyKeepingLazy<T extends object>(source: T, more: Partial<T>): T {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(source)) as T
  return Object.assign(copy, more)
}
