import { describe, expect, it } from 'vitest'
import { AccountProofMismatchError, InvalidAccountProofError } from '../../../src/lib/execution/errors.ts'
import type { RpcAccountProof } from '../../../src/lib/execution/types.ts'
import { EMPTY_CODE_HASH, verifyAccountProof } from '../../../src/lib/execution/verifyAccountProof.ts'
import { EMPTY_TRIE_ROOT } from '../../../src/lib/execution/verifyMerkleProof.ts'
import { BLOCK_21925176, HELIOS_RPC, LODESTAR, clone, flipByte, readFixture } from './fixtures.ts'

const proof = readFixture<RpcAccountProof>(`${HELIOS_RPC}/proof.json`)
const miner = readFixture<RpcAccountProof>(`${HELIOS_RPC}/block_miner_proof.json`)
const { stateRoot } = BLOCK_21925176

describe('verifyAccountProof on mainnet block 21925176', () => {
  it('proves the deposit contract', async () => {
    const account = await verifyAccountProof({ address: proof.address, stateRoot, proof })
    expect(account.balance).toBe(57657174398349561183621184n)
    expect(account.nonce).toBe(1n)
    expect(account.codeHash).toBe(proof.codeHash)
    expect(account.storageRoot).toBe(proof.storageHash)
    expect(account.exists).toBe(true)
  })

  it('proves the block miner', async () => {
    const account = await verifyAccountProof({ address: miner.address, stateRoot, proof: miner })
    expect(account.balance).toBe(10593965569117523386n)
    expect(account.nonce).toBe(1304478n)
  })

  it('rejects a flipped byte in any proof node', async () => {
    for (const node of [0, 3, proof.accountProof.length - 1]) {
      const tampered = clone(proof)
      tampered.accountProof[node] = flipByte(tampered.accountProof[node], 40)
      await expect(verifyAccountProof({ address: proof.address, stateRoot, proof: tampered })).rejects.toThrow(InvalidAccountProofError)
    }
  })

  it('rejects another account\'s leaf swapped in', async () => {
    const tampered = clone(proof)
    tampered.accountProof[tampered.accountProof.length - 1] = miner.accountProof[miner.accountProof.length - 1]
    await expect(verifyAccountProof({ address: proof.address, stateRoot, proof: tampered })).rejects.toThrow(InvalidAccountProofError)
  })

  it('rejects a proof for another address', async () => {
    await expect(verifyAccountProof({ address: proof.address, stateRoot, proof: miner })).rejects.toThrow(InvalidAccountProofError)
  })

  it('rejects a wrong state root', async () => {
    await expect(
      verifyAccountProof({ address: proof.address, stateRoot: flipByte(stateRoot, 31), proof }),
    ).rejects.toThrow(InvalidAccountProofError)
  })

  it('rejects a truncated or empty proof', async () => {
    await expect(verifyAccountProof({ address: proof.address, stateRoot, proof: { ...proof, accountProof: proof.accountProof.slice(0, -1) } })).rejects.toThrow(InvalidAccountProofError)
    await expect(verifyAccountProof({ address: proof.address, stateRoot, proof: { ...proof, accountProof: [] } })).rejects.toThrow(InvalidAccountProofError)
  })

  it('rejects a claimed balance that differs from the proven one', async () => {
    const error = await verifyAccountProof({ address: proof.address, stateRoot, proof: { ...proof, balance: '0x1' } }).catch((e) => e)
    expect(error).toBeInstanceOf(AccountProofMismatchError)
    expect(error.field).toBe('balance')
    expect(error.name).toBe('AccountProofMismatchError')
  })
})

describe('other mainnet data and exclusion proofs', () => {
  it('proves 0x0 and a contract on mainnet block 17463226 (lodestar eth_call fixture)', async () => {
    const fixture = readFixture(`${LODESTAR}/mainnet/eth_call.json`)
    const root = fixture.execution.block.stateRoot
    const [zeroProof, , contractProof] = fixture.dependentRequests[1].response
    const contract = await verifyAccountProof({ address: '0xade2a9c8b033d60ffcdb8cfc974dd87b2a9c1f27', stateRoot: root, proof: contractProof.result })
    expect(contract).toMatchObject({ nonce: 1n, balance: 0n, exists: true })
    const zero = await verifyAccountProof({ address: '0x0000000000000000000000000000000000000000', stateRoot: root, proof: zeroProof.result })
    expect(zero.balance).toBe(11734248175112819816997n)
  })

  it('verifies an exclusion proof built from a real trie and yields the empty account', async () => {
    const { createMPT, createMerkleProof } = await import('@ethereumjs/mpt')
    const { RLP } = await import('@ethereumjs/rlp')
    const { bytesToHex, hexToBytes } = await import('viem')
    const trie = await createMPT({ useKeyHashing: true })
    const present = '0x1111111111111111111111111111111111111111'
    await trie.put(hexToBytes(present), RLP.encode([1, 5, hexToBytes(EMPTY_TRIE_ROOT), hexToBytes(EMPTY_CODE_HASH)]))
    await trie.put(hexToBytes('0x2222222222222222222222222222222222222222'), RLP.encode([0, 7, hexToBytes(EMPTY_TRIE_ROOT), hexToBytes(EMPTY_CODE_HASH)]))
    const absent = '0x3333333333333333333333333333333333333333'
    const nodes = (await createMerkleProof(trie, hexToBytes(absent))).map((n) => bytesToHex(n))
    const root = bytesToHex(trie.root())
    const claimed = { accountProof: nodes, balance: '0x0', nonce: '0x0', codeHash: EMPTY_CODE_HASH, storageHash: EMPTY_TRIE_ROOT } as const
    const account = await verifyAccountProof({ address: absent, stateRoot: root, proof: claimed })
    expect(account).toMatchObject({ exists: false, balance: 0n, nonce: 0n, codeHash: EMPTY_CODE_HASH })
    // A provider claiming the absent account holds funds is caught.
    await expect(verifyAccountProof({ address: absent, stateRoot: root, proof: { ...claimed, balance: '0x5' } })).rejects.toThrow(AccountProofMismatchError)
    // The exclusion proof cannot be used to deny a present account.
    await expect(verifyAccountProof({ address: present, stateRoot: root, proof: { ...claimed } })).rejects.toThrow()
  })
})

describe('sepolia (lodestar prover fixtures)', () => {
  it.each([
    ['eth_getBalance_eoa.json', 471520396073073769504n],
    ['eth_getBalance_contract.json', 0x3c94a8e8f06c6710n],
  ])('%s', async (file, balance) => {
    const fixture = readFixture(`${LODESTAR}/sepolia/${file}`)
    const [address] = fixture.request.params
    const result = fixture.dependentRequests[0].response.result
    const account = await verifyAccountProof({ address, stateRoot: fixture.beacon.executionPayload.state_root, proof: result })
    expect(account.balance).toBe(balance)
    expect(account.balance).toBe(BigInt(fixture.response.result))
  })

  it('eth_getTransactionCount.json', async () => {
    const fixture = readFixture(`${LODESTAR}/sepolia/eth_getTransactionCount.json`)
    const result = fixture.dependentRequests[0].response.result
    const account = await verifyAccountProof({ address: fixture.request.params[0], stateRoot: fixture.beacon.executionPayload.state_root, proof: result })
    expect(account.nonce).toBe(BigInt(fixture.response.result))
  })
})
