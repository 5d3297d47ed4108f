// The CLI starts fast because it loads only what it runs: nothing of the action (src/github,
// src/main.ts) and no Octokit or @actions package, anywhere in what src/cli.ts imports, even
// lazily; and what a plain scan does not run (the subcommands, `--base`, the SARIF and Markdown
// renderers, child processes, worker threads) only behind an `import()`, which the bundle turns
// into a chunk of its own (rollup.config.js).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = path.resolve(import.meta.dirname, '../src')

/**
 * Every module src/cli.ts reaches: our files (relative to src/) and packages (bare names), through
 * static imports only (what loads at start) or through `import()` too (all it may ever load).
 */
function importGraph(
  entry: string,
  { lazy }: { lazy: boolean }
): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    const relative = path.relative(SRC, file)
    if (files.has(relative)) return
    files.add(relative)
    const text = readFileSync(file, 'utf8')
    const specifiers = [
      ...text.matchAll(/^\s*(?:import|export)\s(?!type\s)[^'"]*?from\s+'([^']+)'/gm),
      ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
      ...(lazy ? text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g) : [])
    ].map((match) => match[1]!)
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier)
        continue
      }
      visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')))
    }
  }
  visit(entry)
  return { files, packages }
}

const CLI = path.join(SRC, 'cli.ts')

describe('the CLI', () => {
  it('imports nothing the action alone needs, not even lazily', () => {
    const { files, packages } = importGraph(CLI, { lazy: true })
    expect(files.size).toBeGreaterThan(20)
    expect([...files].filter((file) => file.startsWith('github') || file === 'main.ts')).toEqual([])
    expect([...packages].filter((name) => /octokit|@actions/.test(name))).toEqual([])
    expect(packages).toContain('yaml')
    // The lazily loaded parts are reached.
    for (const file of ['inventory/command.ts', 'fleet/command.ts', 'report/sarif.ts']) {
      expect(files).toContain(file)
    }
  })

  it('loads at start only what a plain text or JSON scan runs', () => {
    const { files, packages } = importGraph(CLI, { lazy: false })
    expect(files).toContain('engine.ts')
    expect(files).toContain('report/text.ts')
    expect(files).toContain('report/json.ts')
    const lazy = [
      'inventory/command.ts',
      'fleet/command.ts',
      'fleet/fleet.ts',
      'baseline/compare.ts',
      'baseline/git.ts',
      'report/sarif.ts',
      'report/markdown.ts',
      'report/port-map.ts'
    ]
    expect(lazy.filter((file) => files.has(file))).toEqual([])
    expect(packages).not.toContain('node:child_process')
    expect(packages).not.toContain('node:worker_threads')
    // Each loads dozens of Node's internal modules: loaded on first use (src/builtin.ts).
    expect(packages).not.toContain('node:crypto')
    expect(packages).not.toContain('node:net')
  })
})
