import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CarReader } from '@ipld/car'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../../../scripts/ipfs/createNode.ts'
import type { CreateNodeReturnType } from '../../../scripts/ipfs/createNode.ts'
import { publishDist } from '../../../scripts/ipfs/publishDist.ts'
import { startGateway } from '../../../scripts/ipfs/startGateway.ts'
import type { StartGatewayReturnType } from '../../../scripts/ipfs/startGateway.ts'
import { fixtureCsp, writeFixtureSite } from './fixtureSite.ts'
import { httpGet } from './httpGet.ts'

let tmp: string
let site: string
let node: CreateNodeReturnType
let gateway: StartGatewayReturnType
let inPlace: StartGatewayReturnType
let cid: CID
let sub: string

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => httpGet({ port: gateway.port, path, host: sub, headers, method })
const file = (name: string) => readFile(join(site, name))

async function verifyBlock(c: CID, bytes: Uint8Array) {
  expect(c.multihash.code).toBe(sha256.code)
  expect(Buffer.from((await sha256.digest(bytes)).digest).equals(Buffer.from(c.multihash.digest))).toBe(true)
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-gateway-'))
  site = join(tmp, 'site')
  await writeFixtureSite(site)
  node = await createNode({ repo: join(tmp, 'repo') })
  ;({ cid } = await publishDist({ dir: site, node, carPath: join(tmp, 'site.car') }))
  gateway = await startGateway({ helia: node.helia, appCid: cid })
  inPlace = await startGateway({ helia: node.helia, redirectToSubdomain: false })
  sub = `${cid}.ipfs.localhost:${gateway.port}`
})
afterAll(async () => {
  await gateway?.close()
  await inPlace?.close()
  await node?.stop()
  await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

describe('startGateway: origins', () => {
  it('listens on 127.0.0.1 and gives both URL forms', () => {
    expect(gateway.url).toBe(`http://127.0.0.1:${gateway.port}`)
    expect(gateway.urlsFor(cid)).toEqual({
      pathUrl: `http://127.0.0.1:${gateway.port}/ipfs/${cid}/`,
      subdomainUrl: `http://${cid}.ipfs.localhost:${gateway.port}/`,
    })
  })

  it('redirects path requests for directories to the subdomain form (301), CIDv0 converted', async () => {
    const host = `127.0.0.1:${gateway.port}`
    for (const [path, location] of [
      [`/ipfs/${cid}/`, `http://${sub}/`],
      [`/ipfs/${cid}`, `http://${sub}/`],
      [`/ipfs/${cid}/assets/?x=1`, `http://${sub}/assets/?x=1`],
      [`/ipfs/${cid.toV0()}/`, `http://${sub}/`],
    ]) {
      const res = await httpGet({ port: gateway.port, path, host })
      expect(res.status, path).toBe(301)
      expect(res.headers.location, path).toBe(location)
    }
  })

  it('serves files in path form without redirecting', async () => {
    const res = await httpGet({ port: gateway.port, path: `/ipfs/${cid}/index.html` })
    expect(res.status).toBe(200)
    expect(res.body.equals(await file('index.html'))).toBe(true)
  })

  it('with the redirect disabled, serves directories in place and adds the trailing slash', async () => {
    const host = `127.0.0.1:${inPlace.port}`
    const slash = await httpGet({ port: inPlace.port, path: `/ipfs/${cid}`, host })
    expect(slash.status).toBe(301)
    expect(slash.headers.location).toBe(`/ipfs/${cid}/`)
    const res = await httpGet({ port: inPlace.port, path: `/ipfs/${cid}/`, host })
    expect(res.status).toBe(200)
    expect(res.body.equals(await file('index.html'))).toBe(true)
    // A directory without index.html gets a listing.
    const listing = await httpGet({ port: inPlace.port, path: `/ipfs/${cid}/assets/`, host })
    expect(listing.status).toBe(200)
    expect(listing.body.toString()).toContain('bls.wasm')
  })
})

describe('startGateway: UnixFS responses on the subdomain', () => {
  it('serves index.html for the root with immutable caching, ETag and the app CSP as a header', async () => {
    const res = await get('/')
    expect(res.status).toBe(200)
    expect(res.body.equals(await file('index.html'))).toBe(true)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['cache-control']).toBe('public, max-age=29030400, immutable')
    expect(res.headers.etag).toMatch(/^"bafkrei[a-z2-7]+"$/)
    expect(res.headers['content-security-policy']).toBe(`${fixtureCsp}; frame-ancestors 'none'`)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-ipfs-path']).toBe(`/ipfs/${cid}/`)
  })

  it('sends the right content type for each kind of asset', async () => {
    for (const [name, type] of [
      ['assets/app.js', 'text/javascript; charset=utf-8'],
      ['assets/style.css', 'text/css; charset=utf-8'],
      ['assets/logo.svg', 'image/svg+xml'],
      ['assets/nested/data.json', 'application/json; charset=utf-8'],
      ['assets/bls.wasm', 'application/wasm'],
    ]) {
      const res = await get(`/${name}`)
      expect(res.status, name).toBe(200)
      expect(res.headers['content-type'], name).toBe(type)
      expect(res.body.equals(await file(name)), name).toBe(true)
    }
  })

  it('answers HEAD with the headers only', async () => {
    const res = await get('/assets/bls.wasm', {}, 'HEAD')
    expect(res.status).toBe(200)
    expect(res.headers['content-length']).toBe(String((await file('assets/bls.wasm')).length))
    expect(res.body.length).toBe(0)
  })

  it('serves byte ranges, across chunk boundaries too', async () => {
    const wasm = await file('assets/bls.wasm')
    for (const [header, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=1048500-1048700', 1048500, 1048700],
      ['bytes=-10', wasm.length - 10, wasm.length - 1],
      [`bytes=${wasm.length - 5}-`, wasm.length - 5, wasm.length - 1],
    ] as const) {
      const res = await get('/assets/bls.wasm', { range: header })
      expect(res.status, header).toBe(206)
      expect(res.headers['content-range'], header).toBe(`bytes ${start}-${end}/${wasm.length}`)
      expect(res.body.equals(wasm.subarray(start, end + 1)), header).toBe(true)
    }
    const bad = await get('/assets/bls.wasm', { range: `bytes=${wasm.length}-` })
    expect(bad.status).toBe(416)
    expect(bad.headers['content-range']).toBe(`bytes */${wasm.length}`)
  })

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/assets/app.js')
    const again = await get('/assets/app.js', { 'if-none-match': first.headers.etag as string })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
  })

  it('gives clear errors: 404 missing path, 400 invalid CID, 405 POST, 404 for a CID not held here', async () => {
    expect((await get('/nope.js')).status).toBe(404)
    expect((await httpGet({ port: gateway.port, path: '/ipfs/notacid/' })).status).toBe(400)
    expect((await get('/', {}, 'POST')).status).toBe(405)
    const absent = CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode('not here')))
    const res = await httpGet({ port: gateway.port, path: `/ipfs/${absent}` })
    expect(res.status).toBe(404)
    expect(res.body.toString()).toBe(`Not held here: ${absent} is not in this gateway's blockstore (it serves only what was published or pinned on this node, and fetches nothing from peers).\n`)
  })
})

