import { expect, it } from 'vitest'
import { PreparedCache } from '../../../../src/lib/consensus/bls/PreparedCache.ts'

it('gives a prepared value to one check only, and counts it as prepared after it was taken', () => {
  const cache = new PreparedCache<string>()
  expect(cache.prepared('m')).toBe(false)
  cache.put('m', 'hash of m')
  expect(cache.prepared('m')).toBe(true)
  expect(cache.take('m')).toBe('hash of m')
  expect(cache.take('m')).toBeUndefined() // the next check computes it itself
  expect(cache.prepared('m')).toBe(true) // a second update over the same head is not prepared again
})

it('forgets the oldest held and taken keys past its size', () => {
  const cache = new PreparedCache<number>()
  for (let i = 0; i <= PreparedCache.SIZE; i++) cache.put(`k${i}`, i)
  expect(cache.prepared('k0')).toBe(false)
  expect(cache.take('k0')).toBeUndefined()
  for (let i = 1; i <= PreparedCache.SIZE; i++) expect(cache.take(`k${i}`)).toBe(i)
  cache.put('new', 0)
  expect(cache.take('new')).toBe(0)
  expect(cache.prepared('k1')).toBe(false)
  expect(cache.prepared('new')).toBe(true)
})

it('a key prepared again after it was taken is held again', () => {
  const cache = new PreparedCache<string>()
  cache.put('m', 'a')
  cache.take('m')
  cache.put('m', 'b')
  expect(cache.take('m')).toBe('b')
})
