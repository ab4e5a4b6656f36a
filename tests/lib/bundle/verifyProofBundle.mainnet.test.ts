import { describe, expect, it } from 'vitest'
import type { ProofBundle } from '../../../src/lib/bundle/types.ts'
import { verifyProofBundle } from '../../../src/lib/bundle/verifyProofBundle.ts'
import { chainsafeBls } from '../../../src/lib/consensus/bls/chainsafeBls.ts'
import { decodeLightClientData, lightClientSszType } from '../../../src/lib/consensus/decodeLightClientData.ts'
import { createNetworkConfig, getNetwork } from '../../../src/lib/consensus/networks.ts'
import { toLightClientUpdate } from '../../../src/lib/consensus/spec/toLightClientUpdate.ts'
import { toBundleNetwork } from '../../../src/lib/consensus/toBundleNetwork.ts'
import { toConsensusHeader } from '../../../src/lib/consensus/toConsensusHeader.ts'
import { HELIOS, HELIOS_CHECKPOINT, flipBit } from '../consensus/heliosChain.ts'
import { readFixture } from '../consensus/fakeBeaconApi.ts'

// The helios capella chain (../shared/fixtures/README.md): bootstrap p862, hand-overs p862..866, and
// the finality update signed in p867 whose finalized header carries execution block 17923026.
const BLOCK = { number: '17923026', hash: '0xbc8499537876e5406c7a65e25f99063f1cd85a17014a3aa5ade38271b1fbf64f', stateRoot: '0x226f5ff47ab3725b5a4a3afc74b1e79e4aa3a29704561eccce590e58900baec3' } as const

function mainnetBundle(): ProofBundle {
  const network = getNetwork({ name: 'mainnet', beaconApis: [] })
  const config = createNetworkConfig(network)
  const finality = decodeLightClientData({ config, kind: 'finalityUpdate', json: readFixture(HELIOS + 'finality.json'), url: 'fixture' }).value
  const head = toLightClientUpdate(config, finality)
  const fork = config.getForkName(head.attestedHeader.beacon.slot)
  const updates = (readFixture(HELIOS + 'updates.json') as { version: string; data: Record<string, unknown> }[]).slice(0, 5)
  const receiptsRoot = toConsensusHeader(finality.finalizedHeader).execution!.receiptsRoot
  return {
    format: 'latchkey-proof-bundle',
    version: 1,
    createdAt: '2026-12-01T00:00:00.000Z',
    network: toBundleNetwork({ network, chainId: 1 }),
    consensus: {
      checkpoint: HELIOS_CHECKPOINT,
      bootstrap: readFixture(HELIOS + 'bootstrap.json'),
      updates,
      head: { version: fork, data: lightClientSszType(fork, 'LightClientUpdate').toJson(head) as Record<string, unknown> },
    },
    block: { number: BLOCK.number, hash: BLOCK.hash },
    ancestors: [],
    claim: { kind: 'block', ...BLOCK, receiptsRoot },
    proofs: {},
  }
}

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
