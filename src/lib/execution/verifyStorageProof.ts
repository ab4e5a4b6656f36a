import { RLP } from '@ethereumjs/rlp'
import { bytesToBigInt, hexToBigInt, hexToBytes, numberToHex, pad } from 'viem'
import { InvalidStorageProofError, StorageValueMismatchError } from './errors.ts'
import type { Address, Hex, RpcStorageProof } from './types.ts'
import { verifyMerkleProof } from './verifyMerkleProof.ts'

export type VerifyStorageProofParameters = {
  address: Address
  /** The account's proven storage root (from verifyAccountProof). */
  storageRoot: Hex
  /** The slot that was asked for. */
  slot: Hex
  proof: Pick<RpcStorageProof, 'proof' | 'value'>
}
/** The proven slot value, as a bigint. */
export type VerifyStorageProofReturnType = bigint
export type VerifyStorageProofErrorType = InvalidStorageProofError | StorageValueMismatchError

/** Verifies one EIP-1186 storage proof against an account's proven storage root; absent slots are 0. */
export async function verifyStorageProof({
  address,
  storageRoot,
  slot,
  proof,
}: VerifyStorageProofParameters): Promise<VerifyStorageProofReturnType> {
  let leaf: Uint8Array | null
  let slotKey: Uint8Array
  try {
    slotKey = hexToBytes(pad(slot, { size: 32 }))
    leaf = await verifyMerkleProof({ root: storageRoot, key: slotKey, proof: proof.proof })
  } catch (cause) {
    throw new InvalidStorageProofError({ address, slot, storageRoot, cause })
  }
  let proven = 0n
  if (leaf !== null) {
    const decoded = RLP.decode(leaf)
    if (!(decoded instanceof Uint8Array) || decoded.length > 32)
      throw new InvalidStorageProofError({ address, slot, storageRoot, cause: new Error('the proven leaf is not a storage value') })
    proven = decoded.length === 0 ? 0n : bytesToBigInt(decoded)
  }
  const claimed = hexToBigInt(proof.value)
  if (claimed !== proven)
    throw new StorageValueMismatchError({ address, slot, claimed: proof.value, proven: numberToHex(proven) })
  return proven
}
