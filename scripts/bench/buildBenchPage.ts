import path from 'node:path'
import { build } from 'vite'

const root = path.resolve(import.meta.dirname, '../..')

/**
 * Builds scripts/bench/page with the app's own Vite config (its plugins: herumi's WebCrypto, no
 * native BLS) into `outDir`; returns the page's path inside it and the build time. The page also
 * runs the peers the app does not ship (Lodestar's LightclientSpec, @chainsafe/bls with herumi),
 * which use more of Node's Buffer (Buffer.concat ...) than the app's minimal one offers
 * (scripts/build/minimalBuffer.ts): the page gets the full polyfill instead.
 */
export async function buildBenchPage({ outDir }: { outDir: string }): Promise<{ pagePath: string; ms: number }> {
  const start = performance.now()
  await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    // The page is a measuring tool: its chunk sizes and Node-module externalization notes are noise here.
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: path.join(root, 'scripts/bench/page/index.html') } },
    plugins: [{ name: 'latchkey:bench-page-full-buffer', config: (config) => void (config.build!.rolldownOptions!.transform = { inject: { Buffer: 'vite-plugin-node-polyfills/shims/buffer' } }) }],
  })
  return { pagePath: 'scripts/bench/page/index.html', ms: performance.now() - start }
}
