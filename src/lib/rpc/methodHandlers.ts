import { eth_blockNumber } from './eth_blockNumber.ts'
import { eth_call } from './eth_call.ts'
import { eth_chainId } from './eth_chainId.ts'
import { eth_estimateGas } from './eth_estimateGas.ts'
import { eth_getBalance } from './eth_getBalance.ts'
import { eth_getCode } from './eth_getCode.ts'
import { eth_getBlockByHash } from './eth_getBlockByHash.ts'
import { eth_getBlockByNumber } from './eth_getBlockByNumber.ts'
import { eth_getBlockReceipts } from './eth_getBlockReceipts.ts'
import { eth_getLogs } from './eth_getLogs.ts'
import { eth_getProof } from './eth_getProof.ts'
import { eth_getTransactionByHash } from './eth_getTransactionByHash.ts'
import { eth_getTransactionReceipt } from './eth_getTransactionReceipt.ts'
import { eth_getStorageAt } from './eth_getStorageAt.ts'
import { eth_getTransactionCount } from './eth_getTransactionCount.ts'
import { eth_sendRawTransaction } from './eth_sendRawTransaction.ts'
import type { MethodHandler } from './types.ts'

/** The methods answered with verified data; anything else is refused unless allowed unverified. */
export const methodHandlers: Record<string, MethodHandler> = {
  eth_blockNumber,
  eth_call,
  eth_chainId,
  eth_estimateGas,
  net_version: async ({ context }) => String(context.chainId),
  eth_getBalance,
  eth_getBlockByHash,
  eth_getBlockByNumber,
  eth_getBlockReceipts,
  eth_getCode,
  eth_getLogs,
  eth_getProof,
  eth_getTransactionByHash,
  eth_getTransactionReceipt,
  eth_getStorageAt,
  eth_getTransactionCount,
  eth_sendRawTransaction,
}
