// Inputs built to multiply work: include diamonds, variables that double each other, aliases
// that expand one object thousands of times, merge-key bombs, deep nesting, cycles. Each ends in
// bounded work with a finding where something was cut, and the real problems beside it reported.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractCompose, type ComposeFileSystem } from '../../src/extract/compose/index.js'
import { parseYamlFile } from '../../src/parse/yaml.js'
import { HEALTHY, repo, rules, scanRoot } from './hostile.js'
import { LEVELS, aliasedList, composeAliasChain, diamond, doublingEnv } from './inputs.js'
import { partsOf } from '../../src/rules/merge-findings.js'

describe('include diamond, 24 levels', () => {
  it('loads each file once per environment: parse and .env reads grow with the files, not the paths', () => {
    const files = diamond()
    const parses = new Map<string, number>()
    let envReads = 0
    const fs: ComposeFileSystem = {
      readText(file) {
        if (file.endsWith('.env')) envReads++
        return files[file]
      },
      parse(file) {
        parses.set(file, (parses.get(file) ?? 0) + 1)
        return files[file] === undefined ? undefined : parseYamlFile(file, files[file]!)
      }
    }
    const top = parseYamlFile('deep/compose.yaml', files['deep/compose.yaml']!)
    const model = extractCompose([top], fs, {})
    expect([...parses.values()].every((count) => count === 1)).toBe(true)
    expect(parses.size).toBe(LEVELS * 2)
    expect(envReads).toBeLessThanOrEqual(LEVELS * 2 * 2 + 1)
    // Every service once, with its one port: a shared include is not counted twice.
    expect(model.bindings).toHaveLength(LEVELS * 2 + 1)
    expect(new Set(model.bindings!.map((binding) => binding.container)).size).toBe(LEVELS * 2 + 1)
  })

  it('an extends diamond: services of both files of a level extend the same bases of the next; each file is parsed once', () => {
    const files = extendsDiamond()
    const { parses, fs } = countingFileSystem(files)
    const top = parseYamlFile('deep/compose.yaml', files['deep/compose.yaml']!)
    const model = extractCompose([top], fs, {})
    expect([...parses.values()].every((count) => count === 1)).toBe(true)
    expect(parses.size).toBe(LEVELS * 2)
    // Each top service inherits one port per level below it, and its own: 4 × (24 + 1).
    expect(model.bindings).toHaveLength(4 * (LEVELS + 1))
    expect(model.limitsExceeded).toEqual([])
  })

  it('include and extends together (each file includes both files of the next level and extends from them): each file parsed once', () => {
    const files = extendsDiamond({ include: true })
    const { parses, fs } = countingFileSystem(files)
    const top = parseYamlFile('deep/compose.yaml', files['deep/compose.yaml']!)
    const model = extractCompose([top], fs, {})
    expect([...parses.values()].every((count) => count === 1)).toBe(true)
    expect(parses.size).toBe(LEVELS * 2)
    expect(new Set(model.bindings!.map((binding) => binding.container)).size).toBe(
      LEVELS * 2 * 2 + 4
    )
  })

  // The bound is the counting above (linear work); this is the same diamond through the engine,
  // with a real repository, and a finding of the top file still reported.
  it('scans the whole repository with the diamond in it', async () => {
    const root = repo({ ...diamond(), 'k8s/edge.yaml': HEALTHY })
    const result = await scanRoot(root)
    expect(rules(result)).toContain('privileged-port')
    const top = result.findings
      .flatMap(partsOf)
      .filter((finding) => finding.location.file === 'deep/compose.yaml')
    expect(top.map((finding) => finding.ruleId)).toContain('privileged-port')
    const compose = result.model.bindings.filter((binding) => binding.format === 'compose')
    expect(compose).toHaveLength(LEVELS * 2 + 1)
  })
})

/** A ComposeFileSystem over in-memory files that counts how often each file is parsed. */
function countingFileSystem(files: Record<string, string>): {
  parses: Map<string, number>
  fs: ComposeFileSystem
} {
  const parses = new Map<string, number>()
  const fs: ComposeFileSystem = {
    readText: (file) => files[file],
    parse(file) {
      parses.set(file, (parses.get(file) ?? 0) + 1)
      return files[file] === undefined ? undefined : parseYamlFile(file, files[file]!)
    }
  }
  return { parses, fs }
}

/**
 * Level k has files a and b, each with services p and q; in both files, p extends p of level
 * k+1's a.yaml and q extends q of its b.yaml, so every base is shared by two extenders (and
 * reached by 2^k paths). Each service publishes a port of its own. The top file has four
 * services, extending p and q of both level-0 files. `include` adds an include diamond too.
 */
