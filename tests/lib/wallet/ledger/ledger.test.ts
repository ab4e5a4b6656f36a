import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { type Address, encodeFunctionData, erc20Abi, parseEther, parseTransaction, parseUnits, recoverTransactionAddress, verifyMessage } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLedgerAccount } from '../../../../src/lib/wallet/ledger/createLedgerAccount.ts'
import { LedgerAddressMismatchError, LedgerDeviceError, LedgerTokenDescriptorError } from '../../../../src/lib/wallet/ledger/errors.ts'
import { getLedgerTokenDescriptor } from '../../../../src/lib/wallet/ledger/getLedgerTokenDescriptor.ts'
import { ledgerPath } from '../../../../src/lib/wallet/ledger/ledgerPath.ts'
import { listLedgerAddresses } from '../../../../src/lib/wallet/ledger/listLedgerAddresses.ts'
import { verifyLedgerAddress } from '../../../../src/lib/wallet/ledger/verifyLedgerAddress.ts'
import { EmulatedLedgerTransport, LedgerEthAppEmulator, type LedgerScreen } from '../../../helpers/ledgerEmulator.ts'

const mnemonic = 'test test test test test test test test test test test junk'
const other = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'
const usdc = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' as Address
const recipient = '0x000000000000000000000000000000000000c0DE' as Address
const fees = { gas: 21000n, maxFeePerGas: 30_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n }

const device = (options: Partial<ConstructorParameters<typeof LedgerEthAppEmulator>[0]> = {}) => {
  const emulator = new LedgerEthAppEmulator({ mnemonic, ...options })
  return { emulator, transport: new EmulatedLedgerTransport(emulator) }
}

afterEach(() => vi.restoreAllMocks())

describe('Ledger addresses', () => {
  it('lists m/44\'/60\'/0\'/0/i and the Ledger Live paths m/44\'/60\'/i\'/0/0 as the seed derives them', async () => {
    const { transport } = device()
    const bip44 = await listLedgerAddresses({ transport, scheme: 'bip44', count: 3 })
    const live = await listLedgerAddresses({ transport, scheme: 'live', start: 1, count: 2 })
    expect(bip44.map((a) => a.address)).toEqual([0, 1, 2].map((i) => mnemonicToAccount(mnemonic, { addressIndex: i }).address))
    expect(bip44[2]!.path).toBe("44'/60'/0'/0/2")
    expect(live.map((a) => a.path)).toEqual(["44'/60'/1'/0/0", "44'/60'/2'/0/0"])
    expect(live.map((a) => a.address)).toEqual([1, 2].map((i) => mnemonicToAccount(mnemonic, { accountIndex: i }).address))
    expect(() => ledgerPath({ scheme: 'bip44', index: -1 })).toThrow(RangeError)
  })

  it('shows the address on the device for confirmation; a rejection or another seed is refused with its class', async () => {
    const address = mnemonicToAccount(mnemonic).address
    const { emulator, transport } = device()
    await expect(verifyLedgerAddress({ transport, path: ledgerPath({ scheme: 'bip44', index: 0 }), address, display: true })).resolves.toBe(address)
    expect(emulator.screens).toEqual([{ kind: 'address', address, path: "44'/60'/0'/0/0" }])

    const rejecting = device({ approve: () => false })
    const rejected = await verifyLedgerAddress({ transport: rejecting.transport, path: "44'/60'/0'/0/0", address, display: true }).catch((e) => e)
    expect(rejected).toBeInstanceOf(LedgerDeviceError)
    expect(rejected.statusCode).toBe(0x6985)
    expect(rejected.shortMessage).toMatch(/rejected on the Ledger/)

    const wrongSeed = device({ mnemonic: other })
    await expect(createLedgerAccount({ transport: wrongSeed.transport, path: "44'/60'/0'/0/0", address })).rejects.toBeInstanceOf(LedgerAddressMismatchError)
  })
})

