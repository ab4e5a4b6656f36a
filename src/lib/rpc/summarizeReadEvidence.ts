import type { Hex, RpcAccountProof, RpcReceipt } from '../execution/types.ts'
import type { ReadEvidence } from './recordEvidence.ts'

/** An account proof as a read kept it (what "What was checked" counts and names). */
export type EvidenceAccountProof = Pick<RpcAccountProof, 'address' | 'accountProof' | 'storageHash' | 'codeHash' | 'storageProof'>

export type SummarizeReadEvidenceReturnType = {
  /**
   * What the read proved, for the plain-words line: an account field by one proof, a call run
   * over proven state, code hashed to a proven code hash, a whole block's receipts against its
   * receipts root, or only headers.
   */
  kind: 'account' | 'call' | 'code' | 'receipts' | 'headers'
  /** The providers whose answers verified, in the order they answered (each once). */
  answered: string[]
  /** The account whose roots are shown: a call's contract (the one with storage proven), else the read's account. */
  account: EvidenceAccountProof | undefined
  accounts: number
  slots: number
  accountNodes: number
  storageNodes: number
  /** Bytes of verified code (an eth_getCode read). */
  codeBytes?: number
  /** A receipts read: how many receipts the block has (all fetched, their trie rebuilt) and the one asked for. */
  receipts?: { count: number; transactionHash?: Hex; transactionIndex?: number }
}

/**
 * The counts and names "What was checked" shows for one recorded read, from the answers that
 * verified (never from what a refused provider said). Pure: the component only words it.
 */
export function summarizeReadEvidence({ evidence, transactionHash }: { evidence: Pick<ReadEvidence, 'answers'>; transactionHash?: Hex }): SummarizeReadEvidenceReturnType {
  const results = (method: string) => evidence.answers.flatMap((a) => a.requests.flatMap((r, i) => (r.method === method ? [a.results[i]] : [])))
  const proofs = results('eth_getProof').filter((p): p is EvidenceAccountProof => typeof p === 'object' && p !== null && 'accountProof' in p)
  const withStorage = proofs.filter((p) => (p.storageProof?.length ?? 0) > 0)
  const asked = (method: string) => evidence.answers.some((a) => a.requests.some((r) => r.method === method))
  const receiptLists = results('eth_getBlockReceipts').filter((r): r is RpcReceipt[] => Array.isArray(r))
  const code = results('eth_getCode').filter((c): c is Hex => typeof c === 'string').at(-1)
  const summary: SummarizeReadEvidenceReturnType = {
    kind: receiptLists.length > 0 ? 'receipts' : asked('eth_createAccessList') || withStorage.length > 0 || proofs.length > 1 ? 'call' : code !== undefined ? 'code' : proofs.length > 0 ? 'account' : 'headers',
    answered: [...new Set(evidence.answers.map((a) => a.url))],
    account: withStorage[0] ?? proofs.at(-1),
    accounts: new Set(proofs.map((p) => p.address.toLowerCase())).size,
    slots: proofs.reduce((n, p) => n + (p.storageProof?.length ?? 0), 0),
    accountNodes: proofs.reduce((n, p) => n + p.accountProof.length, 0),
    storageNodes: proofs.reduce((n, p) => n + (p.storageProof ?? []).reduce((m, s) => m + s.proof.length, 0), 0),
  }
  if (code !== undefined) summary.codeBytes = (code.length - 2) / 2
  const list = receiptLists.at(-1)
  if (list) {
    const index = transactionHash ? list.findIndex((r) => r.transactionHash?.toLowerCase() === transactionHash.toLowerCase()) : -1
    summary.receipts = { count: list.length, ...(index >= 0 && { transactionHash: list[index]!.transactionHash, transactionIndex: index }) }
  }
  return summary
}
