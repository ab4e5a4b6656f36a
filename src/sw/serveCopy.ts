/// <reference lib="webworker" />
import { type CopyStatus, copyCacheName, copyStatusKey, recheckMessage, statusMessage, workerReplacedMessage } from '../lib/ipfs/copyStatus.ts'
import { recordWorkerReplaced } from './recordWorkerReplaced.ts'
import { parseCid } from '../lib/ipfs/parseCid.ts'
import { parseSubdomainHost } from '../lib/ipfs/parseSubdomainHost.ts'
import { refusalPage } from './refusalPage.ts'
import { verifyCopy } from './verifyCopy.ts'
import { workerScripts } from './workerScripts.ts'

/**
 * The service worker's work (serviceWorker.ts): verifies this CID's copy into Cache Storage and
 * serves the app from it.
 */
export function serveCopy(self: ServiceWorkerGlobalScope): void {
  const sub = parseSubdomainHost(self.location.hostname)
  const cid = sub?.namespace === 'ipfs' ? parseCid(sub.id) : undefined

  let checking: Promise<CopyStatus> | undefined
  /** One check at a time; every caller waits for the same one. */
  function check(): Promise<CopyStatus> {
    if (!cid) return Promise.reject(new Error('not on a subdomain gateway origin'))
    checking ??= verifyCopy({ cid, location: self.location, onStatus: broadcast }).finally(() => (checking = undefined))
    return checking
  }

  async function broadcast(status: CopyStatus) {
    for (const client of await self.clients.matchAll({ includeUncontrolled: true })) client.postMessage({ type: statusMessage, status })
  }

  async function readStatus(): Promise<CopyStatus | undefined> {
    const res = await (await caches.open(copyCacheName)).match(copyStatusKey)
    return res ? ((await res.json()) as CopyStatus) : undefined
  }

  self.addEventListener('install', (event) => {
    // The sw.js of a CID never changes, so a worker installed while one is active came from a
    // gateway that serves other bytes: it never pushes the verified one aside (no skipWaiting), and
    // waits. Only the first worker takes over at once, after its check, with the copy already held.
    if (self.registration.active) return
    event.waitUntil(check().catch(() => undefined).then(() => self.skipWaiting()))
  })

  self.addEventListener('activate', (event) => {
    event.waitUntil(self.clients.claim())
  })

  self.addEventListener('message', (event) => {
    const type = (event.data as { type?: string })?.type
    if (type === recheckMessage) event.waitUntil(check().catch(() => undefined))
    // A page saw the browser install another sw.js: the verified (active) worker keeps the evidence, both digests.
    if (type === workerReplacedMessage && self.serviceWorker === self.registration.active) event.waitUntil(recordAndTell())
  })

  async function recordAndTell(): Promise<void> {
    const replaced = await recordWorkerReplaced({ scriptUrl: self.location.href, scripts: workerScripts() })
    for (const client of await self.clients.matchAll({ includeUncontrolled: true })) client.postMessage({ type: workerReplacedMessage, replaced })
  }

  self.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url)
    // Beacon APIs, RPCs and other gateways are other origins: the app verifies those answers itself.
    if (url.origin !== self.location.origin || event.request.method !== 'GET' || url.pathname.startsWith('/.latchkey/')) return
    event.respondWith(serve(url, event.request))
  })

  async function serve(url: URL, request: Request): Promise<Response> {
    let path = decodeURIComponent(url.pathname)
    if (path.endsWith('/')) path += 'index.html'
    const cache = await caches.open(copyCacheName)
    const held = await cache.match(path)
    if (held) return held
    let status = await readStatus()
    if (status?.state !== 'verified') status = await check().catch(() => status)
    if (status?.state === 'verified') return (await cache.match(path)) ?? new Response('Not in this copy of the app.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
    // Nobody delivered the copy (an outage, not a lie): the gateway's answer as it would be with no
    // worker, trust on first use, which the page reports as not verified. Never after a proven lie.
    if (!status?.error?.fault) {
      try {
        return await fetch(request)
      } catch {
        // Offline too: explained below.
      }
    }
    if (request.mode === 'navigate') return refusalPage(status)
    return new Response('This file could not be verified against the CID.\n', { status: 502, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  }
}
