// Node's own modules that only some runs need, loaded the first time they are used rather than
// at start: `node:crypto` and `node:net` each load dozens of Node's internal modules, and a scan
// that reports nothing needs neither. Node's modules, not copies of them: this only decides when.
import { createRequire } from 'node:module'

type Builtins = {
  'node:crypto': typeof import('node:crypto')
  'node:net': typeof import('node:net')
}

/** The module, loaded on the first call (`process.getBuiltinModule` is Node 20.16+; before it, require). */
export function builtin<Name extends keyof Builtins>(name: Name): Builtins[Name] {
  const loaded = process.getBuiltinModule?.(name) as Builtins[Name] | undefined
  return loaded ?? (createRequire(import.meta.url)(name) as Builtins[Name])
}
