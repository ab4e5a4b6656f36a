// Bootstrap of Latchkey's light-client worker (a module worker, same origin, no blob:). The page
// passes the URL of the app's own light-client chunk in the hash; this file loads it.
//
// The app's chunks load their lazy parts through Vite's preload helper, which looks for <link>
// tags to avoid duplicate preloads. A worker has no document, so give the helper an empty one:
// nothing is preloaded, the imports themselves still run. Nothing else here reads `document`.
const noop = () => {}
globalThis.document ??= {
  querySelector: () => null,
  getElementsByTagName: () => [],
  createElement: () => ({ setAttribute: noop, addEventListener: noop, removeEventListener: noop }),
  head: { appendChild: noop },
}
const url = new URL(decodeURIComponent(location.hash.slice(1)), location.href)
if (url.origin !== location.origin) throw new Error(`Latchkey light-client worker: refusing to load ${url} (another origin)`)
await import(url.href)
