import type { UnixFS } from '@helia/unixfs'
import type { CID } from 'multiformats/cid'

export type ReadContentSecurityPolicyParameters = { fs: UnixFS; cid: CID }

/**
 * The policy of the `<meta http-equiv="Content-Security-Policy">` tag in the
 * index.html under `cid`, with frame-ancestors 'none' added (only a header can
 * forbid framing). Undefined when there is no such tag.
 */
export async function readContentSecurityPolicy({ fs, cid }: ReadContentSecurityPolicyParameters): Promise<string | undefined> {
  const parts: Uint8Array[] = []
  try {
    for await (const part of fs.cat(cid, { path: 'index.html', offline: true })) parts.push(part)
  } catch {
    return undefined
  }
  const html = Buffer.concat(parts).toString('utf8')
  const tag = /<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0]
  const policy = tag && /\scontent=(?:"([^"]*)"|'([^']*)')/i.exec(tag)
  const value = policy ? (policy[1] ?? policy[2]).trim() : undefined
  if (!value) return undefined
  return /frame-ancestors/.test(value) ? value : `${value.replace(/;\s*$/, '')}; frame-ancestors 'none'`
}
