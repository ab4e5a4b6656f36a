import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { createCustomNetwork, createNetworkBeaconConfig } from '../../../src/lib/consensus/networks.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'
import { flipHexByte } from '../../helpers/faultProxy.ts'
import { type OracleInput, runLodestar, runOurCore, stepsOf } from './oracle.ts'

describe('our core and Lodestar\'s LightclientSpec agree on the devnet (real BLS, hand-overs) and on tampered copies', () => {
  let devnet: Devnet
  let data: { bootstrap: any; updates: any[]; finality: any; optimistic: any }
  let base: Omit<OracleInput, 'bootstrap' | 'steps'>
  beforeAll(async () => {
    devnet = await startTestDevnet({ periods: 2, autoProduce: false })
    const get = async (path: string) => (await fetch(devnet.beaconUrl + path, { headers: { accept: 'application/json' } })).json()
    const start = Math.floor(devnet.checkpointSlot / 8192)
    data = {
      bootstrap: await get(`/eth/v1/beacon/light_client/bootstrap/${devnet.checkpointRoot}`),
      updates: await get(`/eth/v1/beacon/light_client/updates?start_period=${start}&count=8`),
      finality: await get('/eth/v1/beacon/light_client/finality_update'),
      optimistic: await get('/eth/v1/beacon/light_client/optimistic_update'),
    }
    const network = createCustomNetwork({
      name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot, genesisTime: devnet.genesisTime, beaconApis: [devnet.beaconUrl],
    })
    base = { config: createNetworkBeaconConfig(network), checkpoint: devnet.checkpointRoot, currentSlot: Number(data.optimistic.data.signature_slot) + 1 }
  })
  afterAll(async () => { await devnet?.stop() })

  const input = (tamper?: (d: typeof data) => void): OracleInput => {
    const d = structuredClone(data)
    tamper?.(d)
    return { ...base, bootstrap: d.bootstrap, steps: stepsOf(d) }
  }

  it('on the untampered chain: every step accepted, through the hand-overs to the head', async () => {
    expect(data.updates.length).toBeGreaterThanOrEqual(2)
    const ours = runOurCore(input())
    expect(ours).toEqual(await runLodestar(input()))
    expect(ours.every((t) => t.verdict === 'accepted')).toBe(true)
  })

  it.each([
    ['a flipped bit in a signature', (d: typeof data) => {
      d.updates[1].data.sync_aggregate.sync_committee_signature = flipHexByte(d.updates[1].data.sync_aggregate.sync_committee_signature, 40)
    }],
    ['signatures swapped between updates', (d: typeof data) => {
      const [a, b] = [d.updates[0].data.sync_aggregate, d.updates[1].data.sync_aggregate]
      ;[a.sync_committee_signature, b.sync_committee_signature] = [b.sync_committee_signature, a.sync_committee_signature]
    }],
    ['a changed node of the next-sync-committee branch', (d: typeof data) => {
      d.updates[0].data.next_sync_committee_branch[2] = flipHexByte(d.updates[0].data.next_sync_committee_branch[2])
    }],
    ['a changed node of the finality branch', (d: typeof data) => {
      d.updates[0].data.finality_branch[0] = flipHexByte(d.updates[0].data.finality_branch[0])
    }],
    ['a next sync committee with one key swapped', (d: typeof data) => {
      d.updates[0].data.next_sync_committee.pubkeys[7] = d.updates[0].data.next_sync_committee.pubkeys[8]
    }],
    ['a changed execution state root in an attested header', (d: typeof data) => {
      d.updates[0].data.attested_header.execution.state_root = flipHexByte(d.updates[0].data.attested_header.execution.state_root)
    }],
    ['a cleared participation bit in the finality update', (d: typeof data) => {
      const agg = d.finality.data.sync_aggregate
      agg.sync_committee_bits = '0xfe' + agg.sync_committee_bits.slice(4)
    }],
    ['a flipped bit in the optimistic update\'s signature', (d: typeof data) => {
      d.optimistic.data.sync_aggregate.sync_committee_signature = flipHexByte(d.optimistic.data.sync_aggregate.sync_committee_signature, 50)
    }],
    ['a bootstrap whose committee branch was altered', (d: typeof data) => {
      d.bootstrap.data.current_sync_committee_branch[0] = flipHexByte(d.bootstrap.data.current_sync_committee_branch[0])
    }],
  ] as const)('with %s', async (_, tamper) => {
    const ours = runOurCore(input(tamper))
    expect(ours).toEqual(await runLodestar(input(tamper)))
    expect(ours.some((t) => t.verdict === 'refused')).toBe(true)
  })
})
