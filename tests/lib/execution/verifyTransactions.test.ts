import { describe, expect, it } from 'vitest'
import { TransactionHashMismatchError, TransactionsRootMismatchError } from '../../../src/lib/execution/errors.ts'
import type { RpcTransaction } from '../../../src/lib/execution/types.ts'
import { verifyBlockHeader } from '../../../src/lib/execution/verifyBlockHeader.ts'
import { verifyTransactions } from '../../../src/lib/execution/verifyTransactions.ts'
import { LODESTAR, clone, flipByte, readFixture } from './fixtures.ts'

const files = ['mainnet/eth_call.json', 'sepolia/eth_getCode.json', 'sepolia/eth_getBlock_with_contractCreation.json', 'sepolia/eth_getBlock_with_no_accessList.json']

describe('verifyTransactions', () => {
  it.each(files)('rebuilds the verified transactions root of the block in %s', async (file) => {
    const fixture = readFixture(`${LODESTAR}/${file}`)
    const block = verifyBlockHeader({ header: fixture.execution.block, blockHash: fixture.beacon.executionPayload.block_hash })
    const raws = await verifyTransactions({ transactions: fixture.execution.block.transactions, transactionsRoot: block.transactionsRoot })
    expect(raws).toHaveLength(fixture.execution.block.transactions.length)
  })

  it('rejects a changed, removed, reordered or forged transaction', async () => {
    const fixture = readFixture(`${LODESTAR}/mainnet/eth_call.json`)
    const { transactionsRoot } = fixture.execution.block
    const txs = fixture.execution.block.transactions as RpcTransaction[]
    const changed = clone(txs)
    changed[3].value = '0x1'
    await expect(verifyTransactions({ transactions: changed, transactionsRoot })).rejects.toThrow(TransactionHashMismatchError)
    const rehashed = clone(txs)
    rehashed[3].input = '0x'
    rehashed[3].hash = (await import('viem')).keccak256((await import('../../../src/lib/execution/serializeRpcTransaction.ts')).serializeRpcTransaction({ transaction: rehashed[3] }))
    await expect(verifyTransactions({ transactions: rehashed, transactionsRoot })).rejects.toThrow(TransactionsRootMismatchError)
    await expect(verifyTransactions({ transactions: txs.slice(1), transactionsRoot })).rejects.toThrow(TransactionsRootMismatchError)
    await expect(verifyTransactions({ transactions: [txs[1], txs[0], ...txs.slice(2)], transactionsRoot })).rejects.toThrow(TransactionsRootMismatchError)
    await expect(verifyTransactions({ transactions: txs, transactionsRoot: flipByte(transactionsRoot, 0) })).rejects.toThrow(TransactionsRootMismatchError)
  })
})
