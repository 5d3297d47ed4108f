// Where a finished scan goes. Each destination is a Sink (the actions/cache shape: the place
// results go is an interface); main.ts builds the list of active ones, and nothing upstream
// knows which they are.
import { randomUUID } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { ScanResult } from '../engine.js'
import { annotateFindings, type AnnotateOptions, type AnnotationBudget } from './annotations.js'
import {
  describeCommentError,
  upsertComment,
  type CommentOutcome,
  type CommentTarget
} from './comment.js'
import type { CommentMode } from './settings.js'
import type { GitHubClient } from './octokit.js'
import { fitSummary, type SummaryWriter } from './summary.js'
import type { Finding } from '../model.js'
import type { ReviewFacts } from '../report/markdown.js'
import type { ChangedFile } from './pull-files.js'
import { REVIEW_COMMENT_LIMIT, planReview, reconcileReview, type ReviewTarget } from './review.js'
import { identityOf } from '../rules/identity.js'

/** What a sink hands back for the step's outputs. */
export interface SinkOutputs {
  reportFile?: string
  sarifFile?: string
  commentUrl?: string
}

export interface Sink {
  /** For messages: "write the JSON report", "update the PR comment". */
  readonly description: string
  /**
   * A required sink's failure fails the step (a file the user asked for was not written); any
   * other failure is a warning, since the exit code depends only on the findings.
   */
  readonly required: boolean
  deliver(result: ScanResult): Promise<SinkOutputs | void>
  /** A reader's explanation of a failure, when the sink knows better than the error message. */
  explain?(error: unknown): string
  /**
   * What the sink writes through the GitHub API ("the inline review"), for a sink that uses it:
   * once the API has missed its deadline, such sinks are skipped and named in one warning.
   */
  readonly writesThroughApi?: string
}

/**
 * The text report in the log. Names in it come from the scanned repository, and a line that
 * starts with `::` is a workflow command to the runner, so the report is wrapped in
 * `::stop-commands::`, which turns command processing off until the random token comes back.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#stopping-and-starting-workflow-commands
 */
export function logSink(
  write: (text: string) => void,
  render: (result: ScanResult) => string
): Sink {
  return {
    description: 'print the report',
    required: false,
    async deliver(result) {
      const token = `port-hygiene-${randomUUID()}`
      const text = render(result)
      write(`::stop-commands::${token}\n${text.endsWith('\n') ? text : `${text}\n`}::${token}::\n`)
    }
  }
}

export function fileSink(
  description: string,
  target: string,
  render: (result: ScanResult) => string,
  output: 'reportFile' | 'sarifFile'
): Sink {
  return {
    description,
    required: true,
    async deliver(result) {
      await fs.mkdir(path.dirname(target), { recursive: true })
      await fs.writeFile(target, render(result), 'utf8')
      return { [output]: target }
    }
  }
}

export function annotationSink(
  budget: AnnotationBudget,
  options: AnnotateOptions,
  order: (result: ScanResult) => Finding[]
): Sink {
  return {
    description: 'annotate the findings',
    required: false,
    async deliver(result) {
      annotateFindings(order(result), budget, options)
    }
  }
}

export interface ReviewSinkOptions {
  client: GitHubClient
  target: ReviewTarget
  mode: 'comments' | 'suggestions'
  scope: string
  changedFiles: () => Promise<ChangedFile[]>
  repositoryPath: (file: string) => string
  /** The new findings in reading order. */
  order: (result: ScanResult) => Finding[]
  ownLogin: () => Promise<string | undefined>
  isOwn: (
    login: string | undefined
  ) => (user: { login: string; type: string } | null | undefined) => boolean
  listedIn: string
  /** The text of a head line as it was scanned (see ReviewPlanInput.scannedText). */
  scannedText?: (file: string, line: number) => string | undefined
  /** Where the outcome goes for the comment and the summary, which render after this sink. */
  report: (facts: ReviewFacts) => void
  log: (message: string) => void
}

