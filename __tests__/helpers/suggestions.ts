// Review suggestions applied the way GitHub's "Commit suggestion" applies them: the lines the
// comment covers (start_line..line of the head) are replaced by the lines of its ```suggestion
// block, taken literally — an empty block deletes them, a block holding one empty line leaves
// an empty line. Several suggestions committed as a batch each replace their own lines of the
// same text, and GitHub refuses a batch whose ranges overlap.

export interface SuggestedComment {
  path: string
  line: number
  startLine?: number
  body: string
}

/** The lines of the comment's suggestion block, or undefined when it has none. */
export function suggestionLines(body: string): string[] | undefined {
  const rows = body.split('\n')
  const open = rows.findIndex((row) => /^`{3,}suggestion$/.test(row))
  if (open === -1) return undefined
  const fence = /^`+/.exec(rows[open]!)![0]
  const close = rows.findIndex((row, index) => index > open && row === fence)
  if (close === -1) throw new Error(`an unclosed suggestion block:\n${body}`)
  return rows.slice(open + 1, close)
}

/** `text` with the suggestions of `comments` (all on this file) committed at once. */
export function applySuggestions(text: string, comments: readonly SuggestedComment[]): string {
  const lines = text.split('\n')
  const ranges = comments
    .map((comment) => ({
      start: comment.startLine ?? comment.line,
      end: comment.line,
      replacement: suggestionLines(comment.body)
    }))
    .filter((range): range is typeof range & { replacement: string[] } => !!range.replacement)
    .sort((a, b) => b.start - a.start)
  ranges.forEach((range, index) => {
    const next = ranges[index - 1]
    if (next && next.start <= range.end)
      throw new Error('suggestions overlap: GitHub refuses the batch')
    if (range.end > lines.length) throw new Error(`line ${range.end} is past the end of the file`)
    lines.splice(range.start - 1, range.end - range.start + 1, ...range.replacement)
  })
  return lines.join('\n')
}
