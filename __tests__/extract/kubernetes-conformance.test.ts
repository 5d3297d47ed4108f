// Conformance with the API server's own tests: ../shared/corpus/conformance/k8s-ports.json holds
// 84 cases taken from kubernetes/kubernetes pkg/apis/core/validation/validation_test.go and
// kubernetes/apimachinery pkg/util/validation/validation_test.go (see k8s-ports.md beside it).
// The corpus is read in place, never copied; without it this suite is skipped.
//
// Each case is turned into a manifest (Pod, ReplicationController or Service) and extracted:
// - value validity (IsValidPortNum, IsValidPortName, validateContainerPorts, hostNetwork,
//   ValidateService): "valid" must match "the loader reports no InvalidPort", and where the case
//   gives an error count or detail, the loader gives the same;
// - in-pod host-port duplicates (hostPortConflicts) are judged by the duplicate-host-port rule:
//   here the bindings must carry what that rule keys on (protocol, hostIP, hostPort, container
//   and container kind), and the API server's key ("TCP//8080") must be derivable from them;
// - IsInRange is a bare integer primitive with no port field to map to: not checked here.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { portNameErrors } from '../../src/extract/kubernetes/validation.js'
import { extractText, ROOT } from './kubernetes-helpers.js'

const CONFORMANCE = path.resolve(ROOT, '../shared/corpus/conformance')
const CASES_FILE = path.join(CONFORMANCE, 'k8s-ports.json')
const present = existsSync(CASES_FILE)

interface PortInput {
  name?: string
  containerPort?: number
  hostPort?: number
  hostIP?: string
  protocol?: string
}

interface ContainerInput {
  name: string
  ports?: PortInput[]
}

interface Case {
  id: string
  suite: string
  name?: string
  input: unknown
  valid: boolean
  expected_num_errors?: number
  expected_errors_every?: { type: string; field_contains: string; detail_contains: string }
  expected_errors_exact?: Array<{ type: string; field: string; badValue?: string }>
}

/**
 * Where the loader knowingly differs from a case, and why. Both come from the same fact: these
 * cases validate the *internal* API type, while manifests are decoded as v1, whose defaults
 * (pkg/apis/core/v1/defaults.go: SetDefaults_ContainerPort, SetDefaults_Service) set an empty
 * protocol to TCP before validation. A manifest without `protocol` is accepted by every cluster.
 */
const V1_DEFAULTING: Record<string, string> = {
  'k8s-045': 'containerPort without protocol: v1 defaults protocol to TCP',
  'k8s-057': 'Service port with protocol "": v1 defaults protocol to TCP'
}

const cases: Case[] = present
  ? (JSON.parse(readFileSync(CASES_FILE, 'utf8')) as { cases: Case[] }).cases
  : []
if (!present) console.warn(`skipping Kubernetes conformance: ${CASES_FILE} is absent`)

const bySuite = (...suites: string[]) => cases.filter((each) => suites.includes(each.suite))

/** JSON is YAML: the manifest is written exactly as the case gives it. */
function manifest(object: unknown): string {
  return JSON.stringify(object, null, 2)
}

function podWith(containers: ContainerInput[], initContainers?: ContainerInput[]): string {
  const spec: Record<string, unknown> = { containers }
  if (initContainers) spec.initContainers = initContainers
  return manifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'conformance' }, spec })
}

function serviceWith(spec: Record<string, unknown>): string {
  const { name, namespace, ...rest } = spec
  return manifest({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: rest })
}

/** The loader's verdict: valid when it reports nothing. */
function verdict(text: string) {
  const part = extractText(text, 'conformance.yaml')
  return { ...part, valid: part.invalidPorts.length === 0 }
}

function expectedValidity(each: Case): boolean {
  return V1_DEFAULTING[each.id] ? true : each.valid
}

const checked = new Set<string>()
const passed = new Set<string>()
function record(each: Case, ok: boolean): void {
  checked.add(each.id)
  if (ok) passed.add(each.id)
}

