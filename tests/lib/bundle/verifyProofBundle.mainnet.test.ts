import { describe, expect, it } from 'vitest'
import { verifyProofBundle } from '../../../src/lib/bundle/verifyProofBundle.ts'
import { chainsafeBls } from '../../../src/lib/consensus/bls/chainsafeBls.ts'
import { HELIOS_CHECKPOINT, flipBit } from '../consensus/heliosChain.ts'
import { BLOCK, mainnetBundle } from './mainnetBundle.ts'

describe('verifyProofBundle on recorded mainnet data (helios capella chain)', () => {
  it('replays the checkpoint through five hand-overs to the finalized execution block 17923026', async () => {
    const result = await verifyProofBundle({ bundle: mainnetBundle(), checkpoint: HELIOS_CHECKPOINT, bls: chainsafeBls })
    expect(result.network).toBe('mainnet')
    expect(result.block).toMatchObject({ number: 17923026n, hash: BLOCK.hash, stateRoot: BLOCK.stateRoot })
    expect(result.head).toMatchObject({ via: 'finalized', slot: 7109344, ancestors: 0 })
    expect(result.head.beaconRoot).toBe('0xa9bb1965a6288f64374a9425f5ecb90dd81239cc2ae1a8ec8b673c13c9d2586a')
    expect(result.checkpoint).toEqual({ root: HELIOS_CHECKPOINT, source: 'user' })
  })

  const tampers: [string, (b: any) => void, string][] = [
    ['a hand-over signature bit', (b) => { const a = b.consensus.updates[2].data.sync_aggregate; a.sync_committee_signature = flipBit(a.sync_committee_signature, 60) }, 'InvalidSyncSignatureError'],
    ['the head\'s finalized execution state root', (b) => { const e = b.consensus.head.data.finalized_header.execution; e.state_root = flipBit(e.state_root) }, 'InvalidMerkleBranchError'],
    ['the claimed state root', (b) => { b.claim.stateRoot = flipBit(b.claim.stateRoot) }, 'BundleClaimMismatchError'],
    ['the checkpoint', (b) => { b.consensus.checkpoint = flipBit(b.consensus.checkpoint) }, 'TrustedRootMismatchError'],
    ['the genesis validators root of a built-in network', (b) => { b.network.genesisValidatorsRoot = flipBit(b.network.genesisValidatorsRoot) }, 'BundleNetworkMismatchError'],
    ['a missing hand-over', (b) => { b.consensus.updates.splice(2, 1) }, 'UnusableUpdateError'],
  ]
  for (const [what, tamper, errorName] of tampers) {
    it(`refuses ${what} with ${errorName}`, async () => {
      const bundle = mainnetBundle()
      tamper(bundle)
      await expect(verifyProofBundle({ bundle, bls: chainsafeBls })).rejects.toMatchObject({ name: errorName })
    })
  }
})
