// .pre-commit-hooks.yaml: the hook's entry is the package's bin, run on the files pre-commit
// passes, the staged ones its `types` select, in a scratch git repository.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../package.json' with { type: 'json' }
import { PROJECT_ROOT } from '../e2e/action-runner.js'

const run = promisify(execFile)

interface Hook {
  id: string
  entry: string
  language: string
  types?: string[]
  pass_filenames?: boolean
}

const hooks: Hook[] = parse(
  await readFile(path.join(PROJECT_ROOT, '.pre-commit-hooks.yaml'), 'utf8')
)
const hook = hooks.find((candidate) => candidate.id === 'port-hygiene')!

/** What `language: node` runs for the entry: the bin the package declares. */
function entryScript(entry: string): string {
  const [command] = entry.split(' ')
  const bin = (packageJson.bin as Record<string, string>)[command!]
  if (!bin) throw new Error(`the hook's entry "${entry}" is not a bin of the package`)
  return path.join(PROJECT_ROOT, bin)
}

/** pre-commit's `types: [yaml]`: files with a YAML extension. */
function selectedByTypes(files: string[]): string[] {
  expect(hook.types).toEqual(['yaml'])
  return files.filter((file) => /\.(ya?ml)$/i.test(file))
}

let repo: string
const git = (...args: string[]) => run('git', args, { cwd: repo })

beforeAll(async () => {
  // The committed dist/ is what a user installs; CI's dist check proves it is what src/ builds.
  repo = await mkdtemp(path.join(tmpdir(), 'port-hygiene-pre-commit-'))
  await git('init', '--quiet')
  await mkdir(path.join(repo, 'deploy'), { recursive: true })
})
afterAll(async () => {
  await rm(repo, { recursive: true, force: true })
})

/** Runs the hook as pre-commit would: the entry with the staged files it selects. */
async function runHook() {
  const { stdout: staged } = await git('diff', '--cached', '--name-only', '--diff-filter=ACMR')
  const files = selectedByTypes(staged.split('\n').filter(Boolean))
  try {
    const result = await run(process.execPath, [entryScript(hook.entry), ...files], { cwd: repo })
    return { code: 0, stdout: result.stdout, files }
  } catch (error) {
    const failed = error as { code: number; stdout: string }
    return { code: failed.code, stdout: failed.stdout, files }
  }
}

const ingress = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: edge
  namespace: ingress
spec:
  selector:
    matchLabels: { app: edge }
  template:
    metadata:
      labels: { app: edge }
    spec:
      containers:
        - name: proxy
          image: gitea/gitea:1.22 # git over SSH on the nodes' port 22, where sshd listens
          ports:
            - containerPort: 8080
              hostPort: 22
`

describe('the pre-commit hook', () => {
  it('is a node hook whose entry is the package bin, on YAML files', () => {
    expect(hook).toMatchObject({ id: 'port-hygiene', language: 'node', entry: 'port-hygiene' })
    expect(hook.pass_filenames).not.toBe(false)
    expect(hooks.find((candidate) => candidate.id === 'port-hygiene-all')).toMatchObject({
      pass_filenames: false
    })
  })

  it('fails on a staged manifest with a problem and names it; unstaged files are not looked at', async () => {
    await writeFile(path.join(repo, 'deploy/edge.yaml'), ingress)
    await writeFile(path.join(repo, 'README.md'), '# A repository\n')
    await writeFile(path.join(repo, 'deploy/draft.yaml'), ingress.replace('edge', 'draft'))
    await git('add', 'deploy/edge.yaml', 'README.md')
    const result = await runHook()
    expect(result.files).toEqual(['deploy/edge.yaml'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /^deploy\/edge\.yaml:18:15 {2}error {2}Host port 22\/TCP .*\[privileged-port\]$/m
    )
    expect(result.stdout).not.toContain('draft')
  })

  it('passes once the staged manifest is fixed', async () => {
    await writeFile(
      path.join(repo, 'deploy/edge.yaml'),
      ingress.replace('hostPort: 22', 'hostPort: 2222')
    )
    await git('add', 'deploy/edge.yaml')
    const result = await runHook()
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('✔ No port problems in 1 file')
  })
})
