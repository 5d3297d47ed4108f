// The action: read settings and the run context once, scan, hand the result to the active
// sinks, set the outputs and the exit code. Everything the process offers (environment, @actions/core,
// the API client) comes in through RunDependencies, so tests and @github/local-action can call
// run() directly.
import os from 'node:os'
import path from 'node:path'
import * as core from '@actions/core'
import packageJson from '../package.json' with { type: 'json' }
import { ConfigError, loadConfig } from './config/load.js'
import { RULES } from './rules/index.js'
import { scan, type ScanResult } from './engine.js'
import { countBySeverity, type Finding, type Severity } from './model.js'
import { matchesAnyGlob, toPosix } from './discover/discover.js'
import type { ResolvedConfig, ScopeConfig } from './config/types.js'
import { renderJson } from './report/json.js'
import {
  byImportance,
  orderForReview,
  renderMarkdown,
  type MarkdownOptions,
  type ReviewFacts,
  type RunFacts
} from './report/markdown.js'
import { renderSarif } from './report/sarif.js'
import { plural, renderText } from './report/text.js'
import { AnnotationBudget, inertCommands, type WorkflowCommands } from './github/annotations.js'
import {
  decideComment,
  readRunContext,
  type CommentDecision,
  type RunContext
} from './github/context.js'
import {
  apiDeadlineOf,
  apiDeadlinesFromEnv,
  createGitHubClient,
  type ClientOptions,
  type GitHubClient
} from './github/octokit.js'
import {
  InputError,
  readSettings,
  type FailOn,
  type FailOnScope,
  type Settings
} from './github/settings.js'
import {
  classifyPullRequest,
  readPullRequestBaseline,
  withoutRunnerPaths
} from './github/change.js'
import { readHeadLines, type HeadLines } from './baseline/head-lines.js'
import { readGuarded } from './discover/read.js'
import { atHeadLines } from './baseline/head-view.js'
import type { RuleBaseline } from './rules/rule.js'
import type { ChangeBasis } from './model.js'
import { isOwnAuthor, tokenLogin } from './github/comment.js'
import { listChangedFiles, type ChangedFile } from './github/pull-files.js'
import { REVIEW_COMMENT_LIMIT } from './github/review.js'
import {
  annotationSink,
  commentSink,
  fileSink,
  logSink,
  reviewSink,
  summarySink,
  type Sink,
  type SinkOutputs
} from './github/sinks.js'
import { summaryAvailable, type SummaryWriter } from './github/summary.js'
import { append } from './append.js'
import { headFindings } from './baseline/classify.js'

const TOOL_VERSION: string = packageJson.version

/** GitHub rejects a comment body over 65,536 characters; stay clear of it. */
const COMMENT_MAX_LENGTH = 65_000

export interface ActionCore extends WorkflowCommands {
  debug(message: string): void
  setOutput(name: string, value: string): void
  setFailed(message: string): void
  setSecret(secret: string): void
}

export interface RunDependencies {
  env: Record<string, string | undefined>
  cwd: string
  core: ActionCore
  /** Raw log output (the text report, wrapped so that it cannot issue commands). */
  write: (text: string) => void
  writeSummary: SummaryWriter
  createClient: (options: ClientOptions) => GitHubClient
}

export function defaultDependencies(): RunDependencies {
  return {
    env: process.env,
    cwd: process.cwd(),
    core: {
      debug: core.debug,
      info: core.info,
      error: core.error,
      warning: core.warning,
      notice: core.notice,
      setOutput: core.setOutput,
      setFailed: core.setFailed,
      setSecret: core.setSecret
    },
    write: (text) => process.stdout.write(text),
    writeSummary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write()
    },
    createClient: createGitHubClient
  }
}

export async function run(overrides: Partial<RunDependencies> = {}): Promise<void> {
  const given = { ...defaultDependencies(), ...overrides }
  // Names from the repository must not reach the log raw, whichever message carries them.
  const deps = { ...given, core: inertCommands(given.core) }
  try {
    await runAction(deps)
  } catch (error) {
    deps.core.setFailed(failureMessage(error))
  }
}

