import { secp256k1 as curve } from '@noble/curves/secp256k1.js'
import { hexToBytes } from '@noble/curves/utils.js'

// What viem's `import { secp256k1 } from '@noble/curves/secp256k1'` gets in the browser build
// (oneNobleCopy in scripts/build/oneNobleCopy.ts): @noble/curves 1.9's API, the part viem 2.x
// calls, over the app's @noble/curves 2.x, so that the bundle holds one copy of the curve code
// (1.9's was a chunk of its own, 10 kB gzip). 2.x takes bytes only and hashes messages itself
// unless told not to (`prehash: false`: viem signs and recovers 32-byte hashes, as 1.x did); 1.x
// also took hex. tests/scripts/build/oneNobleCopy.test.ts holds the viem functions bundled with
// this to viem's own results with 1.9.

type Hex = string | Uint8Array
type CurveSignature = InstanceType<typeof curve.Signature>

const toBytes = (value: Hex): Uint8Array => (typeof value === 'string' ? hexToBytes(value) : value)

/** 1.x's Signature: `r`, `s`, `recovery` and the methods viem calls. */
class Signature {
  readonly r: bigint
  readonly s: bigint
  readonly recovery: number | undefined
  readonly #inner: CurveSignature
  constructor(r: bigint, s: bigint, recovery?: number, inner?: CurveSignature) {
    this.#inner = inner ?? new curve.Signature(r, s, recovery)
    this.r = this.#inner.r
    this.s = this.#inner.s
    this.recovery = this.#inner.recovery
  }
  static fromCompact(hex: Hex): Signature {
    return Signature.#of(curve.Signature.fromBytes(toBytes(hex), 'compact'))
  }
  static #of(inner: CurveSignature): Signature {
    return new Signature(inner.r, inner.s, inner.recovery, inner)
  }
  addRecoveryBit(recovery: number): Signature {
    return Signature.#of(this.#inner.addRecoveryBit(recovery))
  }
  recoverPublicKey(hash: Hex) {
    return this.#inner.recoverPublicKey(toBytes(hash))
  }
  toCompactHex(): string {
    return this.#inner.toHex('compact')
  }
  static fromRecovered(bytes: Uint8Array): Signature {
    return Signature.#of(curve.Signature.fromBytes(bytes, 'recovered'))
  }
}

export const secp256k1 = {
  Signature,
  getPublicKey: (privateKey: Hex, isCompressed = true): Uint8Array => curve.getPublicKey(toBytes(privateKey), isCompressed),
  sign: (hash: Hex, privateKey: Hex, { lowS = true, extraEntropy = false }: { lowS?: boolean; extraEntropy?: boolean | Uint8Array } = {}): Signature =>
    Signature.fromRecovered(curve.sign(toBytes(hash), toBytes(privateKey), { prehash: false, lowS, extraEntropy, format: 'recovered' })),
  utils: { randomPrivateKey: (): Uint8Array => curve.utils.randomSecretKey() },
}
