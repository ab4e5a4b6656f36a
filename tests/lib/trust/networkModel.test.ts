import { genesisData, networksChainConfig } from '@lodestar/config/networks'
import { describe, expect, it } from 'vitest'
import type { Hex } from '../../../src/lib/consensus/networks.ts'
import { applyNetworkChange, freeNetworkId } from '../../../src/lib/trust/applyNetworkChange.ts'
import { builtInNetworks } from '../../../src/lib/trust/builtInNetworks.ts'
import { diffNetworks } from '../../../src/lib/trust/diffNetworks.ts'
import { type NetworkEntry, networkLabel } from '../../../src/lib/trust/networkEntry.ts'
import { restoreBuiltInNetworks } from '../../../src/lib/trust/restoreBuiltInNetworks.ts'

const builtIns: NetworkEntry[] = builtInNetworks.map(({ id, name, chainId }) => ({ id, name, kind: 'public', chainId, beaconApis: [], rpcs: [] }))
const devnet: NetworkEntry = {
  id: 'devnet',
  name: 'devnet',
  kind: 'custom',
  chainId: 1337,
  beaconApis: ['http://127.0.0.1:9596'],
  rpcs: ['http://127.0.0.1:8545'],
  checkpoint: `0x${'11'.repeat(32)}`,
  spec: { SECONDS_PER_SLOT: '2', DEPOSIT_CHAIN_ID: '1337' },
  genesisValidatorsRoot: `0x${'22'.repeat(32)}`,
  genesisTime: 1_700_000_000,
}
const mainnetGvr = genesisData.mainnet.genesisValidatorsRoot as Hex

function failure(fn: () => unknown) {
  try {
    fn()
  } catch (error) {
    return error as Error & { shortMessage: string }
  }
  throw new Error('accepted')
}

describe('built-in networks', () => {
  it('are the build\'s: ids, chain ids and genesis validators roots match @lodestar/config', () => {
    for (const n of builtInNetworks) {
      expect(n.chainId).toBe(networksChainConfig[n.id].DEPOSIT_CHAIN_ID)
      expect(n.genesisValidatorsRoot).toBe(genesisData[n.id].genesisValidatorsRoot)
    }
  })

  it('cannot be replaced: adding or updating a custom network under a built-in id is refused', () => {
    const hijack = { ...devnet, id: 'mainnet', name: 'Ethereum mainnet' }
    expect(failure(() => applyNetworkChange({ networks: builtIns, change: { kind: 'addCustom', network: hijack } }))).toMatchObject({ name: 'BuiltInNetworkError', networkId: 'mainnet' })
    expect(failure(() => applyNetworkChange({ networks: builtIns, change: { kind: 'updateCustom', network: hijack } })).name).toBe('BuiltInNetworkError')
  })

  it('take endpoints and a checkpoint, and nothing else', () => {
    let networks = applyNetworkChange({ networks: builtIns, change: { kind: 'addEndpoints', id: 'mainnet', beaconApis: ['http://b:1'], rpcs: ['http://r:1'] } })
    networks = applyNetworkChange({ networks, change: { kind: 'addEndpoints', id: 'mainnet', beaconApis: ['http://b:1/', 'http://b:2'], rpcs: [] } })
    networks = applyNetworkChange({ networks, change: { kind: 'setCheckpoint', id: 'mainnet', checkpoint: devnet.checkpoint } })
    expect(networks[0]).toEqual({ ...builtIns[0], beaconApis: ['http://b:1', 'http://b:2'], rpcs: ['http://r:1'], checkpoint: devnet.checkpoint })
    expect(networks.slice(1)).toEqual(builtIns.slice(1))
  })

  it('come back from storage as the build made them, whatever was stored', () => {
    const stored: NetworkEntry[] = [
      // What an older copy stored after a link "connected" mainnet: a custom chain under mainnet's id.
      { ...devnet, id: 'mainnet', name: 'Ethereum mainnet' },
      // A public entry that someone edited to carry another identity.
      { ...devnet, id: 'sepolia', kind: 'public', name: 'Totally Sepolia', chainId: 1337, beaconApis: ['http://mine:1'] },
      devnet,
      { ...devnet, id: 'fake', name: 'Ethereum Mainnet' },
      { ...devnet, name: 'second devnet with the same id' },
    ]
    const restored = restoreBuiltInNetworks({ networks: stored, builtIns })
    expect(restored.map((n) => n.id)).toEqual(['mainnet', 'sepolia', 'hoodi', 'devnet', 'fake'])
    expect(restored[0]).toEqual(builtIns[0])
    expect(restored[1]).toEqual({ ...builtIns[1], beaconApis: ['http://mine:1'], rpcs: devnet.rpcs, checkpoint: devnet.checkpoint })
    expect(restored[3]).toEqual(devnet)
    expect(restored[4]).toMatchObject({ name: 'fake', kind: 'custom' })
  })
})

