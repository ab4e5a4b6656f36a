import type { LightClientConfig } from './createLightClientConfig.ts'
import { BeaconEndpointPool, type EndpointAnswer } from './BeaconEndpointPool.ts'
import { decodeBeaconHeader } from './decodeBeaconHeader.ts'
import { type LightClientDataKind, decodeLightClientData, decodeLightClientUpdates } from './decodeLightClientData.ts'
import { decodeLightClientSsz, decodeLightClientUpdatesSsz } from './decodeLightClientSsz.ts'
import { lightClientRoutes as routes } from './lightClientRoutes.ts'
import type { LightClientTransport, LightClientTransportFactory } from './LightClientTransport.ts'

export type HttpTransportParameters = {
  /** Beacon API base URLs, untrusted. */
  urls: string[]
  timeoutMs?: number
  maxBytes?: number
  fetch?: typeof fetch
}

/** SSZ preferred (smaller, no hex to parse), JSON accepted: what every beacon API serves. */
const ACCEPT_SSZ_OR_JSON = 'application/octet-stream;q=1.0,application/json;q=0.9'
/** Header answers are small (JSON); a slow or huge one is not worth waiting for. */
const HEADER_REQUEST = { timeoutMs: 5_000, maxBytes: 64 * 1024 }

/**
 * The light-client routes over the beacon endpoint pool: each request goes to the healthiest
 * endpoint and, when its answer does not decode or does not verify, to the next one (the pool's
 * failover, limits and fault records; nothing of that is repeated here).
 */
export function httpTransport({ urls, timeoutMs, maxBytes, fetch }: HttpTransportParameters): LightClientTransportFactory {
  return ({ config, now, onHealthChange }) => overPool({ config, pool: new BeaconEndpointPool({ urls, timeoutMs, maxBytes, fetch, now, onHealthChange }) })
}

function overPool({ config, pool }: { config: LightClientConfig; pool: BeaconEndpointPool }): LightClientTransport {
  // SSZ where the endpoint answered it, else Beacon-API JSON; typed errors either way.
  const decode = <K extends LightClientDataKind>(kind: K, { json, ssz, headers, endpoint }: EndpointAnswer) => {
    const announcedFork = headers.get('eth-consensus-version')
    return (ssz
      ? decodeLightClientSsz({ config, kind, bytes: ssz, announcedFork, url: endpoint })
      : decodeLightClientData({ config, kind, json, announcedFork, url: endpoint })).value
  }
  const accept = ACCEPT_SSZ_OR_JSON
  return {
    pool,
    getBootstrap: ({ blockRoot, verify, signal }) =>
      pool.request({ path: routes.bootstrap(blockRoot), signal, accept, handle: (answer) => verify(decode('bootstrap', answer), answer.endpoint) }),
    getUpdates: ({ startPeriod, count, verify, signal }) => pool.request({
      path: routes.updates(startPeriod, count),
      signal,
      accept,
      handle: ({ json, ssz, endpoint }) =>
        verify(ssz ? decodeLightClientUpdatesSsz({ config, bytes: ssz, url: endpoint }) : decodeLightClientUpdates({ config, json, url: endpoint }), endpoint),
    }),
    getFinalityUpdate: ({ verify, signal }) =>
      pool.request({ path: routes.finalityUpdate, signal, accept, handle: (answer) => verify(decode('finalityUpdate', answer), answer.endpoint) }),
    getOptimisticUpdates: async ({ verify, signal }) => {
      const path = routes.optimisticUpdate
      const answers = await pool.requestAll({ path, signal, accept, handle: (answer) => verify(decode('optimisticUpdate', answer), answer.endpoint) })
      const failed = answers.filter((a) => a.error !== undefined)
      if (failed.length === answers.length) throw pool.allFailed({ path, errors: failed.map(({ endpoint, error }) => ({ endpoint, error })) })
      return answers
    },
    getFinalizedHeaders: ({ signal } = {}) =>
      pool.requestAll({ path: routes.finalizedHeader, ...HEADER_REQUEST, signal, handle: ({ json, endpoint }) => decodeBeaconHeader({ json, url: endpoint }) }),
    getBlockHeader: ({ endpoint, slot, signal }) =>
      pool.requestFrom({ endpoint, path: routes.blockHeader(slot), ...HEADER_REQUEST, signal, handle: ({ json }) => decodeBeaconHeader({ json, url: endpoint }) }),
  }
}
