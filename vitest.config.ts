import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
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
