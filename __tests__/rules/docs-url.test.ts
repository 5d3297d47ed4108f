// Rule links point at the docs of the release in use, from one constant, and every rule has its page.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import packageJson from '../../package.json' with { type: 'json' }
import { RULES } from '../../src/rules/index.js'
import { DOCS_BASE, docsUrl, REPOSITORY_URL } from '../../src/rules/rule.js'
import { renderSarif } from '../../src/report/sarif.js'
import { scanResult } from '../helpers/result.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

describe('rule docs links', () => {
  it('name the tag of the version in package.json', () => {
    expect(DOCS_BASE).toBe(
      `https://github.com/port-hygiene/port-hygiene/blob/v${packageJson.version}/docs/rules`
    )
    expect(docsUrl('privileged-port')).toBe(`${DOCS_BASE}/privileged-port.md`)
  })

  it.each(RULES.map((rule) => rule.meta.id))('%s has its page in docs/rules/', (id) => {
    expect(existsSync(path.join(root, 'docs/rules', `${id}.md`))).toBe(true)
  })

  it('SARIF takes helpUri and informationUri from the same constants', () => {
    const log = JSON.parse(renderSarif(scanResult({}), { toolVersion: packageJson.version }))
    const driver = log.runs[0].tool.driver
    expect(driver.informationUri).toBe(REPOSITORY_URL)
    for (const rule of driver.rules ?? []) expect(rule.helpUri).toBe(docsUrl(rule.id))
    expect((driver.rules ?? []).length).toBeGreaterThan(0)
  })
})
