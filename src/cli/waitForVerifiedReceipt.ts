import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { WaitTimeoutError } from './errors.ts'
import { fetchVerifiedReceipt } from './fetchVerifiedReceipt.ts'
import type { VerifiedAgainst } from './verifiedAgainst.ts'

export type WaitForVerifiedReceiptParameters = {
  client: LightClient
  rpc: RpcClient
  hash: `0x${string}`
  chainId: number
  secondsPerSlot: number
  /** Give up after this long (default 300 s). */
  timeoutSeconds?: number
}
export type WaitForVerifiedReceiptReturnType = {
  status: 'success' | 'reverted'
  blockNumber: string
  blockHash: string
  gasUsed: string | undefined
  verifiedAgainst: VerifiedAgainst
}

/**
 * Polls once a slot: syncs the light client, then asks for the receipt through the verified
 * handler. A receipt in a block past the verified head reads as not found, so the answer waits
 * until a light-client head covers the block.
 */
export async function waitForVerifiedReceipt({ client, rpc, hash, chainId, secondsPerSlot, timeoutSeconds = 300 }: WaitForVerifiedReceiptParameters): Promise<WaitForVerifiedReceiptReturnType> {
  const deadline = Date.now() + timeoutSeconds * 1000
  for (;;) {
    try {
      const { receipt, verifiedAgainst } = await fetchVerifiedReceipt({ client, rpc, hash, chainId })
      return {
        status: receipt.status === '0x1' ? 'success' : 'reverted',
        blockNumber: BigInt(receipt.blockNumber).toString(),
        blockHash: receipt.blockHash,
        gasUsed: receipt.gasUsed === undefined ? undefined : BigInt(receipt.gasUsed).toString(),
        verifiedAgainst,
      }
    } catch (error) {
      if ((error as Error)?.name !== 'ReceiptNotFoundError') throw error
    }
    if (Date.now() >= deadline) throw new WaitTimeoutError({ hash, seconds: timeoutSeconds })
    await new Promise((r) => setTimeout(r, (secondsPerSlot * 1000) / 2))
    await client.syncOnce()
  }
}
