// Hostile inputs built to multiply work, shared by the bomb tests (bombs.test.ts) and the memory
// tests (memory.test.ts): an include diamond, .env variables that double each other, a List that
// aliases one pod many times.
export const LEVELS = 24

/** Level k has files a and b; each includes both files of level k+1. One service per file. */
export function diamond(): Record<string, string> {
  const files: Record<string, string> = {}
  for (let level = 0; level < LEVELS; level++) {
    for (const side of ['a', 'b']) {
      const include =
        level + 1 < LEVELS
          ? `include:\n  - ../l${level + 1}/a.yaml\n  - ../l${level + 1}/b.yaml\n`
          : ''
      files[`deep/l${level}/${side}.yaml`] =
        `${include}services:\n  s${level}${side}:\n    image: busybox\n    ports: ['${20000 + level * 2 + (side === 'a' ? 0 : 1)}:80']\n`
    }
  }
  files['deep/compose.yaml'] =
    `name: diamond\ninclude:\n  - l0/a.yaml\n  - l0/b.yaml\nservices:\n  top:\n    ports: ['81:81']\n`
  return files
}

/** Each line doubles the previous one: line n is 2^n × 16 characters. */
export function doublingEnv(lines: number): string {
  const out = ['B0=0123456789abcdef']
  for (let index = 1; index < lines; index++)
    out.push(`B${index}=\${B${index - 1}}\${B${index - 1}}`)
  return out.join('\n') + '\n'
}

/** A `kind: List` whose items alias one pod template `count` times, nested `depth` deep. */
export function aliasedList(count: number, depth: number): string {
  const lines = [
    'apiVersion: v1',
    'kind: List',
    'metadata: {name: bomb}',
    'x-pod: &pod {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: i, ports: [{containerPort: 80, hostPort: 8080}]}]}}'
  ]
  let previous = 'pod'
  for (let level = 0; level < depth; level++) {
    const name = `l${level}`
    lines.push(
      `x-${name}: &${name} {apiVersion: v1, kind: List, items: [${Array(count).fill(`*${previous}`).join(', ')}]}`
    )
    previous = name
  }
  lines.push(`items: [${Array(count).fill(`*${previous}`).join(', ')}]`)
  return lines.join('\n') + '\n'
}

/** Compose: `x-0` is one port, each `x-n` lists `*a(n-1)` ten times, 30 levels: 10^29 if expanded. */
export function composeAliasChain(): string {
  const lines = ['x-0: &a0 ["8080:80"]']
  for (let level = 1; level < 30; level++)
    lines.push(
      `x-${level}: &a${level} [${Array(10)
        .fill(`*a${level - 1}`)
        .join(', ')}]`
    )
  lines.push("services:\n  web:\n    ports: *a29\n  api:\n    ports: ['81:81']")
  return lines.join('\n') + '\n'
}

/** Compose: `services` services that each merge (`<<: *svc`) one service with `ports` ports. */
export function composeMergeBomb(services: number, ports: number): string {
  const list = Array.from({ length: ports }, (_, index) => `'${20000 + index}:80'`).join(', ')
  const entries = Array.from({ length: services }, (_, index) => `  s${index}: {<<: *svc}`)
  return `x-svc: &svc {image: busybox, ports: [${list}]}\nservices:\n${entries.join('\n')}\n`
}

/** Kubernetes: `<<: [*m, *m, …]` ten times per level, 12 levels, merged into one port. */
export function kubernetesMergeBomb(): string {
  const lines = ['x-m0: &m0 {hostPort: 81}']
  for (let level = 1; level < 12; level++)
    lines.push(
      `x-m${level}: &m${level} {<<: [${Array(10)
        .fill(`*m${level - 1}`)
        .join(', ')}]}`
    )
  return `${lines.join('\n')}\napiVersion: v1\nkind: Pod\nmetadata: {name: merged}\nspec:\n  containers:\n    - name: c\n      ports:\n        - <<: *m11\n          containerPort: 80\n`
}
