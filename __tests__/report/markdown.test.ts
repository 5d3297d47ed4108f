// The PR comment body / job summary. Rendered bodies are kept beside the tests in expected/, so
// a change to the comment shows up as a readable diff (`npx vitest run -u` to accept one).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ScanResult } from '../../src/engine.js'
import { describeObject, type Finding, type ObjectRef } from '../../src/model.js'
import { renderMarkdown, type MarkdownOptions } from '../../src/report/markdown.js'
import { DOCS_BASE, docsUrl } from '../../src/rules/rule.js'
import { at, composeService, finding, k8sObject, scanResult } from '../helpers/result.js'
import {
  GOLDEN_COMMENTS,
  PR_COMMENT,
  monorepoOneFilePullRequest,
  pullRequest
} from './golden-comments.js'

const MARKER = '<!-- port-hygiene -->'
const lineUrl = (file: string, line: number) =>
  `https://github.com/acme/shop/blob/0123abc/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`
const COMMENT: MarkdownOptions = {
  marker: MARKER,
  lineUrl,
  fullReportHint:
    'the job summary of this workflow run (https://github.com/acme/shop/actions/runs/42)'
}

function fewFindings(): ScanResult {
  return scanResult({
    files: [
      { file: 'deploy/ingress.yaml' },
      { file: 'deploy/exporter.yaml' },
      { file: 'shop/compose.yaml', format: 'compose' },
      { file: 'shop/compose.override.yaml', format: 'compose' },
      { file: '.github/workflows/ci.yml', format: 'other' }
    ],
    findings: [
      finding({
        message:
          'Host port 9100/TCP of DaemonSet monitoring/exporter (container "exporter", deploy/exporter.yaml:20:15) ' +
          'is also claimed by DaemonSet kube-system/ingress (container "controller", deploy/ingress.yaml:31:13): ' +
          'both run on every node.',
        location: at('deploy/exporter.yaml', 20, 15, 14),
        related: [
          {
            location: at('deploy/ingress.yaml', 31, 13, 14),
            message: 'the other claim of host port 9100/TCP'
          }
        ]
      }),
      finding({
        ruleId: 'privileged-port',
        message:
          'Host port 443/TCP of DaemonSet kube-system/ingress (container "controller") is privileged (below 1024).',
        location: at('deploy/ingress.yaml', 33, 13, 13)
      }),
      finding({
        ruleId: 'duplicate-host-port',
        severity: 'warning',
        message:
          'Published port 8080/tcp of service "web" (project shop) is also claimed by service "api" (project shop): possible conflict.',
        location: at('shop/compose.override.yaml', 6, 9, 11)
      }),
      finding({
        ruleId: 'privileged-container-port',
        severity: 'warning',
        message:
          'Container port 80/tcp of service "web" (project shop) is below 1024 and NET_BIND_SERVICE is not added.',
        location: at('shop/compose.yaml', 7, 9, 9)
      })
    ],
    suppressed: [
      finding({
        ruleId: 'privileged-port',
        location: at('deploy/ingress.yaml', 35, 13),
        suppressedBy: {
          kind: 'comment',
          reason: 'ingress',
          location: at('deploy/ingress.yaml', 34, 11)
        }
      })
    ]
  })
}

/** `count` findings over `files` files, errors and warnings mixed, deterministic. */
function manyFindings(count: number, files: number): ScanResult {
  const findings: Finding[] = []
  for (let index = 0; index < count; index++) {
    const file = `clusters/prod/apps/app-${String(index % files).padStart(2, '0')}.yaml`
    const port = 9000 + index
    findings.push(
      finding({
        ruleId: index % 3 === 0 ? 'port-out-of-range' : 'duplicate-host-port',
        severity: index % 4 === 0 ? 'warning' : 'error',
        message: `Host port ${port}/TCP of Deployment team-a/app-${index} (container "main") is outside 30000-30999, the range of namespace team-a.`,
        location: at(file, 10 + index, 13, 4)
      })
    )
  }
  return scanResult({ findings })
}

function hostileNames(): ScanResult {
  const evil =
    '<!-- port-hygiene --> @acme/admins #1 `x|y` <img src=x onerror=alert(1)> *bold* [link](https://evil.example)'
  const object: ObjectRef = k8sObject('Deployment', '@acme/admins', evil)
  return scanResult({
    findings: [
      finding({
        message: `Host port 80/TCP of ${describeObject(object)} (container "${evil}") is privileged.`,
        location: at(`charts/${evil}/deploy.yaml`, 4, 7),
        related: [
          { location: at('a|b`c.yaml', 2, 3), message: `service "${evil}"\n| injected | row |` }
        ],
        object
      })
    ],
    unmatched: ['@acme/admins/**']
  })
}

