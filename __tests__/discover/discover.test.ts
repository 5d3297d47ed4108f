// discover() over temp folders: which files a scan picks, which it prunes or skips (and why), and
// the shape of what it returns (sorted, POSIX paths relative to the root).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { discover, type DiscoverOptions } from '../../src/discover/discover.js'
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_SIZE } from '../../src/config/types.js'

const scratch: string[] = []
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true })
})

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'port-hygiene-discover-'))
  scratch.push(dir)
  return dir
}

/** Writes `{ 'a/b.yaml': 'text' }` under a fresh temp folder and returns its path. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await scratchDir()
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), text)
  }
  return root
}

function options(root: string, overrides: Partial<DiscoverOptions> = {}): DiscoverOptions {
  return {
    root,
    paths: [],
    include: [...DEFAULT_INCLUDE],
    exclude: [...DEFAULT_EXCLUDE],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    ...overrides
  }
}

const toPosixPath = (p: string) => p.split(path.sep).join('/')

const names = (files: Array<{ file: string }>) => files.map((entry) => entry.file)

/** Symlinks need privileges on Windows; everywhere else they are part of the contract. */
const canSymlink = process.platform !== 'win32'

describe('default include and exclude', () => {
  it('picks *.yml and *.yaml at any depth and nothing else', async () => {
    const root = await tree({
      'compose.yaml': 'services: {}\n',
      'top.yml': 'a: 1\n',
      'k8s/base/deploy.yaml': 'a: 1\n',
      'k8s/base/deep/er/still.yml': 'a: 1\n',
      '.github/workflows/ci.yml': 'a: 1\n',
      'README.md': '# readme\n',
      'k8s/values.json': '{}\n',
      'k8s/notes.yaml.bak': 'a: 1\n',
      'k8s/Chart.YAML': 'a: 1\n',
      Dockerfile: 'FROM scratch\n',
      'k8s/yaml': 'a: 1\n'
    })
    const result = await discover(options(root))
    expect(names(result.files)).toEqual([
      '.github/workflows/ci.yml',
      'compose.yaml',
      'k8s/base/deep/er/still.yml',
      'k8s/base/deploy.yaml',
      'top.yml'
    ])
    expect(result.skipped).toEqual([])
    expect(result.unmatched).toEqual([])
  })

  it('prunes node_modules, .git, vendor and third_party at any depth', async () => {
    const root = await tree({
      'keep.yaml': 'a: 1\n',
      'node_modules/pkg/compose.yaml': 'a: 1\n',
      'app/node_modules/pkg/deploy.yaml': 'a: 1\n',
      '.git/config.yml': 'a: 1\n',
      'vendor/github.com/x/manifest.yaml': 'a: 1\n',
      'go/vendor/k8s.yaml': 'a: 1\n',
      'third_party/chart/deploy.yaml': 'a: 1\n',
      // Only folders with exactly those names are pruned.
      'vendors/kept.yaml': 'a: 1\n',
      'my_node_modules/kept.yaml': 'a: 1\n',
      'vendor.yaml': 'a: 1\n'
    })
    const result = await discover(options(root))
    expect(names(result.files)).toEqual([
      'keep.yaml',
      'my_node_modules/kept.yaml',
      'vendor.yaml',
      'vendors/kept.yaml'
    ])
  })

  it('honours extra include and exclude globs', async () => {
    const root = await tree({
      'k8s/a.yaml': 'a: 1\n',
      'k8s/generated/b.yaml': 'a: 1\n',
      'k8s/c.yaml.tpl': 'a: 1\n'
    })
    const result = await discover(
      options(root, {
        include: [...DEFAULT_INCLUDE, '**/*.yaml.tpl'],
        exclude: [...DEFAULT_EXCLUDE, 'k8s/generated/**']
      })
    )
    expect(names(result.files)).toEqual(['k8s/a.yaml', 'k8s/c.yaml.tpl'])
  })
})

