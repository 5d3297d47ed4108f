// When two host IPs can hold the same port at once. Docker's port allocator and the kube
// scheduler's NodePorts plugin both treat the unspecified address as overlapping the specific
// ones; two different specific addresses coexist.

type AddressClass = 'every' | 'every-ipv4' | 'every-ipv6' | 'ipv4' | 'ipv6'

/** '' means every interface (Docker binds 0.0.0.0 and ::). `::` is dual-stack on Linux. */
function classify(address: string): AddressClass {
  if (address === '' || address === '::' || address === '*') return 'every'
  if (address === '0.0.0.0') return 'every-ipv4'
  return address.includes(':') ? 'ipv6' : 'ipv4'
}

/** `0:0::1`, `[::1]` and `::1` are one address; IPv4 stays as written. */
export function normaliseAddress(address: string): string {
  const bare = address.replace(/^\[(.*)\]$/, '$1').trim()
  if (!bare.includes(':')) return bare
  try {
    return new URL(`http://[${bare}]/`).hostname.replace(/^\[(.*)\]$/, '$1')
  } catch {
    return bare.toLowerCase()
  }
}

export function addressesOverlap(a: string, b: string): boolean {
  const left = normaliseAddress(a)
  const right = normaliseAddress(b)
  if (left === right) return true
  const classes = [classify(left), classify(right)]
  if (classes.includes('every')) return true
  const [first, second] = classes
  if (first === 'every-ipv4') return second === 'ipv4'
  if (second === 'every-ipv4') return first === 'ipv4'
  // ::ffff:a.b.c.d style and other spellings are rare enough in manifests to compare as written.
  return false
}

/** For messages: `127.0.0.1`, `[::1]`, or `every interface`. */
export function describeAddress(address: string): string {
  const normalised = normaliseAddress(address)
  if (normalised === '') return 'all interfaces'
  return normalised.includes(':') ? `[${normalised}]` : normalised
}
