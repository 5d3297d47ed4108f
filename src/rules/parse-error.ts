// A YAML document that cannot be parsed, or a Compose project that cannot be loaded. The other
// documents of the file, the other projects and the other files are still checked; this
// finding says which part was not.
import type { Rule } from './rule.js'
import { withoutPositions } from './invalid-port.js'

export const parseError: Rule = {
  meta: {
    id: 'parse-error',
    description:
      'A YAML document that cannot be parsed, or a Compose project that cannot be loaded (the rest is still checked).',
    defaultSeverity: 'error',
    cases: [
      {
        severity: 'error',
        when: 'a YAML document that does not parse, or a Compose project that cannot be loaded',
        source: 'https://yaml.org/spec/1.2.2/'
      }
    ]
  },
  options: {},
  check(model) {
    return model.parseErrors.map((failure) => ({
      message:
        failure.kind === 'compose-project'
          ? failure.message
          : `YAML parse error: ${failure.message} — this document was not checked.`,
      location: failure.location,
      key: withoutPositions(failure.message)
    }))
  }
}
