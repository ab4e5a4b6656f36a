import type { Hex } from 'viem'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { InvalidPrivateKeyError } from './errors.ts'

export type VerifyPrivateKeyParameters = { privateKey: string }
/** Normalized: lower-case, 0x-prefixed, 64 hex digits. */
export type VerifyPrivateKeyReturnType = Hex

/** Validates a raw private key as typed or pasted (with or without 0x). */
export function verifyPrivateKey({ privateKey }: VerifyPrivateKeyParameters): VerifyPrivateKeyReturnType {
  const trimmed = privateKey.trim()
  const hex = trimmed.startsWith('0x') || trimmed.startsWith('0X') ? trimmed.slice(2) : trimmed
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new InvalidPrivateKeyError({ reason: 'it contains characters that are not hex digits' })
  if (hex.length !== 64)
    throw new InvalidPrivateKeyError({ reason: `it has ${hex.length} hex digits, a private key has 64 (32 bytes)` })
  const k = BigInt(`0x${hex}`)
  if (k === 0n || k >= secp256k1.Point.CURVE().n)
    throw new InvalidPrivateKeyError({ reason: 'it is outside the secp256k1 range (0 < key < n)' })
  return `0x${hex.toLowerCase()}`
}
