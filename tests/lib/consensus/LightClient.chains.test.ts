import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/lib/consensus/clock.ts'
import { decodeForkDigestPrefixed } from '../../../src/lib/consensus/decodeForkDigestPrefixed.ts'
import { ForkMismatchError } from '../../../src/lib/consensus/errors.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { memoryTransport } from '../../../src/lib/consensus/memoryTransport.ts'
import { getNetwork } from '../../../src/lib/consensus/networks.ts'
import { msAtSlot } from './heliosChain.ts'
import {
  type NamedChain, mainnetConfig, portalChain, portalValue, ultralightCapellaA, ultralightCapellaB, ultralightDeneb, ultralightElectra,
  ultralightElectraStaleFinality,
} from './recordedChains.ts'

// A source of recorded updates is all these need: served from memory (HTTP is tested in LightClient.helios and .malformed).
async function sync(chain: NamedChain) {
  const lc = new LightClient({
    network: getNetwork({ name: 'mainnet' }),
    transport: memoryTransport({ data: chain }),
    checkpoint: chain.checkpoint,
    clock: createFixedClock({ nowMs: msAtSlot(chain.clockSlot) }),
  })
  await lc.init()
  await lc.syncOnce()
  return { lc }
}

describe('recorded mainnet chains reach the finalized headers listed in the fixtures README', () => {
  it.each([
    ['ultralight capella A (p879..881)', ultralightCapellaA, '0x3e733d7d', { finalized: 18030098n, hash: '0xa6f23da6', optimistic: 18030180n }],
    ['ultralight capella B (p886..892)', ultralightCapellaB, '0x3f5bb117', { finalized: 18119381n, slot: 7307264 }],
    ['ultralight deneb (p1181)', ultralightDeneb, '0xb7918b28', { finalized: 20470410n, hash: '0x980830d0' }],
    ['ultralight electra (p1429)', ultralightElectra, '0xee691ed0', { finalized: 22490085n, hash: '0x3ddc1bf8' }],
    ['portal-spec-tests capella (p820)', () => portalChain('capella', { withUpdates: false }), '0xbd9f42d9', { finalized: 17535777n, slot: 6718368 }],
    ['portal-spec-tests deneb (p1250..1251)', () => portalChain('deneb', { withUpdates: true }), '0x33d75f85', { finalized: 21038093n, hash: '0x4385bc35', slot: 10248384 }],
  ] as const)('%s', async (_, makeChain, rootPrefix, expected: { finalized: bigint; hash?: string; slot?: number; optimistic?: bigint }) => {
    const chain = makeChain()
    expect(chain.checkpoint.startsWith(rootPrefix)).toBe(true)
    const { lc } = await sync(chain)
    const { finalized, optimistic, status, endpoints } = lc.state
    expect(status).toBe('synced')
    expect(finalized!.execution!.number).toBe(expected.finalized)
    if (expected.hash) expect(finalized!.execution!.blockHash.startsWith(expected.hash)).toBe(true)
    if (expected.slot) expect(finalized!.slot).toBe(expected.slot)
    if (expected.optimistic) expect(optimistic!.execution!.number).toBe(expected.optimistic)
    expect(endpoints[0]!.faulty).toBe(false)
  })

  it('ignores a stale (older than the bootstrap) electra finality update without blaming the endpoint', async () => {
    const chain = ultralightElectra()
    const fresh = chain.finality
    chain.finality = ultralightElectraStaleFinality()
    const { lc } = await sync(chain)
    expect(lc.state.finalized!.slot).toBe(11708928)
    expect(lc.state.endpoints[0]).toMatchObject({ faulty: false, faultsProven: 0, failures: 0 })
    chain.finality = fresh
    await lc.syncOnce()
    expect(lc.state.finalized!.execution!.number).toBe(22490085n)
  })

  it('rejects Portal content whose fork digest belongs to no fork of the network', () => {
    const bytes = portalValue('deneb/bootstrap.yaml')
    bytes[0] ^= 0xff
    expect(() => decodeForkDigestPrefixed({ config: mainnetConfig, kind: 'bootstrap', bytes })).toThrow(ForkMismatchError)
  })
})
