// The PR comment body / job summary. Rendered bodies are kept beside the tests in expected/, so
// a change to the comment shows up as a readable diff (`npx vitest run -u` to accept one).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ScanResult } from '../../src/engine.js'
import { describeObject, type Finding, type ObjectRef } from '../../src/model.js'
import { renderMarkdown, type MarkdownOptions } from '../../src/report/markdown.js'
import { DOCS_BASE, docsUrl } from '../../src/rules/rule.js'
import { at, composeService, finding, k8sObject, scanResult } from '../helpers/result.js'

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

  it('has a table per rule with docs links, severities and counts', () => {
    const body = renderMarkdown(fewFindings(), COMMENT)
    expect(body).toContain(
      `| [<code>duplicate-host-port</code>](${docsUrl('duplicate-host-port')}) | ❌ error | 1 |`
    )
    expect(body).toContain(
      `| [<code>duplicate-host-port</code>](${docsUrl('duplicate-host-port')}) | ⚠️ warning | 1 |`
    )
    expect(body).toContain(
      `| [<code>privileged-port</code>](${docsUrl('privileged-port')}) | ❌ error | 1 |`
    )
  })

  it('groups findings by file, files with errors first, each linked to its line', () => {
    const body = renderMarkdown(fewFindings(), COMMENT)
    const headings = [...body.matchAll(/^#### <code>(.*)<\/code>$/gm)].map((match) => match[1])
    expect(headings).toEqual([
      'deploy/exporter.yaml',
      'deploy/ingress.yaml',
      'shop/compose.override.yaml',
      'shop/compose.yaml'
    ])
    expect(body).toContain(
      '[20:15](https://github.com/acme/shop/blob/0123abc/deploy/exporter.yaml#L20)'
    )
    expect(body).toContain(
      '↳ [<code>deploy/ingress.yaml</code>:31:13](https://github.com/acme/shop/blob/0123abc/deploy/ingress.yaml#L31) the other claim'
    )
  })

  it('renders positions without links when there is no line URL', () => {
    const body = renderMarkdown(fewFindings(), {})
    expect(body).toContain('| ❌ | 20:15 |')
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

  it('folds a file with many findings, and every file when there are many in all', () => {
    const oneBigFile = renderMarkdown(manyFindings(12, 1), { foldFileAbove: 10 })
    expect(oneBigFile).toContain(
      '<details>\n<summary><code>clusters/prod/apps/app-00.yaml</code>: '
    )
    expect(count(oneBigFile, '<details>')).toBe(1)
    const many = renderMarkdown(manyFindings(40, 8), { foldAllAbove: 30 })
    expect(count(many, '<details>')).toBe(8)
    expect(count(many, '</details>')).toBe(8)
    const few = renderMarkdown(fewFindings(), {})
    expect(few).not.toContain('<details>')
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
      expect(body).toContain(`**${200 - shown} findings are not shown**`)
      expect(body).toContain(
        'The full report is in the job summary of this workflow run ([https:&#8203;//github.com/acme/shop/actions/runs/42](https://github.com/acme/shop/actions/runs/42)).'
      )
    })

    it('closes every <details> it opens and never ends inside a row', () => {
      expect(count(body, '<details>')).toBe(count(body, '</details>'))
      expectTablesIntact(body)
    })

    it('keeps the rule table whole', () => {
      expect(body).toContain('| Rule | Severity | Findings | What it finds |')
      expect(body).toMatch(/\| ❌ error \| 100 \|/)
      expect(body).toMatch(/\| ⚠️ warning \| 33 \|/)
      expect(body).toMatch(/\| ⚠️ warning \| 17 \|/)
    })

    it('cuts at any limit without breaking those promises', () => {
      const result = manyFindings(60, 5)
      for (let limit = 1_000; limit <= 20_000; limit += 777) {
        const cut = renderMarkdown(result, { ...COMMENT, maxLength: limit })
        expect(cut.length).toBeLessThanOrEqual(limit)
        expect(cut.startsWith(MARKER)).toBe(true)
        expect(count(cut, '<details>')).toBe(count(cut, '</details>'))
        expectTablesIntact(cut)
      }
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

    it('many findings, folded', async () => {
      await expect(atAnyVersion(renderMarkdown(manyFindings(36, 4), COMMENT))).toMatchFileSnapshot(
        './expected/many-findings.md'
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