async function runAction(deps: RunDependencies): Promise<void> {
  const { core: actions, env } = deps
  actions.info(`port-hygiene ${TOOL_VERSION} under Node ${process.version}`)
  const settings = readSettings(env, deps.cwd)
  if (settings.githubToken) actions.setSecret(settings.githubToken)
  const context = readRunContext(env, deps.cwd)
  if (context.payloadProblem) actions.info(`Event payload ignored: ${context.payloadProblem}.`)

  const budget = new AnnotationBudget(actions)
  const writesSummary = settings.summary && summaryAvailable(env)
  const decision = decideComment(context, settings)
  announceCommentDecision(decision, budget, actions, writesSummary, settings.review !== 'off')

  const startedAt = new Date().toISOString()
  const config = await headConfig(settings)
  const client = apiClient(context, decision, settings, deps, budget)
  const changedFiles = changedFilesOf(client, context)
  const pullRequest = context.pullRequest
  // The base first, so that the head's rules know which claims the pull request adds.
  const baseline = pullRequest
    ? await readPullRequestBaseline({
        pullRequest,
        settings,
        workspace: context.workspace,
        env,
        ...(changedFiles ? { changedFiles } : {})
      })
    : undefined
  const scanned = await scanWorkingDirectory(
    settings,
    config,
    env,
    baseline && baseline.basis !== 'none' ? baseline.rules : undefined
  )
  const { configFile, scopes } = scanned
  // A path that matches nothing is a mistake in the workflow, not a clean result: the CLI exits 2
  // for it, and the step fails before any report can look green.
  if (scanned.result.unmatched.length > 0) {
    const names = scanned.result.unmatched.map((path) => `"${path}"`).join(', ')
    throw new InputError(`The "paths" input names ${names}, which matched no file.`)
  }
  const notes: string[] = []
  let result = scanned.result
  let scannedText: ((file: string, line: number) => string | undefined) | undefined
  if (pullRequest && baseline) {
    const lines = await readHeadLines({
      root: settings.workingDirectory,
      headSha: pullRequest.headSha,
      files: filesWithLines(result)
    })
    result.change = classifyPullRequest(result, baseline, lines)
    // A merged finding whose rules are partly new is two now (src/baseline/compare.ts).
    result.findings = headFindings(result.findings, result.change)
    if (result.change.note) actions.info(`port-hygiene: ${result.change.note}.`)
    if (lines.problem) {
      const note = headLinesNote(withoutRunnerPaths(lines.problem, context.workspace))
      actions.info(`port-hygiene: ${note}.`)
      notes.push(note)
    }
    // Every sink but SARIF speaks of the head's lines, as the diff does.
    result = atHeadLines(result, lines)
    scannedText = scannedLineReader(settings.workingDirectory, lines, scanned.maxFileSize)
  }
  const scope: FailOnScope = settings.failOnScope ?? (pullRequest ? 'new' : 'all')
  const gated = gatedFindings(result.findings, result.change, scope)
  const counts = countBySeverity(gated)
  const verdict = failVerdict(counts, settings.failOn, scope)
  const sinks = buildSinks({
    settings,
    context,
    decision,
    budget,
    deps,
    writesSummary,
    verdict,
    scope,
    ...(client ? { client } : {}),
    ...(client && (decision.post ? decision.token : settings.githubToken)
      ? { token: decision.post ? decision.token : settings.githubToken! }
      : {}),
    ...(changedFiles ? { changedFiles } : {}),
    startedAt,
    nodeScopeOf: nodeScopeResolver(scopes),
    review: {},
    notes,
    scanned: scanned.result,
    ...(scannedText ? { scannedText } : {}),
    ...(configFile ? { configFile } : {})
  })
  const { outputs, failures } = await deliver(sinks, result, budget, result.change?.basis)

  setOutputs(actions, counts, outputs)
  if (failures.length > 0) {
    actions.setFailed(failures.join('\n'))
    return
  }
  if (verdict) actions.setFailed(verdict)
}

