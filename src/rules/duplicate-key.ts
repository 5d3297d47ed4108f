// A key written twice in one YAML map. The model keeps the last value (what kubectl's YAML
// decoding and PyYAML do), so `hostPort: 8080` then `hostPort: 80` is checked as 80; this rule says
// the file is ambiguous. Compose refuses such a file (compose-go's YAML decoder: "mapping key
// already defined"), so there it is an error; the Kubernetes API server keeps the last value
// unless the client asks for strict field validation (kubectl's default), so there a warning.
import type { Rule } from './rule.js'

export const duplicateKey: Rule = {
  meta: {
    id: 'duplicate-key',
    description: 'A key written twice in one YAML map (the last value is the one checked).',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'a key written twice in one map of a Compose file: Compose refuses to load it',
        source: 'https://yaml.org/spec/1.2.2/'
      },
      {
        severity: 'warning',
        when: 'a key written twice in one map of a Kubernetes file: kubectl and the API server keep the last value and warn',
        source: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation'
      }
    ]
  },
  options: {},
  check(model) {
    return model.duplicateKeys.map((duplicate) => ({
      message:
        `Duplicate key "${duplicate.key}" (first at line ${duplicate.first.line}): ` +
        (duplicate.format === 'compose'
          ? 'Compose rejects this file; the last value is the one checked here.'
          : 'the API server keeps the last value (kubectl --validate=strict rejects it); the last value is the one checked here.'),
      location: duplicate.location,
      key: duplicate.key,
      ...(duplicate.format === 'kubernetes' ? { severity: 'warning' as const } : {})
    }))
  }
}
