import { MemoryBlockstore } from 'blockstore-core'
import { diffUnixfsDirectories } from '../lib/ipfs/diffUnixfsDirectories.ts'
import { fetchVerifiedDag } from '../lib/ipfs/fetchVerifiedDag.ts'
import type { GatewayReport } from '../lib/ipfs/fetchVerifiedDag.ts'
import { listUnixfsFiles } from '../lib/ipfs/listUnixfsFiles.ts'
import { BuildMismatchError } from './errors.ts'
import type { VerifyAppOptions } from './parseVerifyAppArgs.ts'
import { rebuildApp } from './rebuildApp.ts'

export type VerifyAppResult = {
  kind: 'verify-app'
  cid: string
  /** Every block of the DAG arrived and hashed to its CID. */
  verified: true
  blocks: number
  bytes: number
  files: number
  gateways: GatewayReport[]
  /** With --build: this checkout's CID, the same as `cid` (a different one throws BuildMismatchError). */
  build?: { cid: string; source: string; commit: string | undefined; dirty: boolean | undefined }
}

/**
 * `latchkey verify-app`: the whole DAG from untrusted gateways, every block checked; with
 * `--build`, the checkout rebuilt and its CID compared (BuildMismatchError lists the files).
 */
export async function runVerifyApp({ options, cwd, fetch }: { options: VerifyAppOptions; cwd: string; fetch?: typeof globalThis.fetch }): Promise<VerifyAppResult> {
  const { cid, gateways, raw, timeoutMs } = options
  const dag = await fetchVerifiedDag({ cid, gateways, mode: raw ? 'raw' : 'car', idleTimeoutMs: timeoutMs, fetch })
  const deployed = new MemoryBlockstore()
  for (const block of dag.blocks) await deployed.put(block.cid, block.bytes)
  const files = await listUnixfsFiles({ blockstore: deployed, root: cid })
  const result: VerifyAppResult = {
    kind: 'verify-app',
    cid: cid.toString(),
    verified: true,
    blocks: dag.blocks.length,
    bytes: dag.blocks.reduce((n, b) => n + b.bytes.byteLength, 0),
    files: files.length,
    gateways: dag.gateways,
  }
  if (!options.build) return result
  const built = await rebuildApp({ source: options.source ?? cwd })
  if (!built.cid.toV1().equals(cid.toV1())) {
    const differences = await diffUnixfsDirectories({ a: { blockstore: deployed, root: cid }, b: { blockstore: built.blockstore, root: built.cid } })
    throw new BuildMismatchError({ deployed: cid.toString(), built: built.cid.toString(), differences })
  }
  return { ...result, build: { cid: built.cid.toString(), source: built.source, commit: built.commit, dirty: built.dirty } }
}
