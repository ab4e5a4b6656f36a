// The browser build empties @ethereumjs/common's bootnode and DNS-discovery lists
// (scripts/build/ethereumjsWithoutBootnodes.ts): every chain config is otherwise the same, and a
// Common over it picks the same hardforks.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as original from '@ethereumjs/common'
import { expect, it } from 'vitest'
import { withoutBootnodes } from '../../../scripts/build/ethereumjsWithoutBootnodes.ts'

const file = join(dirname(createRequire(import.meta.url).resolve('@ethereumjs/common')).replace(/\/cjs$/, '/esm'), 'chains.js')

it('empties only the bootnode and DNS lists of every chain, and Common picks the same hardforks', async () => {
  const code = withoutBootnodes(await readFile(file, 'utf8'))
  expect(code).not.toMatch(/enrtree:|bootnode-/)
  const stripped = await import(`data:text/javascript,${encodeURIComponent(code)}`)
  for (const name of ['Mainnet', 'Sepolia', 'Holesky', 'Hoodi'] as const) {
    const chain = original[name] as unknown as Record<string, unknown>
    expect(chain.bootstrapNodes).not.toEqual([])
    expect(stripped[name]).toEqual({ ...chain, bootstrapNodes: [], dnsNetworks: [] })
  }
  for (const timestamp of [1_681_338_455n, 1_710_338_135n, 1_746_612_311n, 1_800_000_000n]) {
    const a = original.createCustomCommon({ chainId: 1 }, original.Mainnet)
    const b = original.createCustomCommon({ chainId: 1 }, stripped.Mainnet)
    expect(b.setHardforkBy({ timestamp })).toBe(a.setHardforkBy({ timestamp }))
  }
  expect(() => withoutBootnodes('export const X = {}')).toThrow(/no bootstrapNodes/)
})