/** The inline review of the new findings; reconciled with the comments of earlier runs. */
export function reviewSink(options: ReviewSinkOptions): Sink {
  return {
    description: 'write the inline review comments',
    required: false,
    writesThroughApi: 'the inline review',
    explain: describeCommentError,
    async deliver(result) {
      const added = result.change ? options.order(result) : []
      let changedFiles: ChangedFile[]
      try {
        changedFiles = await options.changedFiles()
      } catch (error) {
        // Without the diff no line is known to be commentable: no review rather than a 422.
        const reason = error instanceof Error ? error.message : String(error)
        throw new Error(`the pull request's changed files could not be listed (${reason})`, {
          cause: error
        })
      }
      const plan = planReview({
        findings: added,
        changedFiles,
        repositoryPath: options.repositoryPath,
        mode: options.mode,
        scope: options.scope,
        ...(options.scannedText ? { scannedText: options.scannedText } : {})
      })
      const current = new Set(result.findings.map(identityOf))
      const outcome = await reconcileReview(options.client, options.target, plan, {
        scope: options.scope,
        isOwn: options.isOwn(await options.ownLogin()),
        current,
        added: added.map(identityOf),
        listedIn: options.listedIn
      })
      const { posted, deleted, ...facts } = outcome
      options.report(facts)
      options.log(
        `Inline review: ${posted} comment(s) posted, ${outcome.inline - posted} kept, ` +
          `${deleted} deleted; new findings not inline: ${outcome.outsideDiff} outside the diff, ` +
          `${outcome.notInHead} on lines the head does not have, ${outcome.overLimit} past the limit ` +
          `of ${REVIEW_COMMENT_LIMIT} per pull request` +
          (outcome.refused > 0
            ? `, ${outcome.refused} refused by GitHub (422: posted without line comments).`
            : '.')
      )
    }
  }
}

export function summarySink(
  writeSummary: SummaryWriter,
  render: (result: ScanResult, maxLength: number) => string
): Sink {
  return {
    description: 'write the job summary',
    required: false,
    async deliver(result) {
      await writeSummary(fitSummary((maxLength) => render(result, maxLength)))
    }
  }
}

export interface CommentSinkOptions {
  client: GitHubClient
  target: CommentTarget
  mode: Exclude<CommentMode, 'never'>
  marker: string
  ownLogin: () => Promise<string | undefined>
  render: (result: ScanResult) => string
  log: (message: string) => void
}

export function commentSink(options: CommentSinkOptions): Sink {
  return {
    description: 'write the pull-request comment',
    required: false,
    writesThroughApi: 'the pull-request comment',
    explain: describeCommentError,
    async deliver(result) {
      const body = withMarker(options.render(result), options.marker)
      const ownLogin = await options.ownLogin()
      const outcome = await upsertComment(options.client, options.target, body, {
        marker: options.marker,
        ...(ownLogin ? { ownLogin } : {}),
        // on-findings: no new comment on a clean PR, but an existing one is still updated,
        // so that it says the PR is clean now instead of showing stale findings.
        createIfMissing: options.mode === 'always' || result.findings.length > 0
      })
      options.log(describeOutcome(outcome, options.target))
      return outcome.action === 'not-created' ? {} : { commentUrl: outcome.url }
    }
  }
}

/** The marker is how the next run finds the comment: it must open the body whatever renders it. */
function withMarker(body: string, marker: string): string {
  return body.startsWith(marker) ? body : `${marker}\n${body}`
}

function describeOutcome(outcome: CommentOutcome, target: CommentTarget): string {
  const pr = `pull request #${target.issueNumber}`
  switch (outcome.action) {
    case 'created':
      return `Created the port-hygiene comment on ${pr}: ${outcome.url}`
    case 'updated':
      return `Updated the port-hygiene comment on ${pr}: ${outcome.url}`
    case 'unchanged':
      return `The port-hygiene comment on ${pr} is up to date: ${outcome.url}`
    case 'not-created':
      return `No findings and no earlier comment on ${pr}: no comment (comment: on-findings).`
  }
}
