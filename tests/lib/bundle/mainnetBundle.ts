import type { ProofBundle } from '../../../src/lib/bundle/types.ts'
import { decodeLightClientData, lightClientSszType } from '../../../src/lib/consensus/decodeLightClientData.ts'
import { createNetworkConfig, getNetwork } from '../../../src/lib/consensus/networks.ts'
import { toLightClientUpdate } from '../../../src/lib/consensus/spec/toLightClientUpdate.ts'
import { toBundleNetwork } from '../../../src/lib/consensus/toBundleNetwork.ts'
import { toConsensusHeader } from '../../../src/lib/consensus/toConsensusHeader.ts'
import { HELIOS, HELIOS_CHECKPOINT } from '../consensus/heliosChain.ts'
import { readFixture } from '../consensus/fakeBeaconApi.ts'

// The helios capella chain (../shared/fixtures/README.md): bootstrap p862, hand-overs p862..866, and
// the finality update signed in p867 whose finalized header carries execution block 17923026.
export const BLOCK = { number: '17923026', hash: '0xbc8499537876e5406c7a65e25f99063f1cd85a17014a3aa5ade38271b1fbf64f', stateRoot: '0x226f5ff47ab3725b5a4a3afc74b1e79e4aa3a29704561eccce590e58900baec3' } as const

export function mainnetBundle(): ProofBundle {
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
