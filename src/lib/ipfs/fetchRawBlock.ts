import type { CID } from 'multiformats/cid'
import { getTrustlessUrl } from './getTrustlessUrl.ts'
import { requestGateway } from './requestGateway.ts'
import { verifyBlock } from './verifyBlock.ts'

export type FetchRawBlockParameters = {
  /** Gateway origin, e.g. http://127.0.0.1:8080 */
  gateway: string
  cid: CID
  idleTimeoutMs: number
  /** Blocks of a UnixFS DAG are at most 2 MiB (1 MiB with our import settings). */
  maxBytes?: number
  fetch?: typeof fetch
  signal?: AbortSignal
}

/** One block by `?format=raw` (trustless gateway spec), verified against its CID (BlockHashMismatchError otherwise). */
export async function fetchRawBlock({ gateway, cid, idleTimeoutMs, maxBytes = 4 * 1024 * 1024, fetch, signal }: FetchRawBlockParameters): Promise<Uint8Array> {
  const url = `${getTrustlessUrl({ gateway, cid })}?format=raw`
  const parts: Uint8Array[] = []
  let length = 0
  for await (const part of requestGateway({ url, accept: 'application/vnd.ipld.raw', cid, idleTimeoutMs, maxBytes, fetch, signal })) {
    parts.push(part)
    length += part.byteLength
  }
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.byteLength
  }
  await verifyBlock({ cid, bytes, source: url })
  return bytes
}
