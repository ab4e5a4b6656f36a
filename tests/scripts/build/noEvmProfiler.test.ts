// The EVM's profiler is a stand-in in the app build and in vitest (scripts/build/noEvmProfiler.ts):
// the EVM still constructs and runs code, and a profiler switched on refuses instead of timing.
import { createCustomCommon, Mainnet } from '@ethereumjs/common'
import { EVMPerformanceLogger, createEVM } from '@ethereumjs/evm'
import { hexToBytes } from '@ethereumjs/util'
import { expect, it } from 'vitest'

const common = () => createCustomCommon({ chainId: 1 }, Mainnet, { hardfork: 'prague' })
// PUSH1 42, PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN
const program = hexToBytes('0x602a60005260206000f3')

it('the EVM runs code with the stand-in logger, which refuses every call', async () => {
  const evm = await createEVM({ common: common() })
  const result = await evm.runCode({ code: program, gasLimit: 100_000n })
  expect(BigInt(`0x${Buffer.from(result.returnValue).toString('hex')}`)).toBe(42n)
  expect(() => new EVMPerformanceLogger().hasTimer()).toThrow(/profiler is left out of Latchkey's build/)
  expect(() => evm.getPerformanceLogs()).toThrow(/profiler is left out/)
})

it('a profiler switched on fails loudly instead of timing', async () => {
  const evm = await createEVM({ common: common(), profiler: { enabled: true } })
  await expect(evm.runCode({ code: program, gasLimit: 100_000n })).rejects.toThrow(/profiler is left out/)
})
