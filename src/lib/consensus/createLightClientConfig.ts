import type { ChainConfig } from '@lodestar/config'
import { ForkName, ForkSeq, SLOTS_PER_EPOCH } from '@lodestar/params'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from 'viem'
import { ForkData } from './lightClientSsz.ts'

/** A fork of the schedule: when it starts and the version its signatures are domain-separated by. */
export type ForkInfo = { name: ForkName; seq: ForkSeq; epoch: number; version: Uint8Array }

/** A fork boundary: a fork's first epoch, or (from Fulu) a blob-parameter-only fork's. */
export type ForkBoundary = { fork: ForkName; epoch: number }

/**
 * What the light client reads of a chain's config: the chain config itself, its fork schedule,
 * signing domains and fork digests. A subset of Lodestar's BeaconConfig (which satisfies it), so
 * that Lodestar's fork config, whose import builds every SSZ type of every fork, stays out of the
 * worker; tests/lib/consensus/createLightClientConfig.test.ts holds it to Lodestar's on every network.
 */
export type LightClientConfig = ChainConfig & {
  forks: Record<ForkName, ForkInfo>
  genesisValidatorsRoot: Uint8Array
  getForkName(slot: number): ForkName
  /** The domain of a message signed at this slot (the fork of the slot's epoch). */
  getDomain(slot: number, domainType: Uint8Array): Uint8Array
  /** Hex without 0x; null for a digest of no fork of this chain. */
  forkDigest2ForkBoundaryOption(forkDigestHex: string): ForkBoundary | null
}

const forkNames = Object.values(ForkName).sort((a, b) => ForkSeq[a] - ForkSeq[b])

/** The fork schedule of a chain config, with its signing domains and digests for one genesis. */
export function createLightClientConfig(chainConfig: ChainConfig, genesisValidatorsRoot: Uint8Array): LightClientConfig {
  const config = chainConfig as unknown as Record<string, unknown>
  const forks = Object.fromEntries(forkNames.map((name): [ForkName, ForkInfo] => {
    const key = name.toUpperCase()
    return name === ForkName.phase0
      ? [name, { name, seq: ForkSeq[name], epoch: 0, version: chainConfig.GENESIS_FORK_VERSION }]
      : [name, { name, seq: ForkSeq[name], epoch: config[`${key}_FORK_EPOCH`] as number, version: config[`${key}_FORK_VERSION`] as Uint8Array }]
  })) as Record<ForkName, ForkInfo>
  const forksDescending = Object.values(forks).reverse()
  // As Lodestar's forkBoundariesAscendingEpochOrder: the forks, then Fulu's blob schedule entries
  // (each under the fork it falls in); a later boundary at the same epoch wins.
  const boundaries: ForkBoundary[] = [
    ...Object.values(forks).map(({ name, epoch }) => ({ fork: name, epoch })),
    ...chainConfig.BLOB_SCHEDULE.map((entry) => ({ fork: forksDescending.find((f) => entry.EPOCH >= f.epoch)?.name ?? ForkName.phase0, epoch: entry.EPOCH })),
  ].filter(({ epoch }) => epoch !== Infinity).sort((a, b) => a.epoch - b.epoch)
  const boundariesDescending = [...boundaries].reverse()
  const boundaryAt = (epoch: number) => boundariesDescending.find((b) => Math.max(epoch, 0) >= b.epoch)!
  const epochOf = (slot: number) => Math.floor(Math.max(slot, 0) / SLOTS_PER_EPOCH)

  const forkDataRoot = (version: Uint8Array) => ForkData.hashTreeRoot({ currentVersion: version, genesisValidatorsRoot })
  const blobParametersAt = (epoch: number) => {
    const entry = [...chainConfig.BLOB_SCHEDULE].sort((a, b) => b.EPOCH - a.EPOCH).find((e) => epoch >= e.EPOCH)
    return entry ? { epoch: entry.EPOCH, maxBlobsPerBlock: entry.MAX_BLOBS_PER_BLOCK } : { epoch: chainConfig.ELECTRA_FORK_EPOCH, maxBlobsPerBlock: chainConfig.MAX_BLOBS_PER_BLOCK_ELECTRA }
  }
  // https://github.com/ethereum/consensus-specs/blob/dev/specs/fulu/beacon-chain.md#modified-compute_fork_digest
  const forkDigest = (epoch: number) => {
    const fork = forks[boundaryAt(epoch).fork]
    const base = forkDataRoot(fork.version)
    if (fork.seq < ForkSeq.fulu) return base.slice(0, 4)
    const blob = blobParametersAt(epoch)
    const input = new Uint8Array(16)
    const view = new DataView(input.buffer)
    view.setBigUint64(0, BigInt(blob.epoch), true)
    view.setBigUint64(8, BigInt(blob.maxBlobsPerBlock), true)
    const mask = sha256(input)
    return base.slice(0, 4).map((byte, i) => byte ^ mask[i]!)
  }
  // Digests are computed on the first lookup (SSZ-only or Portal data), not at start-up.
  let byDigest: Map<string, ForkBoundary> | undefined
  const digests = () => {
    if (byDigest) return byDigest
    byDigest = new Map()
    boundaries.forEach((boundary, i) => {
      if (boundaries[i + 1]?.epoch === boundary.epoch) return
      byDigest!.set(bytesToHex(forkDigest(boundary.epoch)).slice(2), boundaryAt(boundary.epoch))
    })
    return byDigest
  }
  const domains = new Map<string, Uint8Array>()

  return {
    ...chainConfig,
    forks,
    genesisValidatorsRoot,
    getForkName: (slot) => forks[boundaryAt(epochOf(slot)).fork].name,
    // https://github.com/ethereum/consensus-specs/blob/dev/specs/phase0/beacon-chain.md#compute_domain
    getDomain(slot, domainType) {
      const fork = forks[boundaryAt(epochOf(slot)).fork]
      const key = `${fork.name}:${domainType.join(',')}`
      let domain = domains.get(key)
      if (!domain) {
        domain = new Uint8Array(32)
        domain.set(domainType.subarray(0, 4), 0)
        domain.set(forkDataRoot(fork.version).subarray(0, 28), 4)
        domains.set(key, domain)
      }
      return domain
    },
    forkDigest2ForkBoundaryOption: (hex) => digests().get(hex.replace(/^0x/, '').toLowerCase()) ?? null,
  }
}
