// The resolved configuration: what `.github/port-hygiene.yml`, `.github/port-ranges.json`
// and the CLI flags / action inputs become once validated. Plain data.
import type { Severity } from '../model.js'
import type { OptionsSpec } from './options.js'

export interface PortRangeLimit {
  min: number
  max: number
  /** Where the range was declared, for messages: `.github/port-ranges.json`, `.github/port-hygiene.yml:12`. */
  source: string
}

export interface RangeConfig {
  /** Keyed by Kubernetes namespace. */
  namespaces: Record<string, PortRangeLimit>
  /** Keyed by path glob (minimatch, relative to the scan root); first match wins, in file order. */
  paths: Array<{ glob: string; range: PortRangeLimit }>
  /** Keyed by Compose project name. */
  projects: Record<string, PortRangeLimit>
}

/**
 * Kubernetes host ports are node-scoped: by default the whole scan is one scope. A config may
 * split it, one scope per cluster folder: `{ name: 'prod', paths: ['clusters/prod/**'] }`.
 * Files matching no scope share the default scope.
 */
export interface ScopeConfig {
  nodeScopes: Array<{ name: string; paths: string[] }>
  /**
   * Compose projects that are run together on one host: each group lists folders (a project
   * whose main file is in the folder or below it belongs to the group) or globs matching main
   * files. Projects of one group conflict as errors; independent projects in different folders
   * that share a host port are only a notice (alternatives, examples, one stack per version).
   */
  composeGroups?: string[][]
}

/** What the config loader needs to know of a rule: its id, default severity and options. */
export interface ConfigurableRule {
  meta: { id: string; defaultSeverity: Severity }
  // Each rule has its own options type; the loader only needs the common shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  options: OptionsSpec<any>
}

/** A rule's severity and its options, already parsed by the rule's declaration. */
export type RuleSetting = { severity: Severity | 'off'; options?: unknown }

export interface ResolvedConfig {
  /** The config file that was read, or undefined when none exists. */
  configFile?: string
  include: string[]
  exclude: string[]
  /** Files larger than this (bytes) are skipped with a notice. */
  maxFileSize: number
  rules: Record<string, RuleSetting>
  ranges: RangeConfig
  scopes: ScopeConfig
}

export const DEFAULT_INCLUDE = ['**/*.{yml,yaml}']
export const DEFAULT_EXCLUDE = [
  '**/node_modules/**',
  '**/.git/**',
  '**/vendor/**',
  '**/third_party/**',
  '**/bower_components/**'
]
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024

export function defaultConfig(): ResolvedConfig {
  return {
    include: [...DEFAULT_INCLUDE],
    exclude: [...DEFAULT_EXCLUDE],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    rules: {},
    // Keyed by names a repository writes: `constructor` or `__proto__` is a namespace like any other.
    ranges: { namespaces: Object.create(null), paths: [], projects: Object.create(null) },
    scopes: { nodeScopes: [], composeGroups: [] }
  }
}
