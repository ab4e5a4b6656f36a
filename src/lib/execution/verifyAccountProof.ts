import { RLP } from '@ethereumjs/rlp'
import { bytesToBigInt, bytesToHex, hexToBigInt, hexToBytes, isAddress } from 'viem'
import { AccountProofMismatchError, InvalidAccountProofError } from './errors.ts'
import type { Address, Hex, RpcAccountProof, VerifiedAccount } from './types.ts'
import { EMPTY_TRIE_ROOT, verifyMerkleProof } from './verifyMerkleProof.ts'

/** keccak256 of empty code. */
export const EMPTY_CODE_HASH: Hex = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'

export type VerifyAccountProofParameters = {
  /** The address that was asked for (not the one the provider echoes back). */
  address: Address
  /** The trusted state root. */
  stateRoot: Hex
  proof: Pick<RpcAccountProof, 'accountProof' | 'balance' | 'nonce' | 'codeHash' | 'storageHash'>
}
export type VerifyAccountProofReturnType = VerifiedAccount
export type VerifyAccountProofErrorType = InvalidAccountProofError | AccountProofMismatchError

/**
 * Verifies an EIP-1186 account proof against a trusted state root and returns the proven account;
 * an exclusion proof yields the empty account with `exists: false`.
 * Also checks that the provider's claimed balance, nonce, codeHash and storageHash equal the proven
 * ones, since a provider that lies about them is faulty even if the caller ignores those fields.
 */
export async function verifyAccountProof({
  address,
  stateRoot,
  proof,
}: VerifyAccountProofParameters): Promise<VerifyAccountProofReturnType> {
  if (!isAddress(address, { strict: false })) throw new InvalidAccountProofError({ address, stateRoot, cause: new Error('not an address') })
  let leaf: Uint8Array | null
  try {
    leaf = await verifyMerkleProof({ root: stateRoot, key: hexToBytes(address), proof: proof.accountProof })
  } catch (cause) {
    throw new InvalidAccountProofError({ address, stateRoot, cause })
  }
  const account = leaf === null ? emptyAccount(address) : decodeAccount({ address, stateRoot, leaf })
  compareClaim(address, 'nonce', hexToBigInt(proof.nonce), account.nonce)
  compareClaim(address, 'balance', hexToBigInt(proof.balance), account.balance)
  compareClaim(address, 'codeHash', proof.codeHash.toLowerCase(), account.codeHash)
  compareClaim(address, 'storageHash', proof.storageHash.toLowerCase(), account.storageRoot)
  return account
}

function emptyAccount(address: Address): VerifiedAccount {
  return { address, nonce: 0n, balance: 0n, codeHash: EMPTY_CODE_HASH, storageRoot: EMPTY_TRIE_ROOT, exists: false }
}

function decodeAccount({ address, stateRoot, leaf }: { address: Address; stateRoot: Hex; leaf: Uint8Array }): VerifiedAccount {
  let fields: unknown
  try {
    fields = RLP.decode(leaf)
  } catch (cause) {
    throw new InvalidAccountProofError({ address, stateRoot, cause })
  }
  if (!Array.isArray(fields) || fields.length !== 4 || !fields.every((f) => f instanceof Uint8Array))
    throw new InvalidAccountProofError({ address, stateRoot, cause: new Error('the proven leaf is not an account') })
  const [nonce, balance, storageRoot, codeHash] = fields as Uint8Array[]
  return {
    address,
    nonce: nonce.length === 0 ? 0n : bytesToBigInt(nonce),
    balance: balance.length === 0 ? 0n : bytesToBigInt(balance),
    storageRoot: bytesToHex(storageRoot),
    codeHash: bytesToHex(codeHash),
    exists: true,
  }
}

function compareClaim(address: Address, field: string, claimed: bigint | string, proven: bigint | string) {
  if (claimed !== proven)
    throw new AccountProofMismatchError({ address, field, claimed: String(claimed), proven: String(proven) })
}
