// A small JSON Schema (draft 2020-12) checker for our own schemas, so that tests can hold the
// example configs and reports to them without a new dependency. It covers the keywords our
// schemas use and fails loudly on any other, so the schemas cannot silently outgrow it.
type Schema = Record<string, unknown> | boolean

const SUPPORTED = new Set([
  '$schema',
  '$id',
  '$ref',
  '$defs',
  'title',
  'description',
  'default',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'oneOf',
  'minimum',
  'maximum',
  'minLength',
  'minItems',
  'pattern'
])

export function validate(root: Record<string, unknown>, value: unknown): string[] {
  const errors: string[] = []
  check(root, root, value, '$', errors)
  return errors
}

function check(
  root: Record<string, unknown>,
  schema: Schema,
  value: unknown,
  at: string,
  errors: string[]
): void {
  if (schema === true) return
  if (schema === false) {
    errors.push(`${at}: not allowed`)
    return
  }
  for (const keyword of Object.keys(schema)) {
    if (!SUPPORTED.has(keyword))
      throw new Error(`json-schema.ts does not support "${keyword}" (at ${at})`)
  }
  if (typeof schema.$ref === 'string') check(root, resolveRef(root, schema.$ref), value, at, errors)
  if (schema.type !== undefined && !typeMatches(schema.type as string | string[], value)) {
    errors.push(`${at}: expected ${JSON.stringify(schema.type)}, got ${JSON.stringify(value)}`)
    return
  }
  if (schema.enum && !(schema.enum as unknown[]).some((item) => item === value)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`)
  }
  if ('const' in schema && schema.const !== value)
    errors.push(`${at}: must be ${JSON.stringify(schema.const)}`)
  if (schema.oneOf) {
    const matching = (schema.oneOf as Schema[]).filter((option) => {
      const sub: string[] = []
      check(root, option, value, at, sub)
      return sub.length === 0
    })
    if (matching.length !== 1)
      errors.push(`${at}: matches ${matching.length} of oneOf, expected exactly 1`)
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      errors.push(`${at}: below ${schema.minimum}`)
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      errors.push(`${at}: above ${schema.maximum}`)
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      errors.push(`${at}: too short`)
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      errors.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`)
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      errors.push(`${at}: too few items`)
    if (schema.items !== undefined)
      value.forEach((item, index) =>
        check(root, schema.items as Schema, item, `${at}[${index}]`, errors)
      )
  }
  if (isObject(value)) checkObject(root, schema, value, at, errors)
}

function checkObject(
  root: Record<string, unknown>,
  schema: Record<string, unknown>,
  value: Record<string, unknown>,
  at: string,
  errors: string[]
): void {
  const properties = (schema.properties ?? {}) as Record<string, Schema>
  for (const key of (schema.required ?? []) as string[]) {
    if (!(key in value)) errors.push(`${at}: missing "${key}"`)
  }
  for (const [key, item] of Object.entries(value)) {
    if (schema.propertyNames !== undefined)
      check(root, schema.propertyNames as Schema, key, `${at} key "${key}"`, errors)
    if (key in properties) check(root, properties[key]!, item, `${at}.${key}`, errors)
    else if (schema.additionalProperties !== undefined) {
      check(root, schema.additionalProperties as Schema, item, `${at}.${key}`, errors)
    }
  }
}

function resolveRef(root: Record<string, unknown>, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local $ref are supported: ${ref}`)
  let current: unknown = root
  for (const part of ref.slice(2).split('/')) current = (current as Record<string, unknown>)[part]
  if (current === undefined) throw new Error(`unresolved $ref ${ref}`)
  return current as Schema
}

function typeMatches(type: string | string[], value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type]
  return types.some((name) => {
    switch (name) {
      case 'null':
        return value === null
      case 'integer':
        return Number.isInteger(value)
      case 'number':
        return typeof value === 'number'
      case 'array':
        return Array.isArray(value)
      case 'object':
        return isObject(value)
      default:
        return typeof value === name
    }
  })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
