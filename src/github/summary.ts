// The job summary: the same Markdown report as the PR comment, on the run's page. GitHub takes
// at most 1 MiB per step's summary (bytes, not characters) and drops a bigger one entirely.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#step-isolation-and-limits
import { Buffer } from 'node:buffer'

export const SUMMARY_LIMIT_BYTES = 1024 * 1024

/** Appends Markdown to the step summary file; injected (core.summary in production). */
export type SummaryWriter = (markdown: string) => Promise<void>

/**
 * Renders with a character limit and shrinks it until the UTF-8 size fits: a character is 1 to
 * 3 bytes (4 for a surrogate pair, which is 2 characters), so the limit is found in a few steps.
 */
export function fitSummary(
  render: (maxLength: number) => string,
  limitBytes = SUMMARY_LIMIT_BYTES
): string {
  // Keep a little room: the runner appends to a file other steps of the job also write.
  const budget = limitBytes - 1024
  let maxLength = budget
  for (let attempt = 0; attempt < 6; attempt++) {
    const markdown = render(maxLength)
    const bytes = Buffer.byteLength(markdown, 'utf8')
    if (bytes <= budget) return markdown
    maxLength = Math.floor((maxLength * budget) / bytes) - 1
  }
  return render(Math.floor(budget / 3))
}

/**
 * False when the runner gives no summary file (a local run, old runners): core.summary.write()
 * throws there (pitfall 6), so the caller does not even try.
 */
export function summaryAvailable(env: Record<string, string | undefined>): boolean {
  return Boolean(env.GITHUB_STEP_SUMMARY)
}
