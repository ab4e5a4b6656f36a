import type { Blockstore } from 'interface-blockstore'
import { CID } from 'multiformats/cid'
import { listUnixfsFiles } from './listUnixfsFiles.ts'
import { readUnixfsFile } from './readUnixfsFile.ts'

export type UnixfsTree = { blockstore: Pick<Blockstore, 'get' | 'put' | 'has'>; root: CID }

export type FileDifference = {
  path: string
  /**
   * `changed`: other bytes; `only-in-a` / `only-in-b`: the file is in one tree only;
   * `encoding`: the same bytes, imported with other UnixFS settings (chunking, CID version).
   */
  kind: 'changed' | 'only-in-a' | 'only-in-b' | 'encoding'
  a?: { cid: string; size: number }
  b?: { cid: string; size: number }
}

/** The files in which two UnixFS directories (both fully held) differ, sorted by path. */
export async function diffUnixfsDirectories({ a, b }: { a: UnixfsTree; b: UnixfsTree }): Promise<FileDifference[]> {
  const [filesA, filesB] = await Promise.all([listUnixfsFiles(a), listUnixfsFiles(b)])
  const inB = new Map(filesB.map((f) => [f.path, f]))
  const out: FileDifference[] = []
  for (const fa of filesA) {
    const fb = inB.get(fa.path)
    inB.delete(fa.path)
    const pa = { cid: fa.cid, size: fa.size }
    if (!fb) out.push({ path: fa.path, kind: 'only-in-a', a: pa })
    else if (fb.cid !== fa.cid) {
      const pb = { cid: fb.cid, size: fb.size }
      const same = fa.size === fb.size && equal(await read(a, fa), await read(b, fb))
      out.push({ path: fa.path, kind: same ? 'encoding' : 'changed', a: pa, b: pb })
    }
  }
  for (const fb of inB.values()) out.push({ path: fb.path, kind: 'only-in-b', b: { cid: fb.cid, size: fb.size } })
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))
}

function read({ blockstore }: UnixfsTree, file: { path: string; cid: string }): Promise<Uint8Array> {
  return readUnixfsFile({ blocks: blockstore, cid: CID.parse(file.cid), path: file.path })
}

function equal(x: Uint8Array, y: Uint8Array): boolean {
  return x.byteLength === y.byteLength && x.every((v, i) => v === y[i])
}
