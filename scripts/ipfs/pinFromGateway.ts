import { CarBlockIterator } from '@ipld/car'
import type { Helia } from 'helia'
import type { CID } from 'multiformats/cid'
import { BlockNotFoundError, CarRootMismatchError, GatewayRequestError } from './errors.ts'
import type { PinProgress } from './pinProgress.ts'
import { getLinks } from './walkDag.ts'
import { verifyBlock } from './verifyBlock.ts'

export type PinFromGatewayParameters = {
  helia: Helia
  cid: CID
  /** A trustless gateway, e.g. http://127.0.0.1:8080 or https://trustless-gateway.link */
  gateway: string
  /** One CAR of the whole DAG (default), or one `?format=raw` request per block. */
  mode?: 'car' | 'raw'
  /** Per request. Default 60 s. */
  timeoutMs?: number
  onProgress?: (progress: PinProgress) => void
}

export type PinFromGatewayReturnType = { cid: CID; blocks: number; bytes: number }

/**
 * Fetches the whole DAG under `cid` from a trustless gateway, checks every
 * block against its CID, stores only the blocks the DAG reaches and pins it.
 * Nothing is stored or pinned unless the whole DAG arrived and verified.
 */
export async function pinFromGateway({ helia, cid, gateway, mode = 'car', timeoutMs = 60_000, onProgress }: PinFromGatewayParameters): Promise<PinFromGatewayReturnType> {
  const base = gateway.replace(/\/+$/, '')
  const verified = new Map<string, Uint8Array>()
  let bytes = 0
  const received = async (block: { cid: CID; bytes: Uint8Array }, source: string, totalBytes?: number) => {
    await verifyBlock({ ...block, source })
    verified.set(block.cid.toString(), block.bytes)
    bytes += block.bytes.byteLength
    onProgress?.({ blocks: verified.size, bytes, totalBytes, cid: block.cid })
  }

  if (mode === 'car') {
    const url = `${base}/ipfs/${cid}?format=car&dag-scope=all`
    const res = await get(url, 'application/vnd.ipld.car', timeoutMs)
    const length = Number(res.headers.get('content-length')) || undefined
    const blocks = await CarBlockIterator.fromIterable(res.body as unknown as AsyncIterable<Uint8Array>)
    const roots = (await blocks.getRoots()).map(String)
    if (!roots.includes(cid.toString())) throw new CarRootMismatchError({ expected: cid.toString(), found: roots, source: url })
    for await (const block of blocks) await received(block, url, length)
  } else {
    // Depth-first, one verified block at a time: each block's links say what to fetch next.
    const stack = [cid]
    while (stack.length > 0) {
      const next = stack.pop() as CID
      if (verified.has(next.toString())) continue
      const url = `${base}/ipfs/${next}?format=raw`
      const res = await get(url, 'application/vnd.ipld.raw', timeoutMs, next)
      const block = { cid: next, bytes: new Uint8Array(await res.arrayBuffer()) }
      await received(block, url)
      stack.push(...getLinks(block).reverse())
    }
  }

  // Store exactly the DAG, in one pass after everything verified; refuse an incomplete one.
  const dag: { cid: CID; bytes: Uint8Array }[] = []
  const seen = new Set<string>()
  const stack = [cid]
  while (stack.length > 0) {
    const next = stack.pop() as CID
    const key = next.toString()
    if (seen.has(key)) continue
    seen.add(key)
    const data = verified.get(key)
    if (!data) throw new BlockNotFoundError({ cid: key, source: base, details: 'The gateway response ended without this block of the DAG.' })
    dag.push({ cid: next, bytes: data })
    stack.push(...getLinks({ cid: next, bytes: data }).reverse())
  }
  for (const block of dag) await helia.blockstore.put(block.cid, block.bytes)
  for await (const _ of helia.pins.add(cid)) void _
  return { cid, blocks: dag.length, bytes: dag.reduce((n, b) => n + b.bytes.byteLength, 0) }
}

async function get(url: string, accept: string, timeoutMs: number, cid?: CID): Promise<Response> {
  let res: Response
  try {
    res = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(timeoutMs) })
  } catch (cause) {
    throw new GatewayRequestError({ url, cause })
  }
  if (res.status === 404 && cid) throw new BlockNotFoundError({ cid: cid.toString(), source: url, details: 'HTTP 404' })
  if (!res.ok || !res.body) throw new GatewayRequestError({ url, status: res.status, details: (await res.text().catch(() => '')).slice(0, 200) })
  return res
}
