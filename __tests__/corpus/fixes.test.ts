// "A one-click fix must never break a file", checked on real manifests: every fix port-hygiene
// offers on ../shared/corpus/real (24 public repositories) and on examples/ is applied alone, on a
// scratch copy of its repository, both ways a user applies it:
//
//   (a) as `port-hygiene --fix` does: applyFixes() on the guarded read, written by writeFixed();
//   (b) as GitHub commits the review suggestion: the lines the comment covers (suggestionFor())
//       replaced by the lines of its ```suggestion block, nothing else touched. A replaced
//       line keeps its own line ending (extra lines get the file's), and a byte order mark stays
//       in front of line 1 (GitHub's diff, like our reader, does not show it as text).
//
// Each application must leave a file that:
// - still parses: no parse error it did not have, the same number of documents;
// - differs only on the fix's own lines (`wholeLines`): every other line byte-identical, its line
//   endings and byte order mark kept; and the two ways give the same bytes;
// - keeps its structure: the same keys and list items in every document, each changed value of
//   the same type (numbers stay numbers, strings strings); a changed port field is still a valid
//   port (1-65535, or an IANA_SVC_NAME where Kubernetes takes a name), a protocol still one
//   Kubernetes accepts; only a fix that removes lines (host-network-ports) may drop an item;
// - still loads as before: every file has as many bindings, interpolated and unresolved bindings
//   and Services as before (a broken interpolation or Compose project would lose or change them),
//   and no new parse error or skipped file anywhere in the repository;
// - on a re-scan of the whole repository (same config): no longer has the finding (fewer
//   findings of that rule, file and key — the key is the rule's object and port tuple), and no
//   new error or warning. "New" is counted by place: a finding is new when the original scan had
//   no more findings of the same rule, at least as severe, at the same file and line (lines below
//   a fix that removed lines moved up with it). So a moved port keeps its other findings at its
//   line (their messages name the new port), one may drop from error to warning (53 bound to
//   loopback may still meet the host's resolver), another finding's message may change (a
//   conflict group that lost a member), notices may come and go; but a fix that trades its
//   finding for another error or warning anywhere, a conflict on the port it picked included,
//   fails.
//
// Two passes per repository: the default config, and one that turns on more fixes
// (`privileged-port` with `webPorts: []`, so 80 and 443 get fixes too); examples/ also runs with
// its own .github/port-hygiene.yml. The counts per repository and rule are printed; a floor
// below the figure keeps the test from passing by finding no fixes. Skips with a message when
// ../shared/corpus/real is absent (examples/ always runs). Never copies corpus files into the
// project: the scratch copies live in the OS temp dir. About 25 s for both.
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scan, type ScanResult } from '../../src/engine.js'
import { defaultConfig, type ResolvedConfig } from '../../src/config/types.js'
import { loadConfig } from '../../src/config/load.js'
import { RULES } from '../../src/rules/index.js'
import { readGuarded } from '../../src/discover/read.js'
import { applyFixes, dominantLineEnding } from '../../src/fix/apply.js'
import { splitLines, type Line } from '../../src/fix/diff.js'
import { writeFixed } from '../../src/fix/write.js'
import { suggestionFor } from '../../src/github/review.js'
import { parseYamlFile, type ParsedDocument } from '../../src/parse/yaml.js'
import { partsOf } from '../../src/rules/merge-findings.js'
import type { Finding, Fix } from '../../src/model.js'
import { suggestionLines } from '../helpers/suggestions.js'

const REAL = path.resolve(import.meta.dirname, '../../../shared/corpus/real')
const EXAMPLES = path.resolve(import.meta.dirname, '../../examples')
const present = existsSync(REAL)
if (!present) console.warn(`skipping the one-click fix check on the real corpus: ${REAL} is absent`)

/** Below the figures this test prints: losing fixes is a decision, made by lowering these. */
const MIN_CORPUS_FIXES = { default: 150, 'more fixes': 205 }
const MIN_EXAMPLE_FIXES = 30

