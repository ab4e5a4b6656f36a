import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createNode } from '../ipfs/createNode.ts'
import { publishDist } from '../ipfs/publishDist.ts'
import { type StartGatewayParameters, startGateway } from '../ipfs/startGateway.ts'

export type ServedBuild = { subdomainUrl: string; cid: string; close(): Promise<void> }

/**
 * Publishes a build directory to a throwaway loopback Helia node and serves it through the local
 * gateway in subdomain form (http://<cid>.ipfs.localhost:<port>/), as users open the app.
 */
export async function serveBuildOverGateway({ dir, memoryCache }: { dir: string; memoryCache?: StartGatewayParameters['memoryCache'] }): Promise<ServedBuild> {
  const repo = await mkdtemp(path.join(tmpdir(), 'latchkey-bench-ipfs-'))
  const copy = path.join(repo, 'app')
  await cp(dir, copy, { recursive: true, filter: (src) => !src.endsWith('.done') })
  const node = await createNode({ repo: path.join(repo, 'repo') })
  try {
    const { cid } = await publishDist({ dir: copy, node, carPath: path.join(repo, 'app.car') })
    const gateway = await startGateway({ helia: node.helia, appCid: cid.toString(), redirectToSubdomain: false, memoryCache })
    return {
      subdomainUrl: gateway.urlsFor(cid).subdomainUrl,
      cid: cid.toString(),
      async close() {
        await gateway.close()
        await node.stop()
        await rm(repo, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await node.stop()
    await rm(repo, { recursive: true, force: true })
    throw error
  }
}
