import Transport from '@ledgerhq/hw-transport'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { HDKey } from '@scure/bip32'
import { mnemonicToSeedSync } from '@scure/bip39'
import { type Address, type Hex, bytesToHex, decodeFunctionData, erc20Abi, formatEther, formatUnits, getAddress, hashMessage, hexToBytes, keccak256, parseTransaction } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

// A software Ledger running the Ethereum app's APDU protocol (app-ethereum doc/ethapp.adoc): GET
// ETH PUBLIC ADDRESS (02), SIGN ETH TRANSACTION (04, chunked, typed transactions as type || RLP),
// GET APP CONFIGURATION (06), SIGN ETH PERSONAL MESSAGE (08) and PROVIDE ERC 20 TOKEN INFORMATION
// (0A, checked against Ledger's key like the device does). It signs with real secp256k1 keys from
// a test mnemonic; what "the screen" shows is passed to `approve`, which stands for the buttons.

export const ledgerErc20PublicKeyHex = '045e6c1020c14dc46442fe89f97c0b68cdb15976dc24f24c316e7b30fe4e8cc76b1489150c21514ebf440ff5dea5393d83de5358cd098fce8fd0f81daa94979183'

export type LedgerScreen =
  | { kind: 'address'; address: Address; path: string }
  | { kind: 'eth'; to: Address; amount: string; chainId: number; maxFees: string }
  | { kind: 'erc20'; ticker: string; to: Address; amount: string; contract: Address; chainId: number }
  | { kind: 'blind'; to: Address | undefined; data: Hex; chainId: number }
  | { kind: 'message'; message: Hex }

export type LedgerEmulatorOptions = {
  mnemonic: string
  /** The user's answer to what the device shows; default: approve everything. */
  approve?: (screen: LedgerScreen) => boolean
  blindSigning?: boolean
  /** The key token descriptors must be signed with; default Ledger's production key. */
  tokenKeyHex?: string
}

const SW_OK = [0x90, 0x00]
const sw = (code: number) => Uint8Array.of(code >> 8, code & 0xff)
const ok = (data: Uint8Array | number[] = []) => Uint8Array.from([...data, ...SW_OK])

export class LedgerEthAppEmulator {
  readonly screens: LedgerScreen[] = []
  /** Every exchange as hex, in hw-transport-mocker's RecordStore format once joined (see recording()). */
  readonly exchanges: [string, string][] = []
  #root: HDKey
  #options: LedgerEmulatorOptions
  #signing: { path: string; payload: number[] } | undefined
  #message: { path: string; length: number; payload: number[] } | undefined
  #tokens: { ticker: string; contract: Address; decimals: number; chainId: number }[] = []

  constructor(options: LedgerEmulatorOptions) {
    this.#options = options
    this.#root = HDKey.fromMasterSeed(mnemonicToSeedSync(options.mnemonic))
  }

  accountAt(path: string) {
    const key = this.#root.derive(`m/${path}`)
    return { privateKey: key.privateKey!, account: privateKeyToAccount(bytesToHex(key.privateKey!)) }
  }

  exchange(apdu: Uint8Array): Uint8Array {
    const answer = this.#handle(apdu)
    this.exchanges.push([bytesToHex(apdu).slice(2), bytesToHex(answer).slice(2)])
    return answer
  }

  /** The exchanges so far as a RecordStore file ("=> apdu" / "<= response" lines). */
  recording(): string {
    return this.exchanges.map(([a, b]) => `=> ${a}\n<= ${b}`).join('\n') + '\n'
  }

