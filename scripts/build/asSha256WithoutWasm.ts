import { sha256 } from '@noble/hashes/sha2.js'
import { allocUnsafe } from '@chainsafe/as-sha256/lib/alloc.js'
import { type HashObject, byteArrayIntoHashObject, byteArrayToHashObject, hashObjectToByteArray } from '@chainsafe/as-sha256/lib/hashObject.js'

// What the browser bundles get in place of @chainsafe/as-sha256 (`asSha256WithoutWasm` in vite.config.ts).
// @chainsafe/ssz and persistent-merkle-tree import it for an allocator and the hash-object
// conversions (pure JS, re-exported here from the package's own files) and for one hash; their
// default hasher is already @noble/hashes' SHA-256. The package itself compiles and instantiates
// a 35 kB SIMD WebAssembly module at import, 10 kB gzip of base64 loaded and compiled in the
// light-client worker before it can start. tests/scripts/build/asSha256WithoutWasm.test.ts holds
// these to as-sha256's own results.

export { allocUnsafe, byteArrayIntoHashObject, byteArrayToHashObject, hashObjectToByteArray }

export function digest(data: Uint8Array): Uint8Array {
  return sha256(data)
}

export function digest64(data: Uint8Array): Uint8Array {
  if (data.length !== 64) throw new Error(`digest64 takes 64 bytes, got ${data.length}`)
  return sha256(data)
}

export function digest2Bytes32(a: Uint8Array, b: Uint8Array): Uint8Array {
  return sha256.create().update(a).update(b).digest()
}

const pair = new Uint8Array(64)

export function digest64HashObjectsInto(a: HashObject, b: HashObject, output: HashObject): void {
  hashObjectToByteArray(a, pair, 0)
  hashObjectToByteArray(b, pair, 32)
  byteArrayIntoHashObject(sha256(pair), 0, output)
}

export function digest64HashObjects(a: HashObject, b: HashObject): HashObject {
  hashObjectToByteArray(a, pair, 0)
  hashObjectToByteArray(b, pair, 32)
  return byteArrayToHashObject(sha256(pair), 0)
}
