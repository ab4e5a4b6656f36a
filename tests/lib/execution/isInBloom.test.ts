import { describe, expect, it } from 'vitest'
import { isInBloom } from '../../../src/lib/execution/isInBloom.ts'
import type { RpcReceipt } from '../../../src/lib/execution/types.ts'
import { HELIOS_RPC, readFixture } from './fixtures.ts'

describe('isInBloom', () => {
  const receipts = readFixture<RpcReceipt[]>(`${HELIOS_RPC}/receipts.json`)
  const block = readFixture(`${HELIOS_RPC}/block.json`)

  it('finds every log address and topic of mainnet block 21925176 in the block and receipt blooms', () => {
    for (const receipt of receipts)
      for (const log of receipt.logs)
        for (const value of [log.address, ...log.topics]) {
          expect(isInBloom({ bloom: block.logsBloom, value })).toBe(true)
          expect(isInBloom({ bloom: receipt.logsBloom, value })).toBe(true)
        }
  })

  it('rules out values a sparse receipt bloom does not hold', () => {
    const sparse = receipts.find((r) => r.logs.length === 1)!
    const others = receipts.flatMap((r) => r.logs.map((l) => l.address)).filter((a) => a !== sparse.logs[0].address)
    const absent = others.filter((value) => !isInBloom({ bloom: sparse.logsBloom, value }))
    expect(absent.length).toBeGreaterThan(others.length * 0.9)
    expect(isInBloom({ bloom: `0x${'0'.repeat(512)}`, value: sparse.logs[0].address })).toBe(false)
  })
})
