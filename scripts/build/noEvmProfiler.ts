import path from 'node:path'
import type { Plugin } from 'vite'
import { ethereumjsEvmRoot } from './lazyEvmBls.ts'

const id = '\0latchkey:no-evm-profiler'

/** What the EVM imports from logger.js: the logger it always constructs, whose every method refuses, and the Timer its index re-exports. */
export const evmProfilerStandIn = [
  "const refuse = () => { throw new Error(\"the EVM's profiler is left out of Latchkey's build (scripts/build/noEvmProfiler.ts)\") }",
  'export class Timer { constructor() { refuse() } }',
  'export class EVMPerformanceLogger {',
  '  clear() { refuse() }',
  '  getLogs() { refuse() }',
  '  hasTimer() { refuse() }',
  '  startTimer() { refuse() }',
  '  pauseTimer() { refuse() }',
  '  unpauseTimer() { refuse() }',
  '  stopTimer() { refuse() }',
  '}',
  '',
].join('\n')

/**
 * @ethereumjs/evm's profiler (`logger.js`: timers and per-opcode tables, 4.4 kB unminified in the
 * local EVM's chunk). The EVM constructs its logger always but calls it only with
 * `profiler.enabled`, which Latchkey's local EVM never sets (createVerifiedEvm.ts); the stand-in's
 * logger constructs and refuses every call, so a profiler switched on fails loudly. In the app
 * build and in vitest, so the local EVM's tests run it.
 */
export function noEvmProfiler(): Plugin {
  const logger = path.join(ethereumjsEvmRoot(), 'dist/esm/logger.js')
  return {
    name: 'latchkey:no-evm-profiler',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || source !== './logger.js') return null
      return path.resolve(path.dirname(importer.split('?')[0]!), source) === logger ? id : null
    },
    load(loaded) {
      return loaded === id ? evmProfilerStandIn : null
    },
  }
}
