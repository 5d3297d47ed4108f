// What a pull request changes, in findings: the base commit scanned from git objects when it
// can be had; else the PR's added lines (pulls.listFiles); else nothing, and every finding
// counts as new so that the gate never waves a problem through unseen. Each fallback says why.
import path from 'node:path'
import { compareWithChangedLines, everythingNew, type ChangedLines } from '../baseline/classify.js'
import { compareScans, scanBase } from '../baseline/compare.js'
import { BaseUnavailableError } from '../baseline/git.js'
import { toPosix } from '../discover/discover.js'
import type { ScanResult } from '../engine.js'
import type { ChangeSet } from '../model.js'
import type { PullRequestInfo } from './context.js'
import type { ChangedFile } from './pull-files.js'
import type { Settings } from './settings.js'

export interface PullRequestChangeInputs {
  head: ScanResult
  pullRequest: PullRequestInfo
  settings: Pick<Settings, 'workingDirectory' | 'paths' | 'configPath' | 'exclude'>
  workspace: string
  env: Record<string, string | undefined>
  /** The PR's changed files; undefined when there is no API access (no token, act). */
  changedFiles?: () => Promise<ChangedFile[]>
}

export async function classifyPullRequest(inputs: PullRequestChangeInputs): Promise<ChangeSet> {
  const { head, pullRequest, settings } = inputs
  let baseProblem: string
  if (pullRequest.baseSha) {
    try {
      const base = await scanBase({
        root: settings.workingDirectory,
        paths: settings.paths,
        sha: pullRequest.baseSha,
        ...(settings.configPath ? { configPath: settings.configPath } : {}),
        exclude: settings.exclude,
        env: inputs.env
      })
      return compareScans(head, base, pullRequest.baseSha)
    } catch (error) {
      if (!(error instanceof BaseUnavailableError)) throw error
      baseProblem = error.message
    }
  } else {
    baseProblem = 'the event names no base commit'
  }
  if (!inputs.changedFiles) {
    return everythingNew(
      head.findings,
      `the base could not be scanned (${baseProblem}) and there is no API access to list the changed files, so every finding counts as new`
    )
  }
  try {
    const files = await inputs.changedFiles()
    const changed = changedLines(files, inputs.workspace, settings.workingDirectory)
    return {
      basis: 'changed-lines',
      note: `the base could not be scanned (${baseProblem}): a finding counts as new when this pull request added its line, and fixed findings are not known`,
      ...compareWithChangedLines(head.findings, changed),
      changedLines: changed
    }
  } catch (error) {
    return everythingNew(
      head.findings,
      `the base could not be scanned (${baseProblem}) and the changed files could not be listed (${errorText(error)}), so every finding counts as new`
    )
  }
}

/** Repository paths of the diff → paths relative to the scanned folder (others dropped). */
export function changedLines(
  files: readonly ChangedFile[],
  workspace: string,
  workingDirectory: string
): ChangedLines {
  const lines: ChangedLines = new Map()
  for (const file of files) {
    const relative = toPosix(path.relative(workingDirectory, path.resolve(workspace, file.path)))
    if (relative.startsWith('../') || path.isAbsolute(relative)) continue
    lines.set(relative, file.added)
  }
  return lines
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
