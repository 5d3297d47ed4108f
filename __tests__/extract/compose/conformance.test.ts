// The Compose port cases of ../shared/corpus/conformance (taken from the compose-go,
// docker/go-connections and docker/cli test suites), read where they are: never copied here.
// Our own fixtures restate the facts that matter in loader.test.ts.
//
// Where docker/cli's swarm `--publish` parser disagrees with compose-go (corpus README,
// "Where the peers disagree" 1 and 2), we follow compose-go and assert compose-go's answer:
//   cp-072 "80-82:8080/udp": swarm gives three mappings, compose-go ONE (published "80-82").
//   cp-095 "1.1.1.1:80:80":   swarm rejects a host IP, compose-go accepts it.
// Cases that test something a Compose file cannot express are listed in NOT_APPLICABLE.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  parseLongPortSpec,
  parsePortNumber,
  parsePortRange,
  parseShortPortSpec,
  splitProtoPort,
  type LongPortFields,
  type PortMapping
} from '../../../src/extract/compose/ports.js'
import { loadProject, type ProjectPlan } from '../../../src/extract/compose/project.js'
import type { PortBinding } from '../../../src/model.js'
import { bindingsOf, extractFromFiles, memoryFileSystem, REPO_ROOT } from './support.js'

const CONFORMANCE = path.resolve(REPO_ROOT, '../shared/corpus/conformance')
const REAL = path.resolve(REPO_ROOT, '../shared/corpus/real')
const present = existsSync(path.join(CONFORMANCE, 'compose-ports.json'))

function load<T>(name: string): T[] {
  return present ? (JSON.parse(readFileSync(path.join(CONFORMANCE, name), 'utf8')) as T[]) : []
}

/** Documented disagreements: the case is asserted with compose-go's answer instead. */
const FOLLOW_COMPOSE_GO: Record<string, string> = {
  'cp-072':
    'docker/cli swarm expands a host range against one container port; compose-go keeps one mapping (README disagreement 1)',
  'cp-095': 'docker/cli swarm rejects a host IP; compose-go accepts 1.1.1.1 (README disagreement 2)'
}

/** Cases about something a Compose file cannot say, or a field our model does not hold. */
const NOT_APPLICABLE: Record<string, string> = {
  'cp-081': 'docker CLI --publish CSV grammar (a field without "="), not Compose',
  'cp-082': 'docker CLI --publish CSV grammar (unknown CSV key), not Compose',
  'cp-086':
    'swarm validates mode; compose-go does not (mode is a free string in the Compose schema)',
  'cp-088': 'docker CLI --publish CSV quoting, not Compose',
  'cp-089': 'docker CLI --publish CSV quoting, not Compose',
  'cd-005':
    'app_protocol is not part of the PortBinding model (the binding itself is checked in cd-002)'
}
const NOT_APPLICABLE_FUNCTIONS: Record<string, string> = {
  'nat.ParsePort': 'a standalone helper ("" → 0) that compose-go ParsePortConfig never calls'
}

interface ExpectedMapping {
  host_ip: string | null
  published: string | number
  target: number
  protocol: string
  mode: string | null
}

interface PortCase {
  id: string
  suite: string
  input_kind: 'short' | 'long' | 'csv'
  input: string | Record<string, unknown>
  expected?: ExpectedMapping[]
  error?: boolean
  error_message?: string | null
  expected_passthrough?: string
  expected_contains_ports?: string[]
  expected_every_binding?: { count: number; host_ip: string; host_port: string }
  expected_count?: number
  expected_string?: string
}

const rangeText = (range?: { start: number; end: number }) =>
  range === undefined
    ? ''
    : range.start === range.end
      ? String(range.start)
      : `${range.start}-${range.end}`

function comparable(mapping: PortMapping, expected: ExpectedMapping) {
  return {
    ...(expected.host_ip === null ? {} : { host_ip: mapping.hostIP }),
    published: rangeText(mapping.published),
    target: mapping.target.start,
    protocol: mapping.protocol,
    ...(expected.mode === null ? {} : { mode: mapping.mode })
  }
}

function normaliseExpected(expected: ExpectedMapping) {
  return {
    // Long-syntax cases leave host_ip out: compose-go adds no key, i.e. every interface.
    ...(expected.host_ip === null ? {} : { host_ip: expected.host_ip ?? '' }),
    published: String(expected.published),
    target: expected.target,
    protocol: expected.protocol,
    ...(expected.mode === null ? {} : { mode: expected.mode })
  }
}

const sortKey = (value: object) => JSON.stringify(value)

