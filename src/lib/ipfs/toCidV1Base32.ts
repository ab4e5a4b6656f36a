import type { CID } from 'multiformats/cid'
import { parseCid } from './parseCid.ts'

/**
 * The canonical text form used in subdomain gateways: CIDv1 in lowercase
 * base32 (DNS names are case-insensitive, so base58 CIDv0 cannot appear there).
 */
export function toCidV1Base32(cid: string | CID): string {
  const parsed = typeof cid === 'string' ? parseCid(cid) : cid
  return parsed.toV1().toString()
}
