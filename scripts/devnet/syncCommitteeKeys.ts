import { SecretKey } from '@chainsafe/blst'
import { SYNC_COMMITTEE_SIZE } from '@lodestar/params'
import type { altair } from '@lodestar/types'
import { sha256 } from '@noble/hashes/sha2.js'

// Order of the BLS12-381 scalar field.
const R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n

function scalarToBytes(x: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(x.toString(16).padStart(64, '0'), 'hex'))
}

/** Deterministic secret scalar of member `index` of the committee of `period`. */
function memberScalar(seed: string, period: number, index: number): bigint {
  const digest = sha256(new TextEncoder().encode(`${seed}/sync-committee/${period}/${index}`))
  const x = BigInt(`0x${Buffer.from(digest).toString('hex')}`) % R
  return x === 0n ? 1n : x
}

export type SyncCommitteeKeys = {
  period: number
  scalars: bigint[]
  committee: altair.SyncCommittee
}

/**
 * The committee of a period: 512 deterministic BLS keys, a different set every period.
 * Every member signs the same root, so the aggregate signature of the participants equals a
 * signature by the sum of their secret keys (BLS is linear): one signing per slot, not 512.
 */
export function createSyncCommitteeKeys(seed: string, period: number): SyncCommitteeKeys {
  const scalars: bigint[] = []
  const pubkeys: Uint8Array[] = []
  for (let i = 0; i < SYNC_COMMITTEE_SIZE; i++) {
    const x = memberScalar(seed, period, i)
    scalars.push(x)
    pubkeys.push(SecretKey.fromBytes(scalarToBytes(x)).toPublicKey().toBytes())
  }
  const aggregate = scalars.reduce((a, b) => (a + b) % R, 0n)
  const aggregatePubkey = SecretKey.fromBytes(scalarToBytes(aggregate || 1n)).toPublicKey().toBytes()
  return { period, scalars, committee: { pubkeys, aggregatePubkey } }
}

/** Aggregate signature of the participating members (bits[i] true) over `root`. */
export function signAsCommittee(keys: SyncCommitteeKeys, bits: boolean[], root: Uint8Array): Uint8Array {
  let sum = 0n
  bits.forEach((on, i) => {
    if (on) sum = (sum + keys.scalars[i]) % R
  })
  if (sum === 0n) throw new Error('signAsCommittee: no participants')
  return SecretKey.fromBytes(scalarToBytes(sum)).sign(root).toBytes()
}

export function signWithScalar(seed: string, label: string, root: Uint8Array): Uint8Array {
  const digest = sha256(new TextEncoder().encode(`${seed}/${label}`))
  const x = BigInt(`0x${Buffer.from(digest).toString('hex')}`) % R || 1n
  return SecretKey.fromBytes(scalarToBytes(x)).sign(root).toBytes()
}
