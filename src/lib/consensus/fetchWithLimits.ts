import { BaseError } from '../errors.ts'
import { readBodyWithLimit } from '../readBodyWithLimit.ts'
import { HttpStatusError, NetworkError, RequestTimeoutError, ResponseTooLargeError } from './errors.ts'

export type FetchWithLimitsParameters = {
  url: string
  /** Covers connecting, headers and the whole body. */
  timeoutMs: number
  maxBytes: number
  fetch?: typeof fetch
  signal?: AbortSignal
}

export type FetchWithLimitsReturnType = { status: number; headers: Headers; text: string }

/**
 * GET with a deadline and a body-size cap, streaming the body so an enormous answer is cut off
 * instead of buffered. Runs on plain `fetch` (browser and Node).
 */
export async function fetchWithLimits({ url, timeoutMs, maxBytes, fetch: fetchFn = fetch, signal }: FetchWithLimitsParameters): Promise<FetchWithLimitsReturnType> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const onAbort = () => controller.abort()
  signal?.addEventListener('abort', onAbort)
  try {
    const response = await fetchFn(url, { signal: controller.signal, headers: { accept: 'application/json' } })
    const text = await readBodyWithLimit({ response, maxBytes, controller, tooLarge: () => new ResponseTooLargeError({ url, limit: maxBytes }) })
    if (!response.ok) throw new HttpStatusError({ url, status: response.status, body: text })
    return { status: response.status, headers: response.headers, text }
  } catch (error) {
    if (timedOut) throw new RequestTimeoutError({ url, timeoutMs })
    if (error instanceof BaseError) throw error
    throw new NetworkError({ url, cause: error })
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}
