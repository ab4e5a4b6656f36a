import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unixfs } from '@helia/unixfs'
import type { CID } from 'multiformats/cid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGatewayCache } from '../../../scripts/ipfs/createGatewayCache.ts'
import { createNode } from '../../../scripts/ipfs/createNode.ts'
import type { CreateNodeReturnType } from '../../../scripts/ipfs/createNode.ts'
import { publishDist } from '../../../scripts/ipfs/publishDist.ts'
import { startGateway } from '../../../scripts/ipfs/startGateway.ts'
import type { StartGatewayReturnType } from '../../../scripts/ipfs/startGateway.ts'
import { dropBlock } from './dropBlock.ts'
import { httpGet } from './httpGet.ts'

// The gateway keeps the published app's (and pinned content's) files in memory. Proof that a
// response came from memory: the blocks are deleted from the blockstore after the first request,
// and the second is still right, headers and all.
let tmp: string
let node: CreateNodeReturnType
let gateway: StartGatewayReturnType
let app: CID
const csp = "default-src 'self'"
const script = 'export const answer = 42\n'.repeat(40)
const large = 'x'.repeat(6000)

async function writeSite(dir: string, body: string) {
  await mkdir(join(dir, 'assets'), { recursive: true })
  await writeFile(join(dir, 'index.html'), `<!doctype html><meta http-equiv="Content-Security-Policy" content="${csp}">${body}\n`)
  await writeFile(join(dir, 'assets', 'app.js'), script)
  await writeFile(join(dir, 'assets', 'large.txt'), large)
}

/** Removes a file's blocks under the pin check: only memory can answer for it afterwards. */
async function dropFile(root: CID, path: string) {
  const { cid } = await unixfs(node.helia).stat(root, { path, offline: true })
  await dropBlock(node.helia, cid)
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-gateway-cache-'))
  await writeSite(join(tmp, 'app'), 'app')
  node = await createNode({ repo: join(tmp, 'repo') })
  ;({ cid: app } = await publishDist({ dir: join(tmp, 'app'), node, carPath: join(tmp, 'app.car') }))
  gateway = await startGateway({ helia: node.helia, appCid: app, memoryCache: { maxBytes: 8192, maxFileBytes: 4096 } })
})
afterAll(async () => {
  await gateway?.close()
  await node?.stop()
  await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

const sub = (root: CID, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  httpGet({ port: gateway.port, path, host: `${root}.ipfs.localhost:${gateway.port}`, headers, method })

describe('gateway memory cache', () => {
  it('serves the published app from memory with the same headers, ranges, HEAD and 304', async () => {
    const first = await sub(app, '/assets/app.js')
    const firstIndex = await sub(app, '/')
    expect(first.status).toBe(200)
    expect(firstIndex.headers['content-security-policy']).toContain(csp)
    await dropFile(app, 'assets/app.js')
    await dropFile(app, 'index.html')

    const again = await sub(app, '/assets/app.js')
    expect(again.status).toBe(200)
    expect(again.body.toString()).toBe(script)
    for (const h of ['etag', 'content-type', 'cache-control', 'content-length', 'accept-ranges', 'x-ipfs-path'])
      expect(again.headers[h], h).toBe(first.headers[h])
    const index = await sub(app, '/')
    expect(index.status).toBe(200)
    expect(index.body.toString()).toContain('app')
    expect(index.headers['content-security-policy']).toBe(firstIndex.headers['content-security-policy'])
    expect(index.headers['x-frame-options']).toBe('DENY')

    const range = await sub(app, '/assets/app.js', { range: 'bytes=7-18' })
    expect(range.status).toBe(206)
    expect(range.headers['content-range']).toBe(`bytes 7-18/${script.length}`)
    expect(range.body.toString()).toBe(script.slice(7, 19))
    const head = await sub(app, '/assets/app.js', {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers['content-length']).toBe(String(script.length))
    expect(head.body.length).toBe(0)
    const notModified = await sub(app, '/assets/app.js', { 'if-none-match': first.headers.etag as string })
    expect(notModified.status).toBe(304)
    expect(gateway.cacheStats!.hits).toBeGreaterThan(0)
  })

  it('files past maxFileBytes are streamed from the blockstore each time (not kept)', async () => {
    expect((await sub(app, '/assets/large.txt')).body.toString()).toBe(large)
    await dropFile(app, 'assets/large.txt')
    expect((await sub(app, '/assets/large.txt')).status).toBe(502)
  })

  it('other pinned content is kept too; content that is only in the blockstore is not', async () => {
    await writeSite(join(tmp, 'pinned'), 'pinned')
    const { cid: pinned } = await publishDist({ dir: join(tmp, 'pinned'), node, carPath: join(tmp, 'pinned.car') })
    expect((await sub(pinned, '/assets/app.js')).status).toBe(200)
    await dropFile(pinned, 'assets/app.js')
    expect((await sub(pinned, '/assets/app.js')).body.toString()).toBe(script)

    const loose = await unixfs(node.helia).addBytes(new TextEncoder().encode('loose bytes\n'))
    expect((await httpGet({ port: gateway.port, path: `/ipfs/${loose}` })).body.toString()).toBe('loose bytes\n')
    await dropBlock(node.helia, loose)
    expect((await httpGet({ port: gateway.port, path: `/ipfs/${loose}` })).status).toBe(404)
  })

  it('memory stays within maxBytes', () => {
    expect(gateway.cacheStats!.bytes).toBeLessThanOrEqual(8192)
  })
})

describe('createGatewayCache', () => {
  it('drops the least recently used files past maxBytes, and never keeps one past maxFileBytes', async () => {
    const { CID } = await import('multiformats/cid')
    const { sha256 } = await import('multiformats/hashes/sha2')
    const raw = await import('multiformats/codecs/raw')
    const cids = await Promise.all([0, 1, 2, 3].map(async (i) => CID.createV1(raw.code, await sha256.digest(new Uint8Array([i])))))
    const cache = createGatewayCache({ maxBytes: 300, maxFileBytes: 150 })
    expect(cache.setBytes(cids[0]!, new Uint8Array(100))).toBe(true)
    expect(cache.setBytes(cids[1]!, new Uint8Array(100))).toBe(true)
    expect(cache.bytes(cids[0]!)).toBeDefined() // 0 is now the most recent
    expect(cache.setBytes(cids[2]!, new Uint8Array(150))).toBe(true)
    expect(cache.bytes(cids[1]!)).toBeUndefined()
    expect(cache.bytes(cids[0]!)).toBeDefined()
    expect(cache.stats.bytes).toBe(250)
    expect(cache.setBytes(cids[3]!, new Uint8Array(151))).toBe(false)
    expect(cache.bytes(cids[3]!)).toBeUndefined()
  })

  it('bounds the resolved paths by count', async () => {
    const cache = createGatewayCache({ maxBytes: 1, maxFileBytes: 1, maxEntries: 2 })
    const { CID } = await import('multiformats/cid')
    const cid = CID.parse('bafkreigicxwvav6t72kj2gdczzdhpzrljspk5bgzaknuhjxyn5smvbjdru')
    for (const key of ['a', 'b', 'c']) cache.setEntry(key, { kind: 'file', cid, size: 1 })
    expect(cache.entry('a')).toBeUndefined()
    expect(cache.entry('c')).toBeDefined()
    expect(cache.stats.entries).toBe(2)
  })
})
