import { type Address, parseEther, recoverTransactionAddress } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { createQrSignRequest } from '../../../../src/lib/wallet/qr/createQrSignRequest.ts'
import { QrCodeError, QrSignatureMismatchError } from '../../../../src/lib/wallet/qr/errors.ts'
import { parseQrAccounts } from '../../../../src/lib/wallet/qr/parseQrAccounts.ts'
import { createUrReader, readUrText } from '../../../../src/lib/wallet/qr/readUr.ts'
import { verifyQrSignature } from '../../../../src/lib/wallet/qr/verifyQrSignature.ts'
import { SoftwareQrSigner, framesOf } from '../../../helpers/qrSigner.ts'

const mnemonic = 'test test test test test test test test test test test junk'
const recipient = '0x000000000000000000000000000000000000c0DE' as Address
const tx = { type: 'eip1559' as const, chainId: 31337, nonce: 0, to: recipient, value: parseEther('0.5'), gas: 21000n, maxFeePerGas: 20_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n }
const accountTypes = ['crypto-hdkey', 'crypto-account'] as const

describe('QR account import (ERC-4527)', () => {
  it('a crypto-hdkey gives the m/44\'/60\'/0\'/0/i addresses and the signer\'s fingerprint', () => {
    const signer = new SoftwareQrSigner({ mnemonic })
    const parsed = parseQrAccounts({ ...readUrText({ text: signer.exportHdKey({ name: 'Keystone' }), types: accountTypes }), count: 3 })
    expect(parsed.walletName).toBe('Keystone')
    expect(parsed.sourceFingerprint).toBe(signer.fingerprint)
    expect(parsed.accounts).toEqual([0, 1, 2].map((i) => ({ address: mnemonicToAccount(mnemonic, { addressIndex: i }).address, path: `m/44'/60'/0'/0/${i}` })))
    expect(parseQrAccounts({ ...readUrText({ text: signer.exportHdKey(), types: accountTypes }), start: 5, count: 1 }).accounts[0]!.path).toBe("m/44'/60'/0'/0/5")
  })

  it('a crypto-account gives its accounts (Ledger Live paths m/44\'/60\'/i\'/0/0)', () => {
    const signer = new SoftwareQrSigner({ mnemonic })
    const parsed = parseQrAccounts(readUrText({ text: signer.exportAccount({ count: 2 }), types: accountTypes }))
    expect(parsed.accounts).toEqual([0, 1].map((i) => ({ address: mnemonicToAccount(mnemonic, { accountIndex: i }).address, path: `m/44'/60'/${i}'/0/0` })))
  })

  it('text that is not an account UR is refused with QrCodeError', () => {
    expect(() => readUrText({ text: 'hello', types: accountTypes })).toThrow(QrCodeError)
    expect(() => readUrText({ text: '', types: accountTypes })).toThrow(QrCodeError)
    const signer = new SoftwareQrSigner({ mnemonic })
    const request = createQrSignRequest({ transaction: tx, address: recipient, path: "m/44'/60'/0'/0/0", sourceFingerprint: signer.fingerprint })
    expect(() => readUrText({ text: request.text, types: accountTypes })).toThrow(QrCodeError)
    // A damaged part (checksum) is caught by the UR decoder.
    const text = signer.exportHdKey()
    expect(() => readUrText({ text: `${text.slice(0, -6)}${text.slice(-6) === 'aaaaaa' ? 'bbbbbb' : 'aaaaaa'}`, types: accountTypes })).toThrow(QrCodeError)
    expect(() => readUrText({ text: 'ur:crypto-hdkey/not-a-key', types: accountTypes })).toThrow(QrCodeError)
  })
})

describe('QR signing round trip', () => {
  it('an animated eth-sign-request is signed by the software signer; the eth-signature frames give a transaction signed by the account', async () => {
    const signer = new SoftwareQrSigner({ mnemonic })
    const { accounts, sourceFingerprint } = parseQrAccounts({ ...readUrText({ text: signer.exportHdKey(), types: accountTypes }), count: 2 })
    const account = accounts[1]!
    const request = createQrSignRequest({ transaction: tx, address: account.address, path: account.path, sourceFingerprint, fragmentLength: 60 })
    const frames = framesOf(request.encoder)
    expect(request.encoder.fragmentsLength).toBeGreaterThan(1) // really animated
    const answer = signer.sign(frames, { fragmentLength: 30 })
    expect(signer.signed[0]).toMatchObject({ path: account.path, chainId: 31337, origin: 'Latchkey' })
    expect(signer.signed[0]!.transaction).toMatchObject({ to: recipient.toLowerCase(), value: parseEther('0.5'), nonce: 0 })
    const reader = createUrReader({ types: ['eth-signature'] })
    let complete = false
    for (const frame of answer) if ((complete = reader.receive(frame))) break
    expect(complete).toBe(true)
    const signed = await verifyQrSignature({ ur: reader.result(), requestId: request.requestId, transaction: tx, address: account.address })
    expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(account.address)
  })

  it('a signature by another key, or for another request, is refused with QrSignatureMismatchError', async () => {
    const signer = new SoftwareQrSigner({ mnemonic })
    const address = mnemonicToAccount(mnemonic).address
    const path = "m/44'/60'/0'/0/0"
    const request = createQrSignRequest({ transaction: tx, address, path, sourceFingerprint: signer.fingerprint })
    signer.tamper = { key: signer.root.derive("m/44'/60'/0'/0/1").privateKey! }
    const wrongKey = readUrText({ text: signer.sign([request.text]).join('\n'), types: ['eth-signature'] })
    await expect(verifyQrSignature({ ur: wrongKey, requestId: request.requestId, transaction: tx, address })).rejects.toBeInstanceOf(QrSignatureMismatchError)
    signer.tamper = { requestId: Buffer.alloc(16, 7) }
    const otherRequest = readUrText({ text: signer.sign([request.text]).join('\n'), types: ['eth-signature'] })
    await expect(verifyQrSignature({ ur: otherRequest, requestId: request.requestId, transaction: tx, address })).rejects.toBeInstanceOf(QrSignatureMismatchError)
    // The signature of this request, for a transaction other than the reviewed one, recovers to another address.
    signer.tamper = {}
    const good = readUrText({ text: signer.sign([request.text]).join('\n'), types: ['eth-signature'] })
    await expect(verifyQrSignature({ ur: good, requestId: request.requestId, transaction: { ...tx, value: tx.value + 1n }, address })).rejects.toBeInstanceOf(QrSignatureMismatchError)
    await expect(verifyQrSignature({ ur: good, requestId: request.requestId, transaction: tx, address })).resolves.toMatch(/^0x02/)
  })
})
