import { type Address, type Hex, type TransactionSerializableEIP1559, bytesToHex, recoverTransactionAddress, serializeTransaction } from 'viem'
import { QrCodeError, QrSignatureMismatchError } from './errors.ts'
import { readEthSignature } from './ur/registry.ts'

export type VerifyQrSignatureParameters = {
  /** The decoded eth-signature UR (see readUr). */
  ur: { type: string; cbor: Uint8Array }
  requestId: string
  transaction: TransactionSerializableEIP1559 & { chainId: number }
  address: Address
}

const uuidBytes = (id: string) => id.replace(/-/g, '').toLowerCase()

/** The signed transaction from an eth-signature, refused unless it answers this request and recovers to the account. */
export async function verifyQrSignature({ ur, requestId, transaction, address }: VerifyQrSignatureParameters): Promise<Hex> {
  if (ur.type !== 'eth-signature') throw new QrCodeError({ expected: 'eth-signature', found: ur.type, reason: `it is a ${ur.type}` })
  const answer = (() => {
    try {
      return readEthSignature(ur.cbor)
    } catch (cause) {
      throw new QrCodeError({ expected: 'eth-signature', found: ur.type, reason: `it is damaged (${(cause as Error)?.message ?? cause})` })
    }
  })()
  const id = answer.requestId
  if (!id || bytesToHex(id).slice(2) !== uuidBytes(requestId)) throw new QrSignatureMismatchError({ expected: address, reason: 'it answers another signing request (scan the signature of this transaction)' })
  const signature = answer.signature
  if (signature.length !== 65) throw new QrCodeError({ expected: 'eth-signature', found: ur.type, reason: `the signature has ${signature.length} bytes, not 65` })
  const v = signature[64]!
  // Typed transactions carry the y parity (0/1); some signers still answer 27/28.
  const yParity = v >= 27 ? v - 27 : v
  if (yParity !== 0 && yParity !== 1) throw new QrSignatureMismatchError({ expected: address, reason: `v = ${v} is not a y parity` })
  const signed = serializeTransaction({ ...transaction, type: 'eip1559' }, { r: bytesToHex(signature.subarray(0, 32)), s: bytesToHex(signature.subarray(32, 64)), yParity })
  const signer = await recoverTransactionAddress({ serializedTransaction: signed }).catch(() => undefined)
  if (signer?.toLowerCase() !== address.toLowerCase()) throw new QrSignatureMismatchError({ expected: address, actual: signer, reason: `it is signed by ${signer ?? 'no valid key'}, not ${address}` })
  return signed
}
