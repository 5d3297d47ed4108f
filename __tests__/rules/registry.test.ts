// Every rule of the registry carries its documentation (ESLint's `checkRuleFiles`): a page in
// docs/rules/ with the same headings in the same order, naming each option the rule declares;
// a README row whose text is the rule's description; an entry in the JSON Schema whose options
// are the declared ones. Adding a rule without them fails here, not in a user's hands.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/rules/index.js'
import { docsUrl } from '../../src/rules/rule.js'
import { SEVERITY_ORDER, type Severity } from '../../src/model.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8')

/**
 * The questions every page answers, in this order (Ruff's four, plus severity, options and
 * suppression).
 */
const HEADINGS = [
  'What it does',
  'Why it matters',
  'Severity',
  'Example',
  'How to fix',
  'Options',
  'Suppression'
]
/** May follow the required headings: where the behaviour is specified (Kubernetes, Compose). */
const OPTIONAL_LAST = 'Sources'

/** `#`/`##` headings outside fenced code blocks. */
function headings(markdown: string): Array<{ level: number; text: string; line: number }> {
  const found: Array<{ level: number; text: string; line: number }> = []
  let fenced = false
  markdown.split('\n').forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    const match = !fenced && /^(#{1,2}) (.+)$/.exec(line)
    if (match) found.push({ level: match[1]!.length, text: match[2]!.trim(), line: index + 1 })
  })
  return found
}

/** The text of a `## name` section, up to the next `##` heading. */
function section(markdown: string, name: string): string {
  const start = markdown.indexOf(`\n## ${name}\n`)
  if (start === -1) return ''
  const rest = markdown.slice(start + name.length + 5)
  const end = rest.search(/\n## /)
  return end === -1 ? rest : rest.slice(0, end)
}

/** README rule-table rows: id → { default, finds }. */
function readmeRows(): Map<string, { severity: string; finds: string }> {
  const rows = new Map<string, { severity: string; finds: string }>()
  for (const match of read('README.md').matchAll(
    /^\| \[`([a-z0-9-]+)`\]\(docs\/rules\/\1\.md\) *\| *([^|]+?) *\| *(.+?) *\|$/gm
  )) {
    rows.set(match[1]!, { severity: match[2]!, finds: match[3]! })
  }
  return rows
}

const schema = JSON.parse(read('schema/port-hygiene.schema.json')) as {
  properties: { rules: { properties: Record<string, SchemaRule> } }
}
interface SchemaRule {
  description: string
  oneOf: [unknown, { properties: { options: { properties?: Record<string, unknown> } } }]
}

/** The rows of the page's Severity table: severity, when, source. */
function severityRows(markdown: string): Array<{ severity: string; when: string; source: string }> {
  return section(markdown, 'Severity')
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) => {
      const cells = line.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|$/g, '').trim())
      return { severity: cells[0]!, when: cells[1]!, source: cells[2]! }
    })
}

/** The severities a summary such as "error (possible: warning)" names, in order, once each. */
function severitiesNamed(text: string): Severity[] {
  return [...new Set(text.match(/\b(error|warning|notice)\b/g) as Severity[] | null)]
}

describe.each(RULES.map((rule) => ({ id: rule.meta.id, rule })))('$id', ({ id, rule }) => {
  const page = `docs/rules/${id}.md`

  it('has a docs page, which its findings link to', () => {
    expect(existsSync(path.join(projectRoot, page)), `${page} is missing`).toBe(true)
    expect(docsUrl(id).endsWith(`/docs/rules/${id}.md`)).toBe(true)
  })

  it('the page is titled with the id and has the headings in order', () => {
    const found = headings(read(page))
    expect(found[0]).toMatchObject({ level: 1, text: id })
    const sections = found.filter((heading) => heading.level === 2).map((h) => h.text)
    const expected = sections.at(-1) === OPTIONAL_LAST ? [...HEADINGS, OPTIONAL_LAST] : HEADINGS
    expect(sections).toEqual(expected)
  })

  it('the page gives the default severity and names each option under Options', () => {
    const markdown = read(page)
    expect(markdown).toContain(`**Default severity:** ${rule.meta.defaultSeverity}`)
    const options = section(markdown, 'Options')
    for (const name of Object.keys(rule.options)) {
      expect(options, `option ${name} is not described in ${page}`).toContain(`\`${name}\``)
    }
  })

  it("holds its default severity and cases to the severity contract and the page's Severity table", () => {
    const { cases, defaultSeverity } = rule.meta
    expect(cases.length, `${id} declares no severity cases`).toBeGreaterThan(0)
    // Most severe first, and the default is the most severe: a rule only lowers its findings.
    const order = cases.map((each) => SEVERITY_ORDER[each.severity])
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(cases[0]!.severity).toBe(defaultSeverity)
    for (const each of cases) expect(each.source).toMatch(/^https:\/\/\S+$/)
    expect(severityRows(read(page))).toEqual(
      cases.map(({ severity, when, source }) => ({ severity, when, source }))
    )
  })

  it('names exactly the severities of its cases in the page header and the README row', () => {
    const severities = [...new Set(rule.meta.cases.map((each) => each.severity))].sort()
    const header = /^\*\*Default severity:\*\* (.+)$/m.exec(read(page))?.[1] ?? ''
    expect(header.startsWith(rule.meta.defaultSeverity)).toBe(true)
    expect(severitiesNamed(header).sort()).toEqual(severities)
    const row = readmeRows().get(id)
    expect(severitiesNamed(row?.severity ?? '').sort()).toEqual(severities)
  })

  it('has a README rule-table row equal to its description and default severity', () => {
    const row = readmeRows().get(id)
    expect(row, `README.md has no row for ${id}`).toBeDefined()
    expect(row!.finds).toBe(rule.meta.description)
    expect(row!.severity.split(' ')[0]).toBe(rule.meta.defaultSeverity)
  })

  it('has a JSON Schema entry with its description and exactly its options', () => {
    const entry = schema.properties.rules.properties[id]
    expect(entry, `schema/port-hygiene.schema.json has no rules.${id}`).toBeDefined()
    expect(entry!.description).toBe(rule.meta.description)
    const declared = Object.keys(entry!.oneOf[1].properties.options.properties ?? {})
    expect(declared.sort()).toEqual(Object.keys(rule.options).sort())
  })
})

describe('the registry', () => {
  it('has unique ids, and the README lists no rule it does not have', () => {
    const ids = RULES.map((rule) => rule.meta.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...readmeRows().keys()].sort()).toEqual([...ids].sort())
  })
})