/**
 * One client for the run, when the API may be used: with a token, a repository and a pull
 * request (a fork's read-only token still lists the changed files), never under act unless the
 * user opted in (the token there may be the developer's own).
 */
function apiClient(
  context: RunContext,
  decision: CommentDecision,
  settings: Settings,
  deps: RunDependencies,
  budget: AnnotationBudget
): GitHubClient | undefined {
  const token = decision.post ? decision.token : settings.githubToken
  const usable =
    decision.post || (token && context.repository && context.pullRequest && !context.isAct)
  if (!usable || !token) return undefined
  return deps.createClient({
    token,
    apiUrl: context.apiUrl,
    ...apiDeadlinesFromEnv(deps.env),
    log: { debug: deps.core.debug, warning: (message) => budget.emit('warning', message) }
  })
}

/** The PR's changed files, asked for once and only when someone needs them. */
function changedFilesOf(
  client: GitHubClient | undefined,
  context: RunContext
): (() => Promise<ChangedFile[]>) | undefined {
  const { repository, pullRequest } = context
  if (!client || !repository || !pullRequest) return undefined
  let files: Promise<ChangedFile[]> | undefined
  return () =>
    (files ??= listChangedFiles(client, {
      owner: repository.owner,
      repo: repository.repo,
      pullNumber: pullRequest.number
    }))
}

/** The one set of findings the gate, the headline and the outputs count. */
function gatedFindings(
  findings: Finding[],
  change: ScanResult['change'],
  scope: FailOnScope
): Finding[] {
  return scope === 'new' && change ? change.added : findings
}

/** The head's config, read before anything else: a config error fails the step at once. */
async function headConfig(settings: Settings): Promise<ResolvedConfig> {
  const config = await loadConfig({
    rules: RULES,
    root: settings.workingDirectory,
    ...(settings.configPath ? { configPath: settings.configPath } : {})
  })
  append(config.exclude, settings.exclude)
  return config
}

async function scanWorkingDirectory(
  settings: Settings,
  config: ResolvedConfig,
  env: Record<string, string | undefined>,
  baseline: RuleBaseline | undefined
): Promise<{ result: ScanResult; configFile?: string; scopes: ScopeConfig; maxFileSize: number }> {
  const result = await scan({
    root: settings.workingDirectory,
    paths: settings.paths,
    config,
    env,
    ...(baseline ? { baseline } : {}),
    ...(settings.inventoryFile
      ? { inventoryFiles: [toPosix(path.normalize(settings.inventoryFile))] }
      : {})
  })
  return {
    result,
    scopes: config.scopes,
    maxFileSize: config.maxFileSize,
    ...(config.configFile ? { configFile: config.configFile } : {})
  }
}

/** The files whose lines a report may name: those of findings and of host or Service ports. */
function filesWithLines(result: ScanResult): string[] {
  const files = new Set<string>()
  for (const finding of [...result.findings, ...result.suppressed]) {
    files.add(finding.location.file)
    for (const related of finding.related) files.add(related.location.file)
  }
  for (const binding of result.model.bindings) files.add(binding.location.file)
  for (const service of result.model.services) files.add(service.location.file)
  return [...files]
}

/**
 * The text of a head line as it was scanned: the checkout's line it maps to, read again through
 * the guarded reader (only files with a new finding on the diff are read).
 */
function scannedLineReader(
  root: string,
  lines: HeadLines,
  maxSize: number
): (file: string, line: number) => string | undefined {
  const texts = new Map<string, string[] | undefined>()
  return (file, headLine) => {
    const line = lines.toCheckout(file, headLine)
    if (line === undefined) return undefined
    if (!texts.has(file)) {
      const read = readGuarded(root, file, { maxSize })
      texts.set(file, read.refused === undefined ? read.text.split(/\r?\n/) : undefined)
    }
    return texts.get(file)?.[line - 1]
  }
}

