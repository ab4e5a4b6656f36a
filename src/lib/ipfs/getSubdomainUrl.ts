import { SubdomainLabelTooLongError } from './errors.ts'

export type GetSubdomainUrlParameters = {
  /** Origin of the gateway, e.g. `http://127.0.0.1:8080` or `https://ipfs.io`. */
  gatewayOrigin: string
  namespace: 'ipfs' | 'ipns'
  /** CIDv1 base32 for ipfs; base36 key or inlined DNSLink name for ipns. */
  label: string
}

// Path gateways whose subdomain counterpart lives under another domain:
// browsers resolve *.localhost to loopback, and ipfs.io's subdomain gateway is dweb.link.
const subdomainHostFor: Record<string, string> = {
  '127.0.0.1': 'localhost',
  '[::1]': 'localhost',
  'ipfs.io': 'dweb.link',
  'gateway.ipfs.io': 'dweb.link',
}

/** `<scheme>://<label>.<namespace>.<host>[:port]/` for a gateway origin. */
export function getSubdomainUrl({ gatewayOrigin, namespace, label }: GetSubdomainUrlParameters): string {
  if (label.length > 63) throw new SubdomainLabelTooLongError({ label })
  const origin = new URL(gatewayOrigin)
  const host = subdomainHostFor[origin.hostname] ?? origin.hostname
  const port = origin.port === '' ? '' : `:${origin.port}`
  return `${origin.protocol}//${label}.${namespace}.${host}${port}/`
}
