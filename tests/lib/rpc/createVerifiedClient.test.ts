import { custom, erc20Abi } from 'viem'
import { describe, expect, it } from 'vitest'
import { createVerifiedClient } from '../../../src/lib/rpc/createVerifiedClient.ts'

const token = '0x00000000000000000000000000000000000000aa'
const holder = '0x00000000000000000000000000000000000000bb'

describe('createVerifiedClient', () => {
  it("routes the app's reads through the given transport and binds no other public action", async () => {
    const asked: string[] = []
    const transport = custom({
      async request({ method }: { method: string }) {
        asked.push(method)
        if (method === 'eth_getBalance') return '0x2a'
        if (method === 'eth_getTransactionCount') return '0x7'
        if (method === 'eth_call') return `0x${'0'.repeat(63)}5`
        throw new Error(`unexpected ${method}`)
      },
    })
    const client = createVerifiedClient({ transport })
    expect(await client.getBalance({ address: holder })).toBe(42n)
    expect(await client.getTransactionCount({ address: holder })).toBe(7)
    expect(await client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [holder] })).toBe(5n)
    expect(asked).toEqual(['eth_getBalance', 'eth_getTransactionCount', 'eth_call'])
    // What createPublicClient would add (and bundle) is not there.
    for (const unbound of ['multicall', 'watchBlocks', 'simulateContract', 'verifyMessage', 'getLogs']) expect(client).not.toHaveProperty(unbound)
  })
})
