import { sha256 } from '@noble/hashes/sha2.js'

// Which fragments a fountain-coded part mixes (BCR-2020-005 "Multipart UR"). Encoder and decoder
// must agree bit for bit, so this follows @ngraveio/bc-ur 1.1 (what MetaMask's and Keystone's
// JavaScript use) exactly, including how it turns Xoshiro256** output into a fraction: a bignumber.js
// division by 2^64 rounded half-up to 20 decimal places, read back as a double.

const mask64 = (1n << 64n) - 1n
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & mask64
const scale = 10n ** 20n

/** Xoshiro256** seeded with the SHA-256 of `seed` (four big-endian u64). */
function createXoshiro(seed: Uint8Array) {
  const digest = new DataView(sha256(seed).buffer)
  const s = [0, 1, 2, 3].map((i) => digest.getBigUint64(8 * i))
  const roll = () => {
    const result = (rotl((s[1]! * 5n) & mask64, 7n) * 9n) & mask64
    const t = (s[1]! << 17n) & mask64
    s[2]! ^= s[0]!
    s[3]! ^= s[1]!
    s[1]! ^= s[2]!
    s[0]! ^= s[3]!
    s[2]! ^= t
    s[3] = rotl(s[3]!, 45n)
    return result
  }
  const nextDouble = () => {
    const q = (roll() * scale * 2n + (1n << 64n)) / (1n << 65n)
    return Number(`${q / scale}.${(q % scale).toString().padStart(20, '0')}`)
  }
  return { nextDouble, nextInt: (low: number, high: number) => Math.floor(nextDouble() * (high - low + 1) + low) }
}

/** Walker's alias method over `probabilities` (as @keystonehq/alias-sampling builds its tables). */
function sampleAlias(probabilities: number[], next: () => number): number {
  const n = probabilities.length
  const sum = probabilities.reduce((a, b) => a + b, 0)
  const scaled = probabilities.map((p) => (p * n) / sum)
  const prob = new Array<number>(n)
  const alias = new Array<number>(n)
  const small: number[] = []
  const large: number[] = []
  for (let i = n - 1; i >= 0; i--) (scaled[i]! < 1 ? small : large).push(i)
  while (small.length > 0 && large.length > 0) {
    const less = small.pop()!
    const more = large.pop()!
    prob[less] = scaled[less]!
    alias[less] = more
    scaled[more] = scaled[more]! + scaled[less]! - 1
    ;(scaled[more]! < 1 ? small : large).push(more)
  }
  while (large.length > 0) prob[large.pop()!] = 1
  while (small.length > 0) prob[small.pop()!] = 1
  const c = Math.floor(next() * n)
  return next() < prob[c]! ? c : alias[c]!
}

/** The 0-based fragment indexes part `seqNum` (1-based) carries: parts 1..seqLength are the fragments themselves. */
export function chooseFragments({ seqNum, seqLength, checksum }: { seqNum: number; seqLength: number; checksum: number }): number[] {
  if (seqNum <= seqLength) return [seqNum - 1]
  const seed = new Uint8Array(8)
  new DataView(seed.buffer).setUint32(0, seqNum)
  new DataView(seed.buffer).setUint32(4, checksum)
  const rng = createXoshiro(seed)
  const degree = sampleAlias(Array.from({ length: seqLength }, (_, i) => 1 / (i + 1)), rng.nextDouble) + 1
  const remaining = Array.from({ length: seqLength }, (_, i) => i)
  const shuffled: number[] = []
  while (remaining.length > 0) shuffled.push(remaining.splice(rng.nextInt(0, remaining.length - 1), 1)[0]!)
  return shuffled.slice(0, degree)
}
