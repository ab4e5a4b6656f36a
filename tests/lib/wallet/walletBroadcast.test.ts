import type { Address, Hash, Hex, PublicClient } from 'viem'
import { createPublicClient, createTestClient, hexToBigInt, hexToNumber, http, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RpcBlockHeader, VerifiedExecutionHeader, VerifiedHeaderSource } from '../../../src/lib/execution/types.ts'
import { verifyBlockHeader } from '../../../src/lib/execution/verifyBlockHeader.ts'
import { toExecutionHeader } from '../../../src/lib/rpc/toExecutionHeader.ts'
import { verified } from '../../../src/lib/rpc/verified.ts'
import { createMemoryActivityStore } from '../../../src/lib/wallet/activityStore.ts'
import { createExternalSigner } from '../../../src/lib/wallet/createExternalSigner.ts'
import { deriveHdAccount } from '../../../src/lib/wallet/deriveHdAccount.ts'
import { ExternalSignerUnsupportedMethodError } from '../../../src/lib/wallet/errors.ts'
import { prepareTransfer } from '../../../src/lib/wallet/prepareTransfer.ts'
import { refreshActivity } from '../../../src/lib/wallet/refreshActivity.ts'
import { sendThroughWallet } from '../../../src/lib/wallet/sendThroughWallet.ts'
import { signTransfer } from '../../../src/lib/wallet/signTransfer.ts'
import type { TestAnvil } from './anvil.ts'
import { startTestAnvil } from './anvil.ts'

// A MetaMask-like wallet: no eth_signTransaction (-32601, MetaMask's words), eth_sendTransaction
// signs with its key and broadcasts to anvil over its own connection (the wallet's own RPC).
// Latchkey's side reads only through the verified transport (headers hash-checked from anvil here;
// the real light client is in the e2e test).

const mnemonic = 'test test test test test test test test test test test junk'
const chainId = 31337
let anvil: TestAnvil
let client: PublicClient
let test: ReturnType<typeof createTestClient>
const unverified: string[] = []
const key = deriveHdAccount({ mnemonic, index: 3 })

function anvilHeaders(url: string): VerifiedHeaderSource {
  const get = async (tag: string): Promise<VerifiedExecutionHeader> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: [tag, false] }) })
    const header = ((await res.json()) as { result: RpcBlockHeader }).result
    return toExecutionHeader({ header: verifyBlockHeader({ header, blockHash: header.hash }) })
  }
  return { getExecutionHeader: (block) => (block === 'latest' || block === 'finalized' ? get('latest') : get(`0x${block.toString(16)}`)) }
}

/** tamper: what the wallet changes before signing (a dishonest or user-edited wallet). */
function metaMaskLike({ tamper = (t: Record<string, bigint | number | Hex | Address>) => t } = {}) {
  const calls: string[] = []
  const provider = {
    async request({ method, params }: { method: string; params?: any }): Promise<unknown> {
      calls.push(method)
      if (method === 'eth_requestAccounts') return [key.address]
      if (method === 'eth_sendTransaction') {
        const t = params[0]
        const tx = tamper({ chainId: hexToNumber(t.chainId), nonce: hexToNumber(t.nonce), to: t.to, value: hexToBigInt(t.value), data: t.data, gas: hexToBigInt(t.gas), maxFeePerGas: hexToBigInt(t.maxFeePerGas), maxPriorityFeePerGas: hexToBigInt(t.maxPriorityFeePerGas) })
        const raw = await key.signTransaction({ type: 'eip1559', ...(tx as any) })
        const res = await fetch(anvil.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [raw] }) })
        return ((await res.json()) as { result: Hash }).result
      }
      throw Object.assign(new Error(`The method "${method}" does not exist / is not available.`), { code: -32601 })
    },
  }
  return { provider, calls }
}

beforeAll(async () => {
  anvil = await startTestAnvil({ chainId })
  client = createPublicClient({ transport: verified({ headers: anvilHeaders(anvil.url), rpcs: [anvil.url], chainId, onUnverified: ({ method }) => unverified.push(method) }) }) as PublicClient
  test = createTestClient({ mode: 'anvil', transport: http(anvil.url) })
  await test.mine({ blocks: 1 })
})
afterAll(async () => {
  await anvil?.stop()
})

async function prepared(to: Address, amount: bigint) {
  const baseFeePerGas = (await anvilHeaders(anvil.url).getExecutionHeader('latest')).baseFeePerGas
  return prepareTransfer({ client, chainId, from: key.address, to, amount, baseFeePerGas })
}
const summary = (to: Address, amount: bigint) => ({ recipient: to, amount, symbol: 'ETH', decimals: 18 })

describe('a browser wallet without eth_signTransaction sends for us', () => {
  it('refuses signing with the typed error, sends the reviewed transaction, and the receipt and contents verify', async () => {
    const wallet = metaMaskLike()
    const signer = await createExternalSigner({ provider: wallet.provider })
    const to = deriveHdAccount({ mnemonic, index: 4 }).address
    const { transaction } = await prepared(to, parseEther('0.3'))
    const refusal = await signTransfer({ account: signer.account, from: key.address, transaction }).catch((e) => e)
    expect(refusal).toBeInstanceOf(ExternalSignerUnsupportedMethodError)
    expect(refusal).toMatchObject({ method: 'eth_signTransaction', code: -32601 })

    const before = await client.getBalance({ address: to })
    const activity = createMemoryActivityStore()
    const { hash, record } = await sendThroughWallet({ signer, transaction, summary: summary(to, parseEther('0.3')), activity })
    expect(record).toMatchObject({ broadcastBy: 'wallet', status: 'pending', nonce: transaction.nonce })
    // Not mined yet: still pending, nothing checked.
    expect(await refreshActivity({ client, activity, chainId })).toEqual([])
    await test.mine({ blocks: 1 })
    const [done] = await refreshActivity({ client, activity, chainId })
    expect(done).toMatchObject({ hash, status: 'success', walletCheck: { ok: true } })
    expect(await client.getBalance({ address: to })).toBe(before + parseEther('0.3'))
    expect(wallet.calls).toEqual(['eth_requestAccounts', 'eth_signTransaction', 'eth_sendTransaction'])
    expect(unverified).toEqual([])
  })

  it('a wallet that changes the value, the recipient or raises the fee cap is caught from the verified block', async () => {
    const cases: [string, (t: any) => any, RegExp][] = [
      ['value', (t) => ({ ...t, value: t.value + 1n }), /the value \(wei\) was 100000000000000001, the review said 100000000000000000/],
      ['recipient', (t) => ({ ...t, to: deriveHdAccount({ mnemonic, index: 6 }).address }), /the recipient was 0x/],
      ['fee cap', (t) => ({ ...t, maxFeePerGas: t.maxFeePerGas * 2n }), /the maximum fee \(wei\) was \d+, the review said \d+/],
    ]
    for (const [, tamper, message] of cases) {
      const signer = await createExternalSigner({ provider: metaMaskLike({ tamper }).provider })
      const to = deriveHdAccount({ mnemonic, index: 5 }).address
      const { transaction } = await prepared(to, parseEther('0.1'))
      const activity = createMemoryActivityStore()
      const { hash } = await sendThroughWallet({ signer, transaction, summary: summary(to, parseEther('0.1')), activity })
      await test.mine({ blocks: 1 })
      const [done] = await refreshActivity({ client, activity, chainId })
      expect(done.hash).toBe(hash)
      expect(done.walletCheck).toMatchObject({ ok: false })
      expect((done.walletCheck as { message: string }).message).toMatch(message)
    }
  })
})
