// The browser build's stand-ins for @ethereumjs's `debug` and `lru-cache` (scripts/build/
// ethereumjsWithoutDevTools.ts): @ethereumjs/mpt bundled with them builds and checks the same trie
// roots and proofs; the logger is a disabled no-op; the cache refuses to be constructed.
import { join } from 'node:path'
import { MerklePatriciaTrie, createMerkleProof } from '@ethereumjs/mpt'
import { bytesToHex, utf8ToBytes } from '@ethereumjs/util'
import { describe, expect, it } from 'vitest'
import { ethereumjsDebugStub, ethereumjsLruStub, ethereumjsWithoutDevTools } from '../../../scripts/build/ethereumjsWithoutDevTools.ts'
import { bundleFixture } from '../../helpers/bundleFixture.ts'

const stub = async (code: string) => import(`data:text/javascript,${encodeURIComponent(code)}`)

describe('ethereumjsWithoutDevTools', () => {
  it('gives @ethereumjs a disabled logger that can be extended and called', async () => {
    const { default: createDebug } = await stub(ethereumjsDebugStub)
    const log = createDebug('mpt:#')
    expect(log.enabled).toBe(false)
    expect(log('ignored', ['get'])).toBeUndefined()
    expect(log.extend('put').namespace).toBe('mpt:#:put')
  })

  it('gives it an LRU cache that refuses to be constructed', async () => {
    const { LRUCache } = await stub(ethereumjsLruStub)
    expect(() => new LRUCache({ max: 10 })).toThrow(/left out of Latchkey's browser build/)
  })

  it('resolves only what @ethereumjs imports', () => {
    const plugin = ethereumjsWithoutDevTools() as unknown as { resolveId: (s: string, i?: string) => string | null }
    expect(plugin.resolveId('debug', '/x/node_modules/@ethereumjs/mpt/dist/esm/mpt.js')).toMatch(/no-debug/)
    expect(plugin.resolveId('lru-cache', '/x/node_modules/@ethereumjs/mpt/dist/esm/db/checkpointDB.js')).toMatch(/no-lru/)
    expect(plugin.resolveId('debug', '/x/node_modules/other/index.js')).toBeNull()
  })

  it('bundled with them, @ethereumjs/mpt computes the same root and verifies the same proof', async () => {
    const entries = [['a', 'one'], ['ab', 'two'], ['abc', 'three'], ['b', 'four']] as const
    const reference = new MerklePatriciaTrie()
    for (const [k, v] of entries) await reference.put(utf8ToBytes(k), utf8ToBytes(v))
    const proof = await createMerkleProof(reference, utf8ToBytes('ab'))
    const { code, load } = await bundleFixture({ entry: join(import.meta.dirname, 'fixtures/mptEntry.js'), plugins: [ethereumjsWithoutDevTools()] })
    expect(code).toContain("left out of Latchkey's browser build")
    expect(code).not.toContain('node_modules/lru-cache') // nor the real cache, nor debug's logger
    expect(code).not.toContain('createDebug.humanize')
    const { run } = await load()
    const result = await run(entries, bytesToHex(reference.root()), 'ab', proof.map((p) => bytesToHex(p)))
    expect(result).toEqual({ root: bytesToHex(reference.root()), value: 'two' })
  })
})
