import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'
import { lazyEvmBls } from './scripts/build/lazyEvmBls.ts'
import { noEvmEof } from './scripts/build/noEvmEof.ts'
import { noEvmProfiler } from './scripts/build/noEvmProfiler.ts'

export default defineConfig({
  // The app's lazy BLS12-381 precompiles and EOF- and profiler-free EVM (scripts/build/lazyEvmBls.ts,
  // noEvmEof.ts, noEvmProfiler.ts): the tests run the same code (@ethereumjs/evm is then transformed
  // by Vite, not loaded by Node as is).
  // svelte(): the runes state classes (src/ui/state/*.svelte.ts) compile for the tests of their ordering (tests/ui/state).
  plugins: [svelte(), lazyEvmBls(), noEvmEof(), noEvmProfiler()],
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
