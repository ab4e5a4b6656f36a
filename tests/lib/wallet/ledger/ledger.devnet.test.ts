import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { RecordStore, openTransportReplayer } from '@ledgerhq/hw-transport-mocker'
import type Transport from '@ledgerhq/hw-transport'
import { type Address, createPublicClient, createWalletClient, defineChain, encodeFunctionData, erc20Abi, http, parseEther, recoverTransactionAddress } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { deployContract } from '../../../../scripts/contracts/deployContract.ts'
import { createLedgerAccount } from '../../../../src/lib/wallet/ledger/createLedgerAccount.ts'
import { LedgerSignatureError } from '../../../../src/lib/wallet/ledger/errors.ts'
import { EmulatedLedgerTransport, LedgerEthAppEmulator } from '../../../helpers/ledgerEmulator.ts'
import { type TestAnvil, startTestAnvil } from '../anvil.ts'

// Replays recorded APDU exchanges (hw-transport-mocker's RecordStore): the same bytes a device sent
// back, so the transaction below must be the recorded one byte for byte, or the replayer throws.
// The recordings were made with the software Ethereum app in tests/helpers/ledgerEmulator.ts; to
// make them again: LEDGER_RECORD=1 npx vitest run tests/lib/wallet/ledger/ledger.devnet.test.ts
const recordings = path.resolve(import.meta.dirname, 'recordings')
const record = process.env.LEDGER_RECORD === '1'
const mnemonic = 'test test test test test test test test test test test junk'
const path0 = "44'/60'/0'/0/0"
const from = mnemonicToAccount(mnemonic).address
const recipient = '0x000000000000000000000000000000000000c0DE' as Address
const fees = { maxFeePerGas: 20_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n }

let anvil: TestAnvil
let chain: ReturnType<typeof defineChain>
beforeAll(async () => {
  anvil = await startTestAnvil()
  chain = defineChain({ id: 31337, name: 'anvil', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [anvil.url] } } })
  await createPublicClient({ chain, transport: http(anvil.url) }).request({ method: 'evm_setAutomine' as never, params: [true] as never })
})
afterAll(() => anvil?.stop())

async function transportFor(name: string, emulator = new LedgerEthAppEmulator({ mnemonic, blindSigning: true })) {
  const file = path.join(recordings, `${name}.apdu`)
  if (record) return { transport: new EmulatedLedgerTransport(emulator) as Transport, done: () => writeFile(file, emulator.recording()) }
  if (!existsSync(file)) throw new Error(`missing recording ${file}`)
  const store = RecordStore.fromString(await readFile(file, 'utf8'))
  return { transport: await openTransportReplayer(store), done: async () => store.ensureQueueEmpty(), store }
}

it('a recorded Ledger exchange signs an EIP-1559 ETH transfer that anvil accepts', async () => {
  const client = createPublicClient({ chain, transport: http(anvil.url) })
  const { transport, done } = await transportFor('eth-transfer')
  const account = await createLedgerAccount({ transport, path: path0, address: from })
  const signed = await account.signTransaction({ type: 'eip1559', chainId: 31337, nonce: 0, to: recipient, value: parseEther('1.5'), gas: 21000n, ...fees })
  await done()
  expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(from)
  const hash = await client.sendRawTransaction({ serializedTransaction: signed })
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 })
  expect(receipt.status).toBe('success')
  expect(receipt.from.toLowerCase()).toBe(from.toLowerCase())
  expect(await client.getBalance({ address: recipient })).toBe(parseEther('1.5'))
})

it('a recorded Ledger exchange signs an ERC-20 transfer that anvil accepts', async () => {
  const client = createPublicClient({ chain, transport: http(anvil.url) })
  // Deployed by dev account 9 at its nonce 0: the same address every run, so the recording matches.
  const token = await deployContract({ rpcUrl: anvil.url, file: 'TestTokens.sol', contract: 'TestToken', args: ['Test', 'TST', 18, parseEther('1000')], fromAccount: 9 })
  const holder = mnemonicToAccount(mnemonic, { addressIndex: 9 })
  await client.waitForTransactionReceipt({ hash: await createWalletClient({ chain, account: holder, transport: http(anvil.url) }).writeContract({ account: holder, chain, address: token.address, abi: erc20Abi, functionName: 'transfer', args: [from, parseEther('100')] }), pollingInterval: 50 })
  const { transport, done } = await transportFor('erc20-transfer')
  const account = await createLedgerAccount({ transport, path: path0, address: from })
  const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [recipient, parseEther('25')] })
  const signed = await account.signTransaction({ type: 'eip1559', chainId: 31337, nonce: 1, to: token.address, value: 0n, data, gas: 80000n, ...fees })
  await done()
  const hash = await client.sendRawTransaction({ serializedTransaction: signed })
  expect((await client.waitForTransactionReceipt({ hash, pollingInterval: 50 })).status).toBe('success')
  expect(await client.readContract({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [recipient] })).toBe(parseEther('25'))
})

it.skipIf(record)('a recorded answer with a tampered signature is refused (LedgerSignatureError), nothing to broadcast', async () => {
  const text = await readFile(path.join(recordings, 'eth-transfer.apdu'), 'utf8')
  const lines = text.trimEnd().split('\n')
  // The last answer is v || r || s || 9000: change one byte of s.
  const last = lines.at(-1)!
  const i = last.length - 8
  lines[lines.length - 1] = `${last.slice(0, i)}${((parseInt(last.slice(i, i + 2), 16) ^ 1) & 0xff).toString(16).padStart(2, '0')}${last.slice(i + 2)}`
  const transport = await openTransportReplayer(RecordStore.fromString(lines.join('\n')))
  const account = await createLedgerAccount({ transport, path: path0, address: from })
  const error = await account.signTransaction({ type: 'eip1559', chainId: 31337, nonce: 0, to: recipient, value: parseEther('1.5'), gas: 21000n, ...fees }).catch((e) => e)
  expect(error).toBeInstanceOf(LedgerSignatureError)
})
