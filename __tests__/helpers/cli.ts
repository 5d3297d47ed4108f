// The CLI in-process (runCli, as src/bin.ts runs it), its output captured: what a user sees on
// the terminal, without a child process.
import { runCli, type CliIo } from '../../src/cli.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function runCliIn(
  cwd: string,
  argv: string[],
  options: { env?: CliIo['env']; isTTY?: boolean } = {}
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    cwd,
    env: options.env ?? {},
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: options.isTTY ?? false
  })
  return { code, stdout, stderr }
}
