import type { GatewayReport } from './fetchVerifiedDag.ts'

/**
 * What the service worker knows about the copy of the app it serves, kept in Cache Storage
 * (`copyCacheName`, key `copyStatusKey`) where the page reads it.
 */
export type CopyStatus = {
  cid: string
  /** verified: every file is held, checked block by block against the CID; failed: see `error`. */
  state: 'verifying' | 'verified' | 'failed'
  files: number
  blocks: number
  bytes: number
  /** Milliseconds since 1970 of the last attempt's end. */
  checkedAt: number
  gateways: GatewayReport[]
  /** Why the last attempt failed; `fault` when a gateway was caught serving wrong data and no honest one completed the copy. */
  error?: { name: string; message: string; fault: boolean }
}

/** The files of the verified copy, by URL path, and the status record (also the user's gateway list). */
export const copyCacheName = 'latchkey-copy'
export const copyStatusKey = '/.latchkey/status'
export const copyGatewaysKey = '/.latchkey/gateways'
export const workerReplacedKey = '/.latchkey/worker-replaced'

/**
 * The gateway served another sw.js than the one in this CID, seen by the verified worker when the
 * browser found the update: the digests of both files are the evidence.
 */
export type WorkerReplaced = { seenAt: number; scriptUrl: string; servedSha256: string | undefined; verifiedSha256: string | undefined }

/** The page sends this to the worker to check the copy again (after the gateway list changed). */
export const recheckMessage = 'latchkey:recheck-copy'
/** The worker posts this to its pages when the status changed. */
export const statusMessage = 'latchkey:copy-status'
/** A page sends this to the active worker when the browser installs another sw.js; the worker answers with it and a WorkerReplaced. */
export const workerReplacedMessage = 'latchkey:worker-replaced'
