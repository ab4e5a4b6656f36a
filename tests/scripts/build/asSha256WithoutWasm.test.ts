// The browser builds replace @chainsafe/as-sha256 (WebAssembly) with scripts/build/asSha256WithoutWasm.ts
// (@noble/hashes); every function it stands in for must answer as the package does.
import * as wasm from '@chainsafe/as-sha256'
import { expect, it } from 'vitest'
import * as noWasm from '../../../scripts/build/asSha256WithoutWasm.ts'

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 17 + 7) & 0xff)

it('hashes, hash objects and the allocator answer as @chainsafe/as-sha256 does', () => {
  for (let seed = 0; seed < 20; seed++) {
    for (const n of [0, 1, 31, 32, 33, 64, 65, 200, 1000]) expect(noWasm.digest(bytes(n, seed))).toEqual(wasm.digest(bytes(n, seed)))
    const block = bytes(64, seed)
    expect(noWasm.digest64(block)).toEqual(wasm.digest64(block))
    expect(noWasm.digest2Bytes32(block.subarray(0, 32), block.subarray(32))).toEqual(wasm.digest2Bytes32(block.subarray(0, 32), block.subarray(32)))
    const [a, b] = [wasm.byteArrayToHashObject(block, 0), wasm.byteArrayToHashObject(block, 32)]
    expect(noWasm.byteArrayToHashObject(block, 32)).toEqual(b)
    expect(noWasm.digest64HashObjects(a, b)).toEqual(wasm.digest64HashObjects(a, b))
    const into = { h0: 0, h1: 0, h2: 0, h3: 0, h4: 0, h5: 0, h6: 0, h7: 0 }
    noWasm.digest64HashObjectsInto(a, b, into)
    expect(into).toEqual(wasm.digest64HashObjects(a, b))
  }
  expect(() => noWasm.digest64(bytes(63, 0))).toThrow()
  expect(noWasm.allocUnsafe(48)).toHaveLength(48)
})
