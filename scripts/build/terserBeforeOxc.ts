import type { Plugin } from 'vite'
import { minify } from 'terser'

/**
 * Every chunk of the page's build is compressed by terser (two passes, no renaming) before the
 * build's own minifier, oxc, compresses and mangles it: oxc alone left 3.9 kB gzip of whole dist/
 * that terser's compressor finds (the first paint 1.4, the engine 0.9, the worker 0.5, the EVM 0.5:
 * mostly conditionals and sequences oxc keeps), and terser as the only minifier was 2-4.5 kB larger
 * than oxc (README, "the minifier"). A hook of Rolldown's render stage that runs after every other
 * plugin's (`order: 'post'`): Vite's own renderChunk work (the preload helper's map) is done, and
 * oxc's minification and the content hashes come after it, so a file's name still hashes what is
 * in it. Deterministic, as the reproducible build needs (tests/build/reproducible.test.ts).
 */
export function terserBeforeOxc(): Plugin {
  return {
    name: 'latchkey:terser-before-oxc',
    apply: 'build',
    renderChunk: {
      order: 'post',
      async handler(code, _chunk, options) {
        const out = await minify(code, { module: options.format === 'es', ecma: 2020, compress: { passes: 2 }, mangle: false, format: { comments: false } })
        if (out.code === undefined) throw new Error('latchkey: terser returned no code (scripts/build/terserBeforeOxc.ts)')
        return { code: out.code, map: null }
      },
    },
  }
}
