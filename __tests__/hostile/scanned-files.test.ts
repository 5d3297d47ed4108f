// Scanned files and every file the Compose loader reaches (.env, env_file, include, extends):
// nothing outside the root is read, nothing blocks, nothing is dropped without a finding, and
// the healthy file beside the hostile one is still reported.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HEALTHY, OUTSIDE, SECRET, SECRET_FILE, cli, repo, rules, scanRoot } from './hostile.js'

const HEALTHY_FINDING = expect.objectContaining({
  ruleId: 'privileged-port',
  location: expect.objectContaining({ file: 'k8s/edge.yaml' })
})

/** No finding, message or model entry carries the outside file's content. */
function expectNothingFromOutside(result: unknown): void {
  expect(JSON.stringify(result)).not.toContain(SECRET)
}

function skippedReason(result: Awaited<ReturnType<typeof scanRoot>>, file: string): string {
  return (
    result.findings.find(
      (finding) => finding.ruleId === 'skipped-file' && finding.location.file === file
    )?.message ?? ''
  )
}

describe('scanned files', () => {
  it('a manifest linked to a file outside the root is skipped, not read', async () => {
    const root = repo({ 'k8s/stolen.yaml': { link: SECRET_FILE }, 'k8s/edge.yaml': HEALTHY })
    const result = await scanRoot(root)
    expect(skippedReason(result, 'k8s/stolen.yaml')).toMatch(/outside the scanned folder/)
    expect(result.findings).toContainEqual(HEALTHY_FINDING)
    expectNothingFromOutside(result)
  })

  it('a FIFO named .yaml does not block the scan', async () => {
    const root = repo({ 'k8s/pipe.yaml': { fifo: true }, 'k8s/edge.yaml': HEALTHY })
    const result = await scanRoot(root, {})
    expect(result.findings).toContainEqual(HEALTHY_FINDING)
    expect(result.model.files.map((file) => file.file)).toEqual(['k8s/edge.yaml'])
  }, 10_000)

  it('a FIFO named explicitly is reported as not a regular file', async () => {
    const root = repo({ 'k8s/pipe.yaml': { fifo: true } })
    const run = await cli(root, ['k8s/pipe.yaml', '--format', 'json'])
    const report = JSON.parse(run.stdout) as { findings: Array<{ message: string }> }
    expect(report.findings.map((finding) => finding.message)).toEqual([
      'Skipped k8s/pipe.yaml: not a regular file.'
    ])
  }, 10_000)

  it('a link to /dev/zero is skipped, not read forever', async () => {
    const root = repo({ 'k8s/zero.yaml': { link: '/dev/zero' }, 'k8s/edge.yaml': HEALTHY })
    const result = await scanRoot(root)
    expect(skippedReason(result, 'k8s/zero.yaml')).toMatch(/outside/)
    expect(result.findings).toContainEqual(HEALTHY_FINDING)
  }, 10_000)

  it('a link to /proc/self/environ is skipped and the environment never appears', async () => {
    const root = repo({ 'k8s/env.yaml': { link: '/proc/self/environ' }, 'k8s/edge.yaml': HEALTHY })
    const result = await scanRoot(root)
    expect(skippedReason(result, 'k8s/env.yaml')).toMatch(/outside/)
    expect(JSON.stringify(result)).not.toContain(process.env.PATH ?? '\u0000')
  })

  it('a file over the size limit is skipped with its size, the rest scanned', async () => {
    const root = repo({
      'k8s/edge.yaml': HEALTHY,
      '.github/port-hygiene.yml': 'maxFileSize: 1MB\n'
    })
    writeFileSync(path.join(root, 'k8s/dump.yaml'), `a: "${'x'.repeat(2 * 1024 * 1024)}"\n`)
    const result = await scanRoot(root)
    expect(skippedReason(result, 'k8s/dump.yaml')).toMatch(/larger than the size limit/)
    expect(result.findings).toContainEqual(HEALTHY_FINDING)
  })

  it('a binary file is skipped as not text', async () => {
    const root = repo({
      'k8s/blob.yaml': 'apiVersion: v1\u0000\u0001\u0002',
      'k8s/edge.yaml': HEALTHY
    })
    const result = await scanRoot(root)
    expect(skippedReason(result, 'k8s/blob.yaml')).toMatch(/not a text file/)
    expect(result.findings).toContainEqual(HEALTHY_FINDING)
  })

  it('a symlink loop and a dangling link cost nothing but a notice', async () => {
    const root = repo({
      'k8s/loop-a.yaml': { link: 'loop-b.yaml' },
      'k8s/loop-b.yaml': { link: 'loop-a.yaml' },
      'k8s/dangling.yaml': { link: 'missing.yaml' },
      'k8s/edge.yaml': HEALTHY
    })
    const result = await scanRoot(root)
    expect(result.findings).toContainEqual(HEALTHY_FINDING)
    expect(result.model.files.map((file) => file.file)).toEqual(['k8s/edge.yaml'])
  })

  it('a folder linked to / is not walked', async () => {
    const root = repo({ 'k8s/everything': { link: '/' }, 'k8s/edge.yaml': HEALTHY })
    const result = await scanRoot(root)
    expect(result.model.files.map((file) => file.file)).toEqual(['k8s/edge.yaml'])
  })
})

