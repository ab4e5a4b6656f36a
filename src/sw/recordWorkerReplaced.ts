import { type WorkerReplaced, copyCacheName, workerReplacedKey } from '../lib/ipfs/copyStatus.ts'

const sha256 = async (bytes: ArrayBuffer) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('')

export type RecordWorkerReplacedParameters = {
  /** The worker's own sw.js. */
  scriptUrl: string
  /** Its scripts (workerScripts.ts), as paths from the copy's root: sw.js first, then what it imports. */
  scripts: readonly string[]
}

/**
 * Records that the browser found another worker on this origin: the first of the worker's scripts
 * that the gateway now serves with other bytes than the verified copy of this CID holds (the
 * browser's update check compares sw.js and each script it imports, so a swap of either installs
 * a new worker), with both digests as the evidence, so the page can show it, also after a reload.
 * When every script matches (the gateway went back), the digests of sw.js, the same twice.
 */
export async function recordWorkerReplaced({ scriptUrl, scripts }: RecordWorkerReplacedParameters): Promise<WorkerReplaced> {
  const cache = await caches.open(copyCacheName)
  let replaced: WorkerReplaced | undefined
  for (const script of scripts) {
    const url = new URL(script, scriptUrl)
    const verified = await cache.match(url.pathname)
    // A worker's own fetches do not pass through itself: this is the gateway's answer.
    const served = await fetch(url, { cache: 'no-store' }).then((r) => (r.ok ? r.arrayBuffer() : undefined), () => undefined)
    const found: WorkerReplaced = {
      seenAt: Date.now(),
      scriptUrl: url.href,
      servedSha256: served && (await sha256(served)),
      verifiedSha256: verified ? await sha256(await verified.arrayBuffer()) : undefined,
    }
    replaced ??= found
    if (found.servedSha256 !== found.verifiedSha256) {
      replaced = found
      break
    }
  }
  if (!replaced) throw new Error('recordWorkerReplaced: the worker names no script of its own')
  await cache.put(workerReplacedKey, new Response(JSON.stringify(replaced), { headers: { 'content-type': 'application/json' } }))
  return replaced
}
