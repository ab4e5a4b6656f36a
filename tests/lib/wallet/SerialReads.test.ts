import { describe, expect, it } from 'vitest'
import { SerialReads } from '../../../src/lib/wallet/SerialReads.ts'

describe('SerialReads', () => {
  it('a read asked for at a newer head starts at once, while the older read is still in flight', () => {
    let reruns = 0
    const reads = new SerialReads(() => reruns++)
    const older = reads.begin(10n)!
    const newer = reads.begin(11n)
    expect(newer).toBeDefined()
    expect(newer!.head).toBe(11n)
    expect(reads.isNewest(newer!)).toBe(true)
    expect(reads.isNewest(older)).toBe(false)
    // The older ending neither reruns nor frees the newer's place.
    reads.end(older)
    expect(reruns).toBe(0)
    reads.end(newer!)
    expect(reruns).toBe(0)
  })

  it('an older head answering after the newer one was shown is dropped', () => {
    const reads = new SerialReads(() => {})
    const older = reads.begin(10n)!
    const newer = reads.begin(11n)!
    expect(reads.show(newer)).toBe(true)
    expect(reads.show(older)).toBe(false)
    // Per shown thing: the newer having shown one token does not hide the older's answer for another.
    expect(reads.show(newer, 'token a')).toBe(true)
    expect(reads.show(older, 'token a')).toBe(false)
    expect(reads.show(older, 'token b')).toBe(true)
    expect(reads.show(newer, 'token b')).toBe(true)
    expect(reads.show(older, 'token b')).toBe(false)
  })

  it('an older head answering before the newer one is shown, and then the newer one replaces it', () => {
    const reads = new SerialReads(() => {})
    const older = reads.begin(10n)!
    const newer = reads.begin(11n)!
    expect(reads.show(older)).toBe(true)
    reads.end(older)
    expect(reads.show(newer)).toBe(true)
  })

  it('coalesces: heads arriving while a superseding read is in flight rerun once when the newest ends', () => {
    let reruns = 0
    const reads = new SerialReads(() => reruns++)
    const older = reads.begin(10n)!
    const newer = reads.begin(11n)!
    // Two in flight: neither a third head nor a fourth starts another read.
    expect(reads.begin(12n)).toBeUndefined()
    expect(reads.begin(13n)).toBeUndefined()
    reads.end(older)
    expect(reruns).toBe(0)
    reads.end(newer)
    expect(reruns).toBe(1)
    // Nothing asked meanwhile: no rerun.
    const again = reads.begin(13n)!
    reads.end(again)
    expect(reruns).toBe(1)
  })

  it('the same head (or an older one) asked during its read waits and reruns once when it ends', () => {
    let reruns = 0
    const reads = new SerialReads(() => reruns++)
    const first = reads.begin(10n)!
    expect(first.generation).toBe(0)
    expect(reads.begin(10n)).toBeUndefined()
    expect(reads.begin(9n)).toBeUndefined()
    reads.end(first)
    expect(reruns).toBe(1)
  })

  it('when the newest ends before the superseded one, the rerun can start a newer read at once', () => {
    let reruns = 0
    const reads = new SerialReads(() => reruns++)
    const older = reads.begin(10n)!
    const newer = reads.begin(11n)!
    expect(reads.begin(12n)).toBeUndefined()
    reads.end(newer)
    expect(reruns).toBe(1)
    const rerun = reads.begin(12n)
    expect(rerun).toBeDefined()
    expect(reads.show(rerun!)).toBe(true)
    // The slow superseded read's answer never overwrites the newer ones.
    expect(reads.show(older)).toBe(false)
  })

  it('a new generation does not wait for an old read, and the old answer is recognised as old', () => {
    let reruns = 0
    const reads = new SerialReads(() => reruns++)
    const old = reads.begin(10n)!
    reads.next()
    expect(reads.isCurrent(old.generation)).toBe(false)
    const fresh = reads.begin(10n)
    expect(fresh?.generation).toBe(1)
    expect(reads.isCurrent(fresh!.generation)).toBe(true)
    expect(reads.show(old)).toBe(false)
    expect(reads.isNewest(old)).toBe(false)
    // The old read ending neither frees the new one's place nor reruns for it.
    reads.end(old)
    expect(reads.begin(10n)).toBeUndefined()
    reads.end(fresh!)
    expect(reruns).toBe(1)
  })
})
