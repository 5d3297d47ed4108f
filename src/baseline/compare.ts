// The base scan: the same pipeline over the base commit's tree, with the base's own config (a
// PR that tightens a rule must see the old findings judged by the old rules, or every finding
// the new config raises would look "existing"), then the comparison.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { ConfigError, loadConfig } from '../config/load.js'
import { defaultConfig, type ResolvedConfig } from '../config/types.js'
import { isInside } from '../discover/discover.js'
import { scan, type ScanResult } from '../engine.js'
import type { ChangeSet } from '../model.js'
import { compareWithBase } from './classify.js'
import { portClaimKeys } from '../rules/identity.js'
import { RULES } from '../rules/index.js'
import { readBaseTree } from './git.js'

export interface BaseScanRequest {
  /** The folder the head scan read (absolute, inside a git checkout). */
  root: string
  paths: string[]
  /** The base commit (a SHA, or a ref the caller resolved). */
  sha: string
  /** The config file the head scan used, as given (absolute, or relative to the root). */
  configPath?: string
  /** Extra excludes from the command line or the action inputs: the same for both scans. */
  exclude: string[]
  env: Record<string, string | undefined>
}

export interface BaseScan {
  result: ScanResult
  /** The base's config could not be used: defaults instead, and why. */
  configNote?: string
}

/** Throws BaseUnavailableError when git cannot give the base. */
export async function scanBase(request: BaseScanRequest): Promise<BaseScan> {
  const tree = await readBaseTree(request.root, request.sha)
  try {
    await fs.mkdir(tree.scanRoot, { recursive: true })
    const { config, note } = await baseConfig(tree.scanRoot, request)
    config.exclude.push(...request.exclude)
    const result = await scan({
      root: tree.scanRoot,
      paths: request.paths,
      config,
      env: request.env
    })
    return { result, ...(note ? { configNote: note } : {}) }
  } finally {
    await tree.remove()
  }
}

async function baseConfig(
  baseRoot: string,
  request: BaseScanRequest
): Promise<{ config: ResolvedConfig; note?: string }> {
  let configPath: string | undefined
  if (request.configPath !== undefined) {
    const absolute = path.resolve(request.root, request.configPath)
    // A config outside the scanned folder is not part of the base tree: the same file serves both.
    configPath = isInside(request.root, absolute)
      ? path.join(baseRoot, path.relative(request.root, absolute))
      : absolute
    const exists = await fs
      .stat(configPath)
      .then((stat) => stat.isFile())
      .catch(() => false)
    if (!exists) configPath = undefined
  }
  try {
    return {
      config: await loadConfig({
        rules: RULES,
        root: baseRoot,
        ...(configPath ? { configPath } : {})
      })
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return {
      config: defaultConfig(),
      note: `the base's config is invalid (${error.message}), so the base was scanned with the defaults`
    }
  }
}

/** The head result with its change set against a base scan. */
export function compareScans(head: ScanResult, base: BaseScan, sha: string): ChangeSet {
  const change: ChangeSet = {
    basis: 'base-scan',
    baseSha: sha,
    ...compareWithBase(head.findings, base.result.findings),
    basePorts: portClaimKeys(base.result.model)
  }
  if (base.configNote) change.note = base.configNote
  return change
}
