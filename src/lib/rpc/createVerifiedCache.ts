import { pad } from 'viem'
import type { Address, Hex, ProvenAccount } from '../execution/types.ts'
import type { GetVerifiedBlockReturnType } from './getVerifiedBlock.ts'

export type CreateVerifiedCacheParameters = {
  /** Blocks kept (least recently used dropped first; default 8): a block hash seen again is usually the head. */
  maxBlocks?: number
  /** Accounts kept per block (oldest dropped first; default 256). */
  maxAccountsPerBlock?: number
  /** Storage slots kept per account (oldest dropped first; default 256). */
  maxSlotsPerAccount?: number
}

/** eth_call results kept per block (oldest dropped first). */
export const MAX_CALLS_PER_BLOCK = 256

/** What one block's cache holds: only values already verified against that block's header. */
export type VerifiedBlockEntry = {
  /** Verified accounts by lowercase address: the account, the slots read so far, the code once read. */
  accounts: Map<string, ProvenAccount>
  /** The block (with receipts when `withReceipts`) being verified or verified, shared by every caller. */
  block: { withReceipts: boolean; result: Promise<GetVerifiedBlockReturnType> } | undefined
  /** Answers derived from the verified block, by transaction hash (e.g. the receipt with its recovered sender). */
  receipts: Map<string, unknown>
  /** eth_call results computed in the local EVM over state proven at this block, by the call's JSON. */
  calls: Map<string, unknown>
}

export type VerifiedCache = {
  /** The entry of one block, by its hash (the hash of a verified header: never a number or a tag). */
  at(blockHash: Hex): VerifiedBlockEntry
  /**
   * An account at one block, if every slot asked (and the code, when asked) is already held: shaped
   * as fetchVerifiedAccounts answers, with exactly the slots asked (32-byte keys, in order).
   */
  getAccount(args: { blockHash: Hex; address: Address; slots: readonly Hex[]; withCode: boolean }): ProvenAccount | undefined
  /** Keeps what a proof verified (at that block), merged with what the block's entry already holds for the address. */
  putAccount(args: { blockHash: Hex; address: Address; proven: ProvenAccount }): void
}

/**
 * Verified reads cached per block hash. A fact proven against a block's state or receipts root
 * stays true for that block, so a repeated read at the same verified block is answered from here
 * with no request, and a read at any other block (a new head, a reorged sibling at the same
 * number) misses: entries are found only by the hash of the header they were verified against.
 * Bounded in blocks, accounts and slots.
 */
export function createVerifiedCache({ maxBlocks = 8, maxAccountsPerBlock = 256, maxSlotsPerAccount = 256 }: CreateVerifiedCacheParameters = {}): VerifiedCache {
  const blocks = new Map<string, VerifiedBlockEntry>()
  const slotKey = (slot: Hex) => pad(slot, { size: 32 }).toLowerCase() as Hex

  const at = (blockHash: Hex): VerifiedBlockEntry => {
    const key = blockHash.toLowerCase()
    let entry = blocks.get(key)
    if (entry) blocks.delete(key) // re-inserted below: most recently used last
    entry ??= { accounts: new Map(), block: undefined, receipts: new Map(), calls: new Map() }
    blocks.set(key, entry)
    while (blocks.size > maxBlocks) blocks.delete(blocks.keys().next().value!)
    return entry
  }

  return {
    at,
    getAccount({ blockHash, address, slots, withCode }) {
      const held = blocks.get(blockHash.toLowerCase())?.accounts.get(address.toLowerCase())
      if (!held || (withCode && held.code === undefined)) return undefined
      const storage = new Map<Hex, bigint>()
      for (const slot of slots) {
        const value = held.storage.get(slotKey(slot))
        if (value === undefined) return undefined
        storage.set(pad(slot, { size: 32 }), value)
      }
      return { account: held.account, storage, code: withCode ? held.code : undefined }
    },
    putAccount({ blockHash, address, proven }) {
      const { accounts } = at(blockHash)
      const key = address.toLowerCase()
      const held = accounts.get(key)
      const storage = new Map(held?.storage)
      for (const [slot, value] of proven.storage) storage.set(slotKey(slot), value)
      while (storage.size > maxSlotsPerAccount) storage.delete(storage.keys().next().value!)
      accounts.delete(key)
      accounts.set(key, { account: proven.account, storage, code: proven.code ?? held?.code })
      while (accounts.size > maxAccountsPerBlock) accounts.delete(accounts.keys().next().value!)
    },
  }
}
