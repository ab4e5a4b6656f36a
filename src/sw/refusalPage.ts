import type { CopyStatus } from '../lib/ipfs/copyStatus.ts'

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * What a navigation gets when this copy could not be verified: an explanation instead of the
 * app, so that unverified bytes never run once the worker is in charge.
 */
export function refusalPage(status: CopyStatus | undefined): Response {
  const fault = status?.error?.fault
  const title = fault ? 'This copy of Latchkey cannot be verified' : 'This copy of Latchkey is not available offline yet'
  const why = fault
    ? 'A gateway served data that does not match the CID in the address bar, and no honest gateway delivered the rest. The app was not started.'
    : 'None of the gateways delivered the copy, so it could not be checked against its CID. The app was not started.'
  const rows = (status?.gateways ?? [])
    .map((g) => `<li><code>${escape(g.url)}</code>: ${g.faulty ? '<strong>caught serving wrong data</strong>' : 'no verified copy'}${g.error ? ` (${escape(g.error.name)}: ${escape(g.error.message)})` : ''}</li>`)
    .join('')
  // The page's one stylesheet is allowed by a fresh nonce, not by 'unsafe-inline' (which would let
  // any style in, were an escape ever missed); it runs no script at all.
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style nonce="${nonce}">body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }</style></head>
<body>
<h1 data-testid="copy-refused">${title}</h1><p>${why}</p>
<p>CID: <code>${escape(status?.cid ?? 'unknown')}</code></p><ul>${rows}</ul>
<p>Open the app from your own node (<code>npm run serve</code>, Kubo) or another gateway, or check this CID with
<code>npx latchkey verify-app ${escape(status?.cid ?? 'CID')} --gateway URL</code>. This page reloads the check when you reload it.</p></body></html>`
  return new Response(html, {
    status: 502,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
    },
  })
}
