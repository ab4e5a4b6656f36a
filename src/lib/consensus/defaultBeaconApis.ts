export type PublicNetworkName = 'mainnet' | 'sepolia' | 'hoodi'

/**
 * Public beacon APIs, per built-in network, known to serve the light-client routes (bootstrap,
 * updates, finality and optimistic updates) and `/eth/v1/beacon/headers/finalized`, with CORS for
 * browsers; each from a different operator, so that two independent ones can agree on a
 * checkpoint. They are untrusted pipes: every answer is verified. The app and the CLI start from
 * these; the user can edit the list (Network & trust, `--beacon`). (Not probed from the build
 * machine, which has no internet access.)
 */
export const defaultBeaconApis: Readonly<Record<PublicNetworkName, readonly string[]>> = {
  mainnet: [
    'https://ethereum.operationsolarstorm.org', // a16z (Helios' default; a Nimbus node)
    'https://lodestar-mainnet.chainsafe.io', // ChainSafe (Lodestar)
    'https://ethereum-beacon-api.publicnode.com', // Allnodes PublicNode
  ],
  sepolia: [
    'https://lodestar-sepolia.chainsafe.io',
    'https://ethereum-sepolia-beacon-api.publicnode.com',
    'https://sepolia.lightclient.xyz', // lightclient.xyz (listed in s1na/light-sync-endpoints)
  ],
  hoodi: [
    'https://lodestar-hoodi.chainsafe.io',
    'https://ethereum-hoodi-beacon-api.publicnode.com',
  ],
}

export const publicNetworkNames = Object.keys(defaultBeaconApis) as PublicNetworkName[]

export const isPublicNetworkName = (name: string): name is PublicNetworkName => (publicNetworkNames as string[]).includes(name)
