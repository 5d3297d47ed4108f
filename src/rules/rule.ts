// What a rule is: metadata next to a pure check over the whole model (the
// ESLint rule-module shape). The registry in ./index.ts is just the list.
import type {
  ConflictGroup,
  ObjectRef,
  PortBinding,
  ScanModel,
  Severity,
  RelatedLocation,
  SourceLocation,
  Fix
} from '../model.js'
import type { RangeConfig, ScopeConfig } from '../config/types.js'
import type { OptionsSpec } from '../config/options.js'
import packageJson from '../../package.json' with { type: 'json' }

/** The project's home: SARIF `informationUri`, the JSON report's `tool.informationUri`. */
export const REPOSITORY_URL = 'https://github.com/port-hygiene/port-hygiene'

/**
 * Where each rule's page lives, at the release in use (the tag `v<version>` the release
 * workflow pushes): a finding links to the docs of the rule that produced it, not to a `main`
 * that may have moved on. Every rule link (comment, summary, SARIF helpUri, JSON) comes from here.
 */
export const DOCS_BASE = `${REPOSITORY_URL}/blob/v${packageJson.version}/docs/rules`

/**
 * One case of a rule and the severity it gets, held to the severity contract
 * (docs/rules/README.md): `error` = the manifest cannot work as written (the API server or
 * Compose rejects it, the bind fails, two pods can never share a node, the file does not parse);
 * `warning` = likely wrong or risky, for the reason `when` states; `notice` = worth knowing.
 * The rule's page lists the same cases under "Severity" (the registry test checks it).
 */
export interface SeverityCase {
  severity: Severity
  /** The case, as the page's Severity section says it. */
  when: string
  /** Where the behaviour that makes it this severity is specified (a URL). */
  source: string
}

export interface RuleMeta {
  id: string
  /** One line, shown in rule tables and SARIF `shortDescription`. */
  description: string
  /** The most severe of `cases`; findings of the milder cases lower themselves. */
  defaultSeverity: Severity
  /** Every case the rule reports, most severe first. */
  cases: SeverityCase[]
  /** False for rules a user turns on in the config (`rules: { <id>: notice }`); default true. */
  enabledByDefault?: boolean
}

/** What a check returns; the engine adds rule id, severity and fingerprint. */
export interface RuleFinding {
  message: string
  location: SourceLocation
  related?: RelatedLocation[]
  object?: ObjectRef
  /**
   * Identity of the finding without line numbers (e.g. `DaemonSet/kube-system/ingress/controller/hostPort/80/tcp`);
   * the engine hashes it with the rule id and file into the fingerprint.
   */
  key: string
  /** Overrides the configured severity for this one finding (e.g. a "possible" conflict is a warning). */
  severity?: Severity
  fix?: Fix
  /** The conflict group the finding belongs to; the engine lists each group once. */
  conflict?: ConflictGroup
}

/**
 * What the change under review started from (a pull request's base commit, `--base`), for a
 * rule that reports a conflict on one of its sides: the side the change added carries it.
 */
export interface RuleBaseline {
  /** Whether the base already had this binding's host-port claim. */
  hadClaim(binding: PortBinding): boolean
}

/** Settings a rule may need beyond its own options; resolved once from the config. */
export interface RuleContext<Options> {
  options: Options
  ranges: RangeConfig
  scopes: ScopeConfig
  /** Set when the scan is the head of a change with a known base. */
  baseline?: RuleBaseline
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta
  /**
   * Each option, declared once: what it accepts, its default, how to read it. The config loader
   * parses a user's options with it when the config loads (src/config/options.ts); the docs page,
   * the README and the JSON Schema name the same options (the registry test checks they do).
   */
  options: OptionsSpec<Options>
  check: (model: ScanModel, context: RuleContext<Options>) => RuleFinding[]
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`
}
