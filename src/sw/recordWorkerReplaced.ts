import { type WorkerReplaced, copyCacheName, workerReplacedKey } from '../lib/ipfs/copyStatus.ts'

const sha256 = async (bytes: ArrayBuffer) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('')

/**
 * Records that the browser found another sw.js on this origin: the digest of what the gateway
 * serves now beside the digest of the verified sw.js of this CID (held in the copy), so the page
 * can show the evidence, also after a reload.
 */
export async function recordWorkerReplaced({ scriptUrl }: { scriptUrl: string }): Promise<WorkerReplaced> {
  const cache = await caches.open(copyCacheName)
  const verified = await cache.match(new URL(scriptUrl).pathname)
  // A worker's own fetches do not pass through itself: this is the gateway's answer.
  const served = await fetch(scriptUrl, { cache: 'no-store' }).then((r) => (r.ok ? r.arrayBuffer() : undefined), () => undefined)
  const replaced: WorkerReplaced = {
    seenAt: Date.now(),
    scriptUrl,
    servedSha256: served && (await sha256(served)),
    verifiedSha256: verified ? await sha256(await verified.arrayBuffer()) : undefined,
  }
  await cache.put(workerReplacedKey, new Response(JSON.stringify(replaced), { headers: { 'content-type': 'application/json' } }))
  return replaced
}
