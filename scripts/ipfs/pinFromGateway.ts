import type { Helia } from 'helia'
import type { CID } from 'multiformats/cid'
import { AllGatewaysFailedError } from '../../src/lib/ipfs/errors.ts'
import { fetchVerifiedDag } from '../../src/lib/ipfs/fetchVerifiedDag.ts'
import type { PinProgress } from './pinProgress.ts'

export type PinFromGatewayParameters = {
  helia: Helia
  cid: CID
  /** A trustless gateway, e.g. http://127.0.0.1:8080 or https://trustless-gateway.link */
  gateway: string
  /** One CAR of the whole DAG (default), or one `?format=raw` request per block. */
  mode?: 'car' | 'raw'
  /** Per request (the wait for an answer, or for the next bytes of a CAR). Default 60 s. */
  timeoutMs?: number
  onProgress?: (progress: PinProgress) => void
}

export type PinFromGatewayReturnType = { cid: CID; blocks: number; bytes: number }

/**
 * Fetches the whole DAG under `cid` from a trustless gateway, checks every
 * block against its CID, stores only the blocks the DAG reaches and pins it.
 * Nothing is stored or pinned unless the whole DAG arrived and verified.
 */
export async function pinFromGateway({ helia, cid, gateway, mode = 'car', timeoutMs = 60_000, onProgress }: PinFromGatewayParameters): Promise<PinFromGatewayReturnType> {
  let blocks
  try {
    ;({ blocks } = await fetchVerifiedDag({ cid, gateways: [gateway], mode, rawFallback: false, idleTimeoutMs: timeoutMs, onProgress }))
  } catch (error) {
    // One gateway: its own error says what went wrong (the wrong block, the missing one).
    const only = error instanceof AllGatewaysFailedError && error.errors.length === 1 ? error.errors[0].error : undefined
    throw only ?? error
  }
  for (const block of blocks) await helia.blockstore.put(block.cid, block.bytes)
  for await (const _ of helia.pins.add(cid)) void _
  return { cid, blocks: blocks.length, bytes: blocks.reduce((n, b) => n + b.bytes.byteLength, 0) }
}
