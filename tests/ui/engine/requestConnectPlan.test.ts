import { describe, expect, it } from 'vitest'
import { UnknownLinkParameterError } from '../../../src/lib/trust/errors.ts'
import { builtInNetworks } from '../../../src/lib/trust/builtInNetworks.ts'
import { type ServicePort, serveLightClient } from '../../../src/ui/engine/lightClient.worker.ts'
import { requestConnectPlan } from '../../../src/ui/engine/requestConnectPlan.ts'
import type { NetworkSettings } from '../../../src/lib/settings/settingsData.ts'
import { toLightClientChannel } from '../../../src/ui/engine/toLightClientChannel.ts'

const networks: NetworkSettings[] = builtInNetworks.map(({ id, name, chainId }) => ({ id, name, kind: 'public', chainId, beaconApis: ['https://beacon.example'], rpcs: [] }))

/** The light-client service (the worker's module) on one end of a MessageChannel, the page's channel on the other. */
function service() {
  const { port1, port2 } = new MessageChannel()
  const channel = toLightClientChannel({ endpoint: port2 as unknown as Worker, close: () => (port1.close(), port2.close()) })
  serveLightClient(port1 as unknown as ServicePort)
  return channel
}

describe('requestConnectPlan', () => {
  it('has the light-client service read a link into its review plan (facts from the build for a built-in network)', async () => {
    const channel = service()
    try {
      const query = new URLSearchParams({ network: 'mainnet', beacon: 'https://beacon.example/', rpc: 'https://rpc.example' })
      const plan = await requestConnectPlan({ channel, query, networks })
      expect(plan.kind).toBe('builtin')
      if (plan.kind !== 'builtin') return
      expect(plan.facts.chainId).toBe(1)
      expect(plan.facts.genesisValidatorsRoot).toBe(builtInNetworks[0].genesisValidatorsRoot)
      expect(plan.beaconApis).toEqual([{ url: 'https://beacon.example', known: true }])
      expect(plan.rpcs).toEqual([{ url: 'https://rpc.example', known: false }])
    } finally {
      channel.close()
    }
  })

  it('brings a refusal back across the channel as its own class, with its fields', async () => {
    const channel = service()
    try {
      const query = new URLSearchParams({ network: 'devnet', beacon: 'https://beacon.example', sneaky: '1' })
      const error = await requestConnectPlan({ channel, query, networks }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UnknownLinkParameterError)
      expect(error).toMatchObject({ name: 'UnknownLinkParameterError', parameter: 'sneaky' })
    } finally {
      channel.close()
    }
  })
})
