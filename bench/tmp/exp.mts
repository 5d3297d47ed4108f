import { readFileSync } from 'node:fs'
import { parseAllDocuments, Lexer, Parser } from 'yaml'
import { discover } from '/work/wt10/src/discover/discover.js'
import { defaultConfig } from '/work/wt10/src/config/types.js'
const c = defaultConfig()
const d = await discover({ root: '/work/shared/corpus/real', paths: [], ...c })
const texts = d.files.map(f => [f.file, readFileSync(f.absolutePath, 'utf8')] as const)
let t = performance.now()
let errs = 0
for (const [f, s] of texts) for (const doc of parseAllDocuments(s, {merge:true, uniqueKeys:false}) as any[]) if (doc.errors.length) { errs++; console.log(f, doc.errors[0].code, doc.errors[0].message.split('\n')[0]) }
console.log('full', performance.now() - t, 'errs', errs)
t = performance.now()
let n = 0
for (const [, s] of texts) for (const tok of new Parser().parse(s)) n++
console.log('parser', performance.now() - t)
t = performance.now()
for (const [, s] of texts) for (const tok of new Lexer().lex(s)) n++
console.log('lexer', performance.now() - t)
t = performance.now()
const re = /^kind:\s*CustomResourceDefinition/m
let crdBytes = 0
for (const [, s] of texts) for (const part of s.split(/^---/m)) if (re.test(part)) crdBytes += part.length
console.log('split', performance.now() - t, 'crd bytes', crdBytes, texts.reduce((a, [,s]) => a + s.length, 0))