function headLinesNote(problem: string): string {
  return (
    `the head commit could not be read from git (${problem}), so lines are the checkout's ` +
    "(GitHub's merge of this pull request with its base branch): where the base branch changed " +
    "a file since this branch was made they are not the diff's, and an inline comment goes only " +
    'where the diff shows the line that was scanned'
  )
}

/** The node scope of a Kubernetes file (the config's `scopes`), for the port map. */
function nodeScopeResolver(scopes: ScopeConfig): (file: string) => string {
  return (file) => scopes.nodeScopes.find((scope) => matchesAnyGlob(file, scope.paths))?.name ?? ''
}

/** One notice, up front, when there will be no comment; silence when the user turned it off. */
function announceCommentDecision(
  decision: CommentDecision,
  budget: AnnotationBudget,
  actions: ActionCore,
  writesSummary: boolean,
  review: boolean
): void {
  if (decision.post) return
  if (!decision.notify) {
    actions.info(`No pull-request comment: ${decision.reason}.`)
    return
  }
  // A fork's read-only token, act, no token: the inline review is skipped for the same reason.
  const what = review ? 'No pull-request comment or inline review' : 'No pull-request comment'
  const where = writesSummary ? 'the log and the job summary' : 'the log'
  budget.emit('notice', `${what}: ${decision.reason}. The report is in ${where}.`, {
    title: 'port-hygiene: comment skipped'
  })
}

interface SinkPlan {
  settings: Settings
  context: RunContext
  decision: CommentDecision
  budget: AnnotationBudget
  deps: RunDependencies
  writesSummary: boolean
  /** The failure message the step will end with, if any: core.setFailed is an error annotation too. */
  verdict: string | undefined
  /** The config file that was read, for the JSON report. */
  configFile?: string
  scope: FailOnScope
  client?: GitHubClient
  /** The token the client uses (to learn its login for a personal access token). */
  token?: string
  changedFiles?: () => Promise<ChangedFile[]>
  /** When the run started (ISO 8601), for the comment's run line. */
  startedAt: string
  nodeScopeOf: (file: string) => string
  /** Filled by the review sink, read by the comment and summary that come after it. */
  review: { facts?: ReviewFacts }
  /** Notes for the reader of the comment and the summary (e.g. lines that could not be mapped). */
  notes: string[]
  /** The result as scanned, at the checkout's lines: what SARIF describes. */
  scanned: ScanResult
  /** A line of the head as it was scanned, for the review to check the diff shows that line. */
  scannedText?: (file: string, line: number) => string | undefined
}

/**
 * The active sinks, in the order a reader meets them: log, files, annotations, review, summary,
 * comment (the review first, so the summary and the comment can say what went inline).
 */
