import { BaseError } from '../errors.ts'
import { readBodyBytesWithLimit } from '../readBodyWithLimit.ts'
import { HttpStatusError, NetworkError, RequestTimeoutError, ResponseTooLargeError } from './errors.ts'

export type FetchWithLimitsParameters = {
  url: string
  /** Covers connecting, headers and the whole body. */
  timeoutMs: number
  maxBytes: number
  fetch?: typeof fetch
  signal?: AbortSignal
  /** Default JSON only; the light client also offers SSZ (`application/octet-stream`). */
  accept?: string
}

/** `ssz`: the body, when the endpoint answered `application/octet-stream` (then `text` is empty). */
export type FetchWithLimitsReturnType = { status: number; headers: Headers; text: string; ssz: Uint8Array | undefined }

export const SSZ_MEDIA_TYPE = 'application/octet-stream'

/**
 * GET with a deadline and a body-size cap, streaming the body so an enormous answer is cut off
 * instead of buffered. Runs on plain `fetch` (browser and Node).
 */
export async function fetchWithLimits({ url, timeoutMs, maxBytes, fetch: fetchFn = fetch, signal, accept = 'application/json' }: FetchWithLimitsParameters): Promise<FetchWithLimitsReturnType> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const onAbort = () => controller.abort()
  signal?.addEventListener('abort', onAbort)
  try {
    const response = await fetchFn(url, { signal: controller.signal, headers: { accept } })
    const body = await readBodyBytesWithLimit({ response, maxBytes, controller, tooLarge: () => new ResponseTooLargeError({ url, limit: maxBytes }) })
    const isSsz = response.ok && (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() === SSZ_MEDIA_TYPE
    const text = isSsz ? '' : new TextDecoder().decode(body)
    if (!response.ok) throw new HttpStatusError({ url, status: response.status, body: text })
    return { status: response.status, headers: response.headers, text, ssz: isSsz ? body : undefined }
  } catch (error) {
    if (timedOut) throw new RequestTimeoutError({ url, timeoutMs })
    if (error instanceof BaseError) throw error
    throw new NetworkError({ url, cause: error })
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}
