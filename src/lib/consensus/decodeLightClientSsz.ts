import type { LightClientConfig } from './createLightClientConfig.ts'
import { type ForkName, isForkPostAltair } from '@lodestar/params'
import type { LightClientHeader, LightClientUpdate } from '@lodestar/types'
import { bytesToHex } from 'viem'
import { type DecodeLightClientDataReturnType, type LightClientDataKind, lightClientSszType, typeNames } from './decodeLightClientData.ts'
import { ForkMismatchError } from './errors.ts'
import { MalformedResponseError } from '../endpoints/errors.ts'

const sszType = (fork: string, kind: LightClientDataKind) => lightClientSszType(fork, typeNames[kind])

export type DecodeLightClientSszParameters<K extends LightClientDataKind> = {
  config: LightClientConfig
  kind: K
  /** The body of an `application/octet-stream` answer (bare SSZ of the fork's container). */
  bytes: Uint8Array
  /** `Eth-Consensus-Version`: for SSZ, the only way to pick the container's fork. */
  announcedFork: string | null | undefined
  url: string
}

/**
 * Decodes a Beacon-API SSZ answer with the types of the fork it announces; the data's own slot
 * must belong to that fork (as in decodeLightClientData for JSON).
 */
export function decodeLightClientSsz<K extends LightClientDataKind>({ config, kind, bytes, announcedFork, url }: DecodeLightClientSszParameters<K>): DecodeLightClientDataReturnType<K> {
  const fork = announcedFork?.toLowerCase()
  if (!fork) return inferFork({ config, kind, bytes, url }) as DecodeLightClientDataReturnType<K>
  if (!(fork in config.forks) || !isForkPostAltair(fork as ForkName))
    throw new MalformedResponseError({ kind: 'beacon API', url, reason: `Eth-Consensus-Version names no light-client fork of this network: ${announcedFork}` })
  return { value: deserialize({ config, kind, fork, bytes, url }) as DecodeLightClientDataReturnType<K>['value'], fork: fork as ForkName }
}

/**
 * Without Eth-Consensus-Version (a browser sees it only if the API exposes it to CORS), the fork
 * whose container decodes the bytes to data of a slot in that very fork, newest fork first.
 */
function inferFork({ config, kind, bytes, url }: { config: LightClientConfig; kind: LightClientDataKind; bytes: Uint8Array; url: string }) {
  const forks = Object.values(config.forks).filter((f) => isForkPostAltair(f.name)).sort((a, b) => b.epoch - a.epoch)
  for (const { name } of forks) {
    try {
      return { value: deserialize({ config, kind, fork: name, bytes, url }), fork: name }
    } catch {
      // not this fork's container
    }
  }
  throw new MalformedResponseError({ kind: 'beacon API', url, reason: `SSZ without Eth-Consensus-Version that is no fork's ${typeNames[kind]}` })
}

/**
 * `/eth/v1/beacon/light_client/updates` in SSZ: response chunks of an 8-byte little-endian length
 * (of what follows), the 4-byte fork digest, and the update's SSZ.
 */
export function decodeLightClientUpdatesSsz({ config, bytes, url }: { config: LightClientConfig; bytes: Uint8Array; url: string }): LightClientUpdate[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const updates: LightClientUpdate[] = []
  for (let offset = 0; offset < bytes.length;) {
    if (offset + 12 > bytes.length) throw new MalformedResponseError({ kind: 'beacon API', url, reason: 'an SSZ response chunk is cut short' })
    const length = Number(view.getBigUint64(offset, true))
    const end = offset + 8 + length
    if (length < 4 || end > bytes.length) throw new MalformedResponseError({ kind: 'beacon API', url, reason: `an SSZ response chunk claims ${length} bytes` })
    const digest = bytesToHex(bytes.subarray(offset + 8, offset + 12))
    const boundary = config.forkDigest2ForkBoundaryOption(digest.slice(2))
    if (!boundary) throw new ForkMismatchError({ announced: `digest ${digest}`, expected: 'a fork of this network', slot: -1 })
    updates.push(deserialize({ config, kind: 'update', fork: boundary.fork, bytes: bytes.subarray(offset + 12, end), url }) as LightClientUpdate)
    offset = end
  }
  return updates
}

function deserialize({ config, kind, fork, bytes, url }: { config: LightClientConfig; kind: LightClientDataKind; fork: string; bytes: Uint8Array; url: string }): unknown {
  let value: { header?: LightClientHeader; attestedHeader?: LightClientHeader }
  try {
    value = sszType(fork, kind).deserialize(bytes) as typeof value
  } catch (cause) {
    throw new MalformedResponseError({ kind: 'beacon API', url, reason: `not a ${fork} ${typeNames[kind]} in SSZ: ${(cause as Error).message}`, cause })
  }
  const slot = (kind === 'bootstrap' ? value.header : value.attestedHeader)!.beacon.slot
  const expected = config.getForkName(slot)
  if (expected !== fork) throw new ForkMismatchError({ announced: fork, expected, slot })
  return value
}