function extendsDiamond(options: { include?: boolean } = {}): Record<string, string> {
  const files: Record<string, string> = {}
  let port = 20000
  for (let level = 0; level < LEVELS; level++) {
    for (const side of ['a', 'b']) {
      const next = level + 1 < LEVELS ? `../l${level + 1}` : undefined
      const service = (name: string, file: string) =>
        `  ${name}:\n    image: busybox\n` +
        (next ? `    extends: {file: ${next}/${file}, service: ${name}}\n` : '') +
        `    ports: ['${port++}:80']\n`
      const include =
        options.include && next ? `include:\n  - ${next}/a.yaml\n  - ${next}/b.yaml\n` : ''
      // Included services are renamed per file so that they do not clash with the extended ones.
      const services = `services:\n${service('p', 'a.yaml')}${service('q', 'b.yaml')}`
      files[`deep/l${level}/${side}.yaml`] = options.include
        ? `${include}${services.replaceAll(/^ {2}([pq]):/gm, `  $1${level}${side}:`).replaceAll(/service: ([pq])}/g, `service: $1${level + 1}a}`)}`
        : `${include}${services}`
    }
  }
  const top = (name: string, file: string, base: string) =>
    `  ${name}:\n    extends: {file: ${file}, service: ${base}}\n    ports: ['${port++}:80']\n`
  const base = (name: string, side: string) => (options.include ? `${name}0${side}` : name)
  files['deep/compose.yaml'] =
    `name: diamond\n${options.include ? 'include: [l0/a.yaml, l0/b.yaml]\n' : ''}services:\n${top('ap', 'l0/a.yaml', base('p', 'a'))}${top('aq', 'l0/a.yaml', base('q', 'a'))}` +
    `${top('bp', 'l0/b.yaml', base('p', 'b'))}${top('bq', 'l0/b.yaml', base('q', 'b'))}`
  return files
}

describe('.env doubling bomb', () => {
  it('the oversized value is unknown with a finding, and the real duplicate is still reported', async () => {
    const root = repo({
      'shop/.env': doublingEnv(64) + 'API_PORT=8081\n',
      'shop/compose.yaml': `services:\n  api:\n    image: shop/api\n    environment:\n      HUGE: \${B63}\n    ports: ['\${API_PORT}:8080']\n  admin:\n    image: shop/admin\n    ports: ['8081:9000']\n`
    })
    const result = await scanRoot(root)
    expect(rules(result)).toEqual(['duplicate-host-port', 'input-limit'])
    const limit = result.findings
      .flatMap(partsOf)
      .find((finding) => finding.ruleId === 'input-limit')!
    expect(limit.location.file).toBe('shop/.env')
    expect(limit.message).toMatch(/B1[0-9] expands to more than 65536 characters/)
  }, 20_000)

  it('a port that interpolates the oversized value is unknown, never guessed', async () => {
    const root = repo({
      'app/.env': doublingEnv(30),
      'app/compose.yaml': "services:\n  web:\n    ports: ['${B29:-80}:80']\n"
    })
    const result = await scanRoot(root)
    expect(result.model.bindings[0]!.unresolved).toBe(true)
    expect(rules(result)).toEqual(['input-limit'])
  }, 20_000)

  it('a template that repeats a large variable is cut at the value limit with a finding', async () => {
    const big = 'x'.repeat(60_000)
    const root = repo({
      'app/.env': `BIG=${big}\n`,
      'app/compose.yaml': `name: \${BIG}\${BIG}\${BIG}\nservices:\n  web:\n    ports: ['\${BIG}\${BIG}:80']\n`
    })
    const result = await scanRoot(root)
    const limits = result.findings
      .flatMap(partsOf)
      .filter((finding) => finding.ruleId === 'input-limit')
    expect(limits.map((finding) => finding.location.line).sort()).toEqual([1, 4])
    expect(result.model.bindings[0]!.unresolved).toBe(true)
  })

  it('many moderately large values stop at the per-file expansion total', async () => {
    const lines = ['S=' + 'y'.repeat(60_000)]
    for (let index = 0; index < 200; index++) lines.push(`V${index}=\${S}`)
    const root = repo({
      'app/.env': lines.join('\n') + '\n',
      'app/compose.yaml': "services:\n  web:\n    ports: ['8080:80']\n"
    })
    const result = await scanRoot(root)
    expect(
      result.findings.flatMap(partsOf).some((finding) => finding.ruleId === 'input-limit')
    ).toBe(true)
    expect(result.model.bindings).toHaveLength(1)
  }, 20_000)

  it('the value limit can be changed with PORT_HYGIENE_MAX_VALUE_LENGTH', async () => {
    const root = repo({
      'app/.env': 'LONG=' + 'z'.repeat(200) + '\nREF=${LONG}\n',
      'app/compose.yaml': "services:\n  web:\n    ports: ['8080:80']\n"
    })
    expect(rules(await scanRoot(root))).toEqual([])
    expect(rules(await scanRoot(root, { PORT_HYGIENE_MAX_VALUE_LENGTH: '100' }))).toEqual([
      'input-limit'
    ])
  })
})

