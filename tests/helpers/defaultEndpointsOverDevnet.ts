import { ssz } from '@lodestar/types'
import { bytesToHex, hexToBytes } from 'viem'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { defaultBeaconApis } from '../../src/lib/consensus/defaultBeaconApis.ts'
import { defaultRpcs } from '../../src/lib/rpc/defaultRpcs.ts'
import { type FaultProxy, startFaultProxy, tamperJson } from './faultProxy.ts'
import { type TlsHostRouter, startTlsHostRouter } from './tlsHostRouter.ts'

export type DefaultEndpointsOverDevnet = {
  beaconUrls: string[]
  rpcUrls: string[]
  /** The fault proxy behind each default URL. */
  proxies: Map<string, FaultProxy>
  router: TlsHostRouter
  close(): Promise<void>
}

/**
 * Mainnet's default beacon APIs and RPCs, under their real host names (TLS), each through a fault
 * proxy of its own, in front of a mainnet-shaped devnet: what a user of the defaults meets, offline.
 */
export async function startDefaultEndpointsOverDevnet({ devnet }: { devnet: Devnet }): Promise<DefaultEndpointsOverDevnet> {
  const beaconUrls = [...defaultBeaconApis.mainnet]
  const rpcUrls = [...defaultRpcs.mainnet]
  const proxies = new Map<string, FaultProxy>()
  for (const url of beaconUrls) proxies.set(url, await startFaultProxy({ target: devnet.beaconUrl }))
  for (const url of rpcUrls) proxies.set(url, await startFaultProxy({ target: devnet.rpcUrl }))
  const router = await startTlsHostRouter({ routes: [...proxies].map(([url, proxy]) => ({ url, target: proxy.url })) })
  return {
    beaconUrls,
    rpcUrls,
    proxies,
    router,
    async close() {
      await router.close()
      await Promise.all([...proxies.values()].map((p) => p.close()))
    },
  }
}

/** A forged finalized header that is consistent in itself: another state root, the root recomputed to match. */
export const forgeFinalizedRoot = tamperJson((json) => {
  const message = json.data.header.message
  const stateRoot = hexToBytes(message.state_root)
  stateRoot[0] ^= 0xff
  message.state_root = bytesToHex(stateRoot)
  json.data.root = bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(ssz.phase0.BeaconBlockHeader.fromJson(message)))
})
