// Small validators for rule options. Each throws an Error naming the option path, which the
// config loader prefixes with the file and line.

export function asRecord(raw: unknown, name: string): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`${name} must be a map of options`)
  }
  return raw as Record<string, unknown>
}

export function rejectUnknownKeys(
  record: Record<string, unknown>,
  known: readonly string[],
  name: string
): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) {
      throw new Error(`${name}.${key} is not a known option (expected one of: ${known.join(', ')})`)
    }
  }
}

function asPort(raw: unknown, name: string): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535, got ${JSON.stringify(raw)}`)
  }
  return raw
}

export function asPortList(raw: unknown, name: string): number[] {
  if (!Array.isArray(raw)) throw new Error(`${name} must be a list of port numbers`)
  return raw.map((item, index) => asPort(item, `${name}[${index}]`))
}

export function asStringList(raw: unknown, name: string): string[] {
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string' || item === '')) {
    throw new Error(`${name} must be a list of non-empty strings`)
  }
  return raw as string[]
}

export function asBoolean(raw: unknown, name: string): boolean {
  if (typeof raw !== 'boolean') throw new Error(`${name} must be true or false`)
  return raw
}
