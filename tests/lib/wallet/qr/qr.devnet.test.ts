import { type Address, createPublicClient, http, parseEther } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createQrSignRequest } from '../../../../src/lib/wallet/qr/createQrSignRequest.ts'
import { parseQrAccounts } from '../../../../src/lib/wallet/qr/parseQrAccounts.ts'
import { readUrText } from '../../../../src/lib/wallet/qr/readUr.ts'
import { verifyQrSignature } from '../../../../src/lib/wallet/qr/verifyQrSignature.ts'
import { SoftwareQrSigner, framesOf } from '../../../helpers/qrSigner.ts'
import { type TestAnvil, startTestAnvil } from '../anvil.ts'

const mnemonic = 'test test test test test test test test test test test junk'
const recipient = '0x000000000000000000000000000000000000bEEF' as Address
let anvil: TestAnvil
beforeAll(async () => {
  anvil = await startTestAnvil()
})
afterAll(() => anvil?.stop())

it('a transaction signed over QR (ERC-4527 round trip with a software signer) is accepted by anvil', async () => {
  const client = createPublicClient({ transport: http(anvil.url) })
  await client.request({ method: 'evm_setAutomine' as never, params: [true] as never })
  const signer = new SoftwareQrSigner({ mnemonic })
  // A Ledger Live-style export; account 2 (m/44'/60'/2'/0/0) is not a funded dev account: fund it.
  const { accounts, sourceFingerprint } = parseQrAccounts(readUrText({ text: signer.exportAccount({ count: 3 }), types: ['crypto-account'] }))
  const account = accounts[2]!
  await client.request({ method: 'anvil_setBalance' as never, params: [account.address, '0xde0b6b3a7640000'] as never })
  const transaction = { type: 'eip1559' as const, chainId: 31337, nonce: 0, to: recipient, value: parseEther('0.25'), gas: 21000n, maxFeePerGas: 20_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n }
  const request = createQrSignRequest({ transaction, address: account.address, path: account.path, sourceFingerprint })
  const answer = signer.sign(framesOf(request.encoder))
  const signed = await verifyQrSignature({ ur: readUrText({ text: answer.join('\n'), types: ['eth-signature'] }), requestId: request.requestId, transaction, address: account.address })
  const hash = await client.sendRawTransaction({ serializedTransaction: signed })
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 })
  expect(receipt.status).toBe('success')
  expect(receipt.from.toLowerCase()).toBe(account.address.toLowerCase())
  expect(await client.getBalance({ address: recipient })).toBe(parseEther('0.25'))
})
