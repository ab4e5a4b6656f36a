// The browser build's @ethereumjs/rlp over viem's codec (scripts/build/rlpOverViem.ts): the same
// encodings as the library, every non-canonical form the library refuses refused too, and
// @ethereumjs/mpt bundled with it builds and checks the same tries and proofs.
import { join } from 'node:path'
import { MerklePatriciaTrie, createMerkleProof } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { bytesToHex, hexToBytes, utf8ToBytes } from '@ethereumjs/util'
import { describe, expect, it } from 'vitest'
import { ethereumjsRlpOverViem } from '../../../scripts/build/ethereumjsRlpOverViem.ts'
import { RLP as standIn } from '../../../scripts/build/rlpOverViem.ts'
import { bundleFixture } from '../../helpers/bundleFixture.ts'

const long = 'x'.repeat(60)
const values = [
  0, 1, 127, 128, 255, 256, 2n ** 64n + 1n, '', 'a', 'dog', long, '0x', '0x0', '0x7f', '0x80', '0x0400', '0xabc',
  new Uint8Array(0), Uint8Array.of(0), Uint8Array.of(0x7f), Uint8Array.of(0x80), new Uint8Array(56).fill(7), new Uint8Array(300).fill(1),
  null, [], [[]], ['cat', 'dog'], [[], [[]], [[], [[]]]], [long, [long, 1n], Uint8Array.of(1, 2)], Array.from({ length: 30 }, (_, i) => i),
]

describe('@ethereumjs/rlp over viem', () => {
  it('encodes and decodes as the library does', () => {
    for (const value of values) {
      const encoded = RLP.encode(value as never)
      expect(bytesToHex(standIn.encode(value as never)), String(value)).toBe(bytesToHex(encoded))
      expect(standIn.decode(encoded)).toEqual(RLP.decode(encoded))
    }
    expect(standIn.decode(new Uint8Array(0))).toEqual(RLP.decode(new Uint8Array(0)))
    expect(standIn.decode('0xc3010203')).toEqual(RLP.decode('0xc3010203'))
  })

  // Each non-canonical or malformed encoding, refused by the library and by the stand-in alike.
  const refused: [string, string][] = [
    ['a long-form string length with a leading zero', `0xb90038${'61'.repeat(56)}`],
    ['a long-form list length with a leading zero', `0xf90038${'80'.repeat(56)}`],
    ['a single byte below 0x80 encoded as a string', '0x817f'],
    ['the long form for a string shorter than 56', '0xb803616263'],
    ['the long form for a list shorter than 56', '0xf803808080'],
    ['bytes after the item', '0x8080'],
    ['bytes after a list', '0xc18001'],
    ['a string cut short', '0x83616263'.slice(0, -2)],
    ['a long-form string cut short', `0xb838${'61'.repeat(55)}`],
    ['a list cut short', '0xc38080'],
    ['a long-form length cut short', '0xb9'],
    ['a list item past the list\'s end', '0xc2836162'],
  ]
  for (const [what, hex] of refused) {
    it(`refuses ${what}`, () => {
      expect(() => RLP.decode(hexToBytes(hex as `0x${string}`))).toThrow()
      expect(() => standIn.decode(hexToBytes(hex as `0x${string}`))).toThrow()
    })
  }

  it('resolves @ethereumjs/rlp to the stand-in for every importer but the stand-in', () => {
    const plugin = ethereumjsRlpOverViem() as unknown as { resolveId: (s: string, i?: string) => string | null }
    expect(plugin.resolveId('@ethereumjs/rlp', '/x/node_modules/@ethereumjs/mpt/dist/esm/mpt.js')).toMatch(/rlpOverViem\.ts$/)
    expect(plugin.resolveId('@ethereumjs/rlp', '/x/src/lib/execution/verifyAccountProof.ts')).toMatch(/rlpOverViem\.ts$/)
    expect(plugin.resolveId('@ethereumjs/rlp', plugin.resolveId('@ethereumjs/rlp', '/x/a.js')!)).toBeNull()
    expect(plugin.resolveId('viem', '/x/a.js')).toBeNull()
  })

  it('bundled with it, @ethereumjs/mpt computes the same root and verifies the same proof', async () => {
    const entries = [['a', 'one'], ['ab', 'two'], ['abc', 'three'], ['b', 'four'], ['long', long]] as const
    const reference = new MerklePatriciaTrie()
    for (const [k, v] of entries) await reference.put(utf8ToBytes(k), utf8ToBytes(v))
    const proof = await createMerkleProof(reference, utf8ToBytes('ab'))
    const { code, load } = await bundleFixture({ entry: join(import.meta.dirname, 'fixtures/mptEntry.js'), plugins: [ethereumjsRlpOverViem()] })
    expect(code).not.toContain('invalid RLP: extra zeros') // the library's own decoder
    const { run } = await load()
    const root = bytesToHex(reference.root())
    expect(await run(entries, root, 'ab', proof.map((p) => bytesToHex(p)))).toEqual({ root, value: 'two' })
  })
})
