import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Log, Result } from 'sarif'
import { afterAll, describe, expect, it } from 'vitest'
import {
  FINGERPRINT_KEY,
  IDENTITY_KEY,
  SRCROOT,
  artifactUri,
  buildSarifLog,
  renderSarif,
  sarifRegion
} from '../../src/report/sarif.js'
import { RULES } from '../../src/rules/index.js'
import { docsUrl } from '../../src/rules/rule.js'
import { at, finding, k8sObject, composeService, scanResult } from '../helpers/result.js'

const OPTIONS = { toolVersion: '1.2.3' }

/** One result of each kind a reporter meets: a conflict, a warning, a file-level notice, a suppression. */
function sampleResult() {
  return scanResult({
    files: [
      { file: 'deploy/ingress.yaml' },
      { file: 'deploy/exporter.yaml' },
      { file: 'shop/compose.yaml', format: 'compose' },
      { file: 'big.yaml' }
    ],
    findings: [
      finding({
        message:
          'host port 9100/tcp is also bound by DaemonSet monitoring/exporter (deploy/exporter.yaml:20:15)',
        location: at('deploy/ingress.yaml', 31, 13, 13),
        related: [
          { location: at('deploy/exporter.yaml', 20, 15, 14), message: 'the other binding' }
        ],
        object: k8sObject('DaemonSet', 'kube-system', 'ingress'),
        fingerprint: 'aaaa0000aaaa0000aaaa0000aaaa0000'
      }),
      finding({
        ruleId: 'privileged-container-port',
        severity: 'warning',
        message: 'container port 80 needs NET_BIND_SERVICE',
        location: at('shop/compose.yaml', 7, 9, 9),
        object: composeService('shop', 'web', 'shop/compose.yaml'),
        fingerprint: 'bbbb0000bbbb0000bbbb0000bbbb0000'
      }),
      finding({
        ruleId: 'skipped-file',
        severity: 'notice',
        message: 'skipped: larger than 5 MB',
        location: { file: 'big.yaml', line: 0, column: 0 },
        fingerprint: 'cccc0000cccc0000cccc0000cccc0000'
      })
    ],
    suppressed: [
      finding({
        ruleId: 'privileged-port',
        message: 'host port 443 is privileged',
        location: at('deploy/ingress.yaml', 33, 13, 13),
        fingerprint: 'dddd0000dddd0000dddd0000dddd0000',
        suppressedBy: {
          kind: 'comment',
          reason: 'the ingress controller must own 443',
          location: at('deploy/ingress.yaml', 32, 11)
        }
      })
    ]
  })
}

function resultFor(log: Log, ruleId: string): Result {
  const found = log.runs[0]!.results!.find((result) => result.ruleId === ruleId)
  if (!found) throw new Error(`no result for ${ruleId}`)
  return found
}

