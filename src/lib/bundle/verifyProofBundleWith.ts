import { hexToBigInt, isHex } from 'viem'
import type { ConsensusHeader } from '../consensus/toConsensusHeader.ts'
import type { Hex, VerifiedExecutionHeader } from '../execution/types.ts'
import { verifyAccountProof } from '../execution/verifyAccountProof.ts'
import { verifyBlockHeader } from '../execution/verifyBlockHeader.ts'
import { verifyCodeHash } from '../execution/verifyCodeHash.ts'
import { verifyReceipts } from '../execution/verifyReceipts.ts'
import { verifyTransactions } from '../execution/verifyTransactions.ts'
import { toExecutionHeader } from '../rpc/toExecutionHeader.ts'
import { BundleBlockNotLinkedError, BundleClaimMismatchError, BundleFormatError } from './errors.ts'
import { parseProofBundle } from './parseProofBundle.ts'
import type { VerifyBundleConsensusParameters, VerifyBundleConsensusReturnType } from './verifyBundleConsensus.ts'
import { verifyCallClaim } from './verifyCallClaim.ts'
import { verifyPreviewClaim } from './verifyPreviewClaim.ts'
import type { BundleClaim, ProofBundle } from './types.ts'

export type VerifyProofBundleWithParameters = {
  /** The bundle as parsed JSON (untrusted: its shape is checked too). */
  bundle: unknown
  /** The root the user trusts; without it the bundle's own checkpoint is used (and the result says so). */
  checkpoint?: Hex
  /**
   * The light-client half (verifyBundleConsensus): called in this thread by the CLI
   * (verifyProofBundle.ts), in the light-client worker by the app (which holds that code already).
   */
  verifyConsensus: (parameters: VerifyBundleConsensusParameters) => VerifyBundleConsensusReturnType | Promise<VerifyBundleConsensusReturnType>
}

export type VerifyProofBundleReturnType = {
  claim: BundleClaim
  network: string
  checkpoint: { root: Hex; source: 'user' | 'bundle' }
  block: { number: bigint; hash: Hex; stateRoot: Hex; receiptsRoot: Hex; timestamp: bigint }
  /** The consensus header the block is (or descends from), how it was trusted, and by how many signers. */
  head: { slot: number; beaconRoot: Hex; via: 'attested' | 'finalized' | 'checkpoint'; participants: number | undefined; ancestors: number }
}

/**
 * Re-checks a proof bundle with no network: the light client is replayed from the checkpoint
 * (`verifyConsensus`), the block is linked to the header it trusted (by parent hashes), and the
 * value is recomputed from the proofs with the same verifiers the app and the CLI use. Throws the
 * first check that fails, as its own error class.
 */
export async function verifyProofBundleWith({ bundle: input, checkpoint, verifyConsensus }: VerifyProofBundleWithParameters): Promise<VerifyProofBundleReturnType> {
  const bundle = parseProofBundle(input)
  const consensus = await verifyConsensus({ network: bundle.network, consensus: bundle.consensus, ...(checkpoint && { checkpoint }) })
  const { header, head, ancestors } = linkBlock(bundle, consensus.trusted)
  // A built-in network's chain id is this build's (the EVM's CHAINID), never the bundle's word.
  const chainId = consensus.builtInChainId ?? bundle.network.chainId
  await verifyClaim(bundle, header, chainId)
  return {
    claim: bundle.claim,
    network: consensus.network,
    checkpoint: { root: consensus.trustedRoot, source: checkpoint ? 'user' : 'bundle' },
    block: { number: header.number, hash: header.blockHash, stateRoot: header.stateRoot, receiptsRoot: header.receiptsRoot, timestamp: header.timestamp },
    head: { slot: head.header.slot, beaconRoot: head.header.beaconRoot, via: head.via, participants: consensus.participants, ancestors },
  }
}

