import { getClient } from '@lodestar/api'
import { chainConfigFromJson, createChainForkConfig } from '@lodestar/config'
import { Lightclient, LightclientEvent } from '@lodestar/light-client'
import { LightClientRestTransport } from '@lodestar/light-client/transport'
import { toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'

const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} }

describe("Lodestar's own light client follows the devnet", () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startTestDevnet({ periods: 3 })
  })
  afterAll(() => devnet?.stop())

  async function syncedClient(baseUrl: string) {
    const config = createChainForkConfig(chainConfigFromJson(devnet.chainConfig))
    // Lodestar's client maps SSZ fork digests with a zero genesis validators root for networks it
    // does not know, so it reads a spec-correct custom network's SSZ updates wrong: ask for JSON.
    const api = getClient({ baseUrl, globalInit: { responseWireFormat: 'json' } }, { config })
    const lc = await Lightclient.initializeFromCheckpointRoot({
      config,
      logger: silent,
      transport: new LightClientRestTransport(api),
      genesisData: { genesisTime: devnet.genesisTime, genesisValidatorsRoot: devnet.genesisValidatorsRoot },
      checkpointRoot: Buffer.from(devnet.checkpointRoot.slice(2), 'hex'),
    })
    return lc
  }

  it('syncs from the checkpoint across three committee hand-overs, and its execution header is anvil\'s block', async () => {
    const lc = await syncedClient(devnet.beaconUrl)
    const finalizedBefore = lc.getFinalized().beacon.slot
    expect(finalizedBefore).toBe(devnet.checkpointSlot)
    const heads: number[] = []
    lc.emitter.on(LightclientEvent.lightClientOptimisticHeader, (h) => heads.push(h.beacon.slot))
    await lc.start()
    // Wait for a head the devnet produced after it started, signed by the committee three periods on.
    await expect.poll(() => lc.getHead().beacon.slot, { timeout: 20_000 }).toBeGreaterThanOrEqual(devnet.headSlot)
    lc.stop()
    expect(heads.at(-1)).toBe(lc.getHead().beacon.slot)
    const finalized = lc.getFinalized()
    expect(Math.floor(finalized.beacon.slot / 8192)).toBe(Math.floor(devnet.checkpointSlot / 8192) + 3)

    const head = lc.getHead() as { beacon: { slot: number }; execution: { blockNumber: number; blockHash: Uint8Array; stateRoot: Uint8Array } }
    expect(head.beacon.slot).toBeGreaterThanOrEqual(devnet.headSlot)
    for (const header of [head, finalized as typeof head]) {
      const res = await fetch(devnet.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: [toHex(header.execution.blockNumber), false] }),
      })
      const { result } = (await res.json()) as { result: { hash: string; stateRoot: string } }
      expect(toHex(header.execution.blockHash)).toBe(result.hash)
      expect(toHex(header.execution.stateRoot)).toBe(result.stateRoot)
    }
  })

  it('accepts updates signed by part of the committee when participation is set below 100%', async () => {
    const partial = await startTestDevnet({ periods: 1, participation: 0.75, autoProduce: false })
    try {
      const config = createChainForkConfig(chainConfigFromJson(partial.chainConfig))
      const lc = await Lightclient.initializeFromCheckpointRoot({
        config,
        logger: silent,
        transport: new LightClientRestTransport(getClient({ baseUrl: partial.beaconUrl, globalInit: { responseWireFormat: 'json' } }, { config })),
        genesisData: { genesisTime: partial.genesisTime, genesisValidatorsRoot: partial.genesisValidatorsRoot },
        checkpointRoot: Buffer.from(partial.checkpointRoot.slice(2), 'hex'),
      })
      const [update] = partial.chain.updates(Math.floor(partial.checkpointSlot / 8192), 1)
      expect(update.data.syncAggregate.syncCommitteeBits.getTrueBitIndexes().length).toBe(384)
      await lc.sync(Math.floor(partial.checkpointSlot / 8192), Math.floor(partial.headSlot / 8192))
      expect(Math.floor(lc.getFinalized().beacon.slot / 8192)).toBe(Math.floor(partial.headSlot / 8192))
    } finally {
      await partial.stop()
    }
  })
})
