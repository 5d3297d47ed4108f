// The action's entry point: everything lives in main.ts so that tests and
// @github/local-action can call run() directly.
import { run } from './main.js'

await run()