describe('SARIF log', () => {
  const log = buildSarifLog(sampleResult(), OPTIONS)
  const run = log.runs[0]!

  it('is one SARIF 2.1.0 run by port-hygiene with its version', () => {
    expect(log.version).toBe('2.1.0')
    expect(log.$schema).toMatch(/sarif-2\.1\.0/)
    expect(log.runs).toHaveLength(1)
    expect(run.tool.driver).toMatchObject({
      name: 'port-hygiene',
      version: '1.2.3',
      informationUri: expect.stringMatching(/^https:\/\//)
    })
    expect(run.columnKind).toBe('utf16CodeUnits')
  })

  it('describes every registered rule with its docs page and default level', () => {
    const rules = run.tool.driver.rules!
    for (const rule of RULES) {
      const descriptor = rules.find((each) => each.id === rule.meta.id)
      expect(descriptor, rule.meta.id).toMatchObject({
        shortDescription: { text: rule.meta.description },
        helpUri: docsUrl(rule.meta.id),
        defaultConfiguration: {
          level: rule.meta.defaultSeverity === 'notice' ? 'note' : rule.meta.defaultSeverity
        }
      })
    }
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length)
  })

  it('points every result at its rule by id and index', () => {
    const rules = run.tool.driver.rules!
    for (const result of run.results!) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId)
    }
  })

  it('adds a descriptor for a rule id the registry does not know', () => {
    const unknown = buildSarifLog(
      scanResult({ findings: [finding({ ruleId: 'made-up-rule', severity: 'warning' })] }),
      OPTIONS
    )
    const rules = unknown.runs[0]!.tool.driver.rules!
    const result = unknown.runs[0]!.results![0]!
    expect(rules[result.ruleIndex!]).toMatchObject({
      id: 'made-up-rule',
      helpUri: docsUrl('made-up-rule'),
      defaultConfiguration: { level: 'warning' }
    })
  })

  it('maps severities to SARIF levels', () => {
    expect(resultFor(log, 'duplicate-host-port').level).toBe('error')
    expect(resultFor(log, 'privileged-container-port').level).toBe('warning')
    expect(resultFor(log, 'skipped-file').level).toBe('note')
  })

  it('gives the exact region, relative to %SRCROOT%', () => {
    const result = resultFor(log, 'duplicate-host-port')
    expect(result.message.text).toContain('9100/tcp')
    expect(result.locations![0]!.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'deploy/ingress.yaml', uriBaseId: SRCROOT },
      region: { startLine: 31, startColumn: 13, endLine: 31, endColumn: 26 }
    })
  })

  it('names the Kubernetes object or Compose service as a logical location', () => {
    expect(resultFor(log, 'duplicate-host-port').locations![0]!.logicalLocations).toEqual([
      { fullyQualifiedName: 'DaemonSet kube-system/ingress', kind: 'resource' }
    ])
  })

  it('gives the other side of a conflict as a related location', () => {
    expect(resultFor(log, 'duplicate-host-port').relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'the other binding' },
        physicalLocation: {
          artifactLocation: { uri: 'deploy/exporter.yaml', uriBaseId: SRCROOT, index: 1 },
          region: { startLine: 20, startColumn: 15, endLine: 20, endColumn: 29 }
        }
      }
    ])
  })

  it('carries the stable fingerprint and the cross-commit identity', () => {
    expect(resultFor(log, 'duplicate-host-port').partialFingerprints).toEqual({
      [FINGERPRINT_KEY]: 'aaaa0000aaaa0000aaaa0000aaaa0000',
      [IDENTITY_KEY]: expect.stringMatching(/^[0-9a-f]{32}$/)
    })
  })

  it('reports suppressed findings as suppressed in source, with the justification', () => {
    const result = resultFor(log, 'privileged-port')
    expect(result.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'the ingress controller must own 443',
        location: {
          physicalLocation: {
            artifactLocation: { uri: 'deploy/ingress.yaml', uriBaseId: SRCROOT, index: 2 },
            region: { startLine: 32, startColumn: 11 }
          }
        }
      }
    ])
    expect(resultFor(log, 'duplicate-host-port').suppressions).toBeUndefined()
  })

  it('lists the artifacts, sorted, scanned files marked as analysis targets', () => {
    expect(run.artifacts!.map((artifact) => artifact.location!.uri)).toEqual([
      'big.yaml',
      'deploy/exporter.yaml',
      'deploy/ingress.yaml',
      'shop/compose.yaml'
    ])
    expect(run.artifacts!.every((artifact) => artifact.roles?.includes('analysisTarget'))).toBe(
      true
    )
    for (const result of run.results!) {
      const location = result.locations![0]!.physicalLocation!.artifactLocation!
      expect(run.artifacts![location.index!]!.location!.uri).toBe(location.uri)
    }
  })

  it('lists results in file, line, column order, suppressed ones included', () => {
    expect(run.results!.map((result) => result.ruleId)).toEqual([
      'skipped-file',
      'duplicate-host-port',
      'privileged-port',
      'privileged-container-port'
    ])
  })

  it('is deterministic, byte for byte', () => {
    expect(renderSarif(sampleResult(), OPTIONS)).toBe(renderSarif(sampleResult(), OPTIONS))
    expect(renderSarif(sampleResult(), OPTIONS).endsWith('}\n')).toBe(true)
  })

  it('renders an empty scan as a valid run with no results', () => {
    const empty = buildSarifLog(scanResult(), OPTIONS)
    expect(empty.runs[0]!.results).toEqual([])
    expect(empty.runs[0]!.tool.driver.rules!.length).toBe(RULES.length)
  })
})

describe('artifactUri', () => {
  it('keeps relative POSIX paths', () => {
    expect(artifactUri('deploy/app.yaml')).toBe('deploy/app.yaml')
  })

  it('turns Windows separators into slashes', () => {
    expect(artifactUri('deploy\\app.yaml')).toBe('deploy/app.yaml')
  })

  it('never yields an absolute path', () => {
    expect(artifactUri('/home/runner/work/app.yaml')).toBe('home/runner/work/app.yaml')
    expect(artifactUri('C:/work/app.yaml')).toBe('work/app.yaml')
    expect(artifactUri('./app.yaml')).toBe('app.yaml')
  })

  it('percent-encodes what a URI cannot hold', () => {
    expect(artifactUri('my dir/app #1%.yaml')).toBe('my%20dir/app%20%231%25.yaml')
    expect(artifactUri('déploi/app.yaml')).toBe('d%C3%A9ploi/app.yaml')
    expect(artifactUri('bad\uD800name.yaml')).toBe('bad%EF%BF%BDname.yaml')
  })
})

describe('sarifRegion', () => {
  it('gives start and exclusive end', () => {
    expect(sarifRegion({ file: 'a', line: 3, column: 5, endLine: 3, endColumn: 9 })).toEqual({
      startLine: 3,
      startColumn: 5,
      endLine: 3,
      endColumn: 9
    })
  })

  it('drops an end that lies before the start', () => {
    expect(sarifRegion({ file: 'a', line: 3, column: 5, endLine: 2, endColumn: 1 })).toEqual({
      startLine: 3,
      startColumn: 5
    })
  })

  it('points a file-level finding at its first line', () => {
    expect(sarifRegion({ file: 'a', line: 0, column: 0 })).toEqual({ startLine: 1 })
  })
})