describe('alias expansion', () => {
  it('a List that aliases one Pod 100^3 times stops at the expansion budget with a finding', async () => {
    const root = repo({ 'k8s/bomb.yaml': aliasedList(100, 2), 'k8s/edge.yaml': HEALTHY })
    const result = await scanRoot(root)
    const limit = result.findings
      .flatMap(partsOf)
      .find((finding) => finding.ruleId === 'input-limit')
    expect(limit?.location.file).toBe('k8s/bomb.yaml')
    expect(limit?.message).toMatch(/more than 1000 objects, containers and ports/)
    expect(
      result.model.bindings.filter((b) => b.location.file === 'k8s/bomb.yaml').length
    ).toBeLessThanOrEqual(1_000)
    expect(
      result.findings.flatMap(partsOf).some((finding) => finding.location.file === 'k8s/edge.yaml')
    ).toBe(true)
  }, 60_000)

  it('the budget can be changed with PORT_HYGIENE_EXPANSION_BUDGET', async () => {
    const root = repo({ 'k8s/list.yaml': aliasedList(10, 0) })
    expect(rules(await scanRoot(root))).not.toContain('input-limit')
    expect(rules(await scanRoot(root, { PORT_HYGIENE_EXPANSION_BUDGET: '5' }))).toContain(
      'input-limit'
    )
  })

  it('a billion-laughs alias chain in a Compose file costs nothing', async () => {
    const root = repo({ 'app/compose.yaml': composeAliasChain() })
    const result = await scanRoot(root)
    expect(rules(result)).toContain('privileged-port')
  }, 20_000)

  it('a Compose merge-key bomb across services stops at the expansion budget; the project beside it is still checked', async () => {
    const ports = Array.from({ length: 50 }, (_, index) => `'${20000 + index}:80'`).join(', ')
    const services = Array.from({ length: 100 }, (_, index) => `  s${index}: {<<: *svc}`)
    const root = repo({
      'bomb/compose.yaml': `x-svc: &svc {image: busybox, ports: [${ports}]}\nservices:\n${services.join('\n')}\n`,
      'shop/compose.yaml':
        "services:\n  api:\n    image: shop/api\n    ports: ['8081:8080']\n  admin:\n    image: shop/admin\n    ports: ['8081:9000']\n"
    })
    const result = await scanRoot(root)
    const limits = result.findings
      .flatMap(partsOf)
      .filter((finding) => finding.ruleId === 'input-limit')
    expect(limits.map((finding) => finding.location.file)).toEqual(['bomb/compose.yaml'])
    expect(limits[0]!.message).toMatch(/more than 1000 services and ports/)
    // 100 services × 50 ports = 5,000 bindings without the budget.
    const fromBomb = result.model.bindings.filter((b) => b.location.file === 'bomb/compose.yaml')
    expect(fromBomb.length).toBeGreaterThan(0)
    expect(fromBomb.length).toBeLessThanOrEqual(1000)
    const shop = result.findings
      .flatMap(partsOf)
      .filter((finding) => finding.location.file === 'shop/compose.yaml')
    expect(shop.map((finding) => finding.ruleId)).toContain('duplicate-host-port')
  })

  it('a Compose services map of aliased services with aliased port lists stops at the budget', async () => {
    const ports = Array.from({ length: 10 }, (_, index) => `'${30000 + index}:80'`).join(', ')
    const services = Array.from({ length: 150 }, (_, index) => `  s${index}: *svc`)
    const root = repo({
      'bomb/compose.yaml': `x-ports: &ports [${ports}]\nx-svc: &svc {image: busybox, ports: *ports}\nservices:\n${services.join('\n')}\n`,
      'k8s/edge.yaml': HEALTHY
    })
    const result = await scanRoot(root)
    expect(rules(result)).toContain('input-limit')
    expect(result.model.bindings.filter((b) => b.format === 'compose').length).toBeLessThanOrEqual(
      1000
    )
    expect(
      result.findings.flatMap(partsOf).some((finding) => finding.location.file === 'k8s/edge.yaml')
    ).toBe(true)
  })

  it('the Compose budget is the same setting, PORT_HYGIENE_EXPANSION_BUDGET', async () => {
    const root = repo({
      'app/compose.yaml':
        "x-ports: &ports ['8081:80', '8082:80', '8083:80']\nservices:\n  web:\n    ports: *ports\n  api:\n    ports: *ports\n"
    })
    // The two services clash on every port: that is found either way.
    expect(rules(await scanRoot(root))).toEqual(['duplicate-host-port'])
    const small = await scanRoot(root, { PORT_HYGIENE_EXPANSION_BUDGET: '4' })
    expect(rules(small)).toEqual(['input-limit'])
    expect(small.model.bindings.map((binding) => binding.container)).toEqual(['web', 'web', 'web'])
  })

  it('a merge-key bomb (<<: [*m, *m, …] nested) stays linear', async () => {
    const lines = ['x-m0: &m0 {hostPort: 81}']
    for (let level = 1; level < 12; level++)
      lines.push(
        `x-m${level}: &m${level} {<<: [${Array(10)
          .fill(`*m${level - 1}`)
          .join(', ')}]}`
      )
    const root = repo({
      'k8s/merge.yaml': `${lines.join('\n')}\napiVersion: v1\nkind: Pod\nmetadata: {name: merged}\nspec:\n  containers:\n    - name: c\n      ports:\n        - <<: *m11\n          containerPort: 80\n`
    })
    const result = await scanRoot(root)
    expect(rules(result)).toContain('privileged-port')
  }, 20_000)
})

