import { describe, expect, it } from 'vitest'
import { defaultBeaconApis } from '../../../src/lib/consensus/networks.ts'
import { defaultRpcs } from '../../../src/lib/rpc/defaultRpcs.ts'
import type { NetworkSettings } from '../../../src/lib/settings/settingsData.ts'
import { defaultEndpointsOf, withDefaultEndpoints } from '../../../src/ui/engine/withDefaultEndpoints.ts'

const mainnet = (extra: Partial<NetworkSettings> = {}): NetworkSettings => ({ id: 'mainnet', name: 'Ethereum mainnet', kind: 'public', chainId: 1, beaconApis: [], rpcs: [], ...extra })

describe('default endpoints of the built-in networks', () => {
  it('ship several beacon APIs and RPCs per network, https only, from different hosts', () => {
    for (const name of ['mainnet', 'sepolia', 'hoodi'] as const) {
      for (const list of [defaultBeaconApis[name], defaultRpcs[name]]) {
        expect(list.length).toBeGreaterThanOrEqual(2)
        // http endpoints would be blocked as mixed content on an https gateway.
        for (const url of list) expect(new URL(url).protocol).toBe('https:')
        expect(new Set(list.map((u) => new URL(u).host)).size).toBe(list.length)
      }
    }
    expect(defaultEndpointsOf({ networkId: 'devnet', kind: 'rpcs' })).toBeUndefined()
  })

  it('settings saved by older versions with empty lists pick up the defaults, marked as such', () => {
    const upgraded = withDefaultEndpoints(mainnet())
    expect(upgraded.beaconApis).toEqual(defaultBeaconApis.mainnet)
    expect(upgraded.rpcs).toEqual(defaultRpcs.mainnet)
    expect(upgraded.userEndpoints).toEqual({ beaconApis: false, rpcs: false })
  })

  it('a list the user set (even before the marker existed) stays the user\'s; the other follows the build', () => {
    const older = withDefaultEndpoints(mainnet({ rpcs: ['https://my.node/rpc'] }))
    expect(older.rpcs).toEqual(['https://my.node/rpc'])
    expect(older.beaconApis).toEqual(defaultBeaconApis.mainnet)
    expect(older.userEndpoints).toEqual({ beaconApis: false, rpcs: true })
    // An emptied list is the user's choice too, not a request for the defaults.
    expect(withDefaultEndpoints(mainnet({ rpcs: [], userEndpoints: { beaconApis: false, rpcs: true } })).rpcs).toEqual([])
  })

  it('defaults saved by an earlier build are replaced by this build\'s', () => {
    const saved = mainnet({ beaconApis: ['https://retired.example'], rpcs: ['https://gone.example'], userEndpoints: { beaconApis: false, rpcs: false } })
    expect(withDefaultEndpoints(saved)).toMatchObject({ beaconApis: defaultBeaconApis.mainnet, rpcs: defaultRpcs.mainnet })
  })

  it('leaves custom networks alone', () => {
    const devnet: NetworkSettings = { id: 'devnet', name: 'Devnet', kind: 'custom', chainId: 1337, beaconApis: [], rpcs: [] }
    expect(withDefaultEndpoints(devnet)).toBe(devnet)
  })
})
