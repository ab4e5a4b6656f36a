import type { ForkPostCapella } from '@lodestar/params'
import { ssz, type ExecutionPayload, type ExecutionPayloadHeader } from '@lodestar/types'
import { hexToBytes } from 'viem'
import type { JsonRpc } from './jsonRpc.ts'

type RpcBlock = {
  hash: `0x${string}`
  parentHash: `0x${string}`
  miner: `0x${string}`
  stateRoot: `0x${string}`
  receiptsRoot: `0x${string}`
  logsBloom: `0x${string}`
  mixHash: `0x${string}`
  number: `0x${string}`
  gasLimit: `0x${string}`
  gasUsed: `0x${string}`
  timestamp: `0x${string}`
  extraData: `0x${string}`
  baseFeePerGas: `0x${string}`
  blobGasUsed?: `0x${string}`
  excessBlobGas?: `0x${string}`
  transactions: `0x${string}`[]
  withdrawals?: { index: `0x${string}`; validatorIndex: `0x${string}`; address: `0x${string}`; amount: `0x${string}` }[]
}

/** Mines one anvil block at `timestamp` and returns it as the slot's execution payload. */
export async function mineExecutionPayload(rpc: JsonRpc, timestamp: number): Promise<ExecutionPayload<ForkPostCapella>> {
  await rpc('evm_mine', [timestamp])
  const block = await rpc<RpcBlock>('eth_getBlockByNumber', ['latest', false])
  if (Number(block.timestamp) !== timestamp) {
    throw new Error(`anvil mined block ${Number(block.number)} at ${Number(block.timestamp)}, expected ${timestamp}`)
  }
  const transactions = await Promise.all(
    block.transactions.map(async (hash) => hexToBytes(await rpc<`0x${string}`>('eth_getRawTransactionByHash', [hash]))),
  )
  return {
    parentHash: hexToBytes(block.parentHash),
    feeRecipient: hexToBytes(block.miner),
    stateRoot: hexToBytes(block.stateRoot),
    receiptsRoot: hexToBytes(block.receiptsRoot),
    logsBloom: hexToBytes(block.logsBloom),
    prevRandao: hexToBytes(block.mixHash),
    blockNumber: Number(block.number),
    gasLimit: Number(block.gasLimit),
    gasUsed: Number(block.gasUsed),
    timestamp: Number(block.timestamp),
    extraData: hexToBytes(block.extraData),
    baseFeePerGas: BigInt(block.baseFeePerGas),
    blockHash: hexToBytes(block.hash),
    transactions,
    withdrawals: (block.withdrawals ?? []).map((w) => ({
      index: Number(w.index),
      validatorIndex: Number(w.validatorIndex),
      address: hexToBytes(w.address),
      amount: BigInt(w.amount),
    })),
    blobGasUsed: BigInt(block.blobGasUsed ?? 0),
    excessBlobGas: BigInt(block.excessBlobGas ?? 0),
  } as ExecutionPayload<ForkPostCapella>
}

/** The payload header a beacon state and a light-client header commit to (lists replaced by their roots). */
export function toExecutionPayloadHeader(fork: ForkPostCapella, payload: ExecutionPayload<ForkPostCapella>): ExecutionPayloadHeader<ForkPostCapella> {
  const { transactions, withdrawals, ...rest } = payload
  return {
    ...rest,
    transactionsRoot: ssz.bellatrix.Transactions.hashTreeRoot(transactions),
    withdrawalsRoot: ssz.capella.Withdrawals.hashTreeRoot(withdrawals),
  } as ExecutionPayloadHeader<ForkPostCapella>
}
