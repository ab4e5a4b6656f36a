import { describe, expect, it } from 'vitest'
import { BlockHeaderHashMismatchError, InvalidBlockHeaderError } from '../../../src/lib/execution/errors.ts'
import type { RpcBlockHeader } from '../../../src/lib/execution/types.ts'
import { verifyBlockHeader } from '../../../src/lib/execution/verifyBlockHeader.ts'
import { BLOCK_21925176, HELIOS_RPC, LODESTAR, flipByte, readFixture } from './fixtures.ts'

const cancun = readFixture<RpcBlockHeader>(`${HELIOS_RPC}/block.json`)

describe('verifyBlockHeader', () => {
  it('verifies mainnet block 21925176 (Cancun: blob gas, parent beacon root)', () => {
    expect(verifyBlockHeader({ header: cancun, blockHash: BLOCK_21925176.hash }).stateRoot).toBe(BLOCK_21925176.stateRoot)
  })

  it.each([
    `${LODESTAR}/mainnet/eth_call.json`,
    `${LODESTAR}/sepolia/eth_getCode.json`,
    `${LODESTAR}/sepolia/eth_getBlock_with_contractCreation.json`,
  ])('verifies the Shanghai block of %s against its beacon execution payload hash', (file) => {
    const fixture = readFixture(file)
    const header = fixture.execution.block as RpcBlockHeader
    expect(verifyBlockHeader({ header, blockHash: fixture.beacon.executionPayload.block_hash }).hash).toBe(fixture.beacon.executionPayload.block_hash)
  })

  it('rejects a header with any single field changed', () => {
    const fields = ['parentHash', 'miner', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'logsBloom', 'number', 'gasLimit', 'gasUsed', 'timestamp', 'extraData', 'mixHash', 'baseFeePerGas', 'withdrawalsRoot', 'blobGasUsed', 'excessBlobGas', 'parentBeaconBlockRoot'] as const
    for (const field of fields) {
      const value = cancun[field] as string
      const changed = value.length > 6 ? flipByte(value, 1) : `0x${(BigInt(value) + 1n).toString(16)}`
      const header = { ...cancun, [field]: changed }
      expect(() => verifyBlockHeader({ header, blockHash: BLOCK_21925176.hash }), field).toThrow(BlockHeaderHashMismatchError)
    }
  })

  it('rejects a header whose claimed hash is not the trusted one, and a wrong trusted hash', () => {
    expect(() => verifyBlockHeader({ header: cancun, blockHash: flipByte(BLOCK_21925176.hash, 0) })).toThrow(BlockHeaderHashMismatchError)
    expect(() => verifyBlockHeader({ header: { ...cancun, hash: flipByte(cancun.hash, 0) }, blockHash: BLOCK_21925176.hash })).toThrow(BlockHeaderHashMismatchError)
  })

  it('rejects a dropped fork field and fork fields out of order', () => {
    const { parentBeaconBlockRoot: _, ...withoutBeaconRoot } = cancun
    expect(() => verifyBlockHeader({ header: withoutBeaconRoot as RpcBlockHeader, blockHash: BLOCK_21925176.hash })).toThrow(BlockHeaderHashMismatchError)
    const { baseFeePerGas: __, ...gap } = cancun
    expect(() => verifyBlockHeader({ header: gap as RpcBlockHeader, blockHash: BLOCK_21925176.hash })).toThrow(InvalidBlockHeaderError)
    expect(() => verifyBlockHeader({ header: { ...cancun, stateRoot: 'nothex' as `0x${string}` }, blockHash: BLOCK_21925176.hash })).toThrow(InvalidBlockHeaderError)
  })

  it('commits to a Prague requestsHash (a Prague header differs from the same Cancun header)', () => {
    const prague = { ...cancun, requestsHash: '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } as RpcBlockHeader
    expect(() => verifyBlockHeader({ header: prague, blockHash: BLOCK_21925176.hash })).toThrow(BlockHeaderHashMismatchError)
  })
})
