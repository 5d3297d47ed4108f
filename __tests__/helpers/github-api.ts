// A GitHub REST API emulator for end-to-end tests: the issue-comment, pull-request files,
// review and review-comment endpoints the action uses, and GET /user, on 127.0.0.1 with a
// port of the system's choosing. Like GitHub it rejects a whole review (422) when one of its
// comments is on a line outside the diff, spans two hunks or runs backwards, when it is pinned
// to a commit that is not the PR's head, when a body is missing or too long. It checks the
// token like GitHub does
// (`Authorization: token …` or `Bearer …`, else 401), paginates with Link headers, records
// every request, and can be told to fail (a 403 on create, a 502 once then OK, a rate limit).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CommentUser {
  login: string
  type: 'Bot' | 'User' | 'Organization'
}

export interface StoredComment {
  id: number
  owner: string
  repo: string
  issueNumber: number
  body: string
  user: CommentUser
  createdAt: string
  updatedAt: string
}

export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string>
  authorization: string | undefined
  body: unknown
  status: number
}

export interface FailureRule {
  method: string
  /** Matched against the path (no query string). */
  path: RegExp
  status: number
  /** How many matching requests fail; default: all of them. */
  times?: number
  message?: string
  headers?: Record<string, string>
  /** Accept the request and never answer (an API past its deadline); `status` is then unused. */
  hang?: boolean
}

export interface EmulatorOptions {
  /** The token the action must send. */
  token: string
  /** Who comments made through the API belong to: the installation's bot by default. */
  actor?: CommentUser
  /** GitHub's limit on a comment body. */
  maxBodyLength?: number
}

export interface PullFile {
  filename: string
  status: 'added' | 'modified' | 'removed' | 'renamed'
  /** Unified diff hunks; omitted = GitHub shows no diff (too large). */
  patch?: string
  previous_filename?: string
}

export interface StoredReview {
  id: number
  pullNumber: number
  commitId: string
  event: string
  body: string
  comments: number
}

export interface StoredReviewComment {
  id: number
  pullNumber: number
  reviewId: number | null
  path: string
  line: number
  startLine?: number
  body: string
  user: CommentUser
  inReplyTo?: number
}

const COMMENTS = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/
const PULL_FILES = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/
const REVIEWS = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/
const REVIEW_COMMENTS = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments$/
const REVIEW_COMMENT = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/comments\/(\d+)$/
const COMMENT = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/