const scratch = mkdtempSync(path.join(tmpdir(), 'port-hygiene-fix-corpus-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

interface Pass {
  name: string
  config: (root: string) => Promise<ResolvedConfig>
}

/** privileged-port without its allowance of 80 and 443: their fixes are exercised too. */
function moreFixes(): ResolvedConfig {
  const config = defaultConfig()
  config.rules['privileged-port'] = { severity: 'error', options: { allow: [], webPorts: [] } }
  return config
}

const PASSES: Pass[] = [
  { name: 'default', config: async () => defaultConfig() },
  { name: 'more fixes', config: async () => moreFixes() }
]

interface Outcome {
  /** Fixes applied (and checked, both ways where a suggestion exists), by rule. */
  applied: Map<string, number>
  /** Fixes with no whole-line form, so no suggestion (only (a) checked). */
  withoutSuggestion: number
  problems: string[]
}

/** Checks every fix of `source` under each pass; the repository is copied once. */
async function checkRepository(source: string, passes: Pass[]): Promise<Map<string, Outcome>> {
  const root = path.join(scratch, path.basename(source))
  cpSync(source, root, { recursive: true })
  // The corpus is read-only; a checkout a user fixes is not.
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const copy = path.join(root, file)
    if (lstatSync(copy).isFile()) chmodSync(copy, 0o644)
  }
  const outcomes = new Map<string, Outcome>()
  for (const pass of passes) {
    const config = await pass.config(root)
    const run = () => scan({ root, paths: [], config, env: {}, threads: 0 })
    outcomes.set(pass.name, await checkFixes(root, await run(), run))
  }
  rmSync(root, { recursive: true, force: true })
  return outcomes
}

const joinLines = (lines: Line[]) => lines.map((line) => line.content + line.eol).join('')

/** The text (without its byte order mark) as GitHub leaves it when the suggestion is committed. */
function commitSuggestion(text: string, start: number, end: number, suggested: string[]): string {
  const lines = splitLines(text)
  const eol = dominantLineEnding(text)
  const lastEnding = lines[end - 1]?.eol ?? ''
  const replacement = suggested.map((content, index) => ({
    content,
    eol: index === suggested.length - 1 ? lastEnding : eol
  }))
  lines.splice(start - 1, end - start + 1, ...replacement)
  return joinLines(lines)
}

/** The suggestion block a review comment on this finding would carry, every line in the diff. */
function suggestionOf(part: Finding, text: string) {
  const diffText = new Map(
    splitLines(text).map((line, index) => [index + 1, { hunk: 0, text: line.content }])
  )
  const suggestion = suggestionFor(part, { diffText })
  if (!suggestion) return undefined
  return { ...suggestion, lines: suggestionLines(`${suggestion.block}`)! }
}

interface Before {
  file: string
  raw: Buffer
  text: string
  bom: boolean
}

async function checkFixes(
  root: string,
  original: ScanResult,
  run: () => Promise<ScanResult>
): Promise<Outcome> {
  const outcome: Outcome = { applied: new Map(), withoutSuggestion: 0, problems: [] }
  const parts = original.findings.flatMap(partsOf)
  const baseline = loadSummary(original)
  for (const part of parts) {
    const fix = part.fix
    if (!fix) continue
    const file = fix.location.file
    const at = `${part.location.file}:${part.location.line}`
    const where = `${part.ruleId} ${at} (${part.message.slice(0, 80)})`
    const raw = readFileSync(path.join(root, file))
    const read = readGuarded(root, file)
    if (read.refused !== undefined) {
      outcome.problems.push(`${where}: the fixed file cannot be read: ${read.refused}`)
      continue
    }
    const before: Before = { file, raw, text: read.text, bom: read.bom }
    const texts = new Map<string, string[]>()
    // (a) --fix: the fix alone, through the same write --fix uses.
    const applied = applyFixes(read.text, [fix])
    if (applied.applied.length !== 1) {
      outcome.problems.push(`${where}: --fix did not apply it`)
      continue
    }
    const written = writeFixed(root, file, applied.text, read)
    if (written.refused !== undefined) {
      outcome.problems.push(`${where}: --fix would not write it: ${written.refused}`)
      continue
    }
    const fixedBytes = readFileSync(path.join(root, file))
    writeFileSync(path.join(root, file), raw)
    texts.set(fixedBytes.toString('utf8'), ['--fix'])
    // (b) the review suggestion, committed on GitHub.
    const suggestion = suggestionOf(part, read.text)
    if (suggestion) {
      const committed =
        (read.bom ? '\uFEFF' : '') +
        commitSuggestion(read.text, suggestion.startLine, suggestion.line, suggestion.lines)
      if (committed !== fixedBytes.toString('utf8')) {
        outcome.problems.push(`${where}: --fix and the suggestion give different files`)
      }
      texts.set(committed, [...(texts.get(committed) ?? []), 'suggestion'])
    } else {
      outcome.withoutSuggestion++
    }
    for (const [after, ways] of texts) {
      const problems = await checkApplication(
        root,
        before,
        after,
        part,
        fix,
        original,
        baseline,
        run
      )
      for (const problem of problems)
        outcome.problems.push(`${where} [${ways.join(', ')}]: ${problem}`)
    }
    outcome.applied.set(part.ruleId, (outcome.applied.get(part.ruleId) ?? 0) + 1)
  }
  return outcome
}

async function checkApplication(
  root: string,
  before: Before,
  after: string,
  part: Finding,
  fix: Fix,
  original: ScanResult,
  baseline: Map<string, Loaded>,
  run: () => Promise<ScanResult>
): Promise<string[]> {
  const problems: string[] = []
  const bom = after.startsWith('\uFEFF')
  if (bom !== before.bom) problems.push(`the byte order mark was ${bom ? 'added' : 'lost'}`)
  const text = bom ? after.slice(1) : after
  if (text === before.text) problems.push('the file did not change')
  problems.push(...changedOnlyItsLines(before.text, text, fix))
  problems.push(...parsesAsBefore(before.file, before.text, text, part.ruleId))

  writeFileSync(path.join(root, before.file), after)
  let rescan: ScanResult
  try {
    rescan = await run()
  } finally {
    writeFileSync(path.join(root, before.file), before.raw)
  }
  problems.push(...loadsAsBefore(baseline, loadSummary(rescan), part))
  problems.push(...findingGone(part, original, rescan))
  problems.push(
    ...noNewErrors(original, rescan, fix, splitLines(text).length - splitLines(before.text).length)
  )
  return problems
}

/** Lines outside the fix's whole lines byte-identical (endings included); its own end as before. */
function changedOnlyItsLines(before: string, after: string, fix: Fix): string[] {
  const whole = fix.wholeLines ?? {
    line: fix.location.line,
    endLine: fix.location.endLine ?? fix.location.line
  }
  const old = splitLines(before)
  const now = splitLines(after)
  const head = whole.line - 1
  const tail = old.length - whole.endLine
  const problems: string[] = []
  const same = (a: Line | undefined, b: Line | undefined) =>
    a !== undefined && b !== undefined && a.content === b.content && a.eol === b.eol
  for (let index = 0; index < head; index++) {
    if (!same(old[index], now[index])) problems.push(`line ${index + 1} above the fix changed`)
  }
  for (let index = 1; index <= tail; index++) {
    if (!same(old[old.length - index], now[now.length - index])) {
      problems.push(`line ${old.length - index + 1} below the fix changed`)
    }
  }
  if (now.length < head + tail) problems.push('the fix removed lines outside its own')
  const endings = new Set(old.slice(head, whole.endLine).map((line) => line.eol))
  for (const line of now.slice(head, now.length - tail)) {
    if (!endings.has(line.eol) && line.eol !== dominantLineEnding(before)) {
      problems.push(
        `a fixed line ends with ${JSON.stringify(line.eol)}, not as the file's lines do`
      )
    }
  }
  return problems.slice(0, 5)
}

const PORT_FIELDS = /^(hostPort|containerPort|port|targetPort|nodePort|published|target)$/
const IANA_SVC_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/

/** Parses as before (no new parse error, as many documents); same keys, same value types. */
function parsesAsBefore(file: string, before: string, after: string, ruleId: string): string[] {
  const old = parseYamlFile(file, before)
  const now = parseYamlFile(file, after)
  const problems: string[] = []
  const oldErrors = new Set(old.parseErrors.map((error) => error.message))
  for (const error of now.parseErrors) {
    if (!oldErrors.has(error.message)) problems.push(`a new parse error: ${error.message}`)
  }
  if (now.parseErrors.length > old.parseErrors.length) problems.push('more parse errors')
  if (now.documents.length !== old.documents.length) {
    problems.push(`${old.documents.length} documents became ${now.documents.length}`)
    return problems
  }
  const changes: Change[] = []
  old.documents.forEach((document, index) => {
    changedValues(toData(document.document), toData(now.documents[index]!.document), [], changes)
  })
  for (const change of changes) problems.push(...checkChange(change, ruleId))
  return problems
}

function toData(document: ParsedDocument['document']): unknown {
  return document.toJS({ maxAliasCount: -1 })
}

interface Change {
  path: Array<string | number>
  before: unknown
  after: unknown
  /** A key or list item is there on one side only. */
  structural?: boolean
}

function changedValues(before: unknown, after: unknown, at: Change['path'], out: Change[]): void {
  const isTree = (value: unknown) => typeof value === 'object' && value !== null
  if (isTree(before) && isTree(after) && Array.isArray(before) === Array.isArray(after)) {
    const a = before as Record<string, unknown>
    const b = after as Record<string, unknown>
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const step = Array.isArray(a) ? Number(key) : key
      if (!(key in a) || !(key in b))
        out.push({ path: [...at, step], before: a[key], after: b[key], structural: true })
      else changedValues(a[key], b[key], [...at, step], out)
    }
    return
  }
  if (!Object.is(before, after)) out.push({ path: at, before, after })
}

