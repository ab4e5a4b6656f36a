// The light client's fork config (src/lib/consensus/createLightClientConfig.ts) stands in for
// Lodestar's createBeaconConfig in the worker; here it is held to Lodestar's on every network
// Lodestar ships, the devnet, and a schedule with blob-parameter-only forks: same fork at every
// boundary slot, same signing domains, same fork digests.
import { type ChainConfig, createBeaconConfig } from '@lodestar/config'
import { genesisData, networksChainConfig } from '@lodestar/config/networks'
import { DOMAIN_BEACON_PROPOSER, DOMAIN_SYNC_COMMITTEE, SLOTS_PER_EPOCH } from '@lodestar/params'
import { bytesToHex, hexToBytes } from 'viem'
import { describe, expect, it } from 'vitest'
import { createLightClientConfig } from '../../../src/lib/consensus/createLightClientConfig.ts'
import { createDevnetChain } from '../../../scripts/devnet/chainConfig.ts'

const devnet = createDevnetChain()
const bpo: ChainConfig = {
  ...networksChainConfig.mainnet,
  ALTAIR_FORK_EPOCH: 1, BELLATRIX_FORK_EPOCH: 2, CAPELLA_FORK_EPOCH: 2, DENEB_FORK_EPOCH: 3, ELECTRA_FORK_EPOCH: 5, FULU_FORK_EPOCH: 8,
  BLOB_SCHEDULE: [{ EPOCH: 8, MAX_BLOBS_PER_BLOCK: 12 }, { EPOCH: 10, MAX_BLOBS_PER_BLOCK: 15 }, { EPOCH: 10, MAX_BLOBS_PER_BLOCK: 18 }, { EPOCH: 13, MAX_BLOBS_PER_BLOCK: 21 }],
}
const cases: [string, ChainConfig, Uint8Array][] = [
  // Gnosis and Chiado need Lodestar's gnosis preset, which a process with the mainnet preset cannot load.
  ...Object.entries(networksChainConfig).filter(([, config]) => config.PRESET_BASE === 'mainnet').map(([name, config]): [string, ChainConfig, Uint8Array] => [name, config, hexToBytes(genesisData[name as keyof typeof genesisData].genesisValidatorsRoot as `0x${string}`)]),
  ['devnet', devnet.chainConfig, devnet.genesisValidatorsRoot],
  ['blob-parameter-only forks', bpo, hexToBytes(genesisData.mainnet.genesisValidatorsRoot as `0x${string}`)],
]

describe('createLightClientConfig agrees with Lodestar\'s createBeaconConfig', () => {
  it.each(cases)('%s: forks, the fork of every boundary slot, signing domains and fork digests', (_name, chainConfig, genesisValidatorsRoot) => {
    const ours = createLightClientConfig(chainConfig, genesisValidatorsRoot)
    const theirs = createBeaconConfig(chainConfig, genesisValidatorsRoot)
    for (const [name, fork] of Object.entries(theirs.forks)) {
      expect(ours.forks[name as keyof typeof ours.forks]).toMatchObject({ name: fork.name, seq: fork.seq, epoch: fork.epoch, version: fork.version })
    }
    expect(ours.SECONDS_PER_SLOT).toBe(theirs.SECONDS_PER_SLOT)
    expect(ours.genesisValidatorsRoot).toEqual(theirs.genesisValidatorsRoot)
    const epochs = theirs.forkBoundariesAscendingEpochOrder.flatMap(({ epoch }) => [epoch - 1, epoch, epoch + 1]).filter((e) => e >= 0)
    const slots = [0, 1, ...epochs.flatMap((e) => [e * SLOTS_PER_EPOCH - 1, e * SLOTS_PER_EPOCH, e * SLOTS_PER_EPOCH + 1])].filter((s) => s >= 0)
    for (const slot of slots) {
      expect(ours.getForkName(slot), `slot ${slot}`).toBe(theirs.getForkName(slot))
      for (const domain of [DOMAIN_SYNC_COMMITTEE, DOMAIN_BEACON_PROPOSER]) expect(bytesToHex(ours.getDomain(slot, domain)), `slot ${slot}`).toBe(bytesToHex(theirs.getDomain(slot, domain)))
    }
    const digests = theirs.forkBoundariesAscendingEpochOrder.map((boundary) => theirs.forkBoundary2ForkDigestHex(boundary))
    expect(digests.length).toBeGreaterThan(0)
    for (const digest of digests) expect(ours.forkDigest2ForkBoundaryOption(digest), digest).toEqual(theirs.forkDigest2ForkBoundaryOption(digest))
    expect(ours.forkDigest2ForkBoundaryOption(`0x${digests[0]}`)).toEqual(theirs.forkDigest2ForkBoundaryOption(digests[0]!))
    expect(ours.forkDigest2ForkBoundaryOption('00000000')).toBeNull()
  })

  it('the blob-parameter-only schedule has digests apart from its forks\' (so the comparison above covers them)', () => {
    const theirs = createBeaconConfig(bpo, hexToBytes(genesisData.mainnet.genesisValidatorsRoot as `0x${string}`))
    const fuluDigests = new Set(theirs.forkBoundariesAscendingEpochOrder.filter((b) => b.fork === 'fulu').map((b) => theirs.forkBoundary2ForkDigestHex(b)))
    expect(fuluDigests.size).toBe(3)
  })
})
