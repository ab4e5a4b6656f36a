import type { PublicNetworkName } from '../consensus/networks.ts'

/**
 * Public JSON-RPC endpoints, per built-in network, that answer `eth_getProof` without an API key
 * and allow browser requests from any origin (CORS). Each from a different operator, so one
 * provider's outage or lie leaves others. They are untrusted pipes: every answer is verified and
 * a provider caught with a proof that does not verify is marked faulty. The app and the CLI start
 * from these; the user can edit the list (Network & trust, `--rpc`).
 * (Not probed from the build machine, which has no internet access.)
 */
export const defaultRpcs: Readonly<Record<PublicNetworkName, readonly string[]>> = {
  mainnet: [
    'https://ethereum-rpc.publicnode.com', // Allnodes PublicNode
    'https://eth.drpc.org', // dRPC
    'https://eth.llamarpc.com', // LlamaNodes
    'https://1rpc.io/eth', // Automata 1RPC (the chain is a path segment)
  ],
  sepolia: [
    'https://ethereum-sepolia-rpc.publicnode.com',
    'https://sepolia.drpc.org',
    'https://1rpc.io/sepolia',
  ],
  hoodi: [
    'https://ethereum-hoodi-rpc.publicnode.com',
    'https://hoodi.drpc.org',
    'https://rpc.hoodi.ethpandaops.io', // ethPandaOps (Ethereum Foundation devops)
  ],
}
