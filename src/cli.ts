// STUB — to be written: the CLI.
export {}
