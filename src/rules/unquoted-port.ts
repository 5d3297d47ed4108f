// An unquoted short-syntax Compose port that a YAML 1.1 reader turns into a number. YAML 1.1
// resolves a plain scalar matching `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+` as a base-60 integer
// (yaml.org/type/int.html, "base 60"): `22:22` is 1342 and `8080:50` is 484850, while `8080:80`
// stays a string because 80 is not a base-60 digit. docker-compose v1 (PyYAML) and other
// PyYAML-based tools read Compose files as YAML 1.1; the Compose spec's own note asks for port
// mappings as strings. Docker Compose v2 (YAML 1.2) reads them as written, so this is a warning.
import type { Fix, PortBinding } from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { describeBinding, objectKey } from './shared/describe.js'
import { portEntries } from './shared/entries.js'

/** YAML 1.1's sexagesimal integer, anchored: exactly the plain scalars it resolves as base 60. */
export const YAML11_SEXAGESIMAL = /^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$/

export const unquotedPort: Rule = {
  meta: {
    id: 'unquoted-port',
    description:
      'An unquoted Compose port such as 22:22 that a YAML 1.1 reader turns into a base-60 number.',
    defaultSeverity: 'warning',
    cases: [
      {
        severity: 'warning',
        when: 'an unquoted Compose port such as 22:22, which a YAML 1.1 reader turns into a base-60 number',
        source: 'https://docs.docker.com/reference/compose-file/services/#ports'
      }
    ]
  },
  options: {},
  check(model) {
    const findings: RuleFinding[] = []
    for (const [binding] of portEntries(model.bindings)) {
      if (binding!.format !== 'compose' || binding!.scalarStyle !== 'plain') continue
      const written = binding!.raw ?? ''
      if (!YAML11_SEXAGESIMAL.test(written)) continue
      findings.push(toFinding(binding!, written))
    }
    return findings
  }
}

/** The integer YAML 1.1 makes of a sexagesimal scalar (PyYAML `construct_yaml_int`). */
export function sexagesimalValue(text: string): number {
  const negative = text.startsWith('-')
  const digits = text.replace(/^[-+]/, '').replace(/_/g, '').split(':')
  const value = digits.reduce((total, part) => total * 60 + Number(part), 0)
  return negative ? -value : value
}

function toFinding(binding: PortBinding, written: string): RuleFinding {
  const quoted = JSON.stringify(written)
  const finding: RuleFinding = {
    message:
      `Port ${written} of ${describeBinding(binding)} is not quoted: a YAML 1.1 reader ` +
      `(docker-compose v1, PyYAML-based tools) reads it as the base-60 number ` +
      `${sexagesimalValue(written)}, not as a port mapping; quote it: ${quoted}.`,
    location: start(binding),
    object: binding.object,
    key: `${objectKey(binding.object)}/${written}`
  }
  const fix = quoteFix(binding, quoted)
  if (fix) finding.fix = fix
  return finding
}

function start(binding: PortBinding) {
  const { file, line, column } = binding.location
  return { file, line, column }
}

/** The scalar spans `location` exactly (the loader only marks scalars written at the entry). */
function quoteFix(binding: PortBinding, quoted: string): Fix | undefined {
  if (binding.location.endLine === undefined) return undefined
  return {
    description: `Quote the port: ${quoted}`,
    location: binding.location,
    replacement: quoted
  }
}
