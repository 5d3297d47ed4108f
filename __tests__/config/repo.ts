// A throw-away repository on disk for config and CLI tests.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

export async function makeRepo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'port-hygiene-'))
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), text)
  }
  return root
}

export async function withRepo<T>(
  files: Record<string, string>,
  use: (root: string) => Promise<T>
): Promise<T> {
  const root = await makeRepo(files)
  try {
    return await use(root)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
