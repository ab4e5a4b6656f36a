import { describe, expect, it } from 'vitest'
import { BundleCheckpointMismatchError, BundleNetworkMismatchError } from '../../../src/lib/bundle/errors.ts'
import { verifyProofBundle } from '../../../src/lib/bundle/verifyProofBundle.ts'
import { verifyProofBundleWith } from '../../../src/lib/bundle/verifyProofBundleWith.ts'
import { chainsafeBls } from '../../../src/lib/consensus/bls/chainsafeBls.ts'
import { InvalidSyncSignatureError } from '../../../src/lib/consensus/errors.ts'
import { type ServicePort, serveLightClient } from '../../../src/ui/engine/lightClient.worker.ts'
import { requestBundleConsensus } from '../../../src/ui/engine/requestBundleConsensus.ts'
import { toLightClientChannel } from '../../../src/ui/engine/toLightClientChannel.ts'
import { HELIOS_CHECKPOINT, flipBit } from '../../lib/consensus/heliosChain.ts'
import { mainnetBundle } from '../../lib/bundle/mainnetBundle.ts'

/** The light-client service (the worker's module) on one end of a MessageChannel, the page's channel on the other. */
function service() {
  const { port1, port2 } = new MessageChannel()
  const channel = toLightClientChannel({ endpoint: port2 as unknown as Worker, close: () => (port1.close(), port2.close()) })
  serveLightClient(port1 as unknown as ServicePort)
  return channel
}

/** As the Verify a proof screen checks: the light-client half in the service, the rest here. */
async function checkThroughService(bundle: unknown, checkpoint?: `0x${string}`) {
  const channel = service()
  try {
    return await verifyProofBundleWith({ bundle, checkpoint, verifyConsensus: (parameters) => requestBundleConsensus({ channel, parameters }) })
  } finally {
    channel.close()
  }
}

describe('requestBundleConsensus: a proof bundle replayed in the light-client service', () => {
  it('reaches the verdict the CLI reaches in its own thread (recorded mainnet chain, five hand-overs)', async () => {
    const inService = await checkThroughService(mainnetBundle(), HELIOS_CHECKPOINT)
    const local = await verifyProofBundle({ bundle: mainnetBundle(), checkpoint: HELIOS_CHECKPOINT, bls: chainsafeBls })
    expect(inService).toEqual(local)
    expect(inService.head).toMatchObject({ via: 'finalized', slot: 7109344 })
  })

  it('brings a forged hand-over signature back as InvalidSyncSignatureError', async () => {
    const bundle = mainnetBundle()
    const aggregate = (bundle.consensus.updates[2]!.data as { sync_aggregate: { sync_committee_signature: string } }).sync_aggregate
    aggregate.sync_committee_signature = flipBit(aggregate.sync_committee_signature, 60)
    await expect(checkThroughService(bundle)).rejects.toBeInstanceOf(InvalidSyncSignatureError)
  })

  it('brings the bundle\'s own refusals back as their classes, with their fields', async () => {
    const other = `0x${'44'.repeat(32)}` as const
    const mismatch = await checkThroughService(mainnetBundle(), other).catch((e: unknown) => e)
    expect(mismatch).toBeInstanceOf(BundleCheckpointMismatchError)
    expect(mismatch).toMatchObject({ expected: other, found: HELIOS_CHECKPOINT })
    const bundle = mainnetBundle()
    bundle.network.genesisValidatorsRoot = flipBit(bundle.network.genesisValidatorsRoot) as `0x${string}`
    const network = await checkThroughService(bundle).catch((e: unknown) => e)
    expect(network).toBeInstanceOf(BundleNetworkMismatchError)
    expect(network).toMatchObject({ network: 'mainnet' })
  })
})
