import { RLP } from '@ethereumjs/rlp'
import { hexToBigInt, hexToBytes } from 'viem'
import { InvalidBlockHeaderError } from './errors.ts'
import type { Hex, RpcBlockHeader } from './types.ts'

type Kind = 'bytes' | 'quantity'
/** Header fields in their RLP order (Yellow Paper 4.3, EIP-1559, -4895, -4844, -4788, -7685, -7928). */
const BASE_FIELDS: [keyof RpcBlockHeader, Kind][] = [
  ['parentHash', 'bytes'],
  ['sha3Uncles', 'bytes'],
  ['miner', 'bytes'],
  ['stateRoot', 'bytes'],
  ['transactionsRoot', 'bytes'],
  ['receiptsRoot', 'bytes'],
  ['logsBloom', 'bytes'],
  ['difficulty', 'quantity'],
  ['number', 'quantity'],
  ['gasLimit', 'quantity'],
  ['gasUsed', 'quantity'],
  ['timestamp', 'quantity'],
  ['extraData', 'bytes'],
  ['mixHash', 'bytes'],
  ['nonce', 'bytes'],
]
/** Added by later forks, in order; a block has a prefix of them. */
const FORK_FIELDS: [keyof RpcBlockHeader, Kind][] = [
  ['baseFeePerGas', 'quantity'], // London
  ['withdrawalsRoot', 'bytes'], // Shanghai
  ['blobGasUsed', 'quantity'], // Cancun
  ['excessBlobGas', 'quantity'], // Cancun
  ['parentBeaconBlockRoot', 'bytes'], // Cancun
  ['requestsHash', 'bytes'], // Prague (Osaka adds no header field)
  ['blockAccessListHash', 'bytes'], // Amsterdam
]

export type EncodeBlockHeaderParameters = { header: RpcBlockHeader }

/**
 * RLP-encodes an RPC block header exactly as the execution layer hashes it.
 *
 * Why not `@ethereumjs/block`'s `createBlockHeaderFromRpc`: it needs a `Common` with the chain's
 * hardfork schedule to know which fields a header may have, and refuses a field its release does
 * not know yet; here a header's shape is its fields' presence (a prefix of FORK_FIELDS), which holds
 * for every network, custom ones included, and for a fork newer than the library. It also keeps
 * @ethereumjs/block (loaded only with the local EVM) off the path of every verified read.
 */
export function encodeBlockHeader({ header }: EncodeBlockHeaderParameters): Uint8Array {
  const items: Uint8Array[] = []
  for (const [field, kind] of BASE_FIELDS) {
    const value = header[field]
    if (typeof value !== 'string') throw new InvalidBlockHeaderError({ field, reason: 'is missing' })
    items.push(encodeField(field, value as Hex, kind))
  }
  let missing: string | undefined
  for (const [field, kind] of FORK_FIELDS) {
    const value = header[field]
    if (value === undefined || value === null) {
      missing ??= field
      continue
    }
    if (missing !== undefined) throw new InvalidBlockHeaderError({ field, reason: `is present but the earlier fork field ${missing} is not` })
    items.push(encodeField(field, value as Hex, kind))
  }
  return RLP.encode(items)
}

function encodeField(field: string, value: Hex, kind: Kind): Uint8Array {
  if (!/^0x[0-9a-fA-F]*$/.test(value)) throw new InvalidBlockHeaderError({ field, reason: `is not hex (${value})` })
  if (kind === 'bytes') {
    if (value.length % 2 !== 0) throw new InvalidBlockHeaderError({ field, reason: 'has an odd number of hex digits' })
    return hexToBytes(value)
  }
  // Quantities are minimal big-endian integers; zero is the empty byte string.
  const n = value === '0x' ? 0n : hexToBigInt(value)
  if (n === 0n) return new Uint8Array()
  const hex = n.toString(16)
  return hexToBytes(`0x${hex.length % 2 ? '0' : ''}${hex}`)
}