// Microsoft's SARIF validator (the reference implementation of the spec's rules), run on what we
// write. It is a self-contained .NET binary per platform.
interface ValidatorIssue {
  ruleId: string
  level: string
  text: string
}

const validatorBinary = findValidator()

function findValidator(): { path?: string; reason?: string } {
  const require = createRequire(import.meta.url)
  let binary: string
  try {
    binary = require(`@microsoft/sarif-multitool-${process.platform}`) as string
  } catch (error) {
    return {
      reason: `no SARIF multitool build for ${process.platform}: ${(error as Error).message}`
    }
  }
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 60_000 })
  if (probe.error || probe.status !== 0) {
    return {
      reason: `the SARIF multitool cannot run here (${process.platform}/${process.arch}): ${
        probe.error?.message ?? probe.stderr
      }`
    }
  }
  return { path: binary }
}

const workDir = mkdtempSync(path.join(tmpdir(), 'port-hygiene-sarif-'))
afterAll(() => rmSync(workDir, { recursive: true, force: true }))

function validate(name: string, sarif: string): ValidatorIssue[] {
  const input = path.join(workDir, `${name}.sarif`)
  const output = path.join(workDir, `${name}.validation.sarif`)
  writeFileSync(input, sarif)
  const run = spawnSync(
    validatorBinary.path!,
    ['validate', input, '--output', output, '--log', 'ForceOverwrite'],
    { encoding: 'utf8', timeout: 120_000 }
  )
  if (run.error || run.status !== 0) {
    throw new Error(
      `validator failed (${run.status}): ${run.error?.message ?? ''}${run.stdout}${run.stderr}`
    )
  }
  const report = JSON.parse(readFileSync(output, 'utf8')) as Log
  return (report.runs[0]!.results ?? []).map((result) => ({
    ruleId: result.ruleId ?? '',
    // SARIF's default level is `warning`.
    level: result.level ?? 'warning',
    text: JSON.stringify(result.message)
  }))
}

describe.skipIf(!validatorBinary.path)('SARIF multitool validate', () => {
  if (!validatorBinary.path) console.warn(`Skipping SARIF validation: ${validatorBinary.reason}`)

  it('finds our log free of errors and warnings', { timeout: 180_000 }, () => {
    const issues = validate('sample', renderSarif(sampleResult(), OPTIONS))
    expect(issues.filter((issue) => issue.level === 'error')).toEqual([])
    expect(issues).toEqual([])
  })

  it(
    'finds a log with control and bidi characters in names free of errors',
    { timeout: 180_000 },
    () => {
      const file = 'shop/evil\u001b]0;x\u0007\u0085\u202e\u2028.yaml'
      const service = 'web\u001b[31m\u0085\u202e\u2066\u007f'
      const sarif = renderSarif(
        scanResult({
          files: [{ file, format: 'compose' }],
          findings: [
            finding({
              message: `host port 80 of ${service} is privileged`,
              location: at(file, 3, 9, 9),
              object: composeService('shop', service, file)
            })
          ]
        }),
        OPTIONS
      )
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      expect(sarif).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e\u2066]/)
      const issues = validate('hostile-names', sarif)
      expect(issues.filter((issue) => issue.level === 'error')).toEqual([])
    }
  )

  it('finds an empty scan free of errors', { timeout: 180_000 }, () => {
    const issues = validate('empty', renderSarif(scanResult(), OPTIONS))
    expect(issues.filter((issue) => issue.level === 'error')).toEqual([])
  })

  // The validator reports nothing at all for some broken logs (an unknown enum value fails its
  // deserialiser silently), so prove it is really checking: a log with a region on line 0 must fail.
  it('does reject a broken log (the check above is live)', { timeout: 180_000 }, () => {
    const broken = buildSarifLog(sampleResult(), OPTIONS)
    broken.runs[0]!.results![1]!.locations![0]!.physicalLocation!.region!.startLine = 0
    const issues = validate('broken', JSON.stringify(broken))
    expect(issues.some((issue) => issue.level === 'error')).toBe(true)
  })
})

describe('a scan of a sub-folder (the action with working-directory)', () => {
  it('writes repository-relative URIs when given the folder the scan started from', () => {
    const log = buildSarifLog(sampleResult(), {
      ...OPTIONS,
      repositoryPath: (file) => `infra/${file}`
    })
    const run = log.runs[0]!
    const uris = run.results!.map(
      (result) => result.locations![0]!.physicalLocation!.artifactLocation!.uri
    )
    expect(uris.length).toBeGreaterThan(0)
    expect(uris.every((uri) => uri!.startsWith('infra/'))).toBe(true)
    expect(run.artifacts!.map((artifact) => artifact.location!.uri)).toContain(
      'infra/deploy/ingress.yaml'
    )
    const related = run.results!.flatMap((result) => result.relatedLocations ?? [])
    expect(
      related.every((location) =>
        location.physicalLocation!.artifactLocation!.uri!.startsWith('infra/')
      )
    ).toBe(true)
  })
})
