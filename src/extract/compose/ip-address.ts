// Whether a host IP of a port mapping is an address, as Go's `net.ParseIP` (which compose-go and
// go-connections use) decides it: dotted IPv4 without leading zeros, or IPv6 in any RFC 4291
// text form, with or without a dotted IPv4 tail, and never a zone (`%eth0`), brackets or a host
// name. Written out rather than `node:net`'s `isIP` (which agrees, a test holds it to that) so
// that start-up does not load `node:net` and the streams under it.

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/
const DECIMAL_OCTET = /^(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/

export function isIPv4(text: string): boolean {
  const octets = text.split('.')
  return octets.length === 4 && octets.every((octet) => DECIMAL_OCTET.test(octet))
}

export function isIPv6(text: string): boolean {
  const halves = text.split('::')
  if (halves.length > 2) return false
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')))
  const all = groups.flat()
  // A dotted IPv4 tail stands for the last two groups; it ends the address (not `1.2.3.4::`).
  const last = groups.at(-1)!.at(-1)
  const tailIsIPv4 = last !== undefined && last.includes('.')
  if (tailIsIPv4 && !isIPv4(last)) return false
  const hexGroups = tailIsIPv4 ? all.slice(0, -1) : all
  if (!hexGroups.every((group) => HEX_GROUP.test(group))) return false
  const count = hexGroups.length + (tailIsIPv4 ? 2 : 0)
  // `::` stands for one or more zero groups.
  return halves.length === 2 ? count <= 7 : count === 8
}

export function isIPAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text)
}
