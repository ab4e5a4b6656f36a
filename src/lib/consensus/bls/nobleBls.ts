import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { BlsBackend, BlsPublicKey, SignatureCheck } from './BlsBackend.ts'
import { BlsKeyAtInfinityError } from './errors.ts'

type G1Point = ReturnType<typeof bls12_381.G1.Point.fromBytes>
type G2Point = ReturnType<typeof bls12_381.G2.Point.fromBytes>
const DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_'
const sigs = bls12_381.longSignatures
const { Fp12 } = bls12_381.fields
const point = (key: BlsPublicKey) => key as unknown as G1Point

/**
 * Whether the product of e(g1, g2) over the pairs is 1: one Miller loop over all pairs, one final
 * exponentiation. noble's own `verify` and `pairingBatch` run the same loop but first subgroup-check
 * every point again (about 1.5 ms a signature in Chromium): here the keys come from `publicKey`
 * (validated) and sums of them, signatures from `Signature.fromBytes` (validated), messages from
 * hash_to_curve (in G2 by construction), and their multiples by scalars.
 */
function isPairingProductOne(pairs: [G1Point, G2Point][]): boolean {
  for (const [g1, g2] of pairs) if (g1.is0() || g2.is0()) return false
  const loop = bls12_381.millerLoopBatch(pairs.map(([g1, g2]) => {
    const { x, y } = g1.toAffine()
    return [bls12_381.utils.calcPairingPrecomputes(g2), x, y]
  }))
  return Fp12.eql(Fp12.finalExponentiate(loop), Fp12.ONE)
}

/** A nonzero 64-bit scalar from the platform's CSPRNG (the weight of one check in a batch). */
function randomWeight(): bigint {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2))
  const weight = (BigInt(hi!) << 32n) | BigInt(lo!)
  return weight === 0n ? 1n : weight
}

/** @noble/curves bls12-381: pure JS, audited, no WASM; the same code in the browser and in Node. */
export const nobleBls: BlsBackend = {
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
    // Signature.fromBytes decodes and subgroup-checks the G2 point (throws when it is not one).
    const s = sigs.Signature.fromBytes(signature)
    // CoreVerify: e(pk, H(m)) == e(G1, sig), as e(-pk, H(m)) * e(G1, sig) == 1.
    return isPairingProductOne([[point(key).negate(), sigs.hash(message, DST)], [bls12_381.G1.Point.BASE, s]])
  },
  verifyMultiple(checks: SignatureCheck[]) {
    // prod_i e(-r_i pk_i, H(m_i)) * e(G1, sum_i r_i sig_i) == 1: holds when every check does, and
    // for a forged one only with probability 2^-64 over the weights r_i (fresh per call).
    try {
      const pairs: [G1Point, G2Point][] = []
      let sum: G2Point | undefined
      for (const { key, message, signature } of checks) {
        const weight = randomWeight()
        const weighted = sigs.Signature.fromBytes(signature).multiplyUnsafe(weight)
        sum = sum ? sum.add(weighted) : weighted
        pairs.push([point(key).multiplyUnsafe(weight).negate(), sigs.hash(message, DST)])
      }
      if (!sum) return true
      pairs.push([bls12_381.G1.Point.BASE, sum])
      return isPairingProductOne(pairs)
    } catch {
      return false
    }
  },
}
