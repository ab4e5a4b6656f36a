import * as dagPb from '@ipld/dag-pb'
import type { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { UnsupportedBlockError } from './errors.ts'

export type DagBlock = { cid: CID; bytes: Uint8Array }

/** Links of a UnixFS block: dag-pb links, none for raw leaves. */
export function getLinks({ cid, bytes }: DagBlock): CID[] {
  if (cid.code === raw.code) return []
  if (cid.code === dagPb.code) return dagPb.decode(bytes).Links.map((link) => link.Hash)
  throw new UnsupportedBlockError({ cid: cid.toString(), reason: `codec 0x${cid.code.toString(16)} is not dag-pb or raw` })
}
