// What every rule gets from the runner: severities from the config, suppressions by comment
// and annotation (counted, never lost), fingerprints without line numbers, one sort order.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runRules, fingerprint, sortFindings } from '../../src/rules/run.js'
import { defaultConfig } from '../../src/config/types.js'
import { emptyModel, type Finding } from '../../src/model.js'
import { FIXTURES, scanFolder } from './scan-fixture.js'
import { scan } from '../../src/engine.js'
import { partsOf } from '../../src/rules/merge-findings.js'

const where = (finding: Finding) =>
  `${finding.ruleId} ${finding.location.file}:${finding.location.line}:${finding.location.column}`

describe('suppressions', async () => {
  const result = await scanFolder(path.join(FIXTURES, 'suppressions'))

  it('a comment above a port entry covers the entry; one at the end of a line covers that line only', () => {
    expect(result.findings.filter((f) => f.ruleId === 'privileged-port').map(where)).toEqual([
      'privileged-port ingress.yaml:27:15'
    ])
    const silenced = result.suppressed.filter((f) => f.location.file === 'ingress.yaml')
    expect(silenced.map(where)).toEqual([
      'privileged-port ingress.yaml:23:15',
      'privileged-port ingress.yaml:25:15'
    ])
    expect(silenced[0]!.suppressedBy).toMatchObject({
      kind: 'comment',
      reason: 'edge nodes are dedicated to ingress',
      location: { file: 'ingress.yaml', line: 21 }
    })
    expect(silenced[1]!.suppressedBy).toMatchObject({ kind: 'comment', reason: '' })
  })

  it('a suppression without a reason still suppresses, and is reported itself', () => {
    expect(result.findings.filter((f) => f.ruleId === 'invalid-suppression').map(where)).toEqual([
      'invalid-suppression ingress.yaml:25:29'
    ])
  })

  it('the port-hygiene/ignore annotation silences the listed rules for its object', () => {
    const dns = result.suppressed.filter((f) => f.location.file === 'dns.yaml')
    expect(dns.map((f) => f.ruleId).sort()).toEqual([
      'privileged-container-port',
      'privileged-port'
    ])
    expect(dns.every((f) => f.suppressedBy?.kind === 'annotation')).toBe(true)
    expect(dns[0]!.suppressedBy!.reason).toBe('node-local DNS must answer on 53')
    expect(result.findings.filter((f) => f.location.file === 'dns.yaml')).toEqual([])
  })

  it('applies configured severities and turns rules off', () => {
    // privileged-container-port is a warning by default; the folder's config makes it an error.
    // (ingress.yaml adds NET_BIND_SERVICE, so only dns.yaml has one, and it is suppressed.)
    expect(result.findings.flatMap(partsOf).some((f) => f.ruleId === 'duplicate-host-port')).toBe(
      false
    )
    const raised = result.suppressed.filter((f) => f.ruleId === 'privileged-container-port')
    expect(raised.map((f) => f.severity)).toEqual(['error'])
  })
})

describe('runRules', () => {
  it('caps a rule-lowered severity by the configured one, never raises it', () => {
    const model = emptyModel()
    model.skippedFiles.push({ file: 'big.yaml', reason: 'larger than the size limit' })
    const config = defaultConfig()
    config.rules['skipped-file'] = { severity: 'error' }
    expect(runRules(model, config).findings.map((f) => f.severity)).toEqual(['error'])
    config.rules['skipped-file'] = { severity: 'off' }
    expect(runRules(model, config).findings).toEqual([])
  })

  it('fingerprints carry no line numbers: the same finding keeps its identity when lines move', () => {
    expect(fingerprint('privileged-port', 'a.yaml', 'DaemonSet/ns/x/80')).toBe(
      fingerprint('privileged-port', 'a.yaml', 'DaemonSet/ns/x/80')
    )
    expect(fingerprint('privileged-port', 'a.yaml', 'k')).not.toBe(
      fingerprint('privileged-port', 'b.yaml', 'k')
    )
    expect(fingerprint('a', 'f', 'k')).toMatch(/^[0-9a-f]{32}$/)
  })

  it('sorts by file, line, column, then rule', () => {
    const at = (file: string, line: number, column: number, ruleId: string) =>
      ({ ruleId, location: { file, line, column } }) as Finding
    const sorted = sortFindings([
      at('b.yaml', 1, 1, 'x'),
      at('a.yaml', 9, 1, 'x'),
      at('a.yaml', 2, 5, 'z'),
      at('a.yaml', 2, 5, 'a'),
      at('a.yaml', 2, 1, 'x')
    ])
    expect(sorted.map(where)).toEqual([
      'x a.yaml:2:1',
      'a a.yaml:2:5',
      'z a.yaml:2:5',
      'x a.yaml:9:1',
      'x b.yaml:1:1'
    ])
  })
})

describe('one place, one finding', () => {
  it('a service shared through extends by three main files is one finding per port line, with one fingerprint', async () => {
    // Shaped like zabbix/zabbix-docker: compose_zabbix_components.yaml is pulled in by every
    // compose_v3_*.yaml; its privileged ports used to be reported once per main file.
    const root = path.join(FIXTURES, 'duplicate-host-port/compose-extends-shared')
    const result = await scanFolder(root)
    expect(result.model.composeProjects).toHaveLength(3)
    // Its web ports are 80 and 443 (allowed by default, never unbound-interface findings); the
    // server's 10051 and the SNMP trap receiver's 162/udp are each one finding per rule.
    // The rules' own findings (the post-pass merges a line's rules into one).
    const findings = result.findings
      .flatMap(partsOf)
      .filter((f) => ['privileged-port', 'unbound-interface'].includes(f.ruleId))
    expect(findings.map(where)).toEqual([
      'unbound-interface compose_zabbix_components.yaml:8:20',
      'privileged-port compose_zabbix_components.yaml:31:20',
      'unbound-interface compose_zabbix_components.yaml:31:20'
    ])
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(3)
    const privileged = findings.filter((f) => f.ruleId === 'privileged-port')
    expect(privileged[0]!.message).toBe(
      'Published port 162/udp of service "zabbix-snmptraps" (project compose-extends-shared) is ' +
        'privileged (below 1024): the bind fails under rootless Docker or Podman and wherever ' +
        'net.ipv4.ip_unprivileged_port_start is 1024 for the binder; use a port of 1024 or above, ' +
        'or allow it in the config. The same line is reported for 2 other Compose projects: ' +
        'compose_v3_alpine_pgsql_latest.yaml (project compose-extends-shared); ' +
        'compose_v3_ubuntu_mysql_latest.yaml (project compose-extends-shared).'
    )
    // The main files are alternatives of one project name: no conflict between them.
    expect(
      result.findings.flatMap(partsOf).filter((f) => f.ruleId === 'duplicate-host-port')
    ).toEqual([])
    // The fingerprint is the first project's: scanning that main file alone gives the same one.
    const alone = await scan({
      root,
      paths: ['compose_v3_alpine_mysql_latest.yaml'],
      config: defaultConfig(),
      env: {}
    })
    expect(
      alone.findings
        .flatMap(partsOf)
        .filter((f) => f.ruleId === 'privileged-port')
        .map((f) => f.fingerprint)
    ).toEqual(privileged.map((f) => f.fingerprint))
  })
})
