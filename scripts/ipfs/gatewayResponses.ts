import type { ServerResponse } from 'node:http'
import { notFoundErrors } from './resolveGatewayEntry.ts'

export function text(res: ServerResponse, status: number, body: string, headOnly = false) {
  res.statusCode = status
  if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.end(headOnly ? undefined : body)
}

export function redirect(res: ServerResponse, location: string) {
  res.statusCode = 301
  res.setHeader('Location', location)
  res.end()
}

export function end(res: ServerResponse, status: number) {
  res.statusCode = status
  res.end()
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * Answers a request whose handling threw, unless the body had started (then the connection is
 * cut: a half-sent file must not look complete). Returns the status it chose.
 */
export function sendGatewayError({ res, error }: { res: ServerResponse; error: Error }): number {
  // A missing block under a root that is held: the DAG here is incomplete (nothing is fetched from peers).
  const status = notFoundErrors.has(error.name) ? 404 : error.name === 'BlockNotFoundWhileOfflineError' ? 502 : 500
  if (res.headersSent) {
    res.destroy(error)
    return status
  }
  for (const header of ['Content-Type', 'Cache-Control', 'ETag', 'Content-Length', 'Content-Range']) res.removeHeader(header)
  const message = status === 404
    ? `Not found in this DAG: ${error.message}`
    : status === 502
      ? 'Incomplete here: a block under this content is missing from this gateway\'s blockstore, and it fetches nothing from peers (pin the content again on this node).'
      : `Gateway error: ${error.message}`
  text(res, status, `${message}\n`)
  return status
}
