// Image references, reduced to the name a person recognises: `docker.io/library/redis:7.4@sha256:…`
// → `redis`, `bitnami/redis` → `redis`, `redis/redis-stack-server` → `redis-stack-server`.
// Lists of known software (exposed-services.ts, the reverse proxies) match on that name.

/** The last path component of an image reference, without tag or digest, lower-case. */
export function imageName(reference: string): string {
  const withoutDigest = reference.split('@')[0]!
  const last = withoutDigest.split('/').at(-1) ?? ''
  // A tag follows the last colon of the last component (a registry port sits in an earlier one).
  return last.split(':')[0]!.trim().toLowerCase()
}

/**
 * True when the image's name is one of `names`, or one of them followed by a dash
 * (`nginx-unprivileged`, `haproxy-alpine`, `redis-stack`): vendors' variants of one software.
 */
export function imageIsOneOf(reference: string | undefined, names: readonly string[]): boolean {
  if (reference === undefined) return false
  const name = imageName(reference)
  return names.some((known) => name === known || name.startsWith(`${known}-`))
}
