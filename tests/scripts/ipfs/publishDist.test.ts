import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { CarReader } from '@ipld/car'
import { unixfs } from '@helia/unixfs'
import { MemoryBlockstore } from 'blockstore-core'
import { sha256 } from 'multiformats/hashes/sha2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DirectoryNotFoundError } from '../../../src/lib/ipfs/errors.ts'
import { createNode } from '../../../scripts/ipfs/createNode.ts'
import { publishDist } from '../../../scripts/ipfs/publishDist.ts'
import type { PublishDistReturnType } from '../../../scripts/ipfs/publishDist.ts'
import { writeFixtureSite } from './fixtureSite.ts'
import { ipfsCarCid } from './ipfsCarCid.ts'

const repoRoot = resolve(import.meta.dirname, '../../..')
let tmp: string
let site: string
let published: PublishDistReturnType

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-publish-'))
  site = join(tmp, 'site')
  await writeFixtureSite(site)
  published = await publishDist({ dir: site, repo: join(tmp, 'repo'), carPath: join(tmp, 'out', 'site.car') })
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

describe('publishDist', () => {
  it('gives the CID ipfs-car computes for the same directory', async () => {
    expect(published.cid.version).toBe(1)
    expect(published.cid.toString()).toBe(await ipfsCarCid(site))
    expect(published.files).toEqual(['assets/app.js', 'assets/bls.wasm', 'assets/logo.svg', 'assets/nested/data.json', 'assets/style.css', 'index.html'])
    expect(published.skipped).toEqual(['.DS_Store'])
  })

  it('pins it in the repo, and publishing again is idempotent', async () => {
    const again = await publishDist({ dir: site, repo: join(tmp, 'repo'), carPath: join(tmp, 'out', 'again.car') })
    expect(again.cid.equals(published.cid)).toBe(true)
    const node = await createNode({ repo: join(tmp, 'repo') })
    try {
      expect(await node.helia.pins.isPinned(published.cid)).toBe(true)
    } finally {
      await node.stop()
    }
  })

  it('writes a CAR whose blocks all hash to their CIDs and rebuild the same files', async () => {
    const reader = await CarReader.fromBytes(await readFile(published.carPath))
    expect((await reader.getRoots()).map(String)).toEqual([published.cid.toString()])
    const blockstore = new MemoryBlockstore()
    let count = 0
    for await (const { cid, bytes } of reader.blocks()) {
      const digest = await sha256.digest(bytes)
      expect(Buffer.from(digest.digest).equals(Buffer.from(cid.multihash.digest))).toBe(true)
      await blockstore.put(cid, bytes)
      count++
    }
    // root dir + assets + nested + 5 small files as raw leaves + 3 chunks and 1 node for the big file
    expect(count).toBe(12)
    const fs = unixfs({ blockstore })
    for (const file of published.files) {
      const parts: Uint8Array[] = []
      for await (const part of fs.cat(published.cid, { path: file })) parts.push(part)
      expect(Buffer.concat(parts).equals(await readFile(join(site, file)))).toBe(true)
    }
  })

  it('throws DirectoryNotFoundError for a missing directory', async () => {
    await expect(publishDist({ dir: join(tmp, 'nope'), repo: join(tmp, 'repo2'), carPath: join(tmp, 'x.car') })).rejects.toBeInstanceOf(DirectoryNotFoundError)
  })

  it('npm run publish prints the CID, both gateway URL forms and the CAR path', async () => {
    const { stdout } = await promisify(execFile)(
      join(repoRoot, 'node_modules/.bin/tsx'),
      ['scripts/ipfs/publish.ts', '--dir', site, '--repo', join(tmp, 'repo3'), '--car', join(tmp, 'cli.car'), '--port', '18080'],
      { cwd: repoRoot },
    )
    const cid = published.cid.toString()
    expect(stdout).toContain(`CID:               ${cid}`)
    expect(stdout).toContain(`http://127.0.0.1:18080/ipfs/${cid}/`)
    expect(stdout).toContain(`http://${cid}.ipfs.localhost:18080/`)
    expect(stdout).toContain('cli.car')
    expect(stdout).toContain('ipfs add -r --cid-version=1 --raw-leaves --chunker=size-1048576')
  }, 180_000)
})
