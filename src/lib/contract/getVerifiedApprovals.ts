import { hexToBigInt, keccak256, pad, stringToHex } from 'viem'
import { isInBloom } from '../execution/isInBloom.ts'
import type { Address, Hex, RpcReceipt, VerifiedExecutionHeader } from '../execution/types.ts'
import { getVerifiedHeaders } from '../history/getVerifiedHeaders.ts'
import { mapWithLimit } from '../history/mapWithLimit.ts'
import type { RpcClient } from '../rpc/createRpcClient.ts'
import { getVerifiedBlock } from '../rpc/getVerifiedBlock.ts'

export const APPROVAL_TOPIC: Hex = keccak256(stringToHex('Approval(address,address,uint256)'))
export const APPROVAL_FOR_ALL_TOPIC: Hex = keccak256(stringToHex('ApprovalForAll(address,address,bool)'))

/** The last approval the owner granted a spender on a contract within the range, from a verified receipt. */
export type GrantedApproval = {
  token: Address
  spender: Address
  /** 'erc20': Approval(owner, spender, value); 'operator': ApprovalForAll (ERC-721/1155). */
  kind: 'erc20' | 'operator'
  /** The value that log set (ERC-20 amount, or 1/0 for an operator). The current one is read separately. */
  loggedValue: bigint
  blockNumber: bigint
  transactionHash: Hex
}

export type GetVerifiedApprovalsParameters = {
  client: RpcClient
  head: VerifiedExecutionHeader
  owner: Address
  fromBlock: bigint
  /** Default: the head. */
  toBlock?: bigint
  onProgress?: (progress: { phase: 'headers' | 'receipts'; done: number; total: number }) => void
}
export type GetVerifiedApprovalsReturnType = {
  fromBlock: bigint
  toBlock: bigint
  fromTimestamp: bigint
  toTimestamp: bigint
  approvals: GrantedApproval[]
  stats: { headers: number; bloomMatches: number }
}

/**
 * Every ERC-20 Approval and ApprovalForAll the owner emitted from `fromBlock` to `toBlock`: each
 * header is hash-linked to the verified head (getVerifiedHeaders, the history module's walk), a
 * block whose verified logs bloom lacks the owner or both approval topics cannot hold one, and
 * every other block is read whole (all receipts, checked against its receipts root), so an RPC
 * can neither hide nor invent an approval in the range. The last log per token and spender wins.
 */
export async function getVerifiedApprovals({ client, head, owner, fromBlock: from, toBlock = head.number, onProgress }: GetVerifiedApprovalsParameters): Promise<GetVerifiedApprovalsReturnType> {
  const fromBlock = from < 0n ? 0n : from
  const account = owner.toLowerCase() as Address
  const ownerTopic = pad(account, { size: 32 })
  const { headers } = await getVerifiedHeaders({ client, head, fromBlock, toBlock, onChunk: (done, total) => onProgress?.({ phase: 'headers', done, total }) })
  const matching = headers.filter(
    (h) => isInBloom({ bloom: h.logsBloom, value: ownerTopic }) && (isInBloom({ bloom: h.logsBloom, value: APPROVAL_TOPIC }) || isInBloom({ bloom: h.logsBloom, value: APPROVAL_FOR_ALL_TOPIC })),
  )
  const limit = mapWithLimit(4)
  let done = 0
  const perBlock = await Promise.all(
    matching.map((header) =>
      limit(async () => {
        const { receipts } = await getVerifiedBlock({ context: { client }, header: { blockHash: header.hash, number: header.number }, withReceipts: true })
        onProgress?.({ phase: 'receipts', done: ++done, total: matching.length })
        return approvalsIn({ receipts: receipts!, owner: account, blockNumber: header.number })
      }),
    ),
  )
  const latest = new Map<string, GrantedApproval>()
  for (const approval of perBlock.flat()) latest.set(`${approval.kind}:${approval.token}:${approval.spender}`, approval)
  const first = headers[0]
  const last = headers[headers.length - 1]
  return { fromBlock: first.number, toBlock: last.number, fromTimestamp: first.timestamp, toTimestamp: last.timestamp, approvals: [...latest.values()], stats: { headers: headers.length, bloomMatches: matching.length } }
}

const topicAddress = (topic: Hex) => `0x${topic.slice(26)}`.toLowerCase() as Address

/** The owner's approval logs in one block's verified receipts, in log order. ERC-721's per-token Approval (4 topics) is left out: a transfer clears it. */
export function approvalsIn({ receipts, owner, blockNumber }: { receipts: RpcReceipt[]; owner: Address; blockNumber: bigint }): GrantedApproval[] {
  const found: GrantedApproval[] = []
  for (const receipt of receipts) {
    for (const log of receipt.logs) {
      const [topic0, ownerTopic, spenderTopic] = log.topics.map((t) => t.toLowerCase() as Hex)
      if (!ownerTopic || !spenderTopic || topicAddress(ownerTopic) !== owner || log.topics.length !== 3 || log.data.length !== 66) continue
      const kind = topic0 === APPROVAL_TOPIC ? 'erc20' : topic0 === APPROVAL_FOR_ALL_TOPIC ? 'operator' : undefined
      if (!kind) continue
      found.push({ token: log.address.toLowerCase() as Address, spender: topicAddress(spenderTopic), kind, loggedValue: hexToBigInt(log.data), blockNumber, transactionHash: receipt.transactionHash.toLowerCase() as Hex })
    }
  }
  return found
}
