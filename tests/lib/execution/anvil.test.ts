import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlockHeaderHashMismatchError, ReceiptsRootMismatchError } from '../../../src/lib/execution/errors.ts'
import type { Hex, RpcAccountProof, RpcBlockHeader, RpcReceipt } from '../../../src/lib/execution/types.ts'
import { verifyAccountProof } from '../../../src/lib/execution/verifyAccountProof.ts'
import { verifyBlockHeader } from '../../../src/lib/execution/verifyBlockHeader.ts'
import { verifyCodeHash } from '../../../src/lib/execution/verifyCodeHash.ts'
import { verifyReceipts } from '../../../src/lib/execution/verifyReceipts.ts'
import { verifyStorageProof } from '../../../src/lib/execution/verifyStorageProof.ts'
import { clone, flipByte } from './fixtures.ts'
import { type Anvil, rpc, startAnvil, waitForReceipt } from './startAnvil.ts'

// anvil's default dev accounts
const ALICE = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'
const BOB = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
// Init code that stores 0x2a in slot 0 and 0x07 in slot 5, and deploys runtime code 0x602a (PUSH1 0x2a).
const INIT = '0x602a600055600760055561602a6000526002601ef3'

let anvil: Anvil
beforeAll(async () => {
  anvil = await startAnvil()
})
afterAll(async () => {
  await anvil?.stop()
})

async function latest(): Promise<RpcBlockHeader & { transactions: Hex[] }> {
  return rpc(anvil.url, 'eth_getBlockByNumber', ['latest', false])
}

describe('verifiers against a live anvil', () => {
  it('verifies balances, nonces, code, storage and receipts after real transactions', async () => {
    const transfer = await rpc<Hex>(anvil.url, 'eth_sendTransaction', [{ from: ALICE, to: BOB, value: '0xde0b6b3a7640000' }])
    const deploy = await rpc<Hex>(anvil.url, 'eth_sendTransaction', [{ from: ALICE, data: INIT }])
    const deployReceipt = await waitForReceipt<RpcReceipt>(anvil.url, deploy)
    const contract = deployReceipt.contractAddress as Hex
    const block = await latest()
    // The trusted source in this test is anvil's own header hash; the header fields are then checked.
    const header = verifyBlockHeader({ header: block, blockHash: block.hash })
    const number = BigInt(header.number)

    const bob = await rpc<RpcAccountProof>(anvil.url, 'eth_getProof', [BOB, [], header.number])
    expect((await verifyAccountProof({ address: BOB, stateRoot: header.stateRoot, proof: bob })).balance).toBe(10001n * 10n ** 18n)
    const alice = await rpc<RpcAccountProof>(anvil.url, 'eth_getProof', [ALICE, [], header.number])
    expect((await verifyAccountProof({ address: ALICE, stateRoot: header.stateRoot, proof: alice })).nonce).toBe(2n)

    const slots = [0, 5, 9].map((n) => `0x${n.toString(16).padStart(64, '0')}` as Hex)
    const proof = await rpc<RpcAccountProof>(anvil.url, 'eth_getProof', [contract, slots, header.number])
    const account = await verifyAccountProof({ address: contract, stateRoot: header.stateRoot, proof })
    const values = await Promise.all(
      slots.map((slot, i) => verifyStorageProof({ address: contract, storageRoot: account.storageRoot, slot, proof: proof.storageProof[i] })),
    )
    expect(values).toEqual([42n, 7n, 0n])
    const code = await rpc<Hex>(anvil.url, 'eth_getCode', [contract, header.number])
    expect(verifyCodeHash({ address: contract, codeHash: account.codeHash, code })).toBe('0x602a')

    const absent = '0x000000000000000000000000000000000000dead'
    const none = await rpc<RpcAccountProof>(anvil.url, 'eth_getProof', [absent, [], header.number])
    expect(await verifyAccountProof({ address: absent, stateRoot: header.stateRoot, proof: none })).toMatchObject({ exists: false, balance: 0n })

    const receipts = await rpc<RpcReceipt[]>(anvil.url, 'eth_getBlockReceipts', [header.number])
    const verified = await verifyReceipts({ receipts, receiptsRoot: header.receiptsRoot, blockHash: header.hash, blockNumber: number, transactionHashes: block.transactions })
    expect(verified.map((r) => r.transactionHash)).toContain(deploy)
    expect(transfer).toMatch(/^0x/)
  })

  it('verifies a block with several transactions and rejects tampered copies', async () => {
    await rpc(anvil.url, 'evm_setAutomine', [false])
    for (let i = 0; i < 3; i++) await rpc(anvil.url, 'eth_sendTransaction', [{ from: ALICE, to: BOB, value: '0x1', type: i === 0 ? '0x0' : '0x2' }])
    await rpc(anvil.url, 'evm_mine')
    await rpc(anvil.url, 'evm_setAutomine', [true])
    const block = await latest()
    expect(block.transactions).toHaveLength(3)
    verifyBlockHeader({ header: block, blockHash: block.hash })
    // the block's parent hash is a trusted hash for the parent: the chain is followed backwards
    const parent = await rpc<RpcBlockHeader>(anvil.url, 'eth_getBlockByHash', [block.parentHash, false])
    verifyBlockHeader({ header: parent, blockHash: block.parentHash })
    expect(() => verifyBlockHeader({ header: { ...block, gasUsed: '0x1' }, blockHash: block.hash })).toThrow(BlockHeaderHashMismatchError)
    const receipts = await rpc<RpcReceipt[]>(anvil.url, 'eth_getBlockReceipts', [block.number])
    const trusted = { receiptsRoot: block.receiptsRoot, blockHash: block.hash, blockNumber: BigInt(block.number) }
    expect(await verifyReceipts({ receipts, ...trusted })).toHaveLength(3)
    const forged = clone(receipts)
    forged[1].status = '0x0'
    await expect(verifyReceipts({ receipts: forged, ...trusted })).rejects.toThrow(ReceiptsRootMismatchError)
    await expect(verifyReceipts({ receipts: receipts.slice(0, 2), ...trusted })).rejects.toThrow(ReceiptsRootMismatchError)
    expect(() => verifyBlockHeader({ header: block, blockHash: flipByte(block.hash, 5) })).toThrow(BlockHeaderHashMismatchError)
  })
})
