// Alternatives are not conflicts (issue 18, item 5): Compose overlays are merged over their base,
// independent projects in different folders are a notice, and projects declared in
// `composeGroups` conflict as errors.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ScanResult } from '../../src/engine.js'
import { dedent } from '../helpers/rule-cases.js'
import { seen } from '../helpers/model.js'
import { scanFolder } from './scan-fixture.js'

const roots: string[] = []
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })))
})

async function scanFiles(files: Record<string, string>): Promise<ScanResult> {
  const root = await mkdtemp(path.join(tmpdir(), 'port-hygiene-overlays-'))
  roots.push(root)
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), dedent(text))
  }
  return scanFolder(root)
}

const BASE = `
  services:
    web:
      image: nginx:1.27
      ports:
        - "127.0.0.1:8080:80"
    db:
      image: postgres:16
`

describe('Compose overlays', () => {
  it('fragments of an overrides/ folder (no image, no build) are merged over the base, not projects', async () => {
    const result = await scanFiles({
      'stack/compose.yaml': BASE,
      'stack/overrides/compose.debug.yaml': `
        services:
          web:
            ports:
              - "127.0.0.1:9229:9229"
      `,
      'stack/overrides/compose.metrics.yaml': `
        services:
          web:
            ports:
              - "127.0.0.1:9229:9229"
      `
    })
    expect(result.model.composeProjects).toEqual([
      {
        name: 'stack',
        files: ['stack/compose.yaml'],
        overlays: ['stack/overrides/compose.debug.yaml', 'stack/overrides/compose.metrics.yaml']
      }
    ])
    // Each overlay's own port, in the base's project; two overlays are alternatives.
    expect(
      result.model.bindings.map((b) => [
        b.location.file,
        b.object.format === 'compose' && b.object.project
      ])
    ).toEqual([
      ['stack/compose.yaml', 'stack'],
      ['stack/overrides/compose.debug.yaml', 'stack'],
      ['stack/overrides/compose.metrics.yaml', 'stack']
    ])
    expect(seen(result.findings, 'duplicate-host-port')).toEqual([])
  })

  it('an overlay beside its base (compose.prod.yaml) that publishes a port the base holds is an error', async () => {
    const result = await scanFiles({
      'stack/compose.yaml': BASE,
      'stack/compose.prod.yaml': `
        services:
          db:
            ports:
              - "127.0.0.1:8080:5432"
      `
    })
    expect(seen(result.findings, 'duplicate-host-port')).toEqual([
      {
        ruleId: 'duplicate-host-port',
        severity: 'error',
        file: 'stack/compose.prod.yaml',
        line: 4,
        column: 9,
        message:
          'Host port 8080/tcp on 127.0.0.1 of service "db" (project stack, stack/compose.prod.yaml:4) is also claimed by service "web" (project stack, stack/compose.yaml:5): both are in Compose project "stack", so the second container fails to start (port is already allocated).'
      }
    ])
  })

  it('a compose file that can run alone in a folder without a base stays a project', async () => {
    const result = await scanFiles({
      'stack/compose.yaml': BASE,
      'tools/docker-compose.dev.yml': `
        services:
          adminer:
            image: adminer:4
            ports:
              - "127.0.0.1:8080:8080"
      `
    })
    expect(result.model.composeProjects.map((project) => project.name)).toEqual(['stack', 'tools'])
    expect(seen(result.findings, 'duplicate-host-port')).toEqual([
      expect.objectContaining({ severity: 'notice', file: 'stack/compose.yaml', line: 5 })
    ])
  })
})

describe('composeGroups', () => {
  const projects = {
    'es7/compose.yaml': `
      services:
        elasticsearch:
          image: elasticsearch:7.17.0
          ports:
            - "127.0.0.1:9200:9200"
    `,
    'es8/compose.yaml': `
      services:
        elasticsearch:
          image: elasticsearch:8.15.0
          ports:
            - "127.0.0.1:9200:9200"
    `
  }

  it('projects in different folders sharing a host port are a notice by default', async () => {
    expect(seen((await scanFiles(projects)).findings, 'duplicate-host-port')).toEqual([
      {
        ruleId: 'duplicate-host-port',
        severity: 'notice',
        file: 'es7/compose.yaml',
        line: 5,
        column: 9,
        message:
          'Host port 9200/tcp on 127.0.0.1 of service "elasticsearch" (project es7, es7/compose.yaml:5) is also claimed by service "elasticsearch" (project es8, es8/compose.yaml:5): projects "es7" and "es8" are in different folders and clash only when run on one host (declare them in composeGroups if they are).'
      }
    ])
  })

  it('projects declared run together conflict as an error', async () => {
    const result = await scanFiles({
      ...projects,
      '.github/port-hygiene.yml': `
        composeGroups:
          - [es7, ./es8/]
      `
    })
    expect(seen(result.findings, 'duplicate-host-port')).toEqual([
      {
        ruleId: 'duplicate-host-port',
        severity: 'error',
        file: 'es8/compose.yaml',
        line: 5,
        column: 9,
        message:
          'Host port 9200/tcp on 127.0.0.1 of service "elasticsearch" (project es8, es8/compose.yaml:5) is also claimed by service "elasticsearch" (project es7, es7/compose.yaml:5): composeGroups runs projects "es7" and "es8" together on one host, so the second container fails to start (port is already allocated).'
      }
    ])
  })

  it('a group of one folder is a config error that names the line', async () => {
    await expect(
      scanFiles({
        ...projects,
        '.github/port-hygiene.yml': `
          composeGroups:
            - [es7]
        `
      })
    ).rejects.toThrow(
      '.github/port-hygiene.yml:2:5: composeGroups[0] must list at least two folders or globs'
    )
  })
})