export class GitHubApiEmulator {
  readonly requests: RecordedRequest[] = []
  private readonly comments: StoredComment[] = []
  private readonly failures: Array<FailureRule & { remaining: number }> = []
  private readonly pullFiles = new Map<number, PullFile[]>()
  private readonly pullHeads = new Map<number, string>()
  readonly reviews: StoredReview[] = []
  readonly reviewComments: StoredReviewComment[] = []
  private nextId = 1000
  private clock = Date.parse('2025-06-02T10:00:00Z')

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: Required<EmulatorOptions>
  ) {}

  static async start(options: EmulatorOptions): Promise<GitHubApiEmulator> {
    const settings: Required<EmulatorOptions> = {
      actor: { login: 'github-actions[bot]', type: 'Bot' },
      maxBodyLength: 65_536,
      ...options
    }
    // The handler needs the emulator and the emulator needs the server's port: a holder breaks the cycle.
    const holder: { emulator?: GitHubApiEmulator } = {}
    const server = createServer((request, response) => {
      void holder.emulator!.handle(request, response)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const emulator = new GitHubApiEmulator(server, `http://127.0.0.1:${port}`, settings)
    holder.emulator = emulator
    return emulator
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()))
      // Requests left hanging on purpose would hold the server open.
      this.server.closeAllConnections()
    })
  }

  /** A comment that exists before the action runs (a human's, another bot's, an old one of ours). */
  addComment(
    target: { owner: string; repo: string; issueNumber: number },
    body: string,
    user: CommentUser
  ): StoredComment {
    const stamp = this.tick()
    const comment: StoredComment = {
      id: this.nextId++,
      ...target,
      body,
      user,
      createdAt: stamp,
      updatedAt: stamp
    }
    this.comments.push(comment)
    return comment
  }

  commentsOn(target: { owner: string; repo: string; issueNumber: number }): StoredComment[] {
    return this.comments.filter(
      (comment) =>
        comment.owner === target.owner &&
        comment.repo === target.repo &&
        comment.issueNumber === target.issueNumber
    )
  }

  /** The files of a pull request; until set, the files endpoint answers 404. */
  setPullFiles(pullNumber: number, files: PullFile[]): void {
    this.pullFiles.set(pullNumber, files)
  }

  /** The PR's head commit: a review pinned to another commit is refused, as on GitHub. */
  setPullHead(pullNumber: number, sha: string): void {
    this.pullHeads.set(pullNumber, sha)
  }

  /** A review comment someone else wrote (a reply to one of ours, say). */
  addReviewComment(comment: Omit<StoredReviewComment, 'id'>): StoredReviewComment {
    const stored = { ...comment, id: this.nextId++ }
    this.reviewComments.push(stored)
    return stored
  }

  fail(rule: FailureRule): void {
    this.failures.push({ ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY })
  }

  /** POST, PATCH, PUT, DELETE requests that got past authentication. */
  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method !== 'GET' && request.status !== 401)
  }

  clearRequests(): void {
    this.requests.length = 0
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url)
    const body = await readBody(request)
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization,
      body,
      status: 0
    }
    this.requests.push(record)
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status
      response.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-media-type': 'github.v3; format=json',
        ...headers
      })
      response.end(payload === undefined ? '' : JSON.stringify(payload))
    }

    if (!this.authorised(request.headers.authorization)) {
      return reply(401, { message: 'Bad credentials', status: '401' })
    }
    const failure = this.failures.find(
      (rule) => rule.remaining > 0 && rule.method === record.method && rule.path.test(record.path)
    )
    if (failure) {
      failure.remaining--
      if (failure.hang) return
      return reply(
        failure.status,
        { message: failure.message ?? `Emulated failure ${failure.status}` },
        failure.headers
      )
    }
    this.route(record, url, reply)
  }

  private route(
    record: RecordedRequest,
    url: URL,
    reply: (status: number, payload: unknown, headers?: Record<string, string>) => void
  ): void {
    const list = COMMENTS.exec(record.path)
    if (list) {
      const target = { owner: list[1]!, repo: list[2]!, issueNumber: Number(list[3]) }
      if (record.method === 'GET') return this.listComments(target, url, reply)
      if (record.method === 'POST') {
        const text = bodyText(record.body)
        const invalid = this.validateBody(text)
        if (invalid) return reply(422, invalid)
        const comment = this.addComment(target, text!, this.options.actor)
        return reply(201, this.toJson(comment))
      }
    }
    if (record.path === '/user' && record.method === 'GET') {
      // Installation tokens (GITHUB_TOKEN) cannot read /user; personal access tokens can.
      if (this.options.token.startsWith('ghs_')) {
        return reply(403, { message: 'Resource not accessible by integration' })
      }
      return reply(200, { login: this.options.actor.login, type: this.options.actor.type })
    }
    const files = PULL_FILES.exec(record.path)
    if (files && record.method === 'GET') {
      const list = this.pullFiles.get(Number(files[3]))
      if (!list) return reply(404, { message: 'Not Found' })
      // GitHub lists at most 3,000 files.
      return this.paginated(list.slice(0, 3000), url, reply, 30)
    }
    const reviews = REVIEWS.exec(record.path)
    if (reviews && record.method === 'POST') {
      return this.createReview(Number(reviews[3]), record.body, reply)
    }
    const reviewComments = REVIEW_COMMENTS.exec(record.path)
    if (reviewComments && record.method === 'GET') {
      const pull = Number(reviewComments[3])
      const list = this.reviewComments.filter((comment) => comment.pullNumber === pull)
      return this.paginated(
        list.map((comment) => this.reviewCommentJson(comment)),
        url,
        reply,
        30
      )
    }
    const reviewComment = REVIEW_COMMENT.exec(record.path)
    if (reviewComment && record.method === 'DELETE') {
      const index = this.reviewComments.findIndex((c) => c.id === Number(reviewComment[3]))
      if (index === -1) return reply(404, { message: 'Not Found' })
      if (this.reviewComments[index]!.user.login !== this.options.actor.login) {
        return reply(403, { message: 'Resource not accessible by integration' })
      }
      this.reviewComments.splice(index, 1)
      return reply(204, undefined)
    }
    const single = COMMENT.exec(record.path)
    if (single) {
      const comment = this.comments.find(
        (candidate) =>
          candidate.id === Number(single[3]) &&
          candidate.owner === single[1] &&
          candidate.repo === single[2]
      )
      if (!comment) return reply(404, { message: 'Not Found' })
      if (record.method === 'GET') return reply(200, this.toJson(comment))
      if (record.method === 'PATCH') {
        const text = bodyText(record.body)
        const invalid = this.validateBody(text)
        if (invalid) return reply(422, invalid)
        // As on GitHub: only the author (here, the token's identity) may edit a comment.
        if (comment.user.login !== this.options.actor.login) {
          return reply(403, { message: 'Resource not accessible by integration' })
        }
        comment.body = text!
        comment.updatedAt = this.tick()
        return reply(200, this.toJson(comment))
      }
    }
    reply(404, { message: 'Not Found' })
  }

  private listComments(
    target: { owner: string; repo: string; issueNumber: number },
    url: URL,
    reply: (status: number, payload: unknown, headers?: Record<string, string>) => void
  ): void {
    // GitHub's defaults: 30 per page, at most 100; pages count from 1.
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30))
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
    const all = this.commentsOn(target)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const items = all.slice((page - 1) * perPage, page * perPage).map((c) => this.toJson(c))
    const link = (n: number, rel: string) => {
      const next = new URL(url.pathname, this.url)
      next.searchParams.set('per_page', String(perPage))
      next.searchParams.set('page', String(n))
      return `<${next.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    reply(200, items, links.length > 0 ? { link: links.join(', ') } : {})
  }

  private createReview(
    pullNumber: number,
    body: unknown,
    reply: (status: number, payload: unknown, headers?: Record<string, string>) => void
  ): void {
    const review = (body ?? {}) as {
      commit_id?: string
      event?: string
      body?: string
      comments?: Array<{
        path: string
        line: number
        side?: string
        start_line?: number
        start_side?: string
        body: string
      }>
    }
    const comments = review.comments ?? []
    const files = this.pullFiles.get(pullNumber) ?? []
    const refuse = (error: string) =>
      reply(422, { message: 'Unprocessable Entity', errors: [error], status: '422' })
    const head = this.pullHeads.get(pullNumber)
    if (head !== undefined && review.commit_id !== head) {
      return refuse('commit_id is not part of the pull request')
    }
    if ((review.event === 'COMMENT' || review.event === 'REQUEST_CHANGES') && !review.body) {
      return refuse(`Review body is required for ${review.event}`)
    }
    for (const comment of comments) {
      const file = files.find((candidate) => candidate.filename === comment.path)
      const hunks = file?.patch ? diffLines(file.patch) : new Map<number, number>()
      const start = comment.start_line ?? comment.line
      if (!Number.isInteger(comment.line) || !Number.isInteger(start) || start > comment.line) {
        return refuse('start_line must precede line')
      }
      if (comment.side !== 'RIGHT' || (comment.start_line && comment.start_side !== 'RIGHT')) {
        return refuse('Line could not be resolved')
      }
      // What GitHub answers when one line of a review is not in the diff: the whole review fails.
      for (let line = start; line <= comment.line; line++) {
        if (!hunks.has(line)) return refuse('Line could not be resolved')
      }
      if (hunks.get(start) !== hunks.get(comment.line)) {
        return refuse(
          'pull_request_review_thread.start_line must be part of the same hunk as the line.'
        )
      }
      if (!comment.body || comment.body.length > this.options.maxBodyLength) {
        return refuse('pull_request_review_comment.body is too long (or missing)')
      }
    }
    const stored: StoredReview = {
      id: this.nextId++,
      pullNumber,
      commitId: review.commit_id ?? '',
      event: review.event ?? '',
      body: review.body ?? '',
      comments: comments.length
    }
    this.reviews.push(stored)
    for (const comment of comments) {
      this.reviewComments.push({
        id: this.nextId++,
        pullNumber,
        reviewId: stored.id,
        path: comment.path,
        line: comment.line,
        ...(comment.start_line ? { startLine: comment.start_line } : {}),
        body: comment.body,
        user: this.options.actor
      })
    }
    reply(200, { id: stored.id, state: 'COMMENTED', body: stored.body, commit_id: stored.commitId })
  }

  private reviewCommentJson(comment: StoredReviewComment): object {
    return {
      id: comment.id,
      pull_request_review_id: comment.reviewId,
      path: comment.path,
      line: comment.line,
      start_line: comment.startLine ?? null,
      side: 'RIGHT',
      body: comment.body,
      in_reply_to_id: comment.inReplyTo,
      user: { login: comment.user.login, id: hash(comment.user.login), type: comment.user.type }
    }
  }

  private paginated(
    all: unknown[],
    url: URL,
    reply: (status: number, payload: unknown, headers?: Record<string, string>) => void,
    defaultPerPage: number
  ): void {
    const perPage = Math.min(
      100,
      Math.max(1, Number(url.searchParams.get('per_page') ?? defaultPerPage) || defaultPerPage)
    )
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const items = all.slice((page - 1) * perPage, page * perPage)
    const link = (n: number, rel: string) => {
      const next = new URL(url.pathname, this.url)
      next.searchParams.set('per_page', String(perPage))
      next.searchParams.set('page', String(n))
      return `<${next.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    reply(200, items, links.length > 0 ? { link: links.join(', ') } : {})
  }

  private validateBody(text: string | undefined): object | undefined {
    if (text === undefined || text === '') {
      return { message: 'Validation Failed', errors: [{ field: 'body', code: 'missing_field' }] }
    }
    if (text.length > this.options.maxBodyLength) {
      return {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            field: 'body',
            code: 'custom',
            message: `body is too long (maximum is ${this.options.maxBodyLength} characters)`
          }
        ]
      }
    }
    return undefined
  }

  private authorised(header: string | undefined): boolean {
    const match = /^(?:token|bearer) (.+)$/i.exec(header ?? '')
    return match?.[1] === this.options.token
  }

  private toJson(comment: StoredComment): object {
    const api = `https://api.github.com/repos/${comment.owner}/${comment.repo}`
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${api}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${comment.owner}/${comment.repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${api}/issues/${comment.issueNumber}`,
      body: comment.body,
      user: {
        login: comment.user.login,
        id: hash(comment.user.login),
        type: comment.user.type,
        site_admin: false
      },
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER'
    }
  }

  private tick(): string {
    this.clock += 60_000
    return new Date(this.clock).toISOString()
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function bodyText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const value = (body as { body?: unknown }).body
  return typeof value === 'string' ? value : undefined
}

/** The head-side lines of a patch's hunks, where GitHub lets a review comment go → their hunk. */
export function diffLines(patch: string): Map<number, number> {
  const lines = new Map<number, number>()
  let line = 0
  let hunks = 0
  for (const text of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text)
    if (hunk) {
      line = Number(hunk[1])
      hunks++
    } else if (text.startsWith('+') || text.startsWith(' ')) {
      lines.set(line++, hunks)
    }
  }
  return lines
}

function hash(text: string): number {
  let value = 0
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0
  return value % 10_000_000
}
