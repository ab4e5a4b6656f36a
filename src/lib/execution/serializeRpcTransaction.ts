import { type RpcTransaction as ViemRpcTransaction, formatTransaction, serializeTransaction } from 'viem'
import type { Hex, RpcTransaction } from './types.ts'

/**
 * The signed EIP-2718 encoding of a transaction served as JSON-RPC; its keccak256 is the
 * transaction hash and it is the value stored in the transactions trie. Uses viem's serializers.
 */
export function serializeRpcTransaction({ transaction }: { transaction: RpcTransaction }): Hex {
  const formatted = formatTransaction(transaction as unknown as ViemRpcTransaction) as Record<string, unknown>
  const { r, s, v, yParity, input, ...rest } = formatted
  // viem's formatter keeps both fee fields for typed transactions; the serializer infers the type from them.
  if (formatted.type !== 'legacy') delete rest.gasPrice
  const unsigned = { ...rest, data: input }
  const signature = formatted.type === 'legacy' ? { r, s, v } : { r, s, yParity }
  return serializeTransaction(unsigned as never, signature as never)
}
