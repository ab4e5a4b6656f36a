// inspectRelease over an injected fetch: a small directory shaped like a build (index.html, sw.js,
// latchkey-build.json), imported with the publish settings and served as a CAR; then a gateway that
// flips a byte, and directories that are no Latchkey build.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryBlockstore } from 'blockstore-core'
import type { CID } from 'multiformats/cid'
import { describe, expect, it } from 'vitest'
import { walkDag } from '../../../scripts/ipfs/walkDag.ts'
import { AllGatewaysFailedError, BlockHashMismatchError, NotLatchkeyBuildError } from '../../../src/lib/ipfs/errors.ts'
import { getReleaseGateways } from '../../../src/lib/ipfs/getReleaseGateways.ts'
import { importDirectory } from '../../../src/lib/ipfs/importDirectory.node.ts'
import { inspectRelease } from '../../../src/lib/ipfs/inspectRelease.ts'
import { parseBuildInfo } from '../../../src/lib/ipfs/parseBuildInfo.ts'
import { encodeCar } from '../../helpers/trustlessGateways.ts'

const commit = '1e47d8f2c3a4b5c6d7e8f90123456789abcdef01'

/** A directory with these files, as a gateway's CAR of its whole DAG. */
async function site(files: Record<string, string>): Promise<{ root: CID; car: Uint8Array }> {
  const dir = await mkdtemp(join(tmpdir(), 'latchkey-inspect-'))
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
    const blockstore = new MemoryBlockstore()
    const { cid: root } = await importDirectory({ dir, blockstore })
    const blocks = []
    for await (const block of walkDag({ blockstore, root })) blocks.push(block)
    return { root, car: await encodeCar([root], blocks) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const build = (info: unknown) => ({ 'index.html': '<!doctype html><title>Latchkey</title>', 'sw.js': '/* worker */', 'latchkey-build.json': JSON.stringify(info) })
const serving = (car: Uint8Array) => (async () => new Response(car as BlobPart, { headers: { 'content-type': 'application/vnd.ipld.car' } })) as unknown as typeof fetch

describe('inspectRelease', () => {
  it('verifies the whole DAG and reads the version and commit the build states', async () => {
    const { root, car } = await site(build({ name: 'latchkey', version: '0.2.0', commit }))
    const release = await inspectRelease({ cid: root, gateways: ['http://a.test'], fetch: serving(car) })
    expect(release.build).toEqual({ name: 'latchkey', version: '0.2.0', commit })
    expect(release.files).toBe(3)
    expect(release.gateways[0]).toMatchObject({ url: 'http://a.test', faulty: false })
  })

  it('a gateway flipping one byte of the metadata is caught: AllGatewaysFailedError naming it with BlockHashMismatchError', async () => {
    const { root, car } = await site(build({ name: 'latchkey', version: '0.2.0-marker', commit: null }))
    const tampered = new Uint8Array(car)
    const at = Buffer.from(tampered).indexOf(Buffer.from('0.2.0-marker'))
    tampered[at] ^= 0x01
    const error = await inspectRelease({ cid: root, gateways: ['http://liar.test'], fetch: serving(tampered) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AllGatewaysFailedError)
    expect((error as AllGatewaysFailedError).errors[0]).toMatchObject({ endpoint: 'http://liar.test', error: expect.any(BlockHashMismatchError) })
  })

  it('a DAG without the app at its root, or with metadata that is not Latchkey\'s, is refused with NotLatchkeyBuildError', async () => {
    for (const files of [
      { 'index.html': '<!doctype html>', 'readme.txt': 'no worker' },
      build({ name: 'other-wallet', version: '1.0.0', commit: null }),
      build({ name: 'latchkey', version: '<script>', commit: null }),
      build({ name: 'latchkey', version: '1.0.0', commit: 'HEAD' }),
    ]) {
      const { root, car } = await site(files)
      await expect(inspectRelease({ cid: root, gateways: ['http://a.test'], fetch: serving(car) })).rejects.toBeInstanceOf(NotLatchkeyBuildError)
    }
  })

  it('a build without metadata (before builds named their version) is a build with nothing stated', async () => {
    const { root, car } = await site({ 'index.html': '<!doctype html>', 'sw.js': '' })
    await expect(inspectRelease({ cid: root, gateways: ['http://a.test'], fetch: serving(car) })).resolves.toMatchObject({ build: undefined, files: 2 })
  })
})

describe('parseBuildInfo', () => {
  it('takes only the stated shape', () => {
    const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v))
    expect(parseBuildInfo(bytes({ name: 'latchkey', version: '0.1.0', commit: null }))).toEqual({ name: 'latchkey', version: '0.1.0', commit: null })
    for (const bad of ['not json', { name: 'latchkey' }, { name: 'latchkey', version: 1, commit: null }, { name: 'latchkey', version: '0.1.0', commit: commit.toUpperCase() }])
      expect(parseBuildInfo(bytes(bad))).toBeUndefined()
    expect(parseBuildInfo(new Uint8Array([0xff, 0xfe]))).toBeUndefined()
  })
})

describe('getReleaseGateways', () => {
  it('asks the gateway this copy came from in its path form, the local node, then the user\'s list', () => {
    const location = { protocol: 'http:', hostname: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi.ipfs.localhost', port: '8080' }
    expect(getReleaseGateways({ location, userGateways: ['https://gw.example.org/'] })).toEqual(['http://localhost:8080', 'http://127.0.0.1:8080', 'https://gw.example.org'])
    expect(getReleaseGateways({ location: { protocol: 'http:', hostname: '127.0.0.1', port: '5173' } })).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080'])
  })
})
