/** An opaque, decompressed and key-validated G1 public key of one backend. */
export type BlsPublicKey = { readonly __blsPublicKey: unique symbol }

/** One signature to check: `signature` (96 bytes, compressed G2) by `key` over `message`. */
export type SignatureCheck = { key: BlsPublicKey; message: Uint8Array; signature: Uint8Array }

/**
 * The few BLS12-381 operations the sync protocol needs (Ethereum's ciphersuite: keys in G1,
 * signatures in G2, `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_`). One interface so that the
 * backend is chosen by measurement (README, light-client section), not by the code that uses it.
 */
export interface BlsBackend {
  readonly name: string
  /** Decompresses a 48-byte key and runs KeyValidate (on the curve, in G1, not infinity); throws if invalid. */
  publicKey(compressed: Uint8Array): BlsPublicKey
  /** The sum of keys (plain point addition; the keys come from a committed sync committee). */
  aggregate(keys: BlsPublicKey[]): BlsPublicKey
  /** The 48-byte compressed form. */
  toBytes(key: BlsPublicKey): Uint8Array
  /** CoreVerify; throws when `signature` is not a valid G2 point in the subgroup. */
  verify(key: BlsPublicKey, message: Uint8Array, signature: Uint8Array): boolean
  /**
   * Whether every check holds, in one multi-pairing: each check weighted by a fresh random 64-bit
   * scalar, one final exponentiation for all (batch verification, as blst's
   * verify_multiple_aggregate_signatures; https://ethresear.ch/t/fast-verification-of-multiple-bls-signatures/5407).
   * `false` (or a signature that does not decode) does not say which check failed: the caller
   * verifies them one by one to find and blame it.
   */
  verifyMultiple(checks: SignatureCheck[]): boolean
  /**
   * Optional: does ahead, while the caller waits for the network anyway, the work a later `verify`
   * or `verifyMultiple` of this message and signature repeats (hashing the message to G2, decoding
   * and subgroup-checking the signature), keeping the results for a few checks. Decides nothing: a
   * signature that does not decode is left for the check to refuse.
   */
  prepare?(message: Uint8Array, signature: Uint8Array): void
}

/**
 * -P from the compressed P: same x, the other y, i.e. the sign flag (bit 0x20 of the first byte,
 * ZCash serialization) flipped. Lets every backend subtract keys with its `aggregate`.
 */
export function negateCompressedG1(compressed: Uint8Array): Uint8Array {
  const negated = Uint8Array.from(compressed)
  negated[0]! ^= 0x20
  return negated
}
