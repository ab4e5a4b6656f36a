import { describe, expect, it } from 'vitest'
import { InvalidReceiptError, ReceiptsRootMismatchError } from '../../../src/lib/execution/errors.ts'
import type { Hex, RpcReceipt } from '../../../src/lib/execution/types.ts'
import { verifyReceipts } from '../../../src/lib/execution/verifyReceipts.ts'
import { BLOCK_21925176, HELIOS_RPC, clone, flipByte, readFixture } from './fixtures.ts'

const receipts = readFixture<RpcReceipt[]>(`${HELIOS_RPC}/receipts.json`)
const block = readFixture(`${HELIOS_RPC}/block.json`)
const trusted = { receiptsRoot: BLOCK_21925176.receiptsRoot, blockHash: BLOCK_21925176.hash, blockNumber: 21925176n }

describe('verifyReceipts on mainnet block 21925176 (202 receipts, legacy and EIP-1559)', () => {
  it('rebuilds the trusted receipts root and checks the transaction hashes', async () => {
    const verified = await verifyReceipts({ receipts, ...trusted, transactionHashes: block.transactions as Hex[] })
    expect(verified).toHaveLength(202)
    expect(verified[0].logs[0].address).toBe('0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2')
  })

  it('matches the single receipt fixture', async () => {
    const one = readFixture<RpcReceipt>(`${HELIOS_RPC}/receipt.json`)
    const verified = await verifyReceipts({ receipts, ...trusted })
    expect(verified.find((r) => r.transactionHash === one.transactionHash)?.cumulativeGasUsed).toBe(one.cumulativeGasUsed)
  })

  it('rejects a forged log, a changed status, a removed receipt and a removed log', async () => {
    const forgedLog = clone(receipts)
    forgedLog[5].logs[0] = { ...forgedLog[5].logs[0], data: flipByte(forgedLog[5].logs[0].data, 31) }
    const status = clone(receipts)
    status[7].status = status[7].status === '0x1' ? '0x0' : '0x1'
    const removed = clone(receipts).filter((_, i) => i !== 201)
    const removedLog = clone(receipts)
    const withLogs = removedLog.findIndex((r) => r.logs.length > 1)
    removedLog[withLogs].logs.pop()
    const gas = clone(receipts)
    gas[3].cumulativeGasUsed = `0x${(BigInt(gas[3].cumulativeGasUsed) + 1n).toString(16)}`
    const type = clone(receipts)
    type[0].type = type[0].type === '0x2' ? '0x0' : '0x2'
    for (const tampered of [forgedLog, status, removed, removedLog, gas, type])
      await expect(verifyReceipts({ receipts: tampered, ...trusted })).rejects.toThrow(ReceiptsRootMismatchError)
  })

  it('rejects a wrong receipts root', async () => {
    await expect(verifyReceipts({ receipts, ...trusted, receiptsRoot: flipByte(trusted.receiptsRoot, 3) })).rejects.toThrow(ReceiptsRootMismatchError)
  })

  it('rejects changed fields the trie does not commit to', async () => {
    const cases: [string, (r: RpcReceipt[]) => void][] = [
      ['blockHash', (r) => { r[2].blockHash = flipByte(r[2].blockHash, 0) }],
      ['transactionIndex', (r) => { [r[0].transactionIndex, r[1].transactionIndex] = [r[1].transactionIndex, r[0].transactionIndex] }],
      ['transactionHash', (r) => { r[4].transactionHash = flipByte(r[4].transactionHash, 0) }],
      ['gasUsed', (r) => { r[6].gasUsed = '0x1' }],
      ['logIndex', (r) => { r[0].logs[1].logIndex = '0x7' }],
    ]
    for (const [field, tamper] of cases) {
      const tampered = clone(receipts)
      tamper(tampered)
      const error = await verifyReceipts({ receipts: tampered, ...trusted, transactionHashes: block.transactions }).catch((e) => e)
      expect(error, field).toBeInstanceOf(InvalidReceiptError)
      expect(error.field).toBe(field)
    }
  })
})
