// Latchkey's service worker: keeps every file of this CID, verified block by block, in Cache
// Storage and serves the app from there, so it opens with the gateway down or the network gone.
// Registered only on an origin of its own (a subdomain gateway: <cid>.ipfs.<host>), whose host
// names the CID: the worker knows what to verify without being told by anyone (serveCopy.ts).
// A module worker, an entry of the page's build (scripts/build/serviceWorkerBuild.ts): the IPFS
// code it shares with the page is in chunks both import.
/// <reference lib="webworker" />
import { serveCopy } from './serveCopy.ts'

serveCopy(globalThis as unknown as ServiceWorkerGlobalScope)
