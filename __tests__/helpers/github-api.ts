// A GitHub REST API emulator for end-to-end tests: the issue-comment endpoints the action uses,
// on 127.0.0.1 with a port of the system's choosing. It checks the token like GitHub does
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
}

export interface EmulatorOptions {
  /** The token the action must send. */
  token: string
  /** Who comments made through the API belong to: the installation's bot by default. */
  actor?: CommentUser
  /** GitHub's limit on a comment body. */
  maxBodyLength?: number
}

const COMMENTS = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/
const COMMENT = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/

export class GitHubApiEmulator {
  readonly requests: RecordedRequest[] = []
  private readonly comments: StoredComment[] = []
  private readonly failures: Array<FailureRule & { remaining: number }> = []
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
    return new Promise((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve()))
    )
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

function hash(text: string): number {
  let value = 0
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0
  return value % 10_000_000
}
