import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as raw from 'multiformats/codecs/raw'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBlock } from '../../../scripts/ipfs/readBlock.ts'
import { createNode, resolveRepoPath, defaultRepoPath, repoEnvVar } from '../../../scripts/ipfs/createNode.ts'

let tmp: string
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-node-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

describe('createNode', () => {
  it('listens on 127.0.0.1 only, with no discovery, DHT, relay or routers', async () => {
    const node = await createNode({ repo: join(tmp, 'a') })
    try {
      const addrs = node.multiaddrs().map(String)
      expect(addrs.length).toBeGreaterThan(0)
      for (const a of addrs) expect(a).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/12D3Koo/)
      expect(Object.keys(node.helia.libp2p.services)).toEqual(['identify'])
      expect(node.helia.libp2p.getProtocols().sort()).toEqual(['/ipfs/bitswap/1.2.0', '/ipfs/id/1.0.0'])
      // No delegated router and no recursive gateway: only libp2p (no DHT) is left.
      expect(node.helia.routing).toBeDefined()
      expect(node.helia.libp2p.getConnections()).toEqual([])
    } finally {
      await node.stop()
    }
  })

  it('keeps blocks, pins and its peer id in the repo across restarts', async () => {
    const repo = join(tmp, 'b')
    const bytes = new TextEncoder().encode('latchkey persists')
    const cid = CID.createV1(raw.code, await sha256.digest(bytes))
    const first = await createNode({ repo })
    const peerId = first.helia.libp2p.peerId.toString()
    await first.helia.blockstore.put(cid, bytes)
    for await (const _ of first.helia.pins.add(cid)) void _
    await first.stop()
    expect((await readdir(repo)).sort()).toEqual(['blocks', 'datastore'])

    const second = await createNode({ repo })
    try {
      expect(second.helia.libp2p.peerId.toString()).toBe(peerId)
      expect(await second.helia.pins.isPinned(cid)).toBe(true)
      const got = await readBlock({ blockstore: second.helia.blockstore, cid, options: { offline: true } })
      expect(new Uint8Array(got)).toEqual(bytes)
    } finally {
      await second.stop()
    }
  })

  it('resolves the repo from the argument, then the env var, then .latchkey/ipfs', () => {
    const saved = process.env[repoEnvVar]
    try {
      delete process.env[repoEnvVar]
      expect(resolveRepoPath()).toBe(defaultRepoPath)
      expect(defaultRepoPath.endsWith('/.latchkey/ipfs')).toBe(true)
      process.env[repoEnvVar] = join(tmp, 'env')
      expect(resolveRepoPath()).toBe(join(tmp, 'env'))
      expect(resolveRepoPath(join(tmp, 'arg'))).toBe(join(tmp, 'arg'))
    } finally {
      if (saved === undefined) delete process.env[repoEnvVar]
      else process.env[repoEnvVar] = saved
    }
  })
})
