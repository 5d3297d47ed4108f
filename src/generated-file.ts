// A generated file a repository commits (the port registry ConfigMap, the admission policy):
// written with --output, compared with --check. The committed file is read like every file the
// tool opens (inside the folder, no link out of it, size-capped); a difference is a line diff.
import fs from 'node:fs/promises'
import path from 'node:path'
import { isInside, readGuarded } from './discover/read.js'
import { toPosix } from './discover/discover.js'
import { escapeControls } from './model.js'
import { lcsTable } from './inventory/document.js'
import { UsageError } from './usage.js'

/** At most this many changed lines are printed; the rest are counted. */
const MAX_SHOWN = 40

export async function writeGenerated(cwd: string, file: string, text: string): Promise<void> {
  const target = path.resolve(cwd, file)
  try {
    await fs.mkdir(path.dirname(target), { recursive: true })
    await fs.writeFile(target, text, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`)
  }
}

export interface GeneratedDrift {
  /** `k8s/port-registry.yaml is out of date (2 lines to remove, 1 to add):` */
  summary: string
  diff: string
}

/** Undefined when the committed file is the generated text (line endings aside). */
export function checkGenerated(
  cwd: string,
  file: string,
  generated: string,
  regenerate: string
): GeneratedDrift | undefined {
  const absolute = path.resolve(cwd, file)
  const display = escapeControls(toPosix(path.relative(cwd, absolute)) || file)
  if (!isInside(cwd, absolute)) {
    throw new UsageError(
      `${display} is outside the current folder: run the command from the repository`
    )
  }
  const read = readGuarded(cwd, path.relative(cwd, absolute), { maxSize: 8 * 1024 * 1024 })
  if (read.refused !== undefined) {
    throw new UsageError(`${display} cannot be read: ${read.refused}; create it with ${regenerate}`)
  }
  const before = read.text.replace(/\r\n/g, '\n').split('\n')
  const after = generated.split('\n')
  const lines = diffLines(before, after)
  if (lines.length === 0) return undefined
  const removed = lines.filter((line) => line.startsWith('-')).length
  const added = lines.length - removed
  const counts = [
    ...(removed > 0 ? [`${removed} ${removed === 1 ? 'line' : 'lines'} to remove`] : []),
    ...(added > 0 ? [`${added} to add`] : [])
  ].join(', ')
  const shown = lines.slice(0, MAX_SHOWN).map(escapeControls)
  if (lines.length > MAX_SHOWN) shown.push(`  … and ${lines.length - MAX_SHOWN} more`)
  return {
    summary: `${display} is out of date (${counts}); regenerate it with ${regenerate}:`,
    diff: shown.join('\n')
  }
}

/** `-  12 | old line` / `+     | new line`: committed lines with their numbers. */
function diffLines(before: string[], after: string[]): string[] {
  const common = lcsTable(before, after)
  const out: string[] = []
  let i = 0
  let j = 0
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      i++
      j++
    } else if (
      i < before.length &&
      (j === after.length || common[i + 1]![j]! >= common[i]![j + 1]!)
    ) {
      out.push(`- ${String(i + 1).padStart(4)} | ${before[i]}`)
      i++
    } else {
      out.push(`+      | ${after[j]}`)
      j++
    }
  }
  return out
}
