// The workflows the docs tell users to copy, checked the way actionlint checks a workflow file:
// they parse, their triggers are what the text says (the fleet recipe keeps the report of pushes
// to the default branch), every job has a runner and steps, every step exactly one of `uses` and
// `run`, every `${{ }}` expression names known contexts and functions, the step ids and matrix
// keys it reads exist, and the port-hygiene action is given only inputs its action.yml declares
// and read only outputs it sets.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../e2e/action-runner.js'

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8')

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
interface Job {
  'runs-on'?: unknown
  steps?: Step[]
  strategy?: { matrix?: Record<string, unknown> }
  permissions?: Record<string, string>
}
interface Workflow {
  name?: string
  on?: Record<string, unknown>
  permissions?: Record<string, string>
  jobs?: Record<string, Job>
}

const action = parse(read('action.yml')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}

/** The YAML blocks of a Markdown page whose first line is `# <label>…`. */
function workflowBlock(file: string, label: string): { text: string; workflow: Workflow } {
  const blocks = [...read(file).matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1]!)
  const text = blocks.find((block) => block.startsWith(`# ${label}`))
  if (!text) throw new Error(`${file} has no yaml block starting with "# ${label}"`)
  return { text, workflow: parse(text) as Workflow }
}

/** Contexts a workflow expression may read (GitHub's "Contexts" reference). */
const CONTEXTS = new Set([
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs'
])
const FUNCTIONS = new Set([
  'always',
  'success',
  'failure',
  'cancelled',
  'contains',
  'startsWith',
  'endsWith',
  'format',
  'join',
  'toJSON',
  'fromJSON',
  'hashFiles'
])

/** Every expression of a job: `${{ … }}` anywhere, and each `if:` (which needs no braces). */
function expressionsOf(job: Job): string[] {
  const found: string[] = []
  const visit = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) found.push(match[1]!.trim())
      if (key === 'if' && !value.includes('${{')) found.push(value)
    } else if (Array.isArray(value)) value.forEach((item) => visit(item))
    else if (value && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) visit(item, name)
    }
  }
  visit(job)
  return found
}

/** actionlint's checks, as far as these workflows need them; the problems found. */
function lint(workflow: Workflow): string[] {
  const problems: string[] = []
  if (!workflow.on || Object.keys(workflow.on).length === 0) problems.push('no `on:` trigger')
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    if (!job['runs-on']) problems.push(`${jobId}: no runs-on`)
    if (!Array.isArray(job.steps) || job.steps.length === 0) problems.push(`${jobId}: no steps`)
    const ids = new Set<string>()
    for (const [index, step] of (job.steps ?? []).entries()) {
      const where = `${jobId}.steps[${index}]`
      if ((step.uses === undefined) === (step.run === undefined)) {
        problems.push(`${where}: needs exactly one of uses and run`)
      }
      if (step.uses !== undefined && !/^(\.\/|[\w.-]+\/[\w./-]+@[\w.-]+$)/.test(step.uses)) {
        problems.push(`${where}: uses "${step.uses}" is not owner/repo@ref`)
      }
      if (step.uses?.startsWith('port-hygiene/port-hygiene@')) {
        for (const input of Object.keys(step.with ?? {})) {
          if (!(input in action.inputs)) problems.push(`${where}: the action has no input ${input}`)
        }
      }
      // A step reads the outputs of the steps before it, never its own or a later one's.
      for (const expression of expressionsOf({ steps: [step] })) {
        for (const match of expression.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          if (!ids.has(match[1]!)) problems.push(`${where}: reads steps.${match[1]} before it runs`)
          const producer = job.steps!.find((each) => each.id === match[1])
          if (
            producer?.uses?.startsWith('port-hygiene/port-hygiene@') &&
            !(match[2]! in action.outputs)
          ) {
            problems.push(`${where}: the action has no output ${match[2]}`)
          }
        }
      }
      if (step.id) ids.add(step.id)
    }
    for (const expression of expressionsOf(job)) {
      const code = expression.replace(/'(?:[^']|'')*'/g, "''")
      for (const match of code.matchAll(/(?<![\w.-])([A-Za-z_][\w-]*)(\s*\()?/g)) {
        const [, name, call] = match
        if (
          call
            ? !FUNCTIONS.has(name!)
            : !CONTEXTS.has(name!) && !['true', 'false', 'null'].includes(name!)
        ) {
          problems.push(
            `${jobId}: unknown ${call ? 'function' : 'context'} "${name}" in \${{ ${expression} }}`
          )
        }
      }
      for (const match of code.matchAll(/\bmatrix\.([\w-]+)/g)) {
        if (!(match[1]! in (job.strategy?.matrix ?? {}))) {
          problems.push(`${jobId}: matrix.${match[1]} is not in strategy.matrix`)
        }
      }
    }
  }
  return problems
}

