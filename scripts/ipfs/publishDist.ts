import { join, resolve } from 'node:path'
import type { CID } from 'multiformats/cid'
import { createNode } from './createNode.ts'
import type { CreateNodeReturnType } from './createNode.ts'
import { defaultCarDir } from './defaults.ts'
import { importDirectory } from '../../src/lib/ipfs/importDirectory.node.ts'
import { writeLastPublished } from './lastPublished.ts'
import { writeCarFile } from './writeCarFile.ts'

export type PublishDistParameters = {
  /** The built app. Default: dist/ of the checkout. */
  dir?: string
  /** Repo of the node to add it to (see createNode). Ignored when `node` is given. */
  repo?: string
  /** A running node to add it to, e.g. the one `npm start` serves from; left running. */
  node?: CreateNodeReturnType
  /** Where to write the CAR. Default: .latchkey/latchkey-<cid>.car */
  carPath?: string
}

export type PublishDistReturnType = {
  cid: CID
  carPath: string
  /** Files in the published directory, relative, sorted. */
  files: string[]
  /** Hidden files and symlinks that were left out. */
  skipped: string[]
  repo: string
}

/** Adds the built app as a UnixFS directory, pins it and writes its CAR; the same CID on every machine. */
export async function publishDist({ dir, repo, node, carPath }: PublishDistParameters = {}): Promise<PublishDistReturnType> {
  const target = resolve(dir ?? resolve(import.meta.dirname, '../../dist'))
  const running = node ?? (await createNode({ repo }))
  try {
    const { helia } = running
    const { cid, files, skipped } = await importDirectory({ dir: target, blockstore: helia.blockstore })
    if (!(await helia.pins.isPinned(cid))) for await (const _ of helia.pins.add(cid)) void _
    const car = await writeCarFile({
      blockstore: helia.blockstore,
      root: cid,
      path: carPath ?? join(defaultCarDir, `latchkey-${cid}.car`),
    })
    await writeLastPublished({ repo: running.repo, value: { cid: cid.toString(), carPath: car } })
    return { cid, carPath: car, files, skipped, repo: running.repo }
  } finally {
    if (!node) await running.stop()
  }
}
