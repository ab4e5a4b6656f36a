import type { CID } from 'multiformats/cid'
import { BaseError } from '../errors.ts'
import { BlockNotFoundError, GatewayRequestError } from './errors.ts'

export type RequestGatewayParameters = {
  url: string
  /** The trustless-gateway media type asked for (application/vnd.ipld.car or .raw). */
  accept: string
  /** The block asked for, so that a 404 is reported as that block missing. */
  cid: CID
  /** Longest wait for the headers and between two chunks of the body (a big CAR may take long, but keeps flowing). */
  idleTimeoutMs: number
  maxBytes: number
  fetch?: typeof fetch
  signal?: AbortSignal
}

/**
 * GET from an untrusted gateway, the body as a stream of chunks. Every failure to deliver
 * (no answer, HTTP error, stalled or oversized body) is a GatewayRequestError or, for a 404,
 * BlockNotFoundError: an outage. Whether the bytes are right is for the caller to verify.
 */
export async function* requestGateway({ url, accept, cid, idleTimeoutMs, maxBytes, fetch: fetchFn = fetch, signal }: RequestGatewayParameters): AsyncGenerator<Uint8Array> {
  const controller = new AbortController()
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, idleTimeoutMs)
  }
  const onAbort = () => controller.abort()
  signal?.addEventListener('abort', onAbort)
  const failed = (cause: unknown) =>
    cause instanceof BaseError ? cause : new GatewayRequestError({ url, cause, details: timedOut ? `no data for ${idleTimeoutMs} ms` : undefined })
  arm()
  try {
    let response: Response
    try {
      response = await fetchFn(url, { headers: { accept }, signal: controller.signal, redirect: 'follow' })
    } catch (cause) {
      throw new GatewayRequestError({ url, cause, unreachable: true, details: timedOut ? `no answer within ${idleTimeoutMs} ms` : undefined })
    }
    if (response.status === 404) throw new BlockNotFoundError({ cid: cid.toString(), source: url, details: 'HTTP 404' })
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => '')
      throw new GatewayRequestError({ url, status: response.status, details: text.slice(0, 200) || undefined })
    }
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes)
      throw new GatewayRequestError({ url, details: `the answer is larger than ${maxBytes} bytes` })
    const reader = response.body.getReader()
    let total = 0
    try {
      for (;;) {
        arm()
        let chunk: ReadableStreamReadResult<Uint8Array>
        try {
          chunk = await reader.read()
        } catch (cause) {
          throw failed(cause)
        }
        if (chunk.done) return
        total += chunk.value.byteLength
        if (total > maxBytes) throw new GatewayRequestError({ url, details: `the answer is larger than ${maxBytes} bytes` })
        yield chunk.value
      }
    } finally {
      // Stops the download when the caller is done early (a wrong block ends the stream).
      await reader.cancel().catch(() => {})
    }
  } finally {
    clearTimeout(timer)
    controller.abort()
    signal?.removeEventListener('abort', onAbort)
  }
}
