export type SubdomainOriginForParameters = {
  /** The request's Host header, as the client sent it. */
  host: string
  /**
   * Host names (or origins, for the scheme: `https://gateway.example.org`) the operator serves
   * subdomains under, beyond the loopback names.
   */
  configured?: readonly string[]
}
/** `<scheme>//<host>[:port]` to build the subdomain URL on, or undefined: serve in place. */
export type SubdomainOriginForReturnType = string | undefined

// Browsers resolve *.localhost to loopback themselves; other loopback forms map to it (getSubdomainUrl).
const loopback = new Set(['localhost', '127.0.0.1', '[::1]'])
const hostPattern = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i

function normalize(hostname: string): string | undefined {
  try {
    return new URL(`http://${hostname}`).hostname.replace(/\.$/, '')
  } catch {
    return undefined
  }
}

/**
 * Whether a path-gateway directory request may be redirected to the subdomain form, and on what
 * origin. The Host header is the client's word: a redirect built from any Host would send users
 * (or a cache in front of the gateway) to `<cid>.ipfs.<anything>`, so only loopback names and the
 * hosts the operator configured qualify.
 */
export function subdomainOriginFor({ host, configured = [] }: SubdomainOriginForParameters): SubdomainOriginForReturnType {
  const match = hostPattern.exec(host)
  if (!match) return undefined
  const hostname = normalize(match[1]!)
  if (hostname === undefined) return undefined
  const port = match[2] === undefined ? '' : `:${Number(match[2])}`
  if (loopback.has(hostname)) return `http://${hostname}${port}`
  for (const entry of configured) {
    const origin = entry.includes('://') ? new URL(entry) : new URL(`http://${entry}`)
    if (origin.hostname.replace(/\.$/, '') === hostname) return `${origin.protocol}//${hostname}${port}`
  }
  return undefined
}