describe.skipIf(!present)(
  'Kubernetes conformance (../shared/corpus/conformance/k8s-ports.json)',
  () => {
    describe('IsValidPortNum: as a containerPort and as a Service port', () => {
      it.each(bySuite('IsValidPortNum').map((each) => [each.id, each] as const))(
        '%s',
        (_, each) => {
          const port = each.input as number
          const asContainer = verdict(podWith([{ name: 'c', ports: [{ containerPort: port }] }]))
          const asService = verdict(serviceWith({ name: 's', ports: [{ port }] }))
          expect(asContainer.valid).toBe(each.valid)
          expect(asService.valid).toBe(each.valid)
          // No garbage in the model: an invalid port yields no binding and no Service port.
          expect(asContainer.bindings).toHaveLength(each.valid ? 1 : 0)
          expect(asService.services).toHaveLength(each.valid ? 1 : 0)
          record(each, true)
        }
      )
    })

    describe('IsValidPortName: the validator, and as a container port name', () => {
      it.each(bySuite('IsValidPortName').map((each) => [each.id, each] as const))(
        '%s',
        (_, each) => {
          const name = each.input as string
          expect(portNameErrors(name).length === 0).toBe(each.valid)
          // An empty name means "no name" on a container port (validateContainerPorts checks
          // names only when set), so "" is a valid *manifest*: only the validator is asked.
          if (name !== '') {
            const result = verdict(podWith([{ name: 'c', ports: [{ name, containerPort: 80 }] }]))
            expect(result.valid).toBe(each.valid)
            // A string targetPort is a port name and follows the same rule.
            const asTarget = verdict(
              serviceWith({ name: 's', ports: [{ port: 80, targetPort: name }] })
            )
            expect(asTarget.valid).toBe(each.valid)
          }
          record(each, true)
        }
      )
    })

    describe('validateContainerPorts', () => {
      it.each(bySuite('validateContainerPorts').map((each) => [each.id, each] as const))(
        '%s',
        (_, each) => {
          const ports = each.input as PortInput[]
          const result = verdict(podWith([{ name: 'c', ports }]))
          expect(result.valid, V1_DEFAULTING[each.id]).toBe(expectedValidity(each))
          const expected = each.expected_errors_every
          if (expected && !V1_DEFAULTING[each.id]) {
            // The field the API server names (`[1].name` → name) and its detail are in the message.
            const field = expected.field_contains.replace(/^\[\d+\]\./, '')
            for (const invalid of result.invalidPorts) {
              expect(invalid.message).toContain(field)
              expect(invalid.message).toContain(expected.detail_contains)
            }
          }
          record(each, true)
        }
      )
    })

    it.each(bySuite('hostNetwork').map((each) => [each.id, each] as const))(
      'hostNetwork: %s — a template without hostPort is valid, and binds containerPort on the node',
      (_, each) => {
        const input = each.input as { kind: string; template: Record<string, unknown> }
        const result = verdict(
          manifest({
            apiVersion: 'v1',
            kind: input.kind,
            metadata: { name: 'conformance' },
            spec: { template: { metadata: { labels: { app: 'x' } }, spec: input.template } }
          })
        )
        expect(result.valid).toBe(each.valid)
        expect(result.bindings.map((binding) => [binding.hostNetwork, binding.hostPort])).toEqual([
          [true, { start: 12345, end: 12345 }]
        ])
        record(each, true)
      }
    )

    describe('ValidateService', () => {
      it.each(bySuite('ValidateService').map((each) => [each.id, each] as const))(
        '%s',
        (_, each) => {
          const spec = (each.input as { service_spec: Record<string, unknown> }).service_spec
          const result = verdict(serviceWith(spec))
          expect(result.valid, V1_DEFAULTING[each.id]).toBe(expectedValidity(each))
          if (each.expected_num_errors !== undefined && !V1_DEFAULTING[each.id]) {
            expect(result.invalidPorts).toHaveLength(each.expected_num_errors)
          }
          record(each, true)
        }
      )
    })

    describe('in-pod host-port duplicates: bindings carry what duplicate-host-port keys on', () => {
      it.each(
        bySuite(
          'validateContainers/hostPortConflicts',
          'validateInitContainers/hostPortConflicts'
        ).map((each) => [each.id, each] as const)
      )('%s', (_, each) => {
        const input = each.input as {
          containers?: ContainerInput[]
          initContainers?: ContainerInput[]
        }
        const result = verdict(podWith(input.containers ?? [], input.initContainers))
        // Not the loader's judgement: it reports no invalid value either way.
        expect(result.invalidPorts).toEqual([])
        const declared = [
          ...(input.containers ?? []).map((container) => ({ container, kind: 'container' })),
          ...(input.initContainers ?? []).map((container) => ({ container, kind: 'initContainer' }))
        ].flatMap(({ container, kind }) =>
          (container.ports ?? []).map((port) => ({
            container: container.name,
            containerKind: kind,
            hostPort: { start: port.hostPort, end: port.hostPort },
            hostIP: port.hostIP ?? '',
            protocol: (port.protocol ?? 'TCP').toLowerCase()
          }))
        )
        // Regular containers come first in the model, then init containers, as declared.
        expect(result.bindings).toEqual(declared.map((each) => expect.objectContaining(each)))
        // The API server's duplicate key (AccumulateUniqueHostPorts) follows from the binding.
        for (const error of each.expected_errors_exact ?? []) {
          if (!error.badValue) continue
          const keys = result.bindings.map(
            (binding) =>
              `${binding.protocol.toUpperCase()}/${binding.hostIP}/${binding.hostPort?.start}`
          )
          expect(keys.filter((key) => key === error.badValue)).toHaveLength(2)
        }
        record(each, true)
      })
    })

    it('summary: every checked case agrees (IsInRange is not a port field and is left out)', () => {
      const inRange = bySuite('IsInRange').length
      console.info(
        `Kubernetes conformance: ${passed.size}/${checked.size} cases checked agree ` +
          `(${Object.keys(V1_DEFAULTING).length} by v1 defaulting, see V1_DEFAULTING); ` +
          `${inRange} IsInRange cases not applicable; ${cases.length} cases in the file`
      )
      expect(checked.size).toBe(cases.length - inRange)
      expect(passed.size).toBe(checked.size)
    })
  }
)
