export type Hex = `0x${string}`
export type Address = `0x${string}`

/** One `storageProof` entry of an EIP-1186 `eth_getProof` answer. */
export type RpcStorageProof = {
  key: Hex
  value: Hex
  proof: Hex[]
}

/** An EIP-1186 `eth_getProof` answer as JSON-RPC returns it (untrusted). */
export type RpcAccountProof = {
  address: Address
  balance: Hex
  nonce: Hex
  codeHash: Hex
  storageHash: Hex
  accountProof: Hex[]
  storageProof: RpcStorageProof[]
}

/** An account whose fields were proven against a state root. */
export type VerifiedAccount = {
  address: Address
  nonce: bigint
  balance: bigint
  codeHash: Hex
  storageRoot: Hex
  /** false when the proof shows the account is absent (an exclusion proof); the fields are then the empty account's. */
  exists: boolean
}

/** A block header as `eth_getBlockBy*` returns it (untrusted); fields after `nonce` depend on the fork. */
export type RpcBlockHeader = {
  hash: Hex
  parentHash: Hex
  sha3Uncles: Hex
  miner: Address
  stateRoot: Hex
  transactionsRoot: Hex
  receiptsRoot: Hex
  logsBloom: Hex
  difficulty: Hex
  number: Hex
  gasLimit: Hex
  gasUsed: Hex
  timestamp: Hex
  extraData: Hex
  mixHash: Hex
  nonce: Hex
  baseFeePerGas?: Hex | null
  withdrawalsRoot?: Hex | null
  blobGasUsed?: Hex | null
  excessBlobGas?: Hex | null
  parentBeaconBlockRoot?: Hex | null
  requestsHash?: Hex | null
  blockAccessListHash?: Hex | null
}

export type RpcLog = {
  address: Address
  topics: Hex[]
  data: Hex
  blockHash?: Hex | null
  blockNumber?: Hex | null
  transactionHash?: Hex | null
  transactionIndex?: Hex | null
  logIndex?: Hex | null
  removed?: boolean
}

/** A receipt as `eth_getBlockReceipts` / `eth_getTransactionReceipt` return it (untrusted). */
export type RpcReceipt = {
  type?: Hex
  status?: Hex | null
  root?: Hex | null
  cumulativeGasUsed: Hex
  logsBloom: Hex
  logs: RpcLog[]
  transactionHash: Hex
  transactionIndex: Hex
  blockHash: Hex
  blockNumber: Hex
  gasUsed?: Hex
  [field: string]: unknown
}

/** The execution-header facts the light client vouches for. */
export type VerifiedExecutionHeader = {
  number: bigint
  blockHash: Hex
  parentHash: Hex
  stateRoot: Hex
  receiptsRoot: Hex
  baseFeePerGas: bigint
  timestamp: bigint
  gasLimit: bigint
}

/**
 * 'latest' = the light client's optimistic head, 'finalized' = its finalized head,
 * a number = that block, reached by following verified parent hashes back from a head.
 */
export type BlockSelector = 'latest' | 'finalized' | bigint

/**
 * Where trusted execution headers come from: implemented by the consensus light client
 * (src/lib/consensus/), or by a test fake. Every header it returns must already be verified
 * (signed by the sync committee, or hash-linked to such a header). It throws when it cannot
 * vouch for the requested block (not synced yet, or a number outside what it can reach).
 */
export interface VerifiedHeaderSource {
  getExecutionHeader(block: BlockSelector): Promise<VerifiedExecutionHeader>
}

/** One account to prove: which storage slots, and whether its code is wanted too. */
export type ProofRequest = { address: Address; slots: Hex[]; code: boolean }
/** What a ProofFetcher returns for one ProofRequest, every field already verified. */
export type ProvenAccount = { account: VerifiedAccount; storage: Map<Hex, bigint>; code: Hex | undefined }
/**
 * Fetches and verifies accounts (with slots and code) at one block, in one round trip. Implemented
 * by the RPC layer over EIP-1186 proofs; it must throw rather than return anything unverified.
 */
export type ProofFetcher = (requests: ProofRequest[]) => Promise<ProvenAccount[]>

/** A transaction as `eth_getBlockBy*(…, true)` returns it (untrusted). */
export type RpcTransaction = {
  hash: Hex
  type?: Hex
  input: Hex
  to?: Address | null
  from?: Address
  nonce: Hex
  blockHash?: Hex | null
  transactionIndex?: Hex | null
  [field: string]: unknown
}
