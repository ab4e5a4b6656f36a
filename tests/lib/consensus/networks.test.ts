import { describe, expect, it } from 'vitest'
import { chainConfigToJson } from '@lodestar/config'
import { sepoliaChainConfig } from '@lodestar/config/networks'
import { InvalidNetworkConfigError, UnknownNetworkError } from '../../../src/lib/consensus/errors.ts'
import { createCustomNetwork, createNetworkConfig, defaultBeaconApis, getNetwork } from '../../../src/lib/consensus/networks.ts'

describe('networks', () => {
  it('knows mainnet, sepolia and hoodi with their genesis validators roots and fork schedules', () => {
    const mainnet = getNetwork({ name: 'mainnet' })
    expect(mainnet.genesisValidatorsRoot).toBe('0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95')
    expect(mainnet.genesisTime).toBe(1606824023)
    const config = createNetworkConfig(mainnet)
    expect(config.getForkName(6209536)).toBe('capella')
    expect(config.getForkName(8626176)).toBe('deneb')
    expect(config.getForkName(11649024)).toBe('electra')
    expect(config.getForkName(13164544)).toBe('fulu')
    expect(getNetwork({ name: 'sepolia' }).genesisValidatorsRoot).toBe('0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078')
    expect(getNetwork({ name: 'hoodi' }).chainConfig.CONFIG_NAME).toBe('hoodi')
  })

  it('ships an editable default list of beacon APIs per public network', () => {
    for (const name of ['mainnet', 'sepolia', 'hoodi'] as const) {
      const network = getNetwork({ name })
      expect(network.beaconApis.length).toBeGreaterThanOrEqual(2)
      network.beaconApis.push('http://mine')
      expect(defaultBeaconApis[name]).not.toContain('http://mine')
    }
    expect(getNetwork({ name: 'mainnet', beaconApis: ['http://a'] }).beaconApis).toEqual(['http://a'])
    expect(() => getNetwork({ name: 'goerli' as never })).toThrow(UnknownNetworkError)
  })

  it('builds a custom network from a spec JSON and genesis data', () => {
    const specJson = chainConfigToJson(sepoliaChainConfig)
    const network = createCustomNetwork({
      name: 'devnet', specJson, genesisValidatorsRoot: '0x' + 'AB'.repeat(32), genesisTime: 1700000000, beaconApis: ['http://127.0.0.1:1'],
    })
    expect(network.genesisValidatorsRoot).toBe('0x' + 'ab'.repeat(32))
    const config = createNetworkConfig(network)
    expect(config.DENEB_FORK_EPOCH).toBe(sepoliaChainConfig.DENEB_FORK_EPOCH)
    expect(() => createCustomNetwork({ name: 'x', specJson, genesisValidatorsRoot: '0x12', genesisTime: 1 })).toThrow(InvalidNetworkConfigError)
    expect(() => createCustomNetwork({ name: 'x', specJson: { SECONDS_PER_SLOT: 'twelve' }, genesisValidatorsRoot: '0x' + '00'.repeat(32), genesisTime: 1 })).toThrow(InvalidNetworkConfigError)
  })
})
