import { verifyMerkleProof as mptVerifyMerkleProof } from '@ethereumjs/mpt'
import { hexToBytes } from 'viem'
import type { Hex } from './types.ts'
import { EmptyProofError } from './errors.ts'

/** keccak256(rlp('')): the root of an empty trie. */
export const EMPTY_TRIE_ROOT: Hex = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'

export type VerifyMerkleProofParameters = {
  root: Hex
  /** The unhashed key (address or slot); it is hashed with keccak256 as in the state and storage tries. */
  key: Uint8Array
  proof: Hex[]
}

/**
 * Returns the value the proof shows under keccak256(key) in the trie with this root, or null for
 * a valid exclusion proof; throws when the proof does not verify (EIP-1186).
 */
export async function verifyMerkleProof({ root, key, proof }: VerifyMerkleProofParameters): Promise<Uint8Array | null> {
  // The empty trie has no nodes, so a proof of anything in it is empty, or (as anvil and reth send
  // it) the empty node 0x80 alone, which hashes to that root.
  if (root.toLowerCase() === EMPTY_TRIE_ROOT) {
    if (proof.length === 0 || (proof.length === 1 && proof[0].toLowerCase() === '0x80')) return null
  } else if (proof.length === 0) {
    throw new EmptyProofError()
  }
  return mptVerifyMerkleProof(
    key,
    proof.map((node) => hexToBytes(node)),
    { root: hexToBytes(root), useKeyHashing: true },
  )
}
