import '../polyfills.ts'
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import type { Multiaddr } from '@multiformats/multiaddr'
import { FsBlockstore } from 'blockstore-fs'
import { FsDatastore } from 'datastore-fs'
import { createHelia } from 'helia'
import type { Helia } from 'helia'
import type { Libp2p } from '@libp2p/interface'
import { defaultRepoPath, repoEnvVar } from './defaults.ts'

export { defaultRepoPath, repoEnvVar }

export type LatchkeyHelia = Helia & { libp2p: Libp2p }

export type CreateNodeParameters = {
  /** Repo folder (blocks/ and datastore/ inside). Default: $LATCHKEY_IPFS_REPO, else .latchkey/ipfs/ in the repo. */
  repo?: string
  /** libp2p listen addresses. Default: one TCP port on 127.0.0.1 chosen by the OS. */
  listen?: string[]
  /**
   * Ask the public network for content: Helia's default delegated router
   * (delegated-ipfs.dev) and recursive trustless gateways. Off by default: the
   * node must work with no internet and contact nothing but 127.0.0.1.
   */
  publicRouting?: boolean
}

export type CreateNodeReturnType = {
  helia: LatchkeyHelia
  repo: string
  /** The libp2p addresses other nodes can dial, each ending in /p2p/<peer id>. */
  multiaddrs(): Multiaddr[]
  stop(): Promise<void>
}

export function resolveRepoPath(repo?: string): string {
  return resolve(repo ?? process.env[repoEnvVar] ?? defaultRepoPath)
}

/**
 * Starts a Helia node with a persistent repo and a loopback-only libp2p:
 * TCP + noise + yamux + identify, bitswap, no bootstrap peers, no DHT, mDNS,
 * UPnP, relay or autoTLS.
 */
export async function createNode({ repo, listen, publicRouting = false }: CreateNodeParameters = {}): Promise<CreateNodeReturnType> {
  const path = resolveRepoPath(repo)
  await mkdir(path, { recursive: true })
  const blockstore = new FsBlockstore(join(path, 'blocks'))
  const datastore = new FsDatastore(join(path, 'datastore'))
  // Helia starts only components with start(); the fs stores need open().
  await blockstore.open()
  await datastore.open()

  const helia = await createHelia({
    blockstore,
    datastore,
    http: publicRouting ? undefined : { delegatedRouters: [], recursiveGateways: [] },
    libp2p: {
      // Top-level keys given here replace Helia's defaults (config: 'replace').
      addresses: { listen: listen ?? ['/ip4/127.0.0.1/tcp/0'] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      peerDiscovery: [],
      services: { identify: identify() },
    },
  })
  await helia.start()

  return {
    helia: helia as unknown as LatchkeyHelia,
    repo: path,
    multiaddrs: () => helia.libp2p.getMultiaddrs(),
    async stop() {
      await helia.stop()
      await blockstore.close()
      await datastore.close()
    },
  }
}