function checkChange(change: Change, ruleId: string): string[] {
  const where = change.path.join('.')
  if (change.structural) {
    return ruleId === 'host-network-ports' ? [] : [`${where}: a key or item was added or removed`]
  }
  if (
    typeof change.before !== typeof change.after ||
    (change.before === null) !== (change.after === null)
  ) {
    return [
      `${where}: ${JSON.stringify(change.before)} became ${JSON.stringify(change.after)}, ` +
        'a value of another type'
    ]
  }
  const field = String(change.path[change.path.length - 1])
  const value = change.after
  if (PORT_FIELDS.test(field)) {
    const valid =
      typeof value === 'number'
        ? Number.isInteger(value) && value >= 1 && value <= 65535
        : typeof value === 'string' && (IANA_SVC_NAME.test(value) || /^\d+(-\d+)?$/.test(value))
    if (!valid) return [`${where}: ${JSON.stringify(value)} is not a port`]
  }
  if (field === 'protocol' && !['TCP', 'UDP', 'SCTP'].includes(String(value))) {
    return [`${where}: ${JSON.stringify(value)} is not a protocol Kubernetes accepts`]
  }
  return []
}

interface Loaded {
  bindings: number
  interpolated: number
  unresolved: number
  services: number
  parseErrors: number
  skipped: number
}

