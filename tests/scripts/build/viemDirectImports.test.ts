// The build imports viem's functions from their own files instead of viem's index (so the index's
// re-exports do not pull every viem module a lazy chunk uses into the first paint). That is only
// safe if each file gives the very binding the index exports: checked here for every name.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as viem from 'viem'
import * as viemUtils from 'viem/utils'
import { expect, it } from 'vitest'
import { readViemIndex, rewriteViemImports } from '../../../scripts/build/viemDirectImports.ts'

const index = join(dirname(createRequire(import.meta.url).resolve('viem/package.json')), '_esm/index.js')

it("maps every name viem's index exports to the file that exports the same binding", async () => {
  const map = readViemIndex(index)
  const values = Object.entries(viem)
  expect(map.size).toBeGreaterThan(300)
  for (const [name, value] of values) {
    const target = map.get(name)
    if (!target) continue // left to the index by the rewrite
    const module = (await import(target.file)) as Record<string, unknown>
    expect(module[target.name], name).toBe(value)
  }
  expect(map.get('formatUnits')?.file).toMatch(/utils\/unit\/formatUnits\.js$/)
  // The names the first paint uses are all mapped (else they would come through the index again).
  for (const name of ['formatUnits', 'erc20Abi', 'hexToBigInt', 'numberToHex', 'keccak256', 'hexToBytes', 'bytesToHex', 'isAddress']) {
    expect(map.has(name), name).toBe(true)
  }
})

it("maps every name viem/utils' index exports to the file that exports the same binding", async () => {
  const map = readViemIndex(join(dirname(index), 'utils/index.js'))
  expect(map.size).toBeGreaterThan(100)
  for (const [name, value] of Object.entries(viemUtils)) {
    const target = map.get(name)
    if (!target) continue
    const module = (await import(target.file)) as Record<string, unknown>
    expect(module[target.name], name).toBe(value)
  }
  // What the verified client's own actions import from it (src/lib/rpc/actions).
  for (const name of ['getCallError', 'getEstimateGasError', 'parseAccount']) expect(map.has(name), name).toBe(true)
})

it('rewrites value imports, drops type-only names and leaves an import with an unknown name to the index', () => {
  const map = new Map([
    ['formatUnits', { file: '/v/formatUnits.js', name: 'formatUnits' }],
    ['keccak256', { file: '/v/keccak256.js', name: 'keccak256' }],
  ])
  expect(rewriteViemImports("import { formatUnits } from 'viem'\nx()", map)).toBe('import { formatUnits as formatUnits } from "/v/formatUnits.js";\nx()')
  expect(rewriteViemImports('import { type Hex, keccak256 as k, formatUnits } from "viem";', map)).toBe(
    'import { keccak256 as k } from "/v/keccak256.js";\nimport { formatUnits as formatUnits } from "/v/formatUnits.js";',
  )
  const unknown = "import { formatUnits, createPublicClient } from 'viem'"
  expect(rewriteViemImports(unknown, map)).toBe(unknown)
  expect(rewriteViemImports("import { formatUnits } from 'viem/utils'", map)).toBe("import { formatUnits } from 'viem/utils'")
  expect(rewriteViemImports("import { formatUnits } from 'viem/utils'", map, 'viem/utils')).toBe('import { formatUnits as formatUnits } from "/v/formatUnits.js";')
  expect(rewriteViemImports("import { formatUnits } from 'viem'", map, 'viem/utils')).toBe("import { formatUnits } from 'viem'")
})
