import { keccak256 } from 'viem'
import { CodeHashMismatchError } from './errors.ts'
import type { Address, Hex } from './types.ts'

export type VerifyCodeHashParameters = {
  address: Address
  /** The account's proven code hash (from verifyAccountProof). */
  codeHash: Hex
  /** The code the provider served. */
  code: Hex
}
export type VerifyCodeHashReturnType = Hex
export type VerifyCodeHashErrorType = CodeHashMismatchError

/** Returns the code when keccak256(code) equals the proven code hash; throws otherwise. */
export function verifyCodeHash({ address, codeHash, code }: VerifyCodeHashParameters): VerifyCodeHashReturnType {
  const computed = keccak256(code === '0x' ? new Uint8Array() : code)
  if (computed !== codeHash.toLowerCase()) throw new CodeHashMismatchError({ address, expected: codeHash, computed })
  return code
}
