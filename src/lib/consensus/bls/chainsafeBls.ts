import bls from '@chainsafe/bls'
import type { PublicKey } from '@chainsafe/bls/types'
import type { BlsBackend, BlsPublicKey } from './BlsBackend.ts'

const pk = (key: BlsPublicKey) => key as unknown as PublicKey

/**
 * @chainsafe/bls: native blst in Node (the fastest here), herumi's bls-eth-wasm in the browser.
 * Node code (the CLI, the bench) passes this one; the browser app does not load it.
 */
export const chainsafeBls: BlsBackend = {
  name: `chainsafe-${bls.implementation}`,
  publicKey(compressed) {
    return bls.PublicKey.fromBytes(compressed, undefined, true) as unknown as BlsPublicKey
  },
  aggregate(keys) {
    return bls.PublicKey.aggregate(keys.map(pk)) as unknown as BlsPublicKey
  },
  toBytes(key) {
    return pk(key).toBytes()
  },
  verify(key, message, signature) {
    return bls.Signature.fromBytes(signature, undefined, true).verify(pk(key), message)
  },
  verifyMultiple(checks) {
    try {
      return bls.Signature.verifyMultipleSignatures(checks.map(({ key, message, signature }) => ({ publicKey: pk(key), message, signature: bls.Signature.fromBytes(signature, undefined, true) })))
    } catch {
      return false
    }
  },
}
