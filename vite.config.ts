import { fileURLToPath } from 'node:url'
import { type Plugin, defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { nodePolyfills } from 'vite-plugin-node-polyfills'
import { buildInfo } from './scripts/build/buildInfo.ts'
import { devServerInlineStyles } from './scripts/build/devServerInlineStyles.ts'
import { earlyLightClientWorker } from './scripts/build/earlyLightClientWorker.ts'
import { ethereumjsWithoutDevTools } from './scripts/build/ethereumjsWithoutDevTools.ts'
import { ethereumjsWithoutBootnodes } from './scripts/build/ethereumjsWithoutBootnodes.ts'
import { ethereumjsWithoutBal } from './scripts/build/ethereumjsWithoutBal.ts'
import { ethereumjsRlpOverViem } from './scripts/build/ethereumjsRlpOverViem.ts'
import { ethereumjsWithoutForkHashes } from './scripts/build/ethereumjsWithoutForkHashes.ts'
import { terserBeforeOxc } from './scripts/build/terserBeforeOxc.ts'
import { hoistTransitiveImports } from './scripts/build/hoistTransitiveImports.ts'
import { workerEntries } from './scripts/build/workerEntries.ts'
import { sideEffectFree } from './scripts/build/sideEffectFree.ts'
import { startUpChunks } from './scripts/build/startUpChunks.ts'
import { featureChunks } from './scripts/build/featureChunks.ts'
import { qrCodecChunk } from './scripts/build/qrCodecChunk.ts'
import { lazyEvmBls } from './scripts/build/lazyEvmBls.ts'
import { oneNobleCopy } from './scripts/build/oneNobleCopy.ts'
import { noEvmEof } from './scripts/build/noEvmEof.ts'
import { noEvmProfiler } from './scripts/build/noEvmProfiler.ts'
import { serviceWorkerBuild } from './scripts/build/serviceWorkerBuild.ts'
import { viemDirectImports } from './scripts/build/viemDirectImports.ts'

/**
 * Native BLS (@chainsafe/blst, a Node addon) must never reach the browser bundle: in the browser
 * @chainsafe/bls picks herumi's WASM, but its lazy `import('./blst-native/index.js')` would
 * still drag the addon's loader into a chunk. Replace that branch with a module that refuses.
 */
function noNativeBls(): Plugin {
  const id = '\0latchkey:no-native-bls'
  return {
    name: 'latchkey:no-native-bls',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@chainsafe/blst') return id
      if (source === './blst-native/index.js' && importer?.includes('@chainsafe/bls/')) return id
      return null
    },
    load(loaded) {
      if (loaded === id) return 'export const bls = undefined\nthrow new Error("native BLS (blst) is not available in the browser; herumi WASM is used")\n'
      return null
    },
  }
}

/**
 * bls-eth-wasm (herumi, the browser BLS) reads `require('crypto').randomFillSync` at load time;
 * Vite's externalized `crypto` throws on that access. Give it WebCrypto's getRandomValues.
 */
function browserCryptoForHerumi(): Plugin {
  const id = '\0latchkey:herumi-crypto'
  return {
    name: 'latchkey:herumi-crypto',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === 'crypto' && importer?.includes('bls-eth-wasm') ? id : null
    },
    load(loaded) {
      return loaded === id ? 'export const randomFillSync = (bytes) => globalThis.crypto.getRandomValues(bytes)\nexport default { randomFillSync }\n' : null
    },
  }
}

/**
 * @lodestar/utils re-exports a YAML reader (js-yaml) from its index, and neither package declares
 * itself free of side effects, so the bundle kept 11 kB (gzip) of YAML parser that nothing calls:
 * the light client reads configs as JSON. Declared side-effect free, it is dropped when unused.
 */
