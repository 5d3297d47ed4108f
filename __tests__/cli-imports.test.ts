// The CLI starts fast because it loads only what it runs: nothing of the action (src/github,
// src/main.ts) and no Octokit or @actions package, anywhere in what src/cli.ts imports.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = path.resolve(import.meta.dirname, '../src')

/** Every module src/cli.ts reaches: our files (relative) and packages (bare names). */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
      const specifier = match[1]!
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

describe('the CLI', () => {
  it('imports nothing the action alone needs', () => {
    const { files, packages } = importGraph(path.join(SRC, 'cli.ts'))
    expect(files.size).toBeGreaterThan(20)
    const ours = [...files].map((file) => path.relative(SRC, file))
    expect(ours.filter((file) => file.startsWith('github') || file === 'main.ts')).toEqual([])
    expect([...packages].filter((name) => /octokit|@actions/.test(name))).toEqual([])
    expect(packages).toContain('yaml')
  })
})
