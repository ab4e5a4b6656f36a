import { describe, expect, it } from 'vitest'
import { SerialReads } from '../../../src/lib/wallet/SerialReads.ts'

describe('SerialReads', () => {
  it('runs one read at a time: asked twice during a read, it reruns once when the read ends', () => {
    let reruns = 0
    const reads = new SerialReads(() => reruns++)
    const first = reads.begin()
    expect(first).toBe(0)
    expect(reads.begin()).toBeUndefined()
    expect(reads.begin()).toBeUndefined()
    reads.end(first!)
    expect(reruns).toBe(1)
    // Nothing asked meanwhile: no rerun.
    const second = reads.begin()
    reads.end(second!)
    expect(reruns).toBe(1)
  })

  it('a new generation does not wait for an old read, and the old answer is recognised as old', () => {
    let reruns = 0
    const reads = new SerialReads(() => reruns++)
    const old = reads.begin()!
    reads.next()
    expect(reads.isCurrent(old)).toBe(false)
    const fresh = reads.begin()
    expect(fresh).toBe(1)
    expect(reads.isCurrent(fresh!)).toBe(true)
    // The old read ending neither frees the new one's slot nor reruns for it.
    reads.end(old)
    expect(reads.begin()).toBeUndefined()
    reads.end(fresh!)
    expect(reruns).toBe(1)
  })
})
