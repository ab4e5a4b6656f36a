import type { AddOptions } from '@helia/unixfs'

/**
 * UnixFS settings of the IPIP-499 `unixfs-v1-2025` profile, spelled out so a
 * library default that changes between versions cannot change our CID:
 * CIDv1, raw leaves, 1 MiB fixed-size chunks, balanced layout with up to 1024
 * links per node, directories sharded (HAMT) above 256 KiB measured by block
 * size, no mtime and no mode. Kubo >= 0.40 with `ipfs init --profile=unixfs-v1-2025`
 * computes the same CIDs (see the README, `npm run publish`); @helia/unixfs
 * supplies the 1 MiB chunker and the 1024-wide balanced layout.
 */
export const unixfsImportOptions = {
  profile: 'unixfs-v1-2025',
  cidVersion: 1,
  rawLeaves: true,
  reduceSingleLeafToSelf: true,
  shardSplitThresholdBytes: 262_144,
  shardSplitStrategy: 'block-bytes',
  shardFanoutBits: 8,
  wrapWithDirectory: true,
} as const satisfies Partial<AddOptions>
