import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { BlsBackend, BlsPublicKey } from './BlsBackend.ts'
import { BlsKeyAtInfinityError } from './errors.ts'

type G1Point = ReturnType<typeof bls12_381.G1.Point.fromBytes>
const DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_'
const sigs = bls12_381.longSignatures
const point = (key: BlsPublicKey) => key as unknown as G1Point

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
    // Signature.fromBytes decodes and subgroup-checks the G2 point.
    return sigs.verify(sigs.Signature.fromBytes(signature), sigs.hash(message, DST), point(key))
  },
}
