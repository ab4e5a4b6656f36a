import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { bytesToHex, hexToBigInt, hexToBytes } from 'viem'
import { WithdrawalsRootMismatchError } from './errors.ts'
import type { Address, Hex } from './types.ts'

export type RpcWithdrawal = { index: Hex; validatorIndex: Hex; address: Address; amount: Hex }

/** Rebuilds the EIP-4895 withdrawals trie (rlp([index, validatorIndex, address, amount])) and compares roots. */
export async function verifyWithdrawals({ withdrawals, withdrawalsRoot }: { withdrawals: RpcWithdrawal[]; withdrawalsRoot: Hex }): Promise<RpcWithdrawal[]> {
  const trie = new MerklePatriciaTrie()
  const quantity = (v: Hex) => {
    const n = hexToBigInt(v)
    if (n === 0n) return new Uint8Array()
    const hex = n.toString(16)
    return hexToBytes(`0x${hex.length % 2 ? '0' : ''}${hex}`)
  }
  for (const [i, w] of withdrawals.entries())
    await trie.put(RLP.encode(i), RLP.encode([quantity(w.index), quantity(w.validatorIndex), hexToBytes(w.address), quantity(w.amount)]))
  const computed = bytesToHex(trie.root())
  if (computed !== withdrawalsRoot.toLowerCase()) throw new WithdrawalsRootMismatchError({ expected: withdrawalsRoot, computed })
  return withdrawals
}
