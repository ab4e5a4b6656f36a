import type { Address, Hex, LocalAccount, TransactionSerializableEIP1559 } from 'viem'
import type { UrReader } from '../../lib/wallet/qr/readUr.ts'
import { QrSigningCancelledError } from '../../lib/wallet/qr/errors.ts'
import { errorText } from '../display/errorText.ts'
import { QrSignerUnsupportedError } from './errors.ts'

export type QrSignerRef = { address: Address; path: string; sourceFingerprint: number; walletName: string }

/** A signing request on screen: the animated QR's frames, and the text for copying. */
export type PendingQrRequest = { walletName: string; address: Address; requestId: string; text: string; nextPart(): string; fragments: number }

type Waiting = {
  reader: UrReader
  finish(ur: { type: string; cbor: Uint8Array }): Promise<Hex>
  resolve(signed: Hex): void
  reject(error: unknown): void
}

/**
 * Air-gapped signing (ERC-4527): a QR signer's account signs by showing the unsigned transaction as
 * an animated eth-sign-request and waiting for its eth-signature, scanned by the camera or pasted.
 * The Send screen shows `request` while one is open.
 */
export class QrSigningState {
  #request = $state.raw<PendingQrRequest | undefined>(undefined)
  #progress = $state(0)
  #error = $state<string | undefined>(undefined)
  #waiting: Waiting | undefined

  get request() { return this.#request }
  /** 0..1 of a multi-frame signature read so far. */
  get progress() { return this.#progress }
  get error() { return this.#error }

  /** A viem account for the QR signer; its signTransaction resolves once the signature comes back and checks out. */
  async account(signer: QrSignerRef): Promise<LocalAccount> {
    // viem's account code is not part of the first paint.
    const { toAccount } = await import('viem/accounts')
    const unsupported = async (): Promise<never> => {
      throw new QrSignerUnsupportedError({ what: 'messages or typed data' })
    }
    return toAccount({
      address: signer.address,
      signMessage: unsupported,
      signTypedData: unsupported,
      signTransaction: (transaction) => this.#sign(signer, transaction as TransactionSerializableEIP1559 & { chainId: number }),
    })
  }

  async #sign(signer: QrSignerRef, transaction: TransactionSerializableEIP1559 & { chainId: number }): Promise<Hex> {
    const [{ createQrSignRequest }, { createUrReader }, { verifyQrSignature }] = await Promise.all([
      import('../../lib/wallet/qr/createQrSignRequest.ts'),
      import('../../lib/wallet/qr/readUr.ts'),
      import('../../lib/wallet/qr/verifyQrSignature.ts'),
    ])
    this.#waiting?.reject(new QrSigningCancelledError())
    const request = createQrSignRequest({ transaction, address: signer.address, path: signer.path, sourceFingerprint: signer.sourceFingerprint })
    this.#error = undefined
    this.#progress = 0
    this.#request = { walletName: signer.walletName, address: signer.address, requestId: request.requestId, text: request.text, nextPart: () => request.encoder.nextPart(), fragments: request.encoder.fragmentsLength }
    return new Promise<Hex>((resolve, reject) => {
      this.#waiting = {
        reader: createUrReader({ types: ['eth-signature'] }),
        finish: (ur) => verifyQrSignature({ ur, requestId: request.requestId, transaction, address: signer.address }),
        resolve,
        reject,
      }
    })
  }

  /** One scanned frame or pasted text (one or more `ur:eth-signature/...` parts). A bad part is shown, the request stays open. */
  async receive(text: string): Promise<void> {
    const waiting = this.#waiting
    if (!waiting) return
    try {
      let complete = false
      for (const part of text.split(/\s+/).filter(Boolean)) if ((complete = waiting.reader.receive(part))) break
      this.#progress = waiting.reader.progress
      if (!complete) return
      const signed = await waiting.finish(waiting.reader.result())
      this.#close()
      waiting.resolve(signed)
    } catch (error) {
      this.#error = errorText(error)
      // A mismatched signature ends this request (a new reader for a new try would accept the same answer).
      if ((error as Error)?.name === 'QrSignatureMismatchError') {
        this.#close()
        waiting.reject(error)
      }
    }
  }

  cancel(): void {
    const waiting = this.#waiting
    this.#close()
    waiting?.reject(new QrSigningCancelledError())
  }

  #close(): void {
    this.#waiting = undefined
    this.#request = undefined
    this.#progress = 0
  }
}
