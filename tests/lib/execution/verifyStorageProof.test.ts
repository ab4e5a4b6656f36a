import { describe, expect, it } from 'vitest'
import { InvalidStorageProofError, StorageValueMismatchError } from '../../../src/lib/execution/errors.ts'
import type { RpcAccountProof } from '../../../src/lib/execution/types.ts'
import { verifyAccountProof } from '../../../src/lib/execution/verifyAccountProof.ts'
import { verifyStorageProof } from '../../../src/lib/execution/verifyStorageProof.ts'
import { EMPTY_TRIE_ROOT } from '../../../src/lib/execution/verifyMerkleProof.ts'
import { BLOCK_21925176, HELIOS_RPC, clone, flipByte, readFixture } from './fixtures.ts'

const proof = readFixture<RpcAccountProof>(`${HELIOS_RPC}/proof.json`)
const [slot1] = proof.storageProof
const storageRoot = proof.storageHash
const address = proof.address

describe('verifyStorageProof on the mainnet deposit contract', () => {
  it('proves slot 1 under the proven storage root', async () => {
    const account = await verifyAccountProof({ address, stateRoot: BLOCK_21925176.stateRoot, proof })
    const value = await verifyStorageProof({ address, storageRoot: account.storageRoot, slot: '0x1', proof: slot1 })
    expect(value).toBe(0x2394e3bc4086a9625ae88307145a40ff4a4bf2c9a6755435bff86b22d6175d5fn)
  })

  it('rejects a wrong claimed value', async () => {
    const error = await verifyStorageProof({ address, storageRoot, slot: slot1.key, proof: { ...slot1, value: '0x1234' } }).catch((e) => e)
    expect(error).toBeInstanceOf(StorageValueMismatchError)
    expect(error.slot).toBe(slot1.key)
  })

  it('rejects a flipped byte in a proof node', async () => {
    for (const node of [0, slot1.proof.length - 1]) {
      const tampered = clone(slot1)
      tampered.proof[node] = flipByte(tampered.proof[node], 20)
      await expect(verifyStorageProof({ address, storageRoot, slot: slot1.key, proof: tampered })).rejects.toThrow(InvalidStorageProofError)
    }
  })

  it('rejects the proof used for another slot, a wrong root, and an empty proof', async () => {
    await expect(verifyStorageProof({ address, storageRoot, slot: '0x2', proof: slot1 })).rejects.toThrow(InvalidStorageProofError)
    await expect(verifyStorageProof({ address, storageRoot: flipByte(storageRoot, 0), slot: slot1.key, proof: slot1 })).rejects.toThrow(InvalidStorageProofError)
    await expect(verifyStorageProof({ address, storageRoot, slot: slot1.key, proof: { ...slot1, proof: [] } })).rejects.toThrow(InvalidStorageProofError)
  })

  it('proves zero for any slot of an empty storage trie, and refuses a non-zero claim', async () => {
    expect(await verifyStorageProof({ address, storageRoot: EMPTY_TRIE_ROOT, slot: '0x5', proof: { proof: [], value: '0x0' } })).toBe(0n)
    await expect(verifyStorageProof({ address, storageRoot: EMPTY_TRIE_ROOT, slot: '0x5', proof: { proof: [], value: '0x1' } })).rejects.toThrow(StorageValueMismatchError)
    await expect(verifyStorageProof({ address, storageRoot: EMPTY_TRIE_ROOT, slot: '0x5', proof: { proof: slot1.proof, value: '0x0' } })).rejects.toThrow(InvalidStorageProofError)
    // anvil and reth prove an empty trie with its one empty node (0x80, which hashes to the empty root)
    expect(await verifyStorageProof({ address, storageRoot: EMPTY_TRIE_ROOT, slot: '0x5', proof: { proof: ['0x80'], value: '0x0' } })).toBe(0n)
    await expect(verifyStorageProof({ address, storageRoot: EMPTY_TRIE_ROOT, slot: '0x5', proof: { proof: ['0x80'], value: '0x1' } })).rejects.toThrow(StorageValueMismatchError)
    await expect(verifyStorageProof({ address, storageRoot: EMPTY_TRIE_ROOT, slot: '0x5', proof: { proof: ['0x80', '0x80'], value: '0x0' } })).rejects.toThrow(InvalidStorageProofError)
  })
})
