// The golden comments rendered by GitHub's own Markdown engine (cmark-gfm with the table,
// autolink and tagfilter extensions, as github.com runs it), and the HTML checked: tables keep
// their columns, no repository text became a tag, link or mention, and the new findings are
// outside any <details>. .ci/run installs the Debian package `cmark-gfm`.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { GOLDEN_COMMENTS } from './golden-comments.js'

const EXPECTED = path.join(path.dirname(fileURLToPath(import.meta.url)), 'expected')

function cmarkGfm(): string | undefined {
  try {
    execFileSync('cmark-gfm', ['--version'], { stdio: 'ignore' })
    return 'cmark-gfm'
  } catch {
    return undefined
  }
}

const binary = cmarkGfm()
if (!binary) {
  console.warn(
    'cmark-gfm.test.ts skipped: the cmark-gfm binary is missing (Debian: apt-get install cmark-gfm; .ci/run installs it).'
  )
}

function render(markdown: string): string {
  if (!binary)
    throw new Error('render() needs cmark-gfm: call it inside a test, never at collection')
  return execFileSync(
    binary,
    ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'tagfilter', '-t', 'html'],
    { input: markdown, encoding: 'utf8' }
  )
}

/** The tags our renderer writes or Markdown makes of our own syntax. */
const ALLOWED_TAGS = new Set([
  'h3',
  'h4',
  'p',
  'sub',
  'code',
  'a',
  'br',
  'strong',
  'em',
  'blockquote',
  'details',
  'summary',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td'
])

/** Where our links may point: the PR's files, the rule pages, the workflow run. */
const ALLOWED_LINKS = [
  /^https:\/\/github\.com\/acme\/shop\/blob\/[0-9a-f]{7,40}\//,
  /^https:\/\/github\.com\/port-hygiene\/port-hygiene\/blob\/[^/]+\/docs\/rules\/[a-z-]+\.md$/,
  /^https:\/\/github\.com\/acme\/shop\/actions\/runs\/\d+$/
]

const goldenFiles = readdirSync(EXPECTED).filter((file) => file.endsWith('.md'))

/** Each golden file rendered once, on first use inside a test (never while vitest collects). */
const renderedGolden = new Map<string, string>()
function renderGolden(file: string): string {
  let html = renderedGolden.get(file)
  if (html === undefined) {
    html = render(readFileSync(path.join(EXPECTED, file), 'utf8'))
    renderedGolden.set(file, html)
  }
  return html
}

// Skipping is for a developer's machine; in CI a missing renderer is a failure, not a pass.
it.runIf(!binary && Boolean(process.env.CI))('has cmark-gfm installed in CI', () => {
  expect.fail('cmark-gfm is not installed: .ci/run installs the Debian package cmark-gfm')
})

describe.skipIf(!binary)('golden comments through cmark-gfm', () => {
  for (const file of goldenFiles) {
    describe(file, () => {
      it('gives every table row its header’s column count', () => {
        const html = renderGolden(file)
        const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => m[1]!)
        for (const table of tables) {
          const header = (table.match(/<th\b/g) ?? []).length
          const rows = [...table.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].flatMap((body) =>
            [...body[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => row[1]!)
          )
          expect(header).toBeGreaterThan(0)
          for (const row of rows) expect((row.match(/<td\b/g) ?? []).length, row).toBe(header)
        }
        // A table GitHub did not recognise would show its pipes as text.
        expect(html).not.toMatch(/<p>\|/)
      })

      it('turns no repository text into a tag, a link or a mention', () => {
        const html = renderGolden(file)
        const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) =>
          m[1]!.toLowerCase()
        )
        expect(tags.filter((tag) => !ALLOWED_TAGS.has(tag))).toEqual([])
        const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!)
        for (const href of links) {
          expect(
            ALLOWED_LINKS.some((allowed) => allowed.test(href.replace(/&amp;/g, '&'))),
            href
          ).toBe(true)
        }
        // Text a reader sees: no @mention, #issue, bare URL or HTML comment but the marker.
        const text = html.replace(/<[^>]*>/g, ' ')
        expect(text).not.toMatch(/@[\p{L}\p{N}_-]/u)
        expect(text).not.toMatch(/(^|\s)#\d/)
        expect(text.replace(/\u200B/g, '')).not.toMatch(/<!--/)
        expect((html.match(/<!--/g) ?? []).length).toBeLessThanOrEqual(1)
      })
    })
  }

  for (const golden of GOLDEN_COMMENTS) {
    it(`${golden.file}: the new findings are outside any <details>`, async () => {
      const result = await golden.result()
      const html = renderGolden(golden.file)
      const outside = html.replace(/<details>[\s\S]*?<\/details>/g, '')
      const change = result.change!
      for (const finding of change.added) {
        expect(outside).toContain(`<code>${finding.location.file}:${finding.location.line}</code>`)
      }
      if (change.added.length > 0) expect(outside).toContain('New in this pull request')
    })
  }

  it('renders the comments the issues ask for', () => {
    expect(GOLDEN_COMMENTS.map((golden) => golden.file)).toEqual([
      'pr-12-findings.md',
      'repo-300-pr-2.md',
      'repo-2000-files-pr-1.md',
      'clean-pr-fixed-one.md'
    ])
  })

  it('holds 12 new findings, 300 existing with 2 new, 2,000 files with 1 new, and 1 fixed with nothing new', async () => {
    const [twelve, large, monorepo, clean] = await Promise.all(
      GOLDEN_COMMENTS.map((golden) => golden.result())
    )
    expect(twelve!.change!.added).toHaveLength(12)
    expect(large!.change!.existing).toHaveLength(300)
    expect(large!.change!.added).toHaveLength(2)
    expect(monorepo!.model.files.length).toBeGreaterThanOrEqual(2000)
    expect(monorepo!.change!.added).toHaveLength(1)
    expect(clean!.change!.added).toHaveLength(0)
    expect(clean!.change!.fixed).toHaveLength(1)
  })
})
