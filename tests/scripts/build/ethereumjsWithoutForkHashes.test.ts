// The browser build leaves @ethereumjs/common's CRC-32 out (scripts/build/ethereumjsWithoutForkHashes.ts):
// bundled with the stand-in, a Common over mainnet's and Sepolia's configs picks the same hardfork
// at every fork's timestamp, with the same EIPs and the same stored fork hashes;
// only computing a fork hash refuses.
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { ethereumjsWithoutForkHashes } from '../../../scripts/build/ethereumjsWithoutForkHashes.ts'
import { bundleFixture } from '../../helpers/bundleFixture.ts'

it('bundled without the CRC-32, Common picks the same hardforks, EIPs and stored fork hashes', async () => {
  const fixture = join(import.meta.dirname, 'fixtures/commonEntry.js')
  const unbundled: Record<string, any> = await import(fixture)
  const { code, load } = await bundleFixture({ entry: fixture, plugins: [ethereumjsWithoutForkHashes()] })
  expect(code).not.toContain('0x77073096') // the CRC-32 table's second entry
  const bundled = await load()
  const genesis = new Uint8Array(32)
  for (const name of ['Mainnet', 'Sepolia'] as const) {
    const a = unbundled.createCustomCommon({ chainId: unbundled[name].chainId }, unbundled[name])
    const b = bundled.createCustomCommon({ chainId: bundled[name].chainId }, bundled[name])
    const forks = a.hardforks().filter((hf: { timestamp?: string }) => hf.timestamp !== undefined)
    expect(forks.length).toBeGreaterThan(5)
    for (const hf of forks) {
      const timestamp = BigInt(hf.timestamp)
      expect(b.setHardforkBy({ timestamp })).toBe(a.setHardforkBy({ timestamp }))
      expect(b.eips()).toEqual(a.eips())
      expect(b.forkHash(hf.name)).toBe(a.forkHash(hf.name)) // the config's own
    }
    // Computing one (what only a devp2p client asks for) refuses, where the library computes it.
    expect(a._calcForkHash(forks.at(-1).name, genesis)).toMatch(/^0x[0-9a-f]{8}$/)
    expect(() => b._calcForkHash(forks.at(-1).name, genesis)).toThrow(/crc32 is left out/)
  }
})

it('fails the build when crc.js no longer exports crc32', () => {
  const plugin = ethereumjsWithoutForkHashes() as unknown as { transform: (code: string, id: string) => unknown }
  expect(() => plugin.transform('export const other = 1', '/x/node_modules/@ethereumjs/common/dist/esm/crc.js')).toThrow(/no `export const crc32`/)
  expect(plugin.transform('anything', '/x/node_modules/@ethereumjs/common/dist/esm/common.js')).toBeNull()
})
