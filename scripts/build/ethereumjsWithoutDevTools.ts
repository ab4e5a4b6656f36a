import type { Plugin } from 'vite'

const debugId = '\0latchkey:ethereumjs-no-debug'
const lruId = '\0latchkey:ethereumjs-no-lru'

/**
 * Two of @ethereumjs's dependencies that the browser build never runs, replaced there:
 * - `debug` (with `ms`, 2.5 kB gzip in the engine chunk): its loggers are called only when
 *   `isDebugEnabled` finds `ethjs` in `process.env.DEBUG`, which a browser does not have; here
 *   every logger is a disabled no-op.
 * - `lru-cache` (5 kB gzip in the engine chunk): @ethereumjs/mpt's CheckpointDB (and the state
 *   manager's caches) construct one only for a `cacheSize` above 0; Latchkey's tries (proof,
 *   receipt, transaction and withdrawal roots) use none. The stub throws if ever constructed, so a
 *   future use fails loudly instead of running without its cache.
 * tests/scripts/build/ethereumjsWithoutDevTools.test.ts checks both stand-ins.
 */
export function ethereumjsWithoutDevTools(): Plugin {
  return {
    name: 'latchkey:ethereumjs-without-dev-tools',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.includes('/@ethereumjs/')) return null
      return source === 'debug' ? debugId : source === 'lru-cache' ? lruId : null
    },
    load(id) {
      if (id === debugId) return ethereumjsDebugStub
      if (id === lruId) return ethereumjsLruStub
      return null
    },
  }
}

export const ethereumjsDebugStub = [
  'const createDebug = (namespace = "") => {',
  '  const log = () => {}',
  '  return Object.assign(log, { enabled: false, namespace, extend: (sub) => createDebug(`${namespace}:${sub}`) })',
  '}',
  'export default createDebug',
  '',
].join('\n')

export const ethereumjsLruStub = [
  'export class LRUCache {',
  '  constructor() {',
  '    throw new Error("lru-cache is left out of Latchkey\'s browser build (scripts/build/ethereumjsWithoutDevTools.ts): an @ethereumjs cache was configured")',
  '  }',
  '}',
  '',
].join('\n')
