// Path globs in rule options and ranges match exactly as discovery's do.
export { matchesAnyGlob } from '../../discover/discover.js'
