import type { VerifiedExecutionHeader } from '../execution/types.ts'
import type { RpcClient, Verify } from './createRpcClient.ts'
import { createHeaderResolver } from './createHeaderResolver.ts'
import type { HandlerContext, JsonRpcRequest } from './types.ts'

/** One exchange whose answer passed verification: who answered, what was asked, what it said (all verified). */
export type AcceptedAnswer = { url: string; requests: JsonRpcRequest[]; results: unknown[] }
/** A provider asked during the read whose answer was refused (failed verification) or that failed to answer. */
export type RejectedProvider = {
  url: string
  errorName: string
  message: string
  /** True when its data failed verification (a lie), false when it failed to answer. */
  verification: boolean
  /** Caught lying before this read, so not asked at all (the proof kept by the client). */
  earlier?: boolean
}

/** What one verified read rests on, recorded as it happened (never reparsed from messages). */
export type ReadEvidence = {
  /** Every verified header the read resolved, in order (the block it was answered at is the last number asked). */
  headers: VerifiedExecutionHeader[]
  /** The light client's own headers consulted (a head, or the finalized header): where any walk by parent hashes started. */
  heads: VerifiedExecutionHeader[]
  answers: AcceptedAnswer[]
  rejected: RejectedProvider[]
}

/**
 * A handler context that records, for one read, the headers it was checked against, every answer
 * that passed verification (with the provider that gave it) and every provider refused on the
 * way. No cache: a read answered from memory would carry no proof to show or export.
 * `keepResults: false` keeps only who answered and who was refused (a history range: thousands of
 * headers, shown as counts).
 */
export function recordEvidence(context: HandlerContext, { keepResults = true }: { keepResults?: boolean } = {}): { context: HandlerContext; evidence: ReadEvidence } {
  const evidence: ReadEvidence = { headers: [], heads: [], answers: [], rejected: [] }
  const inner = context.client
  const batch = async <T>(requests: JsonRpcRequest[], verify?: Verify<T>): Promise<T> => {
    // Transport failures (timeouts, HTTP errors) never reach `verify`: read them off the health counters.
    const before = new Map(inner.providers().map((p) => [p.url, p.failures]))
    try {
      return await inner.batch(requests, async (results, url) => {
        // Copied before verification: verifiers fill in derived fields of what they accept.
        const served = keepResults ? structuredClone(results) : []
        try {
          const value = verify ? await verify(results, url) : (results as T)
          evidence.answers.push({ url, requests: keepResults ? requests : [], results: served })
          return value
        } catch (error) {
          const e = error as Error
          evidence.rejected.push({ url, errorName: e.name, message: (e as { shortMessage?: string }).shortMessage ?? e.message, verification: true })
          throw error
        }
      })
    } finally {
      for (const p of inner.providers()) {
        if (p.failures > (before.get(p.url) ?? 0) && !evidence.rejected.some((r) => r.url === p.url))
          evidence.rejected.push({ url: p.url, errorName: p.lastErrorName ?? 'Error', message: p.lastError ?? '', verification: false })
      }
      // A provider proven to lie earlier is skipped without a word: the evidence still names it, with the proof.
      for (const { url, error } of inner.provenFaults())
        if (!evidence.rejected.some((r) => r.url === url)) evidence.rejected.push({ url, errorName: error.name, message: error.shortMessage, verification: true, earlier: true })
    }
  }
  const client: RpcClient = {
    ...inner,
    batch,
    request: (request, verify) => batch([request], (results, url) => (verify ? verify(results[0], url) : results[0])) as never,
  }
  const headers: HandlerContext['headers'] = {
    getExecutionHeader: async (block) => {
      const header = await context.headers.getExecutionHeader(block)
      if (!evidence.heads.some((h) => h.blockHash === header.blockHash)) evidence.heads.push(header)
      return header
    },
  }
  const resolve = createHeaderResolver({ headers, client })
  const getHeader: HandlerContext['getHeader'] = async (block) => {
    const header = await resolve(block)
    evidence.headers.push(header)
    return header
  }
  return { context: { ...context, client, headers, getHeader, cache: undefined }, evidence }
}
