// Running the Compose loader on fixture folders (from disk) or on in-memory files.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { classifyFile } from '../../../src/extract/classify.js'
import { extractCompose, type ComposeFileSystem } from '../../../src/extract/compose/index.js'
import type { PortBinding, ScanModel } from '../../../src/model.js'
import { parseYamlFile, type ParsedFile } from '../../../src/parse/yaml.js'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const FIXTURES = path.join(REPO_ROOT, '__tests__/fixtures/compose')

export type ComposeModel = Required<
  Pick<ScanModel, 'bindings' | 'invalidPorts' | 'composeProjects'>
>

/** A file system over a map of relative path → text, as the engine's is over the scan root. */
export function memoryFileSystem(
  files: Record<string, string>,
  rootName?: string
): ComposeFileSystem {
  const cache = new Map<string, ParsedFile>()
  return {
    readText: (file) => files[file],
    parse(file) {
      if (files[file] === undefined) return undefined
      if (!cache.has(file)) cache.set(file, parseYamlFile(file, files[file]))
      return cache.get(file)
    },
    ...(rootName ? { rootName } : {})
  }
}

/** Runs the loader as the engine does: every file that classifies as Compose is handed in parsed. */
export function extractFromFiles(
  files: Record<string, string>,
  env: Record<string, string | undefined> = {},
  rootName?: string
): ComposeModel {
  const fs = memoryFileSystem(files, rootName)
  const compose = Object.keys(files)
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => fs.parse(file)!)
    .filter((parsed) => classifyFile(parsed) === 'compose')
  const model = extractCompose(compose, fs, env)
  return {
    bindings: model.bindings ?? [],
    invalidPorts: model.invalidPorts ?? [],
    composeProjects: model.composeProjects ?? []
  }
}

/** Every file under a fixture folder (dotfiles included), keyed by path relative to it. */
export function readFixture(name: string): Record<string, string> {
  const root = path.join(FIXTURES, name)
  const files: Record<string, string> = {}
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const absolute = path.join(folder, entry)
      if (statSync(absolute).isDirectory()) walk(absolute)
      else
        files[path.relative(root, absolute).split(path.sep).join('/')] = readFileSync(
          absolute,
          'utf8'
        )
    }
  }
  walk(root)
  return files
}

export function extractFixture(
  name: string,
  env: Record<string, string | undefined> = {}
): ComposeModel {
  return extractFromFiles(readFixture(name), env, name)
}

/** The facts a test asserts about a binding, compactly. */
export interface BindingFacts {
  service: string
  file: string
  line: number
  column: number
  hostIP: string
  hostPort?: string
  containerPort?: string
  protocol: string
}

function rangeText(range: { start: number; end: number } | undefined): string | undefined {
  if (!range) return undefined
  return range.start === range.end ? String(range.start) : `${range.start}-${range.end}`
}

export function facts(binding: PortBinding): BindingFacts {
  const object = binding.object
  return {
    service: object.format === 'compose' ? object.service : object.name,
    file: binding.location.file,
    line: binding.location.line,
    column: binding.location.column,
    hostIP: binding.hostIP,
    ...(binding.hostPort ? { hostPort: rangeText(binding.hostPort) } : {}),
    ...(binding.containerPort ? { containerPort: rangeText(binding.containerPort) } : {}),
    protocol: binding.protocol
  }
}

export function bindingsOf(model: ComposeModel, service: string): PortBinding[] {
  return model.bindings.filter(
    (binding) => binding.object.format === 'compose' && binding.object.service === service
  )
}
