import type { BlsBackend } from '../consensus/bls/BlsBackend.ts'
import { type ReplayConsensusProofReturnType, replayConsensusProof } from '../consensus/replayConsensusProof.ts'
import { fromBundleNetwork } from '../consensus/toBundleNetwork.ts'
import type { Hex } from '../execution/types.ts'
import { BundleCheckpointMismatchError } from './errors.ts'
import type { BundleNetwork, ConsensusProof } from './types.ts'

export type VerifyBundleConsensusParameters = {
  network: BundleNetwork
  consensus: ConsensusProof
  /** The root the user trusts; without it the bundle's own checkpoint is used. */
  checkpoint?: Hex
}

export type VerifyBundleConsensusReturnType = {
  /** The network's name as this build knows it. */
  network: string
  /** This build's chain id for a built-in network (the EVM's CHAINID), never the bundle's word; undefined for a custom one. */
  builtInChainId: number | undefined
  trustedRoot: Hex
  trusted: ReplayConsensusProofReturnType['trusted']
  participants: number | undefined
}

/**
 * The light-client half of a proof bundle's check (the other half, linking the block and
 * recomputing the value, is verifyProofBundleWith): the network is this build's own (built-in) or
 * the bundle's (custom), the checkpoint must be the trusted one, and the light client is replayed
 * from it. Plain data in and out, so that the app runs it in the light-client worker, which holds
 * the SSZ types, chain configs and BLS already (the page's verifier then carries no copy of them).
 */
export function verifyBundleConsensus({ network: bundleNetwork, consensus, checkpoint, bls }: VerifyBundleConsensusParameters & { bls: BlsBackend }): VerifyBundleConsensusReturnType {
  const network = fromBundleNetwork(bundleNetwork)
  if (checkpoint && checkpoint.toLowerCase() !== consensus.checkpoint.toLowerCase())
    throw new BundleCheckpointMismatchError({ expected: checkpoint, found: consensus.checkpoint })
  const trustedRoot = (checkpoint ?? consensus.checkpoint).toLowerCase() as Hex
  const replay = replayConsensusProof({ network, proof: consensus, trustedRoot, bls })
  return {
    network: network.name,
    builtInChainId: bundleNetwork.builtIn ? Number(network.chainConfig.DEPOSIT_CHAIN_ID) : undefined,
    trustedRoot,
    trusted: replay.trusted,
    participants: replay.participants,
  }
}
