import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../../../scripts/ipfs/createNode.ts'
import type { CreateNodeReturnType } from '../../../scripts/ipfs/createNode.ts'
import { publishDist } from '../../../scripts/ipfs/publishDist.ts'
import { startGateway } from '../../../scripts/ipfs/startGateway.ts'
import type { StartGatewayReturnType } from '../../../scripts/ipfs/startGateway.ts'
import { dropBlock } from './dropBlock.ts'
import { httpGet } from './httpGet.ts'

// What the gateway does with what the client controls: the Host header (never reflected into a
// Location unless loopback or configured), control characters in the path (400), and CIDs it
// does not hold (404, or 502 when a held DAG is incomplete, each saying which).
let tmp: string
let node: CreateNodeReturnType
let gateway: StartGatewayReturnType
let cid: CID

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-gateway-hygiene-'))
  const site = join(tmp, 'site')
  await mkdir(join(site, 'assets'), { recursive: true })
  await writeFile(join(site, 'index.html'), '<!doctype html><title>t</title>\n')
  await writeFile(join(site, 'assets', '日本.js'), 'export {}\n')
  node = await createNode({ repo: join(tmp, 'repo') })
  ;({ cid } = await publishDist({ dir: site, node, carPath: join(tmp, 'site.car') }))
  gateway = await startGateway({ helia: node.helia, subdomainHosts: ['gw.example.org', 'https://secure.example.org'] })
})
afterAll(async () => {
  await gateway?.close()
  await node?.stop()
  await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

const get = (path: string, host?: string) => httpGet({ port: gateway.port, path, host })

describe('gateway: subdomain redirects only for loopback and configured hosts', () => {
  it('loopback names in every form redirect to <cid>.ipfs.localhost with the same port', async () => {
    const p = gateway.port
    for (const host of [`localhost:${p}`, `127.0.0.1:${p}`, `[::1]:${p}`, `[0:0:0:0:0:0:0:1]:${p}`, `LOCALHOST:${p}`, `localhost.:${p}`]) {
      const res = await get(`/ipfs/${cid}/assets/?a=1`, host)
      expect(res.status, host).toBe(301)
      expect(res.headers.location, host).toBe(`http://${cid}.ipfs.localhost:${p}/assets/?a=1`)
    }
  })

  it('a configured host redirects under itself, with the configured scheme', async () => {
    expect((await get(`/ipfs/${cid}/`, 'gw.example.org')).headers.location).toBe(`http://${cid}.ipfs.gw.example.org/`)
    expect((await get(`/ipfs/${cid}/`, 'secure.example.org:8443')).headers.location).toBe(`https://${cid}.ipfs.secure.example.org:8443/`)
  })

  it('any other Host is served in place: never reflected into a Location', async () => {
    for (const host of ['evil.com', 'evil.com:80', 'localhost.evil.com', '127.0.0.1.evil.com', 'gw.example.org.evil.com', 'localhost:80@evil.com', 'evil.com/localhost']) {
      const dir = await get(`/ipfs/${cid}/`, host)
      expect(dir.status, host).toBe(200)
      expect(dir.headers.location, host).toBeUndefined()
      expect(dir.body.toString(), host).toContain('<title>t</title>')
      // Without the trailing slash: a path-only redirect, no host in it.
      const bare = await get(`/ipfs/${cid}`, host)
      expect(bare.status, host).toBe(301)
      expect(bare.headers.location, host).toBe(`/ipfs/${cid}/`)
    }
  })
})

describe('gateway: paths and CIDs', () => {
  it('control characters in the path are 400 with a clear message, in both URL forms', async () => {
    const sub = `${cid}.ipfs.localhost:${gateway.port}`
    for (const [path, host] of [
      [`/ipfs/${cid}/index.html%00.js`, undefined], [`/ipfs/${cid}/a%0Ab`, undefined], [`/ipfs/${cid}/%7F`, undefined],
      [`/ipfs/${cid}%00/`, undefined], ['/index.html%00.js', sub], ['/assets/%1b', sub],
    ] as const) {
      const res = await get(path, host)
      expect(res.status, path).toBe(400)
      expect(res.body.toString(), path).toBe('The path contains a control character (such as %00 or %0A); no file name here has one.\n')
    }
  })

  it('a file name outside Latin-1 is served (its X-Ipfs-Path is percent-encoded)', async () => {
    const res = await get(`/ipfs/${cid}/assets/%E6%97%A5%E6%9C%AC.js`)
    expect(res.status).toBe(200)
    expect(res.body.toString()).toBe('export {}\n')
    expect(res.headers['x-ipfs-path']).toBe(`/ipfs/${cid}/assets/%E6%97%A5%E6%9C%AC.js`)
  })

  it('a CID not held is 404 saying so, for UnixFS and trustless requests', async () => {
    const absent = CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode('not here')))
    for (const path of [`/ipfs/${absent}`, `/ipfs/${absent}/x.js`, `/ipfs/${absent}?format=raw`, `/ipfs/${absent}?format=car`]) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect(res.body.toString(), path).toMatch(new RegExp(`^Not held here: ${absent} is not in this gateway's blockstore`))
      expect(res.body.toString(), path).not.toMatch(/was present/)
    }
  })

  it('a held root whose DAG is incomplete is 502, saying a block under it is missing', async () => {
    const scratch = await createNode({ repo: join(tmp, 'partial') })
    const partial = await startGateway({ helia: scratch.helia, memoryCache: false })
    try {
      const site = join(tmp, 'partial-site')
      await mkdir(site, { recursive: true })
      await writeFile(join(site, 'index.html'), 'partial\n')
      const { cid: root } = await publishDist({ dir: site, node: scratch, carPath: join(tmp, 'partial.car') })
      const index = (await import('@helia/unixfs')).unixfs(scratch.helia)
      const { cid: file } = await index.stat(root, { path: 'index.html' })
      for await (const _ of scratch.helia.pins.rm(root)) void _
      await dropBlock(scratch.helia, file)
      const res = await httpGet({ port: partial.port, path: `/ipfs/${root}/index.html` })
      expect(res.status).toBe(502)
      expect(res.body.toString()).toBe('Incomplete here: a block under this content is missing from this gateway\'s blockstore, and it fetches nothing from peers (pin the content again on this node).\n')
    } finally {
      await partial.close()
      await scratch.stop()
    }
  })
})
