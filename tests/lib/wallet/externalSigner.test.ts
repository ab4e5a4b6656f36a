import { announceProvider } from 'mipd'
import type { Hex, TransactionSerializableEIP1559 } from 'viem'
import { hexToBigInt, hexToNumber, parseEther, parseTransaction, recoverTransactionAddress, verifyMessage, verifyTypedData } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createExternalSigner, isUnsupportedMethod } from '../../../src/lib/wallet/createExternalSigner.ts'
import { ExternalSignerError, ExternalSignerMethodError, ExternalSignerUnsupportedMethodError, WalletSendAnswerError } from '../../../src/lib/wallet/errors.ts'
import { guardExternalProvider } from '../../../src/lib/wallet/guardExternalProvider.ts'
import { watchExternalSigners } from '../../../src/lib/wallet/watchExternalSigners.ts'

// Stands in for an injected wallet: holds a key, answers the EIP-1193 signing methods, records every call.
const walletKey = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
function fakeWallet({ tamper = false, key = walletKey, sends = false } = {}) {
  const calls: string[] = []
  const sent: any[] = []
  const provider = {
    async request({ method, params }: { method: string; params?: any }): Promise<unknown> {
      calls.push(method)
      switch (method) {
        case 'eth_requestAccounts':
          return [walletKey.address.toLowerCase()]
        case 'personal_sign':
          return key.signMessage({ message: { raw: params[0] } })
        case 'eth_signTypedData_v4':
          return key.signTypedData(JSON.parse(params[1]))
        case 'eth_signTransaction': {
          const t = params[0]
          const tx: TransactionSerializableEIP1559 = {
            type: 'eip1559',
            chainId: hexToNumber(t.chainId),
            to: t.to,
            value: hexToBigInt(t.value) + (tamper ? 1n : 0n),
            data: t.data,
            nonce: hexToNumber(t.nonce),
            gas: hexToBigInt(t.gas),
            maxFeePerGas: hexToBigInt(t.maxFeePerGas),
            maxPriorityFeePerGas: hexToBigInt(t.maxPriorityFeePerGas),
          }
          return key.signTransaction(tx)
        }
        case 'eth_sendTransaction':
          if (!sends) throw Object.assign(new Error('unsupported'), { code: 4200 })
          sent.push(params[0])
          return '0x' + 'ab'.repeat(32)
        default:
          throw Object.assign(new Error('unsupported'), { code: 4200 })
      }
    },
  }
  return { provider, calls, sent }
}

const tx: TransactionSerializableEIP1559 = {
  type: 'eip1559',
  chainId: 31337,
  to: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  value: parseEther('0.5'),
  nonce: 7,
  gas: 21000n,
  maxFeePerGas: 3_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
}

afterEach(() => vi.unstubAllGlobals())

