// `npm ci` on Node 20 prints no EBADENGINE: every package in the lock file accepts Node 20
// (the release line the project supports, as package.json's engines say). content-type 3.x wants
// Node 22, so package.json's `overrides` pins the 2.x release @octokit/request works with.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import lock from '../../package-lock.json' with { type: 'json' }
import packageJson from '../../package.json' with { type: 'json' }

// semver comes with the dev dependencies (typescript-eslint); it is npm's own range logic.
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean
}

type LockEntry = { version?: string; dev?: boolean; engines?: { node?: string } }
const packages = Object.entries(lock.packages as Record<string, LockEntry>).filter(
  ([name]) => name !== ''
)

describe('engines', () => {
  it('the project supports Node 20 and later', () => {
    expect(packageJson.engines.node).toBe('>=20')
  })

  it('every locked package accepts a current Node 20 (no EBADENGINE on npm ci)', () => {
    const refusing = packages
      .filter(
        ([, entry]) => entry.engines?.node && !semver.satisfies('20.19.0', entry.engines.node)
      )
      .map(([name, entry]) => `${name}@${entry.version} wants node ${entry.engines!.node}`)
    expect(refusing).toEqual([])
  })

  it('content-type is the overridden release', () => {
    expect(packageJson.overrides).toEqual({ 'content-type': '2.1.0' })
    const locked = packages.filter(([name]) => name.endsWith('node_modules/content-type'))
    expect(locked.map(([, entry]) => entry.version)).toEqual(['2.1.0'])
  })
})
