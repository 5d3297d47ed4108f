// The safety limits of a scan, in one place. A pull request can make any file as large, deep or
// self-referencing as it likes; each limit bounds the work one file can cause, and tripping one
// is a finding (skipped-file, input-limit), never a silent loss. Defaults suit real
// repositories; each can be changed by an environment variable of the CLI or the action step.
// Plain data: imports nothing of ours.

export interface ScanLimits {
  /**
   * Objects, containers and ports one Kubernetes file, or services and ports one Compose file, may
   * expand into through YAML aliases, merge keys and (Compose) `extends`: each use counts; what is
   * written out does not. `PORT_HYGIENE_EXPANSION_BUDGET`.
   */
  expansionBudget: number
  /**
   * Largest value Compose interpolation or a `.env` file may produce, in characters; a larger
   * one is unknown. `PORT_HYGIENE_MAX_VALUE_LENGTH`.
   */
  maxValueLength: number
}

export const DEFAULT_LIMITS: ScanLimits = {
  expansionBudget: 1_000,
  maxValueLength: 64 * 1024
}

const ENV_NAMES: Record<keyof ScanLimits, string> = {
  expansionBudget: 'PORT_HYGIENE_EXPANSION_BUDGET',
  maxValueLength: 'PORT_HYGIENE_MAX_VALUE_LENGTH'
}

/** The limits with any override from the environment; a value that is not a positive whole number is ignored. */
export function limitsFromEnv(env: Record<string, string | undefined>): ScanLimits {
  const limits = { ...DEFAULT_LIMITS }
  for (const key of Object.keys(ENV_NAMES) as Array<keyof ScanLimits>) {
    const value = positiveInteger(env[ENV_NAMES[key]])
    if (value !== undefined) limits[key] = value
  }
  return limits
}

export function positiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined
  const value = Number(text)
  return value > 0 && Number.isSafeInteger(value) ? value : undefined
}