function buildSinks(plan: SinkPlan): Sink[] {
  const { settings, context, decision, deps } = plan
  const lineUrl = lineUrlFor(context, settings.workingDirectory)
  const repositoryPath = (file: string) =>
    repositoryRelative(context.workspace, settings.workingDirectory, file)
  // Never into the scanned repository (a later step could commit it): the runner's temp folder,
  // else the OS one (@github/local-action, act without RUNNER_TEMP).
  const reportFile = path.join(deps.env.RUNNER_TEMP || os.tmpdir(), 'port-hygiene-report.json')
  const baseLineUrl = context.pullRequest?.baseSha
    ? blobUrlFor(context, settings.workingDirectory, context.pullRequest.baseSha)
    : undefined
  const shared: MarkdownOptions = {
    ...(lineUrl ? { lineUrl } : {}),
    ...(baseLineUrl ? { baseLineUrl } : {}),
    run: runFacts(context, settings.workingDirectory, plan.startedAt),
    scope: plan.scope,
    portMap: { nodeScopeOf: plan.nodeScopeOf },
    ...(plan.notes.length > 0 ? { notes: plan.notes } : {})
  }
  const markdown = (options: MarkdownOptions) => (result: ScanResult) =>
    renderMarkdown(result, {
      ...shared,
      ...(plan.review.facts ? { review: plan.review.facts } : {}),
      ...options
    })

  const sinks: Sink[] = [
    logSink(deps.write, (result) => renderText(result, { color: !deps.env.NO_COLOR })),
    fileSink(
      'write the JSON report',
      reportFile,
      jsonReport(
        plan.configFile,
        context.repository && `${context.repository.owner}/${context.repository.repo}`
      ),
      'reportFile'
    )
  ]
  if (settings.sarifFile) {
    const target = path.resolve(settings.workingDirectory, settings.sarifFile)
    // Code scanning analyses the commit the workflow checked out (a pull request's merge
    // commit: upload-sarif sends GITHUB_SHA and refs/pull/N/merge), so SARIF keeps its lines.
    const sarif = () => renderSarif(plan.scanned, { toolVersion: TOOL_VERSION, repositoryPath })
    sinks.push(fileSink('write the SARIF report', target, sarif, 'sarifFile'))
  }
  if (settings.annotations) {
    const hint = plan.writesSummary ? 'the job summary' : `the log and ${reportFile}`
    // Slots kept for messages that come later: core.setFailed's error, an API warning.
    const reserve = { error: plan.verdict ? 1 : 0, warning: 1 }
    sinks.push(
      annotationSink(plan.budget, { repositoryPath, fullReportHint: hint, reserve }, orderForReview)
    )
  }
  const ownLogin = memo(() =>
    plan.client && plan.token ? tokenLogin(plan.client, plan.token) : Promise.resolve(undefined)
  )
  const reviewDecision = decideComment(context, {
    comment: settings.review === 'off' ? 'never' : 'always',
    ...(settings.githubToken ? { githubToken: settings.githubToken } : {})
  })
  if (settings.review !== 'off' && context.pullRequest && !reviewDecision.post) {
    plan.review.facts = {
      inline: 0,
      outsideDiff: 0,
      notInHead: 0,
      overLimit: 0,
      refused: 0,
      skipped: reviewDecision.reason
    }
  }
  if (reviewDecision.post && settings.review !== 'off' && plan.client && plan.changedFiles) {
    const client = plan.client
    sinks.push(
      reviewSink({
        client,
        target: {
          owner: reviewDecision.repository.owner,
          repo: reviewDecision.repository.repo,
          pullNumber: reviewDecision.pullRequest.number,
          headSha: reviewDecision.pullRequest.headSha
        },
        mode: settings.review,
        scope: markerKey(context.workspace, settings.workingDirectory),
        changedFiles: plan.changedFiles,
        repositoryPath,
        order: (result) => [...(result.change?.added ?? [])].sort(byImportance),
        ownLogin,
        isOwn: isOwnAuthor,
        listedIn: 'the port-hygiene comment on this pull request',
        ...(plan.scannedText ? { scannedText: plan.scannedText } : {}),
        report: (facts) => (plan.review.facts = { ...facts, limit: REVIEW_COMMENT_LIMIT }),
        log: deps.core.info
      })
    )
  }
  if (plan.writesSummary) {
    const hint = `the JSON report (the "report-file" output, ${reportFile})`
    sinks.push(
      summarySink(deps.writeSummary, (result, maxLength) =>
        markdown({
          maxLength,
          fullReportHint: hint,
          portMap: { nodeScopeOf: plan.nodeScopeOf, rows: 'all' }
        })(result)
      )
    )
  }
  if (decision.post && plan.client) {
    const marker = commentMarker(context.workspace, settings.workingDirectory)
    const client = plan.client
    sinks.push(
      commentSink({
        client,
        target: {
          owner: decision.repository.owner,
          repo: decision.repository.repo,
          issueNumber: decision.pullRequest.number
        },
        mode: settings.comment === 'on-findings' ? 'on-findings' : 'always',
        marker,
        ownLogin,
        render: markdown({
          marker,
          maxLength: COMMENT_MAX_LENGTH,
          fullReportHint: commentReportHint(context, plan.writesSummary),
          portMap: {
            nodeScopeOf: plan.nodeScopeOf,
            rows: 'review',
            fullMapHint: runPageHint(context, plan.writesSummary)
          }
        }),
        log: deps.core.info
      })
    )
  }
  return sinks
}