describe('path arguments', () => {
  it('scans a file named explicitly even when include would not pick it', async () => {
    const root = await tree({
      'deploy/manifest.txt': 'a: 1\n',
      'deploy/other.yaml': 'a: 1\n'
    })
    const result = await discover(options(root, { paths: ['deploy/manifest.txt'] }))
    expect(names(result.files)).toEqual(['deploy/manifest.txt'])
    expect(result.files[0]!.absolutePath).toBe(
      path.join(await realRoot(root), 'deploy/manifest.txt')
    )
    expect(result.files[0]!.size).toBe(5)
    expect(result.unmatched).toEqual([])
  })

  it('scans a folder argument, with include and exclude still applied inside it', async () => {
    const root = await tree({
      'outside.yaml': 'a: 1\n',
      'k8s/app.yaml': 'a: 1\n',
      'k8s/sub/db.yml': 'a: 1\n',
      'k8s/readme.md': 'x\n',
      'k8s/node_modules/x.yaml': 'a: 1\n'
    })
    const result = await discover(options(root, { paths: ['k8s'] }))
    expect(names(result.files)).toEqual(['k8s/app.yaml', 'k8s/sub/db.yml'])
    // `./k8s/` names the same folder.
    expect(names((await discover(options(root, { paths: ['./k8s/'] }))).files)).toEqual([
      'k8s/app.yaml',
      'k8s/sub/db.yml'
    ])
  })

  it('expands a glob argument against the root', async () => {
    const root = await tree({
      'k8s/app.yaml': 'a: 1\n',
      'k8s/prod/db.yaml': 'a: 1\n',
      'k8s/prod/db.yml': 'a: 1\n',
      'compose.yaml': 'a: 1\n',
      'other/k8s/x.yaml': 'a: 1\n'
    })
    const result = await discover(options(root, { paths: ['k8s/**/*.yaml'] }))
    expect(names(result.files)).toEqual(['k8s/app.yaml', 'k8s/prod/db.yaml'])
    expect(result.unmatched).toEqual([])
  })

  it('merges several path arguments without listing a file twice', async () => {
    const root = await tree({ 'k8s/app.yaml': 'a: 1\n', 'compose.yaml': 'a: 1\n' })
    const result = await discover(
      options(root, { paths: ['k8s', 'k8s/app.yaml', 'k8s/*.yaml', 'compose.yaml'] })
    )
    expect(names(result.files)).toEqual(['compose.yaml', 'k8s/app.yaml'])
  })

  it('takes a name that exists literally as a path even when it looks like a glob', async () => {
    const root = await tree({ 'deploy [old].yaml': 'a: 1\n', 'deploy o.yaml': 'a: 1\n' })
    const result = await discover(options(root, { paths: ['deploy [old].yaml'] }))
    expect(names(result.files)).toEqual(['deploy [old].yaml'])
    expect(result.unmatched).toEqual([])
  })

  it('neither reads nor walks a path outside the root, and says so once', async () => {
    const parent = await scratchDir()
    const root = path.join(parent, 'repo')
    await mkdir(path.join(root, 'k8s'), { recursive: true })
    await writeFile(path.join(root, 'k8s/app.yaml'), 'a: 1\n')
    await writeFile(path.join(parent, 'secret.yaml'), 'a: 1\n')
    const result = await discover(
      options(root, { paths: ['..', '../secret.yaml', path.join(parent, 'secret.yaml')] })
    )
    // Walking `..` used to come back into the root (and walk every sibling folder on the way).
    expect(result.files).toEqual([])
    expect(result.skipped).toEqual(
      [
        { file: '..', reason: 'outside the scanned folder' },
        { file: '../secret.yaml', reason: 'outside the scanned folder' },
        {
          file: toPosixPath(path.join(parent, 'secret.yaml')),
          reason: 'outside the scanned folder'
        }
      ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    )
    expect(result.unmatched).toEqual([])
  })

  it('lists paths and globs that match nothing in unmatched', async () => {
    const root = await tree({ 'k8s/app.yaml': 'a: 1\n' })
    const result = await discover(
      options(root, { paths: ['missing.yaml', 'k8s', 'nope/**/*.yaml', 'k8s/*.json'] })
    )
    expect(names(result.files)).toEqual(['k8s/app.yaml'])
    expect(result.unmatched).toEqual(['missing.yaml', 'nope/**/*.yaml', 'k8s/*.json'])
  })
})

async function realRoot(root: string): Promise<string> {
  const { realpath } = await import('node:fs/promises')
  return realpath(root)
}

describe.runIf(canSymlink)('symbolic links', () => {
  it('skips a symlinked file that points outside the root, with a reason, without reading it', async () => {
    const outside = await tree({ 'secret.yaml': 'password: hunter2\n' })
    const root = await tree({ 'app.yaml': 'a: 1\n' })
    await symlink(path.join(outside, 'secret.yaml'), path.join(root, 'leak.yaml'))
    const result = await discover(options(root))
    expect(names(result.files)).toEqual(['app.yaml'])
    expect(result.skipped).toEqual([
      { file: 'leak.yaml', reason: expect.stringMatching(/symbolic link .*outside/) }
    ])
  })

  it('skips an outside link named explicitly too', async () => {
    const outside = await tree({ 'secret.yaml': 'password: hunter2\n' })
    const root = await tree({})
    await symlink(path.join(outside, 'secret.yaml'), path.join(root, 'leak.yaml'))
    const result = await discover(options(root, { paths: ['leak.yaml'] }))
    expect(result.files).toEqual([])
    expect(names(result.skipped)).toEqual(['leak.yaml'])
    expect(result.skipped[0]!.reason).toMatch(/outside/)
  })

  it('skips a relative link that climbs out of the root', async () => {
    const parent = await scratchDir()
    const root = path.join(parent, 'repo')
    await mkdir(root)
    await writeFile(path.join(parent, 'secret.yaml'), 'a: 1\n')
    await symlink('../secret.yaml', path.join(root, 'up.yaml'))
    const result = await discover(options(root))
    expect(result.files).toEqual([])
    expect(names(result.skipped)).toEqual(['up.yaml'])
  })

  it('reads a symlinked file that resolves inside the root, under the link name', async () => {
    const root = await tree({ 'base/deploy.yaml': 'a: 1\n' })
    await mkdir(path.join(root, 'overlay'))
    await symlink('../base/deploy.yaml', path.join(root, 'overlay/deploy.yaml'))
    const result = await discover(options(root))
    expect(names(result.files)).toEqual(['base/deploy.yaml', 'overlay/deploy.yaml'])
    const link = result.files.find((entry) => entry.file === 'overlay/deploy.yaml')!
    expect(link.absolutePath).toBe(path.join(await realRoot(root), 'base/deploy.yaml'))
    expect(result.skipped).toEqual([])
  })

  it('does not follow symlinked folders (no loop through a link to ..)', async () => {
    const root = await tree({ 'k8s/app.yaml': 'a: 1\n' })
    await symlink('..', path.join(root, 'k8s/loop'))
    await symlink(path.join(root, 'k8s'), path.join(root, 'k8s-again'))
    const result = await discover(options(root))
    expect(names(result.files)).toEqual(['k8s/app.yaml'])
    expect(result.skipped).toEqual([])
  })

  it('a dangling link is skipped, not a crash', async () => {
    const root = await tree({ 'app.yaml': 'a: 1\n' })
    await symlink(path.join(root, 'gone.yaml'), path.join(root, 'dangling.yaml'))
    const result = await discover(options(root))
    expect(names(result.files)).toEqual(['app.yaml'])
    expect(names(result.skipped)).toEqual(['dangling.yaml'])
  })

  it('works when the root itself is reached through a symlink', async () => {
    const real = await tree({ 'app.yaml': 'a: 1\n' })
    const parent = await scratchDir()
    const linkedRoot = path.join(parent, 'linked')
    await symlink(real, linkedRoot)
    const result = await discover(options(linkedRoot))
    expect(names(result.files)).toEqual(['app.yaml'])
    expect(result.skipped).toEqual([])
    // An absolute path written through the link names a file inside the root.
    const named = await discover(
      options(linkedRoot, { paths: [path.join(linkedRoot, 'app.yaml')] })
    )
    expect(names(named.files)).toEqual(['app.yaml'])
    expect(named.skipped).toEqual([])
  })
})

describe('size limit', () => {
  it('skips a file over maxFileSize with a reason naming its size', async () => {
    const root = await tree({
      'big.yaml': `a: ${'x'.repeat(2000)}\n`,
      'exact.yaml': 'x'.repeat(1000),
      'small.yaml': 'a: 1\n'
    })
    const result = await discover(options(root, { maxFileSize: 1000 }))
    expect(names(result.files)).toEqual(['exact.yaml', 'small.yaml'])
    expect(result.skipped).toEqual([{ file: 'big.yaml', reason: expect.stringContaining('2004') }])
    expect(result.skipped[0]!.reason).toMatch(/size limit.*1000/)
  })

  it('applies the limit to a file named explicitly', async () => {
    const root = await tree({ 'big.txt': 'x'.repeat(50) })
    const result = await discover(options(root, { paths: ['big.txt'], maxFileSize: 10 }))
    expect(result.files).toEqual([])
    expect(result.skipped).toEqual([
      { file: 'big.txt', reason: expect.stringContaining('50 bytes') }
    ])
    expect(result.unmatched).toEqual([])
  })
})

describe('results', () => {
  it('are sorted by path and use POSIX paths relative to the root', async () => {
    const root = await tree({
      'z.yaml': 'a: 1\n',
      'B/b.yaml': 'a: 1\n',
      'a/z/1.yaml': 'a: 1\n',
      'a/b.yaml': 'a: 1\n',
      'a-b.yaml': 'a: 1\n',
      'big/huge.yaml': 'x'.repeat(100),
      'big/also.yaml': 'x'.repeat(100)
    })
    const result = await discover(options(root, { maxFileSize: 50 }))
    const files = names(result.files)
    expect(files).toEqual(['B/b.yaml', 'a-b.yaml', 'a/b.yaml', 'a/z/1.yaml', 'z.yaml'])
    expect(files).toEqual([...files].sort())
    for (const file of files) {
      expect(file).not.toContain('\\')
      expect(path.isAbsolute(file)).toBe(false)
      expect(file.startsWith('./')).toBe(false)
    }
    expect(names(result.skipped)).toEqual(['big/also.yaml', 'big/huge.yaml'])
  })

  it('an empty root yields nothing, and a path to it is not unmatched', async () => {
    const root = await tree({})
    const real = realpathSync(root)
    expect(await discover(options(root))).toEqual({
      root: real,
      files: [],
      skipped: [],
      unmatched: []
    })
    expect(await discover(options(root, { paths: ['.'] }))).toEqual({
      root: real,
      files: [],
      skipped: [],
      unmatched: []
    })
  })

  it('keeps hostile file names as they are', async () => {
    const name = 'we ird `x` [a](b) @org <!-- é -->.yaml'
    const root = await tree({ [`k8s/${name}`]: 'a: 1\n' })
    const result = await discover(options(root))
    expect(names(result.files)).toEqual([`k8s/${name}`])
  })
})
