import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeaderResolver } from '../../../src/lib/rpc/createHeaderResolver.ts'
import { createRpcClient } from '../../../src/lib/rpc/createRpcClient.ts'
import { BlockNotVerifiableError } from '../../../src/lib/rpc/errors.ts'
import { parseBlockTag } from '../../../src/lib/rpc/parseBlockTag.ts'
import { type Anvil, rpc, startAnvil } from '../execution/startAnvil.ts'
import { anvilHeaderSource } from './anvilHeaderSource.ts'

describe('parseBlockTag', () => {
  it('maps tags and numbers to what the light client vouches for', () => {
    expect(parseBlockTag({ block: undefined })).toBe('latest')
    expect(parseBlockTag({ block: 'latest' })).toBe('latest')
    expect(parseBlockTag({ block: 'safe' })).toBe('finalized')
    expect(parseBlockTag({ block: 'finalized' })).toBe('finalized')
    expect(parseBlockTag({ block: '0x10' })).toBe(16n)
    expect(parseBlockTag({ block: { blockNumber: '0x2' } })).toBe(2n)
  })

  it('refuses what cannot be verified', () => {
    for (const block of ['pending', 'earliest', { blockHash: `0x${'11'.repeat(32)}` }, `0x${'11'.repeat(32)}`, 'nonsense'])
      expect(() => parseBlockTag({ block }), JSON.stringify(block)).toThrow(BlockNotVerifiableError)
  })
})

describe('createHeaderResolver on anvil', () => {
  let anvil: Anvil
  beforeAll(async () => {
    anvil = await startAnvil()
    for (let i = 0; i < 12; i++) await rpc(anvil.url, 'evm_mine')
  })
  afterAll(async () => {
    await anvil?.stop()
  })

  it('walks verified parent hashes down to an ancestor in one batch and caches the chain', async () => {
    const source = anvilHeaderSource({ url: anvil.url })
    const getHeader = createHeaderResolver({ headers: source, client: createRpcClient({ urls: [anvil.url] }), maxAncestors: 20 })
    const header = await getHeader(3n)
    const block = await rpc(anvil.url, 'eth_getBlockByNumber', ['0x3', false])
    expect(header).toMatchObject({ number: 3n, blockHash: block.hash, stateRoot: block.stateRoot })
    source.asked.length = 0
    expect((await getHeader(5n)).number).toBe(5n)
    expect(source.asked).toEqual([]) // answered from the verified chain already walked
  })

  it('refuses blocks ahead of the verified head and too far below it', async () => {
    const getHeader = createHeaderResolver({ headers: anvilHeaderSource({ url: anvil.url }), client: createRpcClient({ urls: [anvil.url] }), maxAncestors: 4 })
    await expect(getHeader(1000n)).rejects.toThrow(/ahead of the verified head/)
    await expect(getHeader(1n)).rejects.toThrow(/more than 4 blocks below/)
  })
})
