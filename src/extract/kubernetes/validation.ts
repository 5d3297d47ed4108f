// The API server's own checks on port values, restated from Kubernetes:
// - apimachinery pkg/util/validation/validation.go: IsValidPortNum, IsValidPortName (IANA_SVC_NAME),
//   IsDNS1123Label;
// - kubernetes pkg/apis/core/validation/validation.go: validateContainerPorts, validateServicePort.
// Each checker returns the messages the API server would give (empty = valid), so that a finding
// says the same thing `kubectl apply` would.

export const MIN_PORT = 1
export const MAX_PORT = 65535

/** IsValidPortNum: 1–65535 inclusive; 0 is not a port (callers treat `hostPort: 0` as unset first). */
export function isValidPortNum(port: number): boolean {
  return Number.isInteger(port) && port >= MIN_PORT && port <= MAX_PORT
}

export const PORT_RANGE_MESSAGE = `must be between ${MIN_PORT} and ${MAX_PORT}, inclusive`

const IANA_SVC_NAME_MAX = 15
const IANA_CHARS = /^[-a-z0-9]+$/
const HAS_LETTER = /[a-z]/

/**
 * IsValidPortName (IANA_SVC_NAME, RFC 6335) — container port names and string targetPorts.
 * Collects every message that applies, in the API server's order. Only lower case is accepted,
 * although RFC 6335 itself ignores case.
 */
export function portNameErrors(name: string): string[] {
  const errors: string[] = []
  if (name.length > IANA_SVC_NAME_MAX) {
    errors.push(`must be no more than ${IANA_SVC_NAME_MAX} characters`)
  }
  if (!IANA_CHARS.test(name)) {
    errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  }
  if (!HAS_LETTER.test(name)) errors.push('must contain at least one letter (a-z)')
  if (name.includes('--')) errors.push('must not contain consecutive hyphens')
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-'))) {
    errors.push('must not begin or end with a hyphen')
  }
  return errors
}

const DNS1123_LABEL_MAX = 63
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/** IsDNS1123Label — Service port names (not IANA: up to 63 characters, all digits allowed). */
export function dns1123LabelErrors(name: string): string[] {
  const errors: string[] = []
  if (name.length > DNS1123_LABEL_MAX) {
    errors.push(`must be no more than ${DNS1123_LABEL_MAX} characters`)
  }
  if (!DNS1123_LABEL.test(name)) {
    errors.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
    )
  }
  return errors
}

/** The protocols Kubernetes accepts, exactly as it spells them (the check is case-sensitive). */
export const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const

const SUPPORTED_LIST = SUPPORTED_PROTOCOLS.map((protocol) => `"${protocol}"`).join(', ')

export type ProtocolCheck = { valid: true; protocol: string } | { valid: false; message: string }

/**
 * `protocol` of a container or Service port. The v1 API defaults an empty protocol to TCP before
 * validation (pkg/apis/core/v1/defaults.go), so a manifest may leave it out. Anything else must be
 * exactly TCP, UDP or SCTP: `tcp` is rejected with NotSupported.
 */
export function checkProtocol(protocol: string | undefined): ProtocolCheck {
  if (protocol === undefined || protocol === '') return { valid: true, protocol: 'tcp' }
  if ((SUPPORTED_PROTOCOLS as readonly string[]).includes(protocol)) {
    return { valid: true, protocol: protocol.toLowerCase() }
  }
  const upper = protocol.toUpperCase()
  if ((SUPPORTED_PROTOCOLS as readonly string[]).includes(upper)) {
    return {
      valid: false,
      message: `protocol "${protocol}" must be written "${upper}": Kubernetes protocols are case-sensitive (supported values: ${SUPPORTED_LIST})`
    }
  }
  return {
    valid: false,
    message: `protocol "${protocol}" is not supported (supported values: ${SUPPORTED_LIST})`
  }
}

/** `port-range: "30000-30999"` (or a single port) → inclusive range; undefined when malformed. */
export function parsePortRangeAnnotation(text: string): { min: number; max: number } | undefined {
  const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(text)
  if (!match) return undefined
  const min = Number(match[1])
  const max = match[2] === undefined ? min : Number(match[2])
  if (!isValidPortNum(min) || !isValidPortNum(max) || min > max) return undefined
  return { min, max }
}
