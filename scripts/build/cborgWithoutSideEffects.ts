import type { Plugin } from 'vite'
import { sideEffectFree } from './sideEffectFree.ts'

/**
 * cborg (the CBOR codec under @ipld/dag-cbor, which @ipld/car reads a CAR's header with) builds its
 * encoder's tables and buffer at load, so the bundler must keep the whole encoder although the app
 * only decodes: 3.4 kB gzip in sw.js and again in the release inspector. cborg has no side effects
 * beyond its exports; declared so, the unused encoder is dropped. Used by the page's build and by
 * the service worker's (serviceWorkerBuild.ts), which has its own plugin list.
 */
export const cborgWithoutSideEffects = (): Plugin => sideEffectFree('cborg-without-side-effects', /\/node_modules\/cborg\//)
