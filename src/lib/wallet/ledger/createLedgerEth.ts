import { concatBytes } from '@noble/hashes/utils.js'
import { LedgerDeviceError } from './errors.ts'

// The Ethereum app's APDUs that Latchkey sends (LedgerHQ/app-ethereum, doc/ethapp.adoc). Written
// here instead of using @ledgerhq/hw-app-eth: that client carries ethers' ABI coder and elliptic,
// two big-number libraries, Ledger's service resolvers and EIP-712 code (about 90 kB gzip) for four
// commands that are a few bytes each.
const CLA = 0xe0
const INS = { getAddress: 0x02, signTransaction: 0x04, signPersonalMessage: 0x08, provideErc20: 0x0a } as const
const P1_FIRST = 0x00
const P1_MORE = 0x80
// An APDU's data is at most 255 bytes (its length is one byte).
const MAX_DATA = 255
// hw-app-eth's chunk size for personal messages: the same exchanges as before, byte for byte.
const MESSAGE_CHUNK = 150
const STATUS_INS_NOT_SUPPORTED = 0x6d00

/**
 * What carries APDUs: openLedgerHidTransport in the app; in tests, Ledger's own Transport classes
 * (hw-transport-mocker's replayer, the emulator), whose `send` has this shape. `send` adds the header
 * and the length byte and rejects unless the device answers 0x9000, with the status word as
 * `statusCode`; the answer ends with the status word.
 */
export type LedgerTransport = {
  send(cla: number, ins: number, p1: number, p2: number, data?: Uint8Array): Promise<Uint8Array>
}

export type LedgerEthSignature = { /** As the device answers: the y parity for typed transactions, 27/28 for messages. */ v: number; r: Uint8Array; s: Uint8Array }
export type LedgerEthAddress = { publicKey: Uint8Array; /** 0x + 40 hex characters, as the device derives it (EIP-55 case or not). */ address: string }

export type LedgerEth = {
  /** GET ETH PUBLIC ADDRESS; with `display`, the device shows it and waits for the user's approval. */
  getAddress(parameters: { path: string; display?: boolean; chainId?: number }): Promise<LedgerEthAddress>
  /** PROVIDE ERC 20 TOKEN INFORMATION (a Ledger-signed descriptor); false when the app is too old to take it. */
  provideErc20TokenInformation(descriptor: Uint8Array): Promise<boolean>
  /** SIGN ETH TRANSACTION over a typed transaction's unsigned serialization (type || RLP). */
  signTransaction(parameters: { path: string; unsigned: Uint8Array }): Promise<LedgerEthSignature>
  /** SIGN ETH PERSONAL MESSAGE (EIP-191 version 0x45: the device adds the prefix and the length). */
  signPersonalMessage(parameters: { path: string; message: Uint8Array }): Promise<LedgerEthSignature>
}

/** BIP-32 path as the app takes it: the count of indexes, then each as a big-endian u32 (hardened: + 2^31). */
export function encodeLedgerPath(path: string): Uint8Array {
  const parts = path.replace(/^m\//, '').split('/')
  const out = new Uint8Array(1 + 4 * parts.length)
  const view = new DataView(out.buffer)
  out[0] = parts.length
  parts.forEach((part, i) => {
    const hardened = part.endsWith("'")
    const index = Number(hardened ? part.slice(0, -1) : part)
    if (!/^\d+'?$/.test(part) || !Number.isSafeInteger(index) || index >= 2 ** 31) throw new RangeError(`not a BIP-32 path: ${path}`)
    view.setUint32(1 + 4 * i, hardened ? index + 2 ** 31 : index)
  })
  return out
}

/** The Ethereum app client over a transport (WebHID in the app, an emulator or a replayer in tests). */
export function createLedgerEth({ transport }: { transport: LedgerTransport }): LedgerEth {
  // Ledger's Transport answers a Buffer: read as plain bytes here.
  const send = async (ins: number, p1: number, p2: number, data: Uint8Array): Promise<Uint8Array> => Uint8Array.from(await transport.send(CLA, ins, p1, p2, data))
  const signature = (answer: Uint8Array): LedgerEthSignature => {
    if (answer.length < 65 + 2) throw new LedgerDeviceError({ cause: new Error(`a signature answer of ${answer.length} bytes`) })
    return { v: answer[0]!, r: answer.slice(1, 33), s: answer.slice(33, 65) }
  }
  return {
    async getAddress({ path, display = false, chainId }) {
      let data = encodeLedgerPath(path)
      if (chainId !== undefined) {
        // Optional: the chain id (8 bytes, big-endian) the device shows with the address.
        const id = new Uint8Array(8)
        new DataView(id.buffer).setBigUint64(0, BigInt(chainId))
        data = concatBytes(data, id)
      }
      const answer = await send(INS.getAddress, display ? 0x01 : 0x00, 0x00, data)
      // Answer: public key length, public key, address length, address as ASCII hex[, chain code].
      const keyLength = answer[0] ?? 0
      const addressLength = answer[1 + keyLength] ?? 0
      const address = new TextDecoder().decode(answer.subarray(2 + keyLength, 2 + keyLength + addressLength))
      if (answer.length < 2 + keyLength + addressLength + 2 || !/^[0-9a-fA-F]{40}$/.test(address)) throw new LedgerDeviceError({ cause: new Error('an address answer that is truncated or not 20 bytes of hex') })
      return { publicKey: answer.slice(1, 1 + keyLength), address: `0x${address}` }
    },
    async provideErc20TokenInformation(descriptor) {
      try {
        await send(INS.provideErc20, 0x00, 0x00, descriptor)
        return true
      } catch (error) {
        // Apps older than this command carried their token list themselves (as hw-app-eth assumes too).
        if ((error as { statusCode?: number })?.statusCode === STATUS_INS_NOT_SUPPORTED) return false
        throw error
      }
    },
    async signTransaction({ path, unsigned }) {
      // Typed transactions are cut in 255-byte pieces anywhere: the app reads the envelope's length
      // from the RLP (only legacy transactions need the cut to avoid their v, r, s).
      const payload = concatBytes(encodeLedgerPath(path), unsigned)
      let answer: Uint8Array = new Uint8Array()
      for (let at = 0; at < payload.length; at += MAX_DATA) {
        answer = await send(INS.signTransaction, at === 0 ? P1_FIRST : P1_MORE, 0x00, payload.subarray(at, at + MAX_DATA))
      }
      return signature(answer)
    },
    async signPersonalMessage({ path, message }) {
      const length = new Uint8Array(4)
      new DataView(length.buffer).setUint32(0, message.length)
      const head = concatBytes(encodeLedgerPath(path), length)
      let answer: Uint8Array = new Uint8Array()
      let at = 0
      do {
        const room = at === 0 ? MESSAGE_CHUNK - head.length : MESSAGE_CHUNK
        const piece = message.subarray(at, at + room)
        answer = await send(INS.signPersonalMessage, at === 0 ? P1_FIRST : P1_MORE, 0x00, at === 0 ? concatBytes(head, piece) : piece)
        at += piece.length
      } while (at < message.length)
      return signature(answer)
    },
  }
}

/** Turns a transport failure into a LedgerDeviceError with its status word (rejected, locked, app not open...). */
export function toLedgerError(cause: unknown): LedgerDeviceError {
  if (cause instanceof LedgerDeviceError) return cause
  const { statusCode } = (cause ?? {}) as { statusCode?: unknown }
  return new LedgerDeviceError({ statusCode: typeof statusCode === 'number' ? statusCode : undefined, cause })
}
