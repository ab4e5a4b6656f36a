import { createFileStateStore } from '../lib/consensus/createFileStateStore.node.ts'
import { LightClient } from '../lib/consensus/LightClient.ts'
import { BaseError } from '../lib/errors.ts'
import { HeadNotCurrentError } from './errors.ts'
import type { CliNetwork } from './resolveCliNetwork.ts'

export type SyncLightClientParameters = CliNetwork & {
  checkpoint?: `0x${string}`
  timeoutMs: number
  fetch?: typeof fetch
}

/**
 * One verified look at the chain: resume from the saved state (or bootstrap from a checkpoint),
 * sync to the head, save. Throws unless the optimistic head is current and verified.
 */
export async function syncLightClient({ network, beaconApis, stateDir, checkpoint, timeoutMs, fetch }: SyncLightClientParameters): Promise<LightClient> {
  const client = new LightClient({
    network, beaconApis, checkpoint, timeoutMs, fetch,
    store: createFileStateStore({ directory: stateDir }),
  })
  await client.init()
  // Far behind (many periods), one round applies at most maxUpdatesPerRequest hand-overs.
  for (let round = 0; round < 4; round++) {
    await client.syncOnce()
    if (client.state.status !== 'syncing') break
  }
  const { status, error, optimistic, currentSlot } = client.state
  if (status === 'synced') return client
  // A typed error says why (endpoints failed, data did not verify); the plain "stalled" one only that nothing newer came.
  if (error && error.name !== 'BaseError') throw error
  if (optimistic) throw new HeadNotCurrentError({ headSlot: optimistic.slot, currentSlot })
  if (error) throw error
  throw new BaseError(`The light client did not sync (status ${status}).`)
}
