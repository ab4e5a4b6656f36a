import { hexToBytes } from 'viem'
import type { BlsBackend, BlsPublicKey } from './BlsBackend.ts'

// A key and signature made for this purpose only (secret key 0x1c00…07, over these 32 ASCII bytes,
// Ethereum's ciphersuite): no chain message, no committee member, nothing a light client relies on.
const WARM_UP = {
  key: hexToBytes('0xa8e14af77d8a473a38b1144d4aefd0fc6b2865f912ec936a56cc1f952daf2edf7e9dcc759253bafa43597a8c43b3a550'),
  message: hexToBytes('0x6c617463686b65793a207761726d2d75702c206e6f74206120636861696e206d'), // "latchkey: warm-up, not a chain m"
  signature: hexToBytes('0x8e210c79684c7bec3d62f87c1e016653e92fefc6d433d51808a959f92b833a952213d34bb5645243e36252dc19fdf60e031d425ce5388fae27c93187e87ee36d746b9ef89f11dd4943a440605c4a63c8f8fb0f6bb5186fc9e4decb2f874a73bf'),
}

export type WarmUpBlsParameters = { bls: BlsBackend }

/**
 * Runs the backend's whole signature path once on a fixed key and signature of its own (key
 * decompression and KeyValidate, signature decoding and subgroup check, hash_to_curve, the Miller
 * loop, the final exponentiation), so that the JavaScript engine has compiled and optimised that
 * code before the first real update arrives: in a fresh worker the first batch of a sync otherwise
 * runs it cold, at about twice the cost (README, start-up section). Called while the light client
 * is idle (the user reviews a link). It verifies nothing about any chain and changes no state.
 * In two steps, so that a caller can yield between them (and skip the second when real work
 * arrives): `prepare` decompresses and validates the key and, where the backend prepares, hashes the
 * message to G2 and decodes the signature; `verify` runs the rest (the pairing) and returns whether
 * the fixed signature verified (it does, for a correct backend).
 */
export function createBlsWarmUp({ bls }: WarmUpBlsParameters): { prepare(): void; verify(): boolean } {
  let key: BlsPublicKey | undefined
  const prepare = () => {
    key ??= bls.publicKey(WARM_UP.key)
    bls.prepare?.(WARM_UP.message, WARM_UP.signature)
  }
  return {
    prepare,
    verify: () => {
      prepare() // a no-op after the first call (the backend keeps what it prepared)
      return bls.verifyMultiple([{ key: key!, message: WARM_UP.message, signature: WARM_UP.signature }])
    },
  }
}
