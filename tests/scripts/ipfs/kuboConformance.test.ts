// importDirectory against CIDs that Kubo computes with the IPIP-499
// unixfs-v1-2025 profile (the same as `ipfs add --cid-version=1 --raw-leaves
// --chunker=size-1048576 --max-file-links=1024`). Expected values come from
// Kubo's test/cli/cid_profiles_test.go and add_test.go; inputs are rebuilt
// here with the same seeded ChaCha20 keystream those tests use.
import { createCipheriv, createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unixfs } from '@helia/unixfs'
import { MemoryBlockstore } from 'blockstore-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importDirectory } from '../../../src/lib/ipfs/importDirectory.node.ts'

let tmp: string
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-kubo-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

/** Kubo's deterministic test bytes: ChaCha20, key sha256(seed), counter 0, zero nonce. */
function seededBytes(size: number, seed: string): Buffer {
  const key = createHash('sha256').update(seed).digest()
  const cipher = createCipheriv('chacha20', key, Buffer.alloc(16))
  return Buffer.concat([cipher.update(Buffer.alloc(size)), cipher.final()])
}

/** Kubo's deterministic file names, drawn from a fixed 1 MiB keystream. */
function seededNames(count: number, length: number, lastLength: number, seed: string): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz01234567890-_'
  const stream = seededBytes(1_048_576, seed)
  const names: string[] = []
  let offset = 0
  for (let i = 0; i < count; i++) {
    const len = i === count - 1 ? lastLength : length
    names.push(Array.from(stream.subarray(offset, offset + len), (b) => alphabet[b % alphabet.length]).join(''))
    offset += len
  }
  return names
}

/** Imports `dir` as importDirectory does and returns the CID at `path` inside it. */
async function cidOf(dir: string, path: string): Promise<string> {
  const blockstore = new MemoryBlockstore()
  const { cid } = await importDirectory({ dir, blockstore })
  return (await unixfs({ blockstore }).stat(cid, { path })).cid.toString()
}

describe('importDirectory gives the CIDs Kubo gives (unixfs-v1-2025)', () => {
  it('small file: one raw block', async () => {
    const dir = join(tmp, 'small')
    await mkdir(dir)
    await writeFile(join(dir, 'hello.txt'), 'hello world')
    expect(await cidOf(dir, 'hello.txt')).toBe('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e')
  })

  it('files at and one byte over the 1 MiB chunk size', async () => {
    const dir = join(tmp, 'chunks')
    await mkdir(dir)
    await writeFile(join(dir, 'at'), seededBytes(1_048_576, 'chunk-v1-seed'))
    await writeFile(join(dir, 'over'), seededBytes(1_048_577, 'chunk-v1-seed'))
    expect(await cidOf(dir, 'at')).toBe('bafkreiacndfy443ter6qr2tmbbdhadvxxheowwf75s6zehscklu6ezxmta')
    expect(await cidOf(dir, 'over')).toBe('bafybeigmix7t42i6jacydtquhet7srwvgpizfg7gjbq7627d35mjomtu64')
  })

  it('an empty directory', async () => {
    const dir = join(tmp, 'empty-parent')
    await mkdir(join(dir, 'empty'), { recursive: true })
    expect(await cidOf(dir, 'empty')).toBe('bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354')
  })

  it('a directory right at the 256 KiB HAMT threshold stays flat; one byte over, it is sharded', async () => {
    for (const [lastLength, expected] of [
      [21, 'bafybeic3h7rwruealwxkacabdy45jivq2crwz6bufb5ljwupn36gicplx4'],
      [22, 'bafybeiegvuterwurhdtkikfhbxcldohmxp566vpjdofhzmnhv6o4freidu'],
    ] as const) {
      const dir = join(tmp, `hamt-${lastLength}`)
      await mkdir(join(dir, 'rootDir'), { recursive: true })
      for (const name of seededNames(4766, 11, lastLength, 'hamt-unixfs-v1-2025')) await writeFile(join(dir, 'rootDir', name), 'x')
      expect(await cidOf(dir, 'rootDir'), `last name of ${lastLength} characters`).toBe(expected)
    }
  }, 180_000)
})
