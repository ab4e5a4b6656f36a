import type { Address, Hex } from '../execution/types.ts'

/** keccak256("Transfer(address,address,uint256)"): ERC-20 (value in data) and ERC-721 (token id as topic 3) alike. */
export const TRANSFER_TOPIC: Hex = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'

/** EIP-2935: the system contract that keeps the last HISTORY_SERVE_WINDOW block hashes in its storage (slot = number % window). */
export const HISTORY_STORAGE_ADDRESS: Address = '0x0000f90827f1c53a10cb7a02335b175320002935'
export const HISTORY_SERVE_WINDOW = 8191n

/** Blocks fetched and hash-linked per batch (and the distance a head's own parent walk covers). */
export const HEADER_CHUNK = 256n

/** The root of an empty trie: a genesis header with it (anvil's) does not commit to the genesis allocations. */
export const EMPTY_TRIE_ROOT: Hex = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'