describe('renderMarkdown', () => {
  it('opens with the marker and a headline counting by severity', () => {
    const body = renderMarkdown(fewFindings(), COMMENT)
    expect(body.startsWith(`${MARKER}\n### ❌ port-hygiene: 2 errors, 2 warnings\n`)).toBe(true)
  })

  it('says how many files were checked and how many findings were suppressed', () => {
    const body = renderMarkdown(fewFindings(), COMMENT)
    expect(body).toContain('Checked 4 files (2 Kubernetes, 2 Compose).')
    expect(body).toContain('1 finding suppressed')
  })

  it('lists findings most severe and most certain first, one short row each', () => {
    const body = renderMarkdown(fewFindings(), COMMENT)
    const rows = body.split('\n').filter((line) => /^\| (❌|⚠️|ℹ️) \|/.test(line))
    expect(rows.map((row) => row.split(' | ')[1])).toEqual([
      `[<code>duplicate-host-port</code>](${docsUrl('duplicate-host-port')})`,
      `[<code>privileged-port</code>](${docsUrl('privileged-port')})`,
      // The possible conflict comes after the certain warning, whatever their files.
      `[<code>privileged-container-port</code>](${docsUrl('privileged-container-port')})`,
      `[<code>duplicate-host-port</code>](${docsUrl('duplicate-host-port')})`
    ])
    // The row links its place and keeps the message to its first clause, without the places.
    expect(rows[0]).toContain(
      '[<code>deploy/exporter.yaml:20</code>](https://github.com/acme/shop/blob/0123abc/deploy/exporter.yaml#L20)'
    )
    expect(rows[0]).toContain(
      '| Host port 9100/TCP of DaemonSet monitoring/exporter (container "exporter") is also claimed by DaemonSet kube-system/ingress (container "controller")<br>↳ [<code>deploy/ingress.yaml:31</code>]'
    )
    expect(rows[0]).not.toContain('both run on every node')
    expect(rows[3]).toContain('(possible conflict)')
  })

  it('ends with one line of counts per rule instead of a rule table', () => {
    const body = renderMarkdown(fewFindings(), COMMENT)
    expect(body).not.toContain('| Rule | Severity |')
    expect(body).toContain(
      `<sub>By rule: [<code>duplicate-host-port</code>](${docsUrl('duplicate-host-port')}) 2 · `
    )
  })

  it('renders places without links when there is no line URL', () => {
    const body = renderMarkdown(fewFindings(), {})
    expect(body).toContain('| <code>deploy/exporter.yaml:20</code> |')
    expect(body.startsWith('### ❌')).toBe(true)
  })

  it('says clearly that a clean scan is clean', () => {
    const body = renderMarkdown(
      scanResult({ files: [{ file: 'a.yaml' }, { file: 'b.yaml' }] }),
      COMMENT
    )
    expect(body).toBe(
      `${MARKER}\n### ✅ port-hygiene: no port problems in 2 files\n\nChecked 2 files (2 Kubernetes).\n\n`
    )
  })

  it('says when there was nothing to check', () => {
    expect(renderMarkdown(scanResult(), {})).toContain(
      'no port problems (no Kubernetes or Compose files found)'
    )
  })

  it('uses the most severe level for the verdict', () => {
    const warnings = scanResult({ findings: [finding({ severity: 'warning' })] })
    expect(renderMarkdown(warnings, {})).toMatch(/^### ⚠️ port-hygiene: 1 warning$/m)
    const notices = scanResult({
      findings: [finding({ severity: 'notice' }), finding({ severity: 'notice' })]
    })
    expect(renderMarkdown(notices, {})).toMatch(/^### ℹ️ port-hygiene: 2 notices$/m)
  })

  describe('with a change under review', () => {
    const pr = pullRequest(manyFindings(20, 4), 1, 1)

    it('leads with a verdict for the change and the run facts', () => {
      const body = renderMarkdown(pr, { ...PR_COMMENT })
      const [, headlineLine, runLine] = body.split('\n')
      expect(headlineLine).toBe(
        '### ❌ port-hygiene: adds 1 problem — 1 error; fixes 1; 20 existing'
      )
      expect(runLine).toBe(
        '<sub>Commit <code>9f8e7d6</code> · 2025-06-02 10:00 UTC · [workflow run](https://github.com/acme/shop/actions/runs/42) · working directory <code>deploy</code> · the check fails on new findings only (<code>fail-on-scope: new</code>)</sub>'
      )
    })

    it('shows the new findings first and outside any fold, then fixed, then existing folded', () => {
      const body = renderMarkdown(pr, PR_COMMENT)
      const newAt = body.indexOf('#### New in this pull request (1)')
      const fixedAt = body.indexOf('#### Fixed by this pull request (1)')
      const existingAt = body.indexOf(
        '<summary>20 existing findings (15 errors, 5 warnings), not from this pull request</summary>'
      )
      expect(newAt).toBeGreaterThan(0)
      expect(fixedAt).toBeGreaterThan(newAt)
      expect(existingAt).toBeGreaterThan(fixedAt)
      expect(body.slice(0, newAt)).not.toContain('<details>')
      expect(body).toContain('| use host port 9101 |')
    })

    it('orders the existing findings by severity, then certainty', () => {
      const body = renderMarkdown(pr, PR_COMMENT)
      const folded = body.slice(body.indexOf('<details>'))
      const icons = folded
        .split('\n')
        .filter((l) => /^\| (❌|⚠️) \|/.test(l))
        .map((l) => l.slice(2, 4))
      expect(icons.indexOf('⚠️')).toBe(15)
      expect(icons.slice(15).every((icon) => icon === '⚠️')).toBe(true)
    })

    it('reads ✅ when the change adds nothing, whatever the repository holds', () => {
      const clean = pullRequest(manyFindings(20, 4), 0, 1)
      expect(renderMarkdown(clean, PR_COMMENT).split('\n')[1]).toBe(
        '### ✅ port-hygiene: adds no port problems; fixes 1; 20 existing'
      )
    })

    it('says so when it could only compare changed lines', () => {
      const fallback = pullRequest(manyFindings(3, 1), 1, 0)
      fallback.change!.basis = 'changed-lines'
      fallback.change!.note = 'the base could not be scanned (no git)'
      expect(renderMarkdown(fallback, PR_COMMENT)).toContain(
        '> **Compared by changed lines**: the base could not be scanned (no git).'
      )
    })

    it('says what went inline', () => {
      const facts = { inline: 1, outsideDiff: 0, notInHead: 0, overLimit: 0, refused: 0 }
      const body = renderMarkdown(pr, { ...PR_COMMENT, review: facts })
      expect(body).toContain('<sub>1 new finding is commented inline on the diff.</sub>')
    })

    it('says truthfully why the others are only listed', () => {
      const facts = {
        inline: 30,
        outsideDiff: 2,
        notInHead: 1,
        overLimit: 12,
        refused: 0,
        limit: 30
      }
      const body = renderMarkdown(pr, { ...PR_COMMENT, review: facts })
      expect(body).toContain(
        '<sub>30 new findings are commented inline on the diff; 15 are listed here only: ' +
          '2 outside the diff, 1 on a line only the merge commit has, ' +
          '12 past the limit of 30 inline comments per pull request.</sub>'
      )
    })
  })

  describe('cut below the limit', () => {
    const maxLength = 6_000
    const body = renderMarkdown(manyFindings(200, 8), { ...COMMENT, maxLength })

    it('stays within the limit with the marker still at the start', () => {
      expect(body.length).toBeLessThanOrEqual(maxLength)
      expect(body.startsWith(`${MARKER}\n### ❌ port-hygiene: 150 errors, 50 warnings`)).toBe(true)
    })

    it('says how many findings were left out and where the full report is', () => {
      const shown = count(body, '\n| ❌ |') + count(body, '\n| ⚠️ |')
      expect(shown).toBeGreaterThan(0)
      const where =
        'They are all in the job summary of this workflow run ([https:&#8203;//github.com/acme/shop/actions/runs/42](https://github.com/acme/shop/actions/runs/42)).'
      expect(body).toContain(
        `> **Shortened** to 6,000 characters, leaving out ${200 - shown} findings. ${where}`
      )
      expect(body).toContain(
        `<sub>${200 - shown} of 200 findings are not shown here, to keep this report within 6,000 characters. ${where}</sub>`
      )
    })

    it('keeps the errors and drops warnings first', () => {
      expect(count(body, '\n| ⚠️ |')).toBe(0)
    })

    it('closes every <details> it opens and never ends inside a row', () => {
      expect(count(body, '<details>')).toBe(count(body, '</details>'))
      expectTablesIntact(body)
    })

    it('cuts at any limit without breaking those promises', () => {
      const result = pullRequest(manyFindings(60, 5), 5, 3)
      for (let limit = 1_000; limit <= 20_000; limit += 777) {
        const cut = renderMarkdown(result, { ...PR_COMMENT, maxLength: limit })
        expect(cut.length).toBeLessThanOrEqual(limit)
        expect(cut.startsWith(PR_COMMENT.marker!)).toBe(true)
        expect(count(cut, '<details>')).toBe(count(cut, '</details>'))
        expectTablesIntact(cut)
      }
    })
  })

  describe('a 2,000-file repository with a 1-file pull request', () => {
    const comment = async () => renderMarkdown(await monorepoOneFilePullRequest(), PR_COMMENT)

    it('fits in one comment and leads with the new finding', async () => {
      const body = await comment()
      expect(body.length).toBeLessThan(65_000)
      const rows = body.split('\n').filter((line) => /^\| (❌|⚠️|ℹ️) \|/.test(line))
      expect(rows[0]).toContain('k8s/telemetry/dcgm-exporter.yaml:28')
      expect(body.indexOf('#### New in this pull request (1)')).toBeLessThan(
        body.indexOf('<sub>All 1000 existing findings')
      )
    })

    it('says what it left out, section by section, and where all of it is', async () => {
      const body = await comment()
      const where =
        'They are all in the job summary of this workflow run ([https:&#8203;//github.com/acme/shop/actions/runs/42](https://github.com/acme/shop/actions/runs/42)) and the JSON report (the step\'s "report-file" output).'
      expect(body).toContain(
        `All 1000 existing findings are not shown here, to keep this report within 65,000 characters. ${where}`
      )
      const portMapNote =
        /<sub>(\d+) of 2002 host ports are not shown here, to keep this report within 65,000 characters\./.exec(
          body
        )
      expect(portMapNote).not.toBeNull()
      const left = Number(portMapNote![1])
      expect(body).toContain(
        `> **Shortened** to 65,000 characters, leaving out 1000 existing findings and ${left} host ports of the port map. ${where}`
      )
      // The port map kept the rows this PR touches, and as many conflicts as fit.
      expect(body).toContain('| 9100/TCP | DaemonSet monitoring/dcgm-exporter')
      expect(body).toContain(
        '<summary>Port map: 2002 host ports, 2002 in conflicts, 1 added or changed by this pull request</summary>'
      )
    })

    it('keeps the whole port map in the job summary', async () => {
      const summary = renderMarkdown(await monorepoOneFilePullRequest(), {
        ...PR_COMMENT,
        maxLength: 1_000_000,
        portMap: { rows: 'all' }
      })
      const portRows = summary.split('\n').filter((line) => /^\| \d+\/TCP \|/.test(line))
      expect(portRows).toHaveLength(2002)
      expect(summary).not.toContain('host ports of the port map')
    })
  })

  /** The rendered bodies hold `blob/<version>` where rule links name the release, so a release changes no file. */
  const atAnyVersion = (body: string) =>
    body.replaceAll(
      DOCS_BASE,
      'https://github.com/port-hygiene/port-hygiene/blob/<version>/docs/rules'
    )

  describe('rendered bodies (expected/*.md)', () => {
    it('clean', async () => {
      const clean = scanResult({
        files: [{ file: 'deploy/app.yaml' }, { file: 'compose.yaml', format: 'compose' }]
      })
      await expect(atAnyVersion(renderMarkdown(clean, COMMENT))).toMatchFileSnapshot(
        './expected/clean.md'
      )
    })

    it('a few findings', async () => {
      await expect(atAnyVersion(renderMarkdown(fewFindings(), COMMENT))).toMatchFileSnapshot(
        './expected/few-findings.md'
      )
    })

    it('hostile names', async () => {
      await expect(atAnyVersion(renderMarkdown(hostileNames(), COMMENT))).toMatchFileSnapshot(
        './expected/hostile-names.md'
      )
    })

    it('cut at the limit', async () => {
      await expect(
        atAnyVersion(renderMarkdown(manyFindings(200, 8), { ...COMMENT, maxLength: 6_000 }))
      ).toMatchFileSnapshot('./expected/cut-at-limit.md')
    })

    for (const golden of GOLDEN_COMMENTS) {
      it(golden.name, async () => {
        await expect(atAnyVersion(await golden.render())).toMatchFileSnapshot(
          `./expected/${golden.file}`
        )
      })
    }
  })
})

describe('renderMarkdown with hostile repository strings', () => {
  it('renders the hostile fixture inert', () => {
    expectInert(renderMarkdown(hostileNames(), COMMENT))
  })

  // Random file, namespace, object, container and service names and message parts, with the
  // pieces attackers reach for mixed in; limits small enough that cuts happen too.
  const pieces = fc.constantFrom(
    MARKER,
    '<!--',
    '-->',
    '@acme/admins',
    '@octocat',
    'a@b.io',
    '#1',
    'GH-2',
    '`',
    '``',
    '|',
    '\\|',
    '\n',
    '\r\n',
    '<',
    '>',
    '&',
    '&#64;',
    '&lt;!--',
    '<details>',
    '</details>',
    '<br>',
    '*',
    '_',
    '[x](https://evil.example)',
    ']',
    '(',
    ')',
    '$x$',
    ':smile:',
    'https://evil.example',
    'www.evil.example',
    '\u202E',
    '\uD800',
    ' '
  )
  const hostile = fc
    .array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 6 })
    .map((parts) => parts.join(''))

  const findingArb = fc
    .record({
      file: hostile,
      otherFile: hostile,
      namespace: hostile,
      name: hostile,
      container: hostile,
      service: hostile,
      value: hostile,
      compose: fc.boolean(),
      severity: fc.constantFrom('error' as const, 'warning' as const, 'notice' as const),
      line: fc.integer({ min: 0, max: 5000 })
    })
    .map((names) => {
      const object = names.compose
        ? composeService(names.namespace, names.service, names.file)
        : k8sObject('Deployment', names.namespace, names.name)
      return finding({
        severity: names.severity,
        message: `Host port ${names.value} of ${describeObject(object)} (container "${names.container}") clashes`,
        location: at(names.file, names.line, 3),
        related: [
          {
            location: at(names.otherFile, 7, 1),
            message: `service "${names.service}" ${names.value}`
          }
        ],
        object
      })
    })

  it('never lets a repository string inject markup, mentions, comments or table cells', () => {
    fc.assert(
      fc.property(
        fc.array(findingArb, { minLength: 0, maxLength: 40 }),
        fc.array(hostile, { maxLength: 3 }),
        fc.integer({ min: 1_500, max: 20_000 }),
        (findings, unmatched, maxLength) => {
          const body = renderMarkdown(scanResult({ findings, unmatched }), {
            ...COMMENT,
            maxLength
          })
          expect(body.length).toBeLessThanOrEqual(maxLength)
          expectInert(body)
        }
      ),
      { numRuns: 300 }
    )
  })
})

