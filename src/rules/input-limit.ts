// A safety limit cut reading short: an interpolated value or `.env` value larger than the value
// limit, or a file whose aliases expand into more objects and ports than the expansion budget.
// What lies past the limit is unknown, so the report says which part was not checked rather than
// dropping the project or the file without a word.
import type { Rule } from './rule.js'

export const inputLimit: Rule = {
  meta: {
    id: 'input-limit',
    description: 'Part of a file was not checked because it exceeded a safety limit.',
    defaultSeverity: 'warning',
    cases: [
      {
        severity: 'warning',
        when: 'part of a file was not checked because it exceeded a safety limit: the gate cannot vouch for it',
        source: 'https://github.com/port-hygiene/port-hygiene/blob/main/docs/limits.md'
      }
    ]
  },
  options: {},
  check(model) {
    return model.limitsExceeded.map((hit) => ({
      message: hit.message,
      location: hit.location,
      key: hit.limit
    }))
  }
}
