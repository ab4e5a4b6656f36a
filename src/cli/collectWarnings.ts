import type { BeaconEndpointPool } from '../lib/consensus/BeaconEndpointPool.ts'
import { BaseError } from '../lib/errors.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'

/** An endpoint caught serving data that failed verification, skipped while an honest one answered. */
export type CliWarning = { url: string; source: 'beacon API' | 'RPC'; error: { name: string; message: string } }

export type CollectWarningsParameters = { beacons?: Pick<BeaconEndpointPool, 'provenFaults'>; rpc?: Pick<RpcClient, 'provenFaults'> }

/**
 * One warning per liar of a command that succeeded anyway: exit 0 says the answer is verified,
 * not that every endpoint was honest, and the user should know which one to drop.
 */
export function collectWarnings({ beacons, rpc }: CollectWarningsParameters): CliWarning[] {
  const describe = (error: unknown) => ({ name: (error as Error).name, message: error instanceof BaseError ? error.shortMessage : String((error as Error).message) })
  return [
    ...(beacons?.provenFaults() ?? []).map((f): CliWarning => ({ url: f.endpoint, source: 'beacon API', error: describe(f.error) })),
    ...(rpc?.provenFaults() ?? []).map((f): CliWarning => ({ url: f.url, source: 'RPC', error: describe(f.error) })),
  ]
}

/** The stderr line for a warning. */
export function formatWarning(w: CliWarning): string {
  return `latchkey: warning: ${w.source} ${w.url} served data that failed verification and was skipped: ${w.error.name}: ${w.error.message}`
}
