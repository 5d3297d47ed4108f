// Command-line mistakes, shared by the scan and its subcommands: one clean line, then the usage
// (for an unknown flag) or a pointer to --help.
import { parseArgs, type ParseArgsConfig } from 'node:util'

export class UsageError extends Error {
  /** Printed after the message: the usage of the command that was mistyped. */
  readonly usage: string | undefined
  /** The subcommand (`inventory`, `fleet`) whose --help explains the mistake; none = the scan. */
  command: string | undefined

  constructor(message: string, usage?: string, command?: string) {
    super(message)
    this.usage = usage
    this.command = command
  }
}

type Options = NonNullable<ParseArgsConfig['options']>

/** node:util parseArgs, strict, its errors turned into one line a user can act on. */
export function parseCommandLine<T extends Options>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options })
  } catch (error) {
    const { code, message } = error as { code?: string; message: string }
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(message)?.[1] ?? message
      throw new UsageError(`unknown option "${flag}"`, usage)
    }
    // "Option '-f, --format <value>' argument missing" and the like: the first sentence only.
    throw new UsageError(message.split(/\.\s/)[0]!.replace(/\.$/, ''))
  }
}

/** `value` when it is one of `allowed`, else a usage error naming the flag and the choices. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`)
}