function jsonReport(
  configFile: string | undefined,
  repository: string | undefined
): (result: ScanResult) => string {
  return (result) =>
    renderJson(result, {
      toolVersion: TOOL_VERSION,
      ...(configFile ? { configFile } : {}),
      ...(repository ? { repository } : {})
    })
}

/**
 * Runs every sink even when one fails: a failed comment must not cost the summary. Failures of
 * optional sinks become warnings; those of required ones are returned to fail the step. Once the
 * GitHub API has missed its deadline, the later sinks that need it are skipped (asking again
 * would only wait again), and one warning names everything that was not written.
 */
async function deliver(
  sinks: Sink[],
  result: ScanResult,
  budget: AnnotationBudget,
  basis: ChangeBasis | undefined
): Promise<{ outputs: SinkOutputs; failures: string[] }> {
  const outputs: SinkOutputs = {}
  const failures: string[] = []
  let deadline: { reason: string; notWritten: string[] } | undefined
  for (const sink of sinks) {
    if (deadline && sink.writesThroughApi) {
      deadline.notWritten.push(sink.writesThroughApi)
      continue
    }
    try {
      Object.assign(outputs, (await sink.deliver(result)) ?? {})
    } catch (error) {
      const missed = sink.writesThroughApi && apiDeadlineOf(error)
      if (missed) {
        deadline = { reason: missed.message, notWritten: [sink.writesThroughApi!] }
        continue
      }
      const reason = sink.explain ? sink.explain(error) : errorText(error)
      const message = `port-hygiene could not ${sink.description}: ${reason}`
      if (sink.required) failures.push(message)
      else budget.emit('warning', message)
    }
  }
  if (deadline) {
    budget.emit('warning', apiDeadlineMessage(deadline.reason, deadline.notWritten, basis), {
      title: 'port-hygiene: GitHub API'
    })
  }
  return { outputs, failures }
}

/**
 * "The GitHub API did not answer within 30 s: the inline review and the pull-request comment
 * were not written (…)". What the API decided is said as it is: when the base could not be
 * read, which findings are new (and so the gate) came from the API's list of changed files.
 */
function apiDeadlineMessage(
  reason: string,
  notWritten: string[],
  basis: ChangeBasis | undefined
): string {
  const what =
    notWritten.length === 1
      ? `${notWritten[0]} was`
      : `${notWritten.slice(0, -1).join(', ')} and ${notWritten.at(-1)} were`
  const because = reason.charAt(0).toUpperCase() + reason.slice(1)
  const depends =
    basis === 'changed-lines'
      ? "the scan does not depend on the API, but the base could not be read, so which findings are new, and with them the outputs and the exit code, came from the API's list of changed lines"
      : basis === 'none'
        ? 'the scan does not depend on the API; with neither the base nor the list of changed files, every finding counted as new'
        : 'the scan, the outputs and the exit code do not depend on the API'
  return `${because}: ${what} not written (${depends}).`
}

function setOutputs(
  actions: ActionCore,
  counts: Record<Severity, number>,
  outputs: SinkOutputs
): void {
  actions.setOutput('findings', String(counts.error + counts.warning + counts.notice))
  actions.setOutput('errors', String(counts.error))
  actions.setOutput('warnings', String(counts.warning))
  actions.setOutput('report-file', outputs.reportFile ?? '')
  actions.setOutput('sarif-file', outputs.sarifFile ?? '')
  actions.setOutput('comment-url', outputs.commentUrl ?? '')
}

