import { DataType, EthSignRequest } from '@keystonehq/bc-ur-registry-eth'
import type { UREncoder } from '@ngraveio/bc-ur'
import { type Address, type TransactionSerializableEIP1559, hexToBytes, serializeTransaction } from 'viem'

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
  encoder: UREncoder
  /** The same request as one UR text (to copy, or for signers that read text). */
  text: string
}

/** An ERC-4527 eth-sign-request for an EIP-1559 transaction (data type typed transaction: 0x02 || RLP, unsigned). */
export function createQrSignRequest({ transaction, address, path, sourceFingerprint, requestId = globalThis.crypto.randomUUID(), fragmentLength = 200 }: CreateQrSignRequestParameters): QrSignRequest {
  const unsigned = serializeTransaction({ ...transaction, type: 'eip1559' })
  const request = EthSignRequest.constructETHRequest(
    Buffer.from(hexToBytes(unsigned)),
    DataType.typedTransaction,
    path,
    sourceFingerprint.toString(16).padStart(8, '0'),
    requestId,
    transaction.chainId,
    address,
    'Latchkey',
  )
  const whole = request.toUREncoder(1e6).nextPart()
  return { requestId, encoder: request.toUREncoder(fragmentLength), text: whole }
}
