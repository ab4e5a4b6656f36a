import type { Hex, RpcAccountProof, RpcBlockHeader, RpcReceipt, RpcTransaction } from '../execution/types.ts'

/** The format's name and version: a reader refuses any other (BundleFormatError). */
export const BUNDLE_FORMAT = 'latchkey-proof-bundle'
export const BUNDLE_VERSION = 1

/** Light-client data as the Beacon API serves it: the fork name and the container's JSON. */
export type ForkedJson = { version: string; data: Record<string, unknown> }

/**
 * Everything the light client's trust in one head rests on, from a trusted checkpoint: the
 * bootstrap of that root, the committee hand-overs to the head's signing period, and the update
 * whose signed (attested) or finalized header carries the block (none when the block is the
 * checkpoint's own).
 */
export type ConsensusProof = {
  checkpoint: Hex
  bootstrap: ForkedJson
  updates: ForkedJson[]
  head: ForkedJson | null
}

/** The chain's identity; a built-in network's config comes from the verifier's build, a custom one's from here. */
export type BundleNetwork = {
  name: string
  chainId: number
  genesisValidatorsRoot: Hex
  genesisTime: number
  builtIn: boolean
  /** A custom network's `/eth/v1/config/spec` JSON (absent for built-in networks). */
  chainConfig?: Record<string, string>
}

/** What the bundle says was verified; the verifier recomputes it and refuses a bundle whose claim differs. */
export type BundleClaim =
  | { kind: 'balance'; address: Hex; wei: string }
  | { kind: 'nonce'; address: Hex; nonce: string }
  | { kind: 'code'; address: Hex; codeHash: Hex; size: number }
  | { kind: 'receipt'; transactionHash: Hex; status: Hex | null; cumulativeGasUsed: Hex; logs: number }
  /** The block itself: its hash and roots, as the light client vouches for them (no execution proof needed). */
  | { kind: 'block'; number: string; hash: Hex; stateRoot: Hex; receiptsRoot: Hex }

export type ProofBundle = {
  format: typeof BUNDLE_FORMAT
  version: typeof BUNDLE_VERSION
  createdAt: string
  network: BundleNetwork
  consensus: ConsensusProof
  /** The block the value is from (number as decimal, hash). */
  block: { number: string; hash: Hex }
  /**
   * Execution headers from the verified head down to the block, newest first, each the parent of
   * the one before (empty when the block is the light client's header itself).
   */
  ancestors: RpcBlockHeader[]
  claim: BundleClaim
  proofs: {
    /** EIP-1186 eth_getProof answer (balance, nonce, code). */
    account?: RpcAccountProof
    /** eth_getCode answer (code), checked against the proven code hash. */
    code?: Hex
    /** The block with its transactions and all of its receipts (receipt). */
    block?: RpcBlockHeader & { transactions: RpcTransaction[] }
    receipts?: RpcReceipt[]
  }
}
