import type { IncomingMessage, ServerResponse } from 'node:http'
import type { UnixFS } from '@helia/unixfs'
import * as dagPb from '@ipld/dag-pb'
import type { Helia } from 'helia'
import type { CID } from 'multiformats/cid'
import { carStream } from './carStream.ts'
import { readBlock } from './readBlock.ts'
import type { GatewayRequest } from './resolveGatewayRequest.ts'
import { walkDag } from './walkDag.ts'
import type { DagBlock } from './walkDag.ts'

export type ServeTrustlessParameters = {
  helia: Helia
  fs: UnixFS
  request: Extract<GatewayRequest, { kind: 'content' }>
  req: IncomingMessage
  res: ServerResponse
  options: { offline: true; signal: AbortSignal }
}

/**
 * Trustless gateway responses (https://specs.ipfs.tech/http-gateways/trustless-gateway/):
 * the raw block at the end of the path, or a CAR with the blocks of the path
 * followed by the DAG at its end (dag-scope all, entity or block), in DFS order.
 */
export async function serveTrustless({ helia, fs, request, req, res, options }: ServeTrustlessParameters): Promise<void> {
  const { cid: root, segments, format, dagScope } = request
  // The CIDs along the path, so a client can verify each step from the root.
  const path: CID[] = [root]
  for (let i = 1; i <= segments.length; i++) path.push((await fs.stat(root, { ...options, path: segments.slice(0, i).join('/') })).cid)
  const terminal = path[path.length - 1]

  res.setHeader('Cache-Control', 'public, max-age=29030400, immutable')
  res.setHeader('Vary', 'Accept')
  // Verifiable bytes, readable from any origin (as Kubo and public trustless gateways allow): the
  // app's service worker on <cid>.ipfs.<host> fetches blocks from other gateways with them.
  res.setHeader('Access-Control-Allow-Origin', '*')
  res.setHeader('Access-Control-Expose-Headers', 'X-Ipfs-Roots, Content-Length')
  res.setHeader('X-Ipfs-Roots', path.map(String).join(','))
  if (format === 'raw') {
    const bytes = await readBlock({ blockstore: helia.blockstore, cid: terminal, options })
    res.setHeader('Content-Type', 'application/vnd.ipld.raw')
    res.setHeader('Content-Disposition', `attachment; filename="${terminal}.bin"`)
    res.setHeader('ETag', `"${terminal}.raw"`)
    res.setHeader('Content-Length', bytes.byteLength)
    res.statusCode = 200
    res.end(req.method === 'HEAD' ? undefined : bytes)
    return
  }

  res.setHeader('Content-Type', 'application/vnd.ipld.car; version=1; order=dfs; dups=n')
  res.setHeader('Content-Disposition', `attachment; filename="${terminal}.car"`)
  res.setHeader('ETag', `"${root}.car.${segments.join('/')}.${dagScope}"`)
  res.statusCode = 200
  if (req.method === 'HEAD') return void res.end()

  const blockstore = helia.blockstore
  async function* blocks(): AsyncGenerator<DagBlock> {
    for (const cid of path.slice(0, -1)) yield { cid, bytes: await readBlock({ blockstore, cid, options }) }
    const bytes = await readBlock({ blockstore, cid: terminal, options })
    const isDirectory = terminal.code === dagPb.code && isUnixfsDirectory(bytes)
    if (dagScope === 'block' || (dagScope === 'entity' && isDirectory)) yield { cid: terminal, bytes }
    else yield* walkDag({ blockstore, root: terminal, options })
  }
  for await (const chunk of carStream({ roots: [root], blocks: blocks() })) {
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r))
  }
  res.end()
}

// UnixFS Data field: type 1 (Directory) or 5 (HAMTShard). Read directly to avoid a second decode pass.
function isUnixfsDirectory(bytes: Uint8Array): boolean {
  const data = dagPb.decode(bytes).Data
  return data !== undefined && data[0] === 0x08 && (data[1] === 1 || data[1] === 5)
}