describe('deep and cyclic structures', () => {
  it('nesting 10,000 levels deep is a parse error or nothing, never a stack overflow', async () => {
    const root = repo({
      'k8s/deep.yaml': '['.repeat(10_000) + ']'.repeat(10_000) + '\n',
      'k8s/edge.yaml': HEALTHY
    })
    const result = await scanRoot(root)
    expect(
      result.findings.flatMap(partsOf).some((finding) => finding.location.file === 'k8s/edge.yaml')
    ).toBe(true)
  }, 30_000)

  it('an include cycle is cut; both files are still read', async () => {
    const root = repo({
      'app/compose.yaml': "include: [other.yaml]\nservices:\n  web:\n    ports: ['81:81']\n",
      'app/other.yaml': "include: [compose.yaml]\nservices:\n  api:\n    ports: ['8080:80']\n"
    })
    const result = await scanRoot(root)
    expect(result.model.bindings.map((b) => b.container).sort()).toEqual(['api', 'web'])
  })

  it('an extends cycle is cut', async () => {
    const root = repo({
      'app/compose.yaml':
        "services:\n  a:\n    extends: b\n    ports: ['81:81']\n  b:\n    extends: a\n"
    })
    const result = await scanRoot(root)
    expect(rules(result)).toContain('privileged-port')
  })

  it('an extends chain 1,000 services long is cut at its depth limit and at the expansion budget', async () => {
    const lines = ['services:']
    for (let index = 0; index < 1000; index++)
      lines.push(`  s${index}:\n    extends: s${index + 1}\n    ports: ['${10000 + index}:80']`)
    const root = repo({ 'app/compose.yaml': lines.join('\n') + '\n' })
    // Every service copies up to 32 bases' ports: 32,000 bindings without the budget.
    const result = await scanRoot(root)
    // Each service inherits its bases' ports, so they clash (duplicate-host-port) — and copy.
    expect(rules(result)).toEqual(['duplicate-host-port', 'input-limit'])
    expect(result.model.bindings.length).toBeGreaterThan(32)
    expect(result.model.bindings.length).toBeLessThanOrEqual(2 * 1000)
    // Within a larger budget the whole chain is read, each base at most 32 deep.
    const wide = await scanRoot(root, { PORT_HYGIENE_EXPANSION_BUDGET: '100000' })
    expect(rules(wide)).toEqual(['duplicate-host-port'])
    expect(new Set(wide.model.bindings.map((binding) => binding.container)).size).toBe(1000)
  }, 30_000)

  it('${ nested 10,000 deep is an invalid template, not a crash', async () => {
    const root = repo({
      'app/compose.yaml': `services:\n  web:\n    ports: ['${'${A:-'.repeat(10_000)}80${'}'.repeat(10_000)}:80']\n`
    })
    const result = await scanRoot(root)
    expect(rules(result)).toEqual(['invalid-port'])
  })

  it('100,000 documents in one file are read', async () => {
    const root = repo({})
    writeFileSync(path.join(root, 'many.yaml'), 'a: 1\n---\n'.repeat(100_000))
    const result = await scanRoot(root)
    expect(result.model.files[0]!.documents).toBe(100_000)
  }, 60_000)
})
