import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Blockstore } from 'interface-blockstore'
import type { CID } from 'multiformats/cid'
import { carStream } from './carStream.ts'
import { walkDag } from './walkDag.ts'

export type WriteCarFileParameters = {
  blockstore: Blockstore
  root: CID
  path: string
}

/** Writes the CAR of the DAG under `root` to `path`, atomically (a partial file never takes its name). */
export async function writeCarFile({ blockstore, root, path }: WriteCarFileParameters): Promise<string> {
  await mkdir(dirname(path), { recursive: true })
  const partial = `${path}.partial`
  try {
    await pipeline(Readable.from(carStream({ roots: [root], blocks: walkDag({ blockstore, root }) })), createWriteStream(partial))
    await rename(partial, path)
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
  return path
}
