// What a pull request changes, in findings: the base commit scanned from git objects when it
// can be had; else the PR's added lines (pulls.listFiles); else nothing, and every finding
// counts as new so that the gate never waves a problem through unseen. Each fallback says why.
//
// The baseline is read before the head is scanned, so that the head's rules know which host-port
// claims the pull request adds: a new conflict is reported on the PR's side, with a fix that
// moves the PR's claim, whatever the order of the file names.
import path from 'node:path'
import { tmpdir } from 'node:os'
import { compareWithChangedLines, everythingNew, type ChangedLines } from '../baseline/classify.js'
import { baselineOf, compareScans, scanBase, type BaseScan } from '../baseline/compare.js'
import { BaseUnavailableError } from '../baseline/git.js'
import { readHeadLines, type HeadLines } from '../baseline/head-lines.js'
import { toPosix } from '../discover/discover.js'
import type { ScanResult } from '../engine.js'
import type { ChangeSet } from '../model.js'
import type { RuleBaseline } from '../rules/rule.js'
import { hostClaim } from '../rules/shared/host-ports.js'
import type { PullRequestInfo } from './context.js'
import type { ChangedFile } from './pull-files.js'
import type { Settings } from './settings.js'

export interface PullRequestChangeInputs {
  pullRequest: PullRequestInfo
  settings: Pick<Settings, 'workingDirectory' | 'paths' | 'configPath' | 'exclude'>
  workspace: string
  env: Record<string, string | undefined>
  /** The PR's changed files; undefined when there is no API access (no token, act). */
  changedFiles?: () => Promise<ChangedFile[]>
}

/** What the head is compared with, and what its rules are told about it. */
export type PullRequestBaseline =
  | { basis: 'base-scan'; sha: string; base: BaseScan; rules: RuleBaseline }
  | {
      basis: 'changed-lines'
      note: string
      changed: ChangedLines
      /** The lines of the PR's changed files, for the added lines to be found in the checkout. */
      lines: HeadLines
      rules: RuleBaseline
    }
  | { basis: 'none'; note: string }

export async function readPullRequestBaseline(
  inputs: PullRequestChangeInputs
): Promise<PullRequestBaseline> {
  const { pullRequest, settings } = inputs
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
      return { basis: 'base-scan', sha: pullRequest.baseSha, base, rules: baselineOf(base.result) }
    } catch (error) {
      if (!(error instanceof BaseUnavailableError)) throw error
      baseProblem = withoutRunnerPaths(error.message, inputs.workspace)
    }
  } else {
    baseProblem = 'the event names no base commit'
  }
  if (!inputs.changedFiles) {
    return {
      basis: 'none',
      note: `the base could not be scanned (${baseProblem}) and there is no API access to list the changed files, so every finding counts as new`
    }
  }
  try {
    const files = await inputs.changedFiles()
    const changed = changedLines(files, inputs.workspace, settings.workingDirectory)
    const lines = await readHeadLines({
      root: settings.workingDirectory,
      headSha: pullRequest.headSha,
      files: [...changed.keys()]
    })
    return {
      basis: 'changed-lines',
      note:
        `the base could not be scanned (${baseProblem}): which findings are new comes from the ` +
        "GitHub API's list of the lines this pull request added, and fixed findings are not known",
      changed,
      lines,
      rules: { hadClaim: (binding) => !onAddedLine(binding, changed, lines) }
    }
  } catch (error) {
    return {
      basis: 'none',
      note: `the base could not be scanned (${baseProblem}) and the changed files could not be listed (${errorText(error)}), so every finding counts as new`
    }
  }
}

/** A claim on a line the PR added (a line of the head: the checkout's is mapped first). */
function onAddedLine(
  binding: Parameters<RuleBaseline['hadClaim']>[0],
  changed: ChangedLines,
  lines: HeadLines
): boolean {
  const claim = hostClaim(binding)
  if (!claim) return false
  const added = changed.get(claim.location.file)
  if (added === undefined) return false
  if (added === 'all') return true
  const line = lines.toHead(claim.location.file, claim.location.line)
  return line !== undefined && added.has(line)
}

/** The head's findings against the baseline; `lines` gives the head line of a checkout line. */
export function classifyPullRequest(
  head: ScanResult,
  baseline: PullRequestBaseline,
  lines: HeadLines
): ChangeSet {
  switch (baseline.basis) {
    case 'base-scan':
      return compareScans(head, baseline.base, baseline.sha)
    case 'changed-lines':
      return {
        basis: 'changed-lines',
        note: baseline.note,
        ...compareWithChangedLines(head.findings, baseline.changed, (file, line) =>
          lines.toHead(file, line)
        ),
        changedLines: baseline.changed
      }
    case 'none':
      return everythingNew(head.findings, baseline.note)
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

/**
 * A reader of the comment knows the repository, not the runner: a path inside the workspace is
 * shown relative to it (`k8s`), the workspace itself as "the workspace", a temporary folder as such.
 */
export function withoutRunnerPaths(text: string, workspace: string): string {
  const root = path.resolve(workspace).replace(/[\\/]+$/, '')
  const temp = path.resolve(tmpdir()).replace(/[\\/]+$/, '')
  let result = text
  // The workspace first: on a self-hosted runner (and in tests) it may be inside the temp folder.
  if (root !== '') {
    result = result
      .replace(new RegExp(`${escapeRegExp(root)}[\\\\/]`, 'g'), '')
      .replace(new RegExp(`${escapeRegExp(root)}(?![\\w.-])`, 'g'), 'the workspace')
  }
  if (temp !== '' && temp !== root) {
    const inTemp = new RegExp(`${escapeRegExp(temp)}(?:[\\\\/][^\\s'"(),:]*)?`, 'g')
    result = result.replace(inTemp, 'a temporary folder')
  }
  return result
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
