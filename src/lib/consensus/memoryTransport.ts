import { BeaconEndpointPool } from './BeaconEndpointPool.ts'
import { type BeaconHeader, decodeBeaconHeader } from './decodeBeaconHeader.ts'
import { decodeLightClientData, decodeLightClientUpdates } from './decodeLightClientData.ts'
import { NotRecordedError } from './errors.ts'
import { lightClientRoutes as routes } from './lightClientRoutes.ts'
import type { LightClientTransport, LightClientTransportFactory, ServedAnswer, VerifyAnswer } from './LightClientTransport.ts'
import { computeSyncCommitteePeriodAtSlot as periodOf } from './spec/computeSyncCommitteePeriodAtSlot.ts'

/**
 * Light-client data as a beacon API serves it (Beacon-API JSON envelopes, as recorded in
 * ../shared/fixtures and by the devnet). Read at every request: a test may change an answer
 * between rounds.
 */
export type RecordedLightClientData = {
  /** By block root. */
  bootstraps: Record<string, unknown>
  /** Any periods; each request gets those whose signature slot falls in its range. */
  updates: unknown[]
  finality?: unknown
  optimistic?: unknown
  /** The block root `/eth/v1/beacon/headers/finalized` names (checkpoint agreement); no other header is recorded. */
  finalizedRoot?: string
}

export type MemoryTransportParameters = {
  data: RecordedLightClientData
  /** The name the data is served under (what the state's endpoint health shows). */
  endpoint?: string
}

/** The factory, and every route asked, in order (what an HTTP server would have logged). */
export type MemoryTransportReturnType = LightClientTransportFactory & { requests: string[] }

/**
 * One recorded source in memory, for tests that need a source of light-client data and not HTTP
 * behaviour (as Helios's MockRpc): no server, no sockets, no timeouts. Answers are decoded from
 * JSON by the same decoders as HTTP answers, so tampered recordings fail with the same typed
 * errors. Health and proven faults are kept by a beacon endpoint pool of this one endpoint: a
 * forgery marks it faulty and it is not asked again, exactly as over HTTP. With one endpoint
 * there is nothing to fail over to.
 */
export function memoryTransport({ data, endpoint = 'memory://recorded' }: MemoryTransportParameters): MemoryTransportReturnType {
  const requests: string[] = []
  const factory: LightClientTransportFactory = ({ config, now, onHealthChange }) => {
    const pool = new BeaconEndpointPool({ urls: [endpoint], now, onHealthChange })
    const url = pool.urls[0]!
    /** As the pool's requestFrom: the answer verified, or the failure recorded against the endpoint and thrown. */
    const ask = async <V, T>(path: string, answer: () => V | undefined, verify: VerifyAnswer<V, T>): Promise<T> => {
      requests.push(path)
      try {
        const value = answer()
        if (value === undefined) throw new NotRecordedError({ endpoint: url, route: path })
        return await verify(value, url)
      } catch (error) {
        pool.recordFailure(url, error, path)
        throw error
      }
    }
    /** As the pool's request with one candidate: a faulty endpoint is not asked; a failure is reported with the earlier proofs. */
    const serve = async <V, T>(path: string, answer: () => V | undefined, verify: VerifyAnswer<V, T>, signal?: AbortSignal): Promise<ServedAnswer<T>> => {
      if (signal?.aborted || pool.candidates().length === 0) throw pool.allFailed({ path, errors: [] })
      try {
        return { value: await ask(path, answer, verify), endpoint: url }
      } catch (error) {
        throw pool.allFailed({ path, errors: [{ endpoint: url, error }] })
      }
    }
    const decoded = <K extends 'bootstrap' | 'finalityUpdate' | 'optimisticUpdate'>(kind: K, json: unknown) =>
      json === undefined ? undefined : decodeLightClientData({ config, kind, json, url }).value
    const transport: LightClientTransport = {
      pool,
      getBootstrap: ({ blockRoot, verify, signal }) =>
        serve(routes.bootstrap(blockRoot), () => decoded('bootstrap', data.bootstraps[blockRoot]), verify, signal),
      getUpdates: ({ startPeriod, count, verify, signal }) => serve(routes.updates(startPeriod, count), () => {
        const inRange = data.updates.filter((u) => {
          const period = periodOf(Number((u as { data?: { signature_slot?: unknown } })?.data?.signature_slot))
          return period >= startPeriod && period < startPeriod + count
        })
        return decodeLightClientUpdates({ config, json: inRange, url })
      }, verify, signal),
      getFinalityUpdate: ({ verify, signal }) => serve(routes.finalityUpdate, () => decoded('finalityUpdate', data.finality), verify, signal),
      getOptimisticUpdates: async ({ verify, signal }) => [await serve(routes.optimisticUpdate, () => decoded('optimisticUpdate', data.optimistic), verify, signal)],
      // As the pool's requestAll with one candidate: its failure is its answer.
      getFinalizedHeaders: async () => {
        if (pool.candidates().length === 0) return []
        const finalized = () => data.finalizedRoot === undefined ? undefined : decodeBeaconHeader({ json: { data: { root: data.finalizedRoot } }, url })
        return [await ask(routes.finalizedHeader, finalized, (header) => ({ endpoint: url, value: header }))
          .catch((error: unknown) => ({ endpoint: url, error }))]
      },
      getBlockHeader: ({ slot }) => ask(routes.blockHeader(slot), (): BeaconHeader | undefined => undefined, (header) => header),
    }
    return transport
  }
  return Object.assign(factory, { requests })
}
