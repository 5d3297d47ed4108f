import { writeMixedCorpus } from '../corpora.js'
import { scan } from '../../src/engine.js'
import { defaultConfig } from '../../src/config/types.js'
writeMixedCorpus('/tmp/wt10x/mixed', { kubernetesFiles: 20, composeProjects: 5, portFreeFiles: 100 })
const r = await scan({ root: '/tmp/wt10x/mixed', paths: [], config: defaultConfig(), env: {} })
for (const f of r.findings.slice(0, 5)) console.log(f.ruleId ?? (f as any).rule, f.location, f.message)
