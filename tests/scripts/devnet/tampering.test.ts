import { getClient } from '@lodestar/api'
import { type ChainForkConfig, chainConfigFromJson, createChainForkConfig } from '@lodestar/config'
import { Lightclient } from '@lodestar/light-client'
import { LightClientRestTransport } from '@lodestar/light-client/transport'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'
import { type FaultProxy, flipHexByte, startFaultProxy, tamperJson } from '../../helpers/faultProxy.ts'

const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} }
const UPDATES = /light_client\/updates/
const BOOTSTRAP = /light_client\/bootstrap/

describe("Lodestar's light client rejects what the fault proxy tampers with", () => {
  let devnet: Devnet
  let proxy: FaultProxy
  let config: ChainForkConfig
  beforeAll(async () => {
    devnet = await startTestDevnet({ periods: 2, autoProduce: false })
    proxy = await startFaultProxy({ target: devnet.beaconUrl })
    config = createChainForkConfig(chainConfigFromJson(devnet.chainConfig))
  })
  afterEach(() => proxy.clear())
  afterAll(async () => {
    await proxy?.close()
    await devnet?.stop()
  })

  const client = (cfg = config, checkpointRoot = devnet.checkpointRoot) =>
    Lightclient.initializeFromCheckpointRoot({
      config: cfg,
      logger: silent,
      transport: new LightClientRestTransport(getClient({ baseUrl: proxy.url, globalInit: { responseWireFormat: 'json' } }, { config: cfg })),
      genesisData: { genesisTime: devnet.genesisTime, genesisValidatorsRoot: devnet.genesisValidatorsRoot },
      checkpointRoot: Buffer.from(checkpointRoot.slice(2), 'hex'),
    })
  const headPeriod = () => Math.floor(devnet.headSlot / 8192)
  const checkpointPeriod = () => Math.floor(devnet.checkpointSlot / 8192)

  it('the untampered chain syncs (control)', async () => {
    const lc = await client()
    await lc.sync(checkpointPeriod(), headPeriod())
    expect(Math.floor(lc.getFinalized().beacon.slot / 8192)).toBe(headPeriod())
  })

  it('a flipped bit in the sync-committee signature', async () => {
    proxy.setRules([{ match: UPDATES, fault: { kind: 'tamper', transform: tamperJson((u) => {
      u[1].data.sync_aggregate.sync_committee_signature = flipHexByte(u[1].data.sync_aggregate.sync_committee_signature, 40)
    }) } }])
    const lc = await client()
    await expect(lc.sync(checkpointPeriod(), headPeriod())).rejects.toThrow(/signature/i)
  })

  it('a valid signature over another header (signatures swapped between updates)', async () => {
    proxy.setRules([{ match: UPDATES, fault: { kind: 'tamper', transform: tamperJson((u) => {
      const a = u[0].data.sync_aggregate.sync_committee_signature
      u[0].data.sync_aggregate.sync_committee_signature = u[1].data.sync_aggregate.sync_committee_signature
      u[1].data.sync_aggregate.sync_committee_signature = a
    }) } }])
    const lc = await client()
    await expect(lc.sync(checkpointPeriod(), headPeriod())).rejects.toThrow('Invalid aggregate signature')
  })

  it('a changed node of the next-sync-committee branch', async () => {
    proxy.setRules([{ match: UPDATES, fault: { kind: 'tamper', transform: tamperJson((u) => {
      u[0].data.next_sync_committee_branch[2] = flipHexByte(u[0].data.next_sync_committee_branch[2])
    }) } }])
    const lc = await client()
    await expect(lc.sync(checkpointPeriod(), headPeriod())).rejects.toThrow('Invalid next sync committee merkle branch')
  })

  it('a changed node of the finality branch', async () => {
    proxy.setRules([{ match: UPDATES, fault: { kind: 'tamper', transform: tamperJson((u) => {
      u[0].data.finality_branch[0] = flipHexByte(u[0].data.finality_branch[0])
    }) } }])
    const lc = await client()
    await expect(lc.sync(checkpointPeriod(), headPeriod())).rejects.toThrow('Invalid finality header merkle branch')
  })

  it('a next sync committee swapped for another (its branch no longer matches)', async () => {
    proxy.setRules([{ match: UPDATES, fault: { kind: 'tamper', transform: tamperJson((u) => {
      u[0].data.next_sync_committee.pubkeys[7] = u[0].data.next_sync_committee.pubkeys[8]
    }) } }])
    const lc = await client()
    await expect(lc.sync(checkpointPeriod(), headPeriod())).rejects.toThrow('Invalid next sync committee merkle branch')
  })

  it('a changed execution state root in the attested header', async () => {
    proxy.setRules([{ match: UPDATES, fault: { kind: 'tamper', transform: tamperJson((u) => {
      u[0].data.attested_header.execution.state_root = flipHexByte(u[0].data.attested_header.execution.state_root)
    }) } }])
    const lc = await client()
    await expect(lc.sync(checkpointPeriod(), headPeriod())).rejects.toThrow(/not Valid Light Client Header/)
  })

  it('a bootstrap whose committee branch was altered', async () => {
    proxy.setRules([{ match: BOOTSTRAP, fault: { kind: 'tamper', transform: tamperJson((b) => {
      b.data.current_sync_committee_branch[0] = flipHexByte(b.data.current_sync_committee_branch[0])
    }) } }])
    await expect(client()).rejects.toThrow(/branch|proof|invalid/i)
  })

  it('a bootstrap for another root than the trusted checkpoint', async () => {
    const other = devnet.chain.blocks[3].root
    proxy.setRules([{ match: BOOTSTRAP, fault: { kind: 'tamper', transform: (_b, ctx) => {
      void ctx
      const res = devnet.chain.bootstrap(devnet.chain.blockByRoot(other)!)
      return JSON.stringify({ version: res.version, data: (config.getPostAltairForkTypes(0).LightClientBootstrap as any).toJson(res.data) })
    } } }])
    await expect(client()).rejects.toThrow(/root|header/i)
  })

  it('updates signed under a different fork version (wrong signing domain)', async () => {
    const wrongFork = createChainForkConfig({ ...chainConfigFromJson(devnet.chainConfig), FULU_FORK_VERSION: Uint8Array.from([0x4c, 0x4b, 0xff, 6]) })
    const lc = await client(wrongFork)
    await expect(lc.sync(checkpointPeriod(), headPeriod())).rejects.toThrow('Invalid aggregate signature')
  })

  it('garbage instead of JSON is an error, not a crash', async () => {
    proxy.setRules([{ match: UPDATES, fault: { kind: 'respond', status: 200, body: '{"not json' } }])
    const lc = await client()
    await expect(lc.sync(checkpointPeriod(), headPeriod())).rejects.toThrow()
  })
})
