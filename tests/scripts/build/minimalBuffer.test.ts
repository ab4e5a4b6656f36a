// The browser build's `Buffer` (scripts/build/minimalBuffer.ts, injected in place of the full
// polyfill): what the light client's packages call of it answers as Node's Buffer does, anything
// else is refused, and @chainsafe/ssz bundled with it hashes byte lists to the same roots.
import { join } from 'node:path'
import { Buffer as NodeBuffer } from 'node:buffer'
import { ByteListType, ContainerType, UintNumberType } from '@chainsafe/ssz'
import { describe, expect, it } from 'vitest'
import { Buffer } from '../../../scripts/build/minimalBuffer.ts'
import { bundleFixture } from '../../helpers/bundleFixture.ts'

const shim = join(import.meta.dirname, '../../../scripts/build/minimalBuffer.ts')

describe('minimal Buffer', () => {
  it('allocates as Node does', () => {
    expect([...Buffer.alloc(32, 0)]).toEqual([...NodeBuffer.alloc(32, 0)])
    expect([...Buffer.alloc(5, 7)]).toEqual([...NodeBuffer.alloc(5, 7)])
    expect(Buffer.allocUnsafe(48)).toHaveLength(48)
    expect(Buffer.alloc(4)).toBeInstanceOf(Uint8Array)
  })

  it('views an ArrayBuffer, and its writeUIntLE writes what Node writes, through to the viewed bytes', () => {
    for (const byteLength of [1, 2, 3, 4, 5, 6]) {
      for (const value of [0, 1, 255, 256, 65_535, 2 ** 24 + 3, 2 ** 32 + 5, 2 ** 40 + 1, 2 ** 47 - 1, 2 ** 48 - 1]) {
        if (value >= 2 ** (8 * byteLength)) continue
        const bytes = new Uint8Array(64)
        const node = NodeBuffer.alloc(64)
        expect(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).writeUIntLE(value, 32, byteLength)).toBe(node.writeUIntLE(value, 32, byteLength))
        expect([...bytes]).toEqual([...node])
      }
    }
    const backing = new Uint8Array(16)
    const view = Buffer.from(backing.buffer, 8, 8)
    expect(view).toHaveLength(8)
    view.writeUIntLE(0x0102, 0, 2)
    expect([...backing.subarray(8, 10)]).toEqual([2, 1])
    expect([...Buffer.from([1, 2, 3])]).toEqual([1, 2, 3])
  })

  it('refuses what it does not implement instead of computing something else', () => {
    const b = Buffer.alloc(8)
    expect(() => b.writeUIntLE(256, 0, 1)).toThrow(RangeError)
    expect(() => b.writeUIntLE(-1, 0, 1)).toThrow(RangeError)
    expect(() => b.writeUIntLE(1, 7, 2)).toThrow(RangeError)
    expect(() => b.writeUIntLE(1, 0, 7)).toThrow(RangeError)
    expect(() => Buffer.from('00ff' as never, 'hex' as never)).toThrow(TypeError)
    expect(() => Buffer.alloc(4, 'a' as never)).toThrow(TypeError)
  })

  it('bundled in for Buffer, @chainsafe/ssz and @lodestar/params load and hash byte lists as with Node\'s Buffer', async () => {
    const Header = new ContainerType({ number: new UintNumberType(8), extraData: new ByteListType(32) })
    const expected = [0, 1, 31, 32].map((n) => NodeBuffer.from(Header.hashTreeRoot({ number: n, extraData: new Uint8Array(n).fill(n) })).toString('hex'))
    const { code, load } = await bundleFixture({ entry: join(import.meta.dirname, 'fixtures/sszBufferEntry.js'), rolldownOptions: { transform: { inject: { Buffer: [shim, 'Buffer'] } } } })
    expect(code).toContain('minimal Buffer')
    expect(code).not.toMatch(/feross|ieee754/)
    // Node's own Buffer is a global here: hide it while the bundle runs, as a browser has none.
    const saved = globalThis.Buffer
    Reflect.deleteProperty(globalThis, 'Buffer')
    try {
      const { run } = await load()
      expect(run([0, 1, 31, 32])).toEqual({ zero: '00'.repeat(32), roots: expected })
    } finally {
      globalThis.Buffer = saved
    }
  })
})
