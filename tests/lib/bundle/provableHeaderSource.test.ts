import { describe, expect, it } from 'vitest'
import { provableHeaderSource } from '../../../src/lib/bundle/provableHeaderSource.ts'
import type { BlockSelector, VerifiedExecutionHeader } from '../../../src/lib/execution/types.ts'

const header = (n: number, hash: string) => ({ number: BigInt(n), blockHash: hash }) as unknown as VerifiedExecutionHeader
const heads: Record<string, VerifiedExecutionHeader> = { finalized: header(10, '0xf1'), latest: header(20, '0xa2') }
const source = { getExecutionHeader: async (block: BlockSelector) => heads[String(block)] ?? Promise.reject(new Error('not a head')) }

describe('provableHeaderSource', () => {
  it('passes the heads the client kept an update for, and refuses the others with HeaderNotAvailableError (so the resolver walks from the next head)', async () => {
    // The finalized header was restored from a saved state: trusted, but no update to put in a bundle.
    const provable = provableHeaderSource({ headers: source, isProvable: (hash) => hash === '0xa2' })
    await expect(provable.getExecutionHeader('latest')).resolves.toMatchObject({ blockHash: '0xa2' })
    await expect(provable.getExecutionHeader('finalized')).rejects.toMatchObject({ name: 'HeaderNotAvailableError', message: expect.stringContaining('0xf1') })
    // What the source itself cannot vouch for stays its own error.
    await expect(provable.getExecutionHeader(5n)).rejects.toThrow('not a head')
  })
})