/** docker CLI `--publish` CSV (`target=80,published=8080`) is the long syntax in another dress. */
function csvToLongSyntax(input: string): LongPortFields {
  const fields: Record<string, string> = {}
  for (const part of input.split(',')) {
    const [key, value] = part.split('=')
    fields[key!] = value ?? ''
  }
  return fields
}

function parseCase(testCase: PortCase) {
  if (testCase.input_kind === 'short') return parseShortPortSpec(String(testCase.input))
  if (testCase.input_kind === 'csv')
    return parseLongPortSpec(csvToLongSyntax(String(testCase.input)))
  return parseLongPortSpec(testCase.input as LongPortFields)
}

/** go-connections `PortMapping.String()`: `net.JoinHostPort(ip, hostPort + ":" + port/proto)`. */
function goConnectionsString(mapping: PortMapping): string {
  const ip = mapping.hostIP.includes(':') ? `[${mapping.hostIP}]` : mapping.hostIP
  return `${ip}:${rangeText(mapping.published)}:${rangeText(mapping.target)}/${mapping.protocol}`
}

function checkPortCase(testCase: PortCase): void {
  if (testCase.expected_passthrough !== undefined) {
    // compose-go keeps an uninterpolated spec as is; we keep it as an unresolved binding, no error.
    const model = extractFromFiles({
      'compose.yaml': `services:\n  web:\n    ports:\n      - "${testCase.expected_passthrough}"\n`
    })
    expect(model.invalidPorts).toEqual([])
    expect(model.bindings).toMatchObject([{ unresolved: true, raw: testCase.expected_passthrough }])
    return
  }
  const result = parseCase(testCase)
  const followComposeGo = testCase.id in FOLLOW_COMPOSE_GO
  if (testCase.error && !followComposeGo) {
    expect(result.ok).toBe(false)
    if (!result.ok && testCase.error_message && testCase.input_kind === 'short') {
      // compose-go's vendored go-connections capitalised these messages; later versions do not.
      expect(result.error.toLowerCase()).toBe(testCase.error_message.toLowerCase())
    }
    if (!result.ok && testCase.error_message && testCase.input_kind === 'csv') {
      // Different words, same reason: the error names the field the case is about.
      const field = /protocol|published|target/.exec(testCase.error_message)?.[0]
      if (field)
        expect(result.error.toLowerCase()).toContain(field === 'protocol' ? 'proto' : field)
    }
    return
  }
  if (!result.ok) throw new Error(`${testCase.id}: unexpected error ${result.error}`)
  if (followComposeGo) {
    checkComposeGoAnswer(testCase, result.mappings)
    return
  }
  if (testCase.expected) {
    const actual = result.mappings.map((mapping, index) =>
      comparable(mapping, testCase.expected![index] ?? testCase.expected![0]!)
    )
    const expected = testCase.expected.map(normaliseExpected)
    expect(actual.map(sortKey).sort()).toEqual(expected.map(sortKey).sort())
  }
  if (testCase.expected_contains_ports) {
    const keys = result.mappings.map(
      (mapping) => `${rangeText(mapping.target)}/${mapping.protocol}`
    )
    for (const key of testCase.expected_contains_ports) expect(keys).toContain(key)
    const every = testCase.expected_every_binding!
    for (const mapping of result.mappings) {
      expect(mapping.hostIP).toBe(every.host_ip)
      const hostPort = rangeText(mapping.published)
      expect(hostPort).toBe(
        every.host_port === 'equals-container-port' ? rangeText(mapping.target) : every.host_port
      )
    }
  }
  if (testCase.expected_count !== undefined) {
    expect(result.mappings).toHaveLength(testCase.expected_count)
    expect(goConnectionsString(result.mappings[0]!)).toBe(testCase.expected_string)
  }
}

function checkComposeGoAnswer(testCase: PortCase, mappings: PortMapping[]): void {
  if (testCase.id === 'cp-072') {
    expect(mappings.map((mapping) => comparable(mapping, testCase.expected![0]!))).toEqual([
      { published: '80-82', target: 8080, protocol: 'udp', mode: 'ingress' }
    ])
  }
  if (testCase.id === 'cp-095') {
    expect(mappings).toMatchObject([
      { hostIP: '1.1.1.1', published: { start: 80, end: 80 }, target: { start: 80, end: 80 } }
    ])
  }
}

