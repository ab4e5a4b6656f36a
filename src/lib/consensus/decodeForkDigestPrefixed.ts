import type { LightClientConfig } from './createLightClientConfig.ts'
import { bytesToHex } from 'viem'
import { type LightClientDataKind, lightClientSszType, typeNames } from './decodeLightClientData.ts'
import { ForkMismatchError } from './errors.ts'
import { MalformedResponseError } from '../endpoints/errors.ts'

export type DecodeForkDigestPrefixedParameters = {
  config: LightClientConfig
  kind: LightClientDataKind
  /** 4-byte fork digest ‖ SSZ, as the Portal beacon network and `ForkedLightClient*` p2p messages carry it. */
  bytes: Uint8Array
  url?: string
}

/**
 * Decodes fork-digest-prefixed SSZ into the Beacon-API JSON envelope the rest of this module
 * consumes; the digest must name a fork of this network (else it is another chain's data).
 */
export function decodeForkDigestPrefixed({ config, kind, bytes, url = 'ssz' }: DecodeForkDigestPrefixedParameters): { version: string; data: unknown } {
  if (bytes.length < 5) throw new MalformedResponseError({ kind: 'beacon API', url, reason: 'too short for a fork digest and SSZ' })
  const digest = bytesToHex(bytes.subarray(0, 4))
  const boundary = config.forkDigest2ForkBoundaryOption(digest.slice(2))
  if (!boundary) throw new ForkMismatchError({ announced: `digest ${digest}`, expected: 'a fork of this network', slot: -1 })
  try {
    const type = lightClientSszType(boundary.fork, typeNames[kind])
    return { version: boundary.fork, data: type.toJson(type.deserialize(bytes.subarray(4))) }
  } catch (cause) {
    throw new MalformedResponseError({ kind: 'beacon API', url, reason: `not a ${boundary.fork} ${typeNames[kind]}`, cause })
  }
}

/** Splits an SSZ list of variable-size items (4-byte offsets, then the items). */
export function splitSszList({ bytes, url = 'ssz' }: { bytes: Uint8Array; url?: string }): Uint8Array[] {
  if (bytes.length === 0) return []
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const first = view.getUint32(0, true)
  if (first % 4 !== 0 || first > bytes.length) throw new MalformedResponseError({ kind: 'beacon API', url, reason: 'bad SSZ list offset' })
  const offsets = Array.from({ length: first / 4 }, (_, i) => view.getUint32(i * 4, true))
  return offsets.map((start, i) => {
    const end = offsets[i + 1] ?? bytes.length
    if (end < start || end > bytes.length) throw new MalformedResponseError({ kind: 'beacon API', url, reason: 'bad SSZ list offset' })
    return bytes.subarray(start, end)
  })
}
