import type { Address, Hex } from '../execution/types.ts'

/** The header fields history needs, from a header whose hash was checked against a verified one. */
export type HistoryHeader = {
  number: bigint
  hash: Hex
  parentHash: Hex
  stateRoot: Hex
  receiptsRoot: Hex
  logsBloom: Hex
  timestamp: bigint
}

/** One value movement to or from the account, every field taken from verified data. */
export type HistoryTransfer = {
  /** The transaction; null for a withdrawal (consensus-layer credit, no transaction). */
  hash: Hex | null
  blockNumber: bigint
  from: Address | null
  to: Address | null
  /** 'ETH', or the token contract's address (lower case). */
  asset: 'ETH' | Address
  /** Base units (wei, token units); for an ERC-721 transfer, 1. */
  value: bigint
  /** ERC-721: the token id. */
  tokenId?: bigint
  /**
   * How the movement was found: a Transfer log, a transaction's value, a withdrawal, or ETH moved
   * inside a transaction's execution (the proven balance change its top-level value does not explain).
   */
  source: 'log' | 'transaction' | 'withdrawal' | 'internal'
  /** Position inside the block (log index, transaction index, withdrawal index) for a stable order. */
  index: number
}

export type HistoryProgress = {
  phase: 'headers' | 'receipts' | 'balances' | 'transactions'
  done: number
  total: number
}

/** The range proven complete and what it holds. */
export type ProvenHistory = {
  address: Address
  fromBlock: bigint
  toBlock: bigint
  /** Hash of `toBlock` and parent hash of `fromBlock`: where a later extension must link on. */
  toBlockHash: Hex
  fromParentHash: Hex
  fromTimestamp: bigint
  toTimestamp: bigint
  transfers: HistoryTransfer[]
  /** Token contracts seen in the range (auto-detection). */
  tokens: Address[]
  /** The account's proven balance and nonce at the end of the range. */
  balance: bigint
  nonce: bigint
}

export type HistoryStats = {
  headers: number
  bloomMatches: number
  falsePositives: number
  balanceProofs: number
  blocksWithBalanceChange: number
  /** Block hashes proven from EIP-2935 storage (anchors of parallel header walks). */
  historyAnchors: number
}
