import { bls12_381 } from '@noble/curves/bls12-381.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { BlsBackend, BlsPublicKey, SignatureCheck } from './BlsBackend.ts'
import { BlsKeyAtInfinityError } from './errors.ts'

type G1Point = ReturnType<typeof bls12_381.G1.Point.fromBytes>
type G2Point = ReturnType<typeof bls12_381.G2.Point.fromBytes>
const DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_'
const sigs = bls12_381.longSignatures
const { Fp12 } = bls12_381.fields
const point = (key: BlsPublicKey) => key as unknown as G1Point
type Precomputes = ReturnType<typeof bls12_381.utils.calcPairingPrecomputes>
type Hashed = { hash: G2Point; precomputes: Precomputes }
/** The G2 side of a pair: a point, or a message's hash with its Miller-loop precomputes (prepared). */
type G2Side = G2Point | Hashed

/** H(m) on G2 with its line coefficients (hash_to_curve output is in G2 by construction). */
function hashToG2(message: Uint8Array): Hashed {
  const hash = sigs.hash(message, DST)
  return { hash, precomputes: bls12_381.utils.calcPairingPrecomputes(hash) }
}

/**
 * Work done ahead by `prepare`, by the hex of the bytes it is a pure function of, taken (once) by
 * the check that needs it: a result taken is the result recomputed. Only `prepare` fills it, so a
 * check that was not prepared (a bench repeating one verify) computes everything itself.
 */
class Prepared<V> {
  #values = new Map<string, V>()
  /** A round prepares a handful (a finality and an optimistic update); more than this are dropped, oldest first. */
  static readonly SIZE = 16
  put(key: string, value: V): void {
    this.#values.set(key, value)
    if (this.#values.size > Prepared.SIZE) this.#values.delete(this.#values.keys().next().value!)
  }
  has(key: string): boolean {
    return this.#values.has(key)
  }
  take(key: string): V | undefined {
    const value = this.#values.get(key)
    this.#values.delete(key)
    return value
  }
}

/**
 * Whether the product of e(g1, g2) over the pairs is 1: one Miller loop over all pairs, one final
 * exponentiation. noble's own `verify` and `pairingBatch` run the same loop but first subgroup-check
 * every point again (about 1.5 ms a signature in Chromium): here the keys come from `publicKey`
 * (validated) and sums of them, signatures from `Signature.fromBytes` (validated), messages from
 * hash_to_curve (in G2 by construction), and their multiples by scalars.
 */
function isPairingProductOne(pairs: [G1Point, G2Side][]): boolean {
  for (const [g1, g2] of pairs) if (g1.is0() || ('hash' in g2 ? g2.hash : g2).is0()) return false
  const loop = bls12_381.millerLoopBatch(pairs.map(([g1, g2]) => {
    const { x, y } = g1.toAffine()
    return ['hash' in g2 ? g2.precomputes : bls12_381.utils.calcPairingPrecomputes(g2), x, y]
  }))
  return Fp12.eql(Fp12.finalExponentiate(loop), Fp12.ONE)
}

/** A nonzero 64-bit scalar from the platform's CSPRNG (the weight of one check in a batch). */
function randomWeight(): bigint {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2))
  const weight = (BigInt(hi!) << 32n) | BigInt(lo!)
  return weight === 0n ? 1n : weight
}

/**
 * @noble/curves bls12-381: pure JS, audited, no WASM; the same code in the browser and in Node.
 * One backend per light client (loadDefaultBls): what one prepares, only it takes.
 */
export function createNobleBls(): BlsBackend {
  const hashes = new Prepared<Hashed>()
  const signatures = new Prepared<G2Point>()
  const hashed = (message: Uint8Array) => hashes.take(bytesToHex(message)) ?? hashToG2(message)
  // Signature.fromBytes decodes and subgroup-checks the G2 point (throws when it is not one).
  const signatureOf = (bytes: Uint8Array) => signatures.take(bytesToHex(bytes)) ?? sigs.Signature.fromBytes(bytes)
  return {
    name: 'noble',
    publicKey(compressed) {
      // fromBytes checks the encoding, the curve equation and the subgroup (assertValidity).
      const p = bls12_381.G1.Point.fromBytes(compressed)
      if (p.is0()) throw new BlsKeyAtInfinityError()
      return p as unknown as BlsPublicKey
    },
    aggregate(keys) {
      return keys.map(point).reduce((a, b) => a.add(b)) as unknown as BlsPublicKey
    },
    toBytes(key) {
      return point(key).toBytes(true)
    },
    verify(key, message, signature) {
      const s = signatureOf(signature)
      // CoreVerify: e(pk, H(m)) == e(G1, sig), as e(-pk, H(m)) * e(G1, sig) == 1.
      return isPairingProductOne([[point(key).negate(), hashed(message)], [bls12_381.G1.Point.BASE, s]])
    },
    verifyMultiple(checks: SignatureCheck[]) {
      // prod_i e(-r_i pk_i, H(m_i)) * e(G1, sum_i r_i sig_i) == 1: holds when every check does, and
      // for a forged one only with probability 2^-64 over the weights r_i (fresh per call).
      try {
        const pairs: [G1Point, G2Side][] = []
        let sum: G2Point | undefined
        for (const { key, message, signature } of checks) {
          const weight = randomWeight()
          const weighted = signatureOf(signature).multiplyUnsafe(weight)
          sum = sum ? sum.add(weighted) : weighted
          pairs.push([point(key).multiplyUnsafe(weight).negate(), hashed(message)])
        }
        if (!sum) return true
        pairs.push([bls12_381.G1.Point.BASE, sum])
        return isPairingProductOne(pairs)
      } catch {
        return false
      }
    },
    prepare(message, signature) {
      // A finality and an optimistic update over one head carry the same message and signature.
      const [m, s] = [bytesToHex(message), bytesToHex(signature)]
      if (!hashes.has(m)) hashes.put(m, hashToG2(message))
      if (signatures.has(s)) return
      try {
        signatures.put(s, sigs.Signature.fromBytes(signature))
      } catch {
        // Not a signature: nothing kept, the check refuses it.
      }
    },
  }
}

/** A noble backend of its own (tests, the bench's candidates, the worker's proof-bundle check). */
export const nobleBls: BlsBackend = createNobleBls()
