import { defineConfig } from 'vitest/config'
import { lazyEvmBls } from './scripts/build/lazyEvmBls.ts'

export default defineConfig({
  // The app's lazy BLS12-381 precompiles (scripts/build/lazyEvmBls.ts): the tests run the same path
  // (@ethereumjs/evm is then transformed by Vite instead of loaded by Node as is).
  plugins: [lazyEvmBls()],
  test: {
    server: { deps: { inline: [/@ethereumjs\/evm/] } },
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Devnet and browser tests start real servers; two cores in CI.
    fileParallelism: true,
    maxWorkers: 2,
    setupFiles: ['tests/helpers/setup.ts'],
  },
})
