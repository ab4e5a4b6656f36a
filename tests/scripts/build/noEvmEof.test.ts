// The EVM's EOF modules are stubs in the app build and in vitest (scripts/build/noEvmEof.ts): they
// refuse if ever reached, and the local EVM refuses a hardfork with EOF before any of them could be.
import { createCustomCommon, Mainnet } from '@ethereumjs/common'
import { createEVM, validateEOF } from '@ethereumjs/evm'
import { expect, it } from 'vitest'
import { CallExecutionError } from '../../../src/lib/execution/errors.ts'
import { runCallAsTransaction } from '../../../src/lib/execution/runCallAsTransaction.ts'
import { createAddressFromString } from '@ethereumjs/util'

it('EOF validation is the stub that refuses', () => {
  expect(() => validateEOF(new Uint8Array([0xef, 0x00, 0x01]), undefined as never)).toThrow(/EOF \(EIP-3540\) is in no hardfork the local EVM runs/)
})

it('a run where EIP-3540 is active is refused before the EVM starts', async () => {
  const common = createCustomCommon({ chainId: 31337 }, Mainnet, { hardfork: 'prague', eips: [3540] })
  expect(common.isActivatedEIP(3540)).toBe(true)
  const evm = await createEVM({ common })
  const block = { header: { number: 1n, coinbase: createAddressFromString('0x0000000000000000000000000000000000000000'), timestamp: 1n, difficulty: 0n, prevRandao: new Uint8Array(32), gasLimit: 30_000_000n, baseFeePerGas: 0n, getBlobGasPrice: () => 1n } }
  const run = runCallAsTransaction({ evm, block, chainId: 31337n, call: { to: '0x0000000000000000000000000000000000000001' }, gasLimit: 100_000n, skipSenderCheck: true })
  await expect(run).rejects.toThrow(CallExecutionError)
  await expect(run).rejects.toThrow(/does not implement EIP-3540/)
})