describe.skipIf(!present)(
  'conformance: compose-ports.json (short, long and CSV port specs)',
  () => {
    const cases = load<PortCase>('compose-ports.json')
    it('leaves out only the cases a Compose file cannot express, each with its reason', () => {
      const outOfScope = cases.filter((testCase) => testCase.id in NOT_APPLICABLE)
      expect(outOfScope.map((testCase) => testCase.id)).toEqual(
        Object.keys(NOT_APPLICABLE).filter((id) => id.startsWith('cp-'))
      )
    })
    for (const testCase of cases) {
      const title = `${testCase.id} ${testCase.suite} ${JSON.stringify(testCase.input)}`
      if (testCase.id in NOT_APPLICABLE) continue
      if (testCase.id in FOLLOW_COMPOSE_GO)
        it(`${title} — follows compose-go: ${FOLLOW_COMPOSE_GO[testCase.id]}`, () =>
          checkPortCase(testCase))
      else it(title, () => checkPortCase(testCase))
    }
  }
)

interface PartCase {
  id: string
  function: string
  input: string | { proto: string; port: string }
  expected?: Record<string, number | string>
  error?: boolean
  error_message?: string
}

function checkPartCase(testCase: PartCase): void {
  const input = testCase.input
  switch (testCase.function) {
    case 'nat.parsePortNumber (unexported)': {
      const result = parsePortNumber(input as string)
      if (testCase.error) expect(result).toEqual({ ok: false, error: testCase.error_message })
      else expect(result).toEqual({ ok: true, value: testCase.expected!.port })
      return
    }
    case 'nat.ParsePortRange':
    case 'nat.ParsePortRangeToInt': {
      if (input === '' && !testCase.error) return // ParsePortRangeToInt accepts "" (not a Compose port)
      const result = parsePortRange(input as string)
      if (testCase.error) expect(result).toEqual({ ok: false, error: testCase.error_message })
      else
        expect(result).toEqual({
          ok: true,
          range: { start: testCase.expected!.begin, end: testCase.expected!.end }
        })
      return
    }
    case 'nat.SplitProtoPort':
      expect(splitProtoPort(input as string)).toEqual({
        port: testCase.expected!.port,
        proto: testCase.expected!.proto
      })
      return
    case 'nat.NewPort': {
      const { port } = input as { proto: string; port: string }
      expect(parsePortRange(port).ok).toBe(!testCase.error)
      return
    }
    default:
      throw new Error(`no check for ${testCase.function}`)
  }
}

describe.skipIf(!present)(
  'conformance: compose-port-parts.json (the parsers compose-go calls)',
  () => {
    const cases = load<PartCase>('compose-port-parts.json')
    it('leaves out only the parsers compose-go never calls', () => {
      const outOfScope = cases.filter((testCase) => NOT_APPLICABLE_FUNCTIONS[testCase.function])
      expect(outOfScope.map((testCase) => testCase.function)).toEqual(
        outOfScope.map(() => 'nat.ParsePort')
      )
      expect(outOfScope.length).toBe(8)
    })
    for (const testCase of cases) {
      if (NOT_APPLICABLE_FUNCTIONS[testCase.function]) continue
      const title = `${testCase.id} ${testCase.function} ${JSON.stringify(testCase.input)}`
      it(title, () => checkPartCase(testCase))
    }
  }
)

interface DocumentCase {
  id: string
  suite: string
  files?: string[]
  port_entry?: Record<string, unknown>
  env?: Record<string, string>
  env_files?: Array<{ name: string; content: string }>
  referenced_files?: Record<string, string>
  expected: {
    service?: string
    count?: number
    error?: boolean
    error_message?: string
    asserted_fields?: Array<Record<string, string | number> & { index: number }>
    exact_ports_in_order?: Array<Record<string, unknown>>
    after_EnforceUnicity?: string
    ports_count?: Record<string, number>
  }
}

/** Loads a case the way `docker compose -f files[0] -f files[1] ...` would. */
function loadDocuments(
  testCase: DocumentCase,
  layout: { main: string; overrides: string[] } = defaultLayout(testCase)
) {
  const files: Record<string, string> = {}
  const names = [layout.main, ...layout.overrides]
  testCase.files?.forEach((text, index) => (files[names[index]!] = text))
  for (const envFile of testCase.env_files ?? []) files[envFile.name] = envFile.content
  for (const [name, note] of Object.entries(testCase.referenced_files ?? {})) {
    const real = /see corpus\/real\/(\S+)/.exec(note)?.[1]
    if (real) files[name] = readFileSync(path.join(REAL, real), 'utf8')
  }
  const plan: ProjectPlan = { main: layout.main, overrides: layout.overrides }
  const envFiles = (testCase.env_files ?? []).map((envFile) => envFile.name)
  return loadProject(
    plan,
    memoryFileSystem(files),
    testCase.env ?? {},
    envFiles.length > 0 ? { envFiles } : {}
  )
}

