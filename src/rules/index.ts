// The registry: every rule, in the order their docs list them. Adding a rule = one file in this
// folder, one line here, one test file, one docs page.
import type { Rule } from './rule.js'

// Each rule has its own options type; the registry only needs the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>

export const RULES: readonly AnyRule[] = []

export function ruleById(id: string): AnyRule | undefined {
  return RULES.find((rule) => rule.meta.id === id)
}
