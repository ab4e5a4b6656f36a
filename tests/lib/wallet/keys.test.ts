import { describe, expect, it } from 'vitest'
import { InvalidAddressChecksumError, InvalidAddressError, InvalidPrivateKeyError } from '../../../src/lib/wallet/errors.ts'
import { verifyAddress } from '../../../src/lib/wallet/verifyAddress.ts'
import { verifyPrivateKey } from '../../../src/lib/wallet/verifyPrivateKey.ts'

const anvilKey0 = 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

describe('verifyPrivateKey', () => {
  it('accepts with or without 0x and normalizes', () => {
    expect(verifyPrivateKey({ privateKey: anvilKey0 })).toBe(`0x${anvilKey0}`)
    expect(verifyPrivateKey({ privateKey: ` 0x${anvilKey0.toUpperCase()} ` })).toBe(`0x${anvilKey0}`)
  })
  it('rejects non-hex, wrong length, zero and >= n', () => {
    expect(() => verifyPrivateKey({ privateKey: anvilKey0.replace('a', 'g') })).toThrow(/not hex/)
    expect(() => verifyPrivateKey({ privateKey: anvilKey0.slice(2) })).toThrow(/62 hex digits/)
    expect(() => verifyPrivateKey({ privateKey: '0'.repeat(64) })).toThrow(InvalidPrivateKeyError)
    expect(() => verifyPrivateKey({ privateKey: 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141' })).toThrow(/secp256k1 range/)
    expect(verifyPrivateKey({ privateKey: 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140' })).toMatch(/^0xf/)
  })
})

describe('verifyAddress', () => {
  const good = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
  it('accepts checksummed, all-lower and all-upper forms and returns the checksummed one', () => {
    expect(verifyAddress({ address: good })).toBe(good)
    expect(verifyAddress({ address: good.toLowerCase() })).toBe(good)
    expect(verifyAddress({ address: `0x${good.slice(2).toUpperCase()}` })).toBe(good)
  })
  it('rejects a mixed-case address whose EIP-55 checksum is wrong, naming the expected form', () => {
    const tampered = good.replace('F6F4', 'f6F4')
    const err = (() => { try { verifyAddress({ address: tampered }) } catch (e) { return e } })()
    expect(err).toBeInstanceOf(InvalidAddressChecksumError)
    expect((err as InvalidAddressChecksumError).expected).toBe(good)
  })
  it('rejects malformed addresses', () => {
    for (const a of [good.slice(0, 41), `${good}00`, good.replace('0x', ''), good.replace('F', 'G'), 'vitalik.eth', ''])
      expect(() => verifyAddress({ address: a })).toThrow(InvalidAddressError)
  })
})