  #approve(screen: LedgerScreen): boolean {
    this.screens.push(screen)
    return this.#options.approve?.(screen) ?? true
  }

  #handle(apdu: Uint8Array): Uint8Array {
    const [cla, ins, p1, p2, lc] = apdu
    const data = apdu.subarray(5, 5 + (lc ?? 0))
    if (cla !== 0xe0) return sw(0x6e00)
    switch (ins) {
      case 0x02: return this.#getAddress(data, p1 === 1, p2 === 1)
      case 0x04: return this.#signTransaction(data, p1 === 0)
      case 0x06: return ok([this.#options.blindSigning ? 0x01 : 0x00, 1, 17, 0])
      case 0x08: return this.#signMessage(data, p1 === 0)
      case 0x0a: return this.#provideToken(data)
      default: return sw(0x6d00)
    }
  }

  #path(data: Uint8Array): { path: string; rest: Uint8Array } {
    const count = data[0]!
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
    const parts: string[] = []
    for (let i = 0; i < count; i++) {
      const n = view.getUint32(1 + 4 * i)
      parts.push(n >= 0x80000000 ? `${n - 0x80000000}'` : String(n))
    }
    return { path: parts.join('/'), rest: data.subarray(1 + 4 * count) }
  }

  #getAddress(data: Uint8Array, display: boolean, chainCode: boolean): Uint8Array {
    const { path } = this.#path(data)
    const key = this.#root.derive(`m/${path}`)
    const { account } = this.accountAt(path)
    if (display && !this.#approve({ kind: 'address', address: account.address, path })) return sw(0x6985)
    const publicKey = secp256k1.getPublicKey(key.privateKey!, false)
    const ascii = new TextEncoder().encode(account.address.slice(2))
    return ok([65, ...publicKey, 40, ...ascii, ...(chainCode ? key.chainCode! : [])])
  }

  #provideToken(data: Uint8Array): Uint8Array {
    const t = data[0]!
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
    const signed = data.subarray(1, 29 + t)
    const signature = data.subarray(29 + t)
    const key = hexToBytes(`0x${this.#options.tokenKeyHex ?? ledgerErc20PublicKeyHex}`)
    let valid = false
    try {
      valid = secp256k1.verify(signature, sha256(signed), key, { format: 'der', prehash: false, lowS: false })
    } catch {
      valid = false
    }
    if (!valid) return sw(0x6a80)
    this.#tokens.push({
      ticker: new TextDecoder().decode(data.subarray(1, 1 + t)),
      contract: getAddress(bytesToHex(data.subarray(1 + t, 21 + t))),
      decimals: view.getUint32(21 + t),
      chainId: view.getUint32(25 + t),
    })
    return ok([this.#tokens.length - 1])
  }

  #signTransaction(data: Uint8Array, first: boolean): Uint8Array {
    if (first) {
      const { path, rest } = this.#path(data)
      this.#signing = { path, payload: [...rest] }
    } else if (this.#signing) {
      this.#signing.payload.push(...data)
    } else {
      return sw(0x6985)
    }
    const payload = Uint8Array.from(this.#signing.payload)
    if (payload[0] !== 0x02) return this.#fail(0x6a80) // this emulator speaks EIP-1559 only
    const b = payload[1]!
    const total = b >= 0xf8 ? 2 + (b - 0xf7) + Number(BigInt(bytesToHex(payload.subarray(2, 2 + b - 0xf7)))) : 2 + (b - 0xc0)
    if (payload.length < total) return ok()
    const { path } = this.#signing
    this.#signing = undefined
    const tx = parseTransaction(bytesToHex(payload)) as { to?: Address; value?: bigint; data?: Hex; chainId: number; gas?: bigint; maxFeePerGas?: bigint }
    const screen = this.#screenOf(tx)
    this.#tokens = [] // descriptors count for the next transaction only
    if (!screen) return this.#fail(0x6a80)
    if (!this.#approve(screen)) return this.#fail(0x6985)
    const { privateKey } = this.accountAt(path)
    const sig = secp256k1.sign(keccak256(payload, 'bytes'), privateKey, { prehash: false, format: 'recovered' })
    return ok([sig[0]!, ...sig.subarray(1, 65)])
  }

  #screenOf(tx: { to?: Address; value?: bigint; data?: Hex; chainId: number; gas?: bigint; maxFeePerGas?: bigint }): LedgerScreen | undefined {
    const data = tx.data && tx.data !== '0x' ? tx.data : undefined
    if (!data) return { kind: 'eth', to: getAddress(tx.to!), amount: `${formatEther(tx.value ?? 0n)} ETH`, chainId: tx.chainId, maxFees: `${formatEther((tx.gas ?? 0n) * (tx.maxFeePerGas ?? 0n))} ETH` }
    const token = tx.to && this.#tokens.find((t) => t.contract === getAddress(tx.to!) && t.chainId === tx.chainId)
    if (token && data.startsWith('0xa9059cbb')) {
      const { args } = decodeFunctionData({ abi: erc20Abi, data })
      const [to, amount] = args as [Address, bigint]
      return { kind: 'erc20', ticker: token.ticker, to, amount: `${formatUnits(amount, token.decimals)} ${token.ticker}`, contract: token.contract, chainId: tx.chainId }
    }
    if (!this.#options.blindSigning) return undefined
    return { kind: 'blind', to: tx.to && getAddress(tx.to), data, chainId: tx.chainId }
  }

  #signMessage(data: Uint8Array, first: boolean): Uint8Array {
    if (first) {
      const { path, rest } = this.#path(data)
      const length = new DataView(rest.buffer, rest.byteOffset).getUint32(0)
      this.#message = { path, length, payload: [...rest.subarray(4)] }
    } else if (this.#message) {
      this.#message.payload.push(...data)
    }
    const m = this.#message
    if (!m) return sw(0x6985)
    if (m.payload.length < m.length) return ok()
    this.#message = undefined
    const message = bytesToHex(Uint8Array.from(m.payload))
    if (!this.#approve({ kind: 'message', message })) return sw(0x6985)
    const sig = secp256k1.sign(hexToBytes(hashMessage({ raw: message })), this.accountAt(m.path).privateKey, { prehash: false, format: 'recovered' })
    return ok([27 + sig[0]!, ...sig.subarray(1, 65)])
  }

  #fail(code: number): Uint8Array {
    this.#signing = undefined
    this.#tokens = []
    return sw(code)
  }
}

/** hw-transport over the emulator, as TransportWebHID is over a device. */
export class EmulatedLedgerTransport extends Transport {
  readonly device: LedgerEthAppEmulator
  constructor(device: LedgerEthAppEmulator) {
    super()
    this.device = device
  }
  override exchange(apdu: Buffer): Promise<Buffer> {
    return Promise.resolve(Buffer.from(this.device.exchange(Uint8Array.from(apdu))))
  }
  override setScrambleKey(): void {}
  override close(): Promise<void> {
    return Promise.resolve()
  }
}
