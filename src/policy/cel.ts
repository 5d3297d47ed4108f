// Writing CEL. The expressions are kept to what both Kubernetes (1.30+) and @bufbuild/cel (the
// evaluator the tests run them with) implement: the standard macros (all, exists, filter, has),
// string functions (matches, contains) and the strings extension's split and trim. No optional
// types (`?.`), no Kubernetes-only libraries: __tests__/policy/ would fail on them.

/** A CEL string literal. */
export function celString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`
}

export function celList(items: readonly string[]): string {
  return `[${items.join(', ')}]`
}

const OPEN = '\u0001'
const CLOSE = '\u0002'

/** A hole in a message template: `celMessage` turns it into the expression it holds. */
export function hole(expression: string): string {
  return `${OPEN}${expression}${CLOSE}`
}

/**
 * A message written by one of the shared sentence functions (src/rules/shared/messages.ts),
 * with holes for the values, as a CEL string concatenation: the text outside the holes is
 * literal, each hole an expression of type string.
 */
export function celMessage(template: string): string {
  const parts: string[] = []
  let rest = template
  while (rest.length > 0) {
    const open = rest.indexOf(OPEN)
    if (open === -1) {
      parts.push(celString(rest))
      break
    }
    if (open > 0) parts.push(celString(rest.slice(0, open)))
    const close = rest.indexOf(CLOSE, open)
    parts.push(`(${rest.slice(open + 1, close)})`)
    rest = rest.slice(close + 1)
  }
  return parts.join(' + ')
}
