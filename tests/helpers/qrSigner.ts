import { CryptoAccount, CryptoHDKey, CryptoKeypath, CryptoOutput, DataType, ETHSignature, EthSignRequest, PathComponent, ScriptExpressions } from '@keystonehq/bc-ur-registry-eth'
import { URDecoder } from '@ngraveio/bc-ur'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { HDKey } from '@scure/bip32'
import { mnemonicToSeedSync } from '@scure/bip39'
import { type Hex, bytesToHex, keccak256, parseTransaction } from 'viem'

// A software air-gapped signer speaking ERC-4527 as Keystone does: it exports its accounts as
// crypto-hdkey (m/44'/60'/0') or crypto-account (Ledger Live paths), reads eth-sign-request URs
// (possibly as many animated frames) and answers eth-signature URs signed with real keys.

const components = (path: string) => path.replace(/^m\//, '').split('/').map((p) => new PathComponent({ index: parseInt(p), hardened: p.endsWith("'") }))

export type SignedRequest = { path: string; chainId: number | undefined; transaction: ReturnType<typeof parseTransaction>; origin: string | undefined }

export class SoftwareQrSigner {
  readonly root: HDKey
  readonly fingerprint: number
  readonly signed: SignedRequest[] = []
  /** For tests of the refusals: sign with this key instead, or answer another request id. */
  tamper: { key?: Uint8Array; requestId?: Buffer } = {}

  constructor({ mnemonic }: { mnemonic: string }) {
    this.root = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic))
    this.fingerprint = this.root.fingerprint
  }

  #fp = () => { const b = Buffer.alloc(4); b.writeUInt32BE(this.fingerprint); return b }

  /** The account export: the extended public key at m/44'/60'/0' (addresses at .../0/i). */
  exportHdKey({ name = 'Software QR signer' } = {}): string {
    const account = this.root.derive("m/44'/60'/0'")
    const key = new CryptoHDKey({
      isMaster: false,
      key: Buffer.from(account.publicKey!),
      chainCode: Buffer.from(account.chainCode!),
      origin: new CryptoKeypath(components("m/44'/60'/0'"), this.#fp(), 3),
      parentFingerprint: Buffer.from(this.root.derive("m/44'/60'").identifier!.subarray(0, 4)),
      name,
    })
    return key.toUREncoder(1e6).nextPart()
  }

  /** Ledger Live style: one key per account at m/44'/60'/i'/0/0. */
  exportAccount({ count = 3, name = 'Software QR signer' } = {}): string {
    const outputs = Array.from({ length: count }, (_, i) => {
      const path = `m/44'/60'/${i}'/0/0`
      const key = this.root.derive(path)
      return new CryptoOutput([ScriptExpressions.PUBLIC_KEY_HASH], new CryptoHDKey({ isMaster: false, key: Buffer.from(key.publicKey!), origin: new CryptoKeypath(components(path), this.#fp(), 5), name, note: 'account.ledger_live' }))
    })
    return new CryptoAccount(this.#fp(), outputs).toUREncoder(1e6).nextPart()
  }

  /** Reads the request's frames (any order, fountain parts), checks it, signs, answers with eth-signature frames. */
  sign(frames: string[], { fragmentLength = 100 } = {}): string[] {
    const decoder = new URDecoder()
    for (const frame of frames) {
      decoder.receivePart(frame)
      if (decoder.isComplete()) break
    }
    if (!decoder.isSuccess()) throw new Error('the signer could not read the request')
    const ur = decoder.resultUR()
    if (ur.type !== 'eth-sign-request') throw new Error(`the signer got a ${ur.type}`)
    const request = EthSignRequest.fromCBOR(ur.cbor)
    if (request.getDataType() !== DataType.typedTransaction) throw new Error('the signer expected a typed transaction')
    if (request.getSourceFingerprint().readUInt32BE(0) !== this.fingerprint) throw new Error('the request is for another signer')
    const path = `m/${request.getDerivationPath()}`
    const data = Uint8Array.from(request.getSignData())
    this.signed.push({ path, chainId: request.getChainId(), transaction: parseTransaction(bytesToHex(data) as Hex), origin: request.getOrigin() })
    const key = this.tamper.key ?? this.root.derive(path).privateKey!
    const sig = secp256k1.sign(keccak256(data, 'bytes'), key, { prehash: false, format: 'recovered' })
    const signature = Buffer.concat([sig.subarray(1, 65), Buffer.of(sig[0]!)])
    const answer = new ETHSignature(signature, this.tamper.requestId ?? request.getRequestId(), 'Software QR signer')
    const encoder = answer.toUREncoder(fragmentLength)
    return Array.from({ length: Math.max(1, encoder.fragmentsLength) }, () => encoder.nextPart())
  }
}

/** Frames of an animated QR as the app shows them: the encoder's next parts. */
export function framesOf(encoder: { nextPart(): string; fragmentsLength: number }, extra = 2): string[] {
  return Array.from({ length: encoder.fragmentsLength + extra }, () => encoder.nextPart())
}
