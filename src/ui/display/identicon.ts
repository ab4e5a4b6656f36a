import { type Hex, hexToBytes, keccak256 } from 'viem'

export type Identicon = {
  /** Filled cells of a 5 × 5 grid, mirrored left to right: [column, row] pairs. */
  cells: [number, number][]
  /** HSL colours for the cells and the background. */
  color: string
  background: string
}

/**
 * A deterministic picture of an address: a mirrored 5 × 5 grid and a colour, from the keccak-256
 * of the address's 20 bytes. Hashed, not the raw bytes: an address-poisoning look-alike shares the
 * first and last bytes with yours, and must not share its picture. A dozen lines of our own
 * instead of a package (blockies, jazzicon): those draw with canvases or inline styles, and this
 * is small enough to read whole.
 */
export function createIdenticon(address: Hex): Identicon {
  const bytes = hexToBytes(keccak256(address.toLowerCase() as Hex))
  const cells: [number, number][] = []
  // 15 bits decide the left three columns; columns 3 and 4 mirror 1 and 0.
  for (let i = 0; i < 15; i++) {
    if (((bytes[i >> 3]! >> (i & 7)) & 1) === 0) continue
    const column = Math.floor(i / 5)
    const row = i % 5
    cells.push([column, row])
    if (column < 2) cells.push([4 - column, row])
  }
  const hue = ((bytes[2]! << 8) | bytes[3]!) % 360
  const saturation = 45 + (bytes[4]! % 30)
  return { cells, color: `hsl(${hue} ${saturation}% 45%)`, background: `hsl(${hue} ${saturation}% 92%)` }
}

