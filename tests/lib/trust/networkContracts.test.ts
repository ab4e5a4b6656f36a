import { describe, expect, it } from 'vitest'
import { BuiltInContractsError, DuplicateLinkParameterError, InvalidContractAddressError } from '../../../src/lib/trust/errors.ts'
import { builtInContracts, getNetworkContracts } from '../../../src/lib/trust/networkContracts.ts'
import { parseConnectLink } from '../../../src/lib/trust/parseConnectLink.ts'
import { restoreBuiltInNetworks } from '../../../src/lib/trust/restoreBuiltInNetworks.ts'

const UR = '0xD89c1432EaA169C54dC7610C744c68a2F4b6B3e5' as const
const FEED = '0xCF9C83be89ac927F9D98F0CaFB9ED7fDea2fD459' as const
const parse = (query: string) => parseConnectLink({ query: new URLSearchParams(query) })
const failure = (query: string) => {
  try {
    parse(query)
  } catch (error) {
    return error
  }
  throw new Error(`"${query}" was accepted`)
}

describe('contracts of a network (ENS Universal Resolver, price feeds)', () => {
  it('a custom network link may propose them', () => {
    expect(parse(`network=devnet&beacon=http://127.0.0.1:9596&ens=${UR}&ethusd=${FEED}`).contracts).toEqual({ ensUniversalResolver: UR, ethUsdFeed: FEED })
    expect(parse('network=devnet&beacon=http://127.0.0.1:9596').contracts).toBeUndefined()
  })

  it('a link cannot set them for a built-in network, nor carry a bad or repeated address', () => {
    expect(failure(`network=mainnet&rpc=https://rpc.example&ens=${UR}`)).toBeInstanceOf(BuiltInContractsError)
    expect(failure(`network=sepolia&rpc=https://rpc.example&ethusd=${FEED}`)).toMatchObject({ name: 'BuiltInContractsError', parameter: 'ethusd' })
    expect(failure(`network=devnet&beacon=http://a:1&ens=${UR.toLowerCase().replace('0xd8', '0xD8').replace('c1', 'C1')}`)).toBeInstanceOf(InvalidContractAddressError)
    expect(failure('network=devnet&beacon=http://a:1&ens=dev.eth')).toMatchObject({ name: 'InvalidContractAddressError', parameter: 'ens' })
    expect(failure(`network=devnet&beacon=http://a:1&ens=${UR}&ens=${UR}`)).toBeInstanceOf(DuplicateLinkParameterError)
  })

  it("a built-in network's contracts are the build's whatever is stored; mainnet's are ENS's and Chainlink's", () => {
    const forged = { id: 'mainnet', kind: 'custom' as const, contracts: { ensUniversalResolver: UR } }
    expect(getNetworkContracts(forged)).toBe(builtInContracts.mainnet)
    expect(builtInContracts.mainnet.ensUniversalResolver).toBe('0xeEeEEEeE14D718C2B47D9923Deab1335E144EeEe')
    expect(builtInContracts.mainnet.priceFeeds?.ethUsd?.address).toBe('0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419')
    expect(getNetworkContracts({ id: 'devnet', kind: 'custom', contracts: { ensUniversalResolver: UR } })).toEqual({ ensUniversalResolver: UR })
    const builtIns = [{ id: 'mainnet', name: 'Ethereum mainnet', kind: 'public' as const, chainId: 1, beaconApis: [], rpcs: [] }]
    const stored = [{ ...builtIns[0]!, contracts: { ensUniversalResolver: UR } }]
    expect(restoreBuiltInNetworks({ networks: stored, builtIns: builtIns as never })[0]).not.toHaveProperty('contracts')
  })
})
