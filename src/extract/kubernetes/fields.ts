// Typed reads of port fields. The API server decodes manifests as JSON into Go structs, so a
// field's YAML type matters: `containerPort: "8080"` is a string and is rejected with a type error
// ("cannot unmarshal string into Go struct field ... of type int32"), while `hostPort: 0` or a null
// value decodes to the zero value, which Kubernetes reads as "not set".
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml'
import { getPair, resolve } from '../../parse/nodes.js'
import type { KubeContext } from './context.js'

/** An int32 field as the API server would decode it. */
export type IntField =
  | { state: 'absent' }
  /** An unrendered template (`{{ .Values.port }}`, `${PORT}`): unknown, never a finding. */
  | { state: 'placeholder'; pair: Pair }
  | { state: 'int'; value: number; pair: Pair }
  | { state: 'wrong-type'; pair: Pair; raw: string; message: string }

/** An IntOrString field (targetPort): a number is a port, a string is a port name. */
export type IntOrStringField =
  IntField | { state: 'string'; value: string; pair: Pair; raw: string }

/** A string field (protocol, name, hostIP). */
export type StringField =
  | { state: 'absent' }
  | { state: 'placeholder'; pair: Pair }
  | { state: 'string'; value: string; pair: Pair; raw: string }
  | { state: 'wrong-type'; pair: Pair; raw: string; message: string }

const MAX_RAW_LENGTH = 80

/** The value exactly as written in the file (from the node's range), shortened for messages. */
export function rawText(node: unknown, ctx: KubeContext): string {
  const range = (node as Node | undefined)?.range
  if (!range) return ''
  const text = ctx.text.slice(range[0], range[1]).trim()
  return text.length > MAX_RAW_LENGTH ? `${text.slice(0, MAX_RAW_LENGTH - 1)}…` : text
}

/** Helm (`{{ }}`) and envsubst (`${VAR}`) placeholders left in a manifest. */
export function isPlaceholderText(text: string): boolean {
  return text.includes('{{') || text.includes('${')
}

function describeNodeType(node: Node | undefined): string {
  if (isMap(node)) return 'a mapping'
  if (isSeq(node)) return 'a list'
  if (isScalar(node)) {
    if (typeof node.value === 'string') return 'a string'
    if (typeof node.value === 'boolean') return 'a boolean'
    if (typeof node.value === 'number') {
      return Number.isInteger(node.value) ? 'a number' : 'a fractional number'
    }
  }
  return 'not a number'
}

/** Reads an int32 field; `null` and a missing key are both "absent". */
export function readIntField(map: YAMLMap, key: string, ctx: KubeContext): IntField {
  const field = readIntOrString(map, key, ctx)
  if (field.state !== 'string') return field
  const digits = /^\s*-?\d+\s*$/.test(field.value)
  const message = digits
    ? `${key} must be an integer, not the string ${field.raw}: the API server rejects a quoted number; remove the quotes`
    : `${key} must be an integer, not the string ${field.raw}`
  return { state: 'wrong-type', pair: field.pair, raw: field.raw, message }
}

/** Reads an IntOrString field (Service targetPort). */
export function readIntOrString(map: YAMLMap, key: string, ctx: KubeContext): IntOrStringField {
  const pair = getPair(map, key, ctx)
  if (!pair) return { state: 'absent' }
  const node = resolve(pair.value, ctx)
  const raw = rawText(node, ctx)
  if (node === undefined || (isScalar(node) && node.value === null)) return { state: 'absent' }
  if (isPlaceholderText(raw)) return { state: 'placeholder', pair }
  if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value)) {
    return { state: 'int', value: node.value, pair }
  }
  if (isScalar(node) && typeof node.value === 'string') {
    return { state: 'string', value: node.value, pair, raw }
  }
  const shown = raw || '(empty)'
  return {
    state: 'wrong-type',
    pair,
    raw: shown,
    message: `${key} must be an integer, got ${describeNodeType(node)}: ${shown}`
  }
}

/** Reads a string field. Numbers and booleans are type errors for the API server's JSON decoder. */
export function readStringField(map: YAMLMap, key: string, ctx: KubeContext): StringField {
  const pair = getPair(map, key, ctx)
  if (!pair) return { state: 'absent' }
  const node = resolve(pair.value, ctx)
  const raw = rawText(node, ctx)
  if (node === undefined || (isScalar(node) && node.value === null)) return { state: 'absent' }
  if (isPlaceholderText(raw)) return { state: 'placeholder', pair }
  if (isScalar(node) && typeof node.value === 'string') {
    return { state: 'string', value: node.value, pair, raw }
  }
  return {
    state: 'wrong-type',
    pair,
    raw: raw || '(empty)',
    message: `${key} must be a string, got ${describeNodeType(node)}: ${raw}; quote it`
  }
}