function defaultLayout(testCase: DocumentCase) {
  return {
    main: 'compose.yaml',
    overrides: (testCase.files ?? []).slice(1).map((_, index) => `override-${index + 1}.yaml`)
  }
}

function portFacts(binding: PortBinding) {
  return {
    target: binding.containerPort?.start,
    published: rangeText(binding.hostPort),
    protocol: binding.protocol,
    mode: binding.mode,
    host_ip: binding.hostIP,
    ...(binding.name ? { name: binding.name } : {})
  }
}

function checkDocumentCase(testCase: DocumentCase): void {
  const { expected } = testCase
  if (testCase.port_entry) {
    const entry = Object.entries(testCase.port_entry)
      .map(([key, value]) => `        ${key}: ${JSON.stringify(value)}`)
      .join('\n')
      .replace(/^ {8}/, '      - ')
    const model = extractFromFiles({ 'compose.yaml': `services:\n  test:\n    ports:\n${entry}\n` })
    if (expected.error) {
      expect(model.invalidPorts.map((invalid) => invalid.message)).toEqual([
        expected.error_message!.replace(/^.*ports\[0\]: /, '')
      ])
    } else {
      expect(model.invalidPorts).toEqual([])
      expect(model.bindings).toHaveLength(1)
    }
    return
  }
  if (testCase.id === 'cd-019') {
    // files[0] is testdata/extends/ports.yaml; files[1] an override extending the same service from it.
    const loaded = loadDocuments(testCase, {
      main: 'testdata/extends/ports.yaml',
      overrides: ['override.yaml']
    })
    const services = new Map<string, number>()
    for (const binding of loaded.bindings)
      services.set(
        (binding.object as { service: string }).service,
        (services.get((binding.object as { service: string }).service) ?? 0) + 1
      )
    expect(Object.fromEntries(services)).toEqual(expected.ports_count)
    return
  }
  const loaded = loadDocuments(testCase)
  const model = {
    bindings: loaded.bindings,
    invalidPorts: loaded.invalidPorts,
    composeProjects: [loaded.project]
  }
  if (expected.error === false) expect(model.invalidPorts).toEqual([])
  if (expected.ports_count) {
    for (const [service, count] of Object.entries(expected.ports_count))
      expect(bindingsOf(model, service)).toHaveLength(count)
  }
  if (expected.after_EnforceUnicity) {
    const deduplicated = extractFromFiles({
      'compose.yaml': expected.after_EnforceUnicity
    }).bindings.map(portFacts)
    expect(model.bindings.map(portFacts)).toEqual(deduplicated)
  }
  const forService = (service?: string) => (service ? bindingsOf(model, service) : model.bindings)
  if (expected.count !== undefined)
    expect(forService(expected.service)).toHaveLength(expected.count)
  for (const field of expected.asserted_fields ?? []) {
    const { index, service, ...facts } = field
    const binding = forService((service as string | undefined) ?? expected.service)[index]
    expect(binding, `binding ${index}`).toBeDefined()
    const actual = portFacts(binding!)
    const wanted = Object.fromEntries(
      Object.entries(facts).filter(([key]) => key !== 'app_protocol')
    )
    expect(actual).toMatchObject(wanted)
  }
  if (expected.exact_ports_in_order) {
    const actual = forService(expected.service).map(portFacts)
    const wanted = expected.exact_ports_in_order.map((port) => ({
      target: port.target,
      published: (port.published as string | undefined) ?? '',
      protocol: port.protocol,
      mode: port.mode,
      host_ip: (port.host_ip as string | undefined) ?? ''
    }))
    expect(actual).toEqual(wanted)
  }
}

describe.skipIf(!present)(
  'conformance: compose-documents.json (loader, interpolation, merge, unicity)',
  () => {
    const cases = load<DocumentCase>('compose-documents.json')
    it('leaves out only the cases the model has no field for, each with its reason', () => {
      const outOfScope = cases.filter((testCase) => testCase.id in NOT_APPLICABLE)
      expect(outOfScope.map((testCase) => testCase.id)).toEqual(
        Object.keys(NOT_APPLICABLE).filter((id) => id.startsWith('cd-'))
      )
    })
    for (const testCase of cases) {
      if (testCase.id in NOT_APPLICABLE) continue
      it(`${testCase.id} ${testCase.suite}`, () => checkDocumentCase(testCase))
    }
  }
)

if (!present) {
  describe('conformance', () => {
    it.skip(`skipped: ${CONFORMANCE} is absent (the shared corpus sits beside the repository)`, () => {})
  })
}
