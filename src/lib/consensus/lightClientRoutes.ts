/** The Beacon API's light-client routes (beacon-APIs, `/eth/v1/beacon/light_client/*`); named in requests and errors. */
export const lightClientRoutes = {
  bootstrap: (blockRoot: string) => `/eth/v1/beacon/light_client/bootstrap/${blockRoot}`,
  updates: (startPeriod: number, count: number) => `/eth/v1/beacon/light_client/updates?start_period=${startPeriod}&count=${count}`,
  finalityUpdate: '/eth/v1/beacon/light_client/finality_update',
  optimisticUpdate: '/eth/v1/beacon/light_client/optimistic_update',
} as const