// ── Assertions on a rendered body ─────────────────────────────────────────────────────────────

/** The tags the renderer writes itself; any other `<` in the body would be injected HTML. */
const OUR_TAGS = /^<\/?(?:details|summary|code|sub|br)>/

function expectInert(body: string): void {
  // Exactly one marker, at the start; no other HTML comment.
  expect(body.startsWith(MARKER)).toBe(true)
  const rest = body.slice(MARKER.length)
  expect(rest).not.toContain('<!--')
  expect(rest).not.toContain('port-hygiene -->')
  // Every `<` opens one of our tags.
  for (const match of rest.matchAll(/</g)) {
    expect(rest.slice(match.index, match.index + 12)).toMatch(OUR_TAGS)
  }
  // No live mention or issue reference in the text a reader sees (link targets aside).
  const visible = rest.replace(/\]\([^)\s]*\)/g, ']').replace(/&#8203;/g, '\u200B')
  expect(visible).not.toMatch(/@[\p{L}\p{N}_-]/u)
  expect(visible).not.toMatch(/#[\p{L}\p{N}_]/u)
  expect(visible).not.toMatch(/https?:\/\//)
  // No line break from a name: tables keep their columns, every row ends as a row.
  expectTablesIntact(body)
  expect(count(body, '<details>')).toBe(count(body, '</details>'))
}

/** Every table's rows have the header's number of cells (pipes not escaped by a backslash). */
function expectTablesIntact(body: string): void {
  const lines = body.split('\n')
  let columns: number | undefined
  for (const line of lines) {
    if (!line.startsWith('|')) {
      columns = undefined
      continue
    }
    expect(line.endsWith('|'), line).toBe(true)
    const cells = cellCount(line)
    columns ??= cells
    expect(cells, line).toBe(columns)
  }
}

function cellCount(row: string): number {
  return (row.match(/(?<!\\)\|/g) ?? []).length - 1
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1
}
