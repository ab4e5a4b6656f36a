import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { type BuildInfo, buildInfoFile } from '../../src/lib/ipfs/parseBuildInfo.ts'

const git = (root: string, args: string[]) => {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}

/**
 * The build's own metadata: package.json's version, and the git commit only when the checkout has
 * no changes against it (else null: the build is not that commit).
 */
export function readBuildInfo(root: string): BuildInfo {
  const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }
  // Only this checkout's own repository (a snapshot inside another repository is not that repository's commit).
  const top = git(root, ['rev-parse', '--show-toplevel'])
  const clean = top !== undefined && resolve(top) === resolve(root) && git(root, ['status', '--porcelain']) === ''
  const commit = clean ? (git(root, ['rev-parse', 'HEAD']) ?? null) : null
  return { name: 'latchkey', version, commit }
}

/**
 * Emits `latchkey-build.json` (at the root of the build, so in the DAG of its CID): a copy reads another copy's version and commit from that copy's own
 * verified blocks (Settings → Move to a new release). Nothing of the machine goes in (no time, no
 * path), so the CID stays reproducible: the same commit builds to the same CID everywhere.
 */
export function buildInfo(): Plugin {
  let root = resolve(import.meta.dirname, '../..')
  return {
    name: 'latchkey:build-info',
    apply: 'build',
    configResolved(config) {
      root = config.root
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: buildInfoFile, source: `${JSON.stringify(readBuildInfo(root), null, 2)}\n` })
    },
  }
}
