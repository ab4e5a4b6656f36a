// The browser build leaves @ethereumjs/util's EIP-7928 access lists out (scripts/build/
// ethereumjsWithoutBal.ts): the EVM bundled with the stand-in runs code as the library does, and
// under a Common that activates EIP-7928 it still constructs, with a list that refuses every use.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { expect, it } from 'vitest'
import { ethereumjsWithoutBal, withoutBal } from '../../../scripts/build/ethereumjsWithoutBal.ts'
import { bundleFixture } from '../../helpers/bundleFixture.ts'

// keccak256 of one 32-byte word stored and returned; then ADDRESS, BALANCE and an SLOAD (the
// opcodes whose EIP-7928 hooks record accesses) with their results returned.
const programs = ['0x602a60005260206000206000526020 6000f3', '0x303160005230545f5260206000f3'].map((p) => p.replace(/ /g, ''))

it('bundled without EIP-7928, the EVM returns what the library returns; under Amsterdam its list refuses every use', async () => {
  const fixture = join(import.meta.dirname, 'fixtures/evmBalEntry.js')
  const unbundled: Record<string, any> = await import(fixture)
  const { code, load } = await bundleFixture({ entry: fixture, plugins: [ethereumjsWithoutBal()] })
  expect(code).not.toContain('createBlockLevelAccessListFromRLP')
  expect(code).not.toContain('validateBlockAccessListHash')
  const bundled = await load()
  for (const hardfork of ['cancun', 'prague', 'osaka']) {
    for (const program of programs) expect(await bundled.runCode(hardfork, program)).toEqual(await unbundled.runCode(hardfork, program))
  }
  expect((await unbundled.createEvm('amsterdam')).blockLevelAccessList.accesses).toEqual({})
  const list = (await bundled.createEvm('amsterdam')).blockLevelAccessList
  expect(list).toBeDefined()
  expect(() => list.addAddress('0x0000000000000000000000000000000000000001')).toThrow(/left out of Latchkey's browser build/)
  expect(() => list.checkpoint()).toThrow(/left out of Latchkey's browser build/)
})

it('fails the build when util\'s index no longer exports the EIP-7928 modules', async () => {
  const file = join(dirname(createRequire(import.meta.url).resolve('@ethereumjs/util')).replace(/\/cjs$/, '/esm'), 'index.js')
  expect(withoutBal(await readFile(file, 'utf8'))).toContain('export { createBlockLevelAccessList } from')
  expect(() => withoutBal('export * from "./bytes.js";')).toThrow(/not found/)
})
