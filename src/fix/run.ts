// `port-hygiene --fix` and `--fix-dry-run`: the fixes the review suggests (a finding's `fix`,
// src/rules/fixes.ts and the rules' own), applied file by file. As ESLint does, in passes: scan,
// apply every fix that does not overlap another, write, scan again; a fix held back by an overlap
// is computed again on the changed text in the next pass. It stops when a pass changes nothing
// (or after MAX_PASSES, should two fixes keep undoing each other), and what the last scan finds
// is what is left. A dry run makes one pass in memory and prints it as a unified diff.
import { fixesOf } from '../rules/merge-findings.js'
import { readGuarded } from '../discover/read.js'
import type { ScanResult } from '../engine.js'
import { compareText as compare, type Finding, type Fix } from '../model.js'
import { applyFixes } from './apply.js'
import { unifiedDiff } from './diff.js'
import { checkWritable, writeFixed } from './write.js'

/** ESLint's number of passes too. */
export const MAX_PASSES = 10

export interface FixRequest {
  /** The scan root: the fixes' files are relative to it. */
  root: string
  /** One whole scan of the request (config, paths, inventory files), run once per pass. */
  scan: () => Promise<ScanResult>
  /** The scan's size limit, for reading the files again. */
  maxFileSize: number
  dryRun: boolean
}

export interface FixOutcome {
  /** The last scan: after the fixes for --fix, before them for a dry run. */
  result: ScanResult
  /** What is left: the last scan's findings; for a dry run, those no fix of this pass removes. */
  left: Finding[]
  /** Files changed (or, dry, that would be), with the number of fixes, in path order. */
  changed: Array<{ file: string; fixes: number }>
  /** Files with fixes that were not written, and why. */
  refused: Array<{ file: string; reason: string }>
  /** A dry run's unified diff ('' when nothing would change). */
  diff: string
  passes: number
}

export async function runFixes(request: FixRequest): Promise<FixOutcome> {
  const counts = new Map<string, number>()
  const refused = new Map<string, string>()
  let result = await request.scan()
  let passes = 0
  let diff = ''
  let appliedThisRun: Set<Finding> = new Set()
  while (passes < MAX_PASSES) {
    const pass = fixPass(request, result, refused)
    passes++
    for (const [file, fixes] of pass.counts) counts.set(file, (counts.get(file) ?? 0) + fixes)
    if (request.dryRun) {
      diff = pass.diff
      appliedThisRun = pass.fixedFindings
      break
    }
    if (pass.counts.size === 0) break
    result = await request.scan()
  }
  const left = request.dryRun
    ? result.findings.filter((finding) => !appliedThisRun.has(finding))
    : result.findings
  return {
    result,
    left,
    changed: [...counts]
      .map(([file, fixes]) => ({ file, fixes }))
      .sort((a, b) => compare(a.file, b.file)),
    refused: [...refused]
      .map(([file, reason]) => ({ file, reason }))
      .sort((a, b) => compare(a.file, b.file)),
    diff,
    passes
  }
}

interface Pass {
  /** Files written (or that would be), with the number of fixes applied to each. */
  counts: Map<string, number>
  diff: string
  /** The findings whose fix went in. */
  fixedFindings: Set<Finding>
}

function fixPass(request: FixRequest, result: ScanResult, refused: Map<string, string>): Pass {
  const byFile = new Map<string, Array<{ finding: Finding; fix: Fix }>>()
  for (const finding of result.findings) {
    // A finding merged over copies of its object carries a fix for each copy.
    for (const fix of fixesOf(finding)) {
      if (refused.has(fix.location.file)) continue
      const list = byFile.get(fix.location.file) ?? []
      list.push({ finding, fix })
      byFile.set(fix.location.file, list)
    }
  }
  const pass: Pass = { counts: new Map(), diff: '', fixedFindings: new Set() }
  const diffs: string[] = []
  for (const file of [...byFile.keys()].sort(compare)) {
    const fixes = byFile.get(file)!
    const read = readGuarded(request.root, file, { maxSize: request.maxFileSize })
    if (read.refused !== undefined) {
      refused.set(file, read.refused)
      continue
    }
    const applied = applyFixes(
      read.text,
      fixes.map((each) => each.fix)
    )
    if (applied.text === read.text) continue
    const outcome = request.dryRun
      ? checkWritable(request.root, file, read.identity)
      : writeFixed(request.root, file, applied.text, read)
    if (outcome.refused !== undefined) {
      refused.set(file, outcome.refused)
      continue
    }
    pass.counts.set(file, applied.applied.length)
    const went = new Set(applied.applied)
    for (const each of fixes) if (went.has(each.fix)) pass.fixedFindings.add(each.finding)
    if (request.dryRun) diffs.push(unifiedDiff(file, read.text, applied.text, applied.changes))
  }
  pass.diff = diffs.join('')
  return pass
}
