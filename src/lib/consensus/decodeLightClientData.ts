import type { LightClientConfig } from './createLightClientConfig.ts'
import type { ForkName } from '@lodestar/params'
import type { LightClientBootstrap, LightClientFinalityUpdate, LightClientOptimisticUpdate, LightClientUpdate } from '@lodestar/types'
import { ForkMismatchError } from './errors.ts'
import { isLightClientSszFork, lightClientSszByFork } from './lightClientSsz.ts'
import { MalformedResponseError } from '../endpoints/errors.ts'

export type LightClientDataKind = 'bootstrap' | 'update' | 'finalityUpdate' | 'optimisticUpdate'

type Decoded = {
  bootstrap: LightClientBootstrap
  update: LightClientUpdate
  finalityUpdate: LightClientFinalityUpdate
  optimisticUpdate: LightClientOptimisticUpdate
}

/** The SSZ container behind each kind of light-client data. */
export const typeNames = {
  bootstrap: 'LightClientBootstrap',
  update: 'LightClientUpdate',
  finalityUpdate: 'LightClientFinalityUpdate',
  optimisticUpdate: 'LightClientOptimisticUpdate',
} as const

export type DecodeLightClientDataParameters<K extends LightClientDataKind> = {
  config: LightClientConfig
  kind: K
  /** Either the Beacon-API envelope `{ version?, data }` or the bare object. */
  json: unknown
  /** The `Eth-Consensus-Version` header, if the endpoint sent one. */
  announcedFork?: string | null
  url: string
}

export type DecodeLightClientDataReturnType<K extends LightClientDataKind> = { value: Decoded[K]; fork: ForkName }

/**
 * Decodes Beacon-API JSON with the SSZ types of the fork its slot belongs to (the light-client
 * data's fork is the attested header's). A fork the endpoint announces must agree with the slot.
 */
export function decodeLightClientData<K extends LightClientDataKind>({ config, kind, json, announcedFork, url }: DecodeLightClientDataParameters<K>): DecodeLightClientDataReturnType<K> {
  const envelope = isRecord(json) && 'data' in json ? json : { data: json }
  const data = envelope.data
  if (!isRecord(data)) throw new MalformedResponseError({ kind: 'beacon API', url, reason: `expected an object in "data", got ${typeOf(data)}` })
  const header = kind === 'bootstrap' ? data.header : data.attested_header
  const slotText = isRecord(header) && isRecord(header.beacon) ? header.beacon.slot : undefined
  if (typeof slotText !== 'string' || !/^\d{1,15}$/.test(slotText))
    throw new MalformedResponseError({ kind: 'beacon API', url, reason: `no valid ${kind === 'bootstrap' ? 'header' : 'attested_header'}.beacon.slot` })
  const slot = Number(slotText)
  const fork = config.getForkName(slot)
  const announced = announcedFork ?? (typeof envelope.version === 'string' ? envelope.version : undefined)
  if (announced !== undefined && announced.toLowerCase() !== fork)
    throw new ForkMismatchError({ announced, expected: fork, slot })
  try {
    return { value: lightClientSszType(fork, typeNames[kind]).fromJson(data) as Decoded[K], fork }
  } catch (cause) {
    throw new MalformedResponseError({ kind: 'beacon API', url, reason: `not a ${fork} ${typeNames[kind]}: ${(cause as Error).message}`, cause })
  }
}

type SszType = { fromJson(json: unknown): unknown; toJson(value: unknown): unknown; deserialize(bytes: Uint8Array): unknown }

/** The SSZ type of a light-client container for a fork (types vary by fork; callers know which). Throws for a fork without light-client data. */
export function lightClientSszType(fork: string, name: 'LightClientHeader' | (typeof typeNames)[LightClientDataKind]): SszType {
  if (!isLightClientSszFork(fork)) throw new Error(`no light-client containers for fork ${fork}`)
  return lightClientSszByFork[fork][name] as unknown as SszType
}

/** `/eth/v1/beacon/light_client/updates` answers a list of envelopes. */
export function decodeLightClientUpdates({ config, json, url }: { config: LightClientConfig; json: unknown; url: string }): LightClientUpdate[] {
  if (!Array.isArray(json)) throw new MalformedResponseError({ kind: 'beacon API', url, reason: `expected a list of updates, got ${typeOf(json)}` })
  return json.map((item) => decodeLightClientData({ config, kind: 'update', json: item, url }).value)
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function typeOf(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x
}