describe('custom networks', () => {
  it('are added under their own id; a taken id is refused, freeNetworkId finds another', () => {
    const networks = applyNetworkChange({ networks: builtIns, change: { kind: 'addCustom', network: devnet } })
    expect(networks.at(-1)).toEqual(devnet)
    expect(failure(() => applyNetworkChange({ networks, change: { kind: 'addCustom', network: devnet } }))).toMatchObject({ name: 'NetworkExistsError', networkId: 'devnet' })
    expect(freeNetworkId({ networks, base: 'devnet' })).toBe('devnet-2')
    expect(freeNetworkId({ networks: [...networks, { id: 'devnet-2' }], base: 'devnet' })).toBe('devnet-3')
    expect(freeNetworkId({ networks, base: 'other' })).toBe('other')
  })

  it('are updated only when they exist', () => {
    const networks = applyNetworkChange({ networks: builtIns, change: { kind: 'addCustom', network: devnet } })
    const updated = applyNetworkChange({ networks, change: { kind: 'updateCustom', network: { ...devnet, genesisTime: 1 } } })
    expect(updated.at(-1)?.genesisTime).toBe(1)
    expect(failure(() => applyNetworkChange({ networks, change: { kind: 'updateCustom', network: { ...devnet, id: 'nope', name: 'nope' } } })).name).toBe('UnknownNetworkIdError')
  })

  it('may not pass for a built-in: name, chain id or genesis validators root', () => {
    const add = (network: NetworkEntry) => failure(() => applyNetworkChange({ networks: builtIns, change: { kind: 'addCustom', network } }))
    expect(add({ ...devnet, id: 'ethereum-mainnet', name: 'ethereum-mainnet' })).toMatchObject({ name: 'ImpersonatesBuiltInNetworkError', field: 'name', builtIn: 'Ethereum mainnet' })
    expect(add({ ...devnet, chainId: 1 })).toMatchObject({ name: 'ImpersonatesBuiltInNetworkError', field: 'chain id', builtIn: 'Ethereum mainnet' })
    expect(add({ ...devnet, chainId: 560048 })).toMatchObject({ field: 'chain id', builtIn: 'Hoodi' })
    expect(add({ ...devnet, genesisValidatorsRoot: mainnetGvr.toUpperCase().replace('0X', '0x') as Hex })).toMatchObject({ field: 'genesis validators root' })
    expect(add({ ...devnet, id: 'Bad Id' }).name).toBe('InvalidNetworkIdError')
  })

  it('are always labelled as custom', () => {
    expect(networkLabel(devnet)).toBe('devnet (custom network)')
    expect(networkLabel(builtIns[0])).toBe('Ethereum mainnet')
  })
})

describe('diffNetworks', () => {
  it('lists every changed field, chain config keys one by one', () => {
    const proposed = { ...devnet, genesisTime: 1_800_000_000, spec: { ...devnet.spec, SECONDS_PER_SLOT: '1' }, beaconApis: ['http://other:1'], checkpoint: undefined }
    expect(diffNetworks({ current: devnet, proposed })).toEqual([
      { field: 'genesis time', current: '1700000000', proposed: '1800000000' },
      { field: 'SECONDS_PER_SLOT', current: '2', proposed: '1' },
      { field: 'beacon APIs', current: 'http://127.0.0.1:9596', proposed: 'http://other:1' },
      { field: 'checkpoint', current: devnet.checkpoint, proposed: 'not set' },
    ])
    expect(diffNetworks({ current: devnet, proposed: structuredClone(devnet) })).toEqual([])
  })
})
