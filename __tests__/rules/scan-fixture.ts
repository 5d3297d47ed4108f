// Runs the whole engine (discover → parse → extract → rules) over a fixture folder, with the
// config the folder itself holds (`.github/port-hygiene.yml`, `.github/port-ranges.json`).
import { RULES } from '../../src/rules/index.js'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { scan, type ScanResult } from '../../src/engine.js'
import { loadConfig } from '../../src/config/load.js'
import { seen, type SeenFinding } from '../helpers/model.js'

const here = path.dirname(fileURLToPath(import.meta.url))
export const FIXTURES = path.resolve(here, '../fixtures/rules')

/** The shared corpus lives next to the repository (`../shared/corpus` from the project root). */
export const CORPUS = path.resolve(here, '../../../shared/corpus')

export async function scanFolder(
  root: string,
  env: Record<string, string | undefined> = {}
): Promise<ScanResult> {
  const config = await loadConfig({ rules: RULES, root })
  return scan({ root, paths: [], config, env })
}

/** Findings of one rule over `fixtures/rules/<rule>/<name>`. */
export async function scanFixture(
  ruleId: string,
  name: string,
  env: Record<string, string | undefined> = {}
): Promise<SeenFinding[]> {
  const result = await scanFolder(path.join(FIXTURES, ruleId, name), env)
  return seen(result.findings, ruleId)
}
