import { contentTypeFor } from '../lib/ipfs/contentTypeFor.ts'

/**
 * A verified file as the worker serves it, with the headers our gateway sends: the type from a
 * fixed table, no sniffing, and for HTML no framing (a meta tag cannot forbid it) and no referrer.
 */
export function responseFor({ path, bytes }: { path: string; bytes: Uint8Array }): Response {
  const headers: Record<string, string> = { 'content-type': contentTypeFor(path), 'x-content-type-options': 'nosniff' }
  if (headers['content-type'].startsWith('text/html'))
    Object.assign(headers, { 'content-security-policy': "frame-ancestors 'none'", 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' })
  return new Response(bytes as BlobPart, { status: 200, headers })
}