const unusedLodestarYaml = (): Plugin => sideEffectFree('unused-lodestar-yaml', /\/node_modules\/(js-yaml|@lodestar\/utils\/lib\/yaml)\//)

/**
 * The same for `case` (a UMD module, so kept for its load-time IIFE: 1.2 kB gzip in the
 * light-client worker): @lodestar/utils imports it for `toExpectedCase`, which nothing the light
 * client runs calls.
 */
const unusedCase = (): Plugin => sideEffectFree('unused-case', /\/node_modules\/case\//)

/**
 * @lodestar/types builds every SSZ container of every fork at load (`new ContainerType(...)`, which
 * the bundler must keep as a possible side effect), and @lodestar/config's index imports it (its
 * fork and genesis configs, which the light client replaces with src/lib/consensus/
 * createLightClientConfig.ts and lightClientSsz.ts). Neither package has side effects beyond its
 * exports, but neither says so: declared side-effect free, @lodestar/types is dropped where only
 * types are imported from it, and @lodestar/config keeps only the chain-config code used
 * (tests/build/firstPaint.test.ts checks the worker).
 */
const lodestarWithoutSideEffects = (): Plugin => sideEffectFree('lodestar-without-side-effects', /\/node_modules\/@lodestar\/(types|config)\//)

/**
 * @chainsafe/ssz and persistent-merkle-tree hash with @noble/hashes in the browser, but import
 * @chainsafe/as-sha256 for helpers, and that package compiles a SIMD WebAssembly module at import
 * (10 kB gzip, compiled before the light-client worker can start). scripts/build/asSha256WithoutWasm.ts
 * gives them the same helpers and hashes over @noble/hashes, without the WebAssembly.
 */
function asSha256WithoutWasm(): Plugin {
  const replacement = fileURLToPath(new URL('./scripts/build/asSha256WithoutWasm.ts', import.meta.url))
  return {
    name: 'latchkey:as-sha256-without-wasm',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === '@chainsafe/as-sha256' && importer !== replacement ? replacement : null
    },
  }
}

/**
 * Ledger's packages (@ledgerhq/cryptoassets-evm-signatures' index) call Ledger's services through
 * axios; Latchkey imports only their data files, and must never reach those services from the
 * browser: axios becomes a module that refuses every request, so no Ledger service can be reached
 * even by mistake.
 */
function signerLibraryStubs(): Plugin {
  const axiosId = '\0latchkey:no-axios'
  return {
    name: 'latchkey:signer-library-stubs',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === 'axios' && importer?.includes('/@ledgerhq/') ? axiosId : null
    },
    load(loaded) {
      if (loaded !== axiosId) return null
      return [
        'const refuse = (config) => Promise.reject(new Error(`Latchkey sends nothing to Ledger\'s services (${typeof config === "string" ? config : config?.url ?? "request"} refused)`))',
        'export default { get: refuse, post: refuse, request: refuse, isAxiosError: () => false }',
      ].join('\n')
    },
  }
}

// Lodestar and herumi need these in the workers' bundles as much as on the page.
const commonPlugins = () => [
  unusedLodestarYaml(),
  unusedCase(),
  lodestarWithoutSideEffects(),
  asSha256WithoutWasm(),
  noNativeBls(),
  browserCryptoForHerumi(),
  signerLibraryStubs(),
  oneNobleCopy(),
  // @lodestar/params calls Buffer.alloc at module load: the dev server polyfills Buffer, the build
  // injects the little of it that the light client's packages use (minimalBuffer).
  ...[nodePolyfills({ include: ['buffer'], globals: { Buffer: true, global: false, process: false } })].flat().map((plugin) => ({ ...plugin, apply: 'serve' as const })),
]

/** scripts/build/minimalBuffer.ts says what of Node's Buffer the light client's packages use, and why not the full polyfill. */
const minimalBuffer = fileURLToPath(new URL('./scripts/build/minimalBuffer.ts', import.meta.url))
const injectMinimalBuffer = { transform: { inject: { Buffer: [minimalBuffer, 'Buffer'] as [string, string] } } }

export default defineConfig({
  // Relative asset paths: the same build must work under /ipfs/<cid>/, on a
  // subdomain gateway and at the root of `npm run dev`.
  base: './',
  publicDir: 'static',
  plugins: [workerEntries(), svelte(), viemDirectImports(), lazyEvmBls(), noEvmEof(), noEvmProfiler(), ethereumjsWithoutDevTools(), ethereumjsWithoutBootnodes(), ethereumjsWithoutBal(), ethereumjsWithoutForkHashes(), ethereumjsRlpOverViem(), ...commonPlugins(), serviceWorkerBuild(), buildInfo(), earlyLightClientWorker(), devServerInlineStyles(), hoistTransitiveImports(), terserBeforeOxc()],
  // Vite's worker build. The app's two workers (the light client, the keystore's KDF) are not built
  // here but as entries of the page's own build (scripts/build/workerEntries.ts), so that they share
  // the page's chunks; a `?worker` import that plugin does not know would be, as an ES module with
  // the same plugins (the page build's rolldown options, the minimal Buffer's injection, are not
  // read for a worker's bundle: it gets the same injection here).
  worker: {
    format: 'es',
    plugins: commonPlugins,
    rolldownOptions: injectMinimalBuffer,
  },
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    // The first paint and the page's engine as one chunk each (scripts/build/startUpChunks.ts says
    // why), and one for each optional feature's own code (scripts/build/featureChunks.ts), the QR
    // encoder with qrCodeImage (scripts/build/qrCodecChunk.ts).
    rolldownOptions: { ...injectMinimalBuffer, output: { codeSplitting: { groups: [...startUpChunks(), ...featureChunks(), qrCodecChunk()] } } },
  },
  server: { host: '127.0.0.1' },
})
