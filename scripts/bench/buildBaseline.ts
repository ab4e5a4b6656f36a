import { execFile } from 'node:child_process'
import { mkdtemp, rm, symlink } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { buildApp } from './benchBundle.ts'

const root = path.resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

export type Baseline = { ref: string; commit: string; dir: string; close(): Promise<void> }

/**
 * `vite build` of another commit (`--baseline REF`), for A/B figures in one run: a detached git
 * worktree of REF in a scratch directory with this checkout's node_modules linked in (same
 * dependencies unless REF changed package-lock.json: the bench says which commit it built).
 */
export async function buildBaseline({ ref }: { ref: string }): Promise<Baseline> {
  const commit = (await run('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: root })).stdout.trim()
  const tree = await mkdtemp(path.join(os.tmpdir(), 'latchkey-bench-baseline-src-'))
  const dir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-bench-baseline-dist-'))
  const close = async () => {
    await run('git', ['worktree', 'remove', '--force', tree], { cwd: root }).catch(() => {})
    await rm(tree, { recursive: true, force: true })
    await rm(dir, { recursive: true, force: true })
  }
  try {
    await run('git', ['worktree', 'add', '--detach', tree, commit], { cwd: root })
    await symlink(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'dir')
    await buildApp({ outDir: dir, cwd: tree })
  } catch (error) {
    await close()
    throw error
  }
  return { ref, commit, dir, close }
}