const NOTHING_LOADED: Loaded = {
  bindings: 0,
  interpolated: 0,
  unresolved: 0,
  services: 0,
  parseErrors: 0,
  skipped: 0
}

/** Per file, what loading it gave: bindings (interpolated, unresolved), Services, parse errors. */
function loadSummary(result: ScanResult): Map<string, Loaded> {
  const summary = new Map<string, Loaded>()
  const of = (file: string) => {
    if (!summary.has(file)) summary.set(file, { ...NOTHING_LOADED })
    return summary.get(file)!
  }
  for (const binding of result.model.bindings) {
    const entry = of(binding.location.file)
    entry.bindings++
    if (binding.interpolated) entry.interpolated++
    if (binding.unresolved) entry.unresolved++
  }
  for (const service of result.model.services) of(service.location.file).services++
  for (const error of result.model.parseErrors) of(error.location.file).parseErrors++
  for (const skipped of result.model.skippedFiles) of(skipped.file).skipped++
  return summary
}

/**
 * Every file loads as before. Two fixes change what loads, in their own file only, on purpose:
 * host-network-ports removes port entries (fewer bindings), and invalid-port's protocol fix makes
 * a port the loader dropped as invalid a binding (more bindings).
 */
function loadsAsBefore(
  before: Map<string, Loaded>,
  after: Map<string, Loaded>,
  part: Finding
): string[] {
  const problems: string[] = []
  for (const file of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(file) ?? NOTHING_LOADED
    const now = after.get(file) ?? NOTHING_LOADED
    for (const field of Object.keys(NOTHING_LOADED) as Array<keyof Loaded>) {
      if (old[field] === now[field]) continue
      const own = file === part.fix?.location.file && field === 'bindings'
      if (own && part.ruleId === 'host-network-ports' && now[field] < old[field]) continue
      if (own && part.ruleId === 'invalid-port' && now[field] > old[field]) continue
      problems.push(`${file} loads differently: ${field} ${old[field]} became ${now[field]}`)
    }
  }
  return problems
}

/** The re-scan has fewer findings of the fixed rule at its file and key (object and ports). */
function findingGone(part: Finding, original: ScanResult, rescan: ScanResult): string[] {
  const same = (finding: Finding) =>
    finding.ruleId === part.ruleId &&
    finding.location.file === part.location.file &&
    finding.key === part.key
  const before = original.findings.flatMap(partsOf).filter(same).length
  const after = rescan.findings.flatMap(partsOf).filter(same).length
  return after < before ? [] : ['a re-scan still reports the finding']
}

const RANK = { error: 2, warning: 1, notice: 0 } as const

/**
 * Errors and warnings of the re-scan with no finding of the same rule, at least as severe, at the
 * same file and line in the original scan (each original finding matches one).
 */
