// Latchkey's service worker: keeps every file of this CID, verified block by block, in Cache
// Storage and serves the app from there, so it opens with the gateway down or the network gone.
// Registered only on an origin of its own (a subdomain gateway: <cid>.ipfs.<host>), whose host
// names the CID: the worker knows what to verify without being told by anyone (serveCopy.ts).
//
// The same script, imported by a page (loadInspectRelease.ts), registers nothing and hands the page
// its IPFS code instead (the release inspector: fetchVerifiedDag, the CAR decoder, the UnixFS
// reader), so the build holds one copy of that code, not one here and one in a page chunk.
/// <reference lib="webworker" />
import { inspectRelease } from '../lib/ipfs/inspectRelease.ts'
import { pageIpfsKey } from './pageIpfsKey.ts'
import { serveCopy } from './serveCopy.ts'

const scope = globalThis as { ServiceWorkerGlobalScope?: abstract new () => object }
if (typeof scope.ServiceWorkerGlobalScope === 'function' && globalThis instanceof scope.ServiceWorkerGlobalScope) serveCopy(globalThis as unknown as ServiceWorkerGlobalScope)
else Object.assign(globalThis, { [pageIpfsKey]: { inspectRelease } })
