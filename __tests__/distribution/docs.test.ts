// The documentation a newcomer reads: a README short enough to read in two minutes, whose rule
// table is the registry's (printed ready to paste when a rule's default changes), that names the
// one test program npm does not install; and no relative link or anchor in README.md or docs/
// that leads nowhere.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/rules/index.js'
import { PROJECT_ROOT } from '../e2e/action-runner.js'

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8')

/** README.md and every Markdown page under docs/, as paths relative to the project. */
function markdownFiles(): string[] {
  const docs = readdirSync(path.join(PROJECT_ROOT, 'docs'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.posix.join('docs', file.split(path.sep).join('/')))
  return ['README.md', ...docs.sort()]
}

/** The text outside fenced code blocks and code spans, where links are links. */
function proseOf(markdown: string): string {
  const lines: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined
      lines.push('')
    } else if (marker) {
      fence = marker
      lines.push('')
    } else lines.push(line.replace(/(`+)[\s\S]*?\1/g, ''))
  }
  return lines.join('\n')
}

/** GitHub's heading anchors (github-slugger): lower case, punctuation dropped, spaces to '-'. */
export function slugsOf(markdown: string): Set<string> {
  const slugs = new Set<string>()
  const counts = new Map<string, number>()
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined
      continue
    }
    if (marker) {
      fence = marker
      continue
    }
    const heading = /^ {0,3}#{1,6} +(.+?) *#* *$/.exec(line)?.[1]
    if (heading === undefined) {
      for (const anchor of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) slugs.add(anchor[1]!)
      continue
    }
    const text = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*_~]/g, (char) => (char === '_' ? '_' : ''))
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const seen = counts.get(base) ?? 0
    counts.set(base, seen + 1)
    slugs.add(seen === 0 ? base : `${base}-${seen}`)
  }
  return slugs
}

interface Link {
  file: string
  line: number
  target: string
}

function relativeLinks(file: string): Link[] {
  const links: Link[] = []
  proseOf(read(file))
    .split('\n')
    .forEach((text, index) => {
      for (const match of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        const target = match[1]!
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue
        links.push({ file, line: index + 1, target })
      }
    })
  return links
}

/** Why a link leads nowhere, or undefined when it resolves. */
function brokenReason(link: Link): string | undefined {
  const [pathPart, anchor] = link.target.split('#', 2) as [string, string | undefined]
  const target = pathPart
    ? path.posix.normalize(path.posix.join(path.posix.dirname(link.file), decodeURI(pathPart)))
    : link.file
  if (target.startsWith('../')) return 'points outside the project'
  const absolute = path.join(PROJECT_ROOT, target)
  if (!existsSync(absolute)) return `${target} does not exist`
  if (anchor === undefined || anchor === '' || !target.endsWith('.md')) return undefined
  if (statSync(absolute).isDirectory()) return undefined
  return slugsOf(read(target)).has(anchor) ? undefined : `${target} has no heading #${anchor}`
}

describe('the docs', () => {
  it('resolve every relative link and anchor of README.md and docs/', () => {
    const links = markdownFiles().flatMap(relativeLinks)
    expect(links.length).toBeGreaterThan(50)
    const broken = links
      .map((link) => ({ link, reason: brokenReason(link) }))
      .filter((each) => each.reason !== undefined)
      .map(({ link, reason }) => `${link.file}:${link.line}: (${link.target}) ${reason}`)
    expect(broken).toEqual([])
  })

  it('the link check finds a broken file link and a broken anchor', () => {
    expect(brokenReason({ file: 'README.md', line: 1, target: 'docs/nope.md' })).toBe(
      'docs/nope.md does not exist'
    )
    expect(brokenReason({ file: 'docs/cli.md', line: 1, target: 'fleet.md#no-such' })).toBe(
      'docs/fleet.md has no heading #no-such'
    )
    expect(
      brokenReason({ file: 'docs/cli.md', line: 1, target: '#fixing---fix-and---fix-dry-run' })
    ).toBe(undefined)
  })

  it('takes anchors as GitHub makes them', () => {
    expect([
      ...slugsOf(
        '# port-hygiene\n## Fixing: `--fix` and `--fix-dry-run`\n## A\n## A\n```\n## Not\n```\n'
      )
    ]).toEqual(['port-hygiene', 'fixing---fix-and---fix-dry-run', 'a', 'a-1'])
  })
})

describe('the README', () => {
  const readme = read('README.md')

  it('is read in two minutes: at most 250 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250)
  })

  it('shows the PR comment as a picture that is in the repository', () => {
    const image = /!\[[^\]]+\]\((docs\/[^)]+\.png)\)/.exec(readme)?.[1]
    expect(image).toBeDefined()
    expect(statSync(path.join(PROJECT_ROOT, image!)).size).toBeGreaterThan(10_000)
  })

  it('names cmark-gfm in its contributing section', () => {
    const contributing = readme.slice(readme.indexOf('\n## Contributing'))
    expect(contributing).toContain('cmark-gfm')
    expect(contributing).toContain('npm ci && npm test')
  })

  it("its rule table is the registry's: ids, default severities and descriptions", () => {
    const actual = tableAfter(readme, '\n## Rules\n')
    const cells = (table: string) =>
      table
        .split('\n')
        .filter((line) => !/^\|[\s|-]+\|$/.test(line))
        .map((line) =>
          line
            .split('|')
            .slice(1, -1)
            .map((cell) => cell.trim())
        )
    // The default column starts with the default severity and may go on to say which cases are
    // milder ("error (possible: warning)"); the registry test holds those words to the cases.
    const shape = (rows: string[][]) =>
      rows.map(([rule, severity, finds]) => [
        rule,
        /^(error|warning|notice)\b/.exec(severity ?? '')?.[1] ?? severity,
        / \(off by default\)$/.test(severity ?? ''),
        finds
      ])
    const current = new Map(cells(actual).map((row) => [row[0]!, row[1]!]))
    const expected = ruleTable(current)
    expect(
      shape(cells(actual)),
      `README.md's rule table does not match the rule registry. Replace it with:\n\n${expected}\n`
    ).toEqual(shape(cells(expected)))
  })
})

/** The first table after `heading`. */
function tableAfter(markdown: string, heading: string): string {
  const section = markdown.slice(markdown.indexOf(heading) + heading.length)
  const lines = section.split('\n')
  const start = lines.findIndex((line) => line.startsWith('|'))
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'))
  return lines.slice(start, end === -1 ? undefined : end).join('\n')
}

/**
 * The rule table as the registry gives it, laid out as Prettier lays out tables; a default cell
 * that already starts with the right severity (`written`) is kept as written.
 */
function ruleTable(written = new Map<string, string>()): string {
  const rows = RULES.map((rule) => {
    const id = `[\`${rule.meta.id}\`](docs/rules/${rule.meta.id}.md)`
    const generated = `${rule.meta.defaultSeverity}${rule.meta.enabledByDefault === false ? ' (off by default)' : ''}`
    const kept = written.get(id)
    const severity =
      kept !== undefined &&
      kept.split(' ')[0] === rule.meta.defaultSeverity &&
      kept.endsWith(' (off by default)') === (rule.meta.enabledByDefault === false)
        ? kept
        : generated
    return [id, severity, rule.meta.description]
  })
  const header = ['rule', 'default', 'finds']
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => row[column]!.length))
  )
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n'
  )
}