function noNewErrors(
  original: ScanResult,
  rescan: ScanResult,
  fix: Fix,
  linesAdded: number
): string[] {
  const endLine = fix.wholeLines?.endLine ?? fix.location.endLine ?? fix.location.line
  const place = (finding: Finding, shift: number) => {
    const moved = finding.location.file === fix.location.file && finding.location.line > endLine
    const line = finding.location.line + (moved ? shift : 0)
    return `${finding.ruleId} ${finding.location.file}:${line}`
  }
  const acted = (result: ScanResult) =>
    result.findings.flatMap(partsOf).filter((finding) => finding.severity !== 'notice')
  // Per place, the ranks of the original findings there, most severe first.
  const before = new Map<string, number[]>()
  for (const finding of acted(original)) {
    const key = place(finding, linesAdded)
    before.set(
      key,
      [...(before.get(key) ?? []), RANK[finding.severity]].sort((a, b) => b - a)
    )
  }
  const problems: string[] = []
  for (const finding of acted(rescan).sort((a, b) => RANK[b.severity] - RANK[a.severity])) {
    const ranks = before.get(place(finding, 0)) ?? []
    if (ranks.length > 0 && ranks[0]! >= RANK[finding.severity]) ranks.shift()
    else
      problems.push(
        `a new ${finding.severity}: ${finding.ruleId} at ` +
          `${finding.location.file}:${finding.location.line}: ${finding.message}`
      )
  }
  return problems
}

function report(title: string, outcomes: Map<string, Map<string, Outcome>>): Map<string, number> {
  const totals = new Map<string, number>()
  const rows: string[] = [title]
  for (const [repo, passes] of outcomes) {
    for (const [pass, outcome] of passes) {
      if (outcome.applied.size === 0) continue
      const byRule = [...outcome.applied].map(([rule, count]) => `${rule} ${count}`).join(', ')
      const alone = outcome.withoutSuggestion
      const note = alone ? ` (${alone} with no suggestion: --fix only)` : ''
      rows.push(`  ${repo} [${pass}]: ${byRule}${note}`)
      for (const count of outcome.applied.values())
        totals.set(pass, (totals.get(pass) ?? 0) + count)
    }
  }
  const byRule = new Map<string, number>()
  for (const passes of outcomes.values()) {
    for (const [pass, outcome] of passes) {
      for (const [rule, count] of outcome.applied)
        byRule.set(`${pass}: ${rule}`, (byRule.get(`${pass}: ${rule}`) ?? 0) + count)
    }
  }
  rows.push(`  by rule: ${[...byRule].map(([rule, count]) => `${rule} ${count}`).join('; ')}`)
  rows.push(`  total: ${[...totals].map(([pass, count]) => `${pass} ${count}`).join(', ')}`)
  console.log(rows.join('\n'))
  return totals
}

const problemsOf = (outcomes: Map<string, Map<string, Outcome>>) =>
  [...outcomes].flatMap(([repo, passes]) =>
    [...passes].flatMap(([pass, outcome]) =>
      outcome.problems.map((problem) => `${repo} [${pass}] ${problem}`)
    )
  )

describe.skipIf(!present)('one-click fixes on ../shared/corpus/real', () => {
  const outcomes = new Map<string, Map<string, Outcome>>()

  it('applies every fix alone, both ways, and breaks no file', async () => {
    const repos = readdirSync(REAL, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
    for (const repo of repos)
      outcomes.set(repo, await checkRepository(path.join(REAL, repo), PASSES))
    const totals = report(
      'one-click fixes applied on the real corpus, per repository and rule:',
      outcomes
    )
    expect(problemsOf(outcomes)).toEqual([])
    for (const [pass, floor] of Object.entries(MIN_CORPUS_FIXES)) {
      expect(totals.get(pass) ?? 0, pass).toBeGreaterThanOrEqual(floor)
    }
  }, 300_000)
})

describe('one-click fixes on examples/', () => {
  it('applies every fix alone, both ways, and breaks no file', async () => {
    const own: Pass = { name: 'own config', config: (root) => loadConfig({ root, rules: RULES }) }
    const outcomes = new Map([['examples', await checkRepository(EXAMPLES, [...PASSES, own])]])
    const totals = report('one-click fixes applied on examples/:', outcomes)
    expect(problemsOf(outcomes)).toEqual([])
    const all = [...totals.values()].reduce((sum, count) => sum + count, 0)
    expect(all).toBeGreaterThanOrEqual(MIN_EXAMPLE_FIXES)
  }, 120_000)
})