const COMPOSE_BASE = `services:
  web:
    image: nginx:1.27
    ports:
      - '81:81'
`

describe('files the Compose loader reaches', () => {
  it('include: of a file outside the root is not read', async () => {
    const root = repo({
      'app/compose.yaml': `include:\n  - ${SECRET_FILE}\n  - ../../../../../../${SECRET_FILE}\n${COMPOSE_BASE}`
    })
    const result = await scanRoot(root)
    expect(rules(result)).toContain('privileged-port')
    expectNothingFromOutside(result)
  })

  it('include: of a link that leaves the root is not read', async () => {
    writeFileSync(
      path.join(OUTSIDE, 'other.yaml'),
      `services:\n  ${SECRET}:\n    ports: ['81:81']\n`
    )
    const root = repo({
      'app/compose.yaml': `include:\n  - shared.yaml\n${COMPOSE_BASE}`,
      'app/shared.yaml': { link: path.join(OUTSIDE, 'other.yaml') }
    })
    const result = await scanRoot(root)
    expectNothingFromOutside(result)
    expect(result.model.bindings.map((binding) => binding.container)).toEqual(['web'])
  })

  it('a .env linked outside the root is not read', async () => {
    writeFileSync(path.join(OUTSIDE, 'env'), `WEB_PORT=${SECRET}\n`)
    const root = repo({
      'app/compose.yaml': "services:\n  web:\n    ports: ['${WEB_PORT:-8080}:80']\n",
      'app/.env': { link: path.join(OUTSIDE, 'env') }
    })
    const result = await scanRoot(root)
    expectNothingFromOutside(result)
    expect(result.model.bindings[0]!.hostPort).toEqual({ start: 8080, end: 8080 })
  })

  it('a .env that is a FIFO does not block', async () => {
    const root = repo({
      'app/compose.yaml': "services:\n  web:\n    ports: ['${WEB_PORT:-81}:80']\n",
      'app/.env': { fifo: true }
    })
    const result = await scanRoot(root)
    expect(rules(result)).toContain('privileged-port')
  }, 10_000)

  it('include env_file: outside the root is not read', async () => {
    writeFileSync(path.join(OUTSIDE, 'inc.env'), `P=${SECRET}\n`)
    const root = repo({
      'app/compose.yaml': `include:\n  - path: part.yaml\n    env_file: ${path.join(OUTSIDE, 'inc.env')}\n`,
      'app/part.yaml': "services:\n  api:\n    ports: ['${P:-9000}:9000']\n"
    })
    const result = await scanRoot(root)
    expectNothingFromOutside(result)
    expect(result.model.bindings.map((binding) => binding.hostPort)).toEqual([
      { start: 9000, end: 9000 }
    ])
  })

  it('extends: file: outside the root is not read', async () => {
    const root = repo({
      'app/compose.yaml': `services:\n  web:\n    extends:\n      file: ${SECRET_FILE}\n      service: ${SECRET}\n    ports: ['8080:80']\n`
    })
    const result = await scanRoot(root)
    expectNothingFromOutside(result)
    expect(result.model.bindings).toHaveLength(1)
  })

  it('include: of /dev/zero and of a folder is skipped', async () => {
    const root = repo({
      'app/compose.yaml': `include:\n  - zero.yaml\n  - folder.yaml\n${COMPOSE_BASE}`,
      'app/zero.yaml': { link: '/dev/zero' },
      'app/folder.yaml': { dir: true }
    })
    const result = await scanRoot(root)
    expect(rules(result)).toContain('privileged-port')
  }, 10_000)
})
