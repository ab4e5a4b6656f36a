import { type CopyStatus, type WorkerReplaced, copyCacheName, copyGatewaysKey, copyStatusKey, recheckMessage, statusMessage, workerReplacedKey, workerReplacedMessage } from '../../lib/ipfs/copyStatus.ts'
import type { DetectOriginReturnType } from '../../lib/ipfs/detectOrigin.ts'
import { getCopyGateways } from '../../lib/ipfs/getCopyGateways.ts'
import { type BuildInfo, buildInfoFile, parseBuildInfo } from '../../lib/ipfs/parseBuildInfo.ts'
import { registerServiceWorker } from '../offline/registerServiceWorker.ts'
import { scheduleCopy } from '../offline/scheduleCopy.ts'

/**
 * This copy of the app as the service worker sees it: whether every file was verified against the
 * CID, from which gateways, and whether the running page itself came through the worker.
 */
export class CopyState {
  #origin: DetectOriginReturnType
  #status = $state<CopyStatus | undefined>(undefined)
  #userGateways = $state<string[]>([])
  #workerReplaced = $state(false)
  #build = $state.raw<BuildInfo | undefined>(undefined)
  #replacedEvidence = $state.raw<WorkerReplaced | undefined>(undefined)
  /** The replacement is installed and held waiting: the verified worker keeps serving. */
  #replacementWaiting = $state(false)
  /** The page (and so every file it loaded) came from the worker's verified files. */
  readonly servedByWorker: boolean = typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller
  /** A worker controls this page now (it claimed it after activating): a reload is served by it. */
  #controlled = $state(this.servedByWorker)
  #supported: boolean
  /** Registers the worker now instead of when scheduled (set by start). */
  #copyNow: (() => void) | undefined

  constructor({ origin }: { origin: DetectOriginReturnType }) {
    this.#origin = origin
    this.#supported = origin.kind === 'subdomain-gateway' && !!origin.cid && typeof navigator !== 'undefined' && 'serviceWorker' in navigator
  }

  get status() { return this.#status }
  /**
   * A worker controls the page now. The worker reports the copy verified while it installs, before
   * it is active and has claimed the page: a reload before that comes from the gateway again.
   */
  get controlled() { return this.#controlled }
  /** What this copy says it is (its own latchkey-build.json; verified with the copy when the worker serves it). */
  get build() { return this.#build }
  /** The worker runs on this origin (a subdomain gateway with a CID). */
  get supported() { return this.#supported }
  get userGateways() { return this.#userGateways }
  /** Every gateway the worker asks, in order. */
  get gateways() { return getCopyGateways({ location, userGateways: this.#userGateways }) }
  /**
   * The browser found another sw.js for this origin while a worker was already active. The files
   * of a CID never change, so that worker can only come from a gateway that tampers.
   */
  get workerReplaced() { return this.#workerReplaced }
  /** What the verified worker found: the digest of the sw.js the gateway serves now and of the verified one. */
  get replacedEvidence() { return this.#replacedEvidence }
  get replacementWaiting() { return this.#replacementWaiting }
  /** A gateway was caught with wrong data and no honest one completed the copy. */
  get refused() { return this.#status?.state === 'failed' && !!this.#status.error?.fault }

  /**
   * Reads what an earlier visit's worker kept and registers the worker: at once on a page it
   * already controls (only the browser's check for another sw.js, no copy to make), otherwise once
   * `startedUp` settles (the first verified balance at a synced head) or a bounded delay ends, at an
   * idle moment (scheduleCopy): the copy's download and hashing then do not compete with the cold
   * start's sync and first proofs for the CPU.
   */
  async start({ startedUp = Promise.resolve() }: { startedUp?: Promise<unknown> } = {}): Promise<void> {
    void fetch(`./${buildInfoFile}`).then(async (res) => (this.#build = res.ok ? parseBuildInfo(new Uint8Array(await res.arrayBuffer())) : undefined), () => undefined)
    if (!this.#supported) return
    const due = new Promise<void>((resolve) => {
      this.#copyNow = scheduleCopy({ startedUp: this.#controlled ? Promise.resolve() : startedUp, copy: resolve }).now
    })
    navigator.serviceWorker.addEventListener('controllerchange', () => (this.#controlled = !!navigator.serviceWorker.controller))
    navigator.serviceWorker.addEventListener('message', (event) => {
      const data = event.data as { type?: string; status?: CopyStatus }
      if (data?.type === statusMessage && data.status) this.#status = data.status
      if (data?.type === workerReplacedMessage && (data as { replaced?: WorkerReplaced }).replaced) {
        this.#replacedEvidence = (data as { replaced: WorkerReplaced }).replaced
        this.#workerReplaced = true
      }
    })
    const cache = await caches.open(copyCacheName)
    this.#userGateways = ((await (await cache.match(copyGatewaysKey))?.json().catch(() => [])) as string[] | undefined) ?? []
    this.#status = (await (await cache.match(copyStatusKey))?.json().catch(() => undefined)) as CopyStatus | undefined
    this.#replacedEvidence = (await (await cache.match(workerReplacedKey))?.json().catch(() => undefined)) as WorkerReplaced | undefined
    if (this.#replacedEvidence) this.#workerReplaced = true
    await due
    await this.#register()
  }

  /** Makes the copy now, not when scheduled: a screen that shows or needs it (About this copy, a move into a release). */
  copyNow(): void {
    this.#copyNow?.()
  }

  async #register(): Promise<void> {
    const registration = await registerServiceWorker({ origin: this.#origin })
    if (!registration) return
    const watch = (worker: ServiceWorker | null) => {
      if (!worker || !registration.active || worker === registration.active) return
      this.#workerReplaced = true
      // The verified worker fetches what the gateway serves now and compares it with its verified sw.js.
      registration.active.postMessage({ type: workerReplacedMessage })
      const follow = () => (this.#replacementWaiting = registration.waiting === worker)
      worker.addEventListener('statechange', follow)
      follow()
    }
    registration.addEventListener('updatefound', () => watch(registration.installing))
    watch(registration.installing ?? registration.waiting)
  }

  /** Replaces the user's gateways (kept where the worker reads them) and checks the copy again. */
  async setUserGateways(urls: string[]): Promise<void> {
    this.#userGateways = [...new Set(urls.map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean))]
    const cache = await caches.open(copyCacheName)
    await cache.put(copyGatewaysKey, new Response(JSON.stringify(this.#userGateways), { headers: { 'content-type': 'application/json' } }))
    await this.recheck()
  }

  async recheck(): Promise<void> {
    this.copyNow()
    const registration = await navigator.serviceWorker.ready
    registration.active?.postMessage({ type: recheckMessage })
  }
}
