// action.yml says `using: node24`: the same core run (comment created, then left alone, outputs,
// summary, exit code) under Node 24, fetched with `npx -y node@24`. Skipped, saying why, only
// when Node 24 cannot be fetched here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GitHubApiEmulator } from '../helpers/github-api.js'
import {
  MARKER,
  TARGET,
  TOKEN,
  createSandbox,
  findNode24,
  removeSandbox,
  runAction,
  type Sandbox
} from './action-runner.js'

let node24: { execPath?: string; detail: string }
let api: GitHubApiEmulator
let sandbox: Sandbox

beforeAll(async () => {
  node24 = await findNode24()
  if (!node24.execPath) {
    console.warn(`Node 24 could not be fetched with \`npx -y node@24\`; skipping: ${node24.detail}`)
  }
  api = await GitHubApiEmulator.start({ token: TOKEN })
  sandbox = await createSandbox()
}, 200_000)

afterAll(async () => {
  await api?.close()
  if (sandbox) await removeSandbox(sandbox)
})

describe('under Node 24', () => {
  it('creates the comment, then makes no write on an unchanged rerun', async (context) => {
    if (!node24.execPath) return context.skip(`npx -y node@24 is unavailable: ${node24.detail}`)
    const command = [node24.execPath]
    const first = await runAction(sandbox, { apiUrl: api.url, command, timeoutMs: 120_000 })
    expect(first.log).toContain(`under Node ${node24.detail}`)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(1)
    expect(api.writes().map((request) => request.method)).toEqual(['POST'])
    expect(api.commentsOn(TARGET)[0]!.body.startsWith(MARKER)).toBe(true)
    expect(Number(first.outputs.errors)).toBeGreaterThan(0)
    expect(first.summary).toContain('privileged-port')

    api.clearRequests()
    const second = await runAction(sandbox, { apiUrl: api.url, command, timeoutMs: 120_000 })
    expect(second.code).toBe(1)
    expect(api.writes()).toEqual([])
    expect(second.outputs).toEqual(first.outputs)
  }, 300_000)
})