describe('Ledger signing', () => {
  it('signs an EIP-1559 ETH transfer: the device shows amount and recipient, the signature recovers to the account', async () => {
    const { emulator, transport } = device()
    const from = mnemonicToAccount(mnemonic, { addressIndex: 1 }).address
    const account = await createLedgerAccount({ transport, path: ledgerPath({ scheme: 'bip44', index: 1 }), address: from })
    const tx = { type: 'eip1559' as const, chainId: 31337, nonce: 3, to: recipient, value: parseEther('0.25'), ...fees }
    const signed = await account.signTransaction(tx)
    expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(from)
    expect(parseTransaction(signed)).toMatchObject({ to: recipient.toLowerCase(), value: parseEther('0.25'), nonce: 3, chainId: 31337 })
    expect(emulator.screens.at(-1)).toEqual<LedgerScreen>({ kind: 'eth', to: recipient, amount: '0.25 ETH', chainId: 31337, maxFees: '0.00063 ETH' })

    const message = await account.signMessage({ message: 'latchkey' })
    expect(await verifyMessage({ address: from, message: 'latchkey', signature: message })).toBe(true)
  })

  it('clear-signs an ERC-20 transfer with the build\'s Ledger-signed descriptor, and makes no network request', async () => {
    const requests: string[] = []
    const block = (what: string) => () => { requests.push(what); throw new Error(`network request (${what}) during Ledger signing`) }
    vi.spyOn(globalThis, 'fetch').mockImplementation(block('fetch') as never)
    vi.spyOn(http, 'request').mockImplementation(block('http.request') as never)
    vi.spyOn(https, 'request').mockImplementation(block('https.request') as never)
    vi.spyOn(http, 'get').mockImplementation(block('http.get') as never)
    vi.spyOn(https, 'get').mockImplementation(block('https.get') as never)
    vi.spyOn(net, 'connect').mockImplementation(block('net.connect') as never)
    vi.spyOn(net, 'createConnection').mockImplementation(block('net.createConnection') as never)
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(block('socket.connect') as never)

    const { emulator, transport } = device()
    const from = mnemonicToAccount(mnemonic).address
    const account = await createLedgerAccount({ transport, path: "44'/60'/0'/0/0", address: from })
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [recipient, parseUnits('250', 6)] })
    const signed = await account.signTransaction({ type: 'eip1559', chainId: 1, nonce: 0, to: usdc, value: 0n, data, ...fees, gas: 65000n })
    expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(from)
    expect(emulator.screens.at(-1)).toEqual<LedgerScreen>({ kind: 'erc20', ticker: 'USDC', to: recipient, amount: '250 USDC', contract: usdc, chainId: 1 })
    // The descriptor went to the device (INS 0A) before the transaction (INS 04).
    expect(emulator.exchanges.map(([apdu]) => apdu.slice(0, 4))).toEqual(['e002', 'e00a', 'e004'])
    expect(requests).toEqual([])
  })

  it('without a descriptor (a devnet token) the device refuses unless Blind signing is on, and then shows raw data', async () => {
    const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [recipient, 5n] })
    const tx = { type: 'eip1559' as const, chainId: 31337, nonce: 0, to: token, value: 0n, data, ...fees, gas: 65000n }
    const from = mnemonicToAccount(mnemonic).address
    const strict = device()
    const refused = await (await createLedgerAccount({ transport: strict.transport, path: "44'/60'/0'/0/0", address: from })).signTransaction(tx).catch((e) => e)
    expect(refused).toBeInstanceOf(LedgerDeviceError)
    expect(refused.statusCode).toBe(0x6a80)
    expect(refused.shortMessage).toMatch(/Blind signing/)
    const blind = device({ blindSigning: true })
    const signed = await (await createLedgerAccount({ transport: blind.transport, path: "44'/60'/0'/0/0", address: from })).signTransaction(tx)
    expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(from)
    expect(blind.emulator.screens.at(-1)?.kind).toBe('blind')
  })

  it('a rejection on the device is a LedgerDeviceError, and nothing is signed', async () => {
    const { transport } = device({ approve: (s) => s.kind !== 'eth' })
    const account = await createLedgerAccount({ transport, path: "44'/60'/0'/0/0", address: mnemonicToAccount(mnemonic).address })
    const error = await account.signTransaction({ type: 'eip1559', chainId: 31337, nonce: 0, to: recipient, value: 1n, ...fees }).catch((e) => e)
    expect(error).toBeInstanceOf(LedgerDeviceError)
    expect(error.statusCode).toBe(0x6985)
  })
})

describe('Ledger token descriptors (local data)', () => {
  it('every default mainnet token has one, checked against Ledger\'s key', async () => {
    const { mainnetTokens } = await import('../../../../src/lib/wallet/defaultTokens.ts')
    for (const token of mainnetTokens) {
      const descriptor = await getLedgerTokenDescriptor({ chainId: 1, contract: token.address })
      expect(descriptor, token.symbol).toMatchObject({ contract: token.address, decimals: token.decimals, chainId: 1 })
    }
    await expect(getLedgerTokenDescriptor({ chainId: 31337, contract: usdc })).resolves.toBeUndefined()
  })

  it('a tampered descriptor (another ticker under Ledger\'s signature) is refused with LedgerTokenDescriptorError', async () => {
    const { signatures } = await import('@ledgerhq/cryptoassets-evm-signatures/lib-es/data/evm/1/index')
    const bytes = Buffer.from(signatures as unknown as string, 'base64')
    const at = bytes.indexOf(Buffer.from('USDC'))
    bytes[at + 3] = 'T'.charCodeAt(0) // "USDT" signed as "USDC"
    await expect(getLedgerTokenDescriptor({ chainId: 1, contract: usdc, blob: bytes.toString('base64') })).rejects.toBeInstanceOf(LedgerTokenDescriptorError)
  })
})
