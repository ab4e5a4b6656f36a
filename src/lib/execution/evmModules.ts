// The local EVM's imports from @ethereumjs, by name: createVerifiedEvm loads this one module lazily.
// (A dynamic import of a package's index keeps every export of it: Holesky's and Hoodi's chain
// configs, the binary-tree witness and the other unused parts of @ethereumjs/common and evm.)
export { createCustomCommon, Mainnet, Sepolia } from '@ethereumjs/common'
export { createEVM } from '@ethereumjs/evm'
export { createAddressFromString } from '@ethereumjs/util'
export { ProvenStateManager } from './ProvenStateManager.ts'
export { blobBaseFee, evmParams } from './evmParams.ts'
export { runCallAsTransaction } from './runCallAsTransaction.ts'
