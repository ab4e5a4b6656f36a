import { BeaconBlockHeader } from './lightClientSsz.ts'
import { bytesToHex } from 'viem'
import { MalformedResponseError } from '../endpoints/errors.ts'
import type { Hex } from './networks.ts'

/** A block an endpoint names: its root, and its slot when the answer carried the header. */
export type BeaconHeader = { root: Hex; slot: number | undefined }

const ROOT = /^0x[0-9a-f]{64}$/

/**
 * Decodes a `/eth/v1/beacon/headers/{block_id}` answer. When it carries the header, the root must
 * be the header's own root, else the answer contradicts itself (MalformedResponseError).
 */
export function decodeBeaconHeader({ json, url }: { json: unknown; url: string }): BeaconHeader {
  const data = (json as { data?: { root?: unknown; header?: { message?: unknown } } })?.data
  const root = typeof data?.root === 'string' ? data.root.toLowerCase() : ''
  if (!ROOT.test(root)) throw new MalformedResponseError({ kind: 'beacon API', url, reason: 'no block root in the header answer' })
  if (!data?.header?.message) return { root: root as Hex, slot: undefined }
  const message = BeaconBlockHeader.fromJson(data.header.message)
  if (bytesToHex(BeaconBlockHeader.hashTreeRoot(message)) !== root)
    throw new MalformedResponseError({ kind: 'beacon API', url, reason: 'the root is not the root of the header sent with it' })
  return { root: root as Hex, slot: message.slot }
}
