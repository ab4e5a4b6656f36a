import type { Plugin } from 'vite'

/**
 * cborg (the CBOR codec under @ipld/dag-cbor, which @ipld/car reads a CAR's header with) builds its
 * encoder's tables and buffer at load, so the bundler must keep the whole encoder although the app
 * only decodes: 3.4 kB gzip in sw.js and again in the release inspector. cborg has no side effects
 * beyond its exports; declared so, the unused encoder is dropped. Used by the page's build and by
 * the service worker's (serviceWorkerBuild.ts), which has its own plugin list.
 */
export function cborgWithoutSideEffects(): Plugin {
  const cborg = /\/node_modules\/cborg\//
  return {
    name: 'latchkey:cborg-without-side-effects',
    transform(code, id) {
      return cborg.test(id) ? { code, map: null, moduleSideEffects: false } : null
    },
  }
}
