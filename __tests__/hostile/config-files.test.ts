// The config file and .github/port-ranges.json come from the pull request like every scanned
// file: links out of the repository, FIFOs, devices, folders and huge files are refused with an
// error that names the file and the reason, and nothing of the refused file is ever printed.
import { symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HEALTHY, OUTSIDE, SECRET, SECRET_FILE, cli, repo } from './hostile.js'

const CONFIG = '.github/port-hygiene.yml'
const RANGES = '.github/port-ranges.json'

/** A value of this process's environment that would show if /proc/self/environ were read. */
const ENV_MARKER = `PORT_HYGIENE_HOSTILE_${Date.now()}`
process.env[ENV_MARKER] = 'environ-content-must-not-leak'

function expectRefused(run: { code: number; all: string }, file: string, reason: RegExp): void {
  expect(run.code).toBe(2)
  expect(run.all).toContain(file)
  expect(run.all).toMatch(reason)
  expect(run.all).not.toContain('environ-content-must-not-leak')
  expect(run.all).not.toContain('root:x:0:0')
  expect(run.all).not.toContain(SECRET)
}

const OUTSIDE_REASON = /resolves outside the repository/

describe('config file', () => {
  it('a link to /proc/self/environ is refused, the environment never printed', async () => {
    const root = repo({ [CONFIG]: { link: '/proc/self/environ' }, 'k8s/edge.yaml': HEALTHY })
    expectRefused(await cli(root), CONFIG, OUTSIDE_REASON)
  })

  it('a link to /etc/passwd is refused', async () => {
    const root = repo({ [CONFIG]: { link: '/etc/passwd' }, 'k8s/edge.yaml': HEALTHY })
    expectRefused(await cli(root), CONFIG, OUTSIDE_REASON)
  })

  it('a FIFO is refused at once, not waited on', async () => {
    const root = repo({ [CONFIG]: { fifo: true }, 'k8s/edge.yaml': HEALTHY })
    expectRefused(await cli(root), CONFIG, /not a regular file/)
  }, 10_000)

  it('a link to a file outside the repository is refused', async () => {
    const root = repo({ [CONFIG]: { link: SECRET_FILE } })
    expectRefused(await cli(root), CONFIG, OUTSIDE_REASON)
  })

  it('a relative link that climbs out (../../) is refused', async () => {
    const root = repo({ '.github/.keep': '', 'k8s/edge.yaml': HEALTHY })
    const climb = path.relative(path.join(root, '.github'), SECRET_FILE)
    expect(climb.startsWith('../../')).toBe(true)
    symlinkSync(climb, path.join(root, CONFIG))
    expectRefused(await cli(root), CONFIG, OUTSIDE_REASON)
  })

  it('a link to /dev/zero is refused (a device, outside the repository)', async () => {
    const root = repo({ [CONFIG]: { link: '/dev/zero' } })
    expectRefused(await cli(root), CONFIG, OUTSIDE_REASON)
  }, 10_000)

  it('a dangling link is an error naming the file, not a silent default config', async () => {
    const root = repo({ [CONFIG]: { link: 'nowhere.yml' } })
    expectRefused(await cli(root), CONFIG, /does not exist/)
  })

  it('a folder where the config file should be is refused', async () => {
    const root = repo({ [CONFIG]: { dir: true } })
    expectRefused(await cli(root), CONFIG, /not a regular file/)
  })

  it('a config file of 50 MB is refused by size without being read', async () => {
    const root = repo({ '.github/.keep': '' })
    writeFileSync(path.join(root, CONFIG), `# ${SECRET}\n` + 'x'.repeat(50 * 1024 * 1024))
    expectRefused(await cli(root), CONFIG, /larger than the size limit/)
  }, 30_000)

  it('an explicit --config link that leaves its folder is refused', async () => {
    const root = repo({ 'ci/ph.yml': { link: SECRET_FILE }, 'k8s/edge.yaml': HEALTHY })
    expectRefused(await cli(root, ['--config', 'ci/ph.yml']), 'ci/ph.yml', OUTSIDE_REASON)
  })

  it('a link inside the repository is followed (links are not refused as such)', async () => {
    const root = repo({
      'config/ph.yml': 'rules:\n  privileged-port: warning\n',
      [CONFIG]: { link: '../config/ph.yml' },
      'k8s/edge.yaml': HEALTHY
    })
    const run = await cli(root, ['--format', 'json'])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as {
      findings: Array<{ ruleId: string; severity: string }>
    }
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'privileged-port', severity: 'warning' })
    )
  })

  it('a config that is not a map quotes at most a short escaped excerpt of itself', async () => {
    const long = `\u001b]0;pwned\u0007${'A'.repeat(500)}${SECRET}`
    const root = repo({ [CONFIG]: JSON.stringify(long) })
    const run = await cli(root)
    expect(run.code).toBe(2)
    expect(run.all).toContain(CONFIG)
    expect(run.all).not.toContain(SECRET)
    expect(run.all).not.toContain('\u001b')
    expect(run.all).not.toContain('\u0007')
    expect(run.all).toContain('\\u001b')
  })
})

