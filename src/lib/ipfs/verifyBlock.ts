import type { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { BlockHashMismatchError, UnsupportedBlockError } from './errors.ts'

export type VerifyBlockParameters = {
  cid: CID
  bytes: Uint8Array
  /** Where the bytes came from (a gateway URL or a peer), for the error message. */
  source: string
}

/** Checks that `bytes` hash to the digest in `cid` (sha2-256, the hash UnixFS uses); throws otherwise. */
export async function verifyBlock({ cid, bytes, source }: VerifyBlockParameters): Promise<void> {
  if (cid.multihash.code !== sha256.code)
    throw new UnsupportedBlockError({ cid: cid.toString(), reason: `multihash 0x${cid.multihash.code.toString(16)} is not sha2-256` })
  const actual = (await sha256.digest(bytes)).digest
  const expected = cid.multihash.digest
  if (actual.length !== expected.length || actual.some((b, i) => b !== expected[i]))
    throw new BlockHashMismatchError({ cid: cid.toString(), expectedDigest: hex(expected), actualDigest: hex(actual), source })
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
