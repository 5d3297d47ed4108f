// `port-hygiene policy`: print, write (--output) or check (--check) the admission policy that
// the resolved config implies (src/policy/generate.ts).
import path from 'node:path'
import { loadConfig } from '../config/load.js'
import { RULES } from '../rules/index.js'
import { oneOf, parseCommandLine, UsageError } from '../usage.js'
import { checkGenerated, writeGenerated } from '../generated-file.js'
import { generatePolicies, renderPolicies, type PolicyMode } from './generate.js'

const USAGE = `Usage: port-hygiene policy [options]

Write the Kubernetes admission side of the port policy: ValidatingAdmissionPolicy and
ValidatingAdmissionPolicyBinding objects (admissionregistration.k8s.io/v1, Kubernetes 1.30+)
whose CEL rejects what the CI check reports as errors, with the same messages:
  port-out-of-range  Service ports, nodePorts and host ports outside the namespace's range
                     (the config's ranges and .github/port-ranges.json, else the Namespace's
                     port-range annotation, read at admission through namespaceObject)
  privileged-port    host ports below 1024 that the rule's allow list does not allow
An object whose port-hygiene/ignore annotation names the rule is admitted. Nothing else runs
in the cluster: no webhook server.

Options:
  -c, --config <file>   config file (default: .github/port-hygiene.yml)
  -o, --output <file>   write the policy to <file> instead of stdout
      --mode <mode>     deny | warn (default: deny); warn admits with a warning and an audit
                        annotation, to roll the policy out before it refuses anything
      --check <file>    exit 1 with a line diff when <file> is not what would be written
  -h, --help            print this help

Apply it with: kubectl apply -f <file>      (docs/policy.md)

Exit codes: 0 done (or the file is up to date), 1 the file is out of date, 2 usage or config
error.
`

export interface PolicyIo {
  cwd: string
  stdout: (text: string) => void
  stderr: (text: string) => void
}

export async function runPolicyCommand(argv: string[], io: PolicyIo): Promise<number> {
  try {
    return await policy(argv, io)
  } catch (error) {
    if (error instanceof UsageError) error.command ??= 'policy'
    throw error
  }
}

async function policy(argv: string[], io: PolicyIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      config: { type: 'string', short: 'c' },
      output: { type: 'string', short: 'o' },
      check: { type: 'string' },
      mode: { type: 'string', default: 'deny' },
      help: { type: 'boolean', short: 'h', default: false }
    },
    USAGE
  )
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `the policy comes from the config, not from files: remove "${positionals[0]}"`
    )
  }
  const mode = oneOf<PolicyMode>(values.mode!, ['deny', 'warn'], '--mode')
  if (values.output !== undefined && values.check !== undefined) {
    throw new UsageError('--output and --check cannot be used together')
  }
  for (const [flag, value] of [
    ['--output', values.output],
    ['--check', values.check],
    ['--config', values.config]
  ] as const) {
    if (value !== undefined && value.trim() === '')
      throw new UsageError(`${flag} needs a file name`)
  }
  const config = await loadConfig({
    rules: RULES,
    root: io.cwd,
    ...(values.config !== undefined ? { configPath: path.resolve(io.cwd, values.config) } : {})
  })
  const source = config.configFile ?? 'the default config'
  const text = renderPolicies(generatePolicies(config), source, mode)
  if (values.output !== undefined) {
    await writeGenerated(io.cwd, values.output, text)
    io.stdout(`${values.output}: admission policy written.\n`)
    return 0
  }
  if (values.check !== undefined) {
    const drift = checkGenerated(
      io.cwd,
      values.check,
      text,
      `port-hygiene policy --output ${values.check}`
    )
    if (!drift) {
      io.stdout(`${values.check} is up to date.\n`)
      return 0
    }
    io.stdout(`${drift.summary}\n${drift.diff}\n`)
    return 1
  }
  io.stdout(text)
  return 0
}
