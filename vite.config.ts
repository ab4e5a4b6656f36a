import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { nodePolyfills } from 'vite-plugin-node-polyfills'

export default defineConfig({
  // Relative asset paths: the same build must work under /ipfs/<cid>/, on a
  // subdomain gateway and at the root of `npm run dev`.
  base: './',
  publicDir: 'static',
  plugins: [
    svelte(),
    // @lodestar/params calls Buffer.alloc at module load; only Buffer is polyfilled.
    nodePolyfills({ include: ['buffer'], globals: { Buffer: true, global: false, process: false } }),
  ],
  resolve: {
    // Native BLS must never reach the browser bundle: @chainsafe/bls uses herumi WASM there.
    alias: { '@chainsafe/blst': '/dev/null' },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1' },
})
