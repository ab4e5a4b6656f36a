/** The Beacon API routes the light client asks (beacon-APIs: `/eth/v1/beacon/light_client/*`, and headers for the checkpoint); named in requests and errors. */
export const lightClientRoutes = {
  bootstrap: (blockRoot: string) => `/eth/v1/beacon/light_client/bootstrap/${blockRoot}`,
  updates: (startPeriod: number, count: number) => `/eth/v1/beacon/light_client/updates?start_period=${startPeriod}&count=${count}`,
  finalityUpdate: '/eth/v1/beacon/light_client/finality_update',
  optimisticUpdate: '/eth/v1/beacon/light_client/optimistic_update',
  finalizedHeader: '/eth/v1/beacon/headers/finalized',
  blockHeader: (slot: number) => `/eth/v1/beacon/headers/${slot}`,
} as const
