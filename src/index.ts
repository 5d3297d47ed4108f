// The action's entry point: everything lives in main.ts so that tests and
// @github/local-action can call run() directly.
import { run } from './main.js'

// Not a top-level await: the bundle is CommonJS (rollup.config.js); run() reports its own
// failures (core.setFailed).
void run()
