import { chainsafeBls } from '../lib/consensus/bls/chainsafeBls.ts'
import { createFileStateStore } from '../lib/consensus/createFileStateStore.node.ts'
import { LightClient } from '../lib/consensus/LightClient.ts'
import { getFreshness } from '../lib/consensus/getFreshness.ts'
import { verifyHeadCurrent } from '../lib/consensus/verifyHeadCurrent.ts'
import { BaseError } from '../lib/errors.ts'
import type { CliNetwork } from './resolveCliNetwork.ts'

export type SyncLightClientParameters = CliNetwork & {
  checkpoint?: `0x${string}`
  timeoutMs: number
  fetch?: typeof fetch
}

/**
 * One verified look at the chain: resume from the saved state (or bootstrap from a checkpoint),
 * sync to the head, save. Throws unless the optimistic head is verified and current by the
 * freshness rule (getFreshness: at most 4 slots behind the clock): HeadNotCurrentError otherwise.
 */
export async function syncLightClient({ network, beaconApis, stateDir, checkpoint, timeoutMs, fetch }: SyncLightClientParameters): Promise<LightClient> {
  const client = new LightClient({
    network, beaconApis, checkpoint, timeoutMs, fetch,
    // The CLI runs in Node: native blst (see the README's light-client section for the measurements).
    bls: chainsafeBls,
    store: createFileStateStore({ directory: stateDir }),
  })
  await client.init()
  // Far behind (many periods), one round applies at most maxUpdatesPerRequest hand-overs.
  let moved = false
  const round = async () => {
    const before = client.state.optimistic?.slot
    await client.syncOnce()
    moved = client.state.optimistic?.slot !== before
  }
  for (let n = 0; n < 4; n++) {
    await round()
    if (client.state.status !== 'syncing') break
  }
  // A head that moved but ended the round past the limit (a slow round on a busy machine) gets
  // another round or two. One that stopped, or a round that failed, does not: its error is the answer.
  const stale = () => getFreshness({ headTimestamp: client.state.optimistic?.execution?.timestamp ?? 0, nowMs: Date.now(), secondsPerSlot: client.state.secondsPerSlot, status: 'synced' }).state !== 'current'
  for (let n = 0; n < 3 && moved && !client.state.error && stale(); n++) await round()
  const { status, error, optimistic, secondsPerSlot } = client.state
  // Every beacon API was caught forging: whatever head it left us with is not answered from (exit 3, with the proof).
  const faults = client.pool.provenFaults()
  if (faults.length > 0 && client.pool.candidates().length === 0) throw client.pool.allFailed({ path: faults[0]!.path, errors: [] })
  // A typed error says why (endpoints failed, data did not verify); the plain "stalled" one only that nothing newer came.
  if (status !== 'synced' && error && error.name !== 'BaseError') throw error
  if (status !== 'synced' && !optimistic) throw error ?? new BaseError(`The light client did not sync (status ${status}).`)
  verifyHeadCurrent({ head: optimistic, nowMs: Date.now(), secondsPerSlot, status })
  return client
}
