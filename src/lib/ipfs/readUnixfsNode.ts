import * as dagPb from '@ipld/dag-pb'
import { concatBytes } from '@noble/hashes/utils.js'
import type { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { type UnixfsData, decodeUnixfsData } from './decodeUnixfsData.ts'
import { UnixfsFormatError } from './errors.ts'

/** Where a UnixFS DAG's blocks are held (a blockstore, or the verified blocks of a fetch), each yielded in one or more parts. */
export type BlockSource = { get(cid: CID): Iterable<Uint8Array> | AsyncIterable<Uint8Array> }

/** A raw leaf (its bytes are file content), or a dag-pb node with its UnixFS data. */
export type UnixfsNode = { cid: CID; bytes: Uint8Array; pb?: undefined; unixfs?: undefined } | { cid: CID; pb: dagPb.PBNode; unixfs: UnixfsData; bytes?: undefined }

/**
 * One node of a UnixFS DAG (https://specs.ipfs.tech/unixfs/): a raw block, or a dag-pb block
 * whose Data is a UnixFS message. `path` names it in errors.
 */
export async function readUnixfsNode({ blocks, cid, path }: { blocks: BlockSource; cid: CID; path: string }): Promise<UnixfsNode> {
  const parts: Uint8Array[] = []
  for await (const part of blocks.get(cid)) parts.push(part)
  const bytes = parts.length === 1 ? parts[0]! : concatBytes(...parts)
  if (cid.code === raw.code) return { cid, bytes }
  const fail = (reason: string) => new UnixfsFormatError({ cid: cid.toString(), path, reason })
  if (cid.code !== dagPb.code) throw fail(`codec 0x${cid.code.toString(16)} is not dag-pb or raw`)
  const pb = dagPb.decode(bytes)
  if (pb.Data === undefined) throw fail('the dag-pb node has no UnixFS data')
  try {
    return { cid, pb, unixfs: decodeUnixfsData(pb.Data) }
  } catch (cause) {
    throw fail(`its UnixFS data does not decode (${(cause as Error)?.message ?? cause})`)
  }
}

