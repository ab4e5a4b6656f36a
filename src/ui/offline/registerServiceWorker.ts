import type { DetectOriginReturnType } from '../../lib/ipfs/detectOrigin.ts'

/**
 * Registers the app's service worker (sw.js, built by scripts/build/serviceWorkerBuild.ts) on an
 * origin of the app's own only: a subdomain gateway names the CID in the host, so the worker knows
 * what to verify. Never on a path gateway (one origin for every site: a worker there would sit
 * over other sites' pages) nor on `npm run dev` (no sw.js, and no CID to check). A module worker:
 * it imports the chunks it shares with the page (scripts/build/serviceWorkerBuild.ts).
 */
export async function registerServiceWorker({ origin }: { origin: DetectOriginReturnType }): Promise<ServiceWorkerRegistration | undefined> {
  if (origin.kind !== 'subdomain-gateway' || !origin.cid || !('serviceWorker' in navigator)) return undefined
  return navigator.serviceWorker.register('./sw.js', { scope: './', type: 'module' })
}
