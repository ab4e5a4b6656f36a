import type { LightClientConfig } from './createLightClientConfig.ts'
import type { LightClientBootstrap, LightClientFinalityUpdate, LightClientOptimisticUpdate, LightClientUpdate } from '@lodestar/types'
import type { BeaconEndpointPool } from './BeaconEndpointPool.ts'
import type { BeaconHeader } from './decodeBeaconHeader.ts'
import type { Hex } from './networks.ts'

/**
 * Checks a decoded answer before it is taken. A throw (of any kind) is the endpoint's failure:
 * one that proves a fault marks it faulty, and the next endpoint is asked.
 */
export type VerifyAnswer<V, T> = (value: V, endpoint: string) => T | Promise<T>

/** A verified answer and the endpoint that served it (blamed later if what it served turns out bad). */
export type ServedAnswer<T> = { value: T; endpoint: string }

/** One endpoint's part in a request sent to every endpoint. */
export type EndpointResult<T> = { endpoint: string; value?: T; error?: unknown }

type TransportRequest<V, T> = { verify: VerifyAnswer<V, T>; signal?: AbortSignal }

/**
 * Where the light client's data comes from: the four light-client routes of the Beacon API
 * and the two header routes that agreement on a checkpoint needs
 * (as Lodestar's LightClientTransport and Helios's ConsensusRpc), decoded into SSZ values and
 * verified by the caller's `verify` before they count as served. The sync loop knows nothing
 * of HTTP, SSZ-or-JSON or URLs; implementations: httpTransport (the beacon endpoint pool),
 * memoryTransport (recorded data, for tests).
 */
export interface LightClientTransport {
  /** The endpoints behind the transport: their health, and the faults proven against them. */
  readonly pool: BeaconEndpointPool
  /** `/eth/v1/beacon/light_client/bootstrap/{block_root}` */
  getBootstrap<T>(params: TransportRequest<LightClientBootstrap, T> & { blockRoot: Hex }): Promise<ServedAnswer<T>>
  /** `/eth/v1/beacon/light_client/updates?start_period&count`: the best update of each period. */
  getUpdates<T>(params: TransportRequest<LightClientUpdate[], T> & { startPeriod: number; count: number }): Promise<ServedAnswer<T>>
  /** `/eth/v1/beacon/light_client/finality_update` */
  getFinalityUpdate<T>(params: TransportRequest<LightClientFinalityUpdate, T>): Promise<ServedAnswer<T>>
  /**
   * `/eth/v1/beacon/light_client/optimistic_update` from every endpoint (each head is verified on
   * its own; the best wins, laggards show). Throws AllEndpointsFailedError when none was served.
   */
  getOptimisticUpdates<T>(params: TransportRequest<LightClientOptimisticUpdate, T>): Promise<EndpointResult<T>[]>
  /** `/eth/v1/beacon/headers/finalized` from every endpoint (agreement on a checkpoint, resolveCheckpoint). */
  getFinalizedHeaders(params?: { signal?: AbortSignal }): Promise<EndpointResult<BeaconHeader>[]>
  /** `/eth/v1/beacon/headers/{slot}` from one endpoint: the block it holds at that slot. */
  getBlockHeader(params: { endpoint: string; slot: number; signal?: AbortSignal }): Promise<BeaconHeader>
}

/** What the light client hands a transport when it builds it (as a viem client hands its transport the chain). */
export type LightClientTransportContext = {
  config: LightClientConfig
  /** Milliseconds, from the light client's clock. */
  now: () => number
  onHealthChange: () => void
}

/** A transport as configured, built by the light client with its context (cf. viem's `http(url)`). */
export type LightClientTransportFactory = (context: LightClientTransportContext) => LightClientTransport
