// Two builds of the same source, from two checkouts at different paths, must give
// byte-identical dist/ and so the same CID (issue 6: "two builds from clean give the same CID").
import { spawn } from 'node:child_process'
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { MemoryBlockstore } from 'blockstore-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importDirectory } from '../../src/lib/ipfs/importDirectory.node.ts'
import { ipfsCarCid } from '../scripts/ipfs/ipfsCarCid.ts'

const repoRoot = resolve(import.meta.dirname, '../..')
// Not part of what Vite reads; everything else of the working tree is copied.
const notCopied = new Set(['node_modules', '.git', 'dist', '.latchkey', '.scratch', 'coverage', 'tests', 'bench'])

let tmp: string
let outA: string
let outB: string

function viteBuild(root: string, outDir: string): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', rej)
    child.on('exit', (code) => (code === 0 ? res() : rej(new Error(`vite build in ${root} exited with ${code}:\n${stderr}`))))
  })
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort()
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-repro-'))
  // Both builds run from snapshots of the working tree, so edits made to the
  // checkout while the test runs cannot make them differ; the second snapshot
  // sits at another path and depth, to catch absolute paths in the output.
  const first = join(tmp, 'a')
  const second = join(tmp, 'elsewhere', 'checkout')
  await cp(repoRoot, first, {
    recursive: true,
    filter: (src) => src === repoRoot || !notCopied.has(src.slice(repoRoot.length + 1).split('/')[0]),
  })
  await cp(first, second, { recursive: true })
  for (const dir of [first, second]) await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir')
  outA = join(tmp, 'outA')
  outB = join(tmp, 'outB')
  // The two builds run at once: also catches output that depends on timing.
  await Promise.all([viteBuild(first, outA), viteBuild(second, outB)])
}, 180_000)

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

describe('reproducible build', () => {
  it('produces the same file names from two checkouts', async () => {
    const [a, b] = await Promise.all([listFiles(outA), listFiles(outB)])
    // The service worker, the manifest and its icons are part of the build, and so of the CID.
    expect(a).toEqual(expect.arrayContaining(['index.html', 'sw.js', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png']))
    expect(b).toEqual(a)
  })

  it('produces byte-identical files', async () => {
    const differing: string[] = []
    for (const file of await listFiles(outA)) {
      const [a, b] = await Promise.all([readFile(join(outA, file)), readFile(join(outB, file))])
      if (!a.equals(b)) differing.push(file)
    }
    expect(differing).toEqual([])
  })

  it('leaks no absolute path of the checkout into the output', async () => {
    const leaking: string[] = []
    for (const file of await listFiles(outB)) {
      const text = (await readFile(join(outB, file))).toString('latin1')
      if (text.includes(tmp) || text.includes(repoRoot)) leaking.push(file)
    }
    expect(leaking).toEqual([])
  })

  it('gives the same CID, and ipfs-car (an independent UnixFS encoder) agrees', async () => {
    const [a, b] = await Promise.all([
      importDirectory({ dir: outA, blockstore: new MemoryBlockstore() }),
      importDirectory({ dir: outB, blockstore: new MemoryBlockstore() }),
    ])
    expect(a.cid.version).toBe(1)
    expect(b.cid.toString()).toBe(a.cid.toString())
    expect(await ipfsCarCid(outA)).toBe(a.cid.toString())
  })
})
