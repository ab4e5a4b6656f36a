import { execFile, spawn } from 'node:child_process'
import { access, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { MemoryBlockstore } from 'blockstore-core'
import type { CID } from 'multiformats/cid'
import { importDirectory } from '../lib/ipfs/importDirectory.node.ts'
import { BuildFailedError } from './errors.ts'

export type RebuildAppReturnType = {
  cid: CID
  /** Holds the rebuilt DAG, for comparing files. */
  blockstore: MemoryBlockstore
  source: string
  /** The checked-out commit, when `source` is a git checkout. */
  commit: string | undefined
  /** Files differ from that commit (uncommitted or untracked changes). */
  dirty: boolean | undefined
}

/**
 * Builds the checkout the way `npm run build` does (`vite build`, into a temporary directory so
 * dist/ is left alone) and imports it with `npm run publish`'s UnixFS settings: the CID anyone
 * building this source gets.
 */
export async function rebuildApp({ source }: { source: string }): Promise<RebuildAppReturnType> {
  const root = resolve(source)
  const vite = join(root, 'node_modules/vite/bin/vite.js')
  if (!(await access(vite).then(() => true, () => false))) throw new BuildFailedError({ source: root, reason: 'Vite is not installed there (node_modules/vite is missing).' })
  const outDir = await mkdtemp(join(tmpdir(), 'latchkey-verify-app-'))
  try {
    await run(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], root)
    const blockstore = new MemoryBlockstore()
    const { cid } = await importDirectory({ dir: outDir, blockstore })
    const [commit, status] = await Promise.all([git(root, ['rev-parse', 'HEAD']), git(root, ['status', '--porcelain'])])
    return { cid, blockstore, source: root, commit: commit?.trim(), dirty: status === undefined ? undefined : status.trim() !== '' }
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', (cause) => rej(new BuildFailedError({ source: cwd, reason: cause.message, cause })))
    child.on('exit', (code) => (code === 0 ? res() : rej(new BuildFailedError({ source: cwd, reason: `vite build exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}` }))))
  })
}

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((res) => execFile('git', ['-C', cwd, ...args], (error, stdout) => res(error ? undefined : stdout)))
}
