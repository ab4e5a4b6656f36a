// The EVM's BLS12-381 precompiles load their library on first use (scripts/build/lazyEvmBls.ts, in
// the app build and in vitest's config alike): the EVM gets the lazy wrapper, which refuses to run
// before load() and then answers as the library itself does.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { createCustomCommon, Mainnet } from '@ethereumjs/common'
import { createEVM } from '@ethereumjs/evm'
import { expect, it } from 'vitest'

type LazyBls = { load?: () => Promise<void>; addG1(input: Uint8Array): Uint8Array }

it('the EVM gets the lazy NobleBLS: it throws before load() and adds G1 points like @noble/curves after', async () => {
  const evm = await createEVM({ common: createCustomCommon({ chainId: 31337 }, Mainnet, { hardfork: 'prague' }) })
  const bls = (evm as unknown as { _bls: LazyBls })._bls
  expect(typeof bls.load).toBe('function')
  const g = bls12_381.G1.Point.BASE
  const encode = (p: typeof g) => {
    const { x, y } = p.toAffine()
    return Uint8Array.from(Buffer.from(x.toString(16).padStart(128, '0') + y.toString(16).padStart(128, '0'), 'hex'))
  }
  const input = new Uint8Array([...encode(g), ...encode(g)])
  expect(() => bls.addG1(input)).toThrow(/before its library was loaded/)
  await bls.load!()
  expect(Buffer.from(bls.addG1(input)).toString('hex')).toBe(Buffer.from(encode(g.double())).toString('hex'))
})