const FAILING: Record<FailOn, Severity[]> = {
  error: ['error'],
  warning: ['error', 'warning'],
  never: []
}

/** The step fails on findings at or above `fail-on` within `fail-on-scope`, and on nothing else from the scan. */
function failVerdict(
  counts: Record<Severity, number>,
  failOn: FailOn,
  scope: FailOnScope
): string | undefined {
  const failing = FAILING[failOn].reduce((sum, severity) => sum + counts[severity], 0)
  if (failing === 0) return undefined
  const detail = FAILING[failOn].map((severity) => plural(counts[severity], severity)).join(', ')
  const what = scope === 'new' ? ' new in this pull request' : ''
  return `port-hygiene found ${detail}${what} (fail-on: ${failOn}, fail-on-scope: ${scope}).`
}

/**
 * The marker that opens the comment. One comment per scanned folder, so two steps scanning two
 * folders of one repository keep a comment each instead of overwriting each other's.
 */
function commentMarker(workspace: string, workingDirectory: string): string {
  const key = markerKey(workspace, workingDirectory)
  return key === '.' ? '<!-- port-hygiene -->' : `<!-- port-hygiene: ${key} -->`
}

/** The scanned folder, safe inside an HTML comment: `.` for the workspace itself. */
function markerKey(workspace: string, workingDirectory: string): string {
  const relative = toPosix(path.relative(workspace, workingDirectory))
  if (relative === '') return '.'
  return relative.replace(/[^A-Za-z0-9._/-]/g, '_').replace(/-{2,}/g, '-')
}

/** A promise made once, on first use. */
function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}

/** Links go to the PR head (not the merge commit in GITHUB_SHA), or the pushed commit. */
function lineUrlFor(
  context: RunContext,
  workingDirectory: string
): ((file: string, line: number) => string) | undefined {
  return blobUrlFor(context, workingDirectory, context.pullRequest?.headSha || context.sha)
}

/** What tells a stale comment from a fresh one, and two steps' comments apart. */
function runFacts(context: RunContext, workingDirectory: string, startedAt: string): RunFacts {
  const facts: RunFacts = { time: startedAt }
  const sha = context.pullRequest?.headSha || context.sha
  if (sha) facts.headSha = sha
  if (context.runUrl) facts.runUrl = context.runUrl
  const relative = toPosix(path.relative(context.workspace, workingDirectory))
  if (relative !== '' && !relative.startsWith('../')) facts.workingDirectory = relative
  return facts
}

function blobUrlFor(
  context: RunContext,
  workingDirectory: string,
  sha: string
): ((file: string, line: number) => string) | undefined {
  if (!context.repository || !sha) return undefined
  const { owner, repo } = context.repository
  const base = `${context.serverUrl}/${owner}/${repo}/blob/${sha}/`
  return (file, line) => {
    const relative = repositoryRelative(context.workspace, workingDirectory, file)
    return `${base}${relative.split('/').map(encodeURIComponent).join('/')}#L${line}`
  }
}

/** Finding paths are relative to the scanned folder; GitHub wants them relative to the repository. */
function repositoryRelative(workspace: string, workingDirectory: string, file: string): string {
  const relative = toPosix(path.relative(workspace, path.resolve(workingDirectory, file)))
  return relative.startsWith('../') || path.isAbsolute(relative) ? file : relative
}

/** Where a reader of the comment finds what it leaves out: the run's page and the JSON report. */
function commentReportHint(context: RunContext, writesSummary: boolean): string {
  return `${runPageHint(context, writesSummary)} and the JSON report (the step's "report-file" output)`
}

function runPageHint(context: RunContext, writesSummary: boolean): string {
  const where = writesSummary ? 'the job summary' : 'the log'
  return context.runUrl
    ? `${where} of this workflow run (${context.runUrl})`
    : `${where} of this workflow run`
}

function failureMessage(error: unknown): string {
  if (error instanceof InputError) return error.message
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`
  return `port-hygiene failed: ${errorText(error)}`
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
