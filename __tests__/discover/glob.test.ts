// The glob fast path (src/discover/glob.ts) must say what minimatch says, for every glob and
// path: checked on the tool's own default globs, on hand-picked edge cases, and on generated
// globs and paths (fast-check), each against minimatch with the tool's options.
import fc from 'fast-check'
import { Minimatch } from 'minimatch'
import { describe, expect, it } from 'vitest'
import { compileGlob, GLOB_OPTIONS, plainGlobRegex } from '../../src/discover/glob.js'
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../../src/config/types.js'
import { DEFAULT_STACK_FILES } from '../../src/rules/fixed-port-with-replicas.js'

const byMinimatch = (glob: string, file: string) => new Minimatch(glob, GLOB_OPTIONS).match(file)

const PATHS = [
  'compose.yaml',
  'k8s/app.yml',
  '.github/port-hygiene.yml',
  'a/node_modules',
  'node_modules/x',
  'a/b/node_modules/c/d.yaml',
  'vendor.yaml',
  'deploy/docker-stack.prod.yaml',
  'deploy/app.stack.yml',
  'deploy/app-stack.yaml',
  'deploy/stack.yml',
  'charts/web/templates/deployment.yaml',
  'templates',
  '.yaml',
  'a.YAML',
  'a/.hidden/b.yml',
  'a//b.yml',
  './a.yml',
  'a/../b.yml',
  'a\\b.yml',
  '/abs/a.yml',
  'a/b/',
  ''
]

describe('the glob fast path', () => {
  it('takes the default globs (so a plain scan never runs minimatch)', () => {
    for (const glob of [...DEFAULT_INCLUDE, ...DEFAULT_EXCLUDE, ...DEFAULT_STACK_FILES]) {
      expect(plainGlobRegex(glob), glob).toBeInstanceOf(RegExp)
    }
  })

  it('leaves to minimatch what it does not handle', () => {
    for (const glob of [
      '!**/*.yaml',
      '#comment',
      '**/*.y?ml',
      '**/+(a|b).yaml',
      '**/*.{yml,{yaml,json}}',
      '{a,b}/{c,d}.yaml',
      '**/[!a]*.yaml',
      '**/[a-z]*.yaml',
      '**/[[:alpha:]]*.yaml',
      '**/**/x.yaml',
      'a**/b',
      './a.yaml',
      'a/../b',
      'a//b',
      'a/',
      '{1..3}.yaml',
      '\\*.yaml'
    ]) {
      expect(plainGlobRegex(glob), glob).toBeUndefined()
    }
  })

  it('matches as minimatch does on the default globs and edge cases', () => {
    const globs = [
      ...DEFAULT_INCLUDE,
      ...DEFAULT_EXCLUDE,
      ...DEFAULT_STACK_FILES,
      '**/templates/**',
      'k8s/**',
      '**',
      '*',
      '*.yaml',
      'deploy/*-stack.*',
      '**/x/**/y/*.yml',
      '.github/*.{yml,yaml}',
      '**/[-.]stack.yml',
      'a.{YAML,yaml}',
      '**/a$^|.yaml'
    ]
    for (const glob of globs) {
      const fast = compileGlob(glob)
      for (const file of PATHS) {
        expect(fast(file), `${glob} ~ ${file}`).toBe(byMinimatch(glob, file))
      }
    }
  })

  it('matches as minimatch does on generated globs and paths', () => {
    const name = fc.constantFrom('a', 'b', '.a', 'a.yml', 'b.yaml', 'x-stack.yml', 'ab', '.', '..')
    const file = fc.array(name, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'))
    const segmentPart = fc.constantFrom(
      'a',
      'b',
      '.',
      '*',
      '-',
      'stack',
      '.yml',
      '[.-]',
      '[-.]',
      '[ab]',
      '[a-b]',
      '[--]'
    )
    const segment = fc.oneof(
      fc.constant('**'),
      fc.array(segmentPart, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''))
    )
    const pattern = fc
      .tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([segments, braces]) => {
        const joined = segments.join('/')
        return braces ? `${joined}{.yml,.yaml,}`.replace(',}', ',x}') : joined
      })
    fc.assert(
      fc.property(pattern, fc.array(file, { minLength: 1, maxLength: 8 }), (glob, files) => {
        const fast = compileGlob(glob)
        for (const path of files)
          expect(fast(path), `${glob} ~ ${path}`).toBe(byMinimatch(glob, path))
      }),
      { numRuns: 2000 }
    )
  })
})
