// A YAML document that cannot be parsed. The other documents of the file and the other files
// are still checked; this finding says which part was not.
import type { Rule } from './rule.js'
import { withoutPositions } from './invalid-port.js'

export const parseError: Rule = {
  meta: {
    id: 'parse-error',
    description: 'A YAML document that cannot be parsed (the rest of the file is still checked).',
    defaultSeverity: 'error'
  },
  options: {},
  check(model) {
    return model.parseErrors.map((failure) => ({
      message: `YAML parse error: ${failure.message} — this document was not checked.`,
      location: failure.location,
      key: withoutPositions(failure.message)
    }))
  }
}
