// STUB — to be written: the action.
export async function run(): Promise<void> {}
