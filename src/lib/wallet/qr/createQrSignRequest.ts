import { type Address, type TransactionSerializableEIP1559, hexToBytes, serializeTransaction } from 'viem'
import { type UrEncoder, createUrEncoder } from './ur/createUrEncoder.ts'
import { encodeEthSignRequest } from './ur/registry.ts'

export type CreateQrSignRequestParameters = {
  transaction: TransactionSerializableEIP1559 & { chainId: number }
  address: Address
  /** m/44'/60'/0'/0/0 */
  path: string
  sourceFingerprint: number
  /** Random by default; the signature must come back with the same id. */
  requestId?: string
  /** Bytes per QR frame: small enough for a phone-sized screen and camera. */
  fragmentLength?: number
}
export type QrSignRequest = {
  requestId: string
  /** The animated QR's frames, forever (fountain codes: any enough of them decode). */
  encoder: UrEncoder
  /** The same request as one UR text (to copy, or for signers that read text). */
  text: string
}

// ERC-4527 data type 4: a typed transaction, 0x02 || RLP of the unsigned EIP-1559 fields.
const typedTransaction = 4

/** An ERC-4527 eth-sign-request for an EIP-1559 transaction (data type typed transaction: 0x02 || RLP, unsigned). */
export function createQrSignRequest({ transaction, address, path, sourceFingerprint, requestId = globalThis.crypto.randomUUID(), fragmentLength = 200 }: CreateQrSignRequestParameters): QrSignRequest {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(requestId)) throw new RangeError(`request id ${requestId} is not a UUID`)
  const cbor = encodeEthSignRequest({
    requestId: hexToBytes(`0x${requestId.replace(/-/g, '')}`),
    signData: hexToBytes(serializeTransaction({ ...transaction, type: 'eip1559' })),
    dataType: typedTransaction,
    chainId: transaction.chainId,
    path,
    sourceFingerprint,
    address: hexToBytes(address),
    origin: 'Latchkey',
  })
  const whole = createUrEncoder({ type: 'eth-sign-request', cbor, maxFragmentLength: 1e6 }).nextPart()
  return { requestId, encoder: createUrEncoder({ type: 'eth-sign-request', cbor, maxFragmentLength: fragmentLength }), text: whole }
}