/** The block's verified header: a trusted consensus header's own, or reached from one through the bundle's ancestors by parent hashes. */
function linkBlock(bundle: ProofBundle, trusted: { via: 'attested' | 'finalized' | 'checkpoint'; header: ConsensusHeader }[]) {
  const target = bundle.block.hash.toLowerCase()
  if (trusted.length === 0) throw new BundleBlockNotLinkedError({ blockHash: target, reason: 'the head update did not make any header trusted (too few signers for a new head)' })
  for (const head of trusted) {
    const execution = head.header.execution
    if (!execution) continue
    if (execution.blockHash.toLowerCase() === target) return { header: execution as VerifiedExecutionHeader, head, ancestors: 0 }
    if (bundle.ancestors.length === 0 || bundle.ancestors[0]!.hash?.toLowerCase() !== execution.parentHash.toLowerCase()) continue
    let expected = execution.parentHash
    for (const [i, served] of bundle.ancestors.entries()) {
      verifyBlockHeader({ header: served, blockHash: expected })
      if (served.hash.toLowerCase() === target) return { header: toExecutionHeader({ header: served }), head, ancestors: i + 1 }
      expected = served.parentHash
    }
  }
  throw new BundleBlockNotLinkedError({ blockHash: target, reason: `it is not the verified header (${trusted.map((t) => t.header.execution?.blockHash).join(', ')}) and its ancestors do not reach it` })
}

async function verifyClaim(bundle: ProofBundle, header: VerifiedExecutionHeader, chainId: number): Promise<void> {
  const { claim, proofs } = bundle
  const compare = (field: string, claimed: unknown, proven: unknown) => {
    if (String(claimed).toLowerCase() !== String(proven).toLowerCase()) throw new BundleClaimMismatchError({ field, claimed: String(claimed), proven: String(proven) })
  }
  compare('block number', bundle.block.number, header.number)
  if (claim.kind === 'block') {
    compare('block hash', claim.hash, header.blockHash)
    compare('state root', claim.stateRoot, header.stateRoot)
    compare('receipts root', claim.receiptsRoot, header.receiptsRoot)
    compare('block number', claim.number, header.number)
    return
  }
  if (claim.kind === 'call' || claim.kind === 'calls') {
    await verifyCallClaim({ claim, proofs, header, chainId })
    return
  }
  if (claim.kind === 'preview') {
    await verifyPreviewClaim({ claim, proofs, header, chainId })
    return
  }
  if (claim.kind === 'receipt') {
    if (!proofs.block || !proofs.receipts) throw new BundleFormatError({ field: 'proofs', reason: 'lacks the block and its receipts' })
    const block = verifyBlockHeader({ header: proofs.block, blockHash: header.blockHash })
    await verifyTransactions({ transactions: block.transactions, transactionsRoot: block.transactionsRoot })
    const receipts = await verifyReceipts({ receipts: proofs.receipts, receiptsRoot: header.receiptsRoot, blockHash: header.blockHash, blockNumber: header.number, transactionHashes: block.transactions.map((t) => t.hash) })
    const receipt = receipts.find((r) => r.transactionHash.toLowerCase() === claim.transactionHash.toLowerCase())
    if (!receipt) throw new BundleClaimMismatchError({ field: 'transaction', claimed: claim.transactionHash, proven: `not in block ${header.number}` })
    compare('status', claim.status, receipt.status ?? null)
    compare('cumulativeGasUsed', hexToBigInt(claim.cumulativeGasUsed), hexToBigInt(receipt.cumulativeGasUsed))
    compare('logs', claim.logs, receipt.logs.length)
    if (claim.transactionIndex !== undefined) compare('transaction index', hexToBigInt(claim.transactionIndex), hexToBigInt(receipt.transactionIndex))
    return
  }
  if (!proofs.account) throw new BundleFormatError({ field: 'proofs.account', reason: 'is missing' })
  const account = await verifyAccountProof({ address: claim.address, stateRoot: header.stateRoot, proof: proofs.account })
  if (claim.kind === 'balance') compare('balance (wei)', claim.wei, account.balance)
  else if (claim.kind === 'nonce') compare('nonce', claim.nonce, account.nonce)
  else {
    if (typeof proofs.code !== 'string' || !isHex(proofs.code)) throw new BundleFormatError({ field: 'proofs.code', reason: 'is missing' })
    const code = verifyCodeHash({ address: claim.address, codeHash: account.codeHash, code: proofs.code })
    compare('codeHash', claim.codeHash, account.codeHash)
    compare('code size', claim.size, (code.length - 2) / 2)
  }
}
