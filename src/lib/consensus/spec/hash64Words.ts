// SHA-256 of a 64-byte message, as 16 big-endian 32-bit words in and 8 out: the one hash a
// hash_tree_root makes (two 32-byte chunks to one). Written out here because a sync committee's root
// is 1,025 such hashes on the light client's critical path, twice a round (a hand-over's committee
// branch), and @noble/hashes' general SHA-256, which the browser builds use through
// persistent-merkle-tree, copies every input into a buffer, pads it and expands a second block's
// schedule each time; a 64-byte message's padding block is always the same, so its schedule (with
// the round constants) is computed once below. The alternative, as-sha256's SIMD WebAssembly, costs
// 10 kB gzip and a compile in the worker. FIPS 180-4, section 6.2; tests/lib/consensus/spec/
// hash64Words.test.ts holds it to @noble/hashes for random inputs.

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19])

const W = new Int32Array(64)
const H = new Int32Array(8)

function expand(w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!
    const b = w[i - 2]!
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3)
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10)
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0
  }
}

/** K[i] + W[i] of the padding block of every 64-byte message: 0x80, zeros, the length 512 (bits). */
const PADDING_KW = (() => {
  const w = new Int32Array(64)
  w[0] = 0x80000000 | 0
  w[15] = 512
  expand(w)
  return w.map((x, i) => (x + K[i]!) | 0)
})()

/** The 64 rounds over `kw` (K[i] + W[i]) from `state`, added into `state` (FIPS 180-4, 6.2.2). */
function rounds(state: Int32Array, kw: Int32Array): void {
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + kw[i]!) | 0
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0
    h = g
    g = f
    f = e
    e = (d + t1) | 0
    d = c
    c = b
    b = a
    a = (t1 + t2) | 0
  }
  state[0] = (state[0]! + a) | 0
  state[1] = (state[1]! + b) | 0
  state[2] = (state[2]! + c) | 0
  state[3] = (state[3]! + d) | 0
  state[4] = (state[4]! + e) | 0
  state[5] = (state[5]! + f) | 0
  state[6] = (state[6]! + g) | 0
  state[7] = (state[7]! + h) | 0
}

/** SHA-256 of the 16 words at `input[inOffset..]` (a 64-byte message), its 8 words written to `output[outOffset..]`. */
export function hash64Words(input: Int32Array, inOffset: number, output: Int32Array, outOffset: number): void {
  for (let i = 0; i < 16; i++) W[i] = input[inOffset + i]!
  expand(W)
  for (let i = 0; i < 64; i++) W[i] = (W[i]! + K[i]!) | 0
  H.set(IV)
  rounds(H, W)
  rounds(H, PADDING_KW)
  for (let i = 0; i < 8; i++) output[outOffset + i] = H[i]!
}
