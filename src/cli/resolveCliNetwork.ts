import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type Network, createCustomNetwork, fetchCustomNetwork, getNetwork } from '../lib/consensus/networks.ts'
import { defaultRpcs } from '../lib/rpc/defaultRpcs.ts'
import { type NetworkContracts, builtInContracts } from '../lib/trust/networkContracts.ts'
import { DevnetConfigUnavailableError, DevnetInfoError, UsageError } from './errors.ts'
import type { CliOptions } from './parseCliArgs.ts'

export const DEFAULT_DEVNET_INFO = join('.latchkey', 'devnet.json')

export type CliNetwork = {
  network: Network
  /** From the network's config (DEPOSIT_CHAIN_ID) or the devnet file, never from an RPC. */
  chainId: number
  beaconApis: string[]
  rpcs: string[]
  stateDir: string
  /** ENS and price-feed contracts: the build's for a built-in network, the devnet file's for a devnet. */
  contracts: NetworkContracts
}

type DevnetInfo = {
  beaconUrl: string
  rpcUrl: string
  chainId: number
  checkpointRoot: `0x${string}`
  genesisValidatorsRoot: string
  genesisTime: number
  chainConfig: Record<string, unknown>
  contracts?: {
    ens?: { universalResolver: `0x${string}` }
    priceFeeds?: { ethUsd?: { address: `0x${string}`; description: string; heartbeatSeconds: number } }
  }
}

/** What a devnet file says about its contracts, in the shape the readers take. */
export function devnetContracts(info: Pick<DevnetInfo, 'contracts'>): NetworkContracts {
  const ethUsd = info.contracts?.priceFeeds?.ethUsd
  return {
    ...(info.contracts?.ens && { ensUniversalResolver: info.contracts.ens.universalResolver }),
    ...(ethUsd && { priceFeeds: { ethUsd: { address: ethUsd.address, description: ethUsd.description, heartbeatSeconds: ethUsd.heartbeatSeconds } } }),
  }
}

/**
 * The network, endpoints and state directory a command runs with. A built-in network takes the
 * build's default beacon APIs and RPCs unless --beacon / --rpc name others. A devnet comes from its info
 * file (config, genesis, checkpoint, endpoints) or from a beacon API the user names (config and
 * genesis; the user vouches for that URL, as the chain config decides which signatures count).
 */
export async function resolveCliNetwork({ options, cwd, fetch: fetchFn }: { options: CliOptions; cwd: string; fetch?: typeof fetch }): Promise<CliNetwork> {
  const stateDir = (name: string) => resolve(cwd, options.stateDir ?? join('.latchkey', 'cli', name))
  if (options.network !== 'devnet') {
    // Without --beacon / --rpc, the build's lists (the app's defaults too): untrusted pipes, every answer verified.
    const network = getNetwork({ name: options.network, beaconApis: options.beacons.length ? options.beacons : undefined })
    const rpcs = options.rpcs.length ? options.rpcs : [...defaultRpcs[options.network]]
    return { network, chainId: network.chainConfig.DEPOSIT_CHAIN_ID, beaconApis: network.beaconApis, rpcs, stateDir: stateDir(options.network), contracts: builtInContracts[options.network] }
  }
  let network: Network
  let chainId: number
  let rpcs = options.rpcs
  let contracts: NetworkContracts = {}
  if (options.devnetInfo !== undefined || options.beacons.length === 0) {
    const path = resolve(cwd, options.devnetInfo ?? DEFAULT_DEVNET_INFO)
    const info = await readDevnetInfo(path)
    // The genesis time names the devnet: each `npm run devnet` is a new chain with the same
    // validators root, and a state saved on an earlier one must not be resumed on this one.
    network = createCustomNetwork({
      name: `devnet-${info.genesisTime}`,
      specJson: info.chainConfig,
      genesisValidatorsRoot: info.genesisValidatorsRoot,
      genesisTime: info.genesisTime,
      beaconApis: options.beacons.length ? options.beacons : [info.beaconUrl],
      checkpoint: info.checkpointRoot,
    })
    chainId = info.chainId
    contracts = devnetContracts(info)
    if (rpcs.length === 0) rpcs = [info.rpcUrl]
  } else {
    const url = options.beacons[0]
    const fetched = await fetchCustomNetwork({ name: 'devnet', url, fetch: fetchFn }).catch((cause) => {
      // fetch's own "fetch failed" (and our wrapper's "could not reach") say less than the
      // socket error at the bottom of the chain (ECONNREFUSED ...).
      throw new DevnetConfigUnavailableError({ url, cause: rootCause(cause) })
    })
    network = { ...fetched, name: `devnet-${fetched.genesisTime}`, beaconApis: options.beacons }
    chainId = network.chainConfig.DEPOSIT_CHAIN_ID
  }
  if (options.command !== 'head' && rpcs.length === 0) throw new UsageError({ reason: `${options.command} needs at least one --rpc URL.` })
  return { network, chainId, beaconApis: network.beaconApis, rpcs, stateDir: stateDir('devnet'), contracts }
}

async function readDevnetInfo(path: string): Promise<DevnetInfo> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new DevnetInfoError({ path, reason: (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message, cause })
  }
  let info: Partial<DevnetInfo>
  try {
    info = JSON.parse(text)
  } catch (cause) {
    throw new DevnetInfoError({ path, reason: 'not JSON', cause })
  }
  for (const field of ['beaconUrl', 'genesisValidatorsRoot', 'checkpointRoot'] as const)
    if (typeof info[field] !== 'string') throw new DevnetInfoError({ path, reason: `${field} is missing` })
  if (typeof info.genesisTime !== 'number' || typeof info.chainId !== 'number' || typeof info.chainConfig !== 'object')
    throw new DevnetInfoError({ path, reason: 'genesisTime, chainId or chainConfig is missing' })
  return info as DevnetInfo
}

/** The innermost cause: the socket error under fetch's and our wrappers' messages. */
function rootCause(error: unknown): unknown {
  let current = error
  while ((current as Error | undefined)?.cause !== undefined) current = (current as Error).cause
  return current
}