describe('external signer adapter', () => {
  it('signs messages, typed data and transactions through the wallet, and they verify', async () => {
    const { provider, calls } = fakeWallet()
    const { account } = await createExternalSigner({ provider })
    expect(account.address).toBe(walletKey.address)
    const sig = await account.signMessage({ message: 'hello' })
    expect(await verifyMessage({ address: walletKey.address, message: 'hello', signature: sig })).toBe(true)
    const typed = {
      domain: { name: 'Latchkey', chainId: 1 },
      types: { Mail: [{ name: 'note', type: 'string' }] },
      primaryType: 'Mail' as const,
      message: { note: 'hi' },
    }
    const tsig = await account.signTypedData(typed)
    expect(await verifyTypedData({ address: walletKey.address, signature: tsig, ...typed })).toBe(true)
    const raw = await account.signTransaction(tx)
    expect(await recoverTransactionAddress({ serializedTransaction: raw as never })).toBe(walletKey.address)
    expect(parseTransaction(raw as Hex)).toMatchObject({ value: tx.value, nonce: 7, to: tx.to!.toLowerCase() })
    // only signing methods ever reached the wallet
    expect(new Set(calls)).toEqual(new Set(['eth_requestAccounts', 'personal_sign', 'eth_signTypedData_v4', 'eth_signTransaction']))
  })

  it('refuses a transaction the wallet altered, or one signed by another key', async () => {
    const { account } = await createExternalSigner(fakeWallet({ tamper: true }))
    await expect(account.signTransaction(tx)).rejects.toThrow(/different from the one reviewed/)
    const other = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a')
    const { account: a2 } = await createExternalSigner(fakeWallet({ key: other }))
    await expect(a2.signTransaction(tx)).rejects.toThrow(ExternalSignerError)
  })

  it('reports unsupported methods and ungranted addresses clearly', async () => {
    const { provider } = fakeWallet()
    const signer = await createExternalSigner({ provider })
    await expect(signer.sendTransaction(tx)).rejects.toThrow(/does not support eth_sendTransaction/)
    await expect(createExternalSigner({ provider, address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' })).rejects.toThrow(/did not grant/)
  })

  it('wallets that only send get the fully specified, reviewed transaction', async () => {
    const w = fakeWallet({ sends: true })
    const signer = await createExternalSigner({ provider: w.provider })
    expect(await signer.sendTransaction(tx)).toBe('0x' + 'ab'.repeat(32))
    expect(w.sent[0]).toEqual({
      from: walletKey.address, to: tx.to, value: '0x6f05b59d3b20000', data: '0x', nonce: '0x7', gas: '0x5208',
      maxFeePerGas: '0xb2d05e00', maxPriorityFeePerGas: '0x3b9aca00', chainId: '0x7a69', type: '0x2',
    })
  })

  it('tells "not supported" (4200, -32601, or in words) from a rejection or a failure', async () => {
    const err = (code: number | undefined, message: string) => Object.assign(new Error(message), { code })
    expect(isUnsupportedMethod(err(4200, 'x'))).toBe(true)
    expect(isUnsupportedMethod(err(-32601, 'x'))).toBe(true)
    expect(isUnsupportedMethod(err(-32603, 'eth_signTransaction is not supported'))).toBe(true)
    expect(isUnsupportedMethod(err(undefined, 'The method "eth_signTransaction" does not exist / is not available.'))).toBe(true)
    expect(isUnsupportedMethod(err(4001, 'User rejected: not supported by user'))).toBe(false)
    expect(isUnsupportedMethod(err(-32603, 'Internal error'))).toBe(false)
    const rejecting = { request: async ({ method }: { method: string }) => {
      if (method === 'eth_requestAccounts') return [walletKey.address]
      throw Object.assign(new Error('User denied'), { code: 4001 })
    } }
    const { account } = await createExternalSigner({ provider: rejecting })
    const rejection = await account.signTransaction(tx).catch((e) => e)
    expect(rejection).toBeInstanceOf(ExternalSignerError)
    expect(rejection).not.toBeInstanceOf(ExternalSignerUnsupportedMethodError)
    expect(rejection.shortMessage).toMatch(/rejected in the wallet/)
  })

  it('a wallet that answers eth_sendTransaction with something other than a hash is refused', async () => {
    const odd = { request: async ({ method }: { method: string }) => (method === 'eth_requestAccounts' ? [walletKey.address] : { hash: 'soon' }) }
    const signer = await createExternalSigner({ provider: odd })
    await expect(signer.sendTransaction(tx)).rejects.toThrow(WalletSendAnswerError)
  })

  it('the guard blocks every read method from reaching the extension', async () => {
    const { provider, calls } = fakeWallet()
    const request = guardExternalProvider({ provider })
    for (const method of ['eth_getBalance', 'eth_call', 'eth_getTransactionReceipt', 'eth_blockNumber', 'eth_getProof', 'eth_sendRawTransaction'])
      await expect(request({ method, params: [] })).rejects.toThrow(ExternalSignerMethodError)
    expect(calls).toEqual([])
  })
})

describe('EIP-6963 discovery', () => {
  it('lists wallets announced before and after watching starts', async () => {
    vi.stubGlobal('window', new EventTarget())
    const info = (n: number) => ({ uuid: `00000000-0000-4000-8000-00000000000${n}`, name: `W${n}`, icon: 'data:image/svg+xml,<svg/>' as const, rdns: `com.example.w${n}` })
    const stop1 = announceProvider({ info: info(1), provider: fakeWallet().provider as never })
    const seen: string[][] = []
    const stop = watchExternalSigners({ onChange: (ws) => seen.push(ws.map((w) => w.info.name)) })
    const stop2 = announceProvider({ info: info(2), provider: fakeWallet().provider as never })
    expect(seen.at(-1)).toEqual(['W1', 'W2'])
    stop()
    stop1()
    stop2()
  })
})
