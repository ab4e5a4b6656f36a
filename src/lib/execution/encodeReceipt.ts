import { RLP } from '@ethereumjs/rlp'
import { concatBytes, hexToBigInt, hexToBytes } from 'viem'
import type { RpcReceipt } from './types.ts'

export type EncodeReceiptParameters = { receipt: RpcReceipt }

/**
 * Encodes a receipt as it is stored in the receipts trie: rlp([status|root, cumulativeGasUsed,
 * logsBloom, logs]), prefixed by its type byte for typed receipts (EIP-2718; EIP-658 status).
 */
export function encodeReceipt({ receipt }: EncodeReceiptParameters): Uint8Array {
  const statusOrRoot =
    receipt.root !== undefined && receipt.root !== null && receipt.root !== '0x'
      ? hexToBytes(receipt.root)
      : hexToBigInt(receipt.status ?? '0x0') === 1n
        ? Uint8Array.of(1)
        : new Uint8Array()
  const body = RLP.encode([
    statusOrRoot,
    quantity(receipt.cumulativeGasUsed),
    hexToBytes(receipt.logsBloom),
    receipt.logs.map((log) => [hexToBytes(log.address), log.topics.map((t) => hexToBytes(t)), hexToBytes(log.data)]),
  ])
  const type = Number(hexToBigInt(receipt.type ?? '0x0'))
  return type === 0 ? body : concatBytes([Uint8Array.of(type), body])
}

function quantity(value: `0x${string}`): Uint8Array {
  const n = hexToBigInt(value)
  if (n === 0n) return new Uint8Array()
  const hex = n.toString(16)
  return hexToBytes(`0x${hex.length % 2 ? '0' : ''}${hex}`)
}
