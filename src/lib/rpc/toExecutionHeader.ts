import { hexToBigInt } from 'viem'
import type { RpcBlockHeader, VerifiedExecutionHeader } from '../execution/types.ts'

/** The VerifiedHeaderSource fields of an RPC header that has already passed verifyBlockHeader. */
export function toExecutionHeader({ header }: { header: RpcBlockHeader }): VerifiedExecutionHeader {
  return {
    number: hexToBigInt(header.number),
    blockHash: header.hash,
    parentHash: header.parentHash,
    stateRoot: header.stateRoot,
    receiptsRoot: header.receiptsRoot,
    baseFeePerGas: header.baseFeePerGas ? hexToBigInt(header.baseFeePerGas) : 0n,
    timestamp: hexToBigInt(header.timestamp),
    gasLimit: hexToBigInt(header.gasLimit),
  }
}
