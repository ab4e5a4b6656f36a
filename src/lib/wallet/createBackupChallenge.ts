export type CreateBackupChallengeParameters = {
  mnemonic: string
  /** How many words the user must re-enter. */
  count?: number
  /** Injectable for tests; defaults to the platform CSPRNG. */
  randomInt?: (maxExclusive: number) => number
}
/** 1-based word positions to ask for, ascending. */
export type CreateBackupChallengeReturnType = { positions: number[] }

function cryptoRandomInt(maxExclusive: number): number {
  // Rejection sampling avoids modulo bias.
  const limit = Math.floor(0x1_0000_0000 / maxExclusive) * maxExclusive
  const buf = new Uint32Array(1)
  for (;;) {
    globalThis.crypto.getRandomValues(buf)
    if (buf[0] < limit) return buf[0] % maxExclusive
  }
}

/** Picks k distinct random word positions for the "prove you wrote it down" step. */
export function createBackupChallenge({
  mnemonic,
  count = 3,
  randomInt = cryptoRandomInt,
}: CreateBackupChallengeParameters): CreateBackupChallengeReturnType {
  const total = mnemonic.trim().split(/\s+/).length
  if (count < 1 || count > total) throw new RangeError(`count must be between 1 and ${total}`)
  // Partial Fisher-Yates over all positions.
  const pool = Array.from({ length: total }, (_, i) => i + 1)
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(total - i)
    ;[pool[i], pool[j]] = [pool[j], pool[i]]
  }
  return { positions: pool.slice(0, count).sort((a, b) => a - b) }
}
