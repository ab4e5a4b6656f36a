import { ServiceWorkerScriptError } from '../../lib/ipfs/errors.ts'
import type { inspectRelease } from '../../lib/ipfs/inspectRelease.ts'
import { pageIpfsKey } from '../../sw/pageIpfsKey.ts'

type PageIpfs = { inspectRelease: typeof inspectRelease }

/**
 * The release inspector, from the app's own sw.js: the service worker's build holds the IPFS code
 * it needs (fetchVerifiedDag, the CAR decoder, the UnixFS reader) and, imported by a page, hands it
 * over instead of serving (src/sw/serviceWorker.ts), so no page chunk carries a second copy. On a
 * subdomain gateway the file comes from the verified copy (the service worker serves it); on a path
 * gateway from the gateway, like every other file of the page. `npm run dev` has no sw.js: there
 * the module itself is imported.
 */
export async function loadInspectRelease(): Promise<typeof inspectRelease> {
  if (import.meta.env.DEV) return (await import('../../lib/ipfs/inspectRelease.ts')).inspectRelease
  // The copy's root, where sw.js is (hash routing: the document is always the root's index.html).
  const url = new URL('sw.js', document.baseURI).href
  try {
    await import(/* @vite-ignore */ url)
  } catch (cause) {
    throw new ServiceWorkerScriptError({ url, cause })
  }
  const loaded = (globalThis as { [pageIpfsKey]?: PageIpfs })[pageIpfsKey]
  if (!loaded) throw new ServiceWorkerScriptError({ url })
  return loaded.inspectRelease
}
