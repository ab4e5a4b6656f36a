import { vi } from 'vitest'

export type WaitForAttestedBlockParameters = {
  beaconUrl: string
  /** the execution block a light client must be able to verify */
  blockNumber: bigint
  timeoutMs?: number
}

/**
 * Waits until the beacon API's newest optimistic update attests `blockNumber` or a later block:
 * from then on a light client syncing from that API verifies the block. Counting anvil's blocks
 * instead ("two more blocks and it is probably attested") races the devnet's beacon server under
 * load. The beacon API is only the condition here; what a test asserts still comes from the code
 * under test, which verifies it.
 */
export async function waitForAttestedBlock({ beaconUrl, blockNumber, timeoutMs = 120_000 }: WaitForAttestedBlockParameters): Promise<void> {
  await vi.waitUntil(async () => {
    const response = await fetch(`${beaconUrl}/eth/v1/beacon/light_client/optimistic_update`, { headers: { accept: 'application/json' } })
    if (!response.ok) return false
    const update = (await response.json()) as { data: { attested_header: { execution?: { block_number: string } } } }
    const attested = update.data.attested_header.execution?.block_number
    return attested !== undefined && BigInt(attested) >= blockNumber
  }, { timeout: timeoutMs, interval: 200 })
}
