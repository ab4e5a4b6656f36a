import { describe, expect, it } from 'vitest'
import { createIdenticon } from '../../../src/ui/display/identicon.ts'

describe('createIdenticon (an address\'s picture)', () => {
  const a = '0x000000000000000000000000000000000000bEEF'
  it('is the same for the same address, whatever its case', () => {
    expect(createIdenticon(a)).toEqual(createIdenticon(a.toLowerCase() as `0x${string}`))
  })
  it('is mirrored left to right inside the 5 × 5 grid', () => {
    const { cells } = createIdenticon(a)
    const set = new Set(cells.map(([x, y]) => `${x},${y}`))
    for (const [x, y] of cells) {
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(5)
      expect(y).toBeLessThan(5)
      expect(set.has(`${4 - x},${y}`)).toBe(true)
    }
  })
  it('differs for a look-alike that shares the first and last bytes (address poisoning)', () => {
    const mine = createIdenticon('0x1234567890abcdef1234567890abcdef12345678')
    const lookalike = createIdenticon('0x1234567800000000000000000000000012345678')
    expect(lookalike).not.toEqual(mine)
  })
  it('spreads over many distinct pictures', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const address = `0x${i.toString(16).padStart(40, '0')}` as `0x${string}`
      const { cells, color } = createIdenticon(address)
      seen.add(`${color}|${cells.map((c) => c.join(',')).sort().join(';')}`)
    }
    expect(seen.size).toBe(200)
  })
})
