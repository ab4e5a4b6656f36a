import type { CID } from 'multiformats/cid'
import { BaseError } from '../errors.ts'
import { AllGatewaysFailedError, BlockNotFoundError, GatewayRequestError, isGatewayFault } from './errors.ts'
import { fetchCarBlocks } from './fetchCarBlocks.ts'
import { fetchRawBlock } from './fetchRawBlock.ts'
import { type DagBlock, getLinks } from './getLinks.ts'

/** What one gateway did for this DAG. */
export type GatewayReport = {
  url: string
  /** Blocks of the DAG it delivered (verified), and their bytes. */
  blocks: number
  bytes: number
  /** Caught serving wrong data (a GatewayFaultError): never asked again. */
  faulty: boolean
  /** The last thing that went wrong with it, fault or outage. */
  error: { name: string; message: string } | undefined
}

export type DagProgress = {
  /** Blocks verified so far. */
  blocks: number
  /** Bytes of verified blocks so far. */
  bytes: number
  /** Bytes expected in all, when the source says (a CAR's Content-Length). */
  totalBytes?: number
  cid: CID
}

export type FetchVerifiedDagParameters = {
  cid: CID
  /** Untrusted trustless gateways (origins), in order of preference. */
  gateways: readonly string[]
  /**
   * 'car' asks each gateway for one CAR of the whole DAG, then fetches what is still missing
   * block by block; 'raw' only block by block (`?format=raw`). Default 'car'.
   */
  mode?: 'car' | 'raw'
  /** With mode 'car': fetch missing blocks as raw blocks after the CARs (default true). */
  rawFallback?: boolean
  /** Longest wait for an answer or for the next bytes of one. Default 30 s. */
  idleTimeoutMs?: number
  /** Largest CAR accepted. Default 1 GiB. */
  maxCarBytes?: number
  fetch?: typeof fetch
  signal?: AbortSignal
  onProgress?: (progress: DagProgress) => void
}

export type FetchVerifiedDagReturnType = {
  /** Every block of the DAG, depth-first in link order (the order of a CAR), each verified against its CID. */
  blocks: DagBlock[]
  gateways: GatewayReport[]
}

/**
 * The whole DAG under `cid` from untrusted gateways, every block checked against its CID. A
 * gateway caught with a wrong block is marked faulty, not asked again, and none of its blocks is
 * used. Throws AllGatewaysFailedError when some block could not
 * be had from any honest gateway, naming what each gateway did.
 */
export async function fetchVerifiedDag({
  cid, gateways, mode = 'car', rawFallback = true, idleTimeoutMs = 30_000, maxCarBytes = 1024 * 1024 * 1024, fetch, signal, onProgress,
}: FetchVerifiedDagParameters): Promise<FetchVerifiedDagReturnType> {
  const reports: GatewayReport[] = [...new Set(gateways.map((g) => g.replace(/\/+$/, '')))].map((url) => ({ url, blocks: 0, bytes: 0, faulty: false, error: undefined }))
  const errors = new Map<string, unknown>()
  const verified = new Map<string, { bytes: Uint8Array; from: GatewayReport }>()
  let total = 0
  const keep = (report: GatewayReport, block: DagBlock, totalBytes?: number) => {
    const key = block.cid.toString()
    if (verified.has(key)) return
    verified.set(key, { bytes: block.bytes, from: report })
    total += block.bytes.byteLength
    onProgress?.({ blocks: verified.size, bytes: total, totalBytes, cid: block.cid })
  }
  const failed = (report: GatewayReport, error: unknown) => {
    if (signal?.aborted) throw signal.reason
    errors.set(report.url, error)
    report.error = { name: (error as Error)?.name ?? 'Error', message: error instanceof BaseError ? error.shortMessage : String((error as Error)?.message ?? error) }
    if (isGatewayFault(error)) {
      report.faulty = true
      // Its blocks that did hash right would be correct, but nothing it sent is kept: the copy
      // is assembled only from gateways never caught lying.
      for (const [key, held] of verified) if (held.from === report) verified.delete(key)
    }
    // No HTTP answer at all: not asked again for each of the remaining blocks.
    if (error instanceof GatewayRequestError && error.unreachable) unreachable.add(report.url)
  }
  const unreachable = new Set<string>()
  const honest = () => reports.filter((r) => !r.faulty && !unreachable.has(r.url))

  if (mode === 'car') {
    for (const report of honest()) {
      if ((await assemble(cid, verified)).missing === undefined) break
      try {
        for await (const block of fetchCarBlocks({ gateway: report.url, cid, idleTimeoutMs, maxBytes: maxCarBytes, fetch, signal })) keep(report, block)
        const { missing } = await assemble(cid, verified)
        if (missing) failed(report, new BlockNotFoundError({ cid: missing.toString(), source: report.url, details: 'The CAR ended without this block of the DAG.' }))
      } catch (error) {
        failed(report, error)
      }
    }
  }

  // Depth-first, one verified block at a time: each block's links say what to fetch next.
  const fetchMissing = async (missing: CID) => {
    for (const report of honest()) {
      try {
        const block = { cid: missing, bytes: await fetchRawBlock({ gateway: report.url, cid: missing, idleTimeoutMs, fetch, signal }) }
        keep(report, block)
        return block.bytes
      } catch (error) {
        failed(report, error)
      }
    }
    return undefined
  }
  const { blocks, missing } = await assemble(cid, verified, mode === 'raw' || rawFallback ? fetchMissing : undefined)
  if (missing) throw new AllGatewaysFailedError({ cid: cid.toString(), missing: missing.toString(), errors: reports.map((r) => ({ endpoint: r.url, error: errors.get(r.url) })) })
  for (const { cid: c, bytes } of blocks) {
    const from = verified.get(c.toString())!.from
    from.blocks++
    from.bytes += bytes.byteLength
  }
  return { blocks, gateways: reports }
}

/**
 * Walks the DAG depth-first in link order over the blocks held, asking `fetchMissing` for any
 * block not held yet; stops at the first block nobody delivers (`missing`).
 */
async function assemble(
  root: CID,
  held: Map<string, { bytes: Uint8Array }>,
  fetchMissing?: (cid: CID) => Promise<Uint8Array | undefined>,
): Promise<{ blocks: DagBlock[]; missing?: CID }> {
  const blocks: DagBlock[] = []
  const seen = new Set<string>()
  const stack = [root]
  while (stack.length > 0) {
    const next = stack.pop() as CID
    const key = next.toString()
    if (seen.has(key)) continue
    seen.add(key)
    const bytes = held.get(key)?.bytes ?? (await fetchMissing?.(next))
    if (!bytes) return { blocks, missing: next }
    blocks.push({ cid: next, bytes })
    stack.push(...getLinks({ cid: next, bytes }).reverse())
  }
  return { blocks }
}
