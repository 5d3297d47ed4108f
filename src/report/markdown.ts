// STUB — to be written: the Markdown report (PR comment body and job summary).
import type { ScanResult } from '../engine.js'

export interface MarkdownOptions {
  /** Link for a file line, e.g. `https://github.com/o/r/blob/<head-sha>/<file>#L12`; absent → no links. */
  lineUrl?: (file: string, line: number) => string
  /** The body is cut below this many characters (GitHub's comment limit is 65,536). */
  maxLength?: number
  /** Hidden marker that opens the body (PR comment only), e.g. `<!-- port-hygiene -->`. */
  marker?: string
  /** Where the full report is when the body is cut, e.g. "the job summary of run #12 (https://…)". */
  fullReportHint?: string
}

export function renderMarkdown(_result: ScanResult, _options: MarkdownOptions = {}): string {
  return ''
}