describe('.github/port-ranges.json', () => {
  it('a link to /proc/self/environ is refused', async () => {
    const root = repo({ [RANGES]: { link: '/proc/self/environ' }, 'k8s/edge.yaml': HEALTHY })
    expectRefused(await cli(root), RANGES, OUTSIDE_REASON)
  })

  it('a link to /etc/passwd is refused', async () => {
    const root = repo({ [RANGES]: { link: '/etc/passwd' } })
    expectRefused(await cli(root), RANGES, OUTSIDE_REASON)
  })

  it('a FIFO is refused at once', async () => {
    const root = repo({ [RANGES]: { fifo: true } })
    expectRefused(await cli(root), RANGES, /not a regular file/)
  }, 10_000)

  it('a link to ranges outside the repository is neither read nor applied', async () => {
    writeFileSync(path.join(OUTSIDE, 'ranges.json'), '{"ingress": {"min": 1, "max": 2}}')
    const root = repo({
      [RANGES]: { link: path.join(OUTSIDE, 'ranges.json') },
      'k8s/edge.yaml': HEALTHY
    })
    const run = await cli(root)
    expectRefused(run, RANGES, OUTSIDE_REASON)
    expect(run.all).not.toContain('port-out-of-range')
  })

  it('invalid JSON is reported without quoting the file', async () => {
    const root = repo({ [RANGES]: `${SECRET}: not json` })
    const run = await cli(root)
    expect(run.code).toBe(2)
    expect(run.all).toContain(RANGES)
    expect(run.all).toContain('invalid JSON')
    expect(run.all).not.toContain(SECRET)
  })
})

describe('range keys that are names of Object.prototype', () => {
  const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty']
  /** A DaemonSet in `namespace` on a host port of its own (8080 and up: no conflict between them). */
  const inNamespace = (namespace: string) =>
    HEALTHY.replace('namespace: ingress', `namespace: ${JSON.stringify(namespace)}`)
      .replace('name: edge', `name: edge-${namespace.replace(/_/g, 'u')}`)
      .replace('hostPort: 444', `hostPort: ${8080 + NAMES.indexOf(namespace)}`)

  it.each([
    [
      RANGES,
      '{"constructor": "30000-30099", "__proto__": "30100-30199", "toString": {"min": 30200, "max": 30299}}'
    ],
    [
      CONFIG,
      'ranges:\n  namespaces:\n    constructor: 30000-30099\n    __proto__: 30100-30199\n    toString: {min: 30200, max: 30299}\n'
    ]
  ])('in %s are read as namespaces; a namespace of no range has none', async (file, text) => {
    const files: Record<string, string> = { [file]: text }
    for (const name of NAMES) files[`k8s/${name}.yaml`] = inNamespace(name)
    const run = await cli(repo(files), ['--format', 'json'])
    expect(run.stderr).toBe('')
    const report = JSON.parse(run.stdout) as {
      findings: Array<{ ruleId: string; message: string; location: { file: string } }>
    }
    const outOfRange = report.findings.filter((finding) => finding.ruleId === 'port-out-of-range')
    expect(outOfRange.map((finding) => finding.location.file).sort()).toEqual([
      'k8s/__proto__.yaml',
      'k8s/constructor.yaml',
      'k8s/toString.yaml'
    ])
    for (const [name, range] of [
      ['constructor', '30000-30099'],
      ['__proto__', '30100-30199'],
      ['toString', '30200-30299']
    ]) {
      const finding = outOfRange.find((each) => each.location.file === `k8s/${name}.yaml`)!
      expect(finding.message).toContain(`namespace ${name}`)
      expect(finding.message).toContain(range)
    }
  })
})
