// Typed reads of port fields. The API server decodes manifests as JSON into Go structs, so a
// field's YAML type matters: `containerPort: "8080"` is a string and is rejected with a type error
// ("cannot unmarshal string into Go struct field ... of type int32"), while `hostPort: 0` or a null
// value decodes to the zero value, which Kubernetes reads as "not set".
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml'
import type { KubernetesObjectRef, SourceLocation } from '../../model.js'
import { getPair, isNullish, locateKey, resolve } from '../../parse/nodes.js'
import { reportInvalid, type KubeContext } from './context.js'
import { isValidPortNum, PORT_RANGE_MESSAGE } from './validation.js'

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
  if (isNullish(node)) return { state: 'absent' }
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
  if (isNullish(node)) return { state: 'absent' }
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

/** A port number that passed the checks, and where its key is written. */
export interface CheckedPort {
  value: number
  location: SourceLocation
}

/**
 * A port field that is set (containerPort, hostPort, port, nodePort, a numeric targetPort):
 * IsValidPortNum, or reported. A placeholder is unknown and never reported.
 */
export function checkPortNumber(
  field: Exclude<IntField, { state: 'absent' }>,
  key: string,
  ctx: KubeContext,
  object: KubernetesObjectRef
): CheckedPort | undefined {
  if (field.state === 'placeholder') return undefined
  const location = locateKey(field.pair, ctx)!
  if (field.state === 'wrong-type') {
    reportInvalid(ctx, location, field.raw, field.message, object)
    return undefined
  }
  if (!isValidPortNum(field.value)) {
    const message = `${key} ${field.value} is not a valid port: ${PORT_RANGE_MESSAGE}`
    reportInvalid(ctx, location, String(field.value), message, object)
    return undefined
  }
  return { value: field.value, location }
}

/** A node of the wrong shape (a map where a list belongs), quoted as written; templates are skipped. */
export function reportWrongShape(
  ctx: KubeContext,
  node: unknown,
  location: SourceLocation,
  message: string,
  object: KubernetesObjectRef
): void {
  const raw = rawText(node, ctx)
  if (!isPlaceholderText(raw)) reportInvalid(ctx, location, raw, message, object)
}

/**
 * For the API server's uniqueness checks (port names, protocol/port pairs): where `key` was
 * first seen, or undefined when this is the first time (and `location` is remembered).
 */
export function earlierSighting(
  seen: Map<string, SourceLocation>,
  key: string,
  location: SourceLocation
): SourceLocation | undefined {
  const first = seen.get(key)
  if (!first) seen.set(key, location)
  return first
}
