// A suppression that cannot do its job, or does it without saying why: no reason, no rule, or a
// rule id that does not exist (a typo silences nothing). run.ts never suppresses this rule.
import {
  describeObject,
  formatLocation,
  type AnnotationSuppression,
  type CommentSuppression,
  type KubernetesObjectRef,
  type ScanModel
} from '../model.js'
import type { Rule, RuleFinding } from './rule.js'
import { uniq } from './shared/uniq.js'

interface FoundSuppression {
  suppression: CommentSuppression | AnnotationSuppression
  /** Set for annotations: the object that carries it. */
  object?: KubernetesObjectRef
}

/**
 * Built with a lookup instead of importing the registry, which lists this rule itself (an import
 * cycle would leave one of them undefined at load time).
 */
export function makeInvalidSuppression(isKnownRule: (id: string) => boolean): Rule {
  return {
    meta: {
      id: 'invalid-suppression',
      description:
        'A suppression comment or annotation with no reason, no rule or an unknown rule id.',
      defaultSeverity: 'warning',
      cases: [
        {
          severity: 'warning',
          when: 'a suppression comment or annotation with no reason, no rule or an unknown rule id: it hides findings without saying why, or hides nothing',
          source:
            'https://github.com/port-hygiene/port-hygiene/blob/main/docs/rules/README.md#suppressions'
        }
      ]
    },
    options: {},
    check(model) {
      const findings: RuleFinding[] = []
      for (const found of allSuppressions(model)) {
        const problems = problemsOf(found.suppression, isKnownRule)
        if (problems.length === 0) continue
        const silencesSomething = found.suppression.rules.some(isKnownRule)
        findings.push(toFinding(found, problems, silencesSomething))
      }
      return findings
    }
  }
}

/** Comments, then each object's annotation once (every binding of an object carries it). */
function allSuppressions(model: ScanModel): FoundSuppression[] {
  const found: FoundSuppression[] = model.suppressions.map((suppression) => ({ suppression }))
  const seen = new Set<string>()
  const objects = [
    ...model.bindings.map((binding) => binding.object),
    ...model.services.map((service) => service.object),
    ...model.podTemplates.map((template) => template.object)
  ]
  for (const object of objects) {
    if (object.format !== 'kubernetes' || !object.ignore) continue
    const id = formatLocation(object.ignore.location)
    if (seen.has(id)) continue
    seen.add(id)
    found.push({ suppression: object.ignore, object })
  }
  return found
}

function problemsOf(
  suppression: CommentSuppression | AnnotationSuppression,
  isKnownRule: (id: string) => boolean
): string[] {
  const problems: string[] = []
  if (suppression.rules.length === 0) problems.push('names no rule')
  const unknown = suppression.rules.filter((rule) => !isKnownRule(rule))
  if (unknown.length > 0) {
    const list = uniq(unknown.map((rule) => `"${rule}"`)).join(', ')
    problems.push(`names ${unknown.length === 1 ? 'an unknown rule' : 'unknown rules'} ${list}`)
  }
  if (!suppression.reason) problems.push('gives no reason')
  return problems
}

function toFinding(
  found: FoundSuppression,
  problems: string[],
  silencesSomething: boolean
): RuleFinding {
  const { suppression, object } = found
  const listed = suppression.rules.join(',')
  const what = object
    ? `The port-hygiene/ignore annotation of ${describeObject(object)}`
    : 'This port-hygiene-ignore comment'
  const form = object
    ? 'port-hygiene/ignore: "<rule-id>: <reason>"'
    : '# port-hygiene-ignore <rule-id>: <reason>'
  const effect = silencesSomething ? '' : ', so it silences nothing'
  return {
    message: `${what} ${joinProblems(problems)}${effect}; write ${form}.`,
    location: suppression.location,
    ...(object ? { object } : {}),
    key: `${object ? 'annotation' : 'comment'}|${listed}|${problems.join('|')}`
  }
}

function joinProblems(problems: string[]): string {
  if (problems.length <= 1) return problems.join('')
  return `${problems.slice(0, -1).join(', ')} and ${problems.at(-1)}`
}