describe('startGateway: trustless responses', () => {
  it('?format=raw returns the block, which hashes to its CID', async () => {
    const res = await httpGet({ port: gateway.port, path: `/ipfs/${cid}?format=raw` })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.ipld.raw')
    await verifyBlock(cid, res.body)
  })

  it('Accept: application/vnd.ipld.raw on a file path returns that file block', async () => {
    const res = await httpGet({ port: gateway.port, path: `/ipfs/${cid}/assets/app.js`, headers: { accept: 'application/vnd.ipld.raw' } })
    expect(res.status).toBe(200)
    const roots = (res.headers['x-ipfs-roots'] as string).split(',')
    expect(roots[0]).toBe(cid.toString())
    const leaf = CID.parse(roots.at(-1) as string)
    await verifyBlock(leaf, res.body)
    expect(res.body.equals(await file('assets/app.js'))).toBe(true)
  })

  it('?format=car returns the whole DAG, every block verifiable, rooted at the CID', async () => {
    for (const headers of [{}, { accept: 'application/vnd.ipld.car' }] as Record<string, string>[]) {
      const res = await httpGet({ port: gateway.port, path: `/ipfs/${cid}${'accept' in headers ? '' : '?format=car'}`, headers })
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('application/vnd.ipld.car; version=1; order=dfs; dups=n')
      const reader = await CarReader.fromBytes(res.body)
      expect((await reader.getRoots()).map(String)).toEqual([cid.toString()])
      let count = 0
      for await (const block of reader.blocks()) {
        await verifyBlock(block.cid, block.bytes)
        count++
      }
      expect(count).toBe(12)
    }
  })

  it('dag-scope=block returns only the requested block, after the path blocks', async () => {
    const res = await httpGet({ port: gateway.port, path: `/ipfs/${cid}/assets/bls.wasm?format=car&dag-scope=block` })
    const reader = await CarReader.fromBytes(res.body)
    const cids: string[] = []
    for await (const block of reader.blocks()) cids.push(block.cid.toString())
    // root directory, assets directory, the file's root node
    expect(cids).toHaveLength(3)
    expect(cids[0]).toBe(cid.toString())
  })
})
