import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { builtInNetworks } from '../../../src/lib/trust/builtInNetworks.ts'
import { prepareConnect } from '../../../src/ui/engine/prepareConnect.ts'
import type { NetworkSettings } from '../../../src/lib/settings/settingsData.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'
import { type FaultProxy, startFaultProxy, tamperJson } from '../../helpers/faultProxy.ts'

const builtIns: NetworkSettings[] = builtInNetworks.map(({ id, name, chainId }) => ({ id, name, kind: 'public', chainId, beaconApis: [], rpcs: [] }))
let devnet: Devnet
let liar: FaultProxy
let mainnetLike: FaultProxy

beforeAll(async () => {
  devnet = await startTestDevnet({ autoProduce: false, periods: 1 })
  liar = await startFaultProxy({ target: devnet.beaconUrl })
  // A beacon API that claims to be mainnet (its spec says chain id 1 and mainnet's genesis).
  mainnetLike = await startFaultProxy({ target: devnet.beaconUrl })
  mainnetLike.setRules([
    { match: /config\/spec/, fault: { kind: 'tamper', transform: tamperJson((j) => void (j.data.DEPOSIT_CHAIN_ID = '1')) } },
  ])
})

afterAll(async () => {
  await liar?.close()
  await mainnetLike?.close()
  await devnet?.stop()
})

const link = (params: Record<string, string | string[]>) => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) for (const value of [v].flat()) q.append(k, value)
  return q
}

describe('prepareConnect', () => {
  it('reads a custom network from its beacon API, to be reviewed, under a free id', async () => {
    const plan = await prepareConnect({ query: link({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot }), networks: builtIns })
    expect(plan.kind).toBe('custom')
    if (plan.kind !== 'custom') return
    expect(plan.facts).toMatchObject({ chainId: devnet.chainId, genesisValidatorsRoot: devnet.genesisValidatorsRoot, genesisTime: devnet.genesisTime, secondsPerSlot: 1 })
    expect(plan.facts.forks[0]).toEqual({ name: 'genesis', version: '0x4c4b0000', epoch: 0 })
    expect(plan.proposed).toMatchObject({ id: 'devnet', kind: 'custom', chainId: devnet.chainId, beaconApis: [devnet.beaconUrl], rpcs: [devnet.rpcUrl], checkpoint: devnet.checkpointRoot })
    expect(plan.existing).toBeUndefined()
    expect(plan.newId).toBe('devnet')

    // The same link again: the existing network is found, nothing differs.
    const again = await prepareConnect({ query: link({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot }), networks: [...builtIns, plan.proposed] })
    expect(again).toMatchObject({ kind: 'custom', newId: 'devnet-2', differences: [] })
    expect(again.kind === 'custom' && again.existing?.id).toBe('devnet')
  })

  it('refuses beacon APIs that describe different chains, naming both', async () => {
    liar.setRules([{ match: /beacon\/genesis/, fault: { kind: 'tamper', transform: tamperJson((j) => void (j.data.genesis_time = '12345')) } }])
    await expect(prepareConnect({ query: link({ network: 'devnet', beacon: [devnet.beaconUrl, liar.url] }), networks: builtIns })).rejects.toMatchObject({
      name: 'ConflictingChainConfigError',
      urls: [devnet.beaconUrl, liar.url],
    })
  })

  it('refuses a custom network that claims a built-in chain id', async () => {
    await expect(prepareConnect({ query: link({ network: 'devnet', beacon: mainnetLike.url }), networks: builtIns })).rejects.toMatchObject({
      name: 'ImpersonatesBuiltInNetworkError',
      field: 'chain id',
    })
  })

  it('for a built-in network shows the build\'s facts and only proposes endpoints and a checkpoint, never reading the link\'s config', async () => {
    const before = liar.log.length
    const networks = builtIns.map((n) => (n.id === 'mainnet' ? { ...n, rpcs: [devnet.rpcUrl] } : n))
    const plan = await prepareConnect({ query: link({ network: 'mainnet', beacon: liar.url, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot }), networks })
    expect(plan).toMatchObject({
      kind: 'builtin',
      network: { id: 'mainnet', name: 'Ethereum mainnet', chainId: 1 },
      facts: { chainId: 1, genesisValidatorsRoot: builtInNetworks[0].genesisValidatorsRoot, genesisTime: 1606824023, secondsPerSlot: 12 },
      beaconApis: [{ url: liar.url, known: false }],
      rpcs: [{ url: devnet.rpcUrl, known: true }],
      checkpoint: devnet.checkpointRoot,
    })
    expect(liar.log.length).toBe(before)
  })

  it('passes link errors through with their class', async () => {
    await expect(prepareConnect({ query: new URLSearchParams('network=devnet&beacon=http://a:1&foo=1'), networks: builtIns })).rejects.toMatchObject({ name: 'UnknownLinkParameterError' })
  })
})
