import type { Hex, RpcAccountProof, RpcBlockHeader, RpcReceipt, RpcTransaction } from '../execution/types.ts'

/**
 * The format's name and versions. Version 2 adds the `call` claim (and its proofs), version 3 the
 * `calls` claim (several calls at one block, over the same proofs) and the `preview` claim (a
 * transaction's simulated balance changes over the same kind of proofs), and neither changes anything
 * else: a writer marks a bundle with the oldest version that has its claim's kind, so older readers
 * still read every bundle they can, and refuse a newer kind by its version rather than misread it.
 */
export const BUNDLE_FORMAT = 'latchkey-proof-bundle'
export const BUNDLE_VERSIONS = [1, 2, 3] as const
export type BundleVersion = (typeof BUNDLE_VERSIONS)[number]
/** The claim kinds each version may hold (a reader refuses a kind its version does not have). */
export const CLAIM_KINDS: Record<BundleVersion, readonly BundleClaim['kind'][]> = {
  1: ['balance', 'nonce', 'code', 'receipt', 'block'],
  2: ['balance', 'nonce', 'code', 'receipt', 'block', 'call'],
  3: ['balance', 'nonce', 'code', 'receipt', 'block', 'call', 'calls', 'preview'],
}
/** The oldest version that can hold a claim of this kind (what a writer marks the bundle with). */
export const versionFor = (kind: BundleClaim['kind']): BundleVersion => BUNDLE_VERSIONS.find((v) => CLAIM_KINDS[v].includes(kind))!

/** One eth_call and its return data, as a `call` claim states it and a `calls` claim lists them. */
export type BundleCall = { call: Record<string, unknown>; result: Hex }

/**
 * What a preview shows, as a bundle states it: base units as decimal strings, addresses in lower
 * case, rows in a fixed order (by address and asset), so the claim compares as text.
 */
export type PreviewOutcome = {
  /** false, or the revert's return data (its reason is decoded from it). */
  reverted: false | { data: Hex }
  changes: { address: Hex; asset: 'ETH' | Hex; before: string; after: string }[]
  approvals: ({ token: Hex; owner: Hex; spender: Hex } & ({ value: string } | { tokenId: string } | { approvedForAll: boolean }))[]
  /** EIP-7702 delegations the transaction would set, change or clear (`null`: none). */
  delegationChanges: { address: Hex; before: Hex | null; after: Hex | null }[]
}

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
  /** `transactionIndex` (added compatibly: optional, checked when present) is the receipt's place in the block. */
  | { kind: 'receipt'; transactionHash: Hex; status: Hex | null; cumulativeGasUsed: Hex; logs: number; transactionIndex?: Hex }
  /**
   * (version 2) An eth_call's return data: `call` is the JSON-RPC transaction object as asked
   * (`to`, `data`, optional `from`, `value`, `gas`...), run at the block by a local EVM over the
   * proven state in `proofs`. Only a call that returned (no revert) is a claim.
   */
  | ({ kind: 'call' } & BundleCall)
  /**
   * (version 3) Several eth_calls at the one block, each re-run on its own over the same proven
   * state (a USD price: a Chainlink feed's `decimals` and `latestRoundData`); at least one, and
   * every one must return its claimed data.
   */
  | { kind: 'calls'; calls: BundleCall[] }
  /**
   * (version 3) The review's preview of a transaction before it is signed: `transaction` the
   * JSON-RPC object it was simulated as (`from`, `to`, `data`, `value`, `gas` as hex), and what the
   * preview showed, each re-computed by the same simulation over the proven state and compared
   * whole (no row more, none less).
   */
  | ({ kind: 'preview'; transaction: Record<string, unknown> } & PreviewOutcome)
  /** The block itself: its hash and roots, as the light client vouches for them (no execution proof needed). */
  | { kind: 'block'; number: string; hash: Hex; stateRoot: Hex; receiptsRoot: Hex }

export type ProofBundle = {
  format: typeof BUNDLE_FORMAT
  version: BundleVersion
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
    /** (call, calls, preview) The block's full header (`eth_getBlockByHash`), checked against the block hash: the EVM's block context. */
    header?: RpcBlockHeader
    /**
     * (call, calls, preview) EIP-1186 proofs of every account the local EVM touched, one per address, with a
     * storage proof of each slot it read (`storageProof[].key` is the 32-byte slot).
     */
    accounts?: RpcAccountProof[]
    /** (call, calls, preview) The code of every account whose code the EVM loaded, by lower-case address, checked against the proven code hash. */
    codes?: Record<string, Hex>
  }
}
