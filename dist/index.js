// STUB — to be written: the action.
async function run() { }

// The action's entry point: everything lives in main.ts so that tests and
// @github/local-action can call run() directly.
await run();
