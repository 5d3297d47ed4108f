import { minimatch } from 'minimatch'

// Same options as discovery: globs written in a config match dot folders (`.github/**`) too.
const GLOB_OPTIONS = { dot: true } as const

export function matchesAnyGlob(file: string, globs: readonly string[]): boolean {
  return globs.some((glob) => minimatch(file, glob, GLOB_OPTIONS))
}
