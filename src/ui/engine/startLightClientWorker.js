// Starts the light-client worker while the page's own scripts are still arriving: the worker's
// bundle is the largest file at start, and from the entry module it would be requested only once
// the entry's whole static graph had loaded. The page adopts this worker
// (src/ui/engine/spawnLightClientWorker.ts); if anything here fails, the page spawns its own.
// The build puts it into index.html, minified, as an inline script that the policy allows by its
// SHA-256 alone, with the worker's hashed name (scripts/build/earlyLightClientWorker.ts).
;(() => {
  // A profile's first IndexedDB request (a fresh one, or the first after the browser started)
  // waits while the browser sets up this origin's storage: 50-200 ms measured here. Asked now,
  // while the page's modules load, that no longer delays the vault lookup at app start (nor the
  // worker's saved state). databases() only lists names: it creates and changes nothing.
  try {
    indexedDB.databases().catch(() => {})
  } catch {}
  const script = document.currentScript
  const src = script && script.dataset.worker
  if (!src || typeof Worker !== 'function') return
  // The chunks the worker imports that the page does not preload: asked for now, into the HTTP
  // cache (immutable answers), so the worker's own requests for them, once its entry has arrived,
  // are served from there instead of being a second round trip. Only ever a head start.
  for (const dep of (script.dataset.workerImports || '').split(' ')) {
    if (dep) fetch(new URL(dep, document.baseURI)).then((response) => response.arrayBuffer()).catch(() => {})
  }
  const early = { url: new URL(src, document.baseURI).href, worker: undefined, loaded: false, error: undefined }
  // The network the page last started the light client on (src/ui/engine/lightClientHeadStart.ts):
  // the worker starts on it at once and shows nothing from it unless the page starts that same network.
  let headStart = null
  try {
    headStart = localStorage.getItem('latchkey.lightClientStart')
  } catch {}
  try {
    early.worker = new Worker(early.url, { type: 'module', name: headStart ? 'latchkey-light-client#' + headStart : 'latchkey-light-client' })
  } catch {
    return
  }
  // Its one unprompted message: a worker's messages with no listener are lost.
  early.worker.addEventListener('message', (event) => { if (event.data && event.data.type === 'loaded') early.loaded = true })
  early.worker.addEventListener('error', (event) => { early.error = event.message || 'the worker script failed to load' })
  globalThis.latchkeyEarlyWorker = early
})()
