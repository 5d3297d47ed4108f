// A file discovery or reading left out (too large, not text, unreadable). A notice, so that a
// clean report never hides that part of the repository was not looked at.
import type { Rule } from './rule.js'

export const skippedFile: Rule = {
  meta: {
    id: 'skipped-file',
    description: 'A file that was not scanned (too large, binary or unreadable).',
    defaultSeverity: 'notice',
    cases: [
      {
        severity: 'notice',
        when: 'a file that was not scanned (too large, binary or unreadable)',
        source: 'https://github.com/port-hygiene/port-hygiene/blob/main/docs/limits.md'
      }
    ]
  },
  options: {},
  check(model) {
    return model.skippedFiles.map((skipped) => ({
      message: `Skipped ${skipped.file}: ${skipped.reason}.`.replace(/\.\.$/, '.'),
      location: { file: skipped.file, line: 1, column: 1 },
      key: skipped.reason
    }))
  }
}
