import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { createFileStateStore } from '../../../src/lib/consensus/createFileStateStore.node.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import type { LightClientStateStore } from '../../../src/lib/consensus/LightClientStateStore.ts'
import { type Network, createCustomNetwork } from '../../../src/lib/consensus/networks.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'
import { type FaultProxy, flipHexByte, startFaultProxy, tamperJson } from '../../helpers/faultProxy.ts'

const periodOf = (slot: number) => Math.floor(slot / 8192)

describe('LightClient against the devnet (real BLS, mainnet preset, through fault proxies)', () => {
  let devnet: Devnet
  let a: FaultProxy
  let b: FaultProxy
  let network: Network
  let dir: string
  let store: LightClientStateStore
  beforeAll(async () => {
    devnet = await startTestDevnet({ periods: 3 })
    a = await startFaultProxy({ target: devnet.beaconUrl })
    b = await startFaultProxy({ target: devnet.beaconUrl })
    network = createCustomNetwork({
      name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot,
      genesisTime: devnet.genesisTime, beaconApis: [a.url, b.url],
    })
    dir = await mkdtemp(join(tmpdir(), 'latchkey-devnet-lc-'))
    store = createFileStateStore({ directory: dir })
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await devnet?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const client = (params: { checkpoint?: `0x${string}`; store?: LightClientStateStore } = {}) =>
    new LightClient({ network, timeoutMs: 5_000, syncedToleranceSlots: 4, ...params })

  async function anvilBlock(number: bigint) {
    const response = await fetch(devnet.rpcUrl, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: [`0x${number.toString(16)}`, false] }),
    })
    return ((await response.json()) as { result: { hash: string; stateRoot: string; receiptsRoot: string; timestamp: string } }).result
  }

  it('syncs from the checkpoint through the committee hand-overs to the head; the execution header is anvil\'s block', async () => {
    const lc = client({ checkpoint: devnet.checkpointRoot, store })
    await lc.init()
    // The hand-overs are reported one by one ("verifying committee 2 of 3"), and cleared once done.
    const progress: string[] = []
    lc.subscribe((event) => {
      const p = event.type === 'state' ? event.state.committeeProgress : undefined
      if (p && progress.at(-1) !== `${p.done}/${p.total}`) progress.push(`${p.done}/${p.total}`)
    })
    await lc.syncOnce()
    const total = periodOf(lc.currentSlot) - periodOf(devnet.checkpointSlot)
    expect(progress).toEqual(Array.from({ length: total + 1 }, (_, i) => `${i}/${total}`))
    expect(lc.state.committeeProgress).toBeUndefined()
    // One round brings the hand-overs; the head may take more when this process was too busy
    // verifying them for the devnet (in the same process) to produce its slots on time (a round
    // without a new head reports 'stalled' until the devnet catches up). The devnet's head at start
    // is attested only by the next block's sync aggregate: until the devnet produces it, the best
    // verifiable head is the slot before, so the rounds go on until that next head is in.
    await syncUntilSynced(lc, () => (lc.state.optimistic?.slot ?? 0) >= devnet.headSlot)
    const { finalized, optimistic, status } = lc.state
    expect(periodOf(finalized!.slot) - periodOf(devnet.checkpointSlot)).toBeGreaterThanOrEqual(2)
    expect(status).toBe('synced')
    expect(optimistic!.slot).toBeGreaterThanOrEqual(devnet.headSlot)
    const latest = await lc.getExecutionHeader('latest')
    const block = await anvilBlock(latest.number)
    expect(latest.blockHash).toBe(block.hash)
    expect(latest.stateRoot).toBe(block.stateRoot)
    expect(latest.receiptsRoot).toBe(block.receiptsRoot)
    expect(latest.timestamp).toBe(BigInt(block.timestamp))
  })

  it('finishes from the second endpoint when the first is killed mid-sync', async () => {
    const lc = client({ checkpoint: devnet.checkpointRoot })
    await lc.init()
    a.kill()
    try {
      await lc.syncOnce()
      // As above: the head may take another round when the in-process devnet fell behind.
      await syncUntilSynced(lc)
    } finally {
      a.revive()
    }
    const [ha, hb] = lc.state.endpoints
    expect(lc.state.status).toBe('synced')
    expect(ha).toMatchObject({ faulty: false, lastError: { name: 'NetworkError' } })
    expect(hb!.successes).toBeGreaterThanOrEqual(3)
  })

  it('marks an endpoint serving a tampered update faulty and syncs from the honest one', async () => {
    a.setRules([{ match: /light_client\/updates/, fault: { kind: 'tamper', transform: tamperJson((u) => {
      u[1].data.sync_aggregate.sync_committee_signature = flipHexByte(u[1].data.sync_aggregate.sync_committee_signature, 40)
    }) } }])
    try {
      const lc = client({ checkpoint: devnet.checkpointRoot })
      await lc.init()
      await lc.syncOnce()
      expect(lc.state.status).toBe('synced')
      expect(lc.state.endpoints[0]).toMatchObject({ faulty: true, faultsProven: 1, lastError: { name: 'InvalidSyncSignatureError' } })
    } finally {
      a.clear()
    }
  })

  it('restarts from the persisted header without the checkpoint', async () => {
    const [beforeA, beforeB] = [a.log.length, b.log.length]
    const lc = client({ store })
    await lc.init()
    expect(lc.state.checkpoint?.source).toBe('saved')
    await lc.syncOnce()
    expect(lc.state.status).toBe('synced')
    const requests = [...a.log.slice(beforeA), ...b.log.slice(beforeB)].map((r) => r.path)
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.some((p) => p.includes('/bootstrap/'))).toBe(false)
  })
})

/** Rounds on (a slot apart) until the client is synced and `also` holds, for up to 30 s: the in-process devnet may lag its slots while this process verifies. */
async function syncUntilSynced(lc: { state: { status: string }; syncOnce(): Promise<unknown> }, also: () => boolean = () => true): Promise<void> {
  const until = Date.now() + 30_000
  while (!(lc.state.status === 'synced' && also()) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500))
    await lc.syncOnce()
  }
}
