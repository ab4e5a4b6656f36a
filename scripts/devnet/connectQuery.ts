import type { DevnetInfo } from './startDevnet.ts'

/**
 * The `#/connect?…` query that proposes this devnet to the app: endpoints, checkpoint, and the
 * contracts names and prices are read from when it has them (the user confirms all of it).
 */
export function devnetConnectQuery(devnet: Pick<DevnetInfo, 'beaconUrl' | 'rpcUrl' | 'checkpointRoot' | 'contracts'>, network = 'devnet'): URLSearchParams {
  const query = new URLSearchParams({ network, beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
  if (devnet.contracts?.ens) query.set('ens', devnet.contracts.ens.universalResolver)
  if (devnet.contracts?.priceFeeds) query.set('ethusd', devnet.contracts.priceFeeds.ethUsd.address)
  return query
}
