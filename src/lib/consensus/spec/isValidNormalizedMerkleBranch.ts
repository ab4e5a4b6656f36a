import { sha256 } from '@noble/hashes/sha2.js'

/**
 * is_valid_merkle_branch over the subtree index of `gindex`; extra leading nodes (a branch
 * normalized to a later fork's depth) must be zero.
 * https://github.com/ethereum/consensus-specs/blob/dev/specs/electra/light-client/sync-protocol.md#is_valid_normalized_merkle_branch
 * (Written here rather than taken from Lodestar's light-client package, which the app no longer loads.)
 */
export function isValidNormalizedMerkleBranch({ leaf, branch, gindex, root }: { leaf: Uint8Array; branch: Uint8Array[]; gindex: number; root: Uint8Array }): boolean {
  const depth = Math.floor(Math.log2(gindex))
  const index = gindex % 2 ** depth
  const extra = branch.length - depth
  if (extra < 0) return false
  for (let i = 0; i < extra; i++) if (branch[i]!.some((b) => b !== 0)) return false
  let node = leaf
  const buffer = new Uint8Array(64)
  for (let i = 0; i < depth; i++) {
    const sibling = branch[extra + i]!
    if (sibling.length !== 32) return false
    const right = Math.floor(index / 2 ** i) % 2 === 1
    buffer.set(right ? sibling : node, 0)
    buffer.set(right ? node : sibling, 32)
    node = sha256(buffer)
  }
  return node.length === root.length && node.every((b, i) => b === root[i])
}