describe('the lint itself', () => {
  it('finds what actionlint would', () => {
    const broken = parse(`on: push
jobs:
  a:
    steps:
      - run: echo \${{ step.x.outputs.y }}
        uses: actions/checkout@v4
      - uses: port-hygiene/port-hygiene@v1
        with: { fail-on: error, fail_on: error }
      - run: echo \${{ steps.later.outputs.report-file }} \${{ matrix.nope }} \${{ toJson(github) }}
      - uses: port-hygiene/port-hygiene@v1
        id: later
`) as Workflow
    expect(lint(broken)).toEqual([
      'a: no runs-on',
      'a.steps[0]: needs exactly one of uses and run',
      'a.steps[1]: the action has no input fail_on',
      'a.steps[2]: reads steps.later before it runs',
      'a: unknown context "step" in ${{ step.x.outputs.y }}',
      'a: matrix.nope is not in strategy.matrix',
      'a: unknown function "toJson" in ${{ toJson(github) }}'
    ])
  })
})

describe("the README's workflow", () => {
  const { workflow } = workflowBlock('README.md', '.github/workflows/port-hygiene.yml')

  it('is a valid workflow that runs on pull requests with the comment permission', () => {
    expect(lint(workflow)).toEqual([])
    expect(Object.keys(workflow.on!)).toEqual(['pull_request'])
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' })
  })
})

describe('the fleet recipe (docs/fleet.md)', () => {
  const application = workflowBlock('docs/fleet.md', 'application repository:')
  const platform = workflowBlock('docs/fleet.md', 'platform repository:')

  it('both workflows pass the lint', () => {
    expect(lint(application.workflow)).toEqual([])
    expect(lint(platform.workflow)).toEqual([])
  })

  it('the application workflow runs on pull requests and on pushes to the default branch', () => {
    const on = application.workflow.on as { push?: { branches?: string[] } }
    expect(Object.keys(on).sort()).toEqual(['pull_request', 'push'])
    expect(on.push?.branches).toEqual(['main'])
  })

  it('uploads the report on pushes to the default branch only, from the step that wrote it', () => {
    const steps = Object.values(application.workflow.jobs!)[0]!.steps!
    const scan = steps.find((step) => step.uses?.startsWith('port-hygiene/port-hygiene@'))!
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))!
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(scan))
    expect(upload.if).toMatch(/^always\(\) && /)
    expect(upload.if).toContain("github.event_name == 'push'")
    expect(upload.if).toContain('github.ref_name == github.event.repository.default_branch')
    expect(upload.with).toMatchObject({
      name: 'port-hygiene-report',
      path: `\${{ steps.${scan.id}.outputs.report-file }}`
    })
  })

  it('the platform workflow downloads push runs of the default branch and runs the fleet check', () => {
    const on = platform.workflow.on as { schedule?: Array<{ cron: string }> }
    expect(on.schedule?.[0]?.cron.split(' ')).toHaveLength(5)
    expect(platform.workflow.permissions).toMatchObject({ actions: 'read' })
    const steps = Object.values(platform.workflow.jobs!)[0]!.steps!
    const download = steps.find((step) => step.run?.includes('gh run download'))!
    expect(download.run).toContain('--event push')
    expect(download.run).toContain('defaultBranchRef')
    expect(download.run).toContain('-n port-hygiene-report')
    const artifact = /-n ([\w-]+)/.exec(download.run!)![1]
    const uploaded = Object.values(application.workflow.jobs!)[0]!.steps!.find((step) =>
      step.uses?.startsWith('actions/upload-artifact@')
    )!
    expect(uploaded.with?.name).toBe(artifact)
    expect(steps.at(-1)!.run).toMatch(
      /^npx port-hygiene@1 fleet reports\/\*\/\*\/port-hygiene-report\.json /
    )
  })
})
